"""TV coverage: how the monitored channels shared their news among the parties. Figures and charts
come from observer.tv and observer.charts.tv; this page only wires filters, context and charts.

With a coded monitoring log (tv_segments) the page also works without published shares (they are then
computed from the log), and a last section shows what the log adds (observer.segments)."""

import pandas as pd
import streamlit as st

import ui
from observer import catalogue, monitoring, segments, tv
from observer.charts import segments as log_chart_builders
from observer.charts import tv as chart_builders

pkg = ui.package()
L = ui.language()
inputs = ui.inputs(pkg)
st.title(L("common.page_tv"))
st.caption(L("tv.intro"))

log = pkg.table(segments.TABLE)
# ?from=2020-12-10&to=2020-12-16 reopens a weekly report's period: the log's views and any shares computed
# from the log follow it (published shares are as published); so do the overview, the deck and the pack.
period = ui.period.choose(pkg)
period_days, first, last, swapped = period.days, period.first, period.last, period.swapped
if period_days:
    inputs = inputs.in_period(*period.narrowed)
shares = inputs.shares  # published, else computed from the log: observer.shares decides
if shares is not None and shares.from_log:
    # Said at the top: the intro speaks of published shares, these are computed.
    st.info(L("segments.intro_log_only", file=ui.plain(pkg.file_of(segments.TABLE)), count=L.number(len(log), 0)))
for name in ("parties", "channels"):
    if pkg.table(name) is None:
        ui.missing_table(L, f"{name}.csv")
        st.stop()
if shares is None:
    ui.missing_table(L, "tv_coverage.csv")
    st.stop()
coverage, parties, channels = shares.coverage, pkg.table("parties"), pkg.table("channels")
channel_names = L.names(channels, "channel")
party_names = L.names(parties, "party", "short")
no_news = tv.no_news_channels(channels)
with_shares = tv.channels_with_shares(channels, coverage)


def names_of(ids, names) -> str:
    return chart_builders.joined_names(L, ids, names)


def context_box(column, label: str, lines: list[str]) -> None:
    """A bordered box: a label, then lines whose data text the caller has passed through ui.plain."""
    with column.container(border=True, height="stretch"):
        st.caption(ui.plain(label))
        st.markdown("  \n".join(lines))


def show_context() -> None:
    """Monitoring period, outlets, tone and who was covered: each box only if its facts exist."""
    facts_table = pkg.table("facts")
    if facts_table is None:
        ui.missing_table(L, "facts.csv")
        return
    facts = inputs.facts
    boxes = []
    start, end = facts.get("monitoring_start"), facts.get("monitoring_end")
    if start and end and start.date is not None and end.date is not None:
        boxes.append((L("tv.period_label"), [f"**{L('tv.period_value', start=L.date(start.date), end=L.date(end.date))}**"]))
    outlets = [L("tv.fact_line", label=ui.plain(fact.label(L)), value=f"**{fact.display(L)}**")
               for fact in (facts.get("tv_channels_monitored"), facts.get("online_outlets_monitored")) if fact]
    if no_news:
        key = "tv.no_news_line" if len(no_news) == 1 else "tv.no_news_line_many"
        outlets.append(L(key, channels=ui.plain(names_of(no_news, channel_names))))
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


measures = [m for m in tv.MEASURES if m in set(coverage["measure"])] or list(tv.MEASURES)
# ?channels=khabar,ktk&parties=...&measure=... in a shared link reopens this view
ui.link_state("channels", "tv_channels", list(channels["channel"]), with_shares, multi=True)
ui.link_state("parties", "tv_parties", list(parties["party"]), list(parties["party"]), multi=True)
ui.link_state("measure", "tv_measure", measures, measures[0])


def choose_measure() -> str:
    """The measure the shares and the log's views count. Shown above the shares, not above the key chart:
    that chart shows both measures, and a toggle reading "campaign news" above its headline about
    institutional activities told the room the opposite. The options name the measure themselves, so its
    label is for screen readers only."""
    return st.segmented_control(L("tv.filter_measure"), measures, required=True, label_visibility="collapsed",
                                format_func=lambda m: chart_builders.measure_label(L, m),
                                key="tv_measure") or measures[0]


SUMMARY_CHARS = 105  # what the fold's one line holds at 768 px (the bundled choice, 97-102 characters, fits)


def chosen_names(key: str, names: dict) -> str:
    return ui.plain(names_of(st.session_state.get(key) or [], names) or "—")


def chosen_count(key: str, options: list) -> str:
    chosen = st.session_state.get(key) or []
    if not chosen:
        return "—"
    if set(chosen) == set(options):
        return L("tv.filters_all", count=len(chosen))
    return L("tv.filters_some", count=len(chosen), total=len(options))


# The channels and parties folded under a one-line summary of the choice: the page's key chart then reaches
# the first screen of a 1280x720 projector. A fixed key keeps the fold open while choosing.
# The choice named in full, or, where the names would not fit one line, the longer list as a count.
summary_parts = {"channels": chosen_names("tv_channels", channel_names),
                 "parties": chosen_names("tv_parties", party_names)}
counts = {"channels": chosen_count("tv_channels", list(channels["channel"])),
          "parties": chosen_count("tv_parties", list(parties["party"]))}
for part in sorted(summary_parts, key=lambda p: -len(summary_parts[p])):
    if len(L("tv.filters_summary", **summary_parts)) <= SUMMARY_CHARS:
        break
    summary_parts[part] = counts[part]
summary = L("tv.filters_summary", **summary_parts)
with st.expander(summary, key="tv_filters"):
    # Each filter on its own full-width row, so every chosen channel and party stays readable as a chip.
    chosen_channels = st.multiselect(L("tv.filter_channels"), list(channels["channel"]),
                                     format_func=channel_option, placeholder=L("tv.placeholder_channels"),
                                     key="tv_channels")
    chosen_parties = st.multiselect(L("tv.filter_parties"), list(parties["party"]),
                                    format_func=lambda p: party_names.get(p, p),
                                    placeholder=L("tv.placeholder_parties"), key="tv_parties")
    if period_days:
        silence = {str(d.date()) for d in monitoring.silence_days(inputs.facts)}

        def day_option(day: str) -> str:
            text = L.date(pd.Timestamp(day))
            return L("segments.period_silence_option", date=text) if day in silence else text

        from_column, to_column = st.columns(2)
        from_column.selectbox(L("segments.period_from"), period_days, format_func=day_option, key="tv_log_from")
        to_column.selectbox(L("segments.period_to"), period_days, format_func=day_option, key="tv_log_to")
if period_days:
    st.caption(L("segments.period_caption", start=L.date(pd.Timestamp(first)), end=L.date(pd.Timestamp(last))))
    # Only a silence day within the chosen period: the caption describes what the page shows.
    silent = [d for d in monitoring.silence_days(inputs.facts) if first <= str(d.date()) <= last]
    if silent:
        st.caption(L("segments.period_silence", dates=", ".join(L.date(d) for d in silent)))
    if swapped:
        st.info(L("segments.period_swapped", start=L.date(pd.Timestamp(first)), end=L.date(pd.Timestamp(last))))

shown_channels = [c for c in chosen_channels if c in with_shares]
without_shares = [c for c in chosen_channels if c not in with_shares]
if without_shares:
    key = "tv.only_no_news" if set(without_shares) <= set(no_news) else "tv.no_shares"
    st.info(L(key, channels=ui.plain(names_of(without_shares, channel_names))))
if not chosen_channels:
    st.info(L("tv.pick_channel"))
elif not chosen_parties:
    st.info(L("tv.pick_party"))

if shown_channels and chosen_parties:
    chosen = dict(channels=shown_channels, parties=chosen_parties)
    gap_rows = tv.gaps(tv.select(coverage, **chosen))

    # The page's key finding first: its chart's title states it, so no heading above it.
    if gap_rows.empty:  # a package with one measure only: the jump between the two cannot be shown
        st.info(L("tv.gap_one_measure"))
    else:
        ui.draw(inputs, "tv-institutional-gap", **chosen)
        st.caption(L("tv.gap_caption"))
        ui.table_on_demand(L("tv.gap_table_expander"), "tv_gap_table",
                           lambda: chart_builders.gap_table(gap_rows, parties, channels, L))
    show_context()

    st.header(L("tv.heading_shares"))
    ui.notes(pkg, "tv", L)  # the statement's own verdict on these shares, next to them
    measure = choose_measure()
    # Three views of the same shares; only the open one is built and drawn.
    bars_tab, heatmap_tab, deviation_tab = ui.lazy_tabs(
        [L("tv.tab_bars"), L("tv.tab_heatmap"), L("tv.heading_deviation")], "tv_shares_view", L)
    for tab, chart_id in ((bars_tab, "tv-shares"), (heatmap_tab, "tv-heatmap"), (deviation_tab, "tv-deviation")):
        if tab.open:
            with tab:
                ui.draw(inputs, chart_id, measure=measure, **chosen)

else:
    show_context()
    ui.notes(pkg, "tv", L)
    measure = choose_measure()

if shown_channels:
    # Concentration is a property of a channel's whole coverage, so every party counts here.
    concentration = tv.concentration(tv.select(coverage, channels=shown_channels))
    st.header(L("tv.heading_concentration"))
    st.markdown(chart_builders.hhi_explainer(L, parties))
    ui.draw(inputs, "tv-concentration", channels=shown_channels)
    st.caption(L("tv.concentration_all_parties"))
    ui.table_on_demand(L("tv.concentration_table_expander"), "tv_concentration_table",
                       lambda: chart_builders.concentration_table(concentration, parties, channels, L))


def show_log() -> None:
    """What only a coded log can show: hours, tone, weeks, women shown and non-party subjects, and, where
    the log codes them, programme types, direct speech, prime time, outlet types and reliability."""
    file = pkg.file_of(segments.TABLE)
    st.header(L("segments.heading"))
    if not shares.from_log:
        st.info(L("segments.intro_both", file=ui.plain(file), count=L.number(len(log), 0)))
    if not chosen_channels or not chosen_parties:
        show_reliability()
        return
    chosen = dict(channels=chosen_channels, parties=chosen_parties, measure=measure)
    if not period.whole:
        chosen.update(start=period.narrowed[0], end=period.narrowed[1])
    view = catalogue.log_view(inputs, **chosen)
    st.caption(L("segments.filters_note", measure=chart_builders.measure_label(L, measure),
                 count=L.number(segments.segment_count(view.rows), 0),
                 hours=log_chart_builders.hours_text(L, segments.total_hours(view.rows))))

    views = ["airtime", "tone", "weekly", "women", "subjects"] + [
        name for name, column in catalogue.LOG_MONITORING.items() if monitoring.has(log, column)]
    tabs = ui.lazy_tabs([L(f"segments.heading_{name}") for name in views], "tv_log_view", L)
    for tab, name in zip(tabs, views):
        if tab.open:  # only the chosen view is built and drawn: a whole mission's log stays quick to open
            with tab:
                show_log_view(name, view, chosen)
    show_reliability()


CHART_OF = {"programme": "tv-log-programme", "speech": "tv-log-speech", "prime": "tv-log-prime",
            "outlets": "tv-log-outlets"}


def show_log_view(name: str, view: catalogue.LogView, chosen: dict) -> None:
    if name == "subjects" and segments.subjects(view.rows, parties).empty:
        st.info(L("segments.subjects_none"))
    else:
        ui.draw(inputs, CHART_OF.get(name, f"tv-log-{name}"), **chosen)
    caption = {"tone": "segments.tone_caption", "weekly": "segments.weekly_caption",
               "subjects": "segments.subjects_caption", "speech": "segments.speech_caption",
               "outlets": "segments.outlets_caption"}.get(name)
    if name == "women":
        unknown = segments.women_overall(view.party_rows)["unknown"]
        st.caption(L("segments.women_caption", unknown=L.number(unknown, 0)))
    elif name == "programme":
        show_programme_types(view)
    elif name == "prime":
        window = monitoring.prime_window(inputs.facts)
        key = "segments.prime_caption" if window[2] else "segments.prime_caption_default"
        st.caption(L(key, window=log_chart_builders.window_text(L, window)))
    elif caption:
        st.caption(L(caption))


def show_programme_types(view: catalogue.LogView) -> None:
    """Which types the shares count, and free airtime and paid advertising against what the law allots."""
    names = [log_chart_builders.programme_type_name(L, t) for t in segments.PROGRAMME_TYPES]
    st.caption(L("segments.programme_counted", counted=names[0], others=", ".join(names[1:])))
    types = monitoring.programme_types(view.everything, view.chosen)
    against = monitoring.allotted(types, inputs.facts)
    if against.empty:
        return
    sources = "; ".join(dict.fromkeys(inputs.facts.get(f).source for f in against["fact"]))
    st.subheader(L("segments.allotted_heading"))
    st.caption(ui.plain(L("segments.allotted_over", count=L.number(int(against["over"].sum()), 0),
                          source=L.source(sources))))
    st.dataframe(pd.DataFrame({
        L("segments.allotted_channel"): [channel_names.get(c, c) for c in against["channel"]],
        L("segments.allotted_party"): [party_names.get(p, p) for p in against["party"]],
        L("segments.allotted_type"): [log_chart_builders.programme_type_name(L, t) for t in against["programme_type"]],
        L("segments.allotted_minutes"): [L.number(m, 1) for m in against["minutes"]],
        L("segments.allotted_law"): [L.number(m) for m in against["allotted"]],
        L("segments.allotted_verdict"): [L("segments.allotted_verdict_over" if o else "segments.allotted_verdict_within")
                                         for o in against["over"]]}), hide_index=True)


def show_reliability() -> None:
    """The double-coded sample's agreement (Krippendorff's alpha per variable), or that none was measured."""
    with st.container(border=True, key="tv_log_reliability"):
        st.subheader(L("segments.heading_reliability"))
        found = monitoring.package_reliability(pkg, *period.narrowed)
        if found is None:
            st.markdown(L("segments.reliability_none"))
            return
        known = [a for a in found.agreements if a.alpha is not None]
        if known:
            low = min(known, key=lambda a: a.alpha)
            st.markdown(f"**{L('segments.reliability_lowest', variable=L(f'segments.reliability_{low.variable}'), alpha=L.number(low.alpha, 3), reading=L('segments.reading_' + monitoring.reading(low.alpha)))}**")
        st.markdown(L("segments.reliability_intro", items=L.number(found.items, 0), coders=L.number(found.coders, 0)))
        st.dataframe(pd.DataFrame({
            L("segments.col_variable"): [L(f"segments.reliability_{a.variable}") for a in found.agreements],
            L("segments.col_level"): [L(f"segments.level_{a.level}") for a in found.agreements],
            L("segments.col_alpha"): ["—" if a.alpha is None else L.number(a.alpha, 3) for a in found.agreements],
            L("segments.col_reading"): [L("segments.reading_" + (monitoring.reading(a.alpha) or "undefined"))
                                        for a in found.agreements]}), hide_index=True)
        st.caption(L("segments.reliability_thresholds", reliable=L.number(monitoring.RELIABLE, 1),
                     tentative=L.number(monitoring.TENTATIVE, 3)))


if log is not None:
    show_log()
