"""Step 6: rules across tables that a Table Schema cannot express, and the tables a package must have.

Each rule takes the typed tables and returns Problems in the normalised files (moved to the user's
files by observer.loading.schema.locate); a rule whose table is absent or whose columns failed to parse
simply has nothing to say."""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

from observer import finance
from observer.facts import TEXT_UNIT
from observer.loading.descriptor import DESCRIPTOR
from observer.loading.schema import normalised_file
from observer.problems import Problem, problem

Tables = dict[str, pd.DataFrame]

REQUIRED_TABLES = ("parties", "channels", "tv_coverage")
# A required table another may stand in for: a coded monitoring log gives the shares tv_coverage publishes.
STAND_INS = {"tv_coverage": "tv_segments"}


def check(tables: Tables, descriptor: dict | None = None) -> list[Problem]:
    """Every rule's problems."""
    files = {name: normalised_file(name) for name in tables}
    return [found for rule in RULES for found in rule(tables, files)] + money(tables, files, descriptor or {})


def required_tables(tables) -> list[Problem]:
    """The required tables a package lacks; a table that is there but unreadable counts as there."""
    return [problem(f"{name}.csv", "table_required_or_log", table=name, log=f"{STAND_INS[name]}.csv")
            if name in STAND_INS else problem(f"{name}.csv", "table_required", table=name)
            for name in missing_tables(tables)]


def missing_tables(tables) -> list[str]:
    """Required tables absent, a table with a stand-in present counting as there."""
    return [name for name in REQUIRED_TABLES if name not in tables and STAND_INS.get(name) not in tables]


def rounding_tolerance(shares: pd.Series) -> float:
    """Half a unit of the last published digit, for each share: what rounding can add up to."""
    decimals = max((len(f"{v:g}".partition(".")[2]) for v in shares.dropna()), default=0)
    return 0.5 * 10 ** -decimals * len(shares)


def shares_add_up(tables: Tables, files: dict) -> list[Problem]:
    coverage = tables.get("tv_coverage")
    if coverage is None or not {"channel", "measure", "share_pct"} <= set(coverage.columns):
        return []
    problems = []
    for (channel, measure), group in coverage.groupby(["channel", "measure"], sort=False):
        shares = group["share_pct"]
        if shares.isna().any():
            continue  # a cell that failed to parse is reported by the schema check
        total = float(shares.sum())
        tolerance = rounding_tolerance(shares)
        if abs(total - 100) > tolerance:
            first_row = int(group.index[0]) + 2  # the loader maps this to the user's own row
            # Rounded as shown (:g), then in the reader's number format.
            problems.append(problem(files["tv_coverage"], "shares_total", row=first_row, column="share_pct",
                                    value=f"{total:g}", channel=channel, measure=measure, total=float(f"{total:g}"),
                                    tolerance=float(f"{tolerance:g}")))
    return problems


def facts_have_value_or_date(tables: Tables, files: dict) -> list[Problem]:
    facts = tables.get("facts")
    if facts is None or not {"unit", "value", "date"} <= set(facts.columns):
        return []
    problems = []
    for index, fact in facts.iterrows():
        if fact["unit"] == TEXT_UNIT:  # its label is the figure (the fact source: a default citation)
            continue
        is_date = fact["unit"] == "date"
        missing = "date" if is_date and pd.isna(fact["date"]) else "value" if not is_date and pd.isna(fact["value"]) else None
        if missing:
            problems.append(problem(files["facts"], f"fact_no_{missing}", row=int(index) + 2, column=missing,
                                    fact=fact["fact"], unit=fact["unit"]))
    return problems


def money(tables: Tables, files: dict, descriptor: dict) -> list[Problem]:
    """Campaign funds: raised and spent on every row (raised, or raised_kzt in tenge), in one currency, an ISO
    4217 code given once: a currency column, or currency in datapackage.json; *_kzt columns are in tenge."""
    table = tables.get("finance")
    own = descriptor.get("currency")
    problems = []
    if own is not None and not finance.is_currency(own):
        problems.append(problem(DESCRIPTOR, "currency_unknown", column="currency", value=str(own)))
    if table is None:
        return problems
    file = files["finance"]
    for index, row in table.iterrows():
        for amount in ("raised", "spent"):
            if pd.isna(row.get(amount)) and pd.isna(row.get(f"{amount}_kzt")):
                problems.append(problem(file, "finance_no_amount", row=int(index) + 2, column=amount, kzt=f"{amount}_kzt"))
    codes = table["currency"].fillna("") if "currency" in table.columns else pd.Series("", index=table.index)
    first = None
    for index, code in codes.items():
        if not code:
            continue
        if not finance.is_currency(code):
            if re.fullmatch("[A-Z]{3}", code):  # another form is reported by the schema check
                problems.append(problem(file, "currency_unknown", row=int(index) + 2, column="currency", value=code))
        elif first is None:
            first = code
        elif code != first:
            problems.append(problem(file, "currency_mixed", row=int(index) + 2, column="currency", value=code,
                                    first=first))
    given = first or (own if isinstance(own, str) and finance.is_currency(own) else None)
    has = {c: c in table.columns and table[c].notna().any() for c in ("raised", "spent", "raised_kzt", "spent_kzt")}
    if (has["raised"] or has["spent"]) and given is None and not codes.any():
        problems.append(problem(file, "currency_missing", column="currency"))
    if (has["raised_kzt"] or has["spent_kzt"]) and given not in (None, finance.TENGE):
        problems.append(problem(file, "currency_conflict", column="raised_kzt" if has["raised_kzt"] else "spent_kzt",
                                value=given, given=given))
    return problems


RULES: list[Callable[[Tables, dict], list[Problem]]] = [shares_add_up, facts_have_value_or_date]
