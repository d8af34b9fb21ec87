"""Charts of a coded monitoring log (observer.segments): airtime, tone, weeks, women shown and non-party
subjects. Each builder takes the aggregated rows (already filtered to the reader's choice), the parties
and channels tables where it needs names, colours and order, the reader's Language, the source line and
the log's file name, and returns a titled, sourced Plotly figure whose title states the finding."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from observer import segments, tv
from observer.charts import style
from observer.i18n import Language

LABEL_SIZE = 14
ROW_HEIGHT = 34  # px per bar in the horizontal charts: labels inside the bars stay legible
TONE_COLOURS = {"positive": "#009E73", "neutral": "#BBBBBB", "negative": "#D55E00"}  # Okabe–Ito, colour-blind safe
TONE_TEXT = {"positive": "#FFFFFF", "neutral": style.TEXT, "negative": "#FFFFFF"}
SUBJECT_COLOUR = "#6E6E6E"
PARTIES_COLOUR = "#3B3B3B"
INSIDE_MIN_PCT = 7  # a tone share narrower than this has no room for its label


def hours_decimals(values) -> int:
    """One number of decimals for a set of hours, from the largest: 2 below 1 hour (a day's or a small log's
    figures, where one decimal would print 0.0 h for two minutes), 1 below 100 hours, else 0."""
    largest = max((abs(float(v)) for v in values), default=0)
    return 2 if largest < 1 else 1 if largest < 100 else 0


def pct_decimals(values) -> int:
    """One number of decimals for a set of shares, from the largest: 1 below 10%, else 0."""
    return 1 if max((float(v) for v in values), default=0) < 10 else 0


def hours_text(L: Language, hours: float, decimals: int | None = None) -> str:
    """'0.45 h' below an hour, '12.5 h' below 100 hours, '1,234 h' above: the digits a briefing needs. A chart passes one
    ``decimals`` for all its labels (hours_decimals)."""
    decimals = hours_decimals([hours]) if decimals is None else decimals
    return L("segments.hours", value=L.number(float(hours), decimals))


def pct_text(L: Language, value: float, decimals: int | None = None) -> str:
    """A share alone: one decimal below 10%, none above ('8.5%', '42%'); a chart passes one ``decimals``
    for all its labels (pct_decimals)."""
    if decimals is None:
        return L.percent(round(float(value), pct_decimals([value])))
    return L.percent(round(float(value), decimals), decimals)


def subject_name(L: Language, subject: str) -> str:
    """A non-party subject as the catalogue names it (president -> President), else as coded; the row
    that sums the subjects beyond the chart's top ones is called so."""
    if subject == segments.OTHER_SUBJECTS:
        return L("segments.subject_others")
    return L(f"segments.subject_{subject}") if subject in segments.KNOWN_SUBJECTS else subject


def _names(L: Language, parties: pd.DataFrame, channels: pd.DataFrame | None = None) -> tuple[dict, dict]:
    return L.names(parties, "party", "short"), (L.names(channels, "channel") if channels is not None else {})


def _empty(L: Language, source: str, table: str) -> go.Figure:
    return style.apply(go.Figure(), L("segments.no_data_title"), L, source, table, height=260)


# --- airtime --------------------------------------------------------------------------------------

def airtime_bars(rows: pd.DataFrame, parties: pd.DataFrame, channels: pd.DataFrame, L: Language, source: str,
                 table: str = segments.FILE) -> go.Figure:
    """Hours per channel, one bar per party in its colour, each labelled with its hours."""
    if rows.empty or rows["hours"].sum() <= 0:
        return _empty(L, source, table)
    rows = tv.ordered(rows, parties, channels)
    party_names, channel_names = _names(L, parties, channels)
    fig = go.Figure()
    decimals = hours_decimals(rows["hours"])
    style.add_party_bars(fig, rows, "hours", lambda h: hours_text(L, h, decimals), party_names, channel_names,
                         style.party_colors(parties), textangle=0, textfont=dict(size=LABEL_SIZE - 1))
    fig.update_layout(barmode="group", bargap=0.2, bargroupgap=0.05, uniformtext=dict(minsize=10, mode="show"))
    upright = style.upright_if_crowded(fig, 0.2)  # many parties: labels read upwards rather than overlap
    fig.update_yaxes(title_text=L("segments.airtime_axis"), rangemode="tozero",
                     range=[0, float(rows["hours"].max()) * (1.35 if upright else 1.15)])
    return style.apply(fig, airtime_title(rows, parties, channels, L), L, source, table, height=520)


def airtime_title(rows: pd.DataFrame, parties: pd.DataFrame, channels: pd.DataFrame, L: Language) -> str:
    totals = rows.groupby("party", sort=False)["hours"].sum()
    party = totals.idxmax()
    own = rows[rows["party"] == party]
    top = own.loc[own["hours"].idxmax()]
    party_names, channel_names = _names(L, parties, channels)
    decimals = hours_decimals([totals[party]])  # one style in the sentence: the total's
    return L("segments.airtime_title", party=party_names.get(party, party), total=hours_text(L, totals[party], decimals),
             hours=hours_text(L, top["hours"], decimals), channel=channel_names.get(top["channel"], top["channel"]))


# --- tone -----------------------------------------------------------------------------------------

def tone_bars(rows: pd.DataFrame, parties: pd.DataFrame, channels: pd.DataFrame, L: Language, source: str,
              table: str = segments.FILE) -> go.Figure:
    """One 100% bar per channel and party, split positive / neutral / negative, shares printed inside."""
    if rows.empty:
        return _empty(L, source, table)
    rows = tv.ordered(rows, parties, channels)
    party_names, channel_names = _names(L, parties, channels)
    y = [[channel_names.get(c, c) for c in rows["channel"]], [party_names.get(p, p) for p in rows["party"]]]
    fig = go.Figure()
    for tone_ in segments.TONES:
        values = rows[tone_]
        fig.add_bar(y=y, x=values, orientation="h", name=L(f"segments.tone_{tone_}"),
                    marker_color=TONE_COLOURS[tone_], meta={"tone": tone_},
                    text=[pct_text(L, v, 0) if v >= INSIDE_MIN_PCT else "" for v in values],
                    textposition="inside", insidetextanchor="middle",
                    textfont=dict(size=LABEL_SIZE, color=TONE_TEXT[tone_]),
                    customdata=[pct_text(L, v) for v in values],
                    hovertemplate="%{y}: %{customdata}<extra>" + L(f"segments.tone_{tone_}") + "</extra>")
    # legend in reading order (Plotly reverses it for stacked bars)
    fig.update_layout(barmode="stack", bargap=0.25, uniformtext=dict(minsize=11, mode="hide"),
                      legend_traceorder="normal")
    fig.update_xaxes(title_text=L("segments.tone_axis"), ticksuffix=style.percent_suffix(L), range=[0, 100])
    fig.update_yaxes(autorange="reversed", tickfont=dict(size=LABEL_SIZE))
    height = 200 + ROW_HEIGHT * len(rows)
    return style.apply(fig, tone_title(rows, parties, channels, L), L, source, table, height=height)


def tone_title(rows: pd.DataFrame, parties: pd.DataFrame, channels: pd.DataFrame, L: Language) -> str:
    party_names, channel_names = _names(L, parties, channels)
    if rows["negative"].max() > 0:
        top = rows.loc[rows["negative"].idxmax()]
        key = "segments.tone_title_negative"
    else:
        top = rows.loc[rows["positive"].idxmax()]
        key = "segments.tone_title_none"
    return L(key, party=party_names.get(top["party"], top["party"]),
             channel=channel_names.get(top["channel"], top["channel"]),
             negative=pct_text(L, top["negative"]), positive=pct_text(L, top["positive"]))


# --- weeks ----------------------------------------------------------------------------------------

def week_label(L: Language, week: str, start) -> str:
    return L("segments.week_label", week=week.split("-W")[-1].lstrip("0"), start=L.date(start, "medium"))


def weekly_bars(rows: pd.DataFrame, parties: pd.DataFrame, L: Language, source: str,
                table: str = segments.FILE) -> go.Figure:
    """Hours per ISO week, stacked by party in its colour, with the week's total over each bar."""
    if rows.empty:
        return _empty(L, source, table)
    party_names, _ = _names(L, parties)
    colours = style.party_colors(parties)
    weeks = rows.drop_duplicates("week").sort_values("week")
    labels = {w: week_label(L, w, s) for w, s in zip(weeks["week"], weeks["week_start"])}
    fig = go.Figure()
    rank = {p: i for i, p in enumerate(parties["party"])}
    for party in sorted(rows["party"].unique(), key=lambda p: rank.get(p, len(rank))):
        group = rows[rows["party"] == party].sort_values("week")
        fig.add_bar(x=[labels[w] for w in group["week"]], y=group["hours"], name=party_names.get(party, party),
                    marker_color=colours.get(party, style.MUTED), meta={"party": party},
                    customdata=[hours_text(L, h) for h in group["hours"]],
                    hovertemplate="%{x}<br>" + party_names.get(party, party) + ": %{customdata}<extra></extra>")
    totals = rows.groupby("week")["hours"].sum().reindex(weeks["week"])
    fig.add_scatter(x=[labels[w] for w in totals.index], y=totals.to_numpy(), mode="text", showlegend=False,
                    text=[f"<b>{hours_text(L, h, hours_decimals(totals))}</b>" for h in totals], textposition="top center",
                    textfont=dict(size=LABEL_SIZE), hoverinfo="skip", meta={"totals": True}, cliponaxis=False)
    fig.update_layout(barmode="stack", bargap=0.3, legend_traceorder="normal")
    fig.update_yaxes(title_text=L("segments.weekly_axis"), rangemode="tozero", range=[0, float(totals.max()) * 1.15])
    fig.update_xaxes(tickfont=dict(size=LABEL_SIZE - 1))
    return style.apply(fig, weekly_title(rows, parties, L), L, source, table, height=520)


def weekly_title(rows: pd.DataFrame, parties: pd.DataFrame, L: Language) -> str:
    totals = rows.groupby("week")["hours"].sum()
    week = totals.idxmax()
    in_week = rows[rows["week"] == week]
    top = in_week.loc[in_week["hours"].idxmax()]
    party_names, _ = _names(L, parties)
    decimals = hours_decimals([totals[week]])  # one style in the sentence: the week's total's
    return L("segments.weekly_title", week=week.split("-W")[-1].lstrip("0"),
             start=L.date(in_week["week_start"].iloc[0], "medium"), hours=hours_text(L, totals[week], decimals),
             party=party_names.get(top["party"], top["party"]), party_hours=hours_text(L, top["hours"], decimals))


# --- women shown ----------------------------------------------------------------------------------

def women_bars(by_channel: pd.DataFrame, overall: dict, channels: pd.DataFrame, L: Language, source: str,
               table: str = segments.FILE) -> go.Figure:
    """Per cent of women among the people shown, per channel and for all chosen channels together,
    against parity (50%)."""
    rows = by_channel.dropna(subset=["share_pct"])
    if rows.empty or overall.get("share_pct") is None:
        return _empty(L, source, table)
    rows = _by_channel_order(rows, channels)
    channel_names = L.names(channels, "channel")
    names = [channel_names.get(c, c) for c in rows["channel"]] + [f"<b>{L('segments.women_all')}</b>"]
    values = list(rows["share_pct"]) + [overall["share_pct"]]
    counts = list(zip(rows["women"], rows["men"])) + [(overall["women"], overall["men"])]
    fig = go.Figure(go.Bar(
        y=names, x=values, orientation="h", marker_color=[SUBJECT_COLOUR] * len(rows) + [PARTIES_COLOUR],
        text=[pct_text(L, v, pct_decimals(values)) for v in values], textposition="outside", cliponaxis=False,
        textfont=dict(size=LABEL_SIZE), showlegend=False,
        customdata=[L("segments.women_hover", women=L.number(w, 0), men=L.number(m, 0)) for w, m in counts],
        hovertemplate="%{y}: %{text}<br>%{customdata}<extra></extra>"))
    line = dict(dash="dash", color=style.REFERENCE, width=2)
    fig.add_vline(x=50, line=line, layer="below", name="parity")
    fig.add_scatter(x=[None], y=[None], mode="lines", line=line, name=L("segments.women_parity"), hoverinfo="skip",
                    meta={"reference": "parity", "value": 50})
    fig.update_xaxes(title_text=L("segments.women_axis"), ticksuffix=style.percent_suffix(L), range=[0, 100])
    fig.update_yaxes(autorange="reversed", tickfont=dict(size=LABEL_SIZE))
    style.apply(fig, women_title(rows, overall, channels, L), L, source, table,
                height=200 + ROW_HEIGHT * (len(names) + 1))
    style.labels_clear_of_lines(fig, [50], "x")
    return fig


def _by_channel_order(rows: pd.DataFrame, channels: pd.DataFrame) -> pd.DataFrame:
    rank = {c: i for i, c in enumerate(channels["channel"])}
    return rows.assign(_r=rows["channel"].map(rank)).sort_values("_r", kind="stable").drop(columns="_r")


def women_title(rows: pd.DataFrame, overall: dict, channels: pd.DataFrame, L: Language) -> str:
    if len(rows) < 2:
        return L("segments.women_title_one", overall=pct_text(L, overall["share_pct"]))
    low = rows.loc[rows["share_pct"].idxmin()]
    return L("segments.women_title", overall=pct_text(L, overall["share_pct"]),
             channel=L.names(channels, "channel").get(low["channel"], low["channel"]), low=pct_text(L, low["share_pct"]))


# --- non-party subjects ---------------------------------------------------------------------------

def subjects_bars(rows: pd.DataFrame, party_hours: float, L: Language, source: str,
                  table: str = segments.FILE) -> go.Figure:
    """Hours per non-party subject, most first, with all chosen parties together as a darker bar to
    compare against."""
    if rows.empty:
        return _empty(L, source, table)
    names = [subject_name(L, s) for s in rows["subject"]] + [f"<b>{L('segments.subjects_parties')}</b>"]
    values = list(rows["hours"]) + [party_hours]
    fig = go.Figure(go.Bar(
        y=names, x=values, orientation="h", marker_color=[SUBJECT_COLOUR] * len(rows) + [PARTIES_COLOUR],
        text=[hours_text(L, v, hours_decimals(values)) for v in values], textposition="outside", cliponaxis=False,
        textfont=dict(size=LABEL_SIZE), showlegend=False, hovertemplate="%{y}: %{text}<extra></extra>"))
    fig.update_xaxes(title_text=L("segments.subjects_axis"), rangemode="tozero", range=[0, max(values) * 1.2])
    fig.update_yaxes(autorange="reversed", tickfont=dict(size=LABEL_SIZE))
    top = rows.iloc[0]
    decimals = hours_decimals([top["hours"], party_hours])  # one style in the sentence
    title = L("segments.subjects_title", subject=subject_name(L, top["subject"]),
              hours=hours_text(L, top["hours"], decimals), parties=hours_text(L, party_hours, decimals))
    return style.apply(fig, title, L, source, table, height=200 + ROW_HEIGHT * len(names))


# --- the monitoring methodology's views (observer.monitoring) -------------------------------------

# One colour per programme type (Okabe–Ito and greys): news, the counted type, stands out darkest.
PROGRAMME_COLOURS = {"news": "#0072B2", "current_affairs": "#56B4E9", "debate": "#E69F00", "free_airtime": "#009E73",
                     "paid_advertising": "#D55E00", "voter_education": "#CC79A7", "other": "#BBBBBB"}
PROGRAMME_TEXT = {"news": "#FFFFFF", "paid_advertising": "#FFFFFF", "free_airtime": "#FFFFFF"}


def programme_type_name(L: Language, programme_type: str) -> str:
    return L(f"segments.programme_{programme_type}")


def programme_type_bars(rows: pd.DataFrame, parties: pd.DataFrame, channels: pd.DataFrame, L: Language, source: str,
                        table: str = segments.FILE) -> go.Figure:
    """TV airtime per channel and party, stacked by programme type (hours), news first."""
    if rows.empty:
        return _empty(L, source, table)
    party_names, channel_names = _names(L, parties, channels)
    pairs = tv.ordered(rows.drop_duplicates(["channel", "party"])[["channel", "party"]], parties, channels)
    y = [[channel_names.get(c, c) for c in pairs["channel"]], [party_names.get(p, p) for p in pairs["party"]]]
    decimals = hours_decimals(rows.groupby(["channel", "party"])["hours"].sum())
    fig = go.Figure()
    for programme_type in segments.PROGRAMME_TYPES:
        own = rows[rows["programme_type"] == programme_type].set_index(["channel", "party"])["hours"]
        if own.empty:
            continue
        values = [float(own.get((c, p), 0.0)) for c, p in zip(pairs["channel"], pairs["party"])]
        name = programme_type_name(L, programme_type)
        fig.add_bar(y=y, x=values, orientation="h", name=name, marker_color=PROGRAMME_COLOURS[programme_type],
                    meta={"programme_type": programme_type}, textposition="inside", insidetextanchor="middle",
                    text=[hours_text(L, v, decimals) if v > 0 else "" for v in values],
                    textfont=dict(size=LABEL_SIZE - 1, color=PROGRAMME_TEXT.get(programme_type, style.TEXT)),
                    customdata=[hours_text(L, v) for v in values],
                    hovertemplate="%{y}: %{customdata}<extra>" + name + "</extra>")
    fig.update_layout(barmode="stack", bargap=0.25, uniformtext=dict(minsize=10, mode="hide"),
                      legend_traceorder="normal")
    fig.update_xaxes(title_text=L("segments.airtime_axis"), rangemode="tozero")
    fig.update_yaxes(autorange="reversed", tickfont=dict(size=LABEL_SIZE))
    return style.apply(fig, programme_type_title(rows, parties, L), L, source, table,
                       height=200 + ROW_HEIGHT * len(pairs))


def programme_type_title(rows: pd.DataFrame, parties: pd.DataFrame, L: Language) -> str:
    total = rows["hours"].sum()
    news = rows.loc[rows["programme_type"] == segments.NEWS, "hours"].sum()
    share = pct_text(L, 100 * news / total)
    party = outside_news_leader(rows)
    if party is None:
        return L("segments.programme_title_news_only", share=share)
    by_party = outside_news_hours(rows)
    names, _ = _names(L, parties)
    return L("segments.programme_title", share=share, party=names.get(party, party),
             hours=hours_text(L, by_party[party]))


def _party_pct_bars(rows: pd.DataFrame, value: str, hover: list[str], parties: pd.DataFrame, channels: pd.DataFrame,
                    L: Language, axis: str, title: str, source: str, table: str) -> go.Figure:
    """One horizontal bar per channel and party in the party's colour: a per cent, printed beside it."""
    party_names, channel_names = _names(L, parties, channels)
    y = [[channel_names.get(c, c) for c in rows["channel"]], [party_names.get(p, p) for p in rows["party"]]]
    colours = style.party_colors(parties)
    decimals = pct_decimals(rows[value])
    fig = go.Figure(go.Bar(
        y=y, x=rows[value], orientation="h", marker_color=[colours.get(p, style.MUTED) for p in rows["party"]],
        text=[pct_text(L, v, decimals) for v in rows[value]], textposition="outside", cliponaxis=False,
        textfont=dict(size=LABEL_SIZE), showlegend=False, customdata=hover,
        hovertemplate="%{y}: %{text}<br>%{customdata}<extra></extra>"))
    fig.update_xaxes(title_text=axis, ticksuffix=style.percent_suffix(L), range=[0, 110])
    fig.update_yaxes(autorange="reversed", tickfont=dict(size=LABEL_SIZE))
    return style.apply(fig, title, L, source, table, height=200 + ROW_HEIGHT * len(rows))


def extremes(rows: pd.DataFrame, value: str, parties: pd.DataFrame, channels: pd.DataFrame) -> tuple:
    """The highest and the lowest row by ``value``, in the chart's order (the first of a tie)."""
    rows = tv.ordered(rows, parties, channels)
    return rows.loc[rows[value].idxmax()], rows.loc[rows[value].idxmin()]


def outside_news_hours(rows: pd.DataFrame) -> pd.Series:
    """Each party's hours outside news (programme_types rows), in the rows' order."""
    return rows[rows["programme_type"] != segments.NEWS].groupby("party", sort=False)["hours"].sum()


def outside_news_leader(rows: pd.DataFrame) -> str | None:
    """The party with the most airtime outside news (the programme types chart's title names it)."""
    by_party = outside_news_hours(rows)
    return None if by_party.empty else by_party.idxmax()


def _extremes_title(rows: pd.DataFrame, value: str, parties: pd.DataFrame, channels: pd.DataFrame, L: Language,
                    one: str, many: str, **extra) -> str:
    """A title naming the highest row and, when there are two or more, the lowest."""
    party_names, channel_names = _names(L, parties, channels)
    top, low = extremes(rows, value, parties, channels)
    names = dict(party=party_names.get(top["party"], top["party"]),
                 channel=channel_names.get(top["channel"], top["channel"]), pct=pct_text(L, top[value]),
                 low_party=party_names.get(low["party"], low["party"]),
                 low_channel=channel_names.get(low["channel"], low["channel"]), low=pct_text(L, low[value]), **extra)
    return L(one if len(rows) < 2 or top[value] == low[value] else many, **names)


def direct_speech_bars(rows: pd.DataFrame, parties: pd.DataFrame, channels: pd.DataFrame, L: Language, source: str,
                       table: str = segments.FILE) -> go.Figure:
    """Per channel and party: the per cent of its airtime (speech coded) in which it spoke in its own voice."""
    if rows.empty:
        return _empty(L, source, table)
    rows = tv.ordered(rows, parties, channels)
    hover = [L("segments.speech_hover", direct=hours_text(L, d / 3600), total=hours_text(L, t / 3600))
             for d, t in zip(rows["direct_seconds"], rows["coded_seconds"])]
    title = _extremes_title(rows, "direct_pct", parties, channels, L, "segments.speech_title_one",
                            "segments.speech_title")
    return _party_pct_bars(rows, "direct_pct", hover, parties, channels, L, L("segments.speech_axis"), title,
                           source, table)


def window_text(L: Language, window: tuple) -> str:
    """'19:00–23:00' from hours (19.0, 23.0)."""
    def clock(hours: float) -> str:
        minutes = int(round(hours * 60))
        return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"
    return f"{clock(window[0])}–{clock(window[1])}"


def prime_time_bars(rows: pd.DataFrame, parties: pd.DataFrame, channels: pd.DataFrame, L: Language, source: str,
                    window: tuple, table: str = segments.FILE) -> go.Figure:
    """Per channel and party: the per cent of its airtime (with a start time) aired in prime time."""
    if rows.empty:
        return _empty(L, source, table)
    rows = tv.ordered(rows, parties, channels)
    hover = [L("segments.prime_hover", prime=hours_text(L, p / 3600), total=hours_text(L, t / 3600))
             for p, t in zip(rows["prime_seconds"], rows["timed_seconds"])]
    title = _extremes_title(rows, "prime_pct", parties, channels, L, "segments.prime_title_one",
                            "segments.prime_title", window=window_text(L, window))
    return _party_pct_bars(rows, "prime_pct", hover, parties, channels, L,
                           L("segments.prime_axis", window=window_text(L, window)), title, source, table)


def outlet_name(L: Language, outlet_type: str, unit: str) -> str:
    """'Online (items)': an outlet type with the unit its shares are counted in."""
    return L("segments.outlet_with_unit", outlet=L(f"segments.outlet_{outlet_type}"), unit=L(f"segments.unit_{unit}"))


def outlet_bars(rows: pd.DataFrame, parties: pd.DataFrame, L: Language, source: str,
                table: str = segments.FILE) -> go.Figure:
    """Each party's share per outlet type, each outlet type in its own unit: grouped bars, one per party."""
    if rows.empty:
        return _empty(L, source, table)
    party_names, _ = _names(L, parties)
    kinds = rows.drop_duplicates("outlet_type")
    labels = {o: outlet_name(L, o, u) for o, u in zip(kinds["outlet_type"], kinds["unit"])}
    decimals = pct_decimals(rows["share_pct"])
    colours = style.party_colors(parties)
    fig = go.Figure()
    for party in parties["party"]:
        own = rows[rows["party"] == party]
        if own.empty:
            continue
        name = party_names.get(party, party)
        fig.add_bar(x=[labels[o] for o in own["outlet_type"]], y=own["share_pct"], name=name,
                    marker_color=colours.get(party, style.MUTED), meta={"party": party},
                    text=[pct_text(L, v, decimals) for v in own["share_pct"]], textposition="outside",
                    cliponaxis=False, textfont=dict(size=LABEL_SIZE - 1),
                    hovertemplate="%{x}<br>" + name + ": %{text}<extra></extra>")
    fig.update_layout(barmode="group", bargap=0.2, bargroupgap=0.05, uniformtext=dict(minsize=10, mode="show"))
    upright = style.upright_if_crowded(fig, 0.2)
    fig.update_yaxes(title_text=L("segments.outlets_axis"), ticksuffix=style.percent_suffix(L),
                     range=[0, float(rows["share_pct"].max()) * (1.3 if upright else 1.15)])
    return style.apply(fig, outlets_title(rows, parties, L), L, source, table, height=520)


def outlets_title(rows: pd.DataFrame, parties: pd.DataFrame, L: Language) -> str:
    party_names, _ = _names(L, parties)
    leaders = rows.loc[rows.groupby("outlet_type", sort=False)["share_pct"].idxmax()]
    first = leaders.iloc[0]
    if leaders["party"].nunique() == 1 and len(leaders) > 1:
        return L("segments.outlets_title_same", party=party_names.get(first["party"], first["party"]),
                 low=pct_text(L, leaders["share_pct"].min()), high=pct_text(L, leaders["share_pct"].max()))
    top = leaders.loc[leaders["share_pct"].idxmax()]
    return L("segments.outlets_title", party=party_names.get(top["party"], top["party"]),
             pct=pct_text(L, top["share_pct"]), outlet=outlet_name(L, top["outlet_type"], top["unit"]))
