import streamlit as st

import ui
from observer import briefing
from observer.charts import tv as tv_charts
from observer.findings import findings, period_note
from observer.overview import AT_A_GLANCE, at_a_glance

pkg = ui.package()
L = ui.language()
# A coded log's findings follow the period chosen on the TV page (or in the link): ui.period.
inputs = ui.inputs(pkg).in_period(*ui.period.choose(pkg).narrowed)
facts = inputs.facts

st.title(L("overview.title"))
election_day = facts.get("election_date")
if election_day:
    st.markdown(f"### {L('overview.election_of', date=election_day.display(L))}")

figures = at_a_glance(facts)
found = findings(pkg, L, inputs)
# The headline chart's width in its column at 1280 px beside the sidebar, the narrowest it is drawn (below
# 640 px the columns stack): its source line wraps to it.
HEADLINE_PX = 520
# Its plotting area at 768 px, the narrowest: a chart with labels beside its dots widens its axis to fit them.
HEADLINE_PLOT_PX = 320
# The first screen: the figures at a glance beside the headline finding and its chart.
glance, headline = st.columns([4, 8], gap="medium")
with glance:
    if figures:
        ui.figure_list(figures, L)
    elif pkg.table("facts") is not None:
        # A file name and fact ids from the code, not from the data.
        st.info(L("overview.glance_none", table="facts.csv", facts=", ".join(AT_A_GLANCE)))
    else:
        ui.missing_table(L, "facts.csv")
if found:
    with headline:
        first = found[0]
        st.markdown(f"**{ui.sentence(first.text)}**")
        # The sentence above states what the chart shows, so the chart goes without its own title.
        fig = ui.untitled(ui.figure(first.inputs, first.chart, **first.selection), height=420, width=HEADLINE_PX)
        ui.chart(tv_charts.fit_dot_labels(fig, HEADLINE_PLOT_PX), f"overview-{first.image_name}", L)

if found:
    st.header(L("overview.findings"), divider="gray")
    if note := period_note(inputs, L):
        st.caption(note)
    for number, finding in enumerate(found, start=1):
        with st.container(border=True):
            st.markdown(f"**{number}.** {ui.sentence(finding.text)}")
            target = ui.pages.BY_ID[finding.page]
            st.page_link(target.script, label=L("overview.see_page", page=L(target.title_key)),
                         icon=":material/arrow_forward:")

st.header(L("briefing.heading"), divider="gray")
pack, slides = st.columns(2)
# Built only when clicked: the pack carries Plotly's JavaScript and every chart.
pack.download_button(L("briefing.download_html"), lambda: briefing.html_pack(pkg, L, inputs.period).encode("utf-8"),
                     file_name=f"briefing-{L.code}.html", mime="text/html", icon=":material/download:",
                     key="download-briefing-html", width="stretch")
if briefing.chromium():
    slides.download_button(L("briefing.download_pptx"), lambda: briefing.pptx_pack(pkg, L, inputs.period),
                           file_name=f"briefing-{L.code}.pptx", icon=":material/slideshow:",
                           mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
                           key="download-briefing-pptx", width="stretch")
else:
    slides.caption(L("briefing.no_chromium", error="chromium"))
