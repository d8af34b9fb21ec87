"""Turn files as people really have them into plain tables of strings, before the schema check.

Spreadsheets are exported in whatever encoding, delimiter and number style the analyst's Excel uses:
UTF-8 with or without BOM, UTF-16, Windows-1251; commas, semicolons or tabs; decimal commas, thousands
separators, per cent signs; headers with stray spaces or capitals; .xlsx workbooks. Everything here
reads bytes into a ``RawTable`` (header + rows of strings, each row keeping the row number a
spreadsheet shows) and normalises only what is unambiguous, so the schema check sees clean CSV and the
problems still point at the user's own file, row and column. Text columns are never altered.

Every limit is a constant below; breaking one is a Problem, never a crash or a hang.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time

from observer.problems import Problem

MB = 1024 * 1024
MAX_FILE_MB = 20
MAX_FILE_BYTES = MAX_FILE_MB * MB  # one uploaded file, one file in a folder, one zip member
MAX_FILES = 50  # files in one upload, folder or zip
MAX_TOTAL_MB = 60
MAX_TOTAL_BYTES = MAX_TOTAL_MB * MB  # all files of one package together, after unzipping
MAX_XLSX_UNPACKED_MB = 100  # an .xlsx is a zip of XML: what it may unpack to
MAX_COLUMNS = 100
MAX_ROWS = 50_000
MAX_CELL_CHARS = 100_000

TEXT_EXTENSIONS = (".csv", ".tsv", ".txt")
WORKBOOK_EXTENSION = ".xlsx"
ZIP_EXTENSION = ".zip"
DELIMITERS = (",", ";", "\t", "|")
NUMERIC_TYPES = ("integer", "number")

# Magic numbers of files people upload by mistake; the problem's key says what it is and what to do instead.
KNOWN_BINARIES = (
    (b"\xd0\xcf\x11\xe0", "binary_xls"),
    (b"%PDF", "binary_pdf"),
    (b"\x89PNG", "binary_image"),
    (b"\xff\xd8\xff", "binary_image"),
    (b"PK\x03\x04", "binary_zip"),
)
# Encodings by the names Excel's save dialog gives them.
ENCODING_NAMES = {"utf-8": "UTF-8", "utf-16": "UTF-16", "utf-16-le": "UTF-16", "utf-16-be": "UTF-16",
                  "cp1251": "Windows-1251"}


class ReadError(Exception):
    """A file cannot be read at all; carries the Problems that say why."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("; ".join(str(p) for p in self.problems))


@dataclass
class RawTable:
    """One table as read: header and rows of strings; ``lines[i]`` is the spreadsheet row of rows[i]."""

    name: str
    file: str  # what the user calls it: "parties.csv", "election.xlsx [parties]"
    header: list[str]
    rows: list[list[str]]
    lines: list[int] = field(default_factory=list)
    delimiter: str = ","
    header_row: int = 1
    present: list[str] = field(default_factory=list)  # schema columns the file has
    original: list[list[str]] = field(default_factory=list)  # cells as typed, for problem reports

    def row_of(self, normalised_row: int | None) -> int | None:
        """Spreadsheet row of a row number in the normalised CSV (header = 1)."""
        if normalised_row is None or normalised_row < 2 or normalised_row - 2 >= len(self.lines):
            return normalised_row
        return self.lines[normalised_row - 2]


def problem(file: str, key_: str, row: int | None = None, column: str | None = None, value=None,
            detail=None, **params) -> Problem:
    """A Problem with catalogue key ``key_`` (problems.json); ``detail`` is a library's own (English) words."""
    return Problem(file, row, column, None if value is None else _shorten(str(value)), key_, params,
                   None if detail is None else _shorten(str(detail), 200))


def _shorten(value: str, limit: int = 80) -> str:
    return value if len(value) <= limit else value[:limit] + "…"


# --- names -----------------------------------------------------------------------------------------

def key(text: str) -> str:
    """Header, file and name matching: case-, space- and quote-insensitive."""
    text = unicodedata.normalize("NFKC", str(text)).replace("\ufeff", "").replace("\u200b", "")
    text = re.sub(r"[«»“”„\"'`]", "", text)
    return re.sub(r"\s+", " ", text).strip().casefold()


def header_key(text: str) -> str:
    """'Share pct ', 'share-pct' and 'SHARE_PCT' are all share_pct."""
    return re.sub(r"[\s\-]+", "_", key(text))


def table_name_of(filename: str, tables) -> str | None:
    """The contract table a file is named after (case, spaces and hyphens do not matter)."""
    base = filename.replace("\\", "/").rsplit("/", 1)[-1]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    wanted = header_key(stem)
    return next((name for name in tables if header_key(name) == wanted), None)


def extension(filename: str) -> str:
    base = filename.replace("\\", "/").rsplit("/", 1)[-1].lower()
    return "." + base.rsplit(".", 1)[-1] if "." in base else ""


def base_name(filename: str) -> str:
    return filename.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


# --- zip -------------------------------------------------------------------------------------------

def unzip(data: bytes, file: str) -> dict[str, bytes]:
    """The files of a zip, flattened to their base names, after checking the sizes its headers declare."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = [i for i in archive.infolist() if not i.is_dir() and not _junk_member(i.filename)]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise ReadError([problem(file, "zip_unreadable", detail=exc)]) from None
    if len(infos) > MAX_FILES:
        raise ReadError([problem(file, "zip_too_many_files", count=len(infos), limit=MAX_FILES)])
    declared = sum(i.file_size for i in infos)
    if declared > MAX_TOTAL_BYTES:
        raise ReadError([problem(file, "zip_too_large", size=round(declared / MB), limit=MAX_TOTAL_MB)])
    files: dict[str, bytes] = {}
    problems = []
    for info in infos:
        name = base_name(info.filename)
        if info.flag_bits & 0x1:
            problems.append(problem(file, "zip_member_encrypted", value=info.filename))
            continue
        if info.file_size > MAX_FILE_BYTES:
            problems.append(problem(name, "zip_member_too_large", value=info.filename,
                                    size=round(info.file_size / MB), limit=MAX_FILE_MB))
            continue
        if name in files:
            problems.append(problem(file, "zip_duplicate_name", value=info.filename))
            continue
        try:
            with archive.open(info) as member:
                content = member.read(MAX_FILE_BYTES + 1)  # never trust the header alone
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, ValueError, OSError, EOFError) as exc:
            problems.append(problem(file, "zip_member_unreadable", value=info.filename, detail=exc))
            continue
        if len(content) > MAX_FILE_BYTES:
            problems.append(problem(name, "zip_member_unpacks_too_large", value=info.filename, limit=MAX_FILE_MB))
            continue
        files[name] = content
    if problems:
        raise ReadError(problems)
    return files


def _junk_member(name: str) -> bool:
    parts = name.replace("\\", "/").split("/")
    return parts[0] == "__MACOSX" or parts[-1].startswith((".", "~$")) or parts[-1] in ("Thumbs.db", "desktop.ini")


# --- text ------------------------------------------------------------------------------------------

def decode(data: bytes, file: str) -> str:
    """Bytes to text: BOM first (UTF-8, UTF-16), then UTF-8, then Windows-1251; junk is refused."""
    if not data.strip():
        raise ReadError([problem(file, "file_empty")])
    if data.startswith(codecs.BOM_UTF8):
        encoding, data = "utf-8", data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif len(data) >= 4 and data[1] == 0 and data[3] == 0 and data[0] != 0:
        encoding = "utf-16-le"  # UTF-16 saved without a BOM: every other byte of ASCII text is zero
    elif len(data) >= 4 and data[0] == 0 and data[2] == 0 and data[1] != 0:
        encoding = "utf-16-be"
    else:
        for magic, kind in KNOWN_BINARIES:
            if data.startswith(magic):
                raise ReadError([problem(file, kind, extension=".xls")] if kind == "binary_xls" else
                                [problem(file, kind)])
        if b"\x00" in data[:20_000]:
            raise ReadError([problem(file, "binary_data")])
        try:
            encoding, text = "utf-8", data.decode("utf-8")
        except UnicodeDecodeError:
            encoding = "cp1251"
        else:
            return _text_or_junk(text, file)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ReadError([problem(file, "encoding_invalid", encoding=ENCODING_NAMES.get(encoding, encoding.upper()),
                                 byte=exc.start)]) from None
    return _text_or_junk(text, file)


def _text_or_junk(text: str, file: str) -> str:
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise ReadError([problem(file, "file_empty")])
    sample = text[:20_000]
    controls = sum(1 for c in sample if unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn") and c not in "\t\r\n")
    if "\x00" in sample or controls > max(2, len(sample) // 200):
        raise ReadError([problem(file, "binary_data")])
    return text


def sniff_delimiter(text: str, fields: list[str]) -> str:
    """The delimiter whose split of the header row names the most schema columns (then: the most cells)."""
    first = next((line for line in text.splitlines() if line.strip()), "")[:100_000]
    wanted = {header_key(f) for f in fields}
    best, best_score = ",", (-1, -1)
    for delimiter in DELIMITERS:
        try:
            cells = next(csv.reader([first], delimiter=delimiter), [])
        except csv.Error:
            continue
        score = (sum(header_key(c) in wanted for c in cells), len(cells))
        if score > best_score:
            best, best_score = delimiter, score
    return best


def parse_text(text: str, name: str, file: str, fields: list[str]) -> RawTable:
    """CSV text to a RawTable: delimiter sniffed, blank rows and trailing empty cells dropped."""
    delimiter = sniff_delimiter(text, fields)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def records():
        for record in reader:
            line = reader.line_num  # the record's last line; rows with line breaks inside quotes are rare
            if len(record) > MAX_COLUMNS and any(c.strip() for c in record[MAX_COLUMNS:]):
                raise ReadError([problem(file, "too_many_columns", row=line, limit=MAX_COLUMNS)])
            record = record[:MAX_COLUMNS + 1]
            if any(len(c) > MAX_CELL_CHARS for c in record):
                raise ReadError([problem(file, "cell_too_long", row=line, limit=MAX_CELL_CHARS)])
            yield line, record

    try:
        return _gather(records(), name, file, delimiter, too_many_rows="too_many_rows", empty="file_empty")
    except csv.Error as exc:
        raise ReadError([problem(file, "csv_unsplittable", row=reader.line_num, detail=exc,
                                 limit=MAX_CELL_CHARS)]) from None


def _gather(records, name: str, file: str, delimiter: str, too_many_rows: str, empty: str) -> RawTable:
    """(line number, cells) records to a RawTable: blank rows dropped, the first other row is the header,
    at most MAX_ROWS rows after it. The problem keys differ between CSV files and workbook sheets."""
    header, header_line, rows, lines = None, None, [], []
    for line, cells in records:
        if not any(c.strip() for c in cells):
            continue
        if header is None:
            header, header_line = cells, line
            continue
        if len(rows) >= MAX_ROWS:
            raise ReadError([problem(file, too_many_rows, limit=MAX_ROWS)])
        rows.append(cells)
        lines.append(line)
    if header is None:
        raise ReadError([problem(file, empty)])
    return RawTable(name, file, header, rows, lines, delimiter, header_line)


# --- xlsx ------------------------------------------------------------------------------------------

def read_workbook(data: bytes, file: str, tables: dict[str, list[str]], single: str | None = None) -> dict[str, RawTable]:
    """The sheets of an .xlsx named like contract tables (or its first sheet, for a file named like one)."""
    _check_xlsx_size(data, file)
    import openpyxl  # imported here: reading CSV packages does not need it

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file; all mean the same to the user
        raise ReadError([problem(file, "xlsx_unreadable", detail=type(exc).__name__)]) from None
    try:
        sheets = {}
        if single:
            sheet = next((s for s in book.sheetnames if header_key(s) == header_key(single)), book.sheetnames[0])
            sheets[single] = sheet
        else:
            for sheet in book.sheetnames:
                name = table_name_of(sheet, tables)
                if name and name not in sheets:
                    sheets[name] = sheet
        result, problems, formulas = {}, [], []
        for name, sheet in sheets.items():
            label = file if single else f"{file} [{sheet}]"
            try:
                result[name] = _read_sheet(book[sheet], name, label, formulas)
            except ReadError as error:
                problems += error.problems
        if formulas:
            result = _formula_values(data, sheets, result, formulas, problems)
        if problems:
            raise ReadError(problems)
        return result
    finally:
        book.close()


def _check_xlsx_size(data: bytes, file: str) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise ReadError([problem(file, "xlsx_unreadable")]) from None
    unpacked = sum(i.file_size for i in infos)
    if len(infos) > 10_000 or unpacked > MAX_XLSX_UNPACKED_MB * MB:
        raise ReadError([problem(file, "xlsx_too_large", size=round(unpacked / MB), limit=MAX_XLSX_UNPACKED_MB)])


def _read_sheet(sheet, name: str, file: str, formulas: list) -> RawTable:
    # The dimension a file declares may be huge (or false): rows are read as stored, not padded to it.
    sheet.reset_dimensions()

    def records():
        for number, cells in enumerate(sheet.iter_rows(max_row=MAX_ROWS + 1000), start=1):
            values = []
            for column, cell in enumerate(cells):
                if getattr(cell, "data_type", None) == "f":
                    formulas.append((name, number, column))
                values.append(cell_text(getattr(cell, "value", None)))
            if len(values) > MAX_COLUMNS and any(v.strip() for v in values[MAX_COLUMNS:]):
                raise ReadError([problem(file, "sheet_too_many_columns", row=number, limit=MAX_COLUMNS)])
            yield number, values[:MAX_COLUMNS]

    return _gather(records(), name, file, ",", too_many_rows="sheet_too_many_rows", empty="sheet_empty")


def _formula_values(data: bytes, sheets: dict, result: dict, formulas: list, problems: list) -> dict:
    """Replace formula cells by the result Excel saved with them; a formula never calculated is a Problem."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        by_table = {}
        for name, number, column in formulas:
            by_table.setdefault(name, set()).add((number, column))
        for name, cells in by_table.items():
            table = result.get(name)
            if table is None:
                continue
            wanted_rows = {n for n, _ in cells}
            for number, row in enumerate(book[sheets[name]].iter_rows(max_col=MAX_COLUMNS, max_row=max(wanted_rows)),
                                         start=1):
                if number not in wanted_rows:
                    continue
                for n, column in cells:
                    if n != number:
                        continue
                    value = row[column].value if column < len(row) else None
                    header = table.header[column] if column < len(table.header) else None
                    if value is None:
                        problems.append(problem(table.file, "formula_not_saved", row=number, column=header))
                        continue
                    text = cell_text(value)
                    if number in table.lines:
                        table.rows[table.lines.index(number)][column] = text
                    elif header is not None and number == _header_line(table):
                        table.header[column] = text
    finally:
        book.close()
    return result


def _header_line(table: RawTable) -> int:
    return table.header_row


def column_letter(index: int) -> str:
    """The column's letter as a spreadsheet shows it: 0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def cell_text(value) -> str:
    """A cell value from openpyxl as the text a CSV export would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return str(value)
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat()
    return str(value)


# --- normalising to the schema ---------------------------------------------------------------------

def match_header(table: RawTable, fields: list[dict]) -> list[Problem]:
    """Rename header cells to schema names, put columns in schema order; report missing and unknown ones."""
    names = [f["name"] for f in fields]
    by_key = {header_key(n): n for n in names}
    problems, positions, seen = [], {}, {}
    for index, label in enumerate(table.header):
        if not label.strip():
            if any(index < len(row) and row[index].strip() for row in table.rows):
                problems.append(problem(table.file, "column_unnamed", row=_header_line(table), number=index + 1,
                                        letter=column_letter(index)))
            continue
        name = by_key.get(header_key(label))
        if name is None:
            problems.append(problem(table.file, "column_not_in_schema", row=_header_line(table), column=label.strip(),
                                    value=label, table=table.name, columns=", ".join(names)))
        elif name in positions:
            problems.append(problem(table.file, "column_twice", row=_header_line(table), column=name, value=label))
        else:
            positions[name] = index
            seen[name] = label
    for spec in fields:
        if spec["name"] not in positions and spec.get("constraints", {}).get("required"):
            problems.append(problem(table.file, "column_missing", row=_header_line(table), column=spec["name"]))
    present = [n for n in names if n in positions]
    table.present = present
    width = len(table.header)
    rows = []
    for row, line in zip(table.rows, table.lines):
        extra = [c for c in row[width:] if c.strip()]
        if extra:
            problems.append(problem(table.file, "row_too_many_cells", row=line, value=extra[0]))
        rows.append([row[positions[n]] if positions[n] < len(row) else "" for n in present])
    # Optional columns the file leaves out are written empty, so every table has the schema's columns.
    table.header = names
    index = {n: i for i, n in enumerate(present)}
    table.rows = [[r[index[n]] if n in index else "" for n in names] for r in rows]
    return problems


def normalise_values(table: RawTable, fields: list[dict]) -> list[Problem]:
    """Numbers, booleans and dates into the schema's plain form; text columns are left exactly as found."""
    problems = []
    for position, spec in enumerate(fields):
        type_ = spec.get("type", "string")
        column = [row[position] for row in table.rows]
        if type_ in NUMERIC_TYPES:
            # 'nan' and 'inf' parse as numbers but mean none: make the schema check report them as not numbers.
            column = ["not a number" if key(v) in NOT_NUMBERS else v for v in column]
            column, found = normalise_numbers(column, type_, table.delimiter)
            for index, original in found:
                problems.append(problem(table.file, "number_ambiguous", row=table.lines[index], column=spec["name"],
                                        value=original))
        elif type_ == "boolean":
            column = [BOOLEANS.get(key(v), v.strip()) for v in column]
        elif type_ == "date":
            column = [normalise_date(v) for v in column]
        elif _is_key(spec):
            column = [v.strip() for v in column]
        else:
            continue
        for row, value in zip(table.rows, column):
            row[position] = value
    return problems


NOT_NUMBERS = {"nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity", "snan"}
BOOLEANS = {"true": "true", "false": "false", "yes": "true", "no": "false", "1": "true", "0": "false",
            "да": "true", "нет": "false", "иә": "true", "жоқ": "false"}

SPACES = "\u00a0\u202f\u2009\u2007 "
_GROUPED = {sep: re.compile(r"^[+-]?\d{1,3}(?:" + re.escape(sep) + r"\d{3})+(?:[.,]\d+)?$") for sep in ",. '’"}


def _is_key(spec: dict) -> bool:
    return "pattern" in spec.get("constraints", {}) or spec.get("name") in ("party", "channel")


def normalise_numbers(values: list[str], type_: str, delimiter: str = ",") -> tuple[list[str], list[tuple[int, str]]]:
    """Return the column with unambiguous numbers in plain form ('11 915 903' -> '11915903', '28,8' ->
    '28.8', '28.8%' -> '28.8'), and the (index, value) of numbers whose comma is ambiguous.

    Which mark is the decimal one is decided per column: a column that anywhere shows '1.234,5',
    '1.234.567' or '28,8' writes decimals with a comma; one showing '1,234.5' or '1,234,567' with a
    dot; integers never have decimals, so there a lone ',ddd' or '.ddd' group is thousands."""
    cleaned = [_strip_number(v) for v in values]
    decimal = _decimal_mark(cleaned, type_, delimiter)
    out, ambiguous = [], []
    for index, (original, text) in enumerate(zip(values, cleaned)):
        if text is None:
            out.append(original.strip())
            continue
        number = _plain(text, decimal, type_)
        if number is None and decimal is None and re.fullmatch(r"[+-]?\d{1,3},\d{3}", text):
            ambiguous.append((index, original.strip()))
        out.append(original.strip() if number is None else number)
    return out, ambiguous


def _strip_number(value: str) -> str | None:
    """The value without spaces and per cent sign, if it looks like a number at all."""
    text = value.strip().strip(SPACES)
    if text.endswith("%"):
        text = text[:-1].strip(SPACES)
    if not text or not re.fullmatch(r"[+-]?[\d" + re.escape(SPACES) + r".,'’]*\d(?:[.,]\d*)?(?:[eE][+-]?\d+)?", text):
        return None
    return text


def _decimal_mark(values: list[str | None], type_: str, delimiter: str) -> str | None:
    comma = dot = False
    for text in values:
        if not text:
            continue
        digits = re.sub("[" + re.escape(SPACES) + "'’]", "", text)
        if re.search(r"\.\d+,", digits) or digits.count(".") > 1 or re.search(r",\d{1,2}$|,\d{4,}$", digits):
            comma = True
        if re.search(r",\d+\.", digits) or digits.count(",") > 1 or re.search(r"\.\d{1,2}$|\.\d{4,}$", digits):
            dot = True
    if comma and not dot:
        return ","
    if dot and not comma:
        return "."
    if type_ == "integer":
        return None  # integers: separators only group thousands
    return "," if delimiter == ";" and not dot else None


def _plain(text: str, decimal: str | None, type_: str) -> str | None:
    """The number in plain form, or None when it is not an unambiguous number (left for the schema check)."""
    if any(c in text for c in SPACES + "'’") and not _grouped(text):
        return None  # spaces that do not group thousands
    compact = re.sub("[" + re.escape(SPACES) + "'’]", "", text)
    if decimal is None:
        # Whole numbers have no decimals, so '1,000' and '1.000' there can only group thousands.
        if type_ == "integer" and re.fullmatch(r"[+-]?\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*", compact):
            return re.sub(r"[.,]", "", compact)
        if "," in compact:
            return None
        decimal = "."
    if decimal == "." and re.fullmatch(r"[+-]?\d+(?:\.\d+)?[eE][+-]?\d+", compact):
        return compact
    thousands = "," if decimal == "." else "."
    whole, mark, fraction = compact.rpartition(decimal)
    if not mark:
        whole, fraction = compact, ""
    if thousands in whole:
        if not re.fullmatch(r"[+-]?\d{1,3}(?:" + re.escape(thousands) + r"\d{3})+", whole):
            return None
        whole = whole.replace(thousands, "")
    if not re.fullmatch(r"[+-]?\d*", whole) or not re.fullmatch(r"\d*", fraction) or not (whole + fraction).strip("+-"):
        return None
    if type_ == "integer" and fraction:
        return None  # a whole number with decimals: the schema check says so, showing the value as typed
    return whole + ("." + fraction if fraction else "")


def _grouped(text: str) -> bool:
    return any(pattern.fullmatch(text) for pattern in _GROUPED.values()) or bool(
        re.fullmatch(r"[+-]?\d{1,3}(?:[" + re.escape(SPACES) + r"]\d{3})+(?:[.,]\d+)?", text))


def normalise_date(value: str) -> str:
    """'2020-12-30' stays; '30.12.2020' (day first, as Excel writes it in Russian and Kazakh) becomes ISO."""
    text = value.strip()
    found = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
    if found:
        day, month, year = map(int, found.groups())
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return text
    found = re.fullmatch(r"(\d{4}-\d{2}-\d{2})[ T]00:00(?::00)?", text)
    return found.group(1) if found else text


# --- references by name ----------------------------------------------------------------------------

def name_lookup(table: RawTable, key_field: str) -> dict[str, str]:
    """Every way a row of parties/channels can be named (id, name_*, short_*) -> its id; a name shared by
    two rows is left out, so it is reported rather than guessed."""
    if key_field not in table.header:
        return {}
    columns = [i for i, n in enumerate(table.header) if n == key_field or n.startswith(("name_", "short_"))]
    key_index = table.header.index(key_field)
    lookup, clashes = {}, set()
    for row in table.rows:
        ident = row[key_index].strip()
        if not ident:
            continue
        for i in columns:
            name = key(row[i])
            if not name:
                continue
            if lookup.get(name, ident) != ident:
                clashes.add(name)
            lookup.setdefault(name, ident)
    for name in clashes:
        lookup.pop(name, None)
    for row in table.rows:  # an id always means itself
        if row[key_index].strip():
            lookup[key(row[key_index])] = row[key_index].strip()
    return lookup


def map_references(tables: dict[str, RawTable], descriptor: dict) -> None:
    """Replace party and channel names in referencing tables by ids, before the foreign-key check."""
    for resource in descriptor["resources"]:
        table = tables.get(resource["name"])
        if table is None:
            continue
        for foreign in resource["schema"].get("foreignKeys", []):
            fields, reference = foreign["fields"], foreign["reference"]
            target_fields = reference["fields"]
            if isinstance(fields, list) or isinstance(target_fields, list):
                continue
            target = tables.get(reference["resource"])
            if target is None or fields not in table.header:
                continue
            lookup = name_lookup(target, target_fields)
            position = table.header.index(fields)
            for row in table.rows:
                row[position] = lookup.get(key(row[position]), row[position])


def to_csv(table: RawTable) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.header)
    writer.writerows(table.rows)
    return out.getvalue()
