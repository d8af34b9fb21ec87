"""The package described in words, for the Data & sources page and the command line."""

from __future__ import annotations

import csv
from collections.abc import Callable
from functools import partial

import pandas as pd
from babel.lists import format_list

from observer.export import csv_bytes
from observer.i18n import Language
from observer.loading import BUNDLED_DATA, Package, contract
from observer.loading.rules import REQUIRED_TABLES, STAND_INS

# A page shows this many rows of a table at most: a coded log of a million segments would otherwise be
# sent to every browser that opens the page (tens of MB); the download has them all.
PREVIEW_ROWS = 1_000

# The contract's patterns in words: a reader types ids and colours, not regular expressions.
PATTERNS = {"[a-z][a-z0-9_]*": "data.pattern_id", "#[0-9A-Fa-f]{6}": "data.pattern_colour"}


def schema_frame(pkg: Package, table: str, L: Language | None = None) -> pd.DataFrame:
    """One row per column: name, type, unit, title, description, and its constraints in words."""
    return fields_frame(pkg.fields(table), L)


def fields_frame(fields: list[dict], L: Language | None = None) -> pd.DataFrame:
    """Every cell in the reader's language except what the user types: column names and allowed values.
    A field without a translation shows its English title and description rather than nothing."""
    L = L or Language()
    rows = []
    for field in fields:
        constraints = field.get("constraints") or {}
        rows.append({
            "column": field["name"],
            "type": _known(L, f"data.type_{field.get('type', 'string')}", field.get("type", "string")),
            "unit": _known(L, f"data.unit_{field['unit']}", field["unit"]) if field.get("unit") else "",
            "title": field.get(f"title_{L.code}") or field.get("title") or field["name"],
            "description": field.get(f"description_{L.code}") or field.get("description", ""),
            "required": L("data.field_extra") if field.get("extra") else
            L("data.field_required") if constraints.get("required") else L("data.field_optional"),
            "constraints": "; ".join(constraint_words(name, value, L) for name, value in constraints.items()
                                     if name != "required"),
        })
    return pd.DataFrame(rows, columns=["column", "type", "unit", "title", "description", "required", "constraints"])


def constraint_words(name: str, value, L: Language) -> str:
    if name == "enum":
        return L("data.constraint_enum", values=", ".join(map(str, value)))
    if name == "pattern":
        return L(PATTERNS[value]) if value in PATTERNS else L("data.constraint_pattern", pattern=value)
    if name == "unique":
        return L("data.constraint_unique") if value else ""
    if name in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength") \
            and isinstance(value, (int, float)):
        return L(f"data.constraint_{name}", value=L.number(value))
    return L("data.constraint_other", name=name, value=value)


def _known(L: Language, key: str, raw: str) -> str:
    """The catalogue's words for a type or unit; one the catalogue does not know is shown as written."""
    text = L(key)
    return raw if text == key else text


def table_status(table: str, L: Language) -> str:
    """Required, optional, or required unless its stand-in is there (the loader's rule, observer.loading.rules)."""
    stand_ins = {**STAND_INS, **{v: k for k, v in STAND_INS.items()}}
    if table in REQUIRED_TABLES or stand_ins.get(table) in REQUIRED_TABLES:
        other = stand_ins.get(table)
        return L("data.either_table", other=other) if other else L("data.required_table")
    return L("data.optional_table")


def required_rule(L: Language) -> str:
    """'parties and channels are required, and so is tv_coverage or tv_segments (or both); ...'."""
    alone = [t for t in REQUIRED_TABLES if t not in STAND_INS]
    either = [format_list([t, STAND_INS[t]], style="or", locale=L.code) for t in REQUIRED_TABLES if t in STAND_INS]
    return L("data.required_rule", required=format_list(alone, locale=L.code),
             either=format_list(either, locale=L.code))


def preview(frame: pd.DataFrame, rows: int = PREVIEW_ROWS) -> pd.DataFrame:
    return frame if len(frame) <= rows else frame.head(rows)


def csv_download(frame: pd.DataFrame) -> Callable[[], bytes]:
    """The table's CSV, built when the reader clicks download, not on every run of the page."""
    return partial(csv_bytes, frame)


# Up to this many rows a table's CSV is built with the page. Streamlit drops a deferred download's callable
# as soon as the session's next run starts, so a click on a button drawn by the run before (a loaded
# machine, a quick reader) starts no download; a built file survives one more run. Larger tables are
# still built on click: a million rows take seconds.
EAGER_ROWS = 20_000


def download_data(frame: pd.DataFrame) -> bytes | Callable[[], bytes]:
    """What the page's download button for this table carries: the CSV itself, or for a large table the
    means to build it on click."""
    return csv_bytes(frame) if len(frame) <= EAGER_ROWS else csv_download(frame)


def sources_of(pkg: Package, table: str) -> list[str]:
    return [s.get("title", "") for s in pkg.resource(table).get("sources", pkg.descriptor.get("sources", []))]


def summary(pkg: Package) -> str:
    counts = ", ".join(f"{name} {len(frame)}" for name, frame in pkg.tables.items())
    return f"{len(pkg.tables)} tables, {sum(len(f) for f in pkg.tables.values())} rows ({counts})"


# Columns the bundled package uses for what the contract's general columns say: a template offers the general
# one (amounts in the package's currency, the quote in its own language), filled from the bundled row.
ALIASES = {"raised_kzt": "raised", "spent_kzt": "spent", "quote_kk": "quote"}


def template_frame(table: str) -> pd.DataFrame:
    """The table's columns with one example row: the first row of the bundled package, as stored; its tenge
    amounts and Kazakh quote in the general columns (raised, spent with currency KZT; quote)."""
    resource = next(r for r in contract()["resources"] if r["name"] == table)
    names = [f["name"] for f in resource["schema"]["fields"] if f["name"] not in ALIASES]
    example = {}
    try:
        with (BUNDLED_DATA / resource["path"]).open(encoding="utf-8-sig", newline="") as file:
            example = next(csv.DictReader(file), {}) or {}
    except OSError:
        pass
    for alias, general in ALIASES.items():
        if example.get(alias) and not example.get(general):
            example[general] = example[alias]
            if alias.endswith("_kzt") and "currency" in names:
                example["currency"] = "KZT"
    return pd.DataFrame([{n: example.get(n, "") for n in names}], columns=names, dtype=str)


def template_csv(table: str) -> bytes:
    return csv_bytes(template_frame(table))
