"""Browser Back in Chromium: every view the reader reached (a page from the sidebar, a changed selection,
presentation mode and its slides, leaving it, a switch of language) is one entry in the browser's history, so one press of Back
returns to the view before, its address and its heading; opening a link is one entry too, so Back from it
leaves the dashboard."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from observer.i18n import Language, available_languages
from tests.browser.streamlit_driver import SEL_EXCEPTION, SEL_NAVLINK, goto, pick_other_option, wait_settled
from tests.browser.test_dashboard import assert_language


def now(page) -> float:
    return page.evaluate('performance.now()')


def settle(page, since: float) -> None:
    wait_settled(page, since, timeout_ms=60_000)
    assert page.locator(SEL_EXCEPTION).count() == 0, page.locator(SEL_EXCEPTION).first.inner_text()


def view(page) -> tuple[str, dict, str]:
    """The address's path and parameters, and the page's heading."""
    address = urlparse(page.url)
    return address.path, parse_qs(address.query), page.locator('h1, h2').first.inner_text().strip()


def entries(page) -> int:
    return page.evaluate('history.length')


@pytest.mark.parametrize('lang', ['en', 'kk', 'ru'])
def test_one_back_per_view(page, app_url, lang):
    L = Language(lang)
    goto(page, f'{app_url}/?lang={lang}', timeout_ms=90_000)
    start = entries(page)
    seen = [view(page)]
    assert seen[0][2] == L('overview.title')

    def step(do) -> None:
        since = now(page)
        do()
        settle(page, since)
        seen.append(view(page))
        assert entries(page) == start + len(seen) - 1, f'{seen[-1][0]}: more than one history entry for one step'

    step(lambda: page.locator(SEL_NAVLINK, has_text=L('common.page_tv')).first.click())
    step(lambda: pick_other_option(page, 'tv_measure'))
    step(lambda: page.locator(SEL_NAVLINK, has_text=L('common.page_finance')).first.click())
    paths = [path for path, _, _ in seen]
    assert paths == ['/', '/tv-coverage', '/tv-coverage', '/campaign-finance'], paths
    assert [heading for _, _, heading in seen] == [L('overview.title'), L('common.page_tv'), L('common.page_tv'),
                                                  L('common.page_finance')]
    assert seen[1][1]['measure'] != seen[2][1]['measure'], 'the selection is in the address'
    assert all(params['lang'] == [lang] for _, params, _ in seen), seen
    # One press of Back per step: the view before, its address and its heading.
    for expected in reversed(seen[:-1]):
        since = now(page)
        page.go_back()
        settle(page, since)
        assert view(page) == expected, f'one Back from {seen[-1][0]}'
    # Back from the view the link opened leaves the dashboard.
    page.go_back()
    page.wait_for_url(lambda url: not url.startswith(app_url), timeout=10_000)


def test_one_back_per_view_into_and_out_of_presentation_mode(page, app_url):
    L = Language('en')
    goto(page, f'{app_url}/tv-coverage?lang=en', timeout_ms=90_000)
    start = entries(page)
    seen = [view(page)]

    def step(do) -> None:
        since = now(page)
        do()
        settle(page, since)
        seen.append(view(page))
        assert entries(page) == start + len(seen) - 1, f'{seen[-1][0]}: more than one history entry for one step'

    step(lambda: page.get_by_role('button', name=L('present.toggle')).click())
    step(lambda: page.keyboard.press('ArrowRight'))
    step(lambda: page.locator('.st-key-present_exit button').click())
    assert [path for path, _, _ in seen] == ['/tv-coverage', '/present', '/present', '/'], seen
    assert seen[2][1].get('slide') == ['2'] and seen[1][2] != seen[2][2], seen
    assert seen[3][2] == L('overview.title')
    for expected in reversed(seen[:-1]):
        since = now(page)
        page.go_back()
        settle(page, since)
        assert view(page) == expected, 'one Back, the view before'


def choose_language(page, code: str) -> None:
    """The sidebar's language picker, as a reader uses it: open the list, click the language's name."""
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
    page.get_by_role('option', name=available_languages()[code], exact=True).click()


def test_back_over_a_language_switch_returns_to_the_language_before(page, app_url):
    goto(page, f'{app_url}/tv-coverage?lang=en', timeout_ms=90_000)
    start = entries(page)
    seen = [view(page)]
    since = now(page)
    choose_language(page, 'ru')
    settle(page, since)
    seen.append(view(page))
    assert entries(page) == start + 1, 'one entry for the switch'
    assert [params['lang'] for _, params, _ in seen] == [['en'], ['ru']]
    assert [heading for _, _, heading in seen] == ['TV coverage', Language('ru')('common.page_tv')]
    since = now(page)
    page.go_back()
    settle(page, since)
    assert view(page) == seen[0], 'Back: the page in the language before'
    assert_language(page, 'en')
    since = now(page)
    page.go_forward()
    settle(page, since)
    assert view(page) == seen[1], 'Forward: the language switched to'
    assert_language(page, 'ru')
