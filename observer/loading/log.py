"""The coded TV monitoring log (tv_segments): its own reader, because a log may hold millions of rows.

It does not go through the per-cell path of the other tables: pyarrow parses a CSV (decoded by the one
decoder of observer.loading.text) or a Parquet file with every text column dictionary-encoded, so each
check of observer.loading.log_check runs once per distinct value. A log given as a workbook sheet
arrives as rows and is turned into the same columns. The header is matched by the matcher every table
uses."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from observer.loading import limits
from observer.loading.gather import PARQUET_EXTENSION
from observer.loading.names import extension
from observer.loading.normalise import extra_field, match_header
from observer.loading.text import RawTable, as_utf8, sniff_delimiter
from observer.problems import PackageError, Problem, problem
from observer.segments import TABLE

EXTENSIONS = (PARQUET_EXTENSION,)  # besides the text and workbook files every table may come in


@dataclass
class RawLog:
    """A log as read: one pyarrow column per schema column found (strings, dictionary-encoded, or typed
    when read from Parquet), and how to find the spreadsheet row of a record."""

    name: str
    file: str
    columns: dict[str, pa.ChunkedArray]
    rows: int
    header_row: int = 1
    lines: np.ndarray | None = None  # spreadsheet row of each record, when not simply header_row + 1 + i
    text: bytes | None = None        # the CSV, to find rows when records span lines or blank lines occur
    present: list[str] = field(default_factory=list)
    delimiter: str = ","


def read(name: str, file: str, data: bytes, fields: list[dict]) -> RawLog:
    """A log file (``name`` is always TABLE): Parquet by its extension, else delimited text."""
    if extension(file) == PARQUET_EXTENSION:
        return read_parquet(data, file, fields)
    return read_csv(data, file, fields)


def more_problems(file: str, count: int) -> list[Problem]:
    """The count of problems not listed, when more than MAX_PROBLEMS were found."""
    return [problem(file, "more_problems", count=count, limit=limits.MAX_PROBLEMS)] if count > 0 else []


def _renames(header: list[str], fields: list[dict], file: str, header_row: int) -> dict[str, str]:
    """Header label -> schema column; a header with problems is refused. A column of the log's own (a
    monitor's notes, a segment's reference) is kept as text, as in every other table: it is added to
    ``fields`` (the package's own copy of the contract), so the Data & sources page shows it."""
    extras: list[str] = []
    positions, problems = match_header(header, fields, file, header_row, TABLE, extras=extras)
    if problems:
        raise PackageError(problems)
    known = {f["name"] for f in fields}
    fields += [extra_field(n) for n in extras if n not in known]
    return {header[index]: name for name, index in positions.items()}


def read_csv(data: bytes, file: str, fields: list[dict]) -> RawLog:
    """A CSV log (any encoding and delimiter the other tables may have) into a RawLog."""
    data = as_utf8(data, file)
    head = data[:100_000].decode("utf-8", errors="ignore")
    delimiter = sniff_delimiter(head, [f["name"] for f in fields])
    first, header_row = next(((line, n) for n, line in enumerate(head.splitlines(), start=1) if line.strip()),
                             ("", 1))
    header = next(csv.reader([first], delimiter=delimiter), [])
    rename = _renames(header, fields, file, header_row)
    table = _parse(data, file, delimiter, header, rename)
    log = RawLog(TABLE, file, {rename[h]: table.column(h) for h in table.column_names}, table.num_rows, header_row,
                 present=[rename[h] for h in table.column_names], delimiter=delimiter)
    lines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    if header_row != 1 or lines != table.num_rows + 1:
        log.text = data  # blank lines or line breaks inside cells: rows are counted again if a problem needs one
    return _checked_size(log)


def _parse(data: bytes, file: str, delimiter: str, header: list[str], rename: dict) -> pa.Table:
    """The CSV's schema columns, as dictionary-encoded text; rows with the wrong number of cells refused."""
    invalid: list = []

    def skip(row) -> str:
        invalid.append((row.number, row.text))
        return "skip"

    as_text = pa.dictionary(pa.int32(), pa.string())
    try:
        table = pacsv.read_csv(
            pa.py_buffer(data),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, invalid_row_handler=skip,
                                             newlines_in_values=b'"' in data),
            convert_options=pacsv.ConvertOptions(column_types={h: as_text for h in header},
                                                 strings_can_be_null=False, quoted_strings_can_be_null=False,
                                                 include_columns=[h for h in header if h in rename]))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
        raise PackageError([problem(file, "log_unsplittable", detail=str(exc).splitlines()[0][:200])]) from None
    if invalid:
        shown = [problem(file, "row_cell_count", row=number or _line_of_text(data, text), value=text)
                 for number, text in invalid[:limits.MAX_PROBLEMS]]
        raise PackageError(shown + more_problems(file, len(invalid) - len(shown)))
    return table.unify_dictionaries()


def _line_of_text(data: bytes, text: str) -> int | None:
    """The line a record's text starts on (pyarrow gives no row number when it reads in parallel)."""
    at = data.find(text.encode("utf-8"))
    return data.count(b"\n", 0, at) + 1 if at >= 0 else None


def read_parquet(data: bytes, file: str, fields: list[dict]) -> RawLog:
    import pyarrow.parquet as pq

    try:
        # Text columns come dictionary-encoded, as the CSV reader gives them: checks run once per value.
        schema = pq.read_schema(pa.BufferReader(data))
        text = [f.name for f in schema if pa.types.is_string(f.type) or pa.types.is_large_string(f.type)]
        table = pq.read_table(pa.BufferReader(data), read_dictionary=text)
    except (pa.ArrowInvalid, OSError) as exc:
        raise PackageError([problem(file, "parquet_unreadable", detail=str(exc)[:200])]) from None
    rename = _renames(table.column_names, fields, file, 1)
    table = table.unify_dictionaries()
    columns = {rename[h]: table.column(h) for h in table.column_names if h in rename}
    return _checked_size(RawLog(TABLE, file, columns, table.num_rows, present=list(columns)))


def from_sheet(raw: RawTable, fields: list[dict]) -> RawLog:
    """A log read from a workbook sheet (rows of strings) into a RawLog."""
    rename = _renames(raw.header, fields, raw.file, raw.header_row)
    columns = {}
    for index, header in enumerate(raw.header):
        if header in rename:
            cells = [r[index] if index < len(r) else "" for r in raw.rows]
            columns[rename[header]] = pa.chunked_array([pa.array(cells, pa.string())])
    return _checked_size(RawLog(TABLE, raw.file, columns, len(raw.rows), raw.header_row,
                                lines=np.asarray(raw.lines), present=list(columns)))


def _checked_size(log: RawLog) -> RawLog:
    if log.rows > limits.LOG_MAX_ROWS:
        raise PackageError([problem(log.file, "log_too_many_rows", rows=log.rows, limit=limits.LOG_MAX_ROWS)])
    if not log.rows:
        raise PackageError([problem(log.file, "log_no_rows", row=log.header_row)])
    return log
