"""The TV page's monitoring views in Chromium (SYNTHETIC fixture with every monitoring column): a link with
a period reopens it, each monitoring tab draws its chart with no chart text unreadable at a projector's
1280 px, the reliability box shows an alpha per variable, in kk, ru and en. Screenshots (1280x720) land in
test-artifacts/."""

from __future__ import annotations

import pytest

from tests.browser.conftest import PORTS
from tests.browser.streamlit_driver import ROOT, Server, chart_data, free_port, goto, last_input_ms, wait_settled
from tests.browser.test_dashboard import assert_page_healthy

FIXTURE = ROOT / 'tests' / 'fixtures' / 'synthetic_monitoring'
SCREEN = {'width': 1280, 'height': 720}
# The four monitoring tabs come after the log's five.
MONITORING_TABS = range(5, 9)
RELIABILITY = {'en': 'Inter-coder reliability', 'kk': 'Кодтаушылар арасындағы сенімділік',
               'ru': 'Согласованность кодировщиков'}


@pytest.fixture(scope='module')
def monitoring_url(artifacts):
    server = Server('dashboard.py', free_port(*PORTS), artifacts / 'streamlit-monitoring.log',
                    ('--server.fileWatcherType', 'none', '--', '--data', str(FIXTURE)))
    try:
        server.wait_healthy(timeout=90)
        yield server.url
    finally:
        server.stop()


@pytest.mark.parametrize('lang', ['en', 'kk', 'ru'])
def test_monitoring_views_from_a_link_with_a_period(page, console, monitoring_url, artifacts, lang):
    page.set_viewport_size(SCREEN)
    goto(page, f'{monitoring_url}/tv-coverage?lang={lang}&from=2031-02-17&to=2031-02-23', timeout_ms=120_000)
    assert_page_healthy(page, console, True)
    # the address still holds the period, so this view can be shared again
    assert 'from=2031-02-17' in page.url and 'to=2031-02-23' in page.url
    page.screenshot(path=str(artifacts / f'monitoring-{lang}-top.png'))
    tabs = page.locator(f'.st-key-tv_log_view_{lang} [role="tab"]')
    assert tabs.count() == 9
    # the nine tabs wrap within the page at 1280 px: none hides beyond a sideways scroll
    overflow = page.locator(f'.st-key-tv_log_view_{lang} [role="tablist"]').evaluate('e => e.scrollWidth - e.clientWidth')
    assert overflow <= 0, f'the log\'s tabs scroll sideways by {overflow} px'
    seen = []
    for n in MONITORING_TABS:
        tabs.nth(n).click()
        wait_settled(page, since=last_input_ms(page), timeout_ms=120_000)
        assert_page_healthy(page, console, True)
        seen.append(chart_data(page)[-1])
        tabs.nth(n).scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / f'monitoring-{lang}-tab{n}.png'))
    assert all(view not in seen[:n] for n, view in enumerate(seen)), 'two monitoring tabs drew the same chart'
    box = page.locator('.st-key-tv_log_reliability')
    box.scroll_into_view_if_needed()
    assert RELIABILITY[lang] in box.inner_text()
    assert box.locator('[data-testid="stDataFrame"]').count() == 1
    page.screenshot(path=str(artifacts / f'monitoring-{lang}-reliability.png'))
    assert 'from=2031-02-17' in page.url  # clicking tabs keeps the period in the address


SPEECH = {'en': 'Direct speech was', 'kk': 'Тікелей сөз', 'ru': 'Прямая речь составила'}
PERIOD_NOTE = {'en': 'cover items aired from 17', 'kk': 'мониторинг журналынан есептелген',
               'ru': 'по кодированному журналу мониторинга'}


@pytest.mark.parametrize('lang', ['en', 'kk', 'ru'])
def test_the_deck_of_a_week_carries_the_monitoring_findings_and_fits(page, monitoring_url, artifacts, lang):
    from tests.browser.test_deck import MEASURE_JS, counter, open_deck, press

    open_deck(page, monitoring_url, f'?lang={lang}&from=2031-02-17&to=2031-02-23')
    assert PERIOD_NOTE[lang] in page.locator('.st-key-present_slide_body').inner_text().replace('\u00a0', ' ')
    headings = []
    while not page.locator('.st-key-present_next button').is_disabled():
        press(page, 'ArrowRight')
        page.mouse.move(0, 0)
        number = counter(page)
        m = page.evaluate(MEASURE_JS)
        page.screenshot(path=str(artifacts / f'monitoring-deck-{lang}-{number}.png'))
        assert m['scroll'] <= 0, f'{lang} slide {number} scrolls by {m["scroll"]} px'
        assert m['bodyBottom'] <= m['controlsTop'] + 1, f'{lang} slide {number} runs under the controls'
        small = [t for t in m['texts'] if t[1] < 18]
        assert not small, f'{lang} slide {number}: chart text under 18 px: {small[:5]}'
        heading = page.locator('.st-key-present_slide_body h2')
        headings.append(heading.inner_text() if heading.count() else '')
    assert any(SPEECH[lang] in h for h in headings), headings
    assert 'from=2031-02-17' in page.url and 'to=2031-02-23' in page.url
