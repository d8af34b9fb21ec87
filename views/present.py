"""Presentation mode: one finding per screen, its sentence as the heading and its chart beneath,
stepped through with previous/next; no sidebar or app chrome, readable at 1280x720 on a projector."""

import streamlit as st

import ui
from observer.charts.style import for_slide
from observer.findings import findings

pkg = ui.package()
L = ui.language()
ui.presentation_chrome()

slides = findings(pkg, L, ui.inputs(pkg))
if not slides:
    st.info(L("present.nothing"))
    st.stop()

ui.link_state("slide", "present_slide", [str(n) for n in range(1, len(slides) + 1)], "1")
number = int(st.session_state["present_slide"])
finding = slides[number - 1]


def go(step: int) -> None:
    st.session_state["present_slide"] = str(min(max(number + step, 1), len(slides)))


st.markdown(f"## {ui.plain(finding.text)}")
slide = for_slide(ui.figure(finding.inputs, finding.chart, **finding.selection), height=490)
ui.chart(slide, f"slide-{number}-{finding.image_name}", L)

back, where, forward, leave = st.columns([1, 2, 1, 1], vertical_alignment="center")
back.button(L("present.previous"), icon=":material/arrow_back:", on_click=go, args=(-1,),
            disabled=number == 1, width="stretch", key="present_previous")
where.markdown(L("present.counter", number=L.number(number), total=L.number(len(slides))), text_alignment="center")
forward.button(L("present.next"), icon=":material/arrow_forward:", on_click=go, args=(1,),
               disabled=number == len(slides), width="stretch", type="primary", key="present_next")
if leave.button(L("present.exit"), icon=":material/close_fullscreen:", width="stretch", key="present_exit"):
    st.switch_page(ui.pages.HOME.script)
