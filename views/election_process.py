import streamlit as st

import ui
from observer.catalogue import chart
from observer.charts import process as process_charts

inputs = ui.page_inputs("common.page_process")
pkg, L = inputs.pkg, inputs.L

facts = inputs.facts


def present(*ids: str) -> list:
    """The facts the package has, with a figure or a date, in the order given."""
    return [f for f in (facts.get(i) for i in ids) if f is not None and (f.value is not None or f.date is not None)]


def draw_if_available(chart_id: str) -> bool:
    if not chart(chart_id).available(inputs):
        return False
    ui.draw(inputs, chart_id)
    return True


def note(text: str, *sources: str) -> None:
    """A sentence of the statement that a figure needs beside it, with its citation."""
    with st.container(border=True):
        st.markdown(text)
        for source in dict.fromkeys(s for s in sources if s):
            ui.source_caption(L, source)


WOMEN = ("cec_women", "lower_commissions_women_pct")
COMMISSIONS = ("territorial_commissions", "precinct_commissions", "commission_term_years")
PARTIES = ("party_registration_attempts_since_2016", "new_parties_registered_since_2013",
           "party_applications_2019_2020", "party_applications_returned_2019_2020")
CAMPAIGN = ("gathering_limit", "party_events_attended", "fined_or_detained_ak_zhol_calls", "pollsters_permitted",
            "posts_per_day_adal", "posts_per_day_nur_otan")
COMPLAINTS = ("complaints_considered_before_election_day", "applications_to_cec", "complaints_supreme_court",
              "local_court_complaints", "local_court_complaints_returned")
MISSION = ("observers_odihr", "observers_oscepa", "observers_women_pct", "observer_countries", "mission_core_team",
           "mission_long_term_observers")
CITIZEN = ("cec_observer_resolution", "organisations_changed_statutes", "cso_tax_inspections")
NIGHT = ("tecs_closed_during_tabulation", "tecs_postponed_tabulation")
ENCIRCLEMENT = ("almaty_activists_encircled", "almaty_police_encircling", "almaty_encirclement_hours")
ELECTION_DAY = ("regions_visited",)

PAGE_FACTS = (tuple(process_charts.NOMINATIONS) + tuple(process_charts.CEC_APPOINTED)
              + (process_charts.TABULATION_OBSERVED, process_charts.TABULATION_OPAQUE) + WOMEN + COMMISSIONS
              + PARTIES + CAMPAIGN + COMPLAINTS + MISSION + CITIZEN + NIGHT + ENCIRCLEMENT + ELECTION_DAY)

if not present(*PAGE_FACTS):
    st.info(L("process.no_facts"))
    st.stop()


# --- Election administration: the key finding and its chart first ----------------------------------
women, commissions = present(*WOMEN), present(*COMMISSIONS)
nominations = process_charts.nominations(facts)
cec = process_charts.cec_appointments(facts)[0]
if nominations or cec or women or commissions:
    st.header(L("process.section_administration"), divider="gray")
    if draw_if_available("process-commission-nominations"):
        note(L("process.nominations_note"), *(f.source for f in nominations))
    draw_if_available("process-cec-appointments")
    if women:
        st.subheader(L("process.sub_women"))
        # A count beside shares says what it is out of: "2 of 7", not "2" beside "67.7%".
        cec_women, members = facts.get("cec_women"), facts.get("cec_members")
        shown = {}
        if cec_women is not None and members is not None and cec_women.value is not None and members.value:
            shown["cec_women"] = L("process.cec_women_of", women=cec_women.display(L), members=members.display(L))
        ui.figure_cards(women, L, shown=shown)
    if commissions:
        st.subheader(L("process.sub_commissions"))
        ui.figure_cards(commissions, L)

parties = present(*PARTIES)
if parties:
    st.header(L("process.section_parties"), divider="gray")
    ui.figure_cards(parties, L, per_row=2)

campaign = present(*CAMPAIGN)
if campaign:
    st.header(L("process.section_campaign"), divider="gray")
    ui.figure_cards(campaign, L)

complaints = present(*COMPLAINTS)
if complaints:
    st.header(L("process.section_complaints"), divider="gray")
    ui.figure_cards(complaints, L)
    # What the counts were about, in the statement's order: one box, its sentences and their sources.
    considered = facts.get("complaints_considered_before_election_day")
    supreme, applications = facts.get("complaints_supreme_court"), facts.get("applications_to_cec")
    readings = []
    if applications is not None and applications.value:
        readings.append((L("process.applications_note"), applications.source))
    if considered is not None and considered.value == 0:  # a zero needs the statement's reading of it
        readings.append((L("process.complaints_trust_note"), considered.source))
    if supreme is not None and supreme.value:
        readings.append((L("process.supreme_court_note"), supreme.source))
    if readings:
        note("\n\n".join(text for text, _ in readings), *(source for _, source in readings))

mission, citizen = present(*MISSION), present(*CITIZEN)
if mission or citizen:
    st.header(L("process.section_observers"), divider="gray")
    if mission:
        st.subheader(L("process.sub_mission"))
        ui.figure_cards(mission, L)
    if citizen:
        st.subheader(L("process.sub_citizen"))
        ui.figure_cards(citizen, L)

night, encirclement, visited = present(*NIGHT), present(*ENCIRCLEMENT), present(*ELECTION_DAY)
if chart("process-tabulation").available(inputs) or night or encirclement or visited:
    st.header(L("process.section_election_day"), divider="gray")
    if visited:  # how far the mission's own election-day figures reach, with the regions it visited
        figures = "  \n".join(f"{ui.plain(f.label(L))}: **{f.display(L)}**" for f in visited)
        note(f"{L('process.election_day_caveat')}\n\n{figures}", *(f.source for f in visited))
    draw_if_available("process-tabulation")
    closed, postponed = facts.get("tecs_closed_during_tabulation"), facts.get("tecs_postponed_tabulation")
    if len(night) == 2:
        note(L("process.tabulation_note", closed=closed.display(L), postponed=postponed.display(L)),
             closed.source, postponed.source)
    elif night:
        ui.figure_cards(night, L)
    if encirclement:
        st.subheader(L("process.sub_encirclement"))
        ui.figure_cards(encirclement, L)

ui.notes(pkg, "process", L)
