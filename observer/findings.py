"""The key findings: one sentence each, with its number, generated from the data, and the chart that
shows it. The overview lists them, presentation mode steps through them, the briefing pack prints them.

Each finding is built only when the package has what it needs; a package without finance.csv simply
has one finding fewer.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from observer import candidates as cand
from observer import catalogue, finance, segments, tv
from observer.catalogue import Inputs
from observer.charts import process as process_charts
from observer.charts import segments as log_charts
from observer.charts.finance import listing
from observer.charts.tv import gap_decimals, gap_points, share_text
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
             points=gap_points(L, biggest[tv.CAMPAIGN], biggest[tv.INSTITUTIONAL], decimals))
    # The chart shows the channel the sentence is about: every channel's 20-odd rows do not fit a 720 px
    # slide legibly. The TV page shows them all.
    return Finding("tv_gap", "tv", text, "tv-institutional-gap", {"channels": [biggest["channel"]]}, inp)


# "Close to an equal share" only while every campaign share is within this fraction of the equal share
# (with five parties, 20 % ± 10 points); otherwise the sentence states the range and the equal share alone.
CLOSE_TO_EQUAL = 0.5
# "Only" count of total parties: observer.candidates.ONLY_BELOW.


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
        key = "overview.finding_majority" if cand.only(len(able), len(lists)) else "overview.finding_majority_some"
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


# The monitoring views that carry a finding of their own (a log that codes programme types, speech, the
# time or outlet types): the sentence is the chart's title, built from the very rows the chart draws, so
# the two cannot differ; the qualifiers in it are the chart's (the largest, the least).
LOG_VIEWS = {"tv_log_programme": "tv-log-programme", "tv_log_speech": "tv-log-speech",
             "tv_log_prime": "tv-log-prime", "tv_log_outlets": "tv-log-outlets"}


def _log_view(key: str, chart_id: str) -> Callable[[Inputs, Language], Finding | None]:
    def build(inp: Inputs, L: Language) -> Finding | None:
        entry = catalogue.chart(chart_id)
        if not entry.available(inp):
            return None
        figure = entry.figure(inp)
        if not figure.data:  # no rows in the period: the chart says so, and there is no finding
            return None
        return Finding(key, "tv", html.unescape(figure.layout.meta["title"]), chart_id, _focus(inp, chart_id), inp)
    build.__name__ = key
    return build


def _focus(inp: Inputs, chart_id: str) -> dict:
    """The parties the sentence names, which its slide shows (a row per channel and party of every party
    does not fit a 720 px slide legibly; the TV page shows them all). Their rows keep the numbers the
    sentence gives: the highest and lowest of all rows are the highest and lowest of these."""
    if chart_id not in catalogue.LOG_ROWS:
        return {}
    rows = catalogue.log_rows(inp, chart_id)
    if chart_id == "tv-log-programme":
        leader = log_charts.outside_news_leader(rows)
        return {"parties": [leader]} if leader is not None else {}
    value = {"tv-log-speech": "direct_pct", "tv-log-prime": "prime_pct"}[chart_id]
    top, low = log_charts.extremes(rows, value, inp.parties, inp.channels)
    return {"parties": list(dict.fromkeys([top["party"], low["party"]]))}


def period_note(inp: Inputs, L: Language) -> str | None:
    """Where the findings follow part of the coded log's period (Inputs.period), the days they cover."""
    log = inp.table(segments.TABLE)
    if not inp.period or log is None or log.empty:
        return None
    days = log["date"].dropna()
    start = pd.Timestamp(inp.period[0]) if inp.period[0] else days.min()
    end = pd.Timestamp(inp.period[1]) if inp.period[1] else days.max()
    return L("overview.period_note", start=L.date(start), end=L.date(end))


FINDINGS: list[Callable[[Inputs, Language], Finding | None]] = [
    tv_gap, tv_campaign_balance, *(_log_view(key, chart_id) for key, chart_id in LOG_VIEWS.items()),
    finance_ceiling, candidates_majority, women_candidates, commission_nominations]


def findings(pkg, L: Language, inputs: Inputs | None = None) -> list[Finding]:
    """The findings the package supports, in order; ``inputs`` lets a caller share one Inputs (and its
    TV shares) between the findings and its charts."""
    inp = inputs or Inputs(pkg, L)
    return [found for build in FINDINGS if (found := build(inp, L)) is not None]
