"""Presentation mode: a title slide, one finding per slide (its sentence as the heading, its chart
beneath), and a sources-and-method slide; no sidebar or app chrome, sized for 1280x720 on a projector.
Stepped with the buttons, the keys a clicker sends, Back and Forward (see ui.deck); the language
switches on any slide and keeps it."""

import textwrap

import streamlit as st

import ui
from observer import slides
from observer.charts.style import SLIDE_WIDTH_PX, for_slide
from observer.findings import findings, period_note
from ui import deck

pkg = ui.package()
L = ui.language()
ui.presentation_chrome()
deck.follow_language()

# A coded log's findings follow the period chosen on the TV page (or in the link): ui.period.
inputs = ui.inputs(pkg).in_period(*ui.period.choose(pkg).narrowed)
found = findings(pkg, L, inputs)
if not found:
    st.info(L("present.nothing"))
    st.stop()

total = len(found) + 2  # the title slide, the findings, the sources
number = deck.current(total)

SCREEN_PX = 720
HEADING_PX, HEADING_LINE = 34, 1.22   # ui.chrome's slide heading
CHROME_PX = 16 + 16 + 84 + 32         # the top padding, the gap under the heading, the controls bar, its gaps
MIN_CHART_PX = 260


def heading_px(text: str) -> int:
    """The heading's height: its lines at the heading's size across the slide (Cyrillic is wider)."""
    per_char = 0.56 if any("\u0400" <= c <= "\u04ff" for c in text) else 0.5
    lines = len(textwrap.wrap(text, int(SLIDE_WIDTH_PX / (HEADING_PX * per_char)))) or 1
    return int(lines * HEADING_PX * HEADING_LINE) + 8


with st.container(key="present_slide_body"):
    if number == 1:
        st.markdown(f"# {ui.plain(L.title(pkg.descriptor, L('overview.title')))}")
        for label, value in slides.title_facts(pkg, L):
            st.markdown(f"**{ui.plain(label)}:** {ui.plain(value)}")
        for title in slides.statement_titles(pkg, L)[:1]:
            st.markdown(ui.plain(title))
        st.caption(L("briefing.lede"))
        if note := period_note(inputs, L):
            st.caption(note)
    elif number == total:
        st.markdown(f"## {L('present.sources_title')}")
        st.markdown(L("present.method"))
        for title in slides.statement_titles(pkg, L):
            st.markdown(f"- {ui.plain(title)}")
        cited = slides.deck_citations([f.figure() for f in found], L)
        st.markdown(f"**{L('present.cited')}** " + " · ".join(ui.plain(c) for c in cited))
    else:
        finding = found[number - 2]
        st.markdown(f"## {ui.sentence(finding.text)}")
        # A sentence too long for the screen (names from an upload can be) leaves the chart its least height.
        height = max(SCREEN_PX - CHROME_PX - heading_px(slides.keep_together(finding.text)), MIN_CHART_PX)
        slide = for_slide(ui.figure(finding.inputs, finding.chart, **finding.selection), height=height)
        ui.chart(slide, f"slide-{number}-{finding.image_name}", L)


def leave() -> None:
    ui.links.switch_page(ui.pages.HOME.script)


deck.controls(number, total, L, leave)
