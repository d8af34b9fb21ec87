"""Helpers for the loading tests: the bundled package as files (name -> bytes) and ways to reshape them."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SYNTHETIC = ROOT / "tests" / "fixtures" / "synthetic_election"
TABLES = ["parties", "channels", "tv_coverage", "finance", "candidates", "facts", "results", "notes"]


def package_files(folder: Path = DATA, tables=TABLES, descriptor: bool = False) -> dict[str, bytes]:
    files = {f"{t}.csv": (folder / f"{t}.csv").read_bytes() for t in tables}
    if descriptor:
        files["datapackage.json"] = (folder / "datapackage.json").read_bytes()
    return files


def rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def to_csv(table: list[list[str]], delimiter: str = ",", encoding: str = "utf-8") -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(table)
    return out.getvalue().encode(encoding)


def edit(files: dict[str, bytes], table: str, row: int, column: str, value: str) -> dict[str, bytes]:
    """A copy of files with one cell changed; row counts like a spreadsheet (header = 1)."""
    data = rows(files[f"{table}.csv"])
    data[row - 1][data[0].index(column)] = value
    return {**files, f"{table}.csv": to_csv(data)}


def zipped(files: dict[str, bytes], folder: str = "") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(folder + name, data)
    return out.getvalue()


def workbook(sheets: dict[str, list[list]]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, table in sheets.items():
        sheet = book.create_sheet(name)
        for row in table:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def typed(table: list[list[str]]) -> list[list]:
    """Cells as Excel would hold them: numbers as numbers, the rest as text."""
    def cell(value: str):
        try:
            return int(value)
        except ValueError:
            try:
                return float(value)
            except ValueError:
                return value
    return [table[0]] + [[cell(v) for v in row] for row in table[1:]]
