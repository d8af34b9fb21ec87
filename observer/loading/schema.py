"""Step 5: the Table Schema check, by Frictionless, of the tables as normalised; then typed DataFrames.

Frictionless reads the normalised tables as plain UTF-8 CSV; its report becomes Problems that say
what to fix in words a spreadsheet user understands, each moved back to the user's own file, row and
value as typed. The normalised CSV always has the schema's header (observer.loading.normalise made
it), so only cells, rows and keys can fail here; columns are checked before."""

from __future__ import annotations

import copy
import dataclasses
import re
import tempfile
from pathlib import Path

import frictionless
import numpy as np
import pandas as pd
from frictionless import errors

from observer.loading.descriptor import DESCRIPTOR
from observer.loading.text import RawTable, to_csv
from observer.problems import Problem, problem, shorten

TYPES = ("integer", "number", "date", "boolean", "string")  # each has a problem kind type_<name>
# Patterns of the contract explained in words, with an example; any other is quoted as it is.
PATTERNS = {"[a-z][a-z0-9_]*": ("pattern_id", "nur_otan"), "#[0-9A-Fa-f]{6}": ("pattern_color", "#0072B2"),
            "count|percent|date|text|[A-Z]{3}|[A-Z]{3} per [A-Z]{3}": ("pattern_unit", "GEL"),
            "[A-Z]{3}": ("pattern_currency", "GEL")}
CONSTRAINT_NAMED = re.compile(r'constraint "(\w+)"')


def normalised_file(name: str) -> str:
    """The file a table is written to for the check; problems in it are moved to the user's file."""
    return f"{name}.csv"


def check(tables: dict[str, RawTable], descriptor: dict) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """The tables as typed DataFrames, and every schema problem (in the normalised files: see ``locate``)."""
    resources = [_checked_resource(r, tables[r["name"]], set(tables)) for r in descriptor["resources"]
                 if r["name"] in tables]
    if not resources:
        return {}, []
    package = {**{k: v for k, v in descriptor.items() if k != "resources"}, "resources": resources}
    with tempfile.TemporaryDirectory(prefix="observer-") as folder:
        for resource in resources:
            (Path(folder) / resource["path"]).write_text(to_csv(tables[resource["name"]]), encoding="utf-8")
        found = schema_problems(Path(folder), package)
        frames = {r["name"]: typed_frame(Path(folder) / r["path"], r["schema"]) for r in resources}
    return frames, found


def _checked_resource(resource: dict, table: RawTable, present: set[str]) -> dict:
    """The resource as Frictionless checks it: its normalised CSV file, and only what that file can break."""
    checked = copy.deepcopy({k: v for k, v in resource.items() if k != "sources"})
    checked.update(path=normalised_file(resource["name"]), encoding="utf-8", format="csv")
    checked.pop("dialect", None)
    for spec in checked["schema"]["fields"]:
        if spec["name"] not in table.present:
            # A column the file lacks is reported once, from the header, not again in every row.
            spec.get("constraints", {}).pop("required", None)
    # References to a table that is absent cannot be checked; its absence is reported on its own.
    checked["schema"]["foreignKeys"] = [fk for fk in checked["schema"].get("foreignKeys", [])
                                        if fk["reference"].get("resource", "") in present]
    return checked


def schema_problems(folder: Path, descriptor: dict) -> list[Problem]:
    """Frictionless's report on the package in ``folder`` as Problems."""
    try:
        report = frictionless.Package(descriptor, basepath=str(folder)).validate()
    except frictionless.FrictionlessException as exc:
        return [problem(DESCRIPTOR, "descriptor_invalid", detail=exc.error.message)]
    fields = {r["name"]: {f["name"]: f for f in r["schema"]["fields"]} for r in descriptor["resources"]}
    files = {r["name"]: r["path"] for r in descriptor["resources"]}
    return [_from_frictionless(files.get(task.name, task.place), fields.get(task.name, {}), error)
            for task in report.tasks for error in task.errors]


def _from_frictionless(file: str, fields: dict, error) -> Problem:
    """One error of Frictionless's report as a Problem, by the error's class (never by its English words)."""
    row = getattr(error, "row_number", None)
    if isinstance(error, errors.ForeignKeyError):
        return problem(file, "foreign_key", row=row, column=", ".join(error.field_names) or None,
                       value=", ".join(error.field_cells), table_file=normalised_file(error.reference_name))
    if isinstance(error, (errors.PrimaryKeyError, errors.UniqueError)):
        return problem(file, "duplicate_key", row=row, column=getattr(error, "field_name", None),
                       value=", ".join(str(c) for c in error.cells) or None)
    if isinstance(error, errors.BlankRowError):
        return problem(file, "row_empty", row=row)
    column = getattr(error, "field_name", None)
    spec = fields.get(column, {}) if column else {}
    cell = dict(file=file, row=row, column=column, value=getattr(error, "cell", None))
    if isinstance(error, errors.TypeError):
        type_ = spec.get("type", "")
        return problem(kind=f"type_{type_}" if type_ in TYPES else "type_other", **cell)
    if isinstance(error, errors.ConstraintError):
        return _constraint(error.note, spec.get("constraints", {}), cell)
    return problem(kind="schema_other", detail=error.message, **cell)


def _constraint(note: str, constraints: dict, cell: dict) -> Problem:
    """A constraint a cell breaks. Frictionless names it only in its note ('constraint "minimum" is "0"'),
    so the name is taken from there."""
    found = CONSTRAINT_NAMED.match(note)
    name = found.group(1) if found else None
    if name == "required":
        return problem(kind="constraint_required", **cell)
    if name == "minimum":
        return problem(kind="constraint_minimum", minimum=constraints.get("minimum"), **cell)
    if name == "maximum":
        return problem(kind="constraint_maximum", maximum=constraints.get("maximum"), **cell)
    if name == "enum":
        return problem(kind="constraint_enum", allowed=", ".join(map(str, constraints.get("enum", []))), **cell)
    if name == "pattern":
        pattern = constraints.get("pattern")
        if pattern in PATTERNS:
            kind, example = PATTERNS[pattern]
            more = dict(units="count, percent, date, text", rate="KZT per EUR") if kind == "pattern_unit" else {}
            return problem(kind=kind, example=example, **more, **cell)
        return problem(kind="constraint_pattern", pattern=pattern, **cell)
    return problem(kind="constraint_other", detail=note, **cell)


def locate(found: Problem, tables: dict[str, RawTable]) -> Problem:
    """A problem in a normalised file, moved to the user's file, spreadsheet row and value as typed."""
    table = next((t for name, t in tables.items() if normalised_file(name) == found.file), None)
    if table is None:
        return found
    value = found.value
    if found.row and found.column in table.header and 2 <= found.row < len(table.rows) + 2:
        position = table.header.index(found.column)
        normalised, typed = table.rows[found.row - 2][position], table.original[found.row - 2][position]
        if value is not None and value == shorten(normalised) and typed.strip() != normalised:
            value = shorten(typed)
    return dataclasses.replace(found, file=table.file, row=table.row_of(found.row), value=value)


def typed_frame(file: Path, schema: dict) -> pd.DataFrame:
    """Read one CSV as strings, then convert each column to its schema type.

    Cells that do not convert become missing values: the schema check has already reported them,
    and the rules must still be able to run on the rest of the table. Cells lose their outer spaces
    only; nothing else in them changes.
    """
    frame = pd.read_csv(file, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    for spec in schema["fields"]:
        name = spec["name"]
        if name in frame.columns:
            frame[name] = _convert(frame[name].str.strip(), spec.get("type", "string"))
    return frame


def _convert(column: pd.Series, type_: str) -> pd.Series:
    blank = column == ""
    if type_ in ("integer", "number"):
        numbers = pd.to_numeric(column.mask(blank), errors="coerce")
        # Plain numpy dtypes: Plotly and Babel both want int64/float64, not pandas' nullable types.
        # Only int64 is kept as integers: a column pandas could only hold as uint64 or objects has a value
        # beyond 64 bits, already refused (observer.loading.normalise.out_of_bounds), never wrapped here.
        if type_ == "integer" and numbers.dtype == "int64":
            return numbers
        numbers = pd.to_numeric(numbers, errors="coerce").astype("float64")
        return numbers.where(np.isfinite(numbers))  # infinity is no number: refused before, missing here
    if type_ == "boolean":
        return column.str.lower().map({"true": True, "false": False})
    if type_ == "date":
        return pd.to_datetime(column.mask(blank), format="%Y-%m-%d", errors="coerce")
    return column
