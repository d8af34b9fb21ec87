"""Command line: `python -m observer check [PATH] [--table NAME]` and
`python -m observer export --lang kk --out briefing-kk.html [--data PATH] [--format html|pptx]
[--from YYYY-MM-DD] [--to YYYY-MM-DD]` (the days of a coded log the figures computed from it cover).

PATH is a package folder, a .zip of one, an .xlsx workbook, or a single table file (CSV or .xlsx)
checked on its own with --table (or named after its table). Exit status 0 when valid, 1 otherwise;
never a traceback."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from observer import briefing, segments
from observer.describe import summary
from observer.i18n import DEFAULT_LANGUAGE, Language, available_languages, source_titles
from observer.loading import BUNDLED_DATA, contract_tables, limits, load_package, load_table
from observer.loading.gather import TEXT_EXTENSIONS
from observer.loading.names import extension, table_name_of
from observer.problems import PackageError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m observer", description="Observer data package tools.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate a data package (folder, zip, workbook or one table) "
                                              "and list every problem")
    check.add_argument("path", nargs="?", default="data", help="package folder, .zip or .xlsx (default: data)")
    check.add_argument("--table", choices=contract_tables(), help="check PATH as this one table on its own")
    export = commands.add_parser("export", help="write the briefing pack: one offline HTML file, or slides")
    export.add_argument("--lang", default=DEFAULT_LANGUAGE, choices=sorted(available_languages()))
    export.add_argument("--out", help="file to write (default: briefing-LANG.html or .pptx)")
    export.add_argument("--data", default=str(BUNDLED_DATA), help="package folder (default: the bundled data)")
    export.add_argument("--format", default="html", choices=["html", "pptx"])
    export.add_argument("--from", dest="first", metavar="YYYY-MM-DD",
                        help="first day of the coded log the figures computed from it cover (default: its first)")
    export.add_argument("--to", dest="last", metavar="YYYY-MM-DD",
                        help="last day of the coded log they cover (default: its last)")
    args = parser.parse_args(argv)
    if args.command == "check":
        return run_check(args.path, args.table)
    if args.command == "export":
        return run_export(args.data, args.lang, args.format, args.out or f"briefing-{args.lang}.{args.format}",
                          (args.first, args.last))
    return 2


def no_chromium(reason: object) -> int:
    print(f"Slides need a Chromium to draw the charts and none could be started ({reason}). "
          "Install one (Debian/Ubuntu: apt-get install chromium) or set BROWSER_PATH to it; "
          "the HTML pack (--format html) works without it.")
    return 1


def log_period(pkg, first: str | None, last: str | None) -> tuple[str | None, str | None] | str:
    """--from and --to as the pack's period, ISO dates (None: the log's own first or last day), or what is
    wrong with them, in one line."""
    if first is None and last is None:
        return None, None
    chosen = {}
    for option, day in (("--from", first), ("--to", last)):
        if day is not None:
            try:
                chosen[option] = date.fromisoformat(day).isoformat()
            except ValueError:
                return f"{option} {day}: not a date; write it as YYYY-MM-DD (2021-01-08)"
    days = segments.log_days(pkg)
    if not days:
        return f"--from and --to choose days of a coded log ({segments.TABLE}), and this package has none"
    for option, day in chosen.items():
        if not days[0] <= day <= days[-1]:
            return f"{option} {day}: the log covers {days[0]} to {days[-1]}; choose a day in it"
    if len(chosen) == 2 and chosen["--from"] > chosen["--to"]:
        return f"--from {first} is after --to {last}; give the earlier day first"
    return chosen.get("--from"), chosen.get("--to")


def run_export(data: str, lang: str, kind: str, out: str, days: tuple[str | None, str | None] = (None, None)) -> int:
    if kind == "pptx" and briefing.chromium() is None:  # say so before the package is read
        chosen = os.environ.get("BROWSER_PATH")
        return no_chromium(f"BROWSER_PATH={chosen} is not a program that can be run" if chosen
                           else "no chromium, chromium-browser, google-chrome or chrome on the PATH")
    try:
        pkg = load_package(data)
    except PackageError as error:
        for problem in error.problems:
            print(problem)
        return 1
    period = log_period(pkg, *days)
    if isinstance(period, str):
        print(period)
        return 1
    period = None if period == (None, None) else period
    L = Language(lang, source_titles=source_titles(pkg.descriptor, lang, pkg.tables.get("facts")))
    try:
        content = (briefing.html_pack(pkg, L, period).encode("utf-8") if kind == "html"
                   else briefing.pptx_pack(pkg, L, period))
        Path(out).write_bytes(content)
    except briefing.NoChromium as error:
        return no_chromium(error)
    except OSError as error:
        print(f"{out}: could not be written ({error.strerror or error})")
        return 1
    print(f"Wrote {out} ({len(content) / 1e6:.1f} MB, {lang})")
    return 0


def run_check(path: str, table: str | None = None) -> int:
    try:
        file = Path(path)
        if table is None and file.is_file() and extension(file.name) in TEXT_EXTENSIONS:
            table = table_name_of(file.name, contract_tables())
            if table is None:
                print(f"{path}: the file name is not one of the tables; say which it is with --table NAME "
                      f"({', '.join(contract_tables())})")
                return 1
        if table is not None:
            if not file.is_file():
                print(f"{path}: this file does not exist")
                return 1
            if file.stat().st_size > limits.MAX_FILE_BYTES:
                print(f"{path}: the file is larger than {limits.MAX_FILE_MB} MB, the most a table may be")
                return 1
            frame = load_table(table, file.name, file.read_bytes())
            print(f"OK {path}: table {table}, {len(frame)} rows")
            return 0
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


def entry(argv: list[str] | None = None) -> int:
    """main(), with whatever it did not foresee said in one line instead of a traceback."""
    try:
        return main(argv)
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130
    except Exception as error:  # never a traceback for the user
        print(f"python -m observer: {type(error).__name__}: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(entry())
