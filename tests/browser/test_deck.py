"""Presentation mode driven as a deck in Chromium at 1280x720: the keys a clicker and a keyboard send,
Back and Forward (one press, one slide), the language switch on a slide, and every slide fitting the
screen with text readable from the back of a room."""

from __future__ import annotations

import re

import pytest

from observer import load_package
from observer.findings import findings
from observer.i18n import Language
from tests.browser.streamlit_driver import CHART_TEXT_PROBLEMS_JS, ROOT, SEL_EXCEPTION, SEL_MAIN, wait_settled

SCREEN = {'width': 1280, 'height': 720}
TOTAL = len(findings(load_package(ROOT / 'data'), Language('en'))) + 2  # title, findings, sources

COUNTER = '.st-key-present_counter p'

# The slide's size check: the main area does not scroll, the heading's and the chart texts' computed sizes.
MEASURE_JS = r"""
() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const heading = document.querySelector('.st-key-present_slide_body h1, .st-key-present_slide_body h2');
  const texts = [...document.querySelectorAll('[data-testid="stPlotlyChart"] .main-svg text')]
    .filter(t => t.textContent.trim() && t.getBoundingClientRect().width && getComputedStyle(t).display !== 'none')
    .map(t => [t.textContent.trim().slice(0, 40), parseFloat(getComputedStyle(t).fontSize)]);
  const controls = document.querySelector('.st-key-present_next button').getBoundingClientRect();
  const body = document.querySelector('.st-key-present_slide_body').getBoundingClientRect();
  // The heading's words, each with the top of the line it is drawn on: the last line's words.
  const words = [];
  if (heading) {
    const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode());) {
      for (const m of node.textContent.matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        words.push([m[0], Math.round(range.getBoundingClientRect().top)]);
      }
    }
  }
  const lastTop = words.length ? words[words.length - 1][1] : 0;
  return {lastLine: words.filter(([, top]) => Math.abs(top - lastTop) <= 2).map(([w]) => w), words: words.length,
          scroll: main.scrollHeight - main.clientHeight, heading: heading ? parseFloat(getComputedStyle(heading).fontSize) : 0,
          texts, next: [Math.round(controls.left), Math.round(controls.top)],
          bodyBottom: body.bottom, controlsTop: document.querySelector('.st-key-present_controls').getBoundingClientRect().top};
}
"""


def now(page) -> float:
    return page.evaluate('performance.now()')


def counter(page) -> int:
    return int(re.match(r'\d+', page.locator(COUNTER).inner_text().strip()).group())


def settle(page, since: float) -> None:
    wait_settled(page, since)
    assert page.locator(SEL_EXCEPTION).count() == 0, page.locator(SEL_EXCEPTION).first.inner_text()


def open_deck(page, app_url, query='') -> None:
    page.set_viewport_size(SCREEN)
    page.goto(f'{app_url}/present{query}', wait_until='commit')
    settle(page, 0.0)


def press(page, key: str, moves: bool = True) -> None:
    """Press a key; ``moves=False``: at the deck's end, where the key has nothing to do (no run to wait for)."""
    since = now(page)
    page.keyboard.press(key)
    if moves:
        settle(page, since)
    else:
        page.wait_for_timeout(800)
        assert page.evaluate('(since) => !window.__obs.states.some(([t]) => t > since)', since), f'{key} ran the page'


def slide_param(page) -> str | None:
    found = re.search(r'[?&]slide=(\d+)', page.url)
    return found and found.group(1)


def test_keys_step_through_the_deck(page, app_url, console):
    open_deck(page, app_url, '?lang=en')
    assert counter(page) == 1
    steps = [('ArrowRight', 2), ('PageDown', 3), ('Space', 4), ('ArrowLeft', 3), ('PageUp', 2),
             ('End', TOTAL), ('ArrowRight', TOTAL), ('Home', 1), ('ArrowLeft', 1)]
    for key, expected in steps:
        press(page, key, moves=expected != counter(page))
        assert counter(page) == expected, f'after {key}'
    assert not console.errors, console.errors


def test_back_and_forward_step_one_slide_each(page, app_url):
    open_deck(page, app_url, '?lang=en')
    for expected in (2, 3, 4):
        press(page, 'ArrowRight')
        assert counter(page) == expected and slide_param(page) == str(expected)
    for expected in (3, 2, 1):
        since = now(page)
        page.go_back()
        settle(page, since)
        assert counter(page) == expected, 'one Back, one slide'
    since = now(page)
    page.go_forward()
    settle(page, since)
    assert counter(page) == 2 and slide_param(page) == '2'
    # Back from the first slide leaves the deck: no press is lost on an entry that shows the same slide.
    page.go_back()
    page.go_back()
    page.wait_for_url(lambda url: '/present' not in url, timeout=10_000)


def test_the_language_switches_on_the_slide(page, app_url):
    open_deck(page, app_url, '?lang=en&slide=3')
    heading = page.locator('.st-key-present_slide_body h2').inner_text()
    for code, word in (('kk', None), ('ru', None), ('en', heading)):
        since = now(page)
        page.locator(f'.st-key-present_lang_{code} button').first.click()
        settle(page, since)
        assert counter(page) == 3, f'{code}: the slide is kept'
        assert f'lang={code}' in page.url
        text = page.locator('.st-key-present_slide_body h2').inner_text()
        assert (text == word) if word else (re.search('[\u0400-\u04ff]', text) and text != heading)
    # Back returns to the language before, on the same slide.
    since = now(page)
    page.go_back()
    settle(page, since)
    page.wait_for_url(re.compile('lang=ru'))
    assert counter(page) == 3
    assert re.search('[\u0400-\u04ff]', page.locator('.st-key-present_slide_body h2').inner_text())


@pytest.mark.parametrize('lang', ['en', 'kk', 'ru'])
def test_every_slide_fits_the_screen(page, app_url, artifacts, lang):
    open_deck(page, app_url, f'?lang={lang}')
    where = None
    for number in range(1, TOTAL + 1):
        if number > 1:
            press(page, 'ArrowRight')
        assert counter(page) == number
        page.mouse.move(0, 0)
        m = page.evaluate(MEASURE_JS)
        page.screenshot(path=str(artifacts / f'deck-{lang}-{number}.png'))
        assert m['scroll'] <= 0, f'{lang} slide {number} scrolls by {m["scroll"]} px'
        assert m['bodyBottom'] <= m['controlsTop'] + 1, f'{lang} slide {number} runs under the controls'
        assert m['heading'] >= 32, f'{lang} slide {number}: heading {m["heading"]} px'
        # A heading's last line is never one word on its own ('тенге.', 'election.'): it reads as an afterthought.
        assert m['words'] < 4 or len(m['lastLine']) > 1, f'{lang} slide {number}: the heading ends with {m["lastLine"]}'
        small = [t for t in m['texts'] if t[1] < 18]
        assert not small, f'{lang} slide {number}: chart text under 18 px: {small[:5]}'
        # At the slide's larger text, labels the page kept apart can meet ('Всего 98 мандатов' covered
        # 'Максимум в списке: 127' on the Russian slide)
        problems = page.evaluate(CHART_TEXT_PROBLEMS_JS)
        assert not problems, f'{lang} slide {number}: chart text a reader cannot read: {problems}'
        if 1 < number < TOTAL:
            assert m['texts'], f'{lang} slide {number} has no chart'
        assert where in (None, m['next']), f'{lang} slide {number}: the Next button moved'
        where = m['next']
