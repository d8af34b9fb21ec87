"""The loader's public names where they have always been imported from; the loader is observer.loading."""

from observer.loading import (BUNDLED_DATA, UPLOADED, Package, contract, contract_tables, load_files,
                              load_package, load_table)
from observer.problems import PackageError

__all__ = ["BUNDLED_DATA", "UPLOADED", "Package", "PackageError", "contract", "contract_tables", "load_files",
           "load_package", "load_table"]
