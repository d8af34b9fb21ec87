"""Single figures from facts.csv, with their label, unit and source, in the reader's language."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from observer.i18n import Language

_LABEL = re.compile(r"label(?:_([a-z]{2,3}))?")
# The unit of a fact whose label is the figure: the fact ``source`` names the package's default citation.
TEXT_UNIT = "text"


def is_currency(unit) -> bool:
    """A unit that is an ISO 4217 code: KZT, EUR, GEL, USD."""
    from babel.numbers import is_currency as known

    return isinstance(unit, str) and len(unit) == 3 and unit.isupper() and known(unit)


@dataclass(frozen=True)
class Fact:
    fact: str
    value: float | None
    unit: str
    labels: dict[str, str]
    source: str
    quote: str  # the source's own sentence, in the package's quote language (the bundled package's quote_kk)
    date: pd.Timestamp | None
    approximate: bool

    @property
    def quote_kk(self) -> str:
        return self.quote

    def label(self, L: Language) -> str:
        """The label in the reader's language, else the one the package has (``label``, English, any)."""
        return (self.labels.get(L.code) or self.labels.get("") or self.labels.get("en")
                or next(iter(self.labels.values()), "") or self.fact)

    def display(self, L: Language) -> str:
        """The figure as the statement gives it, in the reader's locale ('about 70%' where approximate)."""
        if self.unit == TEXT_UNIT:
            return self.label(L)
        if self.unit == "date":
            text = L.date(self.date)
        elif self.unit == "percent":
            text = L.percent(self.value)
        elif is_currency(self.unit):
            # Large amounts compact (33.9 billion tenge), below a million in full (637,500 tenge).
            return L.amount(self.value, self.unit, self.approximate)
        else:
            text = L.number(self.value)
        return L("common.approximately", value=text) if self.approximate else text


class Facts:
    """Look-up of facts.csv by id; a package without facts.csv, or without a given fact, yields None."""

    def __init__(self, table: pd.DataFrame | None):
        self._rows = {} if table is None else {row["fact"]: row for row in table.to_dict("records")}

    def __contains__(self, fact: str) -> bool:
        return fact in self._rows

    def get(self, fact: str) -> Fact | None:
        row = self._rows.get(fact)
        if row is None:
            return None
        value = row.get("value")
        date = row.get("date")
        return Fact(
            fact=fact,
            value=None if pd.isna(value) else float(value),
            unit=row["unit"],
            labels={(_LABEL.fullmatch(column).group(1) or ""): text for column, text in row.items()
                    if isinstance(column, str) and _LABEL.fullmatch(column) and isinstance(text, str) and text.strip()},
            source=row.get("source", "") or "",
            quote=row.get("quote", "") or row.get("quote_kk", "") or "",
            date=None if date is None or pd.isna(date) else pd.Timestamp(date),
            approximate=row.get("approximate") is True,  # an empty cell (missing, not False) is not "about"
        )

    def value(self, fact: str, default: float | None = None) -> float | None:
        found = self.get(fact)
        return default if found is None or found.value is None else found.value
