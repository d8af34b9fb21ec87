"""Every kind of problem the loader reports, declared once, with the parameters it is made with.

A kind names the catalogue entries ``<kind>.message`` and ``<kind>.fix`` in locales/<lang>/problems.json.
Its parameters are the names its text may use besides ``{file}`` and ``{column}``, which every problem has.
``observer.problems.problem`` refuses a kind not listed here or parameters other than its own, so this
table is the whole list: the tests check every catalogue against it."""

from __future__ import annotations

# The names every problem's text may use: the problem's own file and column.
ALWAYS = ("file", "column")

SIZE = ("size", "limit")  # a size in MB and the cap it breaks
COUNT = ("count", "limit")  # a number of things and the cap it breaks
SCHEMA_DIFFERS = ("table", "expected", "unexpected")

KINDS: dict[str, tuple[str, ...]] = {
    # gathering the files: folders, uploads, zips and their caps
    "folder_missing": (),
    "folder_unreadable": (),
    "folder_too_many_files": COUNT,
    "too_many_files": COUNT,
    "file_not_received": (),
    "file_too_large": SIZE,
    "log_too_large": ("size", "limit", "rows", "parquet"),
    "package_too_large": ("limit",),
    "file_given_twice": ("first", "second"),
    "zip_unreadable": (),
    "zip_too_many_files": COUNT,
    "zip_too_large": SIZE,
    "zip_member_encrypted": (),
    "zip_member_too_large": SIZE,
    "zip_duplicate_name": (),
    "zip_member_unreadable": (),
    "zip_member_unpacks_too_large": ("limit",),
    "zip_in_zip": (),
    "xlsx_too_large": SIZE,
    # datapackage.json
    "descriptor_not_utf8": (),
    "descriptor_not_json": (),
    "descriptor_no_resources": (),
    "descriptor_no_fields": ("table",),
    "schema_differs": SCHEMA_DIFFERS,
    "schema_differs_missing": SCHEMA_DIFFERS,
    "descriptor_invalid": (),
    # which file is which table
    "table_not_in_contract": ("table", "tables"),
    "table_twice": ("table", "other"),
    "file_not_a_table": ("files",),
    "no_sheet_named": ("tables",),
    "table_required": ("table",),
    "table_required_or_log": ("table", "log"),
    # bytes to text
    "file_empty": (),
    "binary_data": (),
    "binary_xls": ("extension",),
    "binary_pdf": (),
    "binary_image": (),
    "binary_zip": (),
    "encoding_invalid": ("encoding", "byte"),
    "encoding_mixed": ("encoding", "other"),
    "control_character": ("character",),
    # text and sheets to rows
    "csv_unsplittable": ("limit",),
    "too_many_columns": ("limit",),
    "too_many_rows": ("limit",),
    "cell_too_long": ("limit",),
    "xlsx_unreadable": (),
    "sheet_empty": (),
    "sheet_too_many_columns": ("limit",),
    "sheet_too_many_rows": ("limit",),
    "formula_not_saved": (),
    # headers and rows
    "column_unnamed": ("number", "letter"),
    "column_twice": (),
    "column_missing": (),
    "column_misspelt": ("table", "suggestion"),
    "column_missing_text": ("stem",),
    "row_no_text": ("stem",),
    "row_too_many_cells": (),
    "row_cell_count": (),
    "row_empty": (),
    "table_no_rows": ("table",),
    "number_ambiguous": (),
    # values a column's type could only hold by changing them, and what a chart can draw
    "integer_out_of_range": ("minimum", "maximum"),
    "number_not_finite": (),
    "date_out_of_range": ("first", "last"),
    "text_too_long": ("length", "limit"),
    "too_many_parties": COUNT,
    "too_many_channels": COUNT,
    "formula_external": (),
    # the Table Schema, cell by cell
    "type_integer": (),
    "type_number": (),
    "type_date": (),
    "type_boolean": (),
    "type_string": (),
    "type_other": (),
    "constraint_required": (),
    "constraint_minimum": ("minimum",),
    "constraint_maximum": ("maximum",),
    "constraint_enum": ("allowed",),
    "constraint_enum_or_empty": ("allowed",),
    "constraint_pattern": ("pattern",),
    "pattern_id": ("example",),
    "pattern_color": ("example",),
    "pattern_unit": ("example", "units", "rate"),
    "pattern_currency": ("example",),
    # money: amounts and their currency
    "finance_no_amount": ("kzt",),
    "currency_unknown": (),
    "currency_mixed": ("first",),
    "currency_missing": (),
    "currency_conflict": ("given",),
    "constraint_other": (),
    "foreign_key": ("table_file",),
    "duplicate_key": (),
    "schema_other": (),
    # rules a schema cannot express
    "shares_total": ("channel", "measure", "total", "tolerance"),
    "fact_no_date": ("fact", "unit"),
    "fact_no_value": ("fact", "unit"),
    # the coded log
    "log_unsplittable": (),
    "parquet_unreadable": (),
    "log_too_many_rows": ("rows", "limit"),
    "log_no_rows": (),
    "seconds_not_positive": (),
    "log_count_not_positive": (),
    "log_time_invalid": (),
    "log_coder_without_item": (),
    "more_problems": COUNT,
}
