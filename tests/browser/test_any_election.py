"""Packages from any election in a real Chromium: the SYNTHETIC minimal, other-currency, extra-column and
log-only packages (tests/fixtures/) each render every page in every UI language with no exception, no
error box, every chart drawn, and no empty label; the chart text names parties and channels, never ids."""

from __future__ import annotations

import pytest

from observer import catalogue, load_package
from observer.i18n import Language, available_languages
from tests.browser.streamlit_driver import ROOT, PROJECTOR, SEL_CHART, Server, free_port, goto, grow_viewport_to_content
from tests.browser.streamlit_driver import SEL_ERROR_ALERT, SEL_EXCEPTION, chart_states, tracker
from tests.browser.test_dashboard import PAGES, active_page, assert_language, page_title

pytestmark = pytest.mark.browser

PORTS = (8710, 8719)
FIXTURES = ("synthetic_minimal", "synthetic_other_currency", "synthetic_extra_columns", "synthetic_log")
LANGUAGES = list(available_languages())

# Every label a chart shows a reader: tick labels, legend entries, data labels (the overview's headline chart
# has its sentence above it instead of a title).
CHART_TEXTS_JS = r"""
() => [...document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')].map(gd => ({
  ticks: [...gd.querySelectorAll('.xtick text, .ytick text')].filter(t => getComputedStyle(t).display !== 'none')
           .map(t => t.textContent),
  legend: [...gd.querySelectorAll('.legendtext')].map(t => t.textContent),
  labels: [...gd.querySelectorAll('.bartext, .textpoint text')].map(t => t.textContent),
  title: (gd.layout.title && gd.layout.title.text) || '',
}))
"""


@pytest.fixture(scope='module', params=FIXTURES)
def package_url(request, artifacts):
    name = request.param
    server = Server('dashboard.py', free_port(*PORTS), artifacts / f'streamlit-{name}.log',
                    ('--server.fileWatcherType', 'none', '--', '--data', str(ROOT / 'tests' / 'fixtures' / name)))
    try:
        server.wait_healthy(timeout=90)
        yield name, server.url
    finally:
        server.stop()


def charted_pages(pkg, L: Language) -> set[str]:
    """The pages that draw at least one chart for this package (the catalogue's charts it has data for)."""
    inputs = catalogue.Inputs(pkg, L)
    return {chart.page for chart in catalogue.CHARTS if chart.available(inputs)}


@pytest.mark.parametrize('lang', LANGUAGES)
def test_every_page_renders_with_names_and_no_empty_label(page, console, package_url, artifacts, lang):
    name, url = package_url
    pkg = load_package(ROOT / 'tests' / 'fixtures' / name)
    L = Language(lang)
    ids = set(pkg.table('parties')['party']) | set(pkg.table('channels')['channel'])
    with_charts = charted_pages(pkg, L)
    page.set_viewport_size(PROJECTOR)
    for page_name, (path, title_key, _) in PAGES.items():
        console.errors.clear()
        goto(page, f'{url}{path}?lang={lang}', timeout_ms=90_000)  # a fresh server's first page on a loaded machine
        assert page_title(page)
        assert_language(page, lang)
        assert active_page(page) == L(title_key)
        grow_viewport_to_content(page)
        page.screenshot(path=str(artifacts / f'{name}-{page_name}-{lang}.png'), full_page=True)
        page_id = next(p.id for p in catalogue_pages() if p.url_path == page_name)
        assert_renders(page, console, page_id in with_charts)
        for chart in page.evaluate(CHART_TEXTS_JS):
            for kind in ('ticks', 'legend'):
                shown = [t for t in chart[kind]]
                assert all(t.strip() for t in shown), f'{name} {page_name} {lang}: an empty {kind} label in {chart["title"]!r}'
                assert not ids & set(shown), f'{name} {page_name} {lang}: an id instead of a name: {ids & set(shown)}'
        if page_id in with_charts:
            assert page.locator(SEL_CHART).count() >= 1


def assert_renders(page, console, must_have_charts: bool) -> None:
    """No exception or error box, no dialog, every chart container holds a drawn chart, no console error.
    (Whether chart text fits at 1280 px is tests/browser/test_chart_text.py's, with the bundled package.)"""
    exceptions = page.locator(SEL_EXCEPTION)
    assert exceptions.count() == 0, f'{page.url} shows an exception: {exceptions.first.inner_text()[:800]}'
    alerts = page.locator(SEL_ERROR_ALERT)
    assert alerts.count() == 0, f'{page.url} shows an error: {alerts.first.inner_text()[:800]}'
    dialogs = page.locator('[role="dialog"]')
    assert dialogs.count() == 0, f'{page.url} opened with a dialog: {dialogs.first.inner_text()[:300]}'
    charts = chart_states(page)
    if must_have_charts:
        assert charts, f'{page.url} shows no Plotly chart: {tracker(page)}'
    not_drawn = [(i, c) for i, c in enumerate(charts) if not c['drawn']]
    assert not not_drawn, f'{page.url}: chart containers without a drawn chart: {not_drawn}'
    assert not console.errors, f'{page.url}: browser console errors: {console.errors}'


def catalogue_pages():
    from ui import pages
    return [p for p in pages.PAGES if p.in_menu]
