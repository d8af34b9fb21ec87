"""Text from data is always text, in a real browser: a SYNTHETIC package whose every free-text cell carries
markdown, HTML and Streamlit syntax (tests/markup_package.py) is uploaded, then every page and every slide
is opened. None may hold a link, image, bold text or colour made from the data, and the characters show
as typed."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.streamlit_driver import SEL_EXCEPTION, SEL_MAIN, goto, last_input_ms, wait_settled
from tests.browser.test_upload import upload
from tests.loading_cases import zipped
from tests.markup_package import EVIL_HOST, markup_files
from ui.pages import PAGES

pytestmark = pytest.mark.browser

# What markup from the data would have become; every list must stay empty.
MADE_FROM_DATA_JS = r"""
(host) => {
  const root = document.querySelector('[data-testid="stApp"]');
  const text = (e) => (e.textContent || '').trim();
  return {
    links: [...root.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))
             .filter(h => h.includes(host) || h.trim().toLowerCase().startsWith('javascript:')),
    images: [...root.querySelectorAll('img')].map(i => i.getAttribute('src') || '')
              .filter(s => s.includes(host) || s === 'x'),
    chartLinks: root.querySelectorAll('.js-plotly-plot svg a').length,  // not the modebar's buttons
    formatted: [...root.querySelectorAll('strong, b, em, i')].map(text).filter(t => /^(bold|b|em|js|x)$/.test(t)),
    coloured: [...root.querySelectorAll('[data-testid="stMarkdownContainer"] span[style*="color"]')]
                .map(text).filter(t => t === 'x'),
    maths: root.querySelectorAll('.katex').length,
    typed: (root.innerText + ' ' + [...root.querySelectorAll('svg text')].map(text).join(' ')).includes(':red[x]'),
  };
}
"""


def assert_shown_as_typed(page, where: str) -> None:
    wait_settled(page, last_input_ms(page))  # the run that the last click started
    assert page.locator(SEL_EXCEPTION).count() == 0, where
    found = page.evaluate(MADE_FROM_DATA_JS, EVIL_HOST)
    typed = found.pop("typed")
    assert found == {"links": [], "images": [], "chartLinks": 0, "formatted": [], "coloured": [], "maths": 0}, \
        (where, found)
    assert typed, f"{where}: the data's text is not shown as typed"


def test_markup_from_data_is_shown_as_typed_everywhere(page, app_url, tmp_path):
    goto(page, f"{app_url}/data")
    upload(page, tmp_path, "markup.zip", zipped(markup_files()))
    expect(page.locator(SEL_MAIN)).to_contain_text("every table passed the checks", timeout=30_000)
    assert_shown_as_typed(page, "data")
    for entry in [p for p in PAGES if p.in_menu]:
        page.locator('[data-testid="stSidebarNavLink"]').nth(PAGES.index(entry)).click()
        assert_shown_as_typed(page, entry.id)
    # Presentation mode, every slide, stepped through as a presenter does.
    page.locator('[data-testid="stSidebar"] button').filter(has_text="Presentation mode").first.click()
    expect(page.locator(SEL_MAIN)).to_contain_text("1 of", timeout=30_000)
    slides = 0
    while True:
        slides += 1
        assert_shown_as_typed(page, f"slide {slides}")
        forward = page.get_by_role("button", name="Next")
        if forward.is_disabled():
            break
        forward.click()
    assert slides >= 4
