import streamlit as st

import ui
from observer import candidates as cand
from observer.catalogue import SHARES
from observer.charts import candidates as chart_builders

inputs = ui.page_inputs("common.page_candidates")
pkg, L = inputs.pkg, inputs.L

facts = inputs.facts
lists = pkg.table("candidates")
results = pkg.table("results")

# The page's key finding first: the chart's title states it, so no heading above it.
if lists is None or lists.empty:
    ui.missing_table(L, "candidates.csv")
else:
    ui.draw(inputs, "candidates-per-party")

# A compact row of single figures, each with its source beneath.
profile = [f for f in (facts.get(i) for i in ("minority_russian_pct", "minority_other_pct", "incumbents_on_lists",
                                               "nur_otan_primary_candidates")) if f is not None]
if profile:
    st.header(L("candidates.section_profile"), divider="gray")
    groups = facts.get("minority_other_groups")
    extra = {}
    if groups is not None and groups.value is not None:
        extra["minority_other_pct"] = L("candidates.minority_other_help", groups=groups.display(L))
    # Two to a row, wide enough for 'about 13.8%'; label, figure, note and source each in their own
    # row of columns so the figures line up.
    for start in range(0, len(profile), 2):
        row = profile[start:start + 2]
        for column, fact in zip(st.columns(2, vertical_alignment="bottom"), row):
            column.markdown(ui.plain(fact.label(L)))
        for column, fact in zip(st.columns(2), row):
            column.metric(fact.label(L), fact.display(L), label_visibility="collapsed")
        if any(f.fact in extra for f in row):
            for column, fact in zip(st.columns(2), row):
                column.markdown(extra.get(fact.fact, ""))
        for column, fact in zip(st.columns(2), row):
            ui.source_caption(L, fact.source, column)

women = cand.women(facts)
if not women.empty:
    st.header(L("candidates.section_women"), divider="gray")
    ui.draw(inputs, "candidates-women")
    st.caption(L("candidates.women_note"))
ui.notes(pkg, "candidates", L)

st.header(L("candidates.section_results"), divider="gray")
if results is None or results.empty:
    ui.missing_table(L, "results.csv")
else:
    st.info(L("candidates.results_outside"), icon=":material/info:")
    for source in dict.fromkeys(results["source"]):
        ui.source_caption(L, source)
    ui.draw(inputs, "candidates-results")

    if inputs.has(SHARES):
        st.header(L("candidates.section_coverage"), divider="gray")
        options = cand.measures(inputs.coverage)
        ui.link_state("measure", "candidates_measure", options, options[0])
        measure = st.segmented_control(L("candidates.measure"), options, required=True, key="candidates_measure",
                                       format_func=lambda m: chart_builders.measure_label(m, L))
        measure = measure if measure in options else options[0]
        st.caption(L("candidates.coverage_note"))
        ui.draw(inputs, "candidates-coverage-votes", measure=measure)
