"""Check the CSV files against the Table Schema in datapackage.json with Frictionless, and turn its
report into Problems that say what to fix in words a spreadsheet user understands.

The loader hands it normalised UTF-8 CSV (observer.reading) and moves each Problem back to the
user's own file and row afterwards."""

from __future__ import annotations

from pathlib import Path

import frictionless

from observer.problems import Problem
from observer.reading import problem

TYPES = ("integer", "number", "date", "boolean", "string")  # each has a problem key type_<name>
# Patterns of the contract explained in words, with an example; any other is quoted as it is.
PATTERNS = {"[a-z][a-z0-9_]*": ("pattern_id", "nur_otan"), "#[0-9A-Fa-f]{6}": ("pattern_color", "#0072B2")}


def schema_problems(folder: Path, descriptor: dict) -> list[Problem]:
    problems = []
    resources = []
    for resource in descriptor["resources"]:
        path = resource.get("path", "")
        if not (folder / path).is_file():
            problems.append(problem(path or resource.get("name", "?"), "file_missing"))
        else:
            resources.append(resource)
    try:
        package = frictionless.Package({**descriptor, "resources": resources}, basepath=str(folder))
        report = package.validate()
    except frictionless.FrictionlessException as exc:
        return problems + [problem("datapackage.json", "descriptor_invalid", detail=exc.error.message)]
    fields = {r["name"]: {f["name"]: f for f in r["schema"]["fields"]} for r in resources}
    files = {r["name"]: r["path"] for r in resources}
    for task in report.tasks:
        for error in task.errors:
            problems.append(_problem(files.get(task.name, task.place), fields.get(task.name, {}), error))
    return problems


def _problem(file: str, fields: dict, error) -> Problem:
    row = getattr(error, "row_number", None)
    column = getattr(error, "field_name", None) or getattr(error, "label", None)
    value = getattr(error, "cell", None)
    spec = fields.get(column, {}) if column else {}
    kind = error.type

    def said(key: str, detail: str | None = None, **params) -> Problem:
        return Problem(file, row, column, value, key, params, detail)

    if kind == "type-error":
        type_ = spec.get("type", "")
        return said(f"type_{type_}" if type_ in TYPES else "type_other")
    if kind == "constraint-error":
        return _constraint(error.note, spec, said)
    if kind == "foreign-key":
        columns = ", ".join(getattr(error, "field_names", []) or [])
        cells = ", ".join(str(c) for c in getattr(error, "field_cells", []) or [])
        if "lookup table" not in error.note:
            return Problem(file, row, columns or None, cells, "foreign_key_unknown", {})
        target = error.note.split('lookup table "')[-1].split('"')[0]
        return Problem(file, row, columns or None, cells, "foreign_key", {"table_file": f"{target}.csv"})
    if kind in ("primary-key", "unique-error"):
        cells = ", ".join(str(c) for c in getattr(error, "cells", []) or []) or None
        return Problem(file, row, column, cells, "duplicate_key", {})
    if kind == "missing-label":
        return Problem(file, 1, column, None, "column_missing", {})
    if kind in ("extra-label", "incorrect-label", "blank-label", "duplicate-label"):
        return Problem(file, 1, column, value, "header_mismatch", {}, error.note or kind)
    if kind in ("missing-cell", "extra-cell"):
        return said("row_cell_count")
    if kind == "blank-row":
        return Problem(file, row, None, None, "row_empty", {})
    return said("schema_other", detail=error.message)


def _constraint(note: str, spec: dict, said) -> Problem:
    constraints = spec.get("constraints", {})
    if note.startswith('constraint "required"'):
        return said("constraint_required")
    if note.startswith('constraint "minimum"'):
        return said("constraint_minimum", minimum=constraints.get("minimum"))
    if note.startswith('constraint "maximum"'):
        return said("constraint_maximum", maximum=constraints.get("maximum"))
    if note.startswith('constraint "enum"'):
        return said("constraint_enum", allowed=", ".join(map(str, constraints.get("enum", []))))
    if note.startswith('constraint "pattern"'):
        pattern = constraints.get("pattern")
        if pattern in PATTERNS:
            key, example = PATTERNS[pattern]
            return said(key, example=example)
        return said("constraint_pattern", pattern=pattern)
    return said("constraint_other", detail=note)
