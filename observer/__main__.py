"""Command line: `python -m observer check [PATH]`."""

from __future__ import annotations

import argparse
import sys

from observer.describe import summary
from observer.package import PackageError, load_package


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m observer", description="Observer data package tools.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate a data package folder and list every problem")
    check.add_argument("path", nargs="?", default="data", help="package folder (default: data)")
    args = parser.parse_args(argv)
    if args.command == "check":
        return run_check(args.path)
    return 2


def run_check(path: str) -> int:
    try:
        pkg = load_package(path)
    except PackageError as error:
        for problem in error.problems:
            print(problem)
        print(f"{len(error.problems)} problem(s) in {path}", file=sys.stderr)
        return 1
    except Exception as error:  # never a traceback for the user: say what failed and where
        print(f"{path}: could not be read ({type(error).__name__}: {error})")
        return 1
    print(f"OK {path}: {summary(pkg)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
