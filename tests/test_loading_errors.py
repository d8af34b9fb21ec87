"""Everything that must be refused: each case raises PackageError (nothing else, no half package) with a
Problem naming the file, row and column and saying what is wrong."""

import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from observer import PackageError, load_package
from observer.loading import limits as reading
from observer.loading import load_files, load_table
from tests.loading_cases import SYNTHETIC, edit, package_files, rows, to_csv, typed, workbook, zipped

FILES = package_files()
REQUIRED = package_files(tables=["parties", "channels", "tv_coverage"])  # smaller: property tests load it often


def problems_of(files) -> list:
    with pytest.raises(PackageError) as error:
        load_files(files)
    assert error.value.problems, "a PackageError always lists its problems"
    return error.value.problems


def has(problems, file=None, row=None, column=None, word="", value=None):
    matches = [p for p in problems
               if (file is None or p.file == file) and (row is None or p.row == row)
               and (column is None or p.column == column) and word.lower() in (p.message + " " + p.fix).lower()
               and (value is None or p.value == value)]
    assert matches, "\n".join(map(str, problems))
    return matches[0]


def without(table: str) -> dict:
    """The package without one table's CSV file."""
    return {k: v for k, v in FILES.items() if k != f"{table}.csv"}


# --- tables and cells ------------------------------------------------------------------------------

@pytest.mark.parametrize("table", ["parties", "channels", "tv_coverage"])
def test_missing_required_table(table):
    has(problems_of(without(table)), file=f"{table}.csv", word="required")


def test_missing_table_with_misspelt_file_says_which_file_was_not_read():
    files = dict(FILES)
    files["partys.csv"] = files.pop("parties.csv")
    found = problems_of(files)
    has(found, file="parties.csv", word="required")
    has(found, file="partys.csv", word="not one of the tables")


CELL_CASES = [
    # table, row, column, value typed, word of the message
    ("tv_coverage", 2, "share_pct", "abc", "not a number"),
    ("tv_coverage", 3, "share_pct", "120", "maximum"),
    ("tv_coverage", 3, "share_pct", "-1", "minimum"),
    ("tv_coverage", 4, "share_pct", "", "required"),
    ("tv_coverage", 5, "measure", "news", "not one of"),
    ("tv_coverage", 6, "party", "nobody", "not listed in parties.csv"),
    ("tv_coverage", 7, "channel", "cnn", "not listed in channels.csv"),
    ("tv_coverage", 8, "share_pct", "nan", "not a number"),
    ("tv_coverage", 8, "share_pct", "inf", "not a number"),
    ("tv_coverage", 9, "share_pct", "=1+2", "not a number"),
    ("finance", 2, "raised_kzt", "12.5", "whole number"),
    ("finance", 3, "spent_kzt", "-5", "minimum"),
    ("finance", 4, "as_of", "2020-13-45", "date"),
    ("finance", 5, "as_of", "yesterday", "date"),
    ("finance", 6, "party", "ghost", "not listed in parties.csv"),
    ("candidates", 2, "candidates", "many", "whole number"),
    ("candidates", 3, "candidates", "1 2", "whole number"),
    ("results", 2, "pct", "101", "maximum"),
    ("results", 3, "votes", "7,5", "whole number"),
    ("results", 4, "seats", "-1", "minimum"),
    ("parties", 2, "color", "red", "form"),
    ("parties", 3, "party", "Nur Otan!", "form"),
    ("parties", 4, "party", "<script>alert(1)</script>", "form"),
    ("parties", 5, "name_en", "", "required"),
    ("channels", 2, "broadcasts_news", "maybe", "true or false"),
    ("channels", 3, "channel", "", "required"),
    ("facts", 2, "unit", "dollars", "not one of"),
    ("facts", 3, "value", "-4", "minimum"),
    ("facts", 4, "fact", "Bad Id", "form"),
    ("notes", 2, "page", "elsewhere", "not one of"),
]


@pytest.mark.parametrize("table, row, column, value, word", CELL_CASES)
def test_wrong_cell(table, row, column, value, word):
    found = problems_of(edit(FILES, table, row, column, value))
    has(found, file=f"{table}.csv", row=row, column=column, word=word)


def test_value_is_reported_as_typed_not_as_normalised():
    found = problems_of(edit(FILES, "tv_coverage", 3, "share_pct", "128,5%"))
    has(found, file="tv_coverage.csv", row=3, column="share_pct", word="maximum", value="128,5%")


def test_ambiguous_thousands_comma_in_a_number_column():
    table = rows(FILES["results.csv"])
    for row in table[1:]:
        row[2] = row[2].split(".")[0]  # whole per cents: nothing in the column says which mark is decimal
    table[1][2] = "1,234"
    found = problems_of({**FILES, "results.csv": to_csv(table)})
    has(found, file="results.csv", row=2, column="pct", word="ambiguous")


def test_shares_that_do_not_add_up():
    found = problems_of(edit(FILES, "tv_coverage", 2, "share_pct", "40"))
    has(found, file="tv_coverage.csv", row=2, column="share_pct", word="add up")


def test_duplicate_key():
    table = rows(FILES["parties.csv"])
    table.append(list(table[1]))
    found = problems_of({**FILES, "parties.csv": to_csv(table)})
    has(found, file="parties.csv", row=len(table), word="more than once")


def test_duplicate_composite_key_in_tv_coverage():
    table = rows(FILES["tv_coverage.csv"])
    table.append(list(table[1]))
    has(problems_of({**FILES, "tv_coverage.csv": to_csv(table)}), file="tv_coverage.csv", word="more than once")


def test_fact_with_unit_date_but_no_date():
    found = problems_of(edit(FILES, "facts", 2, "date", ""))
    has(found, file="facts.csv", row=2, column="date", word="no date")


def test_a_name_shared_by_two_parties_is_not_guessed():
    parties = rows(FILES["parties.csv"])
    parties[2][4] = parties[1][4]  # two parties with the same short name
    files = {**FILES, "parties.csv": to_csv(parties)}
    files = edit(files, "tv_coverage", 2, "party", parties[1][4])
    has(problems_of(files), file="tv_coverage.csv", row=2, column="party", word="not listed")


def test_all_problems_at_once():
    files = edit(FILES, "tv_coverage", 2, "share_pct", "abc")
    files = edit(files, "finance", 3, "raised_kzt", "lots")
    files.pop("channels.csv")
    found = problems_of(files)
    has(found, file="tv_coverage.csv", row=2, word="number")
    has(found, file="finance.csv", row=3, word="whole number")
    has(found, file="channels.csv", word="required")


# --- headers and shape -----------------------------------------------------------------------------

def test_unknown_column():
    table = rows(FILES["candidates.csv"])
    table[0][1] = "candidate_count"
    found = problems_of({**FILES, "candidates.csv": to_csv(table)})
    has(found, file="candidates.csv", row=1, column="candidate_count", word="not in the schema")
    has(found, file="candidates.csv", row=1, column="candidates", word="lacks the column")


def test_missing_required_column_reported_once_not_per_row():
    table = [r[:3] + r[4:] for r in rows(FILES["tv_coverage.csv"])]  # no share_pct
    found = problems_of({**FILES, "tv_coverage.csv": to_csv(table)})
    assert len([p for p in found if p.column == "share_pct"]) == 1
    has(found, file="tv_coverage.csv", row=1, column="share_pct", word="lacks")


def test_duplicate_column():
    table = [r + [r[0]] for r in rows(FILES["results.csv"])]
    table[0][-1] = "Party"
    has(problems_of({**FILES, "results.csv": to_csv(table)}), file="results.csv", column="party", word="twice")


def test_data_in_a_column_without_name():
    table = [r + ["x"] for r in rows(FILES["results.csv"])]
    table[0][-1] = ""
    has(problems_of({**FILES, "results.csv": to_csv(table)}), file="results.csv", row=1, word="no name")


def test_row_with_extra_cells():
    table = rows(FILES["results.csv"])
    table[2] = table[2] + ["surplus"]
    has(problems_of({**FILES, "results.csv": to_csv(table)}), file="results.csv", row=3, word="more cells")


def test_row_with_missing_cells():
    table = rows(FILES["results.csv"])
    table[2] = table[2][:2]
    has(problems_of({**FILES, "results.csv": to_csv(table)}), file="results.csv", row=3)


def test_header_only():
    has(problems_of({**FILES, "results.csv": FILES["results.csv"].split(b"\n")[0] + b"\n"}),
        file="results.csv", word="no rows")


def test_unclosed_quote_does_not_crash():
    data = FILES["results.csv"] + b'ak_zhol,"5,1,1,x\n'
    has(problems_of({**FILES, "results.csv": data}), file="results.csv")


def test_cell_longer_than_any_table_needs():
    data = FILES["notes.csv"] + b'x,tv,"' + b"a" * 200_000 + b'",b,c,d,e\n'
    has(problems_of({**FILES, "notes.csv": data}), file="notes.csv", word="cannot be split")


def test_too_many_rows():
    header = b"party,candidates,source,quote_kk\n"
    data = header + b"nur_otan,1,s,q\n" * (reading.MAX_ROWS + 1)
    has(problems_of({**FILES, "candidates.csv": data}), file="candidates.csv", word="rows")


@pytest.mark.parametrize("columns", [reading.MAX_COLUMNS + 1, 1_000_000])
def test_too_many_columns(columns):
    header = ",".join(["party"] + [f"c{i}" for i in range(columns - 1)])
    data = (header + "\n" + ",".join(["x"] * columns) + "\n").encode()
    has(problems_of({**FILES, "results.csv": data}), file="results.csv", word="columns")


# --- bytes that are not a table --------------------------------------------------------------------

@pytest.mark.parametrize("data, word", [
    (b"", "empty"),
    (b"   \r\n\r\n  ", "empty"),
    (b"\xef\xbb\xbf", "empty"),
    (b"\xff\xfe", "empty"),
    (bytes(range(256)) * 40, "binary"),
    (b"\x00\x01\x02\x03" * 500, "binary"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "image"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, ".xls"),
    (b"PK\x03\x04" + b"\x00" * 100, "zip"),
    (b"\xef\xbb\xbfparty,name_en\n\xff\xfe\xfa,x\n", "UTF-8"),
    (b"\xff\xfe" + "party,x\n".encode("utf-16-le") + b"\x00", "UTF-16"),
])
def test_junk_instead_of_a_table(data, word):
    has(problems_of({**FILES, "parties.csv": data}), file="parties.csv", word=word)


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
    has(problems_of({**FILES, "tv_coverage.csv": b"a" * (reading.MAX_FILE_BYTES + 1)}), file="tv_coverage.csv",
        word="MB")


def test_oversized_file_in_a_folder_is_not_read(tmp_path):
    for name, data in FILES.items():
        (tmp_path / name).write_bytes(data)
    with (tmp_path / "facts.csv").open("wb") as file:
        file.truncate(100 * reading.MB)  # sparse: 100 MB on paper, nothing to read
    with pytest.raises(PackageError) as error:
        load_package(tmp_path)
    has(error.value.problems, file="facts.csv", word="MB")


def test_oversized_zip_file(tmp_path):
    file = tmp_path / "big.zip"
    with file.open("wb") as handle:
        handle.truncate(100 * reading.MB)
    with pytest.raises(PackageError) as error:
        load_package(file)
    has(error.value.problems, file="big.zip", word="MB")


def bomb(member_mb: int, members: int = 1) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for i in range(members):
            archive.writestr(f"t{i}.csv", b"0" * (member_mb * reading.MB))
    return out.getvalue()


def test_zip_bomb_member_too_large():
    data = bomb(reading.MAX_FILE_MB + 5)
    assert len(data) < reading.MB  # small on disk, large when unpacked
    has(problems_of({"bomb.zip": data}), word="MB")


def test_zip_bomb_total_too_large():
    has(problems_of({"bomb.zip": bomb(15, members=5)}), file="bomb.zip", word="unpack")


def test_zip_with_lying_size_headers_is_read_with_a_limit():
    data = bytearray(zipped({"parties.csv": b"0" * (reading.MAX_FILE_BYTES + 10)}))
    # Forge the sizes the headers declare (local header and central directory) to look tiny.
    central = data.rfind(b"PK\x01\x02")
    data[central + 24:central + 28] = (10).to_bytes(4, "little")
    data[22:26] = (10).to_bytes(4, "little")
    found = problems_of({"liar.zip": bytes(data)})
    assert found


def test_zip_with_too_many_members():
    files = {f"extra{i}.csv": b"a,b\n1,2\n" for i in range(reading.MAX_FILES + 1)}
    has(problems_of({"many.zip": zipped(files)}), file="many.zip", word="files")


def test_too_many_uploaded_files():
    files = {f"extra{i}.csv": b"a,b\n1,2\n" for i in range(reading.MAX_FILES + 1)}
    has(problems_of(files), word="files")


def test_corrupt_zip():
    data = zipped(FILES)
    has(problems_of({"broken.zip": data[: len(data) // 2]}), file="broken.zip", word="zip")


def test_encrypted_zip_member():
    data = bytearray(zipped({"parties.csv": FILES["parties.csv"]}))
    # zipfile cannot encrypt: set the "encrypted" flag in the local and central headers by hand.
    data[6] |= 0x1
    central = data.rfind(b"PK\x01\x02")
    data[central + 8] |= 0x1
    has(problems_of({"secret.zip": bytes(data)}), file="secret.zip", word="encrypted")


def test_zip_inside_a_zip():
    inner = zipped(FILES)
    has(problems_of({"outer.zip": zipped({"inner.zip": inner})}), file="inner.zip", word="zip inside")


def test_same_table_twice():
    files = {**FILES, "parties.xlsx": workbook({"parties": typed(rows(FILES["parties.csv"]))})}
    has(problems_of(files), word="second file")


# --- datapackage.json ------------------------------------------------------------------------------

def test_invalid_json_descriptor():
    has(problems_of({**FILES, "datapackage.json": b'{"title": "x",\n "resources": [}'}),
        file="datapackage.json", row=2, word="JSON")


def test_descriptor_that_is_not_an_object():
    has(problems_of({**FILES, "datapackage.json": b"[1, 2]"}), file="datapackage.json", word="resources")


def test_descriptor_that_renames_a_field():
    import json

    descriptor = json.loads((SYNTHETIC.parent.parent.parent / "data" / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"][2]["schema"]["fields"][3]["name"] = "share"
    found = problems_of({**FILES, "datapackage.json": json.dumps(descriptor).encode()})
    has(found, file="datapackage.json", column="resources/tv_coverage/schema", word="differs")


def test_descriptor_not_utf8():
    has(problems_of({**FILES, "datapackage.json": b'{"title": "\xff"}'}), file="datapackage.json", word="UTF-8")


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
    has(problems_of(files), file="candidates.xlsx", row=3, column="candidates", word="formula")


def test_workbook_without_matching_sheets():
    files = without("parties")
    files["election.xlsx"] = workbook({"Sheet1": [["a"]], "Summary": [["b"]]})
    found = problems_of(files)
    has(found, file="election.xlsx", word="sheets")
    has(found, file="parties.csv", word="required")


def test_workbook_that_is_junk():
    has(problems_of({**FILES, "book.xlsx": b"not a workbook at all"}), file="book.xlsx", word=".xlsx")


def test_workbook_with_too_many_columns():
    table = typed(rows(FILES["results.csv"]))
    table[1] = table[1] + [None] * 200 + ["far away"]
    files = in_workbook("results", "results.xlsx", table)
    has(problems_of(files), file="results.xlsx", word="columns")


def test_workbook_sheet_with_wrong_values_reports_sheet_and_row():
    table = typed(rows(FILES["tv_coverage.csv"]))
    table[4][3] = "lots"
    files = in_workbook("tv_coverage", "election.xlsx", table)
    has(problems_of(files), file="election.xlsx [tv_coverage]", row=5, column="share_pct", word="number")


# --- one table on its own --------------------------------------------------------------------------

def test_load_table_reports_problems():
    with pytest.raises(PackageError) as error:
        load_table("tv_coverage", "tv.csv", edit(FILES, "tv_coverage", 2, "share_pct", "x")["tv_coverage.csv"])
    has(error.value.problems, file="tv.csv", row=2, column="share_pct")


def test_load_table_unknown_table():
    with pytest.raises(PackageError) as error:
        load_table("weather", "w.csv", b"a\n1\n")
    has(error.value.problems, word="not a table")


def test_folder_that_does_not_exist(tmp_path):
    with pytest.raises(PackageError) as error:
        load_package(tmp_path / "nowhere")
    has(error.value.problems, word="does not exist")


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
    assert load_or_refuse({**REQUIRED, "tv_coverage.csv": data}) is None or data


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
