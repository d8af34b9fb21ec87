"""Files a reader takes away from the dashboard."""

from __future__ import annotations

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a BOM (so Excel reads Cyrillic right), text cells defused against formula injection."""
    safe = frame.copy()
    for column in safe.columns:
        values = safe[column]
        if isinstance(values.dtype, pd.CategoricalDtype):
            # A coded log's text columns are categorical: defuse each category once, not each of a million cells.
            categories = values.cat.categories.map(defuse)
            safe[column] = (values.cat.rename_categories(categories) if categories.is_unique
                            else values.astype(object).map(defuse))
        elif values.dtype == object or pd.api.types.is_string_dtype(values):
            safe[column] = values.map(defuse)
    return safe.to_csv(index=False).encode("utf-8-sig")


def defuse(cell):
    """Prefix a text cell that a spreadsheet would run as a formula with an apostrophe (OWASP advice)."""
    if isinstance(cell, str) and cell.startswith(FORMULA_START):
        return "'" + cell
    return cell


def text_stays_text_in_chart_workbooks() -> None:
    """A native PowerPoint chart carries its data in an embedded workbook, written by xlsxwriter, which turns
    any text starting with "=" (a party's name from an upload, say) into a formula. Make it write text as
    text; the labels on the slide are unchanged."""
    from pptx.chart import xlsx
    from xlsxwriter import Workbook

    if getattr(xlsx.Workbook, "_text_as_text", False):
        return

    class TextAsTextWorkbook(Workbook):
        _text_as_text = True

        def __init__(self, filename=None, options=None):
            super().__init__(filename, {**(options or {}), "strings_to_formulas": False})

    xlsx.Workbook = TextAsTextWorkbook
