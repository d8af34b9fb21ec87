"""The dashboard in a real Chromium: every page in every language draws its charts without errors, and
the things people do in a briefing (navigate, filter, deep-link, download) work."""

from __future__ import annotations

import csv
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from observer import catalogue, load_package
from observer.charts.style import MODEBAR_TEXT
from observer.i18n import Language, available_languages
from tests.browser.conftest import PORTS
from tests.browser.streamlit_driver import (ROOT, SEL_CHART, SEL_ERROR_ALERT, SEL_EXCEPTION, SEL_MAIN, SEL_NAVLINK,
                                            CHART_TEXT_PROBLEMS_JS, PROJECTOR,
                                            Server, chart_data, chart_states, free_port, goto,
                                            grow_viewport_to_content, last_input_ms, pick_other_option, tracker,
                                            wait_settled)
from ui import pages

pytestmark = pytest.mark.browser

# name -> (url path, catalogue key of its sidebar label, whether it must show at least one chart), from the
# dashboard's one page list and the catalogue of figures.
PAGES = {page.url_path: ('/' if page is pages.HOME else f'/{page.url_path}', page.title_key,
                         any(chart.page == page.id for chart in catalogue.CHARTS))
         for page in pages.PAGES if page.in_menu}
LANGUAGES = list(available_languages())  # kk and ru join automatically once their catalogues exist


def heading(page):
    return page.locator(f'{SEL_MAIN} h1').first


def page_title(page) -> str:
    expect(heading(page)).to_be_visible()
    title = heading(page).inner_text().strip()
    assert title, f'{page.url} has an empty title'
    return title


def nav_labels(page, selector: str = SEL_NAVLINK) -> list[str]:
    # The link's text also holds its icon's name; the label is the markdown inside it.
    return [t.strip() for t in page.locator(f'{selector} [data-testid="stMarkdownContainer"]').all_inner_texts()]


def active_page(page) -> str:
    """The sidebar label of the page being shown."""
    expect(page.locator(f'{SEL_NAVLINK}[aria-current="page"]')).to_have_count(1)
    return nav_labels(page, f'{SEL_NAVLINK}[aria-current="page"]')[0]


def assert_language(page, lang: str) -> None:
    """The sidebar speaks the requested language: its picker and its page labels."""
    L = Language(lang)
    picker = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"] input[role="combobox"]')
    expect(picker).to_have_value(available_languages()[lang])
    labels = nav_labels(page)
    assert labels == [L(key) for _, key, _ in PAGES.values()], labels


def assert_page_healthy(page, console, must_have_charts: bool) -> None:
    """No exception or error box, every chart container holds a drawn chart, no console error."""
    exceptions = page.locator(SEL_EXCEPTION)
    assert exceptions.count() == 0, f'{page.url} shows an exception: {exceptions.first.inner_text()[:800]}'
    # The app explains a broken data package with st.error; with the bundled data there is none.
    alerts = page.locator(SEL_ERROR_ALERT)
    assert alerts.count() == 0, f'{page.url} shows an error: {alerts.first.inner_text()[:800]}'
    # Nothing pops up over a page that was just opened (e.g. Streamlit's "Page not found" modal).
    dialogs = page.locator('[role="dialog"]')
    assert dialogs.count() == 0, f'{page.url} opened with a dialog: {dialogs.first.inner_text()[:300]}'
    charts = chart_states(page)
    if must_have_charts:
        assert charts, f'{page.url} shows no Plotly chart: {tracker(page)}'
    not_drawn = [(i, c) for i, c in enumerate(charts) if not c['drawn']]
    assert not not_drawn, f'{page.url}: chart containers without a drawn chart: {not_drawn}'
    unreadable = page.evaluate(CHART_TEXT_PROBLEMS_JS)
    assert not unreadable, f'{page.url}: chart text a reader cannot read (chart, problem, px): {unreadable}'
    assert not console.errors, f'{page.url}: browser console errors: {console.errors}'
    assert not console.external, f'{page.url} fetches from the internet (fails offline): {console.external}'


@pytest.mark.parametrize('lang', LANGUAGES)
@pytest.mark.parametrize('name', PAGES)
def test_page_draws_its_charts(page, console, app_url, artifacts, name, lang):
    path, _, chart_page = PAGES[name]
    page.set_viewport_size(PROJECTOR)  # text that fits a projector fits any wider screen
    goto(page, f'{app_url}{path}?lang={lang}')
    page_title(page)
    assert_language(page, lang)  # ?lang= reached the session
    assert active_page(page) == Language(lang)(PAGES[name][1])
    grow_viewport_to_content(page)
    page.screenshot(path=str(artifacts / f'{name}-{lang}.png'), full_page=True)  # before the checks: kept on failure
    assert_page_healthy(page, console, chart_page)
    if page.locator(SEL_CHART).count():
        # The camera button saves the chart as a PNG named after the chart and the reader's language.
        chart = page.locator(SEL_CHART).first
        chart.scroll_into_view_if_needed()
        chart.hover()
        # The toolbar holds the camera alone, its tooltip in the page's language (Plotly 3 says "PNG").
        tooltip = MODEBAR_TEXT.get(lang, 'Download plot as a PNG')
        assert chart.locator('.modebar-btn').count() == 1
        camera = chart.locator(f'.modebar-btn[data-title="{tooltip}" i]')
        with page.expect_download() as download:
            camera.click()
        saved = download.value
        assert saved.suggested_filename.endswith(f'-{lang}.png'), saved.suggested_filename
        with open(saved.path(), 'rb') as png:
            assert png.read(8) == b'\x89PNG\r\n\x1a\n', f'{saved.suggested_filename} is not a PNG'
        assert not console.errors, f'{page.url}: browser console errors after the PNG export: {console.errors}'


def test_sidebar_navigation_reaches_every_page(page, console, app_url):
    goto(page, f'{app_url}/?lang=en')
    links = page.locator(SEL_NAVLINK)
    labels = nav_labels(page)
    L = Language('en')
    assert sorted(labels) == sorted(L(key) for _, key, _ in PAGES.values()), labels
    # Visit every page through the sidebar and come back to the first.
    for label in labels[1:] + labels[:1]:
        link = links.filter(has_text=label).first
        href = urlparse(link.get_attribute('href')).path
        previous = page_title(page)
        link.click()
        wait_settled(page, since=last_input_ms(page))
        expect(heading(page)).not_to_have_text(previous)  # the new page's title replaced the old one
        page_title(page)
        assert active_page(page) == label
        assert urlparse(page.url).path == href, (page.url, href)
        name = next(n for n, (_, key, _) in PAGES.items() if L(key) == label)
        assert_page_healthy(page, console, PAGES[name][2])


def switch_changes_charts(page, console, url: str, key: str) -> None:
    goto(page, url)
    assert_page_healthy(page, console, True)
    widget = page.locator(f'.st-key-{key}')
    expect(widget, f'no widget with key {key!r} on {url}').to_be_visible()
    before = chart_data(page)
    assert before, f'{url} has no chart to change: {tracker(page)}'
    old, new = pick_other_option(page, key)
    wait_settled(page, since=last_input_ms(page))
    after = chart_data(page)
    assert len(after) == len(before) and any(a != b for a, b in zip(after, before)), \
        f'switching {key} from {old!r} to {new!r} left every chart on {url} unchanged'
    assert_page_healthy(page, console, True)
    # Switching back shows the first figures again.
    pick_other_option(page, key)
    wait_settled(page, since=last_input_ms(page))
    assert chart_data(page) == before, f'switching {key} back to {old!r} did not restore the charts'


def test_tv_measure_changes_chart(page, console, app_url):
    switch_changes_charts(page, console, f'{app_url}/tv-coverage?lang=en', 'tv_measure')


def test_tv_tabs_and_tables_are_drawn_when_opened(page, console, app_url):
    """The share views and the tables are built on the click that opens them: each must then be drawn."""
    goto(page, f'{app_url}/tv-coverage?lang=en')
    assert_page_healthy(page, console, True)
    count = len(chart_states(page))
    has_heatmap = "() => [...document.querySelectorAll('.js-plotly-plot')].some(gd => (gd.data || []).some(t => t.type === 'heatmap'))"
    assert not page.evaluate(has_heatmap)
    page.locator('.st-key-tv_shares_view_en [role="tab"]').nth(1).click()
    wait_settled(page, since=last_input_ms(page))
    assert page.evaluate(has_heatmap), 'the Heatmap tab shows no heatmap'
    assert len(chart_states(page)) == count  # the heatmap took the bars' place
    assert_page_healthy(page, console, True)
    tables = page.locator('[data-testid="stDataFrame"]')
    assert tables.count() == 0
    for key in ('tv_gap_table', 'tv_concentration_table'):
        page.locator(f'.st-key-{key} summary').click()
        wait_settled(page, since=last_input_ms(page))
        expect(page.locator(f'.st-key-{key} [data-testid="stDataFrame"]')).to_be_visible()
    assert tables.count() == 2
    assert_page_healthy(page, console, True)


def test_finance_currency_changes_chart(page, console, app_url):
    switch_changes_charts(page, console, f'{app_url}/campaign-finance?lang=en', 'finance_currency')


def test_deep_link_opens_the_page_on_a_fresh_server(page, console, artifacts):
    """A bookmark opened right after the laptop started the dashboard: the very first session asks for a
    sub-URL, before the navigation script ever ran."""
    server = Server('dashboard.py', free_port(*PORTS), artifacts / 'streamlit-fresh.log',
                    ('--server.fileWatcherType', 'none'))
    try:
        server.wait_healthy(timeout=60)
        goto(page, f'{server.url}/tv-coverage?lang=en')
        page_title(page)
        assert_language(page, 'en')
        assert active_page(page) == Language('en')('common.page_tv')
        assert urlparse(page.url).path == '/tv-coverage', page.url
        assert_page_healthy(page, console, True)
    finally:
        server.stop()


def test_log_tabs_draw_their_charts(page, console, artifacts):
    """A package with a coded log (SYNTHETIC fixture): each of the log's tabs draws its own chart."""
    server = Server('dashboard.py', free_port(*PORTS), artifacts / 'streamlit-log.log',
                    ('--server.fileWatcherType', 'none', '--', '--data',
                     str(ROOT / 'tests' / 'fixtures' / 'synthetic_log')))
    try:
        server.wait_healthy(timeout=60)
        page.set_viewport_size(PROJECTOR)
        goto(page, f'{server.url}/tv-coverage?lang=en')
        assert_page_healthy(page, console, True)
        tabs = page.locator('.st-key-tv_log_view_en [role="tab"]')
        assert tabs.count() == 5
        seen = [chart_data(page)[-1]]  # the log's open view is the page's last chart
        for n in range(1, 5):
            tabs.nth(n).click()
            wait_settled(page, since=last_input_ms(page))
            assert_page_healthy(page, console, True)
            seen.append(chart_data(page)[-1])
        assert all(view not in seen[:n] for n, view in enumerate(seen)), 'two log tabs drew the same chart'
    finally:
        server.stop()


# Resolves once the element's box is the same over two animation frames in a row: an expander that opens
# animates its height, and a click aimed at a button that is still moving lands beside it (no download starts).
STABLE_BOX_JS = """(el) => new Promise(resolve => {
  let last = null, same = 0;
  const step = () => {
    const r = el.getBoundingClientRect();
    const box = [r.x, r.y, r.width, r.height].map(v => Math.round(v * 10)).join(',');
    same = (box === last && r.width > 0 && r.height > 0) ? same + 1 : 0;
    last = box;
    if (same >= 2) resolve(box); else requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
})"""


def click_when_still(locator) -> None:
    """Scroll the element into view, wait until the layout around it stops moving, then click it."""
    locator.scroll_into_view_if_needed()
    locator.evaluate(STABLE_BOX_JS)
    locator.click()


def test_table_download_is_the_package_csv(page, console, app_url):
    goto(page, f'{app_url}/data?lang=en')
    tables = load_package(ROOT / 'data').tables  # the tables the bundled package actually holds
    expanders = page.locator('[data-testid="stExpander"]')
    # Each table sits in its own expander with a download button keyed download-<table>.
    for table in tables:
        button = page.locator(f'.st-key-download-{table} [data-testid="stDownloadButton"]')
        expect(button, f'no download button for the {table} table').to_have_count(1)
        expect(expanders.filter(has=button)).to_have_count(1)

    expander = expanders.filter(has=page.locator('.st-key-download-parties'))
    click_when_still(expander.locator('summary'))
    button = expander.locator('.st-key-download-parties button')
    expect(button).to_be_visible()
    expect(button).to_be_enabled()
    with page.expect_download() as download:
        click_when_still(button)
    saved = download.value
    assert saved.suggested_filename == 'parties.csv'
    with open(saved.path(), encoding='utf-8-sig', newline='') as f:  # the CSV carries a BOM for Excel
        rows = list(csv.reader(f))
    with open(ROOT / 'data' / 'parties.csv', encoding='utf-8-sig', newline='') as f:
        source = list(csv.reader(f))
    assert rows[0] == source[0], rows[0]
    assert rows[0][:2] == ['party', 'name_en']
    assert len(rows) == len(source), (len(rows), len(source))
    assert not console.errors, console.errors


@pytest.mark.parametrize('lang', [code for code in LANGUAGES if code != 'en'])
def test_file_uploader_speaks_the_page_language(page, console, app_url, lang):
    """Streamlit's uploader has fixed English text; the page hides it and relabels the button."""
    goto(page, f'{app_url}/data?lang={lang}')
    uploader = page.locator('[data-testid="stFileUploader"]').first
    expect(uploader).to_be_visible()
    expect(uploader.locator('[data-testid="stFileUploaderDropzoneInstructions"]')).to_be_hidden()
    label = uploader.locator('[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]')
    expect(label.locator('p')).to_be_hidden()  # Streamlit's own 'Upload'
    shown = label.evaluate("e => getComputedStyle(e, '::after').content")
    assert shown == '"' + Language(lang)('data.upload_button') + '"', shown
    assert not console.errors, console.errors


@pytest.mark.parametrize('path', ['/'] + [f'/{p.url_path}' for p in pages.PAGES])
def test_every_address_opens_its_view_without_a_dialog(page, app_url, path):
    """/overview (the home page's own name), every sidebar address and presentation mode open directly:
    no "Page not found" dialog over the title."""
    goto(page, f'{app_url}{path}?lang=kk')
    page.wait_for_timeout(500)  # the frontend's routing dialog comes after the first run
    assert page.locator('[role="dialog"]').count() == 0, path
    assert page.locator(SEL_EXCEPTION).count() == 0, path


MENU_LOOK_JS = """() => [...document.querySelectorAll('[data-testid="stSidebarNavLink"]')].map(a => {
  const label = a.querySelector('[data-testid="stMarkdownContainer"]') || a;
  return [getComputedStyle(a).backgroundColor, getComputedStyle(label).fontWeight];
})"""


def test_the_overview_is_marked_in_the_menu_at_its_own_address(page, app_url):
    """/overview is the home page under its own name: the menu marks it as it does at /, not no item."""
    goto(page, f'{app_url}/?lang=ru')
    at_home = page.evaluate(MENU_LOOK_JS)
    goto(page, f'{app_url}/overview?lang=ru')
    assert page.evaluate(MENU_LOOK_JS) == at_home
    assert at_home[0] != at_home[1]  # the home item looks unlike the others


# Each figure card's value with the tops of the lines it is drawn on.
CARD_VALUES_JS = r"""
() => [...document.querySelectorAll('[class*="st-key-figure_card_"] h2')].map(h => {
    const range = document.createRange();
    range.selectNodeContents(h);
    const tops = new Set([...range.getClientRects()].filter(r => r.width > 1).map(r => Math.round(r.top)));
    return [h.innerText.trim(), tops.size];
  })
"""


@pytest.mark.parametrize('lang', ['ru', 'kk'])
def test_figure_cards_keep_their_value_on_one_line_at_768(page, app_url, lang):
    """Three cards to a row at 768 px left about 200 px for a value: 'примерно 44' broke after 'примерно'."""
    page.set_viewport_size({'width': 768, 'height': 1024})
    goto(page, f'{app_url}/election-process?lang={lang}')
    values = page.evaluate(CARD_VALUES_JS)
    assert len(values) > 20, values
    short = [(text, lines) for text, lines in values if len(text) <= 12 and lines > 1]
    assert not short, f'{lang}: figures broken across lines at 768 px: {short}'
