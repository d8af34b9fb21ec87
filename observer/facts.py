"""Single figures from facts.csv, with their label, unit and source, in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from observer.i18n import Language


@dataclass(frozen=True)
class Fact:
    fact: str
    value: float | None
    unit: str
    labels: dict[str, str]
    source: str
    quote_kk: str
    date: pd.Timestamp | None
    approximate: bool

    def label(self, L: Language) -> str:
        return self.labels.get(L.code) or self.labels.get("en", self.fact)

    def display(self, L: Language) -> str:
        """The figure as the statement gives it, in the reader's locale ('about 70%' where approximate)."""
        if self.unit == "date":
            text = L.date(self.date)
        elif self.unit == "percent":
            text = L.percent(self.value)
        elif self.unit in ("KZT", "EUR"):
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
            labels={code: row.get(f"label_{code}", "") for code in ("en", "kk", "ru") if row.get(f"label_{code}")},
            source=row.get("source", ""),
            quote_kk=row.get("quote_kk", "") or "",
            date=None if date is None or pd.isna(date) else pd.Timestamp(date),
            approximate=bool(row.get("approximate", False)),
        )

    def value(self, fact: str, default: float | None = None) -> float | None:
        found = self.get(fact)
        return default if found is None or found.value is None else found.value
