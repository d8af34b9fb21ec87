"""Step 3b: the sheets of an .xlsx workbook as rows of strings, as a CSV export of them would hold.

A workbook may hold every table (a sheet named after each) or be one table's file (its first sheet).
Cells become the text Excel would export; a formula gives the result Excel saved with it, and one that
was never calculated is reported rather than read as empty."""

from __future__ import annotations

import io
import re
from datetime import date, datetime, time

from observer.loading import limits
from observer.loading.gather import check_xlsx_size
from observer.loading.names import header_key, table_name_of
from observer.loading.text import CONTROLS, RawTable, refuse_controls, to_table
from observer.problems import PackageError, problem

EXCEL_ROWS = 1_048_576  # the last row Excel has: a file claiming rows beyond it was not saved by Excel
# A formula reading another workbook: [1]Sheet1!A1 (as stored) or '[book.xlsx]Sheet1'!A1.
ESCAPED = re.compile("_x([0-9A-Fa-f]{4})_")
EXTERNAL_REFERENCE = re.compile(r"\[[^\]]+\][^!]*!")


def read_workbook(data: bytes, file: str, tables: list[str], single: str | None = None) -> dict[str, RawTable]:
    """The sheets of an .xlsx named like ``tables`` (or, given ``single``, the one table the file is)."""
    check_xlsx_size(data, file)
    import openpyxl  # imported here: reading CSV packages does not need it

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file; all mean the same to the user
        raise PackageError([problem(file, "xlsx_unreadable", detail=type(exc).__name__)]) from None
    try:
        sheets = _sheets(book.sheetnames, tables, single)
        result, problems, formulas = {}, [], []
        for name, sheet in sheets.items():
            label = file if single else f"{file} [{sheet}]"
            try:
                result[name] = _read_sheet(book[sheet], name, label, formulas)
            except PackageError as error:
                problems += error.problems
        if formulas:
            _formula_values(data, sheets, result, formulas, problems)
        if problems:
            raise PackageError(problems)
        return result
    finally:
        book.close()


def _sheets(sheetnames: list[str], tables: list[str], single: str | None) -> dict[str, str]:
    """Table -> the sheet that holds it: the sheet named like it, or for a one-table file its first sheet."""
    if single:
        return {single: next((s for s in sheetnames if header_key(s) == header_key(single)), sheetnames[0])}
    sheets = {}
    for sheet in sheetnames:
        name = table_name_of(sheet, tables)
        if name and name not in sheets:
            sheets[name] = sheet
    return sheets


def _read_sheet(sheet, name: str, file: str, formulas: list) -> RawTable:
    # The dimension a file declares may be huge (or false): rows are read as stored, not padded to it.
    # Every stored row is read, however far down: blank rows are skipped, and a sheet with more than
    # MAX_ROWS rows of data is refused by to_table, never cut short.
    sheet.reset_dimensions()
    external = []

    def records():
        for number, cells in enumerate(sheet.iter_rows(), start=1):
            if number > EXCEL_ROWS:
                raise PackageError([problem(file, "xlsx_unreadable", row=number,
                                            detail=f"row {number} is beyond Excel's last row, {EXCEL_ROWS}")])
            if not cells:
                continue  # a row the file does not store: blank
            values = []
            for column, cell in enumerate(cells):
                value = getattr(cell, "value", None)
                if getattr(cell, "data_type", None) == "f":
                    formulas.append((name, number, column))
                    if isinstance(value, str) and EXTERNAL_REFERENCE.search(value):
                        external.append((number, column))
                text = cell_text(value)
                if text and CONTROLS.search(text):
                    refuse_controls(text, file, row=number)
                values.append(text)
            if len(values) > limits.MAX_COLUMNS and any(v.strip() for v in values[limits.MAX_COLUMNS:]):
                raise PackageError([problem(file, "sheet_too_many_columns", row=number, limit=limits.MAX_COLUMNS)])
            yield number, values[:limits.MAX_COLUMNS]

    table = to_table(records(), name, file, ",", too_many_rows="sheet_too_many_rows", empty="sheet_empty")
    if external:
        header = table.header
        raise PackageError([problem(file, "formula_external", row=number,
                                    column=header[column] if column < len(header) else None)
                            for number, column in external[:limits.MAX_PROBLEMS]])
    return table


def _formula_values(data: bytes, sheets: dict, result: dict, formulas: list, problems: list) -> None:
    """Replace formula cells by the result Excel saved with them; a formula never calculated is a Problem."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        by_table = {}
        for name, number, column in formulas:
            by_table.setdefault(name, set()).add((number, column))
        for name, cells in by_table.items():
            table = result.get(name)
            if table is not None:
                _saved_results(book[sheets[name]], table, cells, problems)
    finally:
        book.close()


def _saved_results(sheet, table: RawTable, cells: set, problems: list) -> None:
    wanted_rows = {n for n, _ in cells}
    for number, row in enumerate(sheet.iter_rows(max_col=limits.MAX_COLUMNS, max_row=max(wanted_rows)), start=1):
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
            elif header is not None and number == table.header_row:
                table.header[column] = text


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
    if isinstance(value, (date, time)):
        return value.isoformat()
    text = str(value)
    # Excel writes characters XML cannot hold as _xHHHH_ (a line break typed on Windows as _x000D_, a
    # literal "_x" as _x005F_x): read back as the characters typed, which are then checked like any text.
    return ESCAPED.sub(lambda found: chr(int(found.group(1), 16)), text) if "_x" in text else text
