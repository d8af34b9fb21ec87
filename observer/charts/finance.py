"""Campaign finance charts: raised, spent and left over against the caps; closeness to the ceiling;
spent per candidate; registration deposits. Each title states the finding, built from the data."""

from __future__ import annotations

import math
import textwrap

import pandas as pd
import plotly.graph_objects as go
from babel.lists import format_list

from observer import finance, formatting
from observer.charts import style
from observer.charts.style import party_colors, party_names
from observer.facts import Fact
from observer.i18n import Language

MUTED_BAR = "#c8c8c8"
LINE_LABELS = 190  # px to the right of the plot for the labels of the cap lines
# Dark text on a white halo: the halo clears the stripes round each letter, on a light bar or a dark one.
STRIPED_LABEL_SHADOW = "0 0 2px #ffffff, 0 0 3px #ffffff, 0 0 4px #ffffff"
LINE_LABEL_CHARS = 17  # a line of a cap's label: Kazakh and Russian words are long, Cyrillic wide


# ---------------------------------------------------------------- shared helpers

def listing(items: list[str], L: Language) -> str:
    """'A, B and C' in the reader's language (CLDR list patterns)."""
    return format_list(list(items), locale=L.code) if items else ""


def amount(value: float, currency: str, L: Language, rate: float | None = None) -> str:
    """An amount in words for titles and hovers: '637 million tenge', '637,500 tenge'; an amount converted
    (to euro at ``rate``) to three significant figures and marked approximate: 'about €1.25 million'."""
    if not finance.converting(currency, rate):
        return L.amount(value, currency)
    return L.converted(value, currency)


def percent(value: float, L: Language) -> str:
    """A computed share to one decimal, without a trailing zero: '99.9%', '50%'."""
    return L.percent(round(float(value), 1))


def shorts(values, L: Language) -> list[str]:
    """One chart's amounts for bar labels: one unit and one number of decimals, three significant figures for
    the largest ('637M', '72M'; '1.25M', '0.52M'; '637 млн' in kk, ru)."""
    return formatting.compacts(list(values), L.code)


def short(value: float, L: Language, precise: bool = False) -> str:
    """A single amount on a label: three significant figures ('637M', '1.25M', '618K'); ``precise`` keeps
    one decimal on large figures, for limits the statement gives like 212.5M."""
    if precise:
        return L.compact(value, 1)
    return formatting.compacts([value], L.code)[0]


def limit_text(value: float, currency: str, L: Language, rate: float | None = None) -> str:
    """A legal limit on its line: as published (212.5M), to three significant figures converted."""
    if not finance.converting(currency, rate):
        return short(value, L, precise=True)
    return L.compact(formatting.significant(value, 3), 2)


def nice_ticks(top: float, count: int = 5) -> list[float]:
    """Round tick values from 0 to at least ``top``: 0, 200M, 400M, ..."""
    if top <= 0:
        return [0.0]
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return [i * step for i in range(int(math.ceil(top / step)) + 1)]


def sources(*groups) -> str:
    """Distinct citations, in order, from Series of row sources and Facts."""
    found = []
    for group in groups:
        if group is None:
            continue
        if isinstance(group, Fact):
            found.append(group.source)
        elif isinstance(group, str):
            found.append(group)
        else:
            found += [s for s in group if isinstance(s, str)]
    return style.source_line(*found)


def _amount_axis(fig: go.Figure, top: float, currency: str, L: Language, axis: str = "y",
                 labels_max: float | None = None) -> None:
    """Ticks from 0 past ``top``. Given the largest bar label, only ticks in the labels' unit: a tick of
    1.0 million over labels of 600 thousand would put two units on one chart."""
    ticks = nice_ticks(top)
    if labels_max is not None and labels_max > 0:
        ticks = [t for t in ticks if t < formatting.unit_of(labels_max) * 1000] or ticks
    update = fig.update_yaxes if axis == "y" else fig.update_xaxes
    update(tickmode="array", tickvals=ticks, ticktext=formatting.compacts(ticks, L.code, formatting.tick_decimals(ticks)),
           range=[0, max(top, ticks[-1]) * 1.02], title_text=L.currency_axis(currency))


# ---------------------------------------------------------------- raised, spent, left over

def raised_title(frame: pd.DataFrame, names: dict, caps: finance.Caps, currency: str, rate, L: Language) -> str:
    """'Nur Otan raised 637 million tenge, 99.9% of the legal ceiling — more than twice any other party'."""
    top = frame.iloc[0]
    text = L("finance.title_raised", party=names.get(top["party"], top["party"]),
             amount=amount(finance.convert(top["raised"], currency, rate), currency, L, rate))
    if caps.ceiling:
        text = L("finance.title_raised_ceiling", start=text, share=percent(100 * top["raised"] / caps.ceiling, L))
    if len(frame) > 1 and frame.iloc[1]["raised"] > 0:
        ratio = top["raised"] / frame.iloc[1]["raised"]
        # "more than N times" only for a ratio above N (3.0 is three times, not more than three times)
        if ratio > 3:
            text = L("finance.title_raised_times", start=text, times=L.number(math.ceil(ratio) - 1))
        elif ratio > 2:
            text = L("finance.title_raised_twice", start=text)
        else:
            second = frame.iloc[1]
            text = L("finance.title_raised_next", start=text, party=names.get(second["party"], second["party"]),
                     amount=amount(finance.convert(second["raised"], currency, rate), currency, L, rate))
    return text


CAP_LINE_PX = 17  # a line of a cap's label (13 px text)
RAISED_HEIGHT = 480  # px: with its title, source and the page's controls it fits a 1280x720 first screen
CAP_PLOT_PX = 300  # the raised-and-spent chart's plotting area at that height, about
UPRIGHT_EXTRA_PX = 100  # more height where many parties' labels read upwards


def parts_at_top(ceiling: float | None, top: float, ceiling_lines: int, parts_lines: int) -> bool:
    """Whether the caps on each part go at the top of the right margin rather than at its foot: where the
    ceiling's label, centred on its line, would reach down into them (a ceiling low on the axis)."""
    if ceiling is None or top <= 0:
        return False
    bottom = (top - ceiling) * CAP_PLOT_PX / top + ceiling_lines * CAP_LINE_PX / 2
    return bottom + 4 > CAP_PLOT_PX - parts_lines * CAP_LINE_PX


def raised_spent(finance_table: pd.DataFrame, parties: pd.DataFrame, L: Language, *, currency: str = finance.TENGE,
                 rate: float | None = None, caps: finance.Caps | None = None, cap_facts: tuple = (),
                 table: str = "finance.csv") -> go.Figure:
    """Raised, spent and left over per party side by side, with the legal caps as labelled lines.

    ``cap_facts`` are the Facts behind the caps, for their labels and sources.
    """
    caps = caps or finance.Caps(None, None)
    frame = finance.in_currency(finance.money(finance_table), currency, rate)
    names, colors = party_names(parties, L), party_colors(parties)
    x = [names.get(p, p) for p in frame["party"]]
    bar_colors = [colors.get(p, MUTED_BAR) for p in frame["party"]]
    fig = go.Figure()
    series = [
        ("raised", dict(color=bar_colors)),
        ("spent", dict(color=bar_colors, pattern=dict(shape="/", fgcolor="white", fgopacity=0.7, solidity=0.35))),
    ]
    left_text = [amount(v, currency, L, rate) for v in frame["left"]]
    # Raised, spent and left over are one set of figures: one unit and one number of decimals.
    labels = shorts(list(frame["raised"]) + list(frame["spent"]) + list(frame["left"]), L)
    n = len(frame)
    # Where the unit is a word after a space (637 млн), number and unit go on two lines: two bars side by
    # side leave each label about the width of its bar.
    stacked = [text.replace("\u00a0", "<br>", 1) for text in labels]
    label_sets = {"raised": stacked[:n], "spent": stacked[n:2 * n]}
    for column, marker in series:
        label = L(f"finance.series_{column}")
        values = frame[column]
        fig.add_trace(go.Bar(
            name=label, x=x, y=values, marker=marker, meta=column,
            text=label_sets[column], textposition="outside", cliponaxis=False,
            textfont=dict(size=14), constraintext="none",
            # A label moved inside a striped bar (off a cap line) keeps its contrast over the stripes.
            **({"insidetextfont": dict(size=14, color=style.TEXT, shadow=STRIPED_LABEL_SHADOW)} if "pattern" in marker else {}),
            customdata=[[amount(v, currency, L, rate), left] for v, left in zip(values, left_text)],
            hovertemplate=(f"%{{x}}<br>{label}: %{{customdata[0]}}<br>"
                           f"{L('finance.series_left')}: %{{customdata[1]}}<extra></extra>"),
        ))
    # Left over is the gap between the two bars; it is written under each party's name.
    ticktext = [L("finance.tick_party_left", party=name, amount=text) for name, text in zip(x, labels[2 * n:])]
    # The bars are totals, own funds and donations together: only the ceiling on the total is drawn as a line.
    # The caps on each part are stated beside the chart with no line of their own: drawn across the totals,
    # they made parties look as if they had broken them.
    own, donations = (list(cap_facts) + [None, None])[:2]
    parts = []
    if caps.own_funds:
        parts.append((caps.own_funds, own.label(L) if own else L("finance.cap_own_funds")))
    if caps.donations:
        parts.append((caps.donations, donations.label(L) if donations else L("finance.cap_donations")))
    lines = [("ceiling", caps.ceiling, L("finance.cap_ceiling"), "solid")] if caps.ceiling else []
    top = max([frame["raised"].max()] + [finance.convert(v, currency, rate) for _, v, _, _ in lines])

    def cap_text(label: str, value_kzt: float) -> str:
        return ("<br>".join(textwrap.wrap(label, LINE_LABEL_CHARS, break_long_words=False, break_on_hyphens=False))
                + f"<br><b>{limit_text(finance.convert(value_kzt, currency, rate), currency, L, rate)}</b>")

    line_texts = {name: cap_text(label, value_kzt) for name, value_kzt, label, _ in lines}
    for name, value_kzt, label, dash in lines:
        value = finance.convert(value_kzt, currency, rate)
        fig.add_hline(y=value, line=dict(color=style.REFERENCE, width=2, dash=dash), name=f"cap_{name}")
        fig.add_annotation(name=f"cap_{name}", xref="paper", x=1, xanchor="left", xshift=8, y=value, yanchor="middle",
                           showarrow=False, align="left", font=dict(size=13, color=style.REFERENCE),
                           text=line_texts[name])
    if parts:
        text = "<br><br>".join(cap_text(label, value) for value, label in parts)  # a blank line between
        ceiling = finance.convert(caps.ceiling, currency, rate) if caps.ceiling else None
        ceiling_lines = line_texts["ceiling"].count("<br>") + 1 if "ceiling" in line_texts else 0
        high = parts_at_top(ceiling, top * 1.1, ceiling_lines, text.count("<br>") + 1)
        fig.add_annotation(name="cap_parts", xref="paper", x=1, xanchor="left", xshift=8, yref="paper",
                           y=1 if high else 0, yanchor="top" if high else "bottom", showarrow=False, align="left",
                           font=dict(size=13, color=style.REFERENCE), text=text)
    title = raised_title(finance.money(finance_table), names, caps, currency, rate, L)
    style.apply(fig, title, L, sources(frame["source"], *[f for f in cap_facts if f is not None]), table, height=RAISED_HEIGHT)
    # Narrow gaps: each label has about its bar's width, side by side with its neighbour's.
    beside = bool(lines or parts)  # the caps are written in the right margin
    fig.update_layout(barmode="group", bargap=0.14, bargroupgap=0.0, margin_r=LINE_LABELS if beside else 20)
    if style.upright_if_crowded(fig, 0.14, style.PROJECTOR_CHART_PX - 70 - (LINE_LABELS if beside else 0)):  # many parties: labels read upwards, on one line
        for trace in fig.data:
            trace.update(text=labels[:n] if trace.meta == "raised" else labels[n:2 * n])
        # An upright label is as tall as it is long: the bars get the height to hold it inside, off a cap line.
        fig.update_layout(height=fig.layout.height + UPRIGHT_EXTRA_PX)
    _amount_axis(fig, top * 1.1, currency, L, labels_max=top)
    fig.update_xaxes(tickmode="array", tickvals=x, ticktext=ticktext, tickfont=dict(size=15), showgrid=False)
    style.upright_ticks_if_crowded(fig, style.PROJECTOR_CHART_PX - 70 - (LINE_LABELS if beside else 0))
    style.labels_clear_of_lines(fig, [finance.convert(v, currency, rate) for _, v, _, _ in lines], "y")
    return fig


# ---------------------------------------------------------------- closeness to the ceiling

def ceiling_title(frame: pd.DataFrame, names: dict, ceiling: float, currency: str, rate, L: Language) -> str:
    top = frame.iloc[0]
    text = L("finance.title_ceiling", party=names.get(top["party"], top["party"]),
             share=percent(top["ceiling_pct"], L),
             ceiling=amount(finance.convert(ceiling, currency, rate), currency, L, rate))
    if len(frame) > 1:
        text = L("finance.title_ceiling_others", start=text, share=percent(frame.iloc[1]["ceiling_pct"], L))
    return text


def ceiling_share(finance_table: pd.DataFrame, parties: pd.DataFrame, L: Language, ceiling: float, *,
                  currency: str = finance.TENGE, rate: float | None = None, cap_facts: tuple = (),
                  table: str = "finance.csv") -> go.Figure:
    """Raised as a share of the combined legal ceiling, one horizontal bar per party, 100% line."""
    frame = finance.ceiling_shares(finance_table, ceiling)
    names, colors = party_names(parties, L), party_colors(parties)
    raised = finance.convert(frame["raised"].astype("float64"), currency, rate)
    labels = [L("finance.label_ceiling_share", share=percent(p, L), amount=text)
              for p, text in zip(frame["ceiling_pct"], shorts(raised, L))]
    fig = go.Figure(go.Bar(
        x=frame["ceiling_pct"], y=[names.get(p, p) for p in frame["party"]], orientation="h",
        marker=dict(color=[colors.get(p, MUTED_BAR) for p in frame["party"]]), meta="ceiling_pct",
        text=labels, textposition="outside", cliponaxis=False, textfont=dict(size=15),
        customdata=[amount(v, currency, L, rate) for v in raised],
        hovertemplate="%{y}: %{customdata}<extra></extra>", showlegend=False,
    ))
    ceiling_text = limit_text(finance.convert(ceiling, currency, rate), currency, L, rate)
    fig.add_vline(x=100, line=dict(color=style.REFERENCE, width=2), name="ceiling")
    fig.add_annotation(name="ceiling", x=100, xref="x", y=1, yref="paper", yanchor="bottom", xanchor="center",
                       showarrow=False, font=dict(size=13, color=style.REFERENCE),
                       text=L("finance.ceiling_line", amount=ceiling_text))
    title = ceiling_title(frame, names, ceiling, currency, rate, L)
    style.apply(fig, title, L, sources(frame["source"], *[f for f in cap_facts if f is not None]), table,
                height=120 + 62 * len(frame))
    top = max(130.0, float(frame["ceiling_pct"].max()) + 30)
    fig.update_xaxes(range=[0, top], tickvals=[0, 25, 50, 75, 100], ticktext=[L.percent(v) for v in (0, 25, 50, 75, 100)],
                     title_text=L("finance.axis_ceiling_share"))
    fig.update_yaxes(autorange="reversed", tickfont=dict(size=16))
    style.labels_clear_of_lines(fig, [100], "x")
    return fig


# ---------------------------------------------------------------- spent per candidate

def spent_per_candidate(finance_table: pd.DataFrame, candidates: pd.DataFrame, parties: pd.DataFrame, L: Language, *,
                        currency: str = finance.TENGE, rate: float | None = None,
                        table: str = "finance.csv, candidates.csv") -> go.Figure:
    frame = finance.in_currency(finance.spent_per_candidate(finance_table, candidates), currency, rate)
    names, colors = party_names(parties, L), party_colors(parties)
    values = frame["spent_per_candidate"]
    fig = go.Figure(go.Bar(
        x=values, y=[names.get(p, p) for p in frame["party"]], orientation="h", meta="spent_per_candidate",
        marker=dict(color=[colors.get(p, MUTED_BAR) for p in frame["party"]]),
        text=[L("finance.label_per_candidate", amount=v, spent=s, count=L.number(c))
              for v, s, c in zip(shorts(values, L), shorts(frame["spent"], L), frame["candidates"])],
        textposition="outside", cliponaxis=False, textfont=dict(size=15),
        customdata=[amount(v, currency, L, rate) for v in values],
        hovertemplate="%{y}: %{customdata}<extra></extra>", showlegend=False,
    ))
    top, bottom = frame.iloc[0], frame.iloc[-1]
    shown = formatting.as_compacted(values)  # the title names the amounts as their bars' labels show them
    title = L("finance.title_per_candidate", party=names.get(top["party"], top["party"]),
              amount=amount(shown[0], currency, L, rate))
    if len(frame) > 1:
        title = L("finance.title_per_candidate_least", start=title, party=names.get(bottom["party"], bottom["party"]),
                  amount=amount(shown[-1], currency, L, rate))
    style.apply(fig, title, L, sources(frame["source"], frame["source_candidates"]), table, height=120 + 62 * len(frame))
    _amount_axis(fig, float(values.max()) * 1.45, currency, L, axis="x", labels_max=float(values.max()))
    fig.update_yaxes(autorange="reversed", tickfont=dict(size=16))
    return fig


# ---------------------------------------------------------------- deposits

def deposits(candidates: pd.DataFrame, parties: pd.DataFrame, L: Language, deposit: Fact, *,
             currency: str = finance.TENGE, rate: float | None = None,
             table: str = "candidates.csv, facts.csv") -> go.Figure:
    """The deposit each party paid to register its list: candidates × deposit per candidate."""
    frame = finance.in_currency(finance.deposits(candidates, deposit.value), currency, rate)
    names, colors = party_names(parties, L), party_colors(parties)
    values = frame["deposit"]
    fig = go.Figure(go.Bar(
        x=values, y=[names.get(p, p) for p in frame["party"]], orientation="h", meta="deposit",
        marker=dict(color=[colors.get(p, MUTED_BAR) for p in frame["party"]]),
        text=[L("finance.label_deposit", amount=v, count=L.number(c)) for v, c in zip(shorts(values, L), frame["candidates"])],
        textposition="outside", cliponaxis=False, textfont=dict(size=15),
        customdata=[amount(v, currency, L, rate) for v in values],
        hovertemplate="%{y}: %{customdata}<extra></extra>", showlegend=False,
    ))
    top = frame.iloc[0]
    title = L("finance.title_deposit", per=amount(finance.convert(deposit.value, currency, rate), currency, L, rate),
              party=names.get(top["party"], top["party"]), amount=amount(top["deposit"], currency, L, rate),
              count=L.number(top["candidates"]))
    if len(frame) > 1:
        title = L("finance.title_deposit_total", start=title, total=amount(values.sum(), currency, L, rate),
                  count=L.number(frame["candidates"].sum()))
    style.apply(fig, title, L, sources(frame["source"], deposit), table, height=120 + 62 * len(frame))
    _amount_axis(fig, float(values.max()) * 1.4, currency, L, axis="x", labels_max=float(values.max()))
    fig.update_yaxes(autorange="reversed", tickfont=dict(size=16))
    return fig
