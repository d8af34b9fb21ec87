"""The key findings: one sentence each, with its number, generated from the data, and the chart that
shows it. The overview lists them, presentation mode steps through them, the briefing pack prints them.

Each finding is built only when the package has what it needs; a package without finance.csv simply
has one finding fewer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import plotly.graph_objects as go

from observer import candidates as cand
from observer import finance, tv
from observer.charts import candidates as candidate_charts
from observer.charts import finance as finance_charts
from observer.charts import tv as tv_charts
from observer.facts import Facts
from observer.i18n import Language
from observer.package import Package

# The page that shows each finding in full: its views/ script (as st.navigation knows it) and the
# catalogue key of its name.
PAGES = {"tv": ("views/tv_coverage.py", "common.page_tv"),
         "finance": ("views/campaign_finance.py", "common.page_finance"),
         "candidates": ("views/candidates.py", "common.page_candidates")}


@dataclass(frozen=True)
class Finding:
    key: str
    page: str
    text: str
    draw: Callable[[], go.Figure]  # the chart, built only when shown (the overview lists text only)
    chart: str  # file name for the chart's image

    @property
    def page_script(self) -> str:
        return PAGES[self.page][0]

    @property
    def page_title_key(self) -> str:
        return PAGES[self.page][1]

    def figure(self) -> go.Figure:
        return self.draw()


def tv_gap(pkg: Package, L: Language) -> Finding | None:
    coverage, parties, channels = pkg.table("tv_coverage"), pkg.table("parties"), pkg.table("channels")
    if coverage is None:
        return None
    gaps = tv.gaps(coverage)
    biggest = tv.largest_gap(gaps)
    if biggest is None:
        return None
    names = L.names(parties, "party", "short")
    channel_names = L.names(channels, "channel")
    direction = "up" if biggest["gap_pts"] > 0 else "down"
    text = L(f"overview.finding_tv_gap_{direction}", party=names.get(biggest["party"], biggest["party"]),
             channel=channel_names.get(biggest["channel"], biggest["channel"]),
             campaign=L.percent(biggest[tv.CAMPAIGN]), institutional=L.percent(biggest[tv.INSTITUTIONAL]),
             points=L.points(biggest["gap_pts"]))
    # The chart shows the channel the sentence is about: every channel's 20-odd rows do not fit a 720 px
    # slide legibly. The TV page shows them all.
    on_channel = gaps[gaps["channel"] == biggest["channel"]]
    return Finding("tv_gap", "tv", text, lambda: tv_charts.gap_dumbbell(on_channel, parties, channels, L),
                   "tv-institutional-gap")


def tv_campaign_balance(pkg: Package, L: Language) -> Finding | None:
    coverage, parties, channels = pkg.table("tv_coverage"), pkg.table("parties"), pkg.table("channels")
    if coverage is None:
        return None
    campaign = tv.select(coverage, measure=tv.CAMPAIGN)
    if campaign.empty:
        return None
    text = L("overview.finding_tv_balance", low=L.percent(campaign["share_pct"].min()),
             high=L.percent(campaign["share_pct"].max()), equal=L.percent(round(tv.equal_share(parties), 1)))
    return Finding("tv_balance", "tv", text, lambda: tv_charts.share_bars(campaign, parties, channels, tv.CAMPAIGN, L),
                   f"tv-shares-{tv.CAMPAIGN}")


def finance_ceiling(pkg: Package, L: Language) -> Finding | None:
    money, parties, facts = pkg.table("finance"), pkg.table("parties"), Facts(pkg.table("facts"))
    caps = finance.caps(facts)
    if money is None or money.empty or not caps.ceiling:
        return None
    shares = finance.ceiling_shares(money, caps.ceiling)
    names = L.names(parties, "party", "short")
    top = shares.iloc[0]
    values = dict(party=names.get(top["party"], top["party"]), raised=L.compact(top["raised_kzt"]),
                  share=L.percent(round(top["ceiling_pct"], 1)), ceiling=L.compact(caps.ceiling))
    if len(shares) > 1:
        text = L("overview.finding_finance_others", **values, next=L.compact(shares.iloc[1]["raised_kzt"]))
    else:
        text = L("overview.finding_finance", **values)
    cap_facts = (facts.get("cap_own_funds_kzt"), facts.get("cap_donations_kzt"))
    table = pkg.files("finance", "facts")
    return Finding("finance_ceiling", "finance", text,
                   lambda: finance_charts.ceiling_share(money, parties, L, caps.ceiling, cap_facts=cap_facts, table=table),
                   "finance-ceiling-share")


def candidates_majority(pkg: Package, L: Language) -> Finding | None:
    lists, parties, facts = pkg.table("candidates"), pkg.table("parties"), Facts(pkg.table("facts"))
    seats = facts.get("seats_contested")
    if lists is None or lists.empty or seats is None or not seats.value:
        return None
    able = cand.majority_parties(lists, seats.value)
    names = L.names(parties, "party", "short")
    text = L("overview.finding_majority", count=L.number(len(able)), total=L.number(len(lists)),
             names=L("overview.list_separator").join(names.get(p, p) for p in able) or "—",
             majority=L.number(cand.majority(seats.value)), seats=L.number(seats.value))
    table = pkg.files("candidates", "facts")
    return Finding("candidates_majority", "candidates", text,
                   lambda: candidate_charts.per_party(lists, parties, L, seats=seats,
                                                      list_max=facts.get("list_max_candidates"), table=table),
                   "candidates-per-party")


def women_candidates(pkg: Package, L: Language) -> Finding | None:
    facts = Facts(pkg.table("facts"))
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
    table = pkg.files("facts")
    return Finding("women_candidates", "candidates", text,
                   lambda: candidate_charts.women(cand.women(facts), L, quota=facts.get("quota_women_youth_pct"),
                                                  table=table),
                   "candidates-women")


FINDINGS: list[Callable[[Package, Language], Finding | None]] = [
    tv_gap, tv_campaign_balance, finance_ceiling, candidates_majority, women_candidates]


def findings(pkg: Package, L: Language) -> list[Finding]:
    return [found for build in FINDINGS if (found := build(pkg, L)) is not None]
