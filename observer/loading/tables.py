"""Step 3: which file is which table, each read by its table's reader.

A file is a table by its name in datapackage.json or by being named after it ('TV coverage.csv' is
tv_coverage); a workbook may hold many tables, one per sheet named after each. Every table is read the
same way (text or sheet to rows of strings, then fitted to its schema by observer.loading.normalise),
except those with a reader of their own in READERS: the coded log, read column-wise by
observer.loading.log and checked by observer.loading.log_check."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from observer.loading import limits, log, log_check
from observer.loading.descriptor import fields_of
from observer.loading.gather import TEXT_EXTENSIONS, WORKBOOK_EXTENSION, ZIP_EXTENSION
from observer.loading.names import extension, table_name_of
from observer.loading.normalise import fit_to_schema, normalise_values
from observer.loading.rules import missing_tables
from observer.loading.text import RawTable, decode, parse_text
from observer.loading.workbook import read_workbook
from observer.problems import PackageError, Problem, problem


def read_text(name: str, file: str, data: bytes, fields: list[dict]) -> RawTable:
    """A delimited text file of a table, fitted to its schema."""
    return from_sheet(parse_text(decode(data, file), name, file, [f["name"] for f in fields]), fields)


# Tables whose every row is drawn on every chart (a bar, a colour, a legend entry): at most this many rows.
DRAWN = {"parties": (limits.MAX_PARTIES, "too_many_parties"), "channels": (limits.MAX_CHANNELS, "too_many_channels")}


def from_sheet(raw: RawTable, fields: list[dict]) -> RawTable:
    """Rows of a table (from a text file or a workbook sheet), fitted to its schema."""
    if raw.name in DRAWN and len(raw.rows) > DRAWN[raw.name][0]:
        limit, kind = DRAWN[raw.name]
        raise PackageError([problem(raw.file, kind, count=len(raw.rows), limit=limit)])
    problems = fit_to_schema(raw, fields)
    raw.original = [list(row) for row in raw.rows]
    problems += normalise_values(raw, fields)
    if not raw.rows:
        problems.append(problem(raw.file, "table_no_rows", row=raw.header_row, table=raw.name))
    if problems:
        raise PackageError(problems)
    return raw


@dataclass(frozen=True)
class Reader:
    """How one kind of table is read: from a file's bytes, from a workbook sheet's rows, and (for a table
    checked on its own rather than by the Table Schema check with the rest) how it is checked."""

    read: Callable  # (name, file, data, fields) -> the table as read
    from_sheet: Callable  # (RawTable, fields) -> the table as read
    extensions: tuple[str, ...] = TEXT_EXTENSIONS
    check: Callable | None = None  # (table as read, fields, other tables as read) -> (DataFrame, problems)


TABLE_READER = Reader(read_text, from_sheet)
READERS = {log.TABLE: Reader(log.read, log.from_sheet, TEXT_EXTENSIONS + log.EXTENSIONS, log_check.check)}


def reader_of(table: str | None) -> Reader:
    return READERS.get(table, TABLE_READER)


def read_all(files: dict[str, bytes], descriptor: dict, problems: list[Problem]) -> dict:
    """Each file (or workbook sheet) as its table, read; None for a table whose file is unreadable."""
    names = [r["name"] for r in descriptor["resources"]]
    by_path = {r["path"].lower(): r["name"] for r in descriptor["resources"]}
    raw: dict = {}
    came_from: dict[str, str] = {}
    ignored = []
    for file, data in files.items():
        ext = extension(file)
        table = by_path.get(file.lower()) or table_name_of(file, names)
        if ext == WORKBOOK_EXTENSION or table and ext in reader_of(table).extensions:
            _add(raw, came_from, file, _read_or_none(table, file, data, descriptor, problems), problems)
        elif ext == ZIP_EXTENSION:
            problems.append(problem(file, "zip_in_zip"))
        else:
            ignored.append(file)
    if missing_tables(raw):
        for file in ignored:
            if extension(file) in TEXT_EXTENSIONS:
                problems.append(problem(file, "file_not_a_table", files=", ".join(n + ".csv" for n in names)))
    return {n: t for n, t in raw.items() if t is not None} | {n: None for n, t in raw.items() if t is None}


def _read_or_none(table: str | None, file: str, data: bytes, descriptor: dict, problems: list[Problem]) -> dict:
    try:
        return read_file(table, file, data, descriptor, single=bool(table))
    except PackageError as error:
        problems += error.problems
        return {table: None} if table else {}


def _add(raw: dict, came_from: dict, file: str, found: dict, problems: list[Problem]) -> None:
    """Tables read from one file joined to those read so far; a table given twice is reported."""
    for name, result in found.items():
        if name in raw:
            problems.append(problem(file, "table_twice", value=name, table=name, other=came_from[name]))
            continue
        # An unreadable table (None) counts as present, so it is not also reported as missing.
        raw[name] = result
        came_from[name] = result.file if result is not None else file


def read_file(table: str | None, file: str, data: bytes, descriptor: dict, *, single: bool) -> dict:
    """One file as {table: table as read}; a workbook named after no table gives one entry per matching sheet."""
    if extension(file) != WORKBOOK_EXTENSION:
        return {table: reader_of(table).read(table, file, data, fields_of(descriptor, table))}
    names = [r["name"] for r in descriptor["resources"]]
    sheets = read_workbook(data, file, names, single=table if single else None)
    if not sheets:
        raise PackageError([problem(file, "no_sheet_named", tables=", ".join(names))])
    found, problems = {}, []
    for name, sheet in sheets.items():
        try:
            found[name] = reader_of(name).from_sheet(sheet, fields_of(descriptor, name))
        except PackageError as error:
            problems += error.problems
    if problems:
        raise PackageError(problems)
    return found

