"""Election process charts: who nominated the election commissions' members, how the Central Election
Commission is appointed, and tabulation observed at the territorial commissions. Each title states the
finding, built from the facts; every figure is the statement's as published, none recomputed.

Fact ids are the package's vocabulary (like column names); a chart draws the ones the package has.
"""

from __future__ import annotations

import plotly.graph_objects as go

from observer.charts import style
from observer.charts.finance import listing, sources
from observer.facts import Fact, Facts
from observer.i18n import Language

# Who nominated commission members, each a published share of all members, in the order they are shown.
NOMINATIONS = {
    "commission_nominated_by_parties_pct": "parties",
    "commission_nominated_by_associations_pct": "associations",
    "commission_nominated_by_higher_commissions_pct": "higher_commissions",
}
# Who appoints the CEC's members besides its chair; cec_members is the whole commission.
CEC_APPOINTED = {
    "cec_appointed_by_president": "president",
    "cec_appointed_by_mazhilis": "mazhilis",
    "cec_appointed_by_senate": "senate",
}
CEC_MEMBERS = "cec_members"
TABULATION_OBSERVED = "tabulation_observed_tecs"
TABULATION_OPAQUE = "tabulation_not_transparent_tecs"

SEGMENT_COLORS = ("#1f4e79", "#6b9bc3", "#c7d7e6")   # dark to light: the largest share darkest
SEGMENT_TEXT = ("#ffffff", "#1a1a1a", "#1a1a1a")
CHAIR = "#1a1a1a"
MEMBER = "#6b9bc3"
OBSERVED = "#c7d7e6"
OPAQUE = "#1f4e79"
INSIDE_MIN_PCT = 10   # a segment narrower than this takes its label above it, not inside
BACKGROUND = "rgba(255,255,255,0.9)"


def _present(facts: Facts, ids) -> list[Fact]:
    return [f for f in (facts.get(i) for i in ids) if f is not None and f.value is not None]


# ---------------------------------------------------------------- who nominated commission members

def nominations(facts: Facts) -> list[Fact]:
    """The published shares of commission members by who nominated them, largest first (ties in the
    statement's order); only those the package has."""
    found = _present(facts, NOMINATIONS)
    return sorted(found, key=lambda f: -f.value)


def body_name(fact: Fact, L: Language) -> str:
    """A nominating body's short name for the legend ('Political parties'); the fact's label otherwise."""
    kind = NOMINATIONS.get(fact.fact)
    return L(f"process.body_{kind}") if kind else fact.label(L)


def body_agent(fact: Fact, L: Language) -> str:
    """The body as the sentence names who nominated ('political parties' / 'саяси партиялар тарапынан')."""
    kind = NOMINATIONS.get(fact.fact)
    return L(f"process.by_{kind}") if kind else fact.label(L)


def nominations_title(shares: list[Fact], L: Language) -> str:
    first, rest = shares[0], shares[1:]
    text = L("process.title_nominations", pct=first.display(L), by=body_agent(first, L))
    if rest:
        items = [L("process.nominations_item", pct=f.display(L), by=body_agent(f, L)) for f in rest]
        text = L("process.title_nominations_rest", start=text, rest=listing(items, L))
    return L("process.title_nominations_source", text=text)


def nominations_bar(shares: list[Fact], L: Language, *, table: str = "facts.csv") -> go.Figure:
    """One horizontal bar, a segment per nominating body, each labelled with its published share."""
    fig = go.Figure()
    start = 0.0
    for i, fact in enumerate(shares):
        name, shown = body_name(fact, L), fact.display(L)
        inside = fact.value >= INSIDE_MIN_PCT
        fig.add_trace(go.Bar(
            x=[fact.value], y=[0], orientation="h", name=name, meta=fact.fact, width=0.5,
            marker=dict(color=SEGMENT_COLORS[i % len(SEGMENT_COLORS)], line=dict(color="white", width=2)),
            text=[f"<b>{shown}</b>"] if inside else [""], textposition="inside", insidetextanchor="middle",
            textfont=dict(size=20, color=SEGMENT_TEXT[i % len(SEGMENT_TEXT)]), showlegend=True,
            customdata=[f"{name}: {shown}"], hovertemplate="%{customdata}<extra></extra>",
        ))
        if not inside:
            # Too narrow for its label: the share above the segment, pointing at it.
            fig.add_annotation(name="segment_label", x=start + fact.value / 2, y=0.25, xref="x", yref="y",
                               text=f"<b>{shown}</b>", showarrow=True, arrowhead=0, ax=0, ay=-22,
                               yanchor="bottom", font=dict(size=18, color=style.TEXT), bgcolor=BACKGROUND)
        start += fact.value
    style.apply(fig, nominations_title(shares, L), L, sources(*shares), table, height=310)
    ticks = [0, 25, 50, 75, 100]
    # Room at both ends for the first and last tick labels ('0 %', '100 %'), which Plotly hides if cut.
    fig.update_layout(barmode="stack", legend_traceorder="normal", margin_l=24, margin_r=36)
    fig.update_xaxes(range=[0, max(100.0, start)], tickvals=ticks, ticktext=[L.percent(t) for t in ticks],
                     title_text=L("process.axis_nominations"), showgrid=False, zeroline=False)
    # Above the bar, room for a narrow segment's label below the legend.
    fig.update_yaxes(range=[-0.4, 1.05], showticklabels=False, showgrid=False, zeroline=False, fixedrange=True)
    return fig


# ---------------------------------------------------------------- how the CEC is appointed

def cec_appointments(facts: Facts) -> tuple[list[Fact], int, Fact | None]:
    """Who appoints the CEC's members, the chair appointed besides them (the members not accounted for by
    the appointers, when that is one: the President's, as its fact's label says), and the whole CEC."""
    appointed = _present(facts, CEC_APPOINTED)
    members = facts.get(CEC_MEMBERS)
    if members is None or members.value is None:
        return appointed, 0, None
    by_president = any(f.fact == "cec_appointed_by_president" for f in appointed)
    chair = 1 if by_president and members.value - sum(f.value for f in appointed) == 1 else 0
    return appointed, chair, members


def appointer_name(fact: Fact, L: Language) -> str:
    kind = CEC_APPOINTED.get(fact.fact)
    return L(f"process.appointer_{kind}") if kind else fact.label(L)


def cec_title(appointed: list[Fact], chair: int, members: Fact | None, L: Language) -> str:
    items = []
    for fact in appointed:
        key = "process.cec_item_chair" if chair and fact.fact == "cec_appointed_by_president" else "process.cec_item"
        items.append(L(key, who=appointer_name(fact, L), count=fact.display(L)))
    text = "; ".join(items)
    if members is not None:
        return L("process.title_cec_total", items=text, total=members.display(L))
    return L("process.title_cec", items=text)


def cec_bars(appointed: list[Fact], chair: int, members: Fact | None, L: Language, *,
             table: str = "facts.csv") -> go.Figure:
    """A bar per appointing body with its members; the President's bar starts with the chair."""
    names = [appointer_name(f, L) for f in appointed]
    fig = go.Figure()
    president = [f.fact == "cec_appointed_by_president" for f in appointed]
    if chair:
        fig.add_trace(go.Bar(
            x=[1 if p else 0 for p in president], y=names, orientation="h", name=L("process.series_chair"),
            meta="chair", marker=dict(color=CHAIR, line=dict(color="white", width=2)), width=0.6,
            text=[L("process.label_chair") if p else "" for p in president], textposition="inside",
            insidetextanchor="middle", textfont=dict(size=15, color="white"),
            hovertemplate="%{y}: " + L("process.label_chair") + "<extra></extra>",
        ))
    fig.add_trace(go.Bar(
        x=[f.value for f in appointed], y=names, orientation="h", name=L("process.series_members"), meta="members",
        marker=dict(color=MEMBER, line=dict(color="white", width=2)), width=0.6,
        text=[f"<b>{f.display(L)}</b>" for f in appointed], textposition="inside", insidetextanchor="middle",
        textfont=dict(size=17, color=style.TEXT), customdata=[f.display(L) for f in appointed],
        hovertemplate="%{y}: %{customdata}<extra></extra>",
    ))
    used = list(appointed) + ([members] if members is not None else [])
    style.apply(fig, cec_title(appointed, chair, members, L), L, sources(*used), table,
                height=150 + 56 * len(appointed))
    # The key says what the counts inside the bars are (members besides the chair); none without a chair.
    fig.update_layout(showlegend=bool(chair), legend_traceorder="normal")
    top = max([chair + f.value if p else f.value for f, p in zip(appointed, president)] + [1])
    fig.update_layout(barmode="stack")
    fig.update_xaxes(range=[0, top + 0.5], dtick=1, title_text=L("process.axis_cec"))
    fig.update_yaxes(autorange="reversed", tickfont=dict(size=16))
    return fig


# ---------------------------------------------------------------- tabulation at territorial commissions

def tabulation(facts: Facts) -> tuple[Fact | None, Fact | None]:
    """Territorial commissions where the mission observed tabulation, and those of them where it was not
    transparent (either may be missing)."""
    observed, opaque = facts.get(TABULATION_OBSERVED), facts.get(TABULATION_OPAQUE)
    return (observed if observed is not None and observed.value is not None else None,
            opaque if opaque is not None and opaque.value is not None else None)


def tabulation_title(observed: Fact | None, opaque: Fact | None, L: Language) -> str:
    if observed is not None and opaque is not None:
        return L("process.title_tabulation", opaque=opaque.display(L), observed=observed.display(L))
    fact = observed or opaque
    return L("process.title_generic", label=fact.label(L), value=fact.display(L))


# A bar is half a row: the other half holds the next row's label (a 23 px white ground in Chromium),
# which a row of TABULATION_ROW_PX leaves 2 px clear of the bars on either side.
TABULATION_BAR = 0.5
TABULATION_ROW_PX = 56


def tabulation_bars(observed: Fact | None, opaque: Fact | None, L: Language, *,
                    table: str = "facts.csv") -> go.Figure:
    """Commissions where tabulation was observed, and where it was not transparent, as two bars; each
    bar's label written above it so the long labels do not squeeze the plot."""
    rows = [(f, key, color) for f, key, color in ((observed, "observed", OBSERVED), (opaque, "opaque", OPAQUE))
            if f is not None]
    fig = go.Figure(go.Bar(
        x=[f.value for f, _, _ in rows], y=list(range(len(rows))), orientation="h", meta="tabulation",
        width=TABULATION_BAR,
        marker=dict(color=[c for _, _, c in rows]), showlegend=False, textposition="none",
        customdata=[f"{L('process.row_' + k)}: {f.display(L)}" for f, k, _ in rows],
        hovertemplate="%{customdata}<extra></extra>",
    ))
    for row, (fact, key, _) in enumerate(rows):
        fig.add_annotation(name="row_label", x=0, xref="x", y=row - TABULATION_BAR / 2, yref="y", yshift=2,
                           xanchor="left", yanchor="bottom", showarrow=False, text=L(f"process.row_{key}"),
                           font=dict(size=15, color=style.TEXT),
                           bgcolor=BACKGROUND)
        fig.add_annotation(name="value_label", x=fact.value, xref="x", y=row, yref="y", xanchor="left",
                           yanchor="middle", xshift=6, showarrow=False, text=f"<b>{fact.display(L)}</b>",
                           font=dict(size=17, color=style.TEXT))
    style.apply(fig, tabulation_title(observed, opaque, L), L, sources(*(f for f, _, _ in rows)), table,
                height=110 + 80 * len(rows))
    top = max(f.value for f, _, _ in rows)
    fig.update_xaxes(range=[0, top * 1.12 + 1], dtick=2 if top <= 20 else None, title_text=L("process.axis_tecs"))
    fig.update_yaxes(autorange=False, range=[len(rows) - 0.45, -0.8], showticklabels=False, showgrid=False,
                     zeroline=False)
    margin = fig.layout.margin
    fig.update_layout(margin_t=margin.t + 10, margin_l=30,
                      height=margin.t + 10 + margin.b + TABULATION_ROW_PX * (len(rows) + 0.35))
    return fig
