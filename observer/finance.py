"""Campaign money per party: raised, spent, left over, against the legal caps, per candidate, deposits.

Pure pandas. Amounts are kept in tenge as published (``*_kzt`` columns); ``convert`` gives them in
euro at the statement's own rate, so the two currencies never disagree with the source.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from observer.facts import Fact, Facts

CURRENCIES = ("KZT", "EUR")
CAP_FACTS = ("cap_own_funds_kzt", "cap_donations_kzt")  # the facts behind Caps, in its field order
RATE_FACT = "eur_rate_kzt"
DEPOSIT_FACT = "deposit_per_candidate_kzt"


@dataclass(frozen=True)
class Caps:
    """The legal limits on a party's campaign fund, in tenge; None where the package lacks the fact.
    The facts themselves travel along, so a chart can show each cap's label and source."""

    own_funds: float | None
    donations: float | None
    facts: tuple[Fact | None, Fact | None] = (None, None)

    @property
    def ceiling(self) -> float | None:
        """Most a party may raise in all: own funds plus donations (None unless both caps are known)."""
        if self.own_funds is None or self.donations is None:
            return None
        return self.own_funds + self.donations


def caps(facts: Facts) -> Caps:
    return Caps(*(facts.value(f) for f in CAP_FACTS), facts=tuple(facts.get(f) for f in CAP_FACTS))


def convert(amount_kzt, currency: str, rate: float | None):
    """Tenge to the chosen currency; rate is tenge per euro. Works on numbers and Series alike."""
    if currency == "KZT":
        return amount_kzt
    if currency == "EUR" and rate:
        return amount_kzt / rate
    raise ValueError(f"no conversion to {currency!r} (rate {rate!r})")


def currencies(facts: Facts) -> list[str]:
    """Tenge always; euro only when the package gives the exchange rate."""
    return list(CURRENCIES) if facts.value(RATE_FACT) else ["KZT"]


def money(finance: pd.DataFrame) -> pd.DataFrame:
    """One row per party, largest raised first: raised, spent and left over (raised − spent), in tenge."""
    frame = finance[["party", "raised_kzt", "spent_kzt", "source"]].copy()
    frame["left_kzt"] = frame["raised_kzt"] - frame["spent_kzt"]
    frame["spent_share_pct"] = 100 * frame["spent_kzt"] / frame["raised_kzt"].where(frame["raised_kzt"] > 0)
    return frame.sort_values(["raised_kzt", "party"], ascending=[False, True], ignore_index=True)


def in_currency(frame: pd.DataFrame, currency: str, rate: float | None) -> pd.DataFrame:
    """Add raised, spent and left columns (and any other *_kzt column without the suffix) in the currency."""
    out = frame.copy()
    for column in [c for c in frame.columns if c.endswith("_kzt")]:
        out[column.removesuffix("_kzt")] = convert(frame[column].astype("float64"), currency, rate)
    return out


def ceiling_shares(finance: pd.DataFrame, ceiling: float) -> pd.DataFrame:
    """Each party's raised as a share of the combined ceiling, closest to the ceiling first."""
    frame = money(finance)[["party", "raised_kzt", "source"]]
    frame["ceiling_kzt"] = float(ceiling)
    frame["ceiling_pct"] = 100 * frame["raised_kzt"] / float(ceiling)
    return frame


def spent_per_candidate(finance: pd.DataFrame, candidates: pd.DataFrame) -> pd.DataFrame:
    """Spent divided by the candidates each party fielded, highest first; parties without candidates drop out."""
    frame = finance[["party", "spent_kzt", "source"]].merge(
        candidates[["party", "candidates", "source"]], on="party", suffixes=("", "_candidates"))
    frame = frame[frame["candidates"] > 0].copy()
    frame["spent_per_candidate_kzt"] = frame["spent_kzt"] / frame["candidates"]
    return frame.sort_values(["spent_per_candidate_kzt", "party"], ascending=[False, True], ignore_index=True)


def deposits(candidates: pd.DataFrame, per_candidate_kzt: float) -> pd.DataFrame:
    """The registration deposit each party paid: its candidates times the deposit per candidate, largest first."""
    frame = candidates[["party", "candidates", "source"]].copy()
    frame["deposit_kzt"] = frame["candidates"] * float(per_candidate_kzt)
    return frame.sort_values(["deposit_kzt", "party"], ascending=[False, True], ignore_index=True)


def as_of(finance: pd.DataFrame) -> pd.Timestamp | None:
    """The date the figures refer to: the latest as_of in the table (None if there is none)."""
    if "as_of" not in finance.columns:
        return None
    dates = finance["as_of"].dropna()
    return None if dates.empty else pd.Timestamp(dates.max())


def days_before(date: pd.Timestamp | None, later: pd.Timestamp | None) -> int | None:
    """Whole days from ``date`` to ``later``, or None when either is unknown."""
    if date is None or later is None:
        return None
    return int((pd.Timestamp(later) - pd.Timestamp(date)).days)
