"""The package described in words, for the Data & sources page and the command line."""

from __future__ import annotations

import csv

import pandas as pd

from observer.export import csv_bytes
from observer.package import BUNDLED_DATA, Package, contract


def schema_frame(pkg: Package, table: str) -> pd.DataFrame:
    """One row per column: name, type, unit, title, description, and its constraints in words."""
    return fields_frame(pkg.fields(table))


def fields_frame(fields: list[dict]) -> pd.DataFrame:
    rows = []
    for field in fields:
        constraints = field.get("constraints", {})
        rows.append({
            "column": field["name"],
            "type": field.get("type", "string"),
            "unit": field.get("unit", ""),
            "title": field.get("title", ""),
            "description": field.get("description", ""),
            "required": bool(constraints.get("required", False)),
            "constraints": ", ".join(f"{k}: {v}" for k, v in constraints.items() if k != "required"),
        })
    return pd.DataFrame(rows)


def sources_of(pkg: Package, table: str) -> list[str]:
    return [s.get("title", "") for s in pkg.resource(table).get("sources", pkg.descriptor.get("sources", []))]


def summary(pkg: Package) -> str:
    counts = ", ".join(f"{name} {len(frame)}" for name, frame in pkg.tables.items())
    return f"{len(pkg.tables)} tables, {sum(len(f) for f in pkg.tables.values())} rows ({counts})"


def template_frame(table: str) -> pd.DataFrame:
    """The table's columns with one example row: the first row of the bundled package, as stored."""
    resource = next(r for r in contract()["resources"] if r["name"] == table)
    names = [f["name"] for f in resource["schema"]["fields"]]
    example = {}
    try:
        with (BUNDLED_DATA / resource["path"]).open(encoding="utf-8-sig", newline="") as file:
            example = next(csv.DictReader(file), {}) or {}
    except OSError:
        pass
    return pd.DataFrame([{n: example.get(n, "") for n in names}], columns=names, dtype=str)


def template_csv(table: str) -> bytes:
    return csv_bytes(template_frame(table))
