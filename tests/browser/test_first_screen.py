"""The first screen carries the finding: on a 1280x720 projector with the sidebar open, every page with
charts shows its key chart (the first) without scrolling, in every language."""

from __future__ import annotations

import pytest

from tests.browser.streamlit_driver import goto
from tests.browser.test_dashboard import LANGUAGES, PAGES

pytestmark = pytest.mark.browser

SCREEN = {'width': 1280, 'height': 720}
# A plot taller than the screen (the TV page's rows of four channels) shows at least this much of itself
# on the first screen: the rows of the channel its title names (gap_dumbbell puts them first).
TALL_PLOT_SHOWN_PX = 300

FIRST_CHART_JS = """() => {
  const chart = document.querySelector('[data-testid="stPlotlyChart"]');
  const plot = chart && chart.querySelector('.nsewdrag');
  if (!plot) return null;
  const c = chart.getBoundingClientRect(), p = plot.getBoundingClientRect();
  return {chart_top: c.top, plot_top: p.top, plot_bottom: p.bottom};
}"""


@pytest.mark.parametrize('lang', LANGUAGES)
@pytest.mark.parametrize('name', [name for name, (_, _, charts) in PAGES.items() if charts])
def test_the_key_chart_is_on_the_first_screen(page, app_url, name, lang):
    path = PAGES[name][0]
    page.set_viewport_size(SCREEN)
    goto(page, f'{app_url}{path}?lang={lang}')
    box = page.evaluate(FIRST_CHART_JS)
    assert box is not None, f'{path} shows no chart'
    height = SCREEN['height']
    assert 0 <= box['chart_top'] < height / 2, f'{path} ({lang}): the key chart starts at {box["chart_top"]:.0f} px'
    if box['plot_bottom'] <= height:
        return
    plot = box['plot_bottom'] - box['plot_top']
    assert plot > height - 200, (f'{path} ({lang}): the key chart\'s plot ends at {box["plot_bottom"]:.0f} px, '
                                 f'below the {height} px screen')
    # taller than any first screen holds: a good part of it, then
    shown = height - box['plot_top']
    assert shown >= TALL_PLOT_SHOWN_PX, f'{path} ({lang}): only {shown:.0f} px of the key chart on screen'
