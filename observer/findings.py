"""The key findings: one sentence each, with its number, generated from the data, and the chart that
shows it. The overview lists them, presentation mode steps through them, the briefing pack prints them.

Each finding is built only when the package has what it needs; a package without finance.csv simply
has one finding fewer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import plotly.graph_objects as go

from observer import candidates as cand
from observer import catalogue, finance, tv
from observer.catalogue import Inputs
from observer.charts import process as process_charts
from observer.charts.finance import listing
from observer.charts.tv import gap_decimals, share_text
from observer.i18n import Language


@dataclass(frozen=True)
class Finding:
    key: str
    page: str   # the id of the page that shows it in full (tv, finance, candidates)
    text: str
    chart: str  # the catalogue id of the chart that shows it
    selection: dict = field(default_factory=dict)  # the chart's selections: what the sentence is about
    inputs: Inputs | None = field(default=None, compare=False, repr=False)

    @property
    def image_name(self) -> str:
        """File name of the chart's image: its catalogue name with the finding's selections."""
        return catalogue.chart(self.chart).name(**self.selection)

    def figure(self) -> go.Figure:
        """The chart, built only when shown (the overview lists text only)."""
        return catalogue.chart(self.chart).figure(self.inputs, **self.selection)


def tv_gap(inp: Inputs, L: Language) -> Finding | None:
    if not inp.has(catalogue.SHARES):
        return None
    parties, channels = inp.parties, inp.channels
    gaps = tv.gaps(inp.coverage)
    biggest = tv.largest_gap(gaps)
    if biggest is None:
        return None
    names = L.names(parties, "party", "short")
    channel_names = L.names(channels, "channel")
    direction = "up" if biggest["gap_pts"] > 0 else "down"
    # The decimals of the chart the finding shows: its channel's rows.
    decimals = gap_decimals(gaps[gaps["channel"] == biggest["channel"]])
    text = L(f"overview.finding_tv_gap_{direction}", party=names.get(biggest["party"], biggest["party"]),
             channel=channel_names.get(biggest["channel"], biggest["channel"]),
             campaign=share_text(L, biggest[tv.CAMPAIGN], decimals),
             institutional=share_text(L, biggest[tv.INSTITUTIONAL], decimals),
             points=L.points(biggest["gap_pts"]))
    # The chart shows the channel the sentence is about: every channel's 20-odd rows do not fit a 720 px
    # slide legibly. The TV page shows them all.
    return Finding("tv_gap", "tv", text, "tv-institutional-gap", {"channels": [biggest["channel"]]}, inp)


# "Close to an equal share" only while every campaign share is within this fraction of the equal share
# (with five parties, 20 % ± 10 points); otherwise the sentence states the range and the equal share alone.
CLOSE_TO_EQUAL = 0.5
# "Only" count of total parties while fewer than this fraction of them fielded a majority's candidates.
ONLY_BELOW = 0.5


def close_to_equal(shares, equal: float) -> bool:
    return bool(((shares - equal).abs() <= CLOSE_TO_EQUAL * equal).all())


def tv_campaign_balance(inp: Inputs, L: Language) -> Finding | None:
    if not inp.has(catalogue.SHARES):
        return None
    parties = inp.parties
    campaign = tv.select(inp.coverage, measure=tv.CAMPAIGN)
    if campaign.empty:
        return None
    equal = tv.equal_share(parties)
    key = "overview.finding_tv_balance" if close_to_equal(campaign["share_pct"], equal) else "overview.finding_tv_spread"
    text = L(key, low=share_text(L, campaign["share_pct"].min()), high=share_text(L, campaign["share_pct"].max()),
             equal=L.percent(round(equal, 1)))
    return Finding("tv_balance", "tv", text, "tv-shares", {"measure": tv.CAMPAIGN}, inp)


def finance_ceiling(inp: Inputs, L: Language) -> Finding | None:
    money, parties, caps = inp.table("finance"), inp.parties, inp.caps
    if money is None or money.empty or not caps.ceiling:
        return None
    shares = finance.ceiling_shares(money, caps.ceiling)
    names = L.names(parties, "party", "short")
    top = shares.iloc[0]
    currency = finance.package_currency(inp.pkg) or finance.TENGE
    values = dict(party=names.get(top["party"], top["party"]), raised=L.amount(top["raised"], currency),
                  share=L.percent(round(top["ceiling_pct"], 1)), ceiling=L.compact(caps.ceiling, form="text"))
    if len(shares) > 1:
        text = L("overview.finding_finance_others", **values, next=L.amount(shares.iloc[1]["raised"], currency))
    else:
        text = L("overview.finding_finance", **values)
    return Finding("finance_ceiling", "finance", text, "finance-ceiling-share", {}, inp)


def candidates_majority(inp: Inputs, L: Language) -> Finding | None:
    lists, parties, facts = inp.table("candidates"), inp.parties, inp.facts
    seats = facts.get("seats_contested")
    if lists is None or lists.empty or seats is None or not seats.value:
        return None
    able = cand.majority_parties(lists, seats.value)
    names = L.names(parties, "party", "short")
    if not able:
        key = "overview.finding_majority_none"
    else:
        key = "overview.finding_majority" if len(able) < ONLY_BELOW * len(lists) else "overview.finding_majority_some"
    text = L(key, count=L.number(len(able)), total=L.number(len(lists)),
             names=L("overview.list_separator").join(L("overview.list_name", party=names.get(p, p)) for p in able) or "—",
             majority=L.number(cand.majority(seats.value)), seats=L.number(seats.value))
    return Finding("candidates_majority", "candidates", text, "candidates-per-party", {}, inp)


def women_candidates(inp: Inputs, L: Language) -> Finding | None:
    facts = inp.facts
    pct, count, total = (facts.get(f) for f in ("women_candidates_pct", "women_candidates", "candidates_total"))
    if pct is None:
        return None
    text = L("overview.finding_women", pct=pct.display(L))
    if count is not None and total is not None:
        text = L("overview.finding_women_count", start=text, count=count.display(L), total=total.display(L))
    prev = facts.get("women_candidates_prev_pct")
    if prev is not None and prev.value != pct.value:
        direction = "up" if pct.value > prev.value else "down"
        text = L(f"overview.finding_women_prev_{direction}", start=text, prev=prev.display(L))
    text = L("overview.sentence", text=text)
    return Finding("women_candidates", "candidates", text, "candidates-women", {}, inp)


# "More than half" of commission members only while the largest nominating body's share is above this.
MORE_THAN_HALF = 50


def commission_nominations(inp: Inputs, L: Language) -> Finding | None:
    """Who nominated election commission members, the chart's published shares, largest first. The
    qualifier is the data's: "more than half" when the largest share is over MORE_THAN_HALF per cent, "the
    largest share" when it is above every other but not over half; with no such share (a tie for the
    largest) the sentence is the chart's title."""
    shares = process_charts.nominations(inp.facts)
    if not shares:
        return None
    first, rest = shares[0], shares[1:]
    if first.value > MORE_THAN_HALF:
        qualifier = "majority"
    elif rest and first.value > rest[0].value:
        qualifier = "largest"
    else:
        text = L("process.finding_nominations_plain", title=process_charts.nominations_title(shares, L))
        return Finding("commission_nominations", "process", text, "process-commission-nominations", {}, inp)
    items = [L("process.nominations_item", pct=f.display(L), by=process_charts.body_agent(f, L)) for f in rest]
    text = L(f"process.finding_nominations_{qualifier}", pct=first.display(L), by=process_charts.body_agent(first, L),
             rest=L("process.finding_rest", items=listing(items, L)) if items else "")
    return Finding("commission_nominations", "process", text, "process-commission-nominations", {}, inp)


FINDINGS: list[Callable[[Inputs, Language], Finding | None]] = [
    tv_gap, tv_campaign_balance, finance_ceiling, candidates_majority, women_candidates, commission_nominations]


def findings(pkg, L: Language, inputs: Inputs | None = None) -> list[Finding]:
    """The findings the package supports, in order; ``inputs`` lets a caller share one Inputs (and its
    TV shares) between the findings and its charts."""
    inp = inputs or Inputs(pkg, L)
    return [found for build in FINDINGS if (found := build(inp, L)) is not None]
