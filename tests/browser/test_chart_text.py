"""Chart text stays readable on every screen we plan for: at 768 px (a laptop's half screen), 1280 px (the
projector) and 1920 px, in every language, with the bundled package and with the 8-party synthetic one, no
chart text runs off its chart, no data labels collide, and no reference line or its label crosses a data
label (CHART_TEXT_PROBLEMS_JS). Screenshots of each page go to test-artifacts/chart-text/."""

from __future__ import annotations

import pytest

from observer.i18n import available_languages
from tests.browser.conftest import PORTS
from tests.browser.streamlit_driver import (CHART_TEXT_PROBLEMS_JS, ROOT, SEL_EXCEPTION, Server, free_port, goto,
                                            grow_viewport_to_content)
from tests.browser.test_dashboard import PAGES

pytestmark = pytest.mark.browser

WIDTHS = {768: 1024, 1280: 720, 1920: 1080}  # width -> height of the screen
LANGUAGES = list(available_languages())
PACKAGES = {'bundled': (), 'synthetic': ('--', '--data', str(ROOT / 'tests' / 'fixtures' / 'synthetic_election'))}
# Every menu page with charts of its own, and the finance page in euro too, where converted amounts make labels wider.
ADDRESSES = {name: path for name, (path, _, charts) in PAGES.items() if charts}
ADDRESSES['campaign-finance-eur'] = ADDRESSES['campaign-finance'] + '?currency=EUR'
# The overview draws another page's chart (its headline finding's) in a narrow column: checked too.
ADDRESSES['overview'] = '/overview'


@pytest.fixture(scope='module', params=list(PACKAGES))
def served(request, artifacts):
    """One server per package, for the module."""
    name = request.param
    server = Server('dashboard.py', free_port(*PORTS), artifacts / f'streamlit-chart-text-{name}.log',
                    ('--server.fileWatcherType', 'none', *PACKAGES[name]))
    try:
        server.wait_healthy(timeout=60)
        yield name, server.url
    finally:
        server.stop()


@pytest.mark.parametrize('width', list(WIDTHS))
@pytest.mark.parametrize('lang', LANGUAGES)
@pytest.mark.parametrize('address', list(ADDRESSES))
def test_chart_text_is_readable(page, console, served, artifacts, address, lang, width):
    package, url = served
    path = ADDRESSES[address]
    page.set_viewport_size({'width': width, 'height': WIDTHS[width]})
    goto(page, f'{url}{path}{"&" if "?" in path else "?"}lang={lang}')
    assert page.locator(SEL_EXCEPTION).count() == 0, page.locator(SEL_EXCEPTION).first.inner_text()[:800]
    grow_viewport_to_content(page)
    shots = artifacts / 'chart-text'
    shots.mkdir(exist_ok=True)
    page.screenshot(path=str(shots / f'{package}-{address}-{lang}-{width}.png'), full_page=True)
    problems = page.evaluate(CHART_TEXT_PROBLEMS_JS)
    assert not problems, f'{package} {path} {lang} at {width} px: chart text a reader cannot read: {problems}'
