"""Campaign money per party: raised, spent, left over, against the legal caps, per candidate, deposits.

Pure pandas. Amounts are kept in the package's own currency as published: ``raised`` and ``spent`` in
the currency the package names once (ISO 4217: a ``currency`` column, or ``currency`` in datapackage.json),
or ``raised_kzt`` / ``spent_kzt`` in tenge. ``convert`` gives them in euro at the package's own rate (the
fact ``eur_rate``, units of its currency per euro), so the two currencies never disagree with the source.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from babel.numbers import is_currency as _babel_is_currency

from observer.facts import Fact, Facts

TENGE, EURO = "KZT", "EUR"
# Each figure by its generic fact id; the id with _kzt after it (the bundled package's) means the same.
CAP_OWN_FUNDS, CAP_DONATIONS = ("cap_own_funds", "cap_own_funds_kzt"), ("cap_donations", "cap_donations_kzt")
RATE = ("eur_rate", "eur_rate_kzt")  # the package's currency per euro
DEPOSIT = ("deposit_per_candidate", "deposit_per_candidate_kzt")
CAP_FACTS = CAP_OWN_FUNDS + CAP_DONATIONS  # every fact the caps may come from
DEPOSIT_FACTS = DEPOSIT
AMOUNTS = ("raised", "spent", "left", "ceiling", "spent_per_candidate", "deposit")  # columns in a currency


def is_currency(code) -> bool:
    """An ISO 4217 code Babel knows: GEL, USD, EUR, KZT."""
    return isinstance(code, str) and len(code) == 3 and code.isupper() and _babel_is_currency(code)


def fact(facts: Facts, names: tuple[str, ...]) -> Fact | None:
    """The first of a figure's fact ids the package has."""
    return next((facts.get(n) for n in names if n in facts), None)


def value(facts: Facts, names: tuple[str, ...]) -> float | None:
    found = fact(facts, names)
    return None if found is None else found.value


def currency_of(finance: pd.DataFrame | None, descriptor: dict | None = None) -> str | None:
    """The currency the package's amounts are in: its finance table's currency column, else currency in its
    datapackage.json, else tenge where amounts are in *_kzt columns; None when nothing says."""
    if finance is not None and "currency" in finance.columns:
        codes = [c for c in finance["currency"].dropna() if is_currency(c)]
        if codes:
            return codes[0]
    own = (descriptor or {}).get("currency")
    if is_currency(own):
        return own
    if finance is not None and any(c in finance.columns and finance[c].notna().any() for c in ("raised_kzt", "spent_kzt")):
        return TENGE
    return None


def package_currency(pkg) -> str | None:
    """The package's currency: that of its finance table (or datapackage.json); without one, the unit of the
    deposit fact, when it is a currency."""
    found = currency_of(pkg.table("finance"), pkg.descriptor)
    if found is None:
        deposit = fact(Facts(pkg.table("facts")), DEPOSIT)
        if deposit is not None and is_currency(deposit.unit):
            found = deposit.unit
    return found


@dataclass(frozen=True)
class Caps:
    """The legal limits on a party's campaign fund, in the package's currency; None where the package
    lacks the fact. The facts themselves travel along, so a chart can show each cap's label and source."""

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
    found = (fact(facts, CAP_OWN_FUNDS), fact(facts, CAP_DONATIONS))
    return Caps(*(None if f is None else f.value for f in found), facts=found)


def converting(currency: str, rate: float | None) -> bool:
    """Whether amounts are shown converted: in euro, at a rate the package gives (units of its currency per
    euro). A package whose own currency is the euro is given no rate (``currencies``)."""
    return currency == EURO and bool(rate)


def convert(amount, currency: str, rate: float | None):
    """The package's currency to the chosen one: in euro at ``rate`` (see ``converting``), else unchanged.
    Works on numbers and Series alike."""
    return amount / rate if converting(currency, rate) else amount


def currencies(facts: Facts, base: str | None) -> list[str]:
    """The package's own currency; and euro too when the package gives the exchange rate."""
    if base is None:
        return []
    return [base, EURO] if base != EURO and value(facts, RATE) else [base]


def amounts(finance: pd.DataFrame) -> pd.DataFrame:
    """party, raised, spent and source: raised and spent as given, or in tenge from *_kzt."""
    frame = pd.DataFrame({"party": finance["party"]})
    for column in ("raised", "spent"):
        given = finance[column] if column in finance.columns else pd.Series(pd.NA, index=finance.index)
        if f"{column}_kzt" in finance.columns:
            given = given.where(given.notna(), finance[f"{column}_kzt"])
        frame[column] = pd.to_numeric(given).astype("float64")
    frame["source"] = finance["source"] if "source" in finance.columns else ""
    return frame


def money(finance: pd.DataFrame) -> pd.DataFrame:
    """One row per party, largest raised first: raised, spent and left over (raised − spent)."""
    frame = amounts(finance)
    frame["left"] = frame["raised"] - frame["spent"]
    frame["spent_share_pct"] = 100 * frame["spent"] / frame["raised"].where(frame["raised"] > 0)
    return frame.sort_values(["raised", "party"], ascending=[False, True], ignore_index=True)


def in_currency(frame: pd.DataFrame, currency: str, rate: float | None) -> pd.DataFrame:
    """The amount columns (raised, spent, left, ...) in the chosen currency."""
    out = frame.copy()
    for column in [c for c in frame.columns if c in AMOUNTS]:
        out[column] = convert(frame[column].astype("float64"), currency, rate)
    return out


def ceiling_shares(finance: pd.DataFrame, ceiling: float) -> pd.DataFrame:
    """Each party's raised as a share of the combined ceiling, closest to the ceiling first."""
    frame = money(finance)[["party", "raised", "source"]]
    frame["ceiling"] = float(ceiling)
    frame["ceiling_pct"] = 100 * frame["raised"] / float(ceiling)
    return frame


def spent_per_candidate(finance: pd.DataFrame, candidates: pd.DataFrame) -> pd.DataFrame:
    """Spent divided by the candidates each party fielded, highest first; parties without candidates drop out."""
    own = candidates[["party", "candidates"]].assign(
        source=candidates["source"] if "source" in candidates.columns else "")
    frame = amounts(finance)[["party", "spent", "source"]].merge(own, on="party", suffixes=("", "_candidates"))
    frame = frame[frame["candidates"] > 0].copy()
    frame["spent_per_candidate"] = frame["spent"] / frame["candidates"]
    return frame.sort_values(["spent_per_candidate", "party"], ascending=[False, True], ignore_index=True)


def deposits(candidates: pd.DataFrame, per_candidate: float) -> pd.DataFrame:
    """The registration deposit each party paid: its candidates times the deposit per candidate, largest first."""
    frame = candidates[["party", "candidates"]].copy()
    frame["source"] = candidates["source"] if "source" in candidates.columns else ""
    frame["deposit"] = frame["candidates"] * float(per_candidate)
    return frame.sort_values(["deposit", "party"], ascending=[False, True], ignore_index=True)


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
