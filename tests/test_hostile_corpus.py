"""A corpus of hostile packages, generated here in memory: each is refused with a clear problem (its
kinds are asserted) or accepted with its values as written, the same way through the library
(``load_files``), the command line (``python -m observer check``: exit 0 or 1, never a traceback) and the
upload path (``ui.load_upload``: a refused upload leaves the last good package in place). The bundled
data's files are the same before and after."""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

import ui
from observer.__main__ import main
from observer.loading import limits, load_files
from observer.problems import PackageError
from tests.loading_cases import DATA, ROOT, edit, package_files, rows, to_csv, zipped
from tests.test_exact_or_refused import LOG_PACKAGE, Formula, log_row, log_rows, xlsx

FILES = package_files()
ACCEPTED = frozenset()  # the expectation of a case that loads
ANY_TABLE_MISSING = frozenset({"table_required", "table_required_or_log"})


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[], dict[str, bytes]]
    expect: frozenset = ACCEPTED  # problem kinds the refusal may have (ACCEPTED: it loads)
    must: frozenset | None = None  # kinds it must have (None: every kind of ``expect``)
    disk: frozenset | None = None  # when read from a folder on disk (a log's caps differ); None: as expect
    check: Callable | None = None  # for an accepted case: what the package must hold
    tags: tuple = field(default=())

    def expected(self, from_disk: bool) -> tuple[frozenset, frozenset]:
        """(the kinds a refusal may have, those it must have). A file refused leaves its tables missing,
        so a required table may be reported missing besides."""
        if from_disk and self.disk is not None:
            return self.disk | ANY_TABLE_MISSING, self.disk
        if not self.expect:
            return ACCEPTED, ACCEPTED
        return self.expect | ANY_TABLE_MISSING, self.expect if self.must is None else self.must


def kinds(*names: str) -> frozenset:
    return frozenset(names)


# --- zips --------------------------------------------------------------------------------------------

def truncated_zip():
    data = zipped(FILES)
    return {"package.zip": data[: len(data) // 2]}


def nested_zip():
    return {"outer.zip": zipped({"inner.zip": zipped(FILES)})}


def traversal_zip():
    """Member names that climb out of the folder or are absolute: flattened to base names, never written."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for i, (name, data) in enumerate(FILES.items()):
            prefix = ["../", "/etc/", "..\\..\\", "C:/Windows/", "a/../../", "", "./", "//server/share/"][i % 8]
            archive.writestr(prefix + name, data)
        archive.writestr("../x.csv", b"a,b\n1,2\n")
        archive.writestr("/tmp/evil.csv", b"a,b\n1,2\n")
    return {"package.zip": out.getvalue()}


def _same_as_bundled(pkg) -> None:
    bundled = load_files(FILES)
    for name, table in bundled.tables.items():
        pd.testing.assert_frame_equal(pkg.table(name), table)


def bomb_by_ratio():
    """30 MB of zeros in a member of a few tens of KB, its header telling the truth."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("parties.csv", b"0" * (30 * limits.MB))
    assert len(out.getvalue()) < limits.MB
    return {"bomb.zip": out.getvalue()}


def bomb_lying():
    """The same, its headers declaring 10 bytes: read no further than the cap."""
    data = bytearray(bomb_by_ratio()["bomb.zip"])
    central = data.rfind(b"PK\x01\x02")
    data[central + 24:central + 28] = (10).to_bytes(4, "little")
    data[22:26] = (10).to_bytes(4, "little")
    return {"bomb.zip": bytes(data)}


def bomb_by_count():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for i in range(10_000):
            archive.writestr(f"t{i}.csv", b"")
    return {"many.zip": out.getvalue()}


# --- text ----------------------------------------------------------------------------------------------

def million_columns():
    header = "party," + ",".join(f"c{i}" for i in range(1_000_000))
    return {**FILES, "candidates.csv": (header + "\nnur_otan," + "1," * 10 + "\n").encode()}


def million_blank_columns():
    """A row padded with a million empty cells, as a spreadsheet can export: the cells are empty, so read."""
    table = rows(FILES["candidates.csv"])
    text = to_csv(table).decode().replace("\r\n", "," * 1_000_000 + "\r\n", 1)
    return {**FILES, "candidates.csv": text.encode()}


def ten_mb_line():
    notes = rows(FILES["notes.csv"])
    notes[1][notes[0].index("text_en")] = "x" * (10 * limits.MB)
    return {**FILES, "notes.csv": to_csv(notes)}


def nul_first():
    return {**FILES, "parties.csv": b"\x00" + FILES["parties.csv"]}


def nul_late():
    notes = rows(FILES["notes.csv"])
    notes[1][notes[0].index("text_en")] = "y" * 25_000
    notes[2][notes[0].index("text_ru")] = "z\x00"
    return {**FILES, "notes.csv": to_csv(notes)}


def mixed_encodings():
    lines = to_csv(rows(FILES["channels.csv"])).split(b"\r\n")
    lines[2] = lines[2].decode().encode("cp1251", "replace")
    return {**FILES, "channels.csv": b"\r\n".join(lines)}


# --- workbooks -----------------------------------------------------------------------------------------

def _as_workbook(table: str, change: Callable[[list[list]], None]) -> dict[str, bytes]:
    files = dict(FILES)
    sheet = rows(files.pop(f"{table}.csv"))
    change(sheet)
    return {**files, f"{table}.xlsx": xlsx({table: sheet})}


def formulas_saved():
    def change(sheet):
        column = sheet[0].index("candidates")
        for row in sheet[1:]:
            row[column] = Formula(f"{row[column]}+0", int(row[column]))
    return _as_workbook("candidates", change)


def _candidates_are_bundled(pkg) -> None:
    pd.testing.assert_frame_equal(pkg.table("candidates"), load_files(FILES).table("candidates"))


def formula_never_calculated():
    def change(sheet):
        sheet[1][sheet[0].index("candidates")] = Formula("1+1")
    return _as_workbook("candidates", change)


def external_link():
    def change(sheet):
        sheet[2][sheet[0].index("candidates")] = Formula("[1]Sheet1!$A$1", 12)
    return _as_workbook("candidates", change)


# --- ids, numbers, dates -----------------------------------------------------------------------------

def rtl_override_in_id():
    return edit(FILES, "parties", 2, "party", "nur\u202eotan")


def zero_width_in_id():
    return edit(FILES, "channels", 2, "channel", "khabar\u200b")


def zero_width_in_reference():
    """A reference with a zero-width space is the same name: mapped to its id, as typed elsewhere."""
    return edit(FILES, "finance", 2, "party", FILES and rows(FILES["finance.csv"])[1][0] + "\u200b")


def _finance_refers_to_its_party(pkg) -> None:
    assert pkg.table("finance")["party"].iloc[0] == rows(FILES["finance.csv"])[1][0]


def nan_value():
    return edit(FILES, "facts", 2, "value", "NaN")


def inf_value():
    return edit(FILES, "results", 2, "pct", "-inf")


def huge_finite():
    return edit(FILES, "facts", 2, "value", "1e308")


def _value_is_1e308(pkg) -> None:
    assert pkg.table("facts")["value"].iloc[0] == 1e308


def overflowing():
    return edit(FILES, "facts", 2, "value", "1e309")


def date_out_of_range():
    return edit(edit(FILES, "finance", 2, "as_of", "0001-01-01"), "facts", 3, "date", "9999-12-31")


# --- the coded log -------------------------------------------------------------------------------------

LOG_CSV_HEADER = "date,channel,party,seconds,tone\n"


@cache
def three_million_rows() -> bytes:
    return (LOG_CSV_HEADER + "2031-02-01,tv_one,x,1,neutral\n" * 3_000_000).encode()


def huge_log():
    return {**LOG_PACKAGE, "tv_segments.csv": three_million_rows()}


def _base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, rest = divmod(n, 36)
        out = digits[rest] + out
        if not n:
            return out


@cache
def many_subjects_log() -> bytes:
    lines = [f"2031-02-{1 + i % 28:02d},tv_one,s{_base36(i)},1,neutral\n" for i in range(500_000)]
    data = (LOG_CSV_HEADER + "".join(lines)).encode()
    assert len(data) < limits.MAX_FILE_BYTES  # an upload may carry it
    return data


def many_subjects():
    return {**LOG_PACKAGE, "tv_segments.csv": many_subjects_log()}


def _every_subject_kept(pkg) -> None:
    log = pkg.table("tv_segments")
    assert len(log) == 500_000 and log["party"].nunique() == 500_000


def log_dates_out_of_range():
    return {**LOG_PACKAGE, "tv_segments.csv": log_rows([log_row("0001-01-01"), log_row("9999-12-31"), log_row()])}


def log_nan_seconds():
    return {**LOG_PACKAGE, "tv_segments.csv": log_rows([log_row().replace(",60,", ",nan,"),
                                                        log_row().replace(",60,", ",1e309,")])}


CASES = [
    Case("truncated zip", truncated_zip, kinds("zip_unreadable")),
    Case("nested zip", nested_zip, kinds("zip_in_zip")),
    Case("path traversal names", traversal_zip, check=_same_as_bundled),
    Case("zip bomb by ratio", bomb_by_ratio, kinds("zip_member_too_large")),
    Case("zip bomb with lying headers", bomb_lying, kinds("zip_member_unreadable", "zip_member_unpacks_too_large"),
         must=frozenset({"zip_member_unreadable"})),
    Case("zip bomb by count", bomb_by_count, kinds("zip_too_many_files")),
    Case("a million columns", million_columns, kinds("too_many_columns")),
    Case("a million empty cells", million_blank_columns, check=_candidates_are_bundled),
    Case("a 10 MB line", ten_mb_line, kinds("csv_unsplittable", "cell_too_long"), must=frozenset()),
    Case("NUL bytes first", nul_first, kinds("binary_data")),
    Case("NUL bytes past 20 KB", nul_late, kinds("control_character")),
    Case("mixed encodings in one file", mixed_encodings, kinds("encoding_mixed")),
    Case("formulas with saved results", formulas_saved, check=_candidates_are_bundled),
    Case("a formula never calculated", formula_never_calculated, kinds("formula_not_saved")),
    Case("an external link", external_link, kinds("formula_external")),
    Case("RTL override in an id", rtl_override_in_id, kinds("pattern_id") | {"foreign_key"}, must=kinds("pattern_id")),
    Case("zero-width space in an id", zero_width_in_id, kinds("pattern_id") | {"foreign_key"},
         must=kinds("pattern_id")),
    Case("zero-width space in a reference", zero_width_in_reference, check=_finance_refers_to_its_party),
    Case("NaN", nan_value, kinds("type_number")),
    Case("minus infinity", inf_value, kinds("type_number")),
    Case("1e308", huge_finite, check=_value_is_1e308),
    Case("1e309", overflowing, kinds("number_not_finite")),
    Case("dates out of range", date_out_of_range, kinds("date_out_of_range")),
    Case("log dates out of range", log_dates_out_of_range, kinds("date_out_of_range")),
    Case("log seconds NaN and 1e309", log_nan_seconds, kinds("type_number")),
    Case("a log of 3 million rows", huge_log, kinds("file_too_large"), disk=kinds("log_too_many_rows")),
    Case("a log of 500,000 subjects", many_subjects, check=_every_subject_kept),
]
IDS = [c.name for c in CASES]


def checksums(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture(scope="module", autouse=True)
def bundled_data_unchanged():
    before = checksums(DATA)
    yield
    assert checksums(DATA) == before, "the corpus changed the bundled data's files"


def assert_outcome(case: Case, outcome, from_disk: bool = False) -> None:
    expect, must = case.expected(from_disk)
    if not expect:
        assert not isinstance(outcome, PackageError), [str(p) for p in outcome.problems]
        if case.check is not None:
            case.check(outcome)
        return
    assert isinstance(outcome, PackageError), f"{case.name} was accepted"
    found = {p.kind for p in outcome.problems}
    assert found <= expect and must <= found and found, (case.name, [str(p) for p in outcome.problems])
    for found_problem in outcome.problems:
        assert found_problem.file and found_problem.message and found_problem.fix


def _load(files: dict[str, bytes], **kw):
    try:
        return load_files(files, **kw)
    except PackageError as error:
        return error


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_library(case):
    assert_outcome(case, _load(case.build()))


def _on_disk(files: dict[str, bytes], folder: Path) -> Path:
    """The files as a user gives them to the command line: one .zip as itself, else a folder."""
    folder.mkdir()
    if len(files) == 1 and next(iter(files)).endswith(".zip"):
        (name, data), = files.items()
        (folder / name).write_bytes(data)
        return folder / name
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_command_line(case, tmp_path, capsys, monkeypatch):
    path = _on_disk(case.build(), tmp_path / "package")
    monkeypatch.chdir(tmp_path)
    code = main(["check", str(path)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "could not be read" not in out
    expect, _ = case.expected(from_disk=path.is_dir())
    assert code == (1 if expect else 0), out
    if expect:
        assert any(line.startswith(("package", str(path), "/")) or ".csv" in line or ".zip" in line or ".xlsx" in line
                   for line in out.splitlines()), out
    else:
        assert out.startswith("OK ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["package"]  # nothing written beside it (../x.csv)


@pytest.fixture(scope="module")
def good_state():
    state = {}
    assert ui.load_upload(dict(FILES), state) == []
    return state


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_upload_path(case, good_state):
    state = dict(good_state)
    good = state[ui.UPLOADED_PACKAGE]
    files = case.build()
    problems = ui.load_upload(files, state)
    expect, must = case.expected(from_disk=False)
    if expect:
        assert problems and {p.kind for p in problems} <= expect and must <= {p.kind for p in problems}
        assert state[ui.UPLOADED_PACKAGE] is good, "a refused upload keeps the last good package"
        assert state[ui.UPLOAD_PROBLEMS] == problems
    else:
        assert problems == []
        assert state[ui.UPLOADED_PACKAGE] is not good
        if case.check is not None:
            case.check(state[ui.UPLOADED_PACKAGE])


def test_from_disk_a_log_has_its_own_caps():
    case = next(c for c in CASES if c.disk is not None)
    assert_outcome(case, _load(case.build(), from_disk=True), from_disk=True)


@pytest.mark.parametrize("case", [c for c in CASES if c.name in ("truncated zip", "path traversal names",
                                                                  "NUL bytes past 20 KB", "1e309")],
                         ids=lambda c: c.name)
def test_python_m_observer_check(case, tmp_path):
    """The real command, in its own process, for a few of them: exit 0 or 1 and no traceback."""
    path = _on_disk(case.build(), tmp_path / "package")
    done = subprocess.run([sys.executable, "-m", "observer", "check", str(path)], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert done.returncode == (1 if case.expect else 0), done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
