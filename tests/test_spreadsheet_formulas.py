"""Cells from an upload that a spreadsheet would run as formulas ("=HYPERLINK(...)", "=cmd|' /C calc'!A0")
reach no spreadsheet as formulas: not through the app's CSV buttons (observer/export.py), not through the
data grid's own download (turned off), not through the workbook inside a slide's native chart."""

import io
import tomllib
import zipfile

from tests.loading_cases import ROOT

FORMULAS = ["=HYPERLINK(\"http://127.0.0.1/x\",\"click\")", "=cmd|' /C calc'!A0", "+1+1", "@SUM(A1)"]


def test_the_data_grid_offers_no_raw_download():
    """st.dataframe's toolbar would download (and copy) the raw cells; Streamlit's option hides both."""
    from streamlit import config

    settings = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert settings["client"]["disableDataExport"] is True
    assert "client.disableDataExport" in config.get_config_options()  # the option Streamlit knows
    assert settings["browser"]["serverAddress"]  # kept: tests/test_no_calls_home.py


def test_app_csv_defuses_formulas():
    import pandas as pd

    from observer.export import csv_bytes
    text = csv_bytes(pd.DataFrame({"name": FORMULAS})).decode("utf-8-sig")
    assert all(line.startswith(("'", "\"'")) for line in text.splitlines()[1:]), text


def _chart_workbook_cells(categories: list[str], series_name: str) -> list:
    from pptx import Presentation
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.util import Inches

    import observer.briefing  # noqa: F401 - the slides' module sets how chart workbooks are written
    from openpyxl import load_workbook

    data = CategoryChartData()
    data.categories = categories
    data.add_series(series_name, [1.0] * len(categories))
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, 0, 0, Inches(4), Inches(3), data)
    out = io.BytesIO()
    deck.save(out)
    with zipfile.ZipFile(out) as pptx:
        embedded = [n for n in pptx.namelist() if n.endswith(".xlsx")]
        assert embedded, pptx.namelist()
        book = load_workbook(io.BytesIO(pptx.read(embedded[0])))
    return [cell for row in book.active.iter_rows() for cell in row if cell.value is not None]


def test_slide_chart_data_keeps_text_as_text():
    cells = _chart_workbook_cells(FORMULAS, "=HYPERLINK(\"http://127.0.0.1/y\",\"series\")")
    text = {cell.value: cell.data_type for cell in cells if isinstance(cell.value, str)}
    for value in [*FORMULAS, "=HYPERLINK(\"http://127.0.0.1/y\",\"series\")"]:
        assert text.get(value) == "s", (value, text)  # a string cell, not a formula ("f")
