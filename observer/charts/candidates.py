"""Candidate charts: list lengths against the majority, women in public life, results against the
threshold, and coverage against votes. Each title states the finding, built from the data."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from observer import candidates as cand, formatting
from observer.charts import style
from observer.charts.finance import listing, sources
from observer.charts.style import party_colors, party_names
from observer.facts import Fact
from observer.i18n import Language

FADED = 0.35          # opacity of bars for parties that fall short (of a majority, of the threshold)
HIGHLIGHT = "#1a1a1a"
BACKGROUND = "rgba(255,255,255,0.9)"  # behind labels that a reference line would otherwise cross
OTHER = "#a6a6a6"
WOMEN_ROW_PX = 60     # the least height of a row of the women chart: a bar, and the name above the next
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "star", "hexagon", "x", "cross")


def published_decimals(values: pd.Series) -> int:
    """Decimals the figures were published with (9.10 next to 71.09 is read as 2), so all show alike."""
    return max((len(f"{v:.6g}".partition(".")[2]) for v in values.dropna()), default=0)


def _row_height(n: int) -> int:
    return 120 + 62 * n


def _ref_label(fig: go.Figure, name: str, x: float, text: str, *, xref: str = "x",
               yref: str = "paper", y: float = 1.0) -> None:
    """A reference line's label, above the plotting area at the line."""
    fig.add_annotation(name=name, x=x, xref=xref, y=y, yref=yref, yanchor="bottom", xanchor="center",
                       showarrow=False, align="center", font=dict(size=13, color=style.REFERENCE), text=text)


# ---------------------------------------------------------------- candidates per party

def per_party_title(frame: pd.DataFrame, names: dict, seats: float | None, L: Language) -> str:
    total = len(frame)
    if not seats:
        top = frame.iloc[0]
        return L("candidates.title_lists_top", party=names.get(top["party"], top["party"]),
                 count=L.number(top["candidates"]))
    winners = frame[frame["can_win_majority"].astype(bool)]
    listed = listing([L("candidates.name_count", party=names.get(p, p), count=L.number(c))
                      for p, c in zip(winners["party"], winners["candidates"])], L)
    values = dict(count=L.number(len(winners)), total=L.number(total), majority=L.number(cand.majority(seats)),
                  seats=L.number(seats), parties=listed)
    if winners.empty:
        return L("candidates.title_lists_none", **values)
    if len(winners) == total:
        return L("candidates.title_lists_all", **values)
    return L("candidates.title_lists_some" if cand.only(len(winners), total) else "candidates.title_lists_many", **values)


def per_party(candidates: pd.DataFrame, parties: pd.DataFrame, L: Language, *, seats: Fact | None = None,
              list_max: Fact | None = None, table: str = "candidates.csv, facts.csv") -> go.Figure:
    """Candidates per party as horizontal bars, with lines at the majority, the seats and the list maximum.

    Parties that could win a majority on their own are drawn solid and labelled; the others faded.
    """
    seats_value = seats.value if seats is not None else None
    frame = cand.per_party(candidates, seats_value)
    names, colors = party_names(parties, L), party_colors(parties)
    can_win = [bool(v) if not pd.isna(v) else True for v in frame["can_win_majority"]]
    fig = go.Figure(go.Bar(
        x=frame["candidates"], y=[names.get(p, p) for p in frame["party"]], orientation="h", meta="candidates",
        marker=dict(color=[colors.get(p, OTHER) for p in frame["party"]],
                    opacity=[1.0 if w else FADED for w in can_win], line=dict(color=style.REFERENCE, width=0)),
        text=[L("candidates.label_majority_possible", count=L.number(c)) if seats_value and w else L.number(c)
              for c, w in zip(frame["candidates"], can_win)],
        textposition=["inside" if seats_value and w else "outside" for w in can_win],
        insidetextanchor="end", textfont=dict(size=15), cliponaxis=False, showlegend=False,
        hovertemplate="%{y}: %{x}<extra></extra>",
    ))
    lines = []
    if seats_value:
        lines.append(("majority", cand.majority(seats_value), L("candidates.line_majority",
                                                               count=L.number(cand.majority(seats_value))), "dash"))
        lines.append(("seats", seats_value, L("candidates.line_seats", count=L.number(seats_value)), "solid"))
    if list_max is not None and list_max.value:
        lines.append(("list_max", list_max.value, L("candidates.line_list_max", count=L.number(list_max.value)), "dot"))
    for name, x, text, dash in lines:
        # Below the bars: the lines show between them and never cross a bar's label.
        fig.add_vline(x=x, line=dict(color=style.REFERENCE, width=2, dash=dash), name=name, layer="below")
        _ref_label(fig, name, x, "<br>".join(style.wrap(text, 20)))
    title = per_party_title(frame, names, seats_value, L)
    style.apply(fig, title, L, sources(frame["source"], seats, list_max), table, height=_row_height(len(frame)) + 40)
    top = max([float(frame["candidates"].max())] + [float(x) for _, x, _, _ in lines])
    fig.update_xaxes(range=[0, top * 1.08], title_text=L("candidates.axis_candidates"))
    _keep_labels_inside(fig, top * 1.08)
    raised = _stagger_labels(fig, [name for name, _, _, _ in lines], top * 1.08)
    style.labels_clear_of_lines(fig, [x for _, x, _, _ in lines], "x")
    fig.update_yaxes(autorange="reversed", tickfont=dict(size=16))
    fig.update_layout(margin_t=fig.layout.margin.t + 20 + raised)
    if raised:  # the title keeps its place above the raised labels, with a little room to spare
        raised += 8
        fig.update_layout(margin_t=fig.layout.margin.t + 8)
        for note in fig.layout.annotations:
            if note.name == "title":
                note.update(yshift=note.yshift + raised)
        fig.update_layout(height=fig.layout.height + raised)
    return fig


REF_LINE_PX = 21  # height of a line of a reference label (13 px), with Plotly's padding


def _stagger_labels(fig: go.Figure, names: list[str], axis_max: float) -> float:
    """Reference labels above the plot whose lines are close would be drawn over each other on a narrow
    chart: each one that would touch the one before it goes up a row. Returns the px they rose."""
    px_per_unit = max(200.0, style.NARROWEST_PLOT_PX - style.left_labels_px(fig)) / axis_max
    notes = sorted((a for a in fig.layout.annotations if a.name in names), key=lambda a: a.x)
    spans = []
    for note in notes:
        width = style._label_width_px(note.text.replace("<br>", "\n"), 13) + 8
        left = note.x * px_per_unit - style.ANCHOR_SHARE[note.xanchor or "center"] * width
        spans.append((left, left + width, REF_LINE_PX * (note.text.count("<br>") + 1)))
    shifts = style.stagger(spans)
    for note, shift in zip(notes, shifts):
        if shift:
            note.update(yshift=shift)
    return max(shifts, default=0.0)


EDGE = 0.15  # a reference label this close to either end of the axis (share of its range) is not centred


def _keep_labels_inside(fig: go.Figure, axis_max: float) -> None:
    """A reference label centred on a line near the axis' right end would run off the chart: it ends at
    the line instead (and near the left end, starts at it)."""
    for note in fig.layout.annotations:
        if note.xref == "x" and note.x is not None and axis_max:
            if note.x > (1 - EDGE) * axis_max:
                note.update(xanchor="right", align="right")
            elif note.x < EDGE * axis_max:
                note.update(xanchor="left", align="left")


# ---------------------------------------------------------------- women in public life

def women_title(frame: pd.DataFrame, L: Language) -> str:
    rows = frame.set_index("key")
    if "candidates" not in rows.index:
        top = frame.iloc[0]
        return L("candidates.title_women_generic", label=top["label_fact"].label(L), pct=L.percent(top["pct"], 1))
    now = rows.loc["candidates"]
    if pd.notna(now["count"]):
        text = L("candidates.title_women_counts", pct=L.percent(now["pct"]), count=L.number(now["count"]),
                 total=L.number(now["total"]))
    else:
        text = L("candidates.title_women", pct=L.percent(now["pct"]))
    if "candidates_prev" in rows.index:
        prev = rows.loc["candidates_prev", "pct"]
        key = "title_women_up" if now["pct"] > prev else "title_women_down" if now["pct"] < prev else "title_women_same"
        text = L(f"candidates.{key}", start=text, prev=L.percent(prev))
    return text


TOP_OF_ROWS = -0.75  # the women chart's y axis from the last row's bar up to the first row's name, top


def women(frame: pd.DataFrame, L: Language, *, quota: Fact | None = None,
          table: str = "facts.csv") -> go.Figure:
    """Women's share of candidates and of other public bodies, one bar each, counts in the labels.

    Each body's name is written above its bar rather than beside it, so the long names do not
    squeeze the plot (and the title and source line above and below it) to the right.
    """
    labels = [f.label(L) for f in frame["label_fact"]]
    text = []
    # One number of decimals for the chart (formatting's policy): 25% published beside 28.8% shows as 25.0%.
    decimals = formatting.common_decimals([round(float(p), 1) for p in frame["pct"]], 1)
    for pct, count, total in zip(frame["pct"], frame["count"], frame["total"]):
        shown = L.percent(round(float(pct), decimals), decimals)
        if pd.notna(count):
            shown = L("candidates.label_of", pct=shown, count=L.number(count), total=L.number(total))
        text.append(shown)
    rows = list(range(len(frame)))
    fig = go.Figure(go.Bar(
        x=frame["pct"], y=rows, orientation="h", meta="women", width=0.5,
        marker=dict(color=[HIGHLIGHT if h else OTHER for h in frame["highlight"]]),
        text=text, textposition="none", showlegend=False,
        customdata=[f"{label}: {shown}" for label, shown in zip(labels, text)],
        hovertemplate="%{customdata}<extra></extra>",
    ))
    # The list quota applies to party lists: its line runs down from the top through the rows of this election's
    # candidates only, not across the commissions, akims and ministers it says nothing about.
    quota_value = quota.value if quota is not None else None
    on_lists = [row for row, on in zip(rows, frame["on_lists"]) if on] if quota_value is not None else []
    # Labels as annotations on a white ground; a row the quota line runs through has its value written past
    # the line, so the line never passes through its text.
    for row, label, highlight, pct, shown in zip(rows, labels, frame["highlight"], frame["pct"], text):
        fig.add_annotation(name="row_label", x=0, xref="x", y=row - 0.28, yref="y", xanchor="left", yanchor="bottom",
                           showarrow=False, text=f"<b>{label}</b>" if highlight else label,
                           font=dict(size=15, color=style.TEXT), bgcolor=BACKGROUND)
        past_line = row in on_lists and pct < quota_value
        fig.add_annotation(name="value_label", x=quota_value if past_line else pct, xref="x", y=row, yref="y",
                           xanchor="left", yanchor="middle", xshift=6 if past_line else 4, showarrow=False,
                           text=f"<b>{shown}</b>" if highlight else shown,
                           font=dict(size=15, color=style.TEXT), bgcolor=BACKGROUND)
    if on_lists:
        fig.add_shape(type="line", name="quota", x0=quota_value, x1=quota_value, xref="x", y0=TOP_OF_ROWS,
                      y1=max(on_lists) + 0.45, yref="y", layer="below",
                      line=dict(color=style.REFERENCE, width=2, dash="dash"))
        _ref_label(fig, "quota", quota_value, f"{quota.label(L)}: {L.percent(quota_value)}")
    used = [f for facts in frame["facts"] for f in facts] + ([quota] if on_lists else [])
    style.apply(fig, women_title(frame, L), L, sources(*used), table, height=110 + 72 * len(frame))
    top = max(100.0, float(frame["pct"].max()) + 20)
    ticks = [0, 25, 50, 75, 100]
    fig.update_xaxes(range=[0, top], tickvals=ticks, ticktext=[L.percent(t) for t in ticks],
                     title_text=L("candidates.axis_women"))
    fig.update_yaxes(autorange=False, range=[len(frame) - 0.55, TOP_OF_ROWS], showticklabels=False, showgrid=False,
                     zeroline=False)
    fig.update_layout(margin_t=fig.layout.margin.t + 10, margin_l=30)
    # Each row holds its bar, the value label beside it and, above it, the next body's name: on fewer
    # pixels a row's value label reaches the name above the next bar wherever that name is long.
    plot = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    need = WOMEN_ROW_PX * (len(frame) + 0.2)  # the y range spans the rows and 0.2 of one more
    if plot < need:
        fig.update_layout(height=fig.layout.height + math.ceil(need - plot))
    return fig


# ---------------------------------------------------------------- results

def results_title(frame: pd.DataFrame, names: dict, threshold: float | None, L: Language) -> str:
    top = frame.iloc[0]
    winner = L("candidates.title_results_top", party=names.get(top["party"], top["party"]),
               seats=L.number(top["seats"]), total=L.number(frame["seats"].sum()),
               pct=L.percent(top["pct"], published_decimals(frame["pct"])))
    if threshold is None:
        return winner
    count = int(frame["passed"].astype(bool).sum())
    return L("candidates.title_results", count=L.number(count), total=L.number(len(frame)),
             threshold=L.percent(threshold), winner=winner)


def results(table: pd.DataFrame, parties: pd.DataFrame, L: Language, *, threshold: Fact | None = None,
            seats: Fact | None = None, table_name: str = "results.csv, facts.csv") -> go.Figure:
    """Share of the vote (with the threshold line) and seats won (with the majority line), side by side."""
    threshold_value = threshold.value if threshold is not None else None
    frame = cand.results(table, threshold_value)
    names, colors = party_names(parties, L), party_colors(parties)
    y = [names.get(p, p) for p in frame["party"]]
    decimals = published_decimals(frame["pct"])
    passed = [bool(v) if not pd.isna(v) else True for v in frame["passed"]]
    marker = dict(color=[colors.get(p, OTHER) for p in frame["party"]], opacity=[1.0 if v else FADED for v in passed])
    fig = make_subplots(rows=1, cols=2, shared_yaxes=True, horizontal_spacing=0.06, column_widths=[0.6, 0.4])
    fig.add_trace(go.Bar(
        x=frame["pct"], y=y, orientation="h", meta="pct", marker=marker, showlegend=False,
        text=[L.percent(v, decimals) if ok else L("candidates.label_below_threshold", pct=L.percent(v, decimals))
              for v, ok in zip(frame["pct"], passed)],
        textposition="outside", cliponaxis=False, textfont=dict(size=15),
        customdata=[L.number(v) for v in frame["votes"]],
        hovertemplate="%{y}: %{x}% · %{customdata}<extra></extra>",
    ), row=1, col=1)
    fig.add_trace(go.Bar(
        x=frame["seats"], y=y, orientation="h", meta="seats", marker=marker, showlegend=False,
        text=[L.number(v) for v in frame["seats"]], textposition="outside", cliponaxis=False, textfont=dict(size=15),
        hovertemplate="%{y}: %{x}<extra></extra>",
    ), row=1, col=2)
    if threshold_value is not None:
        fig.add_vline(x=threshold_value, line=dict(color=style.REFERENCE, width=2, dash="dash"), name="threshold",
                      row=1, col=1)
        _ref_label(fig, "threshold", threshold_value, L("candidates.line_threshold", pct=L.percent(threshold_value)),
                   xref="x")
    seats_value = seats.value if seats is not None else None
    if seats_value:
        fig.add_vline(x=cand.majority(seats_value), line=dict(color=style.REFERENCE, width=2, dash="dash"),
                      name="majority", row=1, col=2)
        _ref_label(fig, "majority", cand.majority(seats_value),
                   L("candidates.line_majority", count=L.number(cand.majority(seats_value))), xref="x2")
    source = sources(frame["source"], threshold, seats)
    style.apply(fig, results_title(frame, names, threshold_value, L), L, source, table_name,
                height=_row_height(len(frame)) + 20)
    top_pct = float(frame["pct"].max())
    ticks = [t for t in range(0, 101, 20 if top_pct > 40 else 10) if t <= top_pct * 1.3]
    fig.update_xaxes(range=[0, top_pct * 1.3], tickvals=ticks, ticktext=[L.percent(t) for t in ticks],
                     title_text=L("candidates.axis_votes"), row=1, col=1)
    fig.update_xaxes(range=[0, max(float(frame["seats"].max()), seats_value or 0) * 1.2],
                     title_text=L("candidates.axis_seats"), row=1, col=2)
    fig.update_yaxes(autorange="reversed", tickfont=dict(size=16))
    fig.update_layout(margin_t=fig.layout.margin.t + 10)
    # Each panel has about half the chart's width.
    half = style.NARROWEST_PLOT_PX / 2
    style.labels_clear_of_lines(fig, [threshold_value], "x", plot_px=half * 0.6 / 0.5 - 40, xref="x")
    style.labels_clear_of_lines(fig, [cand.majority(seats_value)] if seats_value else [], "x",
                                plot_px=half * 0.4 / 0.5 - 40, xref="x2")
    return fig


# ---------------------------------------------------------------- coverage against votes

def measure_label(measure: str, L: Language) -> str:
    key = f"candidates.measure_{measure}"
    text = L(key)
    return measure if text == key else text


def coverage_title(frame: pd.DataFrame, names: dict, L: Language) -> str:
    """Facts only, for the party with the most votes: its vote and its range of coverage. Observers compare
    coverage between parties, not with votes, so the title draws no conclusion from the two (no "only")."""
    summary = cand.coverage_summary(frame)
    focus = summary.sort_values("vote_pct", ascending=False).iloc[0]
    return L("candidates.title_coverage", party=names.get(focus["party"], focus["party"]),
             votes=L.percent(focus["vote_pct"], published_decimals(summary["vote_pct"])),
             low=L.percent(focus["low"]), high=L.percent(focus["high"]), channels=L.number(focus["channels"]))


def coverage_vs_votes(coverage: pd.DataFrame, results_table: pd.DataFrame, parties: pd.DataFrame,
                      channels: pd.DataFrame, L: Language, measure: str, *,
                      table: str = "tv_coverage.csv, results.csv") -> go.Figure:
    """Each party's vote share as a bar, each channel's coverage share as a marker on the same row:
    a marker beyond the bar's end means more coverage than votes, inside the bar less."""
    frame = cand.coverage_vs_votes(coverage, results_table, measure)
    names, colors = party_names(parties, L), party_colors(parties)
    channel_names = L.names(channels, "channel", "name") if channels is not None else {}
    order = list(dict.fromkeys(frame["party"]))
    position = {p: i for i, p in enumerate(order)}
    votes = frame.drop_duplicates("party")
    decimals = published_decimals(votes["vote_pct"])
    fig = go.Figure(go.Bar(
        x=votes["vote_pct"], y=[position[p] for p in votes["party"]], orientation="h", meta="votes",
        name=L("candidates.series_votes"), width=0.8, showlegend=False,
        marker=dict(color=[colors.get(p, OTHER) for p in votes["party"]], opacity=0.45,
                    line=dict(color=[colors.get(p, OTHER) for p in votes["party"]], width=2)),
        hovertemplate="%{customdata}<extra></extra>",
        customdata=[L("candidates.hover_votes", party=names.get(p, p), pct=L.percent(v, decimals))
                    for p, v in zip(votes["party"], votes["vote_pct"])],
    ))
    # The bars carry party colours, so their legend key is a neutral swatch of its own.
    fig.add_trace(go.Bar(x=[None], y=[None], name=L("candidates.series_votes"), meta="legend_votes",
                         marker=dict(color=OTHER, opacity=0.6), showlegend=True, hoverinfo="skip"))
    channel_ids = list(dict.fromkeys(frame["channel"]))
    spread = 0.9 / max(len(channel_ids), 1)  # channels with one share on a row sit apart, not on each other
    for j, channel in enumerate(channel_ids):
        rows = frame[frame["channel"] == channel]
        offset = (j - (len(channel_ids) - 1) / 2) * spread
        label = channel_names.get(channel, channel)
        fig.add_trace(go.Scatter(
            x=rows["share_pct"], y=[position[p] + offset for p in rows["party"]], mode="markers", name=label,
            meta=channel, marker=dict(symbol=SYMBOLS[j % len(SYMBOLS)], size=13, color=HIGHLIGHT,
                                      line=dict(color="white", width=1.5)),
            customdata=[L("candidates.hover_coverage", channel=label, party=names.get(p, p), share=L.percent(s),
                          votes=L.percent(v, decimals)) for p, s, v in zip(rows["party"], rows["share_pct"], rows["vote_pct"])],
            hovertemplate="%{customdata}<extra></extra>",
        ))
    source = sources(frame["source"], frame["source_results"])
    style.apply(fig, coverage_title(frame, names, L), L, source, table, height=_row_height(len(order)) + 60)
    top = max(float(frame["share_pct"].max()), float(frame["vote_pct"].max()))
    ticks = [t for t in range(0, 101, 10) if t <= top * 1.15 + 10]
    fig.update_xaxes(range=[0, top * 1.15], tickvals=ticks, ticktext=[L.percent(t) for t in ticks],
                     title_text=L("candidates.axis_coverage", measure=measure_label(measure, L)))
    # The vote share under the party's name, not at the bar's end, where the channels' markers sit on it
    # when coverage and vote are close (Ak Zhol: 10.95% of the vote, 18% on three channels).
    vote_text = {p: L.percent(v, decimals) for p, v in zip(votes["party"], votes["vote_pct"])}
    fig.update_yaxes(tickmode="array", tickvals=list(range(len(order))),
                     ticktext=[f"{names.get(p, p)}<br>{vote_text[p]}" for p in order],
                     autorange="reversed", tickfont=dict(size=16), showgrid=False, zeroline=False)
    return fig
