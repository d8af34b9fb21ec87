"""The loader's steps in order, for a folder, a zip, a workbook, a set of uploaded files or one table.

Every source goes through ``load_files``, so every source is validated the same way: gather the files
(observer.loading.gather), take the descriptor (descriptor), read each table (tables: text, workbook,
normalise, or the log's own reader), check the Table Schema (schema) and the rules across tables
(rules). Every step reports every problem at once, and nothing is returned unless all pass: a caller
gets a complete Package or a PackageError, never half a package."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from observer.loading import descriptor as descriptors
from observer.loading import gather, limits, rules, schema, tables
from observer.loading.descriptor import BUNDLED_DATA, contract_tables, fields_of
from observer.loading.gather import UPLOADED
from observer.loading.normalise import map_references
from observer.problems import PackageError, Problem, problem


@dataclass
class Package:
    """A loaded package: its descriptor and one DataFrame per resource, keyed by resource name."""

    path: Path
    descriptor: dict
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    origin: str = ""  # what to call it when it has no title: a folder, a zip name, "uploaded files"
    # What is derived from this package (the log's summary, computed shares, built figures), kept with it
    # (observer.derived.memo): a result can only be found again by the very package it was computed from.
    derived: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    # Each table's columns as its file has them, in the file's order: the tables themselves also carry the
    # schema's optional columns the file leaves out (empty), which a download of the file must not add.
    file_columns: dict[str, list[str]] = field(default_factory=dict, compare=False)

    def table(self, name: str) -> pd.DataFrame | None:
        return self.tables.get(name)

    def resource(self, name: str) -> dict:
        return descriptors.resource(self.descriptor, name)

    def fields(self, name: str) -> list[dict]:
        return self.resource(name)["schema"]["fields"]

    def file_of(self, name: str) -> str:
        return self.resource(name)["path"]

    def as_in_file(self, name: str) -> pd.DataFrame | None:
        """A table with only the columns its file has (a download gives back the file as it was)."""
        frame = self.table(name)
        if frame is None:
            return None
        kept = [c for c in self.file_columns.get(name, []) if c in frame.columns]
        return frame[kept] if kept else frame

    def files(self, *names: str) -> str:
        """The files of those tables the package has, for a chart's source line: 'finance.csv, facts.csv'."""
        return ", ".join(self.file_of(name) for name in names if self.table(name) is not None)


def load_package(path: str | Path = BUNDLED_DATA) -> Package:
    """Load and validate the package in folder ``path`` (or a .zip / .xlsx file); raise PackageError
    listing every problem."""
    source = Path(path)
    if source.is_file():
        return load_files({source.name: gather.read_file(source)}, path=source, origin=source.name)
    if not source.is_dir():
        raise PackageError([problem(str(source), "folder_missing")])
    return load_files(gather.read_folder(source), path=source, origin=str(path), from_disk=True)


def load_files(files: dict[str, bytes], *, path: Path | None = None, origin: str = UPLOADED,
               from_disk: bool = False) -> Package:
    """The one way in: a set of files (name -> bytes) as found in a folder, a zip or an upload.

    Zips are unpacked (within the caps of observer.loading.limits), datapackage.json is optional (the
    bundled contract applies without it), tables may be CSV in any common encoding and delimiter or .xlsx.
    ``from_disk``: the files come from a folder given with --data, where a coded monitoring log may be
    larger than an upload (up to limits.LOG_MAX_FILE_MB, outside the package's total)."""
    problems: list[Problem] = []
    flat = gather.expand(files, problems, from_disk)
    descriptor = descriptors.take_own(flat, problems)
    raw = tables.read_all(flat, descriptor, problems)
    frames = _checked(raw, descriptor, problems, whole_package=True)
    if problems:
        raise PackageError(problems)
    in_files = {name: list(getattr(t, "present", []) or []) for name, t in raw.items() if t is not None}
    return Package(path or Path(origin), descriptor, frames, origin, file_columns=in_files)


def load_table(name: str, file: str, data: bytes) -> pd.DataFrame:
    """Check one table on its own (``python -m observer check FILE --table NAME``): its schema and rules,
    without the references to tables that are not there."""
    problems: list[Problem] = []
    descriptor = descriptors.effective(None, problems)
    if name not in contract_tables():
        raise PackageError([problem(file, "table_not_in_contract", value=name, table=name,
                                    tables=", ".join(contract_tables()))])
    if len(data) > limits.MAX_FILE_BYTES:
        raise PackageError([gather.too_large(file, len(data))])
    raw = {}
    try:
        raw = tables.read_file(name, file, data, descriptor, single=True)
    except PackageError as error:
        problems += error.problems
    frames = _checked(raw, descriptor, problems, whole_package=False)
    if problems:
        raise PackageError(problems)
    return frames[name]


def _checked(raw: dict, descriptor: dict, problems: list[Problem], *, whole_package: bool) -> dict[str, pd.DataFrame]:
    """The tables as read, checked: the Table Schema and the rules, or a table's own check; problems are
    reported against the user's files. ``whole_package``: the required tables must be there too."""
    readable = {n: t for n, t in raw.items() if t is not None}
    own = {n: readable.pop(n) for n in list(readable) if tables.reader_of(n).check}
    map_references(readable, descriptor)
    frames, found = schema.check(readable, descriptor)
    found += rules.check(frames, descriptor)
    for name, table in own.items():
        frames[name], own_problems = tables.reader_of(name).check(table, fields_of(descriptor, name), readable)
        problems += own_problems  # already in the user's rows
    if whole_package:  # a table that is there but unreadable is reported as unreadable, not as missing
        found += rules.required_tables(raw)
    problems += [schema.locate(p, readable) for p in found]
    # Tables are returned in the contract's order, whatever order the files came in.
    return {r["name"]: frames[r["name"]] for r in descriptor["resources"] if r["name"] in frames}
