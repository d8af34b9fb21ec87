"""Candidates, women in public bodies, results and coverage against votes. Pure pandas.

Fact ids are the package's vocabulary (like column names); every figure comes from the tables.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from observer.facts import Fact, Facts


def majority(seats: float) -> int:
    """Seats needed for a majority: more than half."""
    return int(seats) // 2 + 1


def per_party(candidates: pd.DataFrame, seats: float | None = None) -> pd.DataFrame:
    """Candidates per party, most first, and whether the list is long enough to win a majority of seats."""
    frame = candidates[["party", "candidates", "source"]].sort_values(
        ["candidates", "party"], ascending=[False, True], ignore_index=True)
    if seats:
        frame["can_win_majority"] = frame["candidates"] >= majority(seats)
        frame["seats_share_pct"] = 100 * frame["candidates"] / float(seats)
    else:
        frame["can_win_majority"] = pd.NA
    return frame


# "Only" count of total parties while fewer than this fraction of them fielded a majority's candidates:
# the finding and the chart's title say it by this one rule.
ONLY_BELOW = 0.5


def only(count: int, total: int) -> bool:
    """Whether "only" may qualify `count` of `total` parties (some, but fewer than ONLY_BELOW of them)."""
    return 0 < count < ONLY_BELOW * total


def majority_parties(candidates: pd.DataFrame, seats: float) -> list[str]:
    """Parties (ids, most candidates first) that fielded at least a majority of the seats."""
    frame = per_party(candidates, seats)
    return list(frame.loc[frame["can_win_majority"].astype(bool), "party"])


def results(table: pd.DataFrame, threshold_pct: float | None = None) -> pd.DataFrame:
    """Votes, share and seats per party, largest share first, and whether each passed the threshold."""
    frame = table.sort_values(["pct", "party"], ascending=[False, True], ignore_index=True)
    frame["passed"] = frame["pct"] >= threshold_pct if threshold_pct is not None else pd.NA
    return frame


def passed(table: pd.DataFrame, threshold_pct: float) -> list[str]:
    frame = results(table, threshold_pct)
    return list(frame.loc[frame["passed"].astype(bool), "party"])


def measures(coverage: pd.DataFrame) -> list[str]:
    """The coverage measures in the table, in the order they first appear."""
    return list(dict.fromkeys(coverage["measure"]))


def coverage_vs_votes(coverage: pd.DataFrame, results_table: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Each channel's coverage share next to each party's vote share; gap > 0 means more coverage than votes.

    Parties ordered by vote share (largest first), channels in the table's order.
    """
    shares = coverage.loc[coverage["measure"] == measure, ["channel", "party", "share_pct", "source"]]
    votes = results_table[["party", "pct", "source"]].rename(columns={"pct": "vote_pct", "source": "source_results"})
    frame = shares.merge(votes, on="party", how="inner")
    frame["gap_pts"] = frame["share_pct"] - frame["vote_pct"]
    order = {p: i for i, p in enumerate(results(results_table)["party"])}
    channels = {c: i for i, c in enumerate(dict.fromkeys(shares["channel"]))}
    frame = frame.assign(_p=frame["party"].map(order), _c=frame["channel"].map(channels))
    return frame.sort_values(["_p", "_c"], ignore_index=True).drop(columns=["_p", "_c"])


def coverage_summary(frame: pd.DataFrame) -> pd.DataFrame:
    """Per party: vote share, lowest and highest coverage share across channels, and how it compares."""
    summary = frame.groupby("party", sort=False).agg(vote_pct=("vote_pct", "first"), low=("share_pct", "min"),
                                                     high=("share_pct", "max"), channels=("channel", "nunique"))
    summary["under_everywhere"] = summary["high"] < summary["vote_pct"]
    summary["over_everywhere"] = summary["low"] > summary["vote_pct"]
    summary["gap_pts"] = summary["high"] - summary["vote_pct"]
    return summary.reset_index()


# Women in public life: percentage facts, or count facts over a total (the share is computed then).
@dataclass(frozen=True)
class Share:
    key: str
    label_fact: str
    pct_fact: str | None = None
    count_fact: str | None = None
    total_fact: str | None = None
    highlight: bool = False
    on_lists: bool = False  # this election's candidates, on the party lists a list quota applies to


WOMEN = (
    Share("candidates", "women_candidates_pct", "women_candidates_pct", "women_candidates", "candidates_total", True,
          on_lists=True),
    Share("candidates_prev", "women_candidates_prev_pct", "women_candidates_prev_pct"),
    Share("outgoing_parliament", "women_outgoing_parliament_pct", "women_outgoing_parliament_pct"),
    Share("cec", "cec_women", None, "cec_women", "cec_members"),
    Share("lower_commissions", "lower_commissions_women_pct", "lower_commissions_women_pct"),
    Share("akims", "women_akims", None, "women_akims", "akim_posts"),
    Share("ministers", "women_ministers", None, "women_ministers", "minister_posts"),
)


def women(facts: Facts, shares: tuple[Share, ...] = WOMEN) -> pd.DataFrame:
    """One row per body with a known share of women: key, pct, count, total, the facts used, highlight.

    Where the statement gives a percentage it is used as published; where it gives only counts
    ("2 of 7") the percentage is computed from them. A share with neither is left out.
    """
    rows = []
    for share in shares:
        pct_fact = facts.get(share.pct_fact) if share.pct_fact else None
        count = facts.get(share.count_fact) if share.count_fact else None
        total = facts.get(share.total_fact) if share.total_fact else None
        has_counts = count is not None and total is not None and count.value is not None and total.value
        if pct_fact is not None and pct_fact.value is not None:
            pct, computed = pct_fact.value, False
        elif has_counts:
            pct, computed = 100 * count.value / total.value, True
        else:
            continue
        used: list[Fact] = [f for f in (pct_fact, count, total) if f is not None]
        label = facts.get(share.label_fact) or used[0]
        rows.append({
            "key": share.key, "pct": pct, "computed": computed,
            "count": count.value if has_counts else None, "total": total.value if has_counts else None,
            "label_fact": label, "facts": used, "highlight": share.highlight, "on_lists": share.on_lists,
        })
    return pd.DataFrame(rows, columns=["key", "pct", "computed", "count", "total", "label_fact", "facts", "highlight",
                                       "on_lists"])
