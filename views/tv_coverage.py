"""TV coverage: how the monitored channels shared their news among the parties. Figures and charts
come from observer.tv and observer.charts.tv; this page only wires filters, context and charts.

With a coded monitoring log (tv_segments) the page also works without published shares (they are then
computed from the log), and a last section shows what the log adds (observer.segments)."""

from typing import NamedTuple

import pandas as pd
import streamlit as st

import ui
from observer import segments, tv
from observer.charts import segments as log_chart_builders
from observer.charts import tv as chart_builders
from observer.facts import Facts

pkg = ui.package()
L = ui.language()
charts = ui.cached(chart_builders)
log_charts = ui.cached(log_chart_builders)
st.title(L("common.page_tv"))
st.caption(L("tv.intro"))


@st.cache_data(show_spinner=False, max_entries=4)
def log_summary(key: tuple, _log: pd.DataFrame) -> pd.DataFrame:
    """The log summed per day, channel, subject, measure, tone and gender: a million segments become a
    few thousand rows once per package, so filters redraw at once. ``key`` names the log cheaply."""
    return segments.summarise(_log)


log = pkg.table(segments.TABLE)
summary = None
if log is not None:
    summary = log_summary((pkg.origin, str(pkg.path), len(log), float(log["seconds"].sum())), log)
tables = {name: pkg.table(name) for name in ("tv_coverage", "parties", "channels")}
if tables["tv_coverage"] is None and summary is not None and tables["parties"] is not None \
        and tables["channels"] is not None:
    tables["tv_coverage"] = segments.to_coverage(
        summary, tables["parties"], tables["channels"],
        source=L("segments.derived_source", file=pkg.file_of(segments.TABLE)))
    # Said at the top: the intro speaks of published shares, these are computed.
    st.info(L("segments.intro_log_only", file=pkg.file_of(segments.TABLE), count=L.number(len(log), 0)))
for name, table in tables.items():
    if table is None:
        ui.missing_table(L, f"{name}.csv")
        st.stop()
coverage, parties, channels = tables["tv_coverage"], tables["parties"], tables["channels"]
channel_names = L.names(channels, "channel")
party_names = L.names(parties, "party", "short")
no_news = tv.no_news_channels(channels)
with_shares = tv.channels_with_shares(channels, coverage)


def names_of(ids, names) -> str:
    return charts.joined_names(L, ids, names)


def context_box(column, label: str, lines: list[str]) -> None:
    with column.container(border=True, height="stretch"):
        st.caption(label)
        st.markdown("  \n".join(lines))


def show_context() -> None:
    """Monitoring period, outlets, tone and who was covered: each box only if its facts exist."""
    facts_table = pkg.table("facts")
    if facts_table is None:
        ui.missing_table(L, "facts.csv")
        return
    facts = Facts(facts_table)
    boxes = []
    start, end = facts.get("monitoring_start"), facts.get("monitoring_end")
    if start and end and start.date is not None and end.date is not None:
        boxes.append((L("tv.period_label"), [f"**{L('tv.period_value', start=L.date(start.date), end=L.date(end.date))}**"]))
    outlets = [L("tv.fact_line", label=fact.label(L), value=f"**{fact.display(L)}**")
               for fact in (facts.get("tv_channels_monitored"), facts.get("online_outlets_monitored")) if fact]
    if no_news:
        key = "tv.no_news_line" if len(no_news) == 1 else "tv.no_news_line_many"
        outlets.append(L(key, channels=names_of(no_news, channel_names)))
    if outlets:
        boxes.append((L("tv.outlets_label"), outlets))
    for fact in (facts.get("news_tone_positive_pct"), facts.get("men_among_covered_pct")):
        if fact:
            boxes.append((fact.label(L), [f"**{fact.display(L)}**"]))
    if boxes:
        widths = [1.5 if len(lines) > 1 else 1 for _, lines in boxes]  # the outlets box holds several lines
        for column, (label, lines) in zip(st.columns(widths), boxes):
            context_box(column, label, lines)


def channel_option(channel: str) -> str:
    name = channel_names.get(channel, channel)
    return L("tv.channel_no_news_option", channel=name) if channel in no_news else name


show_context()

measures = [m for m in tv.MEASURES if m in set(coverage["measure"])] or list(tv.MEASURES)
# ?channels=khabar,ktk&parties=...&measure=... in a shared link reopens this view
ui.link_state("channels", "tv_channels", list(channels["channel"]), with_shares, multi=True)
ui.link_state("parties", "tv_parties", list(parties["party"]), list(parties["party"]), multi=True)
ui.link_state("measure", "tv_measure", measures, measures[0])
# Each filter on its own full-width row, so every chosen channel and party stays readable as a chip.
chosen_channels = st.multiselect(L("tv.filter_channels"), list(channels["channel"]),
                                   format_func=channel_option, placeholder=L("tv.placeholder_channels"),
                                   key="tv_channels")
chosen_parties = st.multiselect(L("tv.filter_parties"), list(parties["party"]),
                                    format_func=lambda p: party_names.get(p, p), placeholder=L("tv.placeholder_parties"),
                                    key="tv_parties")
measure = st.segmented_control(L("tv.filter_measure"), measures, required=True,
                                  format_func=lambda m: charts.measure_label(L, m), key="tv_measure") or measures[0]

shown_channels = [c for c in chosen_channels if c in with_shares]
without_shares = [c for c in chosen_channels if c not in with_shares]
if without_shares:
    key = "tv.only_no_news" if set(without_shares) <= set(no_news) else "tv.no_shares"
    st.info(L(key, channels=names_of(without_shares, channel_names)))
if not chosen_channels:
    st.info(L("tv.pick_channel"))
elif not chosen_parties:
    st.info(L("tv.pick_party"))

if shown_channels and chosen_parties:
    rows = tv.select(coverage, channels=shown_channels, parties=chosen_parties)
    gap_rows = tv.gaps(rows)

    st.header(L("tv.heading_gap"))
    ui.chart(charts.gap_dumbbell(gap_rows, parties, channels, L), "tv-institutional-gap", L)
    st.caption(L("tv.gap_caption"))
    ui.table_on_demand(L("tv.gap_table_expander"), "tv_gap_table",
                       lambda: charts.gap_table(gap_rows, parties, channels, L))

    st.header(L("tv.heading_shares"))
    ui.notes(pkg, "tv", L)  # the statement's own verdict on these shares, next to them
    # Three views of the same shares; only the open one is built and drawn.
    bars_tab, heatmap_tab, deviation_tab = ui.lazy_tabs(
        [L("tv.tab_bars"), L("tv.tab_heatmap"), L("tv.heading_deviation")], "tv_shares_view", L)
    if bars_tab.open:
        with bars_tab:
            ui.chart(charts.share_bars(rows, parties, channels, measure, L), f"tv-shares-{measure}", L)
    if heatmap_tab.open:
        with heatmap_tab:
            # One colour scale for both measures, so switching measure does not silently rescale the colours.
            ui.chart(charts.share_heatmap(rows, parties, channels, measure, L, zmax=rows["share_pct"].max()),
                     f"tv-heatmap-{measure}", L)
    if deviation_tab.open:
        with deviation_tab:
            ui.chart(charts.deviation_bars(rows, parties, channels, measure, L), f"tv-deviation-{measure}", L)

else:
    ui.notes(pkg, "tv", L)

if shown_channels:
    # Concentration is a property of a channel's whole coverage, so every party counts here.
    concentration = tv.concentration(tv.select(coverage, channels=shown_channels))
    st.header(L("tv.heading_concentration"))
    st.markdown(charts.hhi_explainer(L, parties))
    ui.chart(charts.concentration_bars(concentration, parties, channels, L), "tv-concentration", L)
    st.caption(L("tv.concentration_all_parties"))
    ui.table_on_demand(L("tv.concentration_table_expander"), "tv_concentration_table",
                       lambda: charts.concentration_table(concentration, parties, channels, L))


def show_log() -> None:
    """What only a coded log can show: hours, tone, weeks, women shown and non-party subjects."""
    file = pkg.file_of(segments.TABLE)
    count = L.number(len(log), 0)
    st.header(L("segments.heading"))
    if pkg.table("tv_coverage") is not None:
        st.info(L("segments.intro_both", file=file, count=count))
    if not chosen_channels or not chosen_parties:
        return
    ids = list(parties["party"])
    chosen = parties[parties["party"].isin(chosen_parties)]
    rows = segments.in_measure(segments.select(summary, chosen_channels, chosen_parties, all_parties=ids), measure)
    party_rows = segments.parties_only(rows, parties)
    source = L("segments.log_source", file=file, count=count)
    st.caption(L("segments.filters_note", measure=charts.measure_label(L, measure),
                 count=L.number(segments.segment_count(rows), 0),
                 hours=log_charts.hours_text(L, segments.total_hours(rows))))

    views = {"airtime": show_airtime, "tone": show_tone, "weekly": show_weekly, "women": show_women,
             "subjects": show_subjects}
    tabs = ui.lazy_tabs([L(f"segments.heading_{view}") for view in views], "tv_log_view", L)
    for tab, draw in zip(tabs, views.values()):
        if tab.open:  # only the chosen view is built and drawn: a whole mission's log stays quick to open
            with tab:
                draw(LogView(rows, party_rows, chosen, source, file))


class LogView(NamedTuple):
    """What every view of the log needs: the filtered summary, its party rows, the chosen parties."""
    rows: pd.DataFrame
    party_rows: pd.DataFrame
    chosen: pd.DataFrame
    source: str
    file: str


def show_airtime(v: LogView) -> None:
    ui.chart(log_charts.airtime_bars(segments.airtime(v.party_rows, v.chosen), v.chosen, channels, L, v.source,
                                     v.file), f"tv-log-airtime-{measure}", L)


def show_tone(v: LogView) -> None:
    ui.chart(log_charts.tone_bars(segments.tone(v.party_rows, v.chosen), v.chosen, channels, L, v.source, v.file),
             f"tv-log-tone-{measure}", L)
    st.caption(L("segments.tone_caption"))


def show_weekly(v: LogView) -> None:
    ui.chart(log_charts.weekly_bars(segments.weekly(v.party_rows, v.chosen), v.chosen, L, v.source, v.file),
             f"tv-log-weekly-{measure}", L)
    st.caption(L("segments.weekly_caption"))


def show_women(v: LogView) -> None:
    overall = segments.women_overall(v.party_rows)
    ui.chart(log_charts.women_bars(segments.women(v.party_rows), overall, channels, L, v.source, v.file),
             f"tv-log-women-{measure}", L)
    st.caption(L("segments.women_caption", unknown=L.number(overall["unknown"], 0)))


def show_subjects(v: LogView) -> None:
    others = segments.subjects(v.rows, parties)
    if others.empty:
        st.info(L("segments.subjects_none"))
    else:
        ui.chart(log_charts.subjects_bars(others, segments.total_hours(v.party_rows), L, v.source, v.file),
                 f"tv-log-subjects-{measure}", L)
    st.caption(L("segments.subjects_caption"))


if summary is not None:
    show_log()
