"""Derived figures for TV news coverage: distance from an equal share, concentration, and how much
counting institutional activities changes each party's share. Pure pandas; works for any number of
channels and parties.

Shares are per cent of a channel's coverage, as published (whole numbers, so a channel's shares may
add up to 99 or 101).
"""

from __future__ import annotations

import pandas as pd

CAMPAIGN = "campaign"
INSTITUTIONAL = "incl_institutional"
MEASURES = (CAMPAIGN, INSTITUTIONAL)
HHI_MAX = 10_000  # one party gets all the coverage (100 squared)


def equal_share(parties: pd.DataFrame) -> float:
    """The share each contesting party would get if coverage were split evenly (per cent)."""
    return 100 / len(parties) if len(parties) else float("nan")


def equal_hhi(parties: pd.DataFrame) -> float:
    """The HHI of a perfectly even split: n parties of 100/n per cent each give 10000/n."""
    return HHI_MAX / len(parties) if len(parties) else float("nan")


def hhi(shares: pd.Series) -> float:
    """Herfindahl–Hirschman index: the sum of squared shares in per cent (0–10000)."""
    return float((shares.astype(float) ** 2).sum())


def ordered(coverage: pd.DataFrame, parties: pd.DataFrame, channels: pd.DataFrame) -> pd.DataFrame:
    """Rows in the order of the channels and parties tables, so every chart lists them alike."""
    channel_rank = {c: i for i, c in enumerate(channels["channel"])}
    party_rank = {p: i for i, p in enumerate(parties["party"])}
    keys = coverage.assign(_c=coverage["channel"].map(channel_rank),
                           _p=coverage["party"].map(party_rank) if "party" in coverage else 0)
    return keys.sort_values(["_c", "_p"], kind="stable").drop(columns=["_c", "_p"]).reset_index(drop=True)


def no_news_channels(channels: pd.DataFrame) -> list[str]:
    """Channels that show no news, so have no news shares at all."""
    return channels.loc[channels["broadcasts_news"] == False, "channel"].tolist()  # noqa: E712 (NA stays out)


def channels_with_shares(channels: pd.DataFrame, coverage: pd.DataFrame) -> list[str]:
    """Channels, in table order, for which shares are published."""
    published = set(coverage["channel"])
    return [c for c in channels["channel"] if c in published]


def select(coverage: pd.DataFrame, channels: list[str] | None = None, parties: list[str] | None = None,
           measure: str | None = None) -> pd.DataFrame:
    """The rows for the chosen channels, parties and measure (None keeps all)."""
    keep = pd.Series(True, index=coverage.index)
    if channels is not None:
        keep &= coverage["channel"].isin(channels)
    if parties is not None:
        keep &= coverage["party"].isin(parties)
    if measure is not None:
        keep &= coverage["measure"] == measure
    return coverage[keep].reset_index(drop=True)


def deviations(coverage: pd.DataFrame, parties: pd.DataFrame) -> pd.DataFrame:
    """Each row with deviation_pts: its share minus the equal share (points; negative = below)."""
    return coverage.assign(deviation_pts=coverage["share_pct"] - equal_share(parties))


def concentration(coverage: pd.DataFrame) -> pd.DataFrame:
    """Per channel and measure: the largest party and its share, and the HHI of all parties' shares.

    Pass all parties' rows: a channel's concentration is a property of its whole coverage. Where two
    parties tie for the largest share, largest_parties names them all and largest_party the first.
    """
    rows = []
    for (channel, measure), group in coverage.groupby(["channel", "measure"], sort=False):
        top = group["share_pct"].max()
        leaders = group.loc[group["share_pct"] == top, "party"]
        rows.append({"channel": channel, "measure": measure, "largest_party": leaders.iloc[0],
                     "largest_parties": tuple(leaders), "largest_share_pct": float(top),
                     "hhi": hhi(group["share_pct"]), "source": group["source"].iloc[0] if "source" in group else ""})
    return pd.DataFrame(rows, columns=["channel", "measure", "largest_party", "largest_parties", "largest_share_pct",
                                       "hhi", "source"])


def gaps(coverage: pd.DataFrame) -> pd.DataFrame:
    """Per channel and party: the share by each measure and gap_pts = incl_institutional − campaign.

    Only pairs published under both measures are kept; sources of both rows are joined.
    """
    wide = coverage.pivot_table(index=["channel", "party"], columns="measure", values="share_pct", sort=False)
    if not set(MEASURES) <= set(wide.columns):
        return pd.DataFrame(columns=["channel", "party", CAMPAIGN, INSTITUTIONAL, "gap_pts", "source"])
    wide = wide[list(MEASURES)].dropna().reset_index()
    wide.columns.name = None
    wide["gap_pts"] = wide[INSTITUTIONAL] - wide[CAMPAIGN]
    sources = (coverage.groupby(["channel", "party"], sort=False)["source"]
               .agg(lambda s: "; ".join(dict.fromkeys(s))).rename("source").reset_index())
    return wide.merge(sources, on=["channel", "party"], how="left")


def largest_gap(gap_table: pd.DataFrame) -> pd.Series | None:
    """The channel and party whose share changes most between the two measures (by size), or None."""
    if gap_table.empty:
        return None
    return gap_table.loc[gap_table["gap_pts"].abs().idxmax()]


def largest_share(coverage: pd.DataFrame) -> pd.Series | None:
    """The single largest share among the rows (first in row order on a tie), or None."""
    if coverage.empty:
        return None
    return coverage.loc[coverage["share_pct"].idxmax()]


def furthest_from_equal(deviation_table: pd.DataFrame) -> pd.Series | None:
    """The row whose share is furthest from the equal share, above or below, or None."""
    if deviation_table.empty:
        return None
    return deviation_table.loc[deviation_table["deviation_pts"].abs().idxmax()]
