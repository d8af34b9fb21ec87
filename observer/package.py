"""Read a data package into validated pandas DataFrames, from a folder, a zip, an .xlsx workbook or a
set of uploaded files, with or without datapackage.json.

Everything goes through ``load_files`` so every source is validated the same way: files are read and
normalised by ``observer.reading`` (encodings, delimiters, number styles, headers, names for ids), then
checked in two passes that both report every problem at once: the Table Schema of the data contract
(types, constraints, keys; checked by Frictionless on the normalised CSV), then the rules in
``observer.rules`` that a schema cannot express. Nothing is returned unless both pass: a caller gets a
complete Package or a PackageError, never half a package.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd

from observer import reading, rules, segments
from observer.problems import PackageError, Problem, Term
from observer.reading import RawTable, ReadError, problem
from observer.schema_check import schema_problems

BUNDLED_DATA = Path(__file__).resolve().parent.parent / "data"
DESCRIPTOR = "datapackage.json"
UPLOADED = "uploaded files"
# Package-level keys a package's own datapackage.json may set; the schemas always come from the contract.
METADATA = ("name", "title", "description", "version", "sources", "licenses", "contributors", "created",
            "homepage", "keywords")
RESOURCE_METADATA = ("title", "description", "sources")
FILES_GIVEN = Term("files_given")  # where a file came from when it was not in a zip


@dataclass
class Package:
    """A loaded package: its descriptor and one DataFrame per resource, keyed by resource name."""

    path: Path
    descriptor: dict
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    origin: str = ""  # what to call it when it has no title: a folder, a zip name, "uploaded files"

    def table(self, name: str) -> pd.DataFrame | None:
        return self.tables.get(name)

    def resource(self, name: str) -> dict:
        return next(r for r in self.descriptor["resources"] if r["name"] == name)

    def fields(self, name: str) -> list[dict]:
        return self.resource(name)["schema"]["fields"]

    def file_of(self, name: str) -> str:
        return self.resource(name)["path"]

    def files(self, *names: str) -> str:
        """The files of those tables the package has, for a chart's source line: 'finance.csv, facts.csv'."""
        return ", ".join(self.file_of(name) for name in names if self.table(name) is not None)


# Tables the contract allows that the bundled package does not have (the statement has no coded log).
# Their schemas live here, so data/ stays a complete Frictionless package on its own.
OPTIONAL_SCHEMAS = Path(__file__).resolve().parent / "schemas"


@cache
def _contract_text() -> str:
    contract = json.loads((BUNDLED_DATA / DESCRIPTOR).read_text(encoding="utf-8"))
    present = {r["name"] for r in contract["resources"]}
    for file in sorted(OPTIONAL_SCHEMAS.glob("*.json")):
        resource = json.loads(file.read_text(encoding="utf-8"))
        if resource["name"] not in present:
            contract["resources"].append(resource)
    return json.dumps(contract)


def contract() -> dict:
    """The data contract: the bundled datapackage.json plus the optional tables' schemas; every package
    is checked against it."""
    return json.loads(_contract_text())


def contract_tables() -> list[str]:
    return [r["name"] for r in contract()["resources"]]


# --- entry points ----------------------------------------------------------------------------------

def load_package(path: str | Path = BUNDLED_DATA) -> Package:
    """Load and validate the package in folder ``path`` (or a .zip / .xlsx file); raise PackageError
    listing every problem."""
    source = Path(path)
    if source.is_file():
        return load_files({source.name: _read_capped(source)}, path=source, origin=source.name)
    if not source.is_dir():
        raise PackageError([problem(str(source), "folder_missing")])
    return load_files(_read_folder(source), path=source, origin=str(path), from_disk=True)


def load_zip(data: bytes, name: str = "package.zip") -> Package:
    return load_files({name: data}, origin=name)


def load_files(files: dict[str, bytes], *, path: Path | None = None, origin: str = UPLOADED,
               from_disk: bool = False) -> Package:
    """The one way in: a set of files (name -> bytes) as found in a folder, a zip or an upload.

    Zips are unpacked (within the caps of observer.reading), datapackage.json is optional (the bundled
    contract applies without it), tables may be CSV in any common encoding and delimiter or .xlsx.
    ``from_disk``: the files come from a folder given with --data, where a coded monitoring log may be
    larger than an upload (up to observer.segments.MAX_FILE_MB, outside the package's total)."""
    problems: list[Problem] = []
    flat = _expand(files, problems, from_disk)
    own_file = next((n for n in flat if n.lower() == DESCRIPTOR), None)
    own = _parse_descriptor(flat.pop(own_file), problems) if own_file else None
    descriptor = effective_descriptor(own, problems)
    raw = _read_tables(flat, descriptor, problems)
    tables = _validate(raw, descriptor, problems, whole_package=True)
    if problems:
        raise PackageError(problems)
    return Package(path or Path(origin), descriptor, tables, origin)


def load_table(name: str, file: str, data: bytes) -> pd.DataFrame:
    """Check one table on its own (``python -m observer check FILE --table NAME``): its schema and rules,
    without the references to tables that are not there."""
    problems: list[Problem] = []
    descriptor = effective_descriptor(None, problems)
    if name not in contract_tables():
        raise PackageError([problem(file, "table_not_in_contract", value=name, table=name,
                                    tables=", ".join(contract_tables()))])
    if len(data) > reading.MAX_FILE_BYTES:
        raise PackageError([_too_big(file, len(data))])
    raw = {}
    try:
        raw = _read_one(name, file, data, _resource(descriptor, name), single=True)
    except ReadError as error:
        problems += error.problems
    tables = _validate(raw, descriptor, problems, whole_package=False)
    if problems:
        raise PackageError(problems)
    return tables[name]


# --- files -----------------------------------------------------------------------------------------

def _read_capped(file: Path) -> bytes:
    size = file.stat().st_size
    if size > reading.MAX_FILE_BYTES:
        raise PackageError([_too_big(file.name, size)])
    with file.open("rb") as handle:
        return handle.read(reading.MAX_FILE_BYTES + 1)


def _too_big(file: str, size: int) -> Problem:
    return problem(file, "file_too_large", size=round(size / reading.MB, 1), limit=reading.MAX_FILE_MB)


def _log_too_big(file: str, size: int) -> Problem:
    return problem(file, "log_too_large", size=round(size / reading.MB), limit=segments.MAX_FILE_MB,
                   rows=segments.MAX_ROWS, parquet=f"{segments.TABLE}.parquet")


def _read_folder(folder: Path) -> dict[str, bytes]:
    """The folder's package files, each checked for size before it is read."""
    wanted = reading.TEXT_EXTENSIONS + (reading.WORKBOOK_EXTENSION, reading.ZIP_EXTENSION, ".json",
                                        segments.PARQUET_EXTENSION)
    try:
        entries = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith((".", "~$"))
                         and p.suffix.lower() in wanted)
    except OSError as exc:
        raise PackageError([problem(str(folder), "folder_unreadable", detail=exc.strerror)]) from None
    if len(entries) > reading.MAX_FILES:
        raise PackageError([problem(str(folder), "folder_too_many_files", count=len(entries),
                                    limit=reading.MAX_FILES)])
    files, problems, total = {}, [], 0
    for entry in entries:
        size = entry.stat().st_size
        if segments.is_log_file(entry.name):
            # A coded log read from disk may be large: its own cap, outside the package's total.
            if size > segments.MAX_FILE_BYTES:
                problems.append(_log_too_big(entry.name, size))
            else:
                files[entry.name] = entry.read_bytes()
            continue
        total += size
        if size > reading.MAX_FILE_BYTES:
            problems.append(_too_big(entry.name, size))
        elif total > reading.MAX_TOTAL_BYTES:
            problems.append(problem(entry.name, "package_too_large", limit=reading.MAX_TOTAL_MB))
            break
        else:
            files[entry.name] = entry.read_bytes()
    if problems:
        raise PackageError(problems)
    return files


def _expand(files: dict[str, bytes], problems: list[Problem], from_disk: bool = False) -> dict[str, bytes]:
    """Unpack zips and apply the size caps; names become base names ("folder/parties.csv" -> "parties.csv")."""
    if len(files) > reading.MAX_FILES:
        problems.append(problem(UPLOADED, "too_many_files", count=len(files), limit=reading.MAX_FILES))
        return {}
    flat: dict[str, bytes] = {}
    came_from: dict[str, str] = {}
    total = 0
    for name, data in files.items():
        name = reading.base_name(str(name)) or "unnamed"
        if not isinstance(data, (bytes, bytearray, memoryview)):
            problems.append(problem(name, "file_not_received"))
            continue
        data = bytes(data)
        if from_disk and segments.is_log_file(name):
            if len(data) > segments.MAX_FILE_BYTES:
                problems.append(_log_too_big(name, len(data)))
            else:
                flat[name] = data  # checked for size by its own cap, not counted in the package's total
                came_from[name] = FILES_GIVEN
            continue
        if len(data) > reading.MAX_FILE_BYTES:
            problems.append(_too_big(name, len(data)))
            continue
        if reading.extension(name) == reading.ZIP_EXTENSION:
            try:
                members = reading.unzip(data, name)
            except ReadError as error:
                problems += error.problems
                continue
        else:
            members = {name: data}
        for member, content in members.items():
            total += len(content)
            if total > reading.MAX_TOTAL_BYTES:
                problems.append(problem(member, "package_too_large", limit=reading.MAX_TOTAL_MB))
                return flat
            source = name if name != member else FILES_GIVEN
            if member in flat:
                problems.append(problem(member, "file_given_twice", value=member, first=came_from[member],
                                        second=source))
                continue
            flat[member] = content
            came_from[member] = source
    return flat


def _parse_descriptor(data: bytes, problems: list[Problem]) -> dict | None:
    try:
        own = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        problems.append(problem(DESCRIPTOR, "descriptor_not_utf8"))
        return None
    except (json.JSONDecodeError, RecursionError) as exc:
        row = getattr(exc, "lineno", None)
        problems.append(problem(DESCRIPTOR, "descriptor_not_json", row=row, detail=getattr(exc, "msg", exc)))
        return None
    if not isinstance(own, dict) or not isinstance(own.get("resources", []), list):
        problems.append(problem(DESCRIPTOR, "descriptor_no_resources", column="resources"))
        return None
    return own


def effective_descriptor(own: dict | None, problems: list[Problem]) -> dict:
    """The contract's schemas with the package's own title, sources and file names.

    Pages rely on the contract's columns, so a package may describe itself but not change the schema:
    a field it renames or retypes is reported."""
    base = contract()
    if own is None:
        # Without its own datapackage.json a package says nothing about itself: no bundled title or sources.
        descriptor = {k: v for k, v in base.items() if k not in METADATA}
        descriptor["title"] = ""
        descriptor["resources"] = [{k: v for k, v in r.items() if k != "sources"} for r in base["resources"]]
        return descriptor
    descriptor = {k: v for k, v in base.items() if k not in METADATA}
    for key_ in METADATA:
        if key_ in own:
            descriptor[key_] = copy.deepcopy(own[key_])
    if not isinstance(descriptor.get("title", ""), str):
        descriptor["title"] = str(descriptor["title"])
    theirs = {r.get("name"): r for r in own.get("resources", []) if isinstance(r, dict)}
    resources = []
    for resource in base["resources"]:
        merged = {k: v for k, v in resource.items() if k != "sources"}
        mine = theirs.get(resource["name"])
        if mine is not None:
            for key_ in RESOURCE_METADATA:
                if key_ in mine:
                    merged[key_] = copy.deepcopy(mine[key_])
            if isinstance(mine.get("path"), str) and mine["path"].strip():
                merged["path"] = reading.base_name(mine["path"])
            problems += _schema_differences(resource, mine)
        resources.append(merged)
    descriptor["resources"] = resources
    return descriptor


def _schema_differences(contract_resource: dict, mine: dict) -> list[Problem]:
    schema = mine.get("schema")
    if schema is None:
        return []
    name = contract_resource["name"]
    fields = schema.get("fields") if isinstance(schema, dict) else None
    if not isinstance(fields, list):
        return [problem(DESCRIPTOR, "descriptor_no_fields", column=f"resources/{name}/schema", table=name)]
    want = [(f["name"], f.get("type", "string")) for f in contract_resource["schema"]["fields"]]
    have = [(f.get("name"), f.get("type", "string")) for f in fields if isinstance(f, dict)]
    if sorted(map(str, have)) == sorted(map(str, want)):
        return []
    missing = [n for n, t in want if (n, t) not in have]
    extra = [str(n) for n, t in have if (n, t) not in want]
    key_ = "schema_differs" if missing and extra else "schema_differs_missing" if missing else "schema_differs_extra"
    return [problem(DESCRIPTOR, key_, column=f"resources/{name}/schema", table=name, expected=", ".join(missing),
                    unexpected=", ".join(extra))]


def _resource(descriptor: dict, name: str) -> dict:
    return next(r for r in descriptor["resources"] if r["name"] == name)


def _read_tables(files: dict[str, bytes], descriptor: dict, problems: list[Problem]) -> dict[str, RawTable]:
    """Assign each file (or workbook sheet) to its table, read and normalise it."""
    names = [r["name"] for r in descriptor["resources"]]
    by_path = {r["path"].lower(): r["name"] for r in descriptor["resources"]}
    raw: dict[str, RawTable] = {}
    ignored = []
    for file, data in files.items():
        ext = reading.extension(file)
        table = by_path.get(file.lower()) or reading.table_name_of(file, names)
        if (ext in reading.TEXT_EXTENSIONS and table or ext == reading.WORKBOOK_EXTENSION
                or ext == segments.PARQUET_EXTENSION and table == segments.TABLE):
            try:
                found = _read_one(table, file, data, _resource(descriptor, table) if table else None,
                                  descriptor=descriptor, single=bool(table))
            except ReadError as error:
                problems += error.problems
                found = {table: None} if table else {}
            for name, result in found.items():
                if name in raw:
                    problems.append(problem(file, "table_twice", value=name, table=name, other=raw[name].file))
                    continue
                if result is not None:
                    raw[name] = result
                elif name not in raw:
                    raw[name] = None  # unreadable: counts as present, so it is not also reported as missing
        elif ext == reading.ZIP_EXTENSION:
            problems.append(problem(file, "zip_in_zip"))
        else:
            ignored.append(file)
    missing = rules.missing_tables(raw)
    for file in ignored:
        if missing and reading.extension(file) in reading.TEXT_EXTENSIONS:
            problems.append(problem(file, "file_not_a_table", files=", ".join(n + ".csv" for n in names)))
    return {n: t for n, t in raw.items() if t is not None} | {n: None for n, t in raw.items() if t is None}


def _read_one(table: str | None, file: str, data: bytes, resource: dict | None, *, descriptor: dict | None = None,
              single: bool) -> dict[str, RawTable]:
    """One file as {table: RawTable}; a workbook named after no table gives one entry per matching sheet."""
    ext = reading.extension(file)
    if table == segments.TABLE and ext != reading.WORKBOOK_EXTENSION:
        # A log may hold millions of rows: read column-wise by pyarrow, not cell by cell.
        fields = resource["schema"]["fields"]
        if ext == segments.PARQUET_EXTENSION:
            return {table: segments.read_parquet(data, file, fields)}
        return {table: segments.read_csv(data, file, fields)}
    if ext == reading.WORKBOOK_EXTENSION:
        fields = {r["name"]: [f["name"] for f in r["schema"]["fields"]] for r in (descriptor or {"resources": [resource]})["resources"]}
        found = reading.read_workbook(data, file, fields, single=table if single else None)
        if not found:
            raise ReadError([problem(file, "no_sheet_named", tables=", ".join(fields))])
    else:
        text = reading.decode(data, file)
        found = {table: reading.parse_text(text, table, file, [f["name"] for f in resource["schema"]["fields"]])}
    problems = []
    resources = {r["name"]: r for r in descriptor["resources"]} if descriptor else {table: resource}
    for name, raw in list(found.items()):
        fields = resources[name]["schema"]["fields"]
        if name == segments.TABLE:  # a log sheet of a workbook: the log's own checks
            try:
                found[name] = segments.from_rows(raw, fields)
            except ReadError as error:
                problems += error.problems
            continue
        problems += reading.match_header(raw, fields)
        raw.original = [list(row) for row in raw.rows]
        problems += reading.normalise_values(raw, fields)
        if not raw.rows:
            problems.append(problem(raw.file, "table_no_rows", row=raw.header_row, table=name))
    if problems:
        raise ReadError(problems)
    return found


# --- validation ------------------------------------------------------------------------------------

def _validate(raw: dict[str, RawTable | None], descriptor: dict, problems: list[Problem], *,
              whole_package: bool) -> dict[str, pd.DataFrame]:
    """Schema check and rules on the normalised tables; problems are reported against the user's files."""
    readable = {n: t for n, t in raw.items() if t is not None}
    log = readable.pop(segments.TABLE, None)
    reading.map_references(readable, descriptor)
    resources = []
    for resource in descriptor["resources"]:
        if resource["name"] not in readable:
            continue
        checked = copy.deepcopy({k: v for k, v in resource.items() if k != "sources"})
        checked["path"] = f"{resource['name']}.csv"
        checked["encoding"] = "utf-8"
        checked["format"] = "csv"
        checked.pop("dialect", None)
        schema = checked["schema"]
        for spec in schema["fields"]:
            if spec["name"] not in readable[resource["name"]].present:
                # A column the file lacks is reported once, from the header, not again in every row.
                spec.get("constraints", {}).pop("required", None)
        # References to a table that is absent cannot be checked; its absence is reported on its own.
        schema["foreignKeys"] = [fk for fk in schema.get("foreignKeys", [])
                                 if fk["reference"].get("resource", "") in readable]
        resources.append(checked)
    tables: dict[str, pd.DataFrame] = {}
    found: list[Problem] = []
    with tempfile.TemporaryDirectory(prefix="observer-") as folder:
        for resource in resources:
            (Path(folder) / resource["path"]).write_text(reading.to_csv(readable[resource["name"]]), encoding="utf-8")
        if resources:
            found += schema_problems(Path(folder), {**{k: v for k, v in descriptor.items() if k != "resources"},
                                                    "resources": resources})
        for resource in resources:
            tables[resource["name"]] = read_table(Path(folder) / resource["path"], resource["schema"])
    found += rules.check(tables, {"resources": resources}, whole_package=False)
    if log is not None:
        tables[segments.TABLE], log_problems = segments.validate(
            log, _resource(descriptor, segments.TABLE)["schema"]["fields"], readable.get("channels"),
            readable.get("parties"))
        problems += log_problems  # already in the user's rows
    if whole_package:  # a table that is there but unreadable is reported as unreadable, not as missing
        found += rules.required_tables(raw, {})
    by_file = {f"{name}.csv": table for name, table in readable.items()}
    problems += [_locate(p, by_file) for p in found]
    # Tables are returned in the contract's order, whatever order the files came in.
    return {r["name"]: tables[r["name"]] for r in descriptor["resources"] if r["name"] in tables}


def _locate(found: Problem, by_file: dict[str, RawTable]) -> Problem:
    """A problem in the normalised CSV, moved to the user's file, spreadsheet row and value as typed."""
    table = by_file.get(found.file)
    if table is None:
        return found
    row = table.row_of(found.row)
    value = found.value
    if found.row and found.column in table.header and 2 <= found.row < len(table.rows) + 2:
        position = table.header.index(found.column)
        normalised, typed = table.rows[found.row - 2][position], table.original[found.row - 2][position]
        if value is not None and str(value) == normalised and typed.strip() != normalised:
            value = typed
    return dataclasses.replace(found, file=table.file, row=row, value=value)


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
