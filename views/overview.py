import streamlit as st

import ui
from observer.facts import Facts
from observer.overview import at_a_glance

pkg = ui.package()
L = ui.language()
facts = Facts(pkg.table("facts"))

st.title(pkg.descriptor.get(L.column("title")) or L("overview.title"))
election_day = facts.get("election_date")
if election_day:
    st.markdown(f"### {L('overview.election_of', date=election_day.display(L))}")

figures = at_a_glance(facts)
if not figures:
    ui.missing_table(L, "facts.csv")
ui.figure_cards(figures, L)
