"""Everything that must be refused: each case raises PackageError (nothing else, no half package) with a
Problem naming the file, row and column and the kind of problem (observer.problem_kinds), whatever
language its message is read in."""

import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from observer import PackageError, load_package
from observer.loading import gather, limits, load_files, load_table
from tests.loading_cases import SYNTHETIC, edit, package_files, rows, to_csv, typed, workbook, zipped

FILES = package_files()
REQUIRED = package_files(tables=["parties", "channels", "tv_coverage"])  # smaller: property tests load it often


def problems_of(files) -> list:
    with pytest.raises(PackageError) as error:
        load_files(files)
    assert error.value.problems, "a PackageError always lists its problems"
    return error.value.problems


def has(problems, file=None, row=None, column=None, kind=None, value=None, **params):
    """The first problem with these file, row, column, kind, value and parameters (any, where not given)."""
    matches = [p for p in problems
               if (file is None or p.file == file) and (row is None or p.row == row)
               and (column is None or p.column == column) and (kind is None or p.kind == kind)
               and (value is None or p.value == value) and all(p.params.get(k) == v for k, v in params.items())]
    assert matches, "\n".join(f"{p.kind} {p.params}: {p}" for p in problems)
    return matches[0]


def without(table: str) -> dict:
    """The package without one table's CSV file."""
    return {k: v for k, v in FILES.items() if k != f"{table}.csv"}


# --- tables and cells ------------------------------------------------------------------------------

@pytest.mark.parametrize("table, kind", [("parties", "table_required"), ("channels", "table_required"),
                                         ("tv_coverage", "table_required_or_log")])
def test_missing_required_table(table, kind):
    has(problems_of(without(table)), file=f"{table}.csv", kind=kind, table=table)


def test_missing_table_with_misspelt_file_says_which_file_was_not_read():
    files = dict(FILES)
    files["partys.csv"] = files.pop("parties.csv")
    found = problems_of(files)
    has(found, file="parties.csv", kind="table_required")
    has(found, file="partys.csv", kind="file_not_a_table")


CELL_CASES = [
    # table, row, column, value typed, kind of problem
    ("tv_coverage", 2, "share_pct", "abc", "type_number"),
    ("tv_coverage", 3, "share_pct", "120", "constraint_maximum"),
    ("tv_coverage", 3, "share_pct", "-1", "constraint_minimum"),
    ("tv_coverage", 4, "share_pct", "", "constraint_required"),
    ("tv_coverage", 5, "measure", "news", "constraint_enum"),
    ("tv_coverage", 6, "party", "nobody", "foreign_key"),
    ("tv_coverage", 7, "channel", "cnn", "foreign_key"),
    ("tv_coverage", 8, "share_pct", "nan", "type_number"),
    ("tv_coverage", 8, "share_pct", "inf", "type_number"),
    ("tv_coverage", 9, "share_pct", "=1+2", "type_number"),
    ("finance", 2, "raised_kzt", "12.5", "type_integer"),
    ("finance", 3, "spent_kzt", "-5", "constraint_minimum"),
    ("finance", 4, "as_of", "2020-13-45", "type_date"),
    ("finance", 5, "as_of", "yesterday", "type_date"),
    ("finance", 6, "party", "ghost", "foreign_key"),
    ("candidates", 2, "candidates", "many", "type_integer"),
    ("candidates", 3, "candidates", "1 2", "type_integer"),
    ("results", 2, "pct", "101", "constraint_maximum"),
    ("results", 3, "votes", "7,5", "type_integer"),
    ("results", 4, "seats", "-1", "constraint_minimum"),
    ("parties", 2, "color", "red", "pattern_color"),
    ("parties", 3, "party", "Nur Otan!", "pattern_id"),
    ("parties", 4, "party", "<script>alert(1)</script>", "pattern_id"),
    ("candidates", 5, "candidates", "", "constraint_required"),
    ("channels", 2, "broadcasts_news", "maybe", "type_boolean"),
    ("channels", 3, "channel", "", "constraint_required"),
    ("facts", 2, "unit", "dollars", "pattern_unit"),
    ("facts", 3, "value", "-4", "constraint_minimum"),
    ("facts", 4, "fact", "Bad Id", "pattern_id"),
    ("notes", 2, "page", "elsewhere", "constraint_enum"),
]


REFERENCED = {"party": "parties.csv", "channel": "channels.csv"}  # where a foreign key's value must be listed


@pytest.mark.parametrize("table, row, column, value, kind", CELL_CASES)
def test_wrong_cell(table, row, column, value, kind):
    found = problems_of(edit(FILES, table, row, column, value))
    p = has(found, file=f"{table}.csv", row=row, column=column, kind=kind)
    if kind == "foreign_key":
        assert p.params == {"table_file": REFERENCED[column]}


def test_value_is_reported_as_typed_not_as_normalised():
    found = problems_of(edit(FILES, "tv_coverage", 3, "share_pct", "128,5%"))
    has(found, file="tv_coverage.csv", row=3, column="share_pct", kind="constraint_maximum", value="128,5%",
        maximum=100)


def test_ambiguous_thousands_comma_in_a_number_column():
    table = rows(FILES["results.csv"])
    for row in table[1:]:
        row[2] = row[2].split(".")[0]  # whole per cents: nothing in the column says which mark is decimal
    table[1][2] = "1,234"
    found = problems_of({**FILES, "results.csv": to_csv(table)})
    has(found, file="results.csv", row=2, column="pct", kind="number_ambiguous", value="1,234")


def test_shares_that_do_not_add_up():
    found = problems_of(edit(FILES, "tv_coverage", 2, "share_pct", "40"))
    has(found, file="tv_coverage.csv", row=2, column="share_pct", kind="shares_total")


def test_duplicate_key():
    table = rows(FILES["parties.csv"])
    table.append(list(table[1]))
    found = problems_of({**FILES, "parties.csv": to_csv(table)})
    has(found, file="parties.csv", row=len(table), kind="duplicate_key")


def test_duplicate_composite_key_in_tv_coverage():
    table = rows(FILES["tv_coverage.csv"])
    table.append(list(table[1]))
    has(problems_of({**FILES, "tv_coverage.csv": to_csv(table)}), file="tv_coverage.csv", row=len(table),
        kind="duplicate_key")


def test_fact_with_unit_date_but_no_date():
    found = problems_of(edit(FILES, "facts", 2, "date", ""))
    has(found, file="facts.csv", row=2, column="date", kind="fact_no_date")


def test_a_name_shared_by_two_parties_is_not_guessed():
    parties = rows(FILES["parties.csv"])
    parties[2][4] = parties[1][4]  # two parties with the same short name
    files = {**FILES, "parties.csv": to_csv(parties)}
    files = edit(files, "tv_coverage", 2, "party", parties[1][4])
    has(problems_of(files), file="tv_coverage.csv", row=2, column="party", kind="foreign_key", value=parties[1][4])


def test_all_problems_at_once():
    files = edit(FILES, "tv_coverage", 2, "share_pct", "abc")
    files = edit(files, "finance", 3, "raised_kzt", "lots")
    files.pop("channels.csv")
    found = problems_of(files)
    has(found, file="tv_coverage.csv", row=2, kind="type_number")
    has(found, file="finance.csv", row=3, kind="type_integer")
    has(found, file="channels.csv", kind="table_required")


# --- headers and shape -----------------------------------------------------------------------------

def test_misspelt_column():
    """A column one or two edits from a schema column the header lacks is a misspelling, not a column of
    its own: 'did you mean candidates'."""
    table = rows(FILES["candidates.csv"])
    table[0][1] = "candidats"
    found = problems_of({**FILES, "candidates.csv": to_csv(table)})
    has(found, file="candidates.csv", row=1, column="candidats", kind="column_misspelt", table="candidates",
        suggestion="candidates")
    has(found, file="candidates.csv", row=1, column="candidates", kind="column_missing")


def test_unknown_column_is_kept_but_the_required_one_still_missing():
    table = rows(FILES["candidates.csv"])
    table[0][1] = "candidate_count"
    found = problems_of({**FILES, "candidates.csv": to_csv(table)})
    assert [(p.column, p.kind) for p in found] == [("candidates", "column_missing")]


def test_missing_required_column_reported_once_not_per_row():
    table = [r[:3] + r[4:] for r in rows(FILES["tv_coverage.csv"])]  # no share_pct
    found = problems_of({**FILES, "tv_coverage.csv": to_csv(table)})
    assert len([p for p in found if p.column == "share_pct"]) == 1
    has(found, file="tv_coverage.csv", row=1, column="share_pct", kind="column_missing")


def test_duplicate_column():
    table = [r + [r[0]] for r in rows(FILES["results.csv"])]
    table[0][-1] = "Party"
    has(problems_of({**FILES, "results.csv": to_csv(table)}), file="results.csv", column="party",
        kind="column_twice", value="Party")


def test_data_in_a_column_without_name():
    table = [r + ["x"] for r in rows(FILES["results.csv"])]
    table[0][-1] = ""
    has(problems_of({**FILES, "results.csv": to_csv(table)}), file="results.csv", row=1, kind="column_unnamed",
        number=len(table[0]), letter="ABCDEFGHIJ"[len(table[0]) - 1])


def test_row_with_extra_cells():
    table = rows(FILES["results.csv"])
    table[2] = table[2] + ["surplus"]
    has(problems_of({**FILES, "results.csv": to_csv(table)}), file="results.csv", row=3, kind="row_too_many_cells",
        value="surplus")


def test_row_with_missing_cells():
    table = rows(FILES["results.csv"])
    table[2] = table[2][:2]
    has(problems_of({**FILES, "results.csv": to_csv(table)}), file="results.csv", row=3, column="pct",
        kind="constraint_required")


def test_header_only():
    has(problems_of({**FILES, "results.csv": FILES["results.csv"].split(b"\n")[0] + b"\n"}),
        file="results.csv", row=1, kind="table_no_rows", table="results")


def test_unclosed_quote_does_not_crash():
    data = FILES["results.csv"] + b'ak_zhol,"5,1,1,x\n'
    # The quote runs to the end of the file: one cell "5,1,1,x", the rest of the row missing.
    has(problems_of({**FILES, "results.csv": data}), file="results.csv", row=7, column="votes", kind="type_integer")


def test_cell_longer_than_any_table_needs():
    data = FILES["notes.csv"] + b'x,tv,"' + b"a" * 200_000 + b'",b,c,d,e\n'
    has(problems_of({**FILES, "notes.csv": data}), file="notes.csv", row=len(rows(FILES["notes.csv"])) + 1,
        kind="cell_too_long", limit=limits.MAX_CELL_CHARS)


def test_too_many_rows():
    header = b"party,candidates,source,quote_kk\n"
    data = header + b"nur_otan,1,s,q\n" * (limits.MAX_ROWS + 1)
    has(problems_of({**FILES, "candidates.csv": data}), file="candidates.csv", kind="too_many_rows",
        limit=limits.MAX_ROWS)


@pytest.mark.parametrize("columns", [limits.MAX_COLUMNS + 1, 1_000_000])
def test_too_many_columns(columns):
    header = ",".join(["party"] + [f"c{i}" for i in range(columns - 1)])
    data = (header + "\n" + ",".join(["x"] * columns) + "\n").encode()
    has(problems_of({**FILES, "results.csv": data}), file="results.csv", row=1, kind="too_many_columns",
        limit=limits.MAX_COLUMNS)


# --- bytes that are not a table --------------------------------------------------------------------

@pytest.mark.parametrize("data, kind, params", [
    (b"", "file_empty", {}),
    (b"   \r\n\r\n  ", "file_empty", {}),
    (b"\xef\xbb\xbf", "file_empty", {}),
    (b"\xff\xfe", "file_empty", {}),
    (bytes(range(256)) * 40, "binary_data", {}),
    (b"\x00\x01\x02\x03" * 500, "binary_data", {}),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "binary_image", {}),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "binary_pdf", {}),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, "binary_xls", {"extension": ".xls"}),
    (b"PK\x03\x04" + b"\x00" * 100, "binary_zip", {}),
    (b"\xef\xbb\xbfparty,name_en\n\xff\xfe\xfa,x\n", "encoding_invalid", {"encoding": "UTF-8", "byte": 14}),
    (b"\xff\xfe" + "party,x\n".encode("utf-16-le") + b"\x00", "encoding_invalid", {"encoding": "UTF-16"}),
])
def test_junk_instead_of_a_table(data, kind, params):
    has(problems_of({**FILES, "parties.csv": data}), file="parties.csv", kind=kind, **params)


def test_html_and_script_in_names_are_kept_as_text():
    """Not refused: a name is text, shown as text. The dashboard never renders it as HTML."""
    files = edit(FILES, "parties", 2, "name_en", "<img src=x onerror=alert(1)><b>Nur</b>")
    pkg = load_files(files)
    assert pkg.table("parties")["name_en"].iloc[0] == "<img src=x onerror=alert(1)><b>Nur</b>"


def test_formula_text_in_a_csv_cell_is_kept_and_defused_on_export():
    from observer.export import csv_bytes

    pkg = load_files(edit(FILES, "parties", 2, "name_en", "=HYPERLINK(\"http://x\")"))
    assert pkg.table("parties")["name_en"].iloc[0].startswith("=")
    assert b"'=HYPERLINK" in csv_bytes(pkg.table("parties"))


# --- size caps, zips -------------------------------------------------------------------------------

def test_oversized_upload():
    has(problems_of({**FILES, "tv_coverage.csv": b"a" * (limits.MAX_FILE_BYTES + 1)}), file="tv_coverage.csv",
        kind="file_too_large", size=20.0, limit=limits.MAX_FILE_MB)


def test_oversized_file_in_a_folder_is_not_read(tmp_path):
    for name, data in FILES.items():
        (tmp_path / name).write_bytes(data)
    with (tmp_path / "facts.csv").open("wb") as file:
        file.truncate(100 * limits.MB)  # sparse: 100 MB on paper, nothing to read
    with pytest.raises(PackageError) as error:
        load_package(tmp_path)
    has(error.value.problems, file="facts.csv", kind="file_too_large", size=100.0)


def test_oversized_zip_file(tmp_path):
    file = tmp_path / "big.zip"
    with file.open("wb") as handle:
        handle.truncate(100 * limits.MB)
    with pytest.raises(PackageError) as error:
        load_package(file)
    has(error.value.problems, file="big.zip", kind="file_too_large", size=100.0)


def bomb(member_mb: int, members: int = 1) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for i in range(members):
            archive.writestr(f"t{i}.csv", b"0" * (member_mb * limits.MB))
    return out.getvalue()


def test_zip_bomb_member_too_large():
    data = bomb(limits.MAX_FILE_MB + 5)
    assert len(data) < limits.MB  # small on disk, large when unpacked
    has(problems_of({"bomb.zip": data}), file="t0.csv", kind="zip_member_too_large", size=limits.MAX_FILE_MB + 5)


def test_zip_bomb_total_too_large():
    has(problems_of({"bomb.zip": bomb(15, members=5)}), file="bomb.zip", kind="zip_too_large", size=75)


def test_zip_with_lying_size_headers_is_refused():
    """Headers that declare a tiny size: the member is never taken for the tiny file it claims to be."""
    data = bytearray(zipped({"parties.csv": b"0" * (limits.MAX_FILE_BYTES + 10)}))
    # Forge the sizes the headers declare (local header and central directory) to look tiny.
    central = data.rfind(b"PK\x01\x02")
    data[central + 24:central + 28] = (10).to_bytes(4, "little")
    data[22:26] = (10).to_bytes(4, "little")
    has(problems_of({"liar.zip": bytes(data)}), file="liar.zip", kind="zip_member_unreadable", value="parties.csv")


class Endless(io.RawIOBase):
    """A member that unpacks to far more than its header declares (up to ``size`` bytes), counting what is read."""

    def __init__(self, size: int):
        self.left, self.read_bytes = size, 0

    def readable(self):
        return True

    def readinto(self, buffer):
        n = min(len(buffer), self.left)
        buffer[:n] = b"0" * n
        self.left -= n
        self.read_bytes += n
        return n


def test_zip_member_unpacking_past_the_cap_is_read_no_further(monkeypatch):
    """Whatever the headers declare, a member is read up to the cap and one byte, then refused."""
    data = zipped({"parties.csv": b"party\n"})
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1000)
    member = Endless(100 * 1000)
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda self, info, *args, **kwargs: io.BufferedReader(member))
    has(problems_of({"liar.zip": data}), file="parties.csv",
        kind="zip_member_unpacks_too_large", value="parties.csv", limit=limits.MAX_FILE_MB)
    assert member.read_bytes <= 1000 + io.DEFAULT_BUFFER_SIZE


def test_zip_with_too_many_members():
    files = {f"extra{i}.csv": b"a,b\n1,2\n" for i in range(limits.MAX_FILES + 1)}
    has(problems_of({"many.zip": zipped(files)}), file="many.zip", kind="zip_too_many_files",
        count=limits.MAX_FILES + 1)


def test_too_many_uploaded_files():
    files = {f"extra{i}.csv": b"a,b\n1,2\n" for i in range(limits.MAX_FILES + 1)}
    has(problems_of(files), file=gather.UPLOADED, kind="too_many_files", count=limits.MAX_FILES + 1)


def test_corrupt_zip():
    data = zipped(FILES)
    has(problems_of({"broken.zip": data[: len(data) // 2]}), file="broken.zip", kind="zip_unreadable")


def test_encrypted_zip_member():
    data = bytearray(zipped({"parties.csv": FILES["parties.csv"]}))
    # zipfile cannot encrypt: set the "encrypted" flag in the local and central headers by hand.
    data[6] |= 0x1
    central = data.rfind(b"PK\x01\x02")
    data[central + 8] |= 0x1
    has(problems_of({"secret.zip": bytes(data)}), file="secret.zip", kind="zip_member_encrypted", value="parties.csv")


def test_zip_inside_a_zip():
    inner = zipped(FILES)
    has(problems_of({"outer.zip": zipped({"inner.zip": inner})}), file="inner.zip", kind="zip_in_zip")


def test_same_table_twice():
    files = {**FILES, "parties.xlsx": workbook({"parties": typed(rows(FILES["parties.csv"]))})}
    has(problems_of(files), file="parties.xlsx", kind="table_twice", table="parties", other="parties.csv")


# --- datapackage.json ------------------------------------------------------------------------------

def test_invalid_json_descriptor():
    has(problems_of({**FILES, "datapackage.json": b'{"title": "x",\n "resources": [}'}),
        file="datapackage.json", row=2, kind="descriptor_not_json")


def test_descriptor_that_is_not_an_object():
    has(problems_of({**FILES, "datapackage.json": b"[1, 2]"}), file="datapackage.json", column="resources",
        kind="descriptor_no_resources")


def test_descriptor_that_renames_a_field():
    import json

    descriptor = json.loads((SYNTHETIC.parent.parent.parent / "data" / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"][2]["schema"]["fields"][3]["name"] = "share"
    found = problems_of({**FILES, "datapackage.json": json.dumps(descriptor).encode()})
    has(found, file="datapackage.json", column="resources/tv_coverage/schema", kind="schema_differs",
        expected="share_pct", unexpected="share")


def test_descriptor_not_utf8():
    has(problems_of({**FILES, "datapackage.json": b'{"title": "\xff"}'}), file="datapackage.json",
        kind="descriptor_not_utf8")


# --- xlsx ------------------------------------------------------------------------------------------

def in_workbook(table: str, file: str, sheet_rows: list) -> dict:
    """The package with one table's CSV replaced by a workbook `file` holding it as a sheet."""
    files = without(table)
    files[file] = workbook({table: sheet_rows})
    return files


def test_workbook_formula_never_calculated():
    candidates = typed(rows(FILES["candidates.csv"]))
    candidates[2][1] = "=SUM(B2:B2)"
    files = in_workbook("candidates", "candidates.xlsx", candidates)
    has(problems_of(files), file="candidates.xlsx", row=3, column="candidates", kind="formula_not_saved")


def test_workbook_without_matching_sheets():
    files = without("parties")
    files["election.xlsx"] = workbook({"Sheet1": [["a"]], "Summary": [["b"]]})
    found = problems_of(files)
    has(found, file="election.xlsx", kind="no_sheet_named")
    has(found, file="parties.csv", kind="table_required")


def test_workbook_that_is_junk():
    has(problems_of({**FILES, "book.xlsx": b"not a workbook at all"}), file="book.xlsx", kind="xlsx_unreadable")


def test_workbook_with_too_many_columns():
    table = typed(rows(FILES["results.csv"]))
    table[1] = table[1] + [None] * 200 + ["far away"]
    files = in_workbook("results", "results.xlsx", table)
    has(problems_of(files), file="results.xlsx", row=2, kind="sheet_too_many_columns", limit=limits.MAX_COLUMNS)


def test_workbook_sheet_with_wrong_values_reports_sheet_and_row():
    table = typed(rows(FILES["tv_coverage.csv"]))
    table[4][3] = "lots"
    files = in_workbook("tv_coverage", "election.xlsx", table)
    has(problems_of(files), file="election.xlsx [tv_coverage]", row=5, column="share_pct", kind="type_number",
        value="lots")


# --- one table on its own --------------------------------------------------------------------------

def test_load_table_reports_problems():
    with pytest.raises(PackageError) as error:
        load_table("tv_coverage", "tv.csv", edit(FILES, "tv_coverage", 2, "share_pct", "x")["tv_coverage.csv"])
    has(error.value.problems, file="tv.csv", row=2, column="share_pct", kind="type_number", value="x")


def test_load_table_unknown_table():
    with pytest.raises(PackageError) as error:
        load_table("weather", "w.csv", b"a\n1\n")
    has(error.value.problems, file="w.csv", kind="table_not_in_contract", value="weather", table="weather")


def test_folder_that_does_not_exist(tmp_path):
    with pytest.raises(PackageError) as error:
        load_package(tmp_path / "nowhere")
    has(error.value.problems, file=str(tmp_path / "nowhere"), kind="folder_missing")


# --- properties: nothing but PackageError, whatever the bytes --------------------------------------

def load_or_refuse(files):
    try:
        return load_files(files)
    except PackageError as error:
        assert error.problems and all(p.message and p.fix for p in error.problems)
        return None


FAST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.binary(max_size=2000))
def test_random_bytes_as_a_table(data):
    assert load_or_refuse({**REQUIRED, "tv_coverage.csv": data}) is None  # no random bytes are a table of shares


@FAST
@given(st.binary(max_size=2000), st.sampled_from(["x.zip", "x.xlsx", "datapackage.json", "parties.csv"]))
def test_random_bytes_as_any_kind_of_file(data, name):
    load_or_refuse({**REQUIRED, name: data})


CSV_TEXT = st.lists(st.lists(st.text(alphabet=st.sampled_from(list('ab,;\t"\n\r 1.2%«»é\u00a0x=<')), max_size=8),
                             max_size=8), max_size=8)


@FAST
@given(CSV_TEXT, st.sampled_from(["utf-8", "utf-16", "cp1251"]))
def test_random_csv_text(table, encoding):
    text = "\n".join(",".join(row) for row in table)
    load_or_refuse({**REQUIRED, "results.csv": text.encode(encoding, "replace")})


@FAST
@given(st.lists(st.text(max_size=12), min_size=1, max_size=6), st.lists(st.text(max_size=12), max_size=6))
def test_random_header_and_row(header, row):
    out = io.StringIO()
    import csv as _csv
    _csv.writer(out).writerows([header, row])
    load_or_refuse({**REQUIRED, "candidates.csv": out.getvalue().encode("utf-8")})


@FAST
@given(st.text(max_size=40))
def test_random_party_reference(reference):
    load_or_refuse(edit(REQUIRED, "tv_coverage", 2, "party", reference))


@FAST
@given(st.text(max_size=20), st.sampled_from(["share_pct", "measure", "channel"]))
def test_random_cell_in_tv_coverage(value, column):
    load_or_refuse(edit(REQUIRED, "tv_coverage", 3, column, value))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.text(min_size=1, max_size=20), st.binary(max_size=300), max_size=5))
def test_random_uploads(files):
    load_or_refuse(files)
