"""Read a data package into validated pandas DataFrames: the loader, one module per step.

limits      every cap (file sizes and counts, rows, columns, cells, the log's own)
gather      the files of a folder, zip or upload, within the caps
descriptor  the data contract, with the package's own datapackage.json
text        bytes to text (one decoder for every table) and delimited text to rows
workbook    .xlsx sheets to rows
normalise   one header matcher; numbers, dates, booleans; names to ids
tables      which file is which table, and each table's reader
log, log_check  the coded TV log's own reader and column-wise check
schema      the Table Schema check (Frictionless) and typed DataFrames
rules       rules across tables, and the tables a package must have
pipeline    the steps in order: load_package, load_files, load_table
"""

from observer.loading.descriptor import BUNDLED_DATA, contract, contract_tables
from observer.loading.gather import UPLOADED
from observer.loading.pipeline import Package, load_files, load_package, load_table

__all__ = ["BUNDLED_DATA", "UPLOADED", "Package", "contract", "contract_tables", "load_files", "load_package",
           "load_table"]
