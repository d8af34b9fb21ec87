"""Charts of TV news coverage per channel and party. Each builder takes the rows to show (already
filtered to the reader's channels, parties and measure), the parties and channels tables (names,
colours, order, and the number of contesting parties) and the reader's Language, and returns a
titled, sourced Plotly figure. Titles state what the rows show, so they follow the data."""

from __future__ import annotations

import re

import pandas as pd
import plotly.colors
import plotly.graph_objects as go

from observer import formatting, tv
from observer.charts import style
from observer.i18n import Language

TABLE = "tv_coverage.csv"  # the file of the shares where a caller does not name it (a package may rename it)
ROW_HEIGHT = 25       # px per party row in the horizontal charts: labels stay legible on a projector
HEADING_GAP = 1.4     # rows of space a channel heading takes in the horizontal charts
LABEL_SIZE = 14
NARROWEST_PLOT_PX = 480  # the gap chart's plot area on a 768 px page
HEATMAP_SCALE = "Viridis_r"  # sequential, perceptually even and readable with colour-blindness
MEASURE_COLOURS = {tv.CAMPAIGN: "#A0A0A0", tv.INSTITUTIONAL: "#3B3B3B"}  # greys: no clash with party colours


# --- text helpers -----------------------------------------------------------------------------------

def share_text(L: Language, value: float, decimals: int | None = None) -> str:
    """A published share ('54%'); a computed one like 100/3 keeps one decimal ('33.3%'). ``decimals``
    (share_decimals) gives every share of one chart the same ('11.0%' beside '9.6%')."""
    return L.percent(round(float(value), 1), decimals)


def share_decimals(*columns) -> int:
    """The decimals of one chart's shares: the most any of them needs as shown (one at most)."""
    return formatting.common_decimals([round(float(v), 1) for column in columns for v in column])


def gap_decimals(gap_rows: pd.DataFrame) -> int:
    """The decimals of a dumbbell's shares, both measures (tv.gaps rows)."""
    return share_decimals(gap_rows[tv.CAMPAIGN], gap_rows[tv.INSTITUTIONAL])


def gap_points(L: Language, start: float, end: float, decimals: int) -> str:
    """The move between two shares as the chart shows them, in points with their decimals: 19.6% to 28.3%
    is +8.7, the difference of the shown values, never +9 beside shares with a decimal."""
    return L.points(round(float(end), decimals) - round(float(start), decimals), decimals)


def measure_label(L: Language, measure: str) -> str:
    return L(f"tv.measure_{measure}")


def measure_phrase(L: Language, measure: str) -> str:
    """The measure inside a sentence ('campaign news')."""
    return L(f"tv.measure_phrase_{measure}")


def hhi_explainer(L: Language, parties: pd.DataFrame) -> str:
    """What HHI means, with this election's number of parties."""
    return L("tv.hhi_explainer", n=L.number(len(parties)), equal=L.number(tv.equal_hhi(parties), 0),
             max=L.number(tv.HHI_MAX, 0))


def joined_names(L: Language, ids, names: dict) -> str:
    """Several names in one phrase, e.g. the parties tied for the largest share."""
    return L("tv.list_separator").join(names.get(i, i) for i in ids)


def _sources(*frames: pd.DataFrame) -> str:
    return style.source_line(*(s for frame in frames if "source" in frame for s in frame["source"]))


def _names(L: Language, parties: pd.DataFrame, channels: pd.DataFrame) -> tuple[dict, dict]:
    return L.names(parties, "party", "short"), L.names(channels, "channel")


def _equal_line(fig: go.Figure, L: Language, parties: pd.DataFrame, axis: str = "y") -> None:
    """A dashed line at the equal share, its label in the legend: across bars (axis y) the bar labels
    crowd around the equal share by design, and down the dot rows (axis x) the top of the line is the first
    channel heading's row, where a long channel name runs under the label."""
    equal = tv.equal_share(parties)
    label = L("tv.equal_share_label", value=share_text(L, equal), n=L.number(len(parties)))
    _reference_line(fig, equal, label, axis, "equal_share")


def _reference_line(fig: go.Figure, value: float, label: str, axis: str, name: str) -> None:
    line = dict(dash="dash", color=style.REFERENCE, width=2)
    if axis == "y":
        fig.add_hline(y=value, line=line, layer="above", name=name)  # over the bars: which ones reach it
    else:
        fig.add_vline(x=value, line=line, layer="below", name=name)
    fig.add_scatter(x=[None], y=[None], mode="lines", line=line, name=label, hoverinfo="skip",
                    meta={"reference": name, "value": value})


# --- layout of horizontal charts: party rows grouped under channel headings ----------------------------

def _row_positions(rows: pd.DataFrame, channel_names: dict) -> tuple[list[float], list[float], list[str]]:
    """A y position for every row, and the headings' positions and texts: channels top to bottom."""
    positions, heading_at, headings = [], [], []
    y = 0.0
    for channel, group in rows.groupby("channel", sort=False):
        heading_at.append(y)
        headings.append(channel_names.get(channel, channel))
        y += HEADING_GAP
        for _ in range(len(group)):
            positions.append(y)
            y += 1
        y += 0.4
    return positions, heading_at, headings


def _grouped_y_axis(fig: go.Figure, rows: pd.DataFrame, positions: list[float], heading_at: list[float],
                    headings: list[str], party_names: dict) -> None:
    """Party names as tick labels; channel names as bold headings on their own row, inside the plot,
    so a long channel name does not push the plotting area (and the title) to the right."""
    fig.update_yaxes(tickvals=list(positions), ticktext=[party_names.get(p, p) for p in rows["party"]],
                     range=[max(positions, default=0) + 0.8, -0.9], showgrid=False, zeroline=False,
                     tickfont=dict(size=LABEL_SIZE + 1))
    for y, heading in zip(heading_at, headings):
        # On the page's white, so the equal-share line passes behind the heading instead of through it.
        fig.add_annotation(text=f"<b>{heading}</b>", name="channel_heading", xref="paper", x=0, xanchor="left",
                           yref="y", y=y, showarrow=False, font=dict(size=LABEL_SIZE + 1, color=style.TEXT),
                           bgcolor=style.GROUND, borderpad=1)


# White round a dot's label, in px: where the equal-share line runs beside the text rather than behind
# it, the line stops this far from the letters instead of touching them; more, and the grounds of
# neighbouring rows on the compact overview chart overlap.
HALO_PX = 2


def _labels_on_ground(fig: go.Figure) -> None:
    """The dots' labels as notes on the page's white beside their markers: the equal-share line, which
    the shares cluster around, passes behind a label instead of through its text. The traces keep their
    text for the hover."""
    for trace in fig.data:
        if trace.type != "scatter" or not trace.mode or "text" not in trace.mode or trace.text is None:
            continue
        size = trace.marker.size if isinstance(trace.marker.size, (int, float)) else 15
        positions = trace.textposition if isinstance(trace.textposition, (list, tuple)) \
            else [trace.textposition] * len(trace.x)
        unlabelled = set((trace.meta or {}).get("unlabelled", ())) if isinstance(trace.meta, dict) else set()
        for i, (x, y, text, where) in enumerate(zip(trace.x, trace.y, trace.text, positions)):
            if x is None or not text or i in unlabelled:
                continue
            left = "left" in where
            fig.add_annotation(name="dot_label", x=x, y=y, xref="x", yref="y", text=text, showarrow=False,
                               xanchor="right" if left else "left", yanchor="middle",
                               xshift=-(size / 2 + 3) if left else size / 2 + 3,
                               font=dict(size=trace.textfont.size or LABEL_SIZE, color=trace.textfont.color),
                               bgcolor=style.GROUND, borderpad=HALO_PX)
        trace.update(mode=trace.mode.replace("+text", "").replace("text+", ""))


def _height(rows: pd.DataFrame) -> int:
    channels = rows["channel"].nunique()
    return int(170 + ROW_HEIGHT * (len(rows) + channels * (HEADING_GAP + 0.4)))


# --- 1. grouped bars -------------------------------------------------------------------------------

BARGAP = 0.08  # between channels: twenty bars side by side leave each label little more than its bar's width


def share_bars(rows: pd.DataFrame, parties: pd.DataFrame, channels: pd.DataFrame, measure: str,
               L: Language, *, table: str = TABLE) -> go.Figure:
    """Bars per channel, one per party in its colour, labelled with the share; dashed equal share."""
    rows = tv.ordered(tv.select(rows, measure=measure), parties, channels)
    party_names, channel_names = _names(L, parties, channels)
    fig = go.Figure()
    # One number of decimals for every bar: the most any share needs as shown (one at most).
    decimals = share_decimals(rows["share_pct"])
    style.add_party_bars(fig, rows, "share_pct", lambda v: L.percent(round(float(v), 1), decimals),
                         party_names, channel_names,
                         style.party_colors(parties), textfont=dict(size=LABEL_SIZE))
    _equal_line(fig, L, parties)
    top = rows["share_pct"].max() if len(rows) else tv.equal_share(parties)
    # Plotly shrinks each label to its bar on its own; uniformtext gives every label the same size.
    # Narrow gaps: twenty bars side by side leave each label little more than its bar's width.
    fig.update_layout(barmode="group", bargap=BARGAP, bargroupgap=0.0, uniformtext=dict(minsize=11, mode="show"))
    if not style.upright_if_crowded(fig, BARGAP):
        # Across, inside a bar too: Plotly turns an inside label that is a pixel too wide for its bar on its
        # side, among neighbours that read across.
        fig.update_traces(textangle=0, selector=dict(type="bar"))
    fig.update_yaxes(title_text=L("tv.axis_share"), ticksuffix=style.percent_suffix(L), rangemode="tozero",
                     range=[0, max(top, tv.equal_share(parties)) * 1.18])
    style.apply(fig, _bars_title(rows, parties, channels, measure, L), L, _sources(rows), table)
    style.labels_clear_of_lines(fig, [tv.equal_share(parties)], "y")  # the line runs over the bars
    return fig


def _bars_title(rows, parties, channels, measure, L) -> str:
    top = tv.largest_share(rows)
    if top is None:
        return L("tv.no_data_title")
    party_names, channel_names = _names(L, parties, channels)
    return L("tv.bars_title", party=party_names.get(top["party"], top["party"]),
             measure=measure_phrase(L, measure), value=share_text(L, top["share_pct"]),
             channel=channel_names.get(top["channel"], top["channel"]),
             equal=share_text(L, tv.equal_share(parties)))


# --- 2. heatmap -------------------------------------------------------------------------------------

def share_heatmap(rows: pd.DataFrame, parties: pd.DataFrame, channels: pd.DataFrame, measure: str,
                  L: Language, zmax: float | None = None, *, table: str = TABLE) -> go.Figure:
    """Channels down, parties across, the share printed in every cell in black or white, whichever
    reads better on the cell's colour. Pass zmax (e.g. the largest share under either measure) to keep
    the colours comparable when the reader switches measure."""
    rows = tv.ordered(tv.select(rows, measure=measure), parties, channels)
    party_names, channel_names = _names(L, parties, channels)
    channel_order = list(dict.fromkeys(rows["channel"]))
    party_order = list(dict.fromkeys(rows["party"]))
    grid = rows.pivot(index="channel", columns="party", values="share_pct").reindex(index=channel_order,
                                                                                     columns=party_order)
    if zmax is None:
        zmax = max(float(rows["share_pct"].max()) if len(rows) else 0, tv.equal_share(parties) * 2)
    x = [party_names.get(p, p) for p in party_order]
    y = [channel_names.get(c, c) for c in channel_order]
    decimals = share_decimals(rows["share_pct"])
    fig = go.Figure(go.Heatmap(
        z=grid.to_numpy(), x=x, y=y, text=[[share_text(L, v, decimals) if pd.notna(v) else "" for v in line]
                                           for line in grid.to_numpy()],
        colorscale=HEATMAP_SCALE, zmin=0, zmax=zmax, xgap=2, ygap=2,
        hovertemplate="%{y} · %{x}: %{text}<extra></extra>",
        colorbar=dict(title=dict(text=L("tv.axis_share_short")), ticksuffix=style.percent_suffix(L), thickness=14)))
    for channel, line in zip(y, grid.to_numpy()):
        for party, value in zip(x, line):
            if pd.notna(value):
                fig.add_annotation(x=party, y=channel, text=share_text(L, value, decimals), showarrow=False, name="cell",
                                   font=dict(size=LABEL_SIZE + 3, color=_text_colour_on(value / zmax if zmax else 0)))
    fig.update_yaxes(autorange="reversed", showgrid=False, tickfont=dict(size=LABEL_SIZE + 1))
    fig.update_xaxes(side="bottom", showgrid=False, tickfont=dict(size=LABEL_SIZE + 1))
    height = max(300, 150 + 62 * len(channel_order))
    return style.apply(fig, _heatmap_title(rows, parties, measure, L), L, _sources(rows), table, height=height)


def _text_colour_on(fraction: float) -> str:
    """Black or white, whichever contrasts more with the scale's colour at this point (WCAG luminance)."""
    colour = plotly.colors.sample_colorscale(plotly.colors.get_colorscale(HEATMAP_SCALE), [min(max(fraction, 0), 1)])[0]
    red, green, blue = (float(c) / 255 for c in re.findall(r"[\d.]+", colour)[:3])
    luminance = sum(w * (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
                    for w, c in zip((0.2126, 0.7152, 0.0722), (red, green, blue)))
    return style.TEXT if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#FFFFFF"


def _heatmap_title(rows, parties, measure, L) -> str:
    if rows.empty:
        return L("tv.no_data_title")
    return L("tv.heatmap_title", measure=measure_label(L, measure), low=share_text(L, rows["share_pct"].min()),
             high=share_text(L, rows["share_pct"].max()), equal=share_text(L, tv.equal_share(parties)))


# --- 3. dumbbell: campaign -> including institutional activities -------------------------------------

def gap_dumbbell(gap_rows: pd.DataFrame, parties: pd.DataFrame, channels: pd.DataFrame,
                 L: Language, *, table: str = TABLE) -> go.Figure:
    """Per channel and party, an open circle at the campaign share joined by a line to a triangle at
    the share including institutional activities; the triangle points the way the share moved. The
    channel the title names comes first (the others in table order), so the rows the finding speaks of
    are on the first screen under it."""
    rows = tv.ordered(gap_rows, parties, channels)
    biggest = tv.largest_gap(gap_rows)  # as gap_title chooses it
    if biggest is not None:
        rows = rows.sort_values("channel", key=lambda c: c != biggest["channel"], kind="stable", ignore_index=True)
    party_names, channel_names = _names(L, parties, channels)
    colours = style.party_colors(parties)
    positions, heading_at, headings = _row_positions(rows, channel_names)
    rows = rows.assign(y=positions)
    fig = go.Figure()
    for party, group in rows.groupby("party", sort=False):
        xs, ys = [], []
        for start, end, y in zip(group[tv.CAMPAIGN], group[tv.INSTITUTIONAL], group["y"]):
            xs += [start, end, None]
            ys += [y, y, None]
        fig.add_scatter(x=xs, y=ys, mode="lines", line=dict(color=colours.get(party, style.MUTED), width=5),
                        showlegend=False, hoverinfo="skip", name=party_names.get(party, party))
    rising = rows["gap_pts"] >= 0
    # A falling share's end label would sit left of its triangle, between the axis and the party's name,
    # where it runs into the name ("Ақжол11%"): its row is labelled once, right of the start, as a move.
    decimals = gap_decimals(rows)
    ends = [L("tv.gap_label", value=share_text(L, v, decimals), points=gap_points(L, start, v, decimals))
            for start, v in zip(rows[tv.CAMPAIGN], rows[tv.INSTITUTIONAL])]
    moves = [L("tv.gap_move_label", start=share_text(L, v, decimals), end=end)
             for v, end in zip(rows[tv.CAMPAIGN], ends)]
    starts = [share_text(L, v, decimals) if up else move for v, up, move in zip(rows[tv.CAMPAIGN], rising, moves)]
    row_names = [f"{channel_names.get(c, c)} · {party_names.get(p, p)}" for c, p in zip(rows["channel"], rows["party"])]
    fig.add_scatter(
        x=rows[tv.CAMPAIGN], y=rows["y"], mode="markers+text", name=measure_label(L, tv.CAMPAIGN),
        marker=dict(symbol="circle-open", size=15, line=dict(width=3),
                    color=[colours.get(p, style.MUTED) for p in rows["party"]]),
        text=starts, textposition=["middle left" if up else "middle right" for up in rising],
        textfont=dict(size=LABEL_SIZE, color=style.MUTED), showlegend=False, meta={"measure": tv.CAMPAIGN},
        customdata=row_names, hovertemplate="%{customdata}: %{text}<extra>" + measure_label(L, tv.CAMPAIGN) + "</extra>")
    fig.add_scatter(
        x=rows[tv.INSTITUTIONAL], y=rows["y"], mode="markers+text", name=measure_label(L, tv.INSTITUTIONAL),
        marker=dict(symbol=[_direction_symbol(g) for g in rows["gap_pts"]], size=17,
                    color=[colours.get(p, style.MUTED) for p in rows["party"]]),
        text=ends, textposition=["middle right" if up else "middle left" for up in rising],
        textfont=dict(size=LABEL_SIZE, color=style.TEXT), showlegend=False,
        meta={"measure": tv.INSTITUTIONAL, "unlabelled": [i for i, up in enumerate(rising) if not up],
              "moves": moves},
        customdata=row_names,
        hovertemplate="%{customdata}: %{text}<extra>" + measure_label(L, tv.INSTITUTIONAL) + "</extra>")
    _legend_keys(fig, L)
    _equal_line(fig, L, parties, axis="x")
    _grouped_y_axis(fig, rows, positions, heading_at, headings, party_names)
    _labels_on_ground(fig)
    top = float(rows[[tv.CAMPAIGN, tv.INSTITUTIONAL]].max().max()) if len(rows) else 0
    fig.update_xaxes(title_text=L("tv.axis_share"), ticksuffix=style.percent_suffix(L), range=[0, max(top, 10) * 1.22])
    fit_dot_labels(fig, NARROWEST_PLOT_PX)
    return style.apply(fig, gap_title(rows, parties, channels, L), L, _sources(rows), table, height=_height(rows))


def fit_dot_labels(fig: go.Figure, plot_px: float) -> go.Figure:
    """Widen the share axis of a chart with dot labels (the gap chart) until every label fits a plot
    ``plot_px`` wide: a label right of its dot ends inside the plot, and one left of its dot (a share near
    0) starts right of the axis, clear of the party names, the axis then starting below 0. A rising row's
    start label that would reach a reference line (the equal share) goes: the row is labelled once, right of
    its end, as the move ("28% → 54% (+26)"). A label's width is estimated from its characters, as the other
    charts estimate their labels'."""
    for _ in range(3):  # a joined label is longer and widens the axis, which can bring another to a line
        _widen_to_labels(fig, plot_px)
        if not _join_start_labels_off_lines(fig, plot_px):
            break
    return fig


def _label_px(note) -> float:
    return style._label_width_px(note.text, note.font.size or LABEL_SIZE) + 2 * HALO_PX


def _widen_to_labels(fig: go.Figure, plot_px: float) -> None:
    labels = [a for a in fig.layout.annotations if a.name == "dot_label"]
    low, high = fig.layout.xaxis.range or (0, 1)
    for _ in range(5):  # the two ends pull on each other: a few rounds settle them
        for a in labels:
            reach = (abs(a.xshift or 0) + _label_px(a)) / plot_px  # of the axis, beside the dot
            if a.xanchor == "left":
                high = max(high, low + (a.x - low) / (1 - min(reach, 0.6)))
            else:
                low = min(low, (a.x - min(reach, 0.6) * high) / (1 - min(reach, 0.6)))
    fig.update_xaxes(range=[low, high])


def _join_start_labels_off_lines(fig: go.Figure, plot_px: float) -> bool:
    """Each rising row's start label (left of its dot) that reaches a line down the share axis is dropped and
    the row's end label becomes the move (the end trace's meta "moves", by row); whether any was."""
    ends = next((t for t in fig.data if isinstance(t.meta, dict) and "moves" in t.meta), None)
    lines = [s.x0 for s in fig.layout.shapes if s.type == "line" and s.x0 is not None and s.x0 == s.x1
             and (s.xref or "x") == "x"]
    if ends is None or not lines:
        return False
    moves = dict(zip(ends.y, ends.meta["moves"]))
    low, high = fig.layout.xaxis.range
    per_px = (high - low) / plot_px
    notes = list(fig.layout.annotations)
    joined = False
    for start in [a for a in notes if a.name == "dot_label" and a.xanchor == "right"]:
        reach = start.x - (abs(start.xshift or 0) + _label_px(start) + style.LINE_CLEAR_PX) * per_px
        end = next((a for a in notes if a.name == "dot_label" and a.xanchor == "left" and a.y == start.y), None)
        if end is None or start.y not in moves or not any(reach < line < start.x for line in lines):
            continue
        end.text = moves[start.y]
        notes.remove(start)
        joined = True
    if joined:
        fig.layout.annotations = notes
    return joined


def _direction_symbol(gap: float) -> str:
    return "triangle-right" if gap > 0 else "triangle-left" if gap < 0 else "diamond"


def _legend_keys(fig: go.Figure, L: Language) -> None:
    """Legend entries for the two markers, in a neutral colour (the data markers use party colours)."""
    fig.add_scatter(x=[None], y=[None], mode="markers", name=measure_label(L, tv.CAMPAIGN),
                    marker=dict(symbol="circle-open", size=13, line=dict(width=3), color=style.TEXT))
    fig.add_scatter(x=[None], y=[None], mode="markers", name=measure_label(L, tv.INSTITUTIONAL),
                    marker=dict(symbol="triangle-right", size=14, color=style.TEXT))


def gap_title(gap_rows: pd.DataFrame, parties: pd.DataFrame, channels: pd.DataFrame, L: Language) -> str:
    """The largest change between the two measures, in words."""
    biggest = tv.largest_gap(gap_rows)
    if biggest is None:
        return L("tv.no_data_title")
    if biggest["gap_pts"] == 0:
        return L("tv.gap_title_none")
    party_names, channel_names = _names(L, parties, channels)
    key = "tv.gap_title_rise" if biggest["gap_pts"] > 0 else "tv.gap_title_fall"
    decimals = gap_decimals(gap_rows)
    return L(key, party=party_names.get(biggest["party"], biggest["party"]),
             value=share_text(L, biggest[tv.INSTITUTIONAL], decimals),
             channel=channel_names.get(biggest["channel"], biggest["channel"]),
             points=gap_points(L, biggest[tv.CAMPAIGN], biggest[tv.INSTITUTIONAL], decimals))


# --- 4. deviation from the equal share ----------------------------------------------------------------

def deviation_bars(rows: pd.DataFrame, parties: pd.DataFrame, channels: pd.DataFrame, measure: str,
                   L: Language, *, table: str = TABLE) -> go.Figure:
    """Horizontal bars from zero (= the equal share): right is more than an equal share, left less."""
    rows = tv.deviations(tv.ordered(tv.select(rows, measure=measure), parties, channels), parties)
    party_names, channel_names = _names(L, parties, channels)
    colours = style.party_colors(parties)
    positions, heading_at, headings = _row_positions(rows, channel_names)
    rows = rows.assign(y=positions)
    equal = tv.equal_share(parties)
    decimals = share_decimals(rows["share_pct"], [equal])  # 15% against 12.5% is +2.5, not +3
    fig = go.Figure(go.Bar(
        x=rows["deviation_pts"], y=rows["y"], orientation="h", width=0.72,
        marker_color=[colours.get(p, style.MUTED) for p in rows["party"]],
        text=[gap_points(L, equal, v, decimals) for v in rows["share_pct"]], textposition="outside", cliponaxis=False,
        textfont=dict(size=LABEL_SIZE), showlegend=False,
        customdata=[[channel_names.get(c, c), party_names.get(p, p), share_text(L, v)]
                    for c, p, v in zip(rows["channel"], rows["party"], rows["share_pct"])],
        hovertemplate="%{customdata[0]} · %{customdata[1]}: %{customdata[2]} (%{text})<extra></extra>"))
    _grouped_y_axis(fig, rows, positions, heading_at, headings, party_names)
    reach = float(rows["deviation_pts"].abs().max()) if len(rows) else 0
    reach = max(reach, 5) * 1.3
    fig.update_xaxes(title_text=L("tv.axis_deviation", equal=share_text(L, tv.equal_share(parties))),
                     range=[-reach, reach])
    style.apply(fig, _deviation_title(rows, parties, channels, measure, L), L, _sources(rows), table,
                height=_height(rows))
    # After the shared style, which greys every zero line: here zero is the equal share, the reference.
    return fig.update_xaxes(zeroline=True, zerolinecolor=style.REFERENCE, zerolinewidth=2)


def _deviation_title(rows, parties, channels, measure, L) -> str:
    furthest = tv.furthest_from_equal(rows)
    if furthest is None:
        return L("tv.no_data_title")
    if furthest["deviation_pts"] == 0:
        return L("tv.deviation_title_none", measure=measure_phrase(L, measure))
    party_names, channel_names = _names(L, parties, channels)
    key = "tv.deviation_title_above" if furthest["deviation_pts"] > 0 else "tv.deviation_title_below"
    return L(key, party=party_names.get(furthest["party"], furthest["party"]),
             channel=channel_names.get(furthest["channel"], furthest["channel"]),
             measure=measure_phrase(L, measure), value=share_text(L, furthest["share_pct"]),
             points=L.number(abs(round(float(furthest["deviation_pts"]), 1))),
             equal=share_text(L, tv.equal_share(parties)))


# --- 5. concentration ---------------------------------------------------------------------------------

def concentration_bars(concentration: pd.DataFrame, parties: pd.DataFrame, channels: pd.DataFrame,
                       L: Language, *, table: str = TABLE) -> go.Figure:
    """HHI per channel, one bar per measure, against the HHI of a perfectly equal split."""
    rows = tv.ordered(concentration, parties, channels)
    party_names, channel_names = _names(L, parties, channels)
    fig = go.Figure()
    for measure in tv.MEASURES:
        group = rows[rows["measure"] == measure]
        if group.empty:
            continue
        fig.add_bar(x=[channel_names.get(c, c) for c in group["channel"]], y=group["hhi"],
                    name=measure_label(L, measure), marker_color=MEASURE_COLOURS[measure],
                    text=[L.number(v, 0) for v in group["hhi"]], textposition="outside", cliponaxis=False,
                    textfont=dict(size=LABEL_SIZE), meta={"measure": measure},
                    customdata=[L("tv.largest_hover", party=joined_names(L, ps, party_names), value=share_text(L, s))
                                for ps, s in zip(group["largest_parties"], group["largest_share_pct"])],
                    hovertemplate="%{x}: " + L("tv.col_hhi") + " %{text}<br>%{customdata}<extra></extra>")
    equal = tv.equal_hhi(parties)
    _reference_line(fig, equal, L("tv.equal_hhi_label", value=L.number(equal, 0), n=L.number(len(parties))),
                    "y", "equal_hhi")
    top = float(rows["hhi"].max()) if len(rows) else equal
    fig.update_layout(barmode="group", bargap=0.3)
    fig.update_yaxes(title_text=L("tv.axis_hhi"), rangemode="tozero", range=[0, max(top, equal) * 1.2],
                     tickformat=",d")
    return style.apply(fig, concentration_title(rows, parties, channels, L), L, _sources(rows), table)


def concentration_title(concentration: pd.DataFrame, parties: pd.DataFrame, channels: pd.DataFrame,
                        L: Language) -> str:
    if concentration.empty:
        return L("tv.no_data_title")
    top = concentration.loc[concentration["hhi"].idxmax()]
    party_names, channel_names = _names(L, parties, channels)
    return L("tv.concentration_title", channel=channel_names.get(top["channel"], top["channel"]),
             measure=measure_phrase(L, top["measure"]), value=L.number(top["hhi"], 0),
             equal=L.number(tv.equal_hhi(parties), 0), party=joined_names(L, top["largest_parties"], party_names),
             share=share_text(L, top["largest_share_pct"]))


# --- tables shown next to the charts -----------------------------------------------------------------

def gap_table(gap_rows: pd.DataFrame, parties: pd.DataFrame, channels: pd.DataFrame, L: Language) -> pd.DataFrame:
    """Channel, party, the share by each measure and the difference in points, as the reader reads them."""
    rows = tv.ordered(gap_rows, parties, channels)
    party_names, channel_names = _names(L, parties, channels)
    decimals = gap_decimals(rows)
    return pd.DataFrame({
        L("tv.col_channel"): [channel_names.get(c, c) for c in rows["channel"]],
        L("tv.col_party"): [party_names.get(p, p) for p in rows["party"]],
        measure_label(L, tv.CAMPAIGN): [share_text(L, v, decimals) for v in rows[tv.CAMPAIGN]],
        measure_label(L, tv.INSTITUTIONAL): [share_text(L, v, decimals) for v in rows[tv.INSTITUTIONAL]],
        L("tv.col_difference"): [gap_points(L, a, b, decimals) for a, b in zip(rows[tv.CAMPAIGN], rows[tv.INSTITUTIONAL])],
    })


def concentration_table(concentration: pd.DataFrame, parties: pd.DataFrame, channels: pd.DataFrame,
                        L: Language) -> pd.DataFrame:
    """Per channel and measure: the largest party with its share, and the HHI."""
    rows = tv.ordered(concentration, parties, channels)
    party_names, channel_names = _names(L, parties, channels)
    return pd.DataFrame({
        L("tv.col_channel"): [channel_names.get(c, c) for c in rows["channel"]],
        L("tv.col_measure"): [measure_label(L, m) for m in rows["measure"]],
        L("tv.col_largest"): [L("tv.largest_value", party=joined_names(L, ps, party_names), value=share_text(L, s))
                              for ps, s in zip(rows["largest_parties"], rows["largest_share_pct"])],
        L("tv.col_hhi"): [L.number(v, 0) for v in rows["hhi"]],
    })
