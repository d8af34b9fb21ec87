"""Step 3a: bytes to text, and delimited text to rows of strings.

Spreadsheets are exported in whatever encoding and delimiter the analyst's Excel uses: UTF-8 with or
without BOM, UTF-16, Windows-1251; commas, semicolons, tabs or bars. One decoder serves every table,
the coded log included, and refuses what is not text at all (a PDF, an image, an old .xls) by name.
Rows keep the line number a spreadsheet shows, so problems point at the user's own row."""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field

from observer.loading import limits
from observer.loading.names import header_key
from observer.problems import PackageError, problem

DELIMITERS = (",", ";", "\t", "|")
# Magic numbers of files people upload by mistake; the problem's kind says what it is and what to do instead.
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
SAMPLE = 20_000  # characters (or bytes) looked at to tell text from junk


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


# --- decoding --------------------------------------------------------------------------------------

def decode(data: bytes, file: str) -> str:
    """Bytes to text: BOM first (UTF-8, UTF-16), then UTF-8, then Windows-1251; junk is refused."""
    return _decoded(data, file)[1]


def as_utf8(data: bytes, file: str) -> bytes:
    """The file as UTF-8 without BOM, decoded and checked as ``decode`` does: for readers that parse bytes.
    UTF-8 input is returned as it is, not copied."""
    body, text = _decoded(data, file)
    return body if body is not None else text.encode("utf-8")


def _decoded(data: bytes, file: str) -> tuple[bytes | None, str]:
    """(the bytes when they are already the text in UTF-8, else None; the text)."""
    if _blank(data):
        raise PackageError([problem(file, "file_empty")])
    encoding, body = _encoding(data, file)
    if encoding is None:
        try:
            encoding, raw = "utf-8", body.decode("utf-8")
        except UnicodeDecodeError:
            _one_encoding(body, file)
            encoding, raw = "cp1251", _decode_as(body, "cp1251", file)  # as Excel saves Cyrillic CSV
    else:
        raw = _decode_as(body, encoding, file)
    text = _text_or_junk(raw, file)
    return (body if encoding == "utf-8" and len(text) == len(raw) else None), text


def _one_encoding(body: bytes, file: str) -> None:
    """A file that is not UTF-8 is read as Windows-1251 only if no line of it is UTF-8 Cyrillic: a file
    with rows of both (one row pasted from elsewhere) would be read with every name garbled on one side.
    Such a file is refused with the lines that differ from the rest."""
    utf8, other = [], []
    for number, line in enumerate(body.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            other.append(number)
            continue
        # Windows-1251 bytes can happen to be valid UTF-8 ('Н»' is the bytes of a Greek letter): a line
        # is taken for UTF-8 only if it reads as letters of the languages a package is written in.
        (utf8 if LETTERS.search(text) else other).append(number)
    if not utf8 or not other:
        return
    # The file is in the encoding most of its lines have; the others are listed.
    if len(utf8) >= len(other):
        encoding, found, odd = "UTF-8", "Windows-1251", other
    else:
        encoding, found, odd = "Windows-1251", "UTF-8", utf8
    shown = [problem(file, "encoding_mixed", row=n, encoding=encoding, other=found) for n in odd[:limits.MAX_PROBLEMS]]
    raise PackageError(shown + _more(file, len(odd) - len(shown)))


# Cyrillic (Russian and Kazakh), and Latin letters with diacritics.
LETTERS = re.compile("[\u0400-\u04ff\u00c0-\u024f]")


def _more(file: str, count: int) -> list:
    return [problem(file, "more_problems", count=count, limit=limits.MAX_PROBLEMS)] if count > 0 else []


def _decode_as(body: bytes, encoding: str, file: str) -> str:
    try:
        return body.decode(encoding)
    except UnicodeDecodeError as exc:
        raise PackageError([problem(file, "encoding_invalid", encoding=ENCODING_NAMES.get(encoding, encoding.upper()),
                                    byte=exc.start)]) from None


def _blank(data) -> bool:
    return not data[:4096].strip() and not data.strip()


def _encoding(data: bytes, file: str) -> tuple[str | None, bytes]:
    """The encoding a BOM or the zero bytes of UTF-16 say (None: UTF-8 or else Windows-1251), and the
    bytes without a UTF-8 BOM; known binary formats are refused by name."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8", data[len(codecs.BOM_UTF8):]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", data
    if len(data) >= 4 and data[1] == 0 and data[3] == 0 and data[0] != 0:
        return "utf-16-le", data  # UTF-16 saved without a BOM: every other byte of ASCII text is zero
    if len(data) >= 4 and data[0] == 0 and data[2] == 0 and data[1] != 0:
        return "utf-16-be", data
    for magic, kind in KNOWN_BINARIES:
        if data.startswith(magic):
            raise PackageError([problem(file, kind, extension=".xls")] if kind == "binary_xls" else
                               [problem(file, kind)])
    if b"\x00" in data[:SAMPLE]:
        raise PackageError([problem(file, "binary_data")])
    return None, data


def _text_or_junk(text: str, file: str) -> str:
    text = text.lstrip("\ufeff")
    if _blank(text):
        raise PackageError([problem(file, "file_empty")])
    sample = text[:SAMPLE]
    controls = sum(1 for c in sample if unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn") and c not in "\t\r\n")
    if "\x00" in sample or controls > max(2, len(sample) // 200):
        raise PackageError([problem(file, "binary_data")])
    refuse_controls(text, file)
    return text


# Control characters no cell may hold, wherever they are: all but tab, line feed and carriage return
# (which a CSV uses between cells and rows, and within quoted cells).
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def refuse_controls(text: str, file: str, row: int | None = None) -> None:
    """Refuse text holding a control character: one problem per line that has one (the first
    MAX_PROBLEMS), naming the character. ``row``: the text is one cell of that row (a workbook's)."""
    found = CONTROLS.search(text)
    if found is None:
        return
    problems, count, line, at = [], 0, 1, 0
    while found is not None:
        if row is None:
            line += text.count("\n", at, found.start())
            at = found.start()
        count += 1
        if len(problems) < limits.MAX_PROBLEMS:
            problems.append(problem(file, "control_character", row=row or line, character=_code(found.group())))
        if row is not None:
            break
        end = text.find("\n", found.start())
        if end < 0:
            break
        found = CONTROLS.search(text, end)  # one problem per line
    raise PackageError(problems + _more(file, count - len(problems)))


def _code(character: str) -> str:
    return f"U+{ord(character):04X}"


# --- delimited text --------------------------------------------------------------------------------

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


def records(text: str, delimiter: str, file: str):
    """(line number, cells) of each record of delimited text, the line being the record's last (as a
    spreadsheet numbers its rows); text the csv module cannot split is refused."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for record in reader:
            yield reader.line_num, record
    except csv.Error as exc:
        raise PackageError([problem(file, "csv_unsplittable", row=reader.line_num, detail=exc,
                                    limit=limits.MAX_CELL_CHARS)]) from None


def parse_text(text: str, name: str, file: str, fields: list[str]) -> RawTable:
    """CSV text to a RawTable: delimiter sniffed, blank rows and trailing empty cells dropped."""
    delimiter = sniff_delimiter(text, fields)
    capped = (_capped(line, record, file) for line, record in records(text, delimiter, file))
    return to_table(capped, name, file, delimiter, too_many_rows="too_many_rows", empty="file_empty")


def _capped(line: int, record: list[str], file: str) -> tuple[int, list[str]]:
    """A record within the caps of columns and cell length; beyond them the file is refused."""
    if len(record) > limits.MAX_COLUMNS and any(c.strip() for c in record[limits.MAX_COLUMNS:]):
        raise PackageError([problem(file, "too_many_columns", row=line, limit=limits.MAX_COLUMNS)])
    record = record[:limits.MAX_COLUMNS + 1]
    if any(len(c) > limits.MAX_CELL_CHARS for c in record):
        raise PackageError([problem(file, "cell_too_long", row=line, limit=limits.MAX_CELL_CHARS)])
    return line, record


def to_table(records, name: str, file: str, delimiter: str, too_many_rows: str, empty: str) -> RawTable:
    """(line number, cells) records to a RawTable: blank rows dropped, the first other row is the header,
    at most MAX_ROWS rows after it. The problem kinds differ between CSV files and workbook sheets."""
    header, header_line, rows, lines = None, None, [], []
    for line, cells in records:
        if not any(c.strip() for c in cells):
            continue
        if header is None:
            header, header_line = cells, line
            continue
        if len(rows) >= limits.MAX_ROWS:
            raise PackageError([problem(file, too_many_rows, limit=limits.MAX_ROWS)])
        rows.append(cells)
        lines.append(line)
    if header is None:
        raise PackageError([problem(file, empty)])
    return RawTable(name, file, header, rows, lines, delimiter, header_line)


def to_csv(table: RawTable) -> str:
    """A normalised table as plain UTF-8 CSV, the form the schema check reads."""
    out = io.StringIO(newline="")
    # Lines end in CRLF so that a cell holding a carriage return is quoted too (csv quotes only the
    # characters of its line terminator), and is read back as one cell, not as a broken row.
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.header)
    writer.writerows(table.rows)
    return out.getvalue()
