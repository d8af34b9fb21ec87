"""Read a data package folder into validated pandas DataFrames.

Validation happens in two passes that both report every problem at once: the Table Schema in
datapackage.json (types, constraints, keys; checked by Frictionless), then the rules in
``observer.rules`` that a schema cannot express. Nothing is returned unless both pass.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from observer import rules
from observer.problems import PackageError, Problem
from observer.schema_check import schema_problems

BUNDLED_DATA = Path(__file__).resolve().parent.parent / "data"
DESCRIPTOR = "datapackage.json"


@dataclass
class Package:
    """A loaded package: its descriptor and one DataFrame per resource, keyed by resource name."""

    path: Path
    descriptor: dict
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)

    def table(self, name: str) -> pd.DataFrame | None:
        return self.tables.get(name)

    def resource(self, name: str) -> dict:
        return next(r for r in self.descriptor["resources"] if r["name"] == name)

    def fields(self, name: str) -> list[dict]:
        return self.resource(name)["schema"]["fields"]

    def file_of(self, name: str) -> str:
        return self.resource(name)["path"]


def load_package(path: str | Path = BUNDLED_DATA) -> Package:
    """Load and validate the package in folder ``path``; raise PackageError listing every problem."""
    folder = Path(path)
    descriptor = _read_descriptor(folder)
    problems = schema_problems(folder, descriptor)
    tables = {}
    for resource in descriptor["resources"]:
        if (folder / resource["path"]).is_file():
            tables[resource["name"]] = read_table(folder / resource["path"], resource["schema"])
    problems += rules.check(tables, descriptor)
    if problems:
        raise PackageError(problems)
    return Package(folder, descriptor, tables)


def _read_descriptor(folder: Path) -> dict:
    if not folder.is_dir():
        raise PackageError([Problem(str(folder), None, None, None, "this folder does not exist",
                                    "Give the path of a folder that holds datapackage.json and the CSV files.")])
    file = folder / DESCRIPTOR
    try:
        descriptor = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PackageError([Problem(DESCRIPTOR, None, None, None, "the package has no datapackage.json",
                                    "Add datapackage.json describing the tables (copy the bundled one).")]) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        row = getattr(exc, "lineno", None)
        raise PackageError([Problem(DESCRIPTOR, row, None, None, f"this is not valid JSON ({exc})",
                                    "Correct the JSON syntax at that line.")]) from None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise PackageError([Problem(DESCRIPTOR, None, "resources", None, "the descriptor lists no resources",
                                    "List each CSV table under \"resources\" with its path and schema.")])
    return descriptor


def read_table(file: Path, schema: dict) -> pd.DataFrame:
    """Read one CSV as strings, then convert each column to its schema type.

    Cells that do not convert become missing values: the schema check has already reported them,
    and the rules must still be able to run on the rest of the table.
    """
    frame = pd.read_csv(file, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    for spec in schema["fields"]:
        name = spec["name"]
        if name not in frame.columns:
            continue
        frame[name] = _convert(frame[name].str.strip(), spec.get("type", "string"))
    return frame


def _convert(column: pd.Series, type_: str) -> pd.Series:
    blank = column == ""
    if type_ in ("integer", "number"):
        numbers = pd.to_numeric(column.mask(blank), errors="coerce")
        # Plain numpy dtypes: Plotly and Babel both want int64/float64, not pandas' nullable types.
        if type_ == "integer" and not numbers.isna().any():
            return numbers.astype("int64")
        return numbers.astype("float64")
    if type_ == "boolean":
        return column.str.lower().map({"true": True, "false": False})
    if type_ == "date":
        return pd.to_datetime(column.mask(blank), format="%Y-%m-%d", errors="coerce")
    return column
