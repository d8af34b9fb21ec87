"""The package described in words, for the Data & sources page and the command line."""

from __future__ import annotations

import pandas as pd

from observer.package import Package


def schema_frame(pkg: Package, table: str) -> pd.DataFrame:
    """One row per column: name, type, unit, title, description, and its constraints in words."""
    rows = []
    for field in pkg.fields(table):
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
