"""Observer: charts and checks for election-observation figures kept as a Frictionless data package."""

from observer.loading import Package, load_package
from observer.problems import PackageError, Problem

__all__ = ["Package", "PackageError", "Problem", "load_package"]
