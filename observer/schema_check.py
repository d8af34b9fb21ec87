"""Check the CSV files against the Table Schema in datapackage.json with Frictionless, and turn its
report into Problems that say what to fix in words a spreadsheet user understands.

The loader hands it normalised UTF-8 CSV (observer.reading) and moves each Problem back to the
user's own file and row afterwards."""

from __future__ import annotations

from pathlib import Path

import frictionless

from observer.problems import Problem

TYPE_HINTS = {
    "integer": "a whole number, like 312 or 11 915 903",
    "number": "a number, like 28.8 (a decimal comma, 28,8, and a per cent sign are fine too)",
    "date": "a date written YYYY-MM-DD, like 2021-01-10",
    "boolean": "true or false",
    "string": "text",
}


def schema_problems(folder: Path, descriptor: dict) -> list[Problem]:
    problems = []
    resources = []
    for resource in descriptor["resources"]:
        path = resource.get("path", "")
        if not (folder / path).is_file():
            problems.append(Problem(path or resource.get("name", "?"), None, None, None,
                                    "the file listed in datapackage.json is missing",
                                    f"Add {path} to the folder, or remove its entry from datapackage.json."))
        else:
            resources.append(resource)
    try:
        package = frictionless.Package({**descriptor, "resources": resources}, basepath=str(folder))
        report = package.validate()
    except frictionless.FrictionlessException as exc:
        return problems + [Problem("datapackage.json", None, None, None, f"the descriptor is not valid: {exc.error.message}",
                                   "Correct datapackage.json against the Data Package specification.")]
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
    if kind == "type-error":
        hint = TYPE_HINTS.get(spec.get("type", ""), "a value of the column's type")
        return Problem(file, row, column, value, f"this is not {hint.split(',')[0]}", f"Enter {hint}.")
    if kind == "constraint-error":
        return Problem(file, row, column, value, *_constraint_text(error.note, spec))
    if kind == "foreign-key":
        columns = ", ".join(getattr(error, "field_names", []) or [])
        cells = ", ".join(str(c) for c in getattr(error, "field_cells", []) or [])
        target = error.note.split('lookup table "')[-1].split('"')[0] if "lookup table" in error.note else "the referenced table"
        return Problem(file, row, columns or None, cells,
                       f"this is not listed in {target}.csv, neither as an id nor as a name",
                       f"Use an id (first column) or a name of {target}.csv, or add the missing row there.")
    if kind in ("primary-key", "unique-error"):
        cells = ", ".join(str(c) for c in getattr(error, "cells", []) or []) or None
        return Problem(file, row, column, cells, "this key appears more than once",
                       "Keep one row per key: remove or merge the duplicate.")
    if kind == "missing-label":
        return Problem(file, 1, column, None, "the header lacks a column the schema requires",
                       f"Add the column {column} to the header row.")
    if kind in ("extra-label", "incorrect-label", "blank-label", "duplicate-label"):
        return Problem(file, 1, column, value, f"the header does not match the schema ({error.note or kind})",
                       "Make the header row match the column names in datapackage.json, in the same order.")
    if kind in ("missing-cell", "extra-cell"):
        return Problem(file, row, column, value, "the row has a different number of cells than the header",
                       "Give every row exactly one cell per column; check for stray commas or missing quotes.")
    if kind == "blank-row":
        return Problem(file, row, None, None, "the row is empty", "Delete the empty row.")
    return Problem(file, row, column, value, error.message, "Correct the file as the message says.")


def _constraint_text(note: str, spec: dict) -> tuple[str, str]:
    constraints = spec.get("constraints", {})
    if note.startswith('constraint "required"'):
        return "this cell is empty but required", "Fill in the cell."
    if note.startswith('constraint "minimum"'):
        return f"the value is below the minimum {constraints.get('minimum')}", f"Use a value of at least {constraints.get('minimum')}."
    if note.startswith('constraint "maximum"'):
        return f"the value is above the maximum {constraints.get('maximum')}", f"Use a value of at most {constraints.get('maximum')}."
    if note.startswith('constraint "enum"'):
        allowed = ", ".join(map(str, constraints.get("enum", [])))
        return "the value is not one of those allowed", f"Use one of: {allowed}."
    if note.startswith('constraint "pattern"'):
        return "the value does not have the required form", f"Write it to match the pattern {constraints.get('pattern')}."
    return f"the value breaks a constraint ({note})", "Correct the value as the schema in datapackage.json requires."
