"""Files as people have them: every encoding, delimiter, number style, header variant, workbook and zip
that must load with exactly the right values."""

import codecs
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from observer import load_package
from observer.loading import load_files, load_table
from observer.loading.normalise import normalise_date, normalise_numbers
from observer.loading.text import sniff_delimiter
from tests.loading_cases import DATA, SYNTHETIC, package_files, rows, to_csv, typed, workbook, zipped


@pytest.fixture(scope="module")
def bundled():
    return load_package(DATA)


def same_tables(pkg, expected):
    for name, frame in expected.tables.items():
        got = pkg.table(name)
        assert got is not None, name
        assert got.equals(frame), name


# --- encodings and delimiters: the whole bundled package, re-saved ---------------------------------

ENCODINGS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8-bom": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "utf-16-bom": lambda text: text.encode("utf-16"),
    "utf-16-le-bom": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "utf-16-be-bom": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "utf-16-le-no-bom": lambda text: text.encode("utf-16-le"),
}


def resave(files, delimiter=",", encode=ENCODINGS["utf-8"]):
    out = {}
    for name, data in files.items():
        text = to_csv(rows(data), delimiter).decode("utf-8")
        out[name] = encode(text)
    return out


@pytest.mark.parametrize("encoding", list(ENCODINGS))
def test_encodings_load_the_same_values(bundled, encoding):
    same_tables(load_files(resave(package_files(), ",", ENCODINGS[encoding])), bundled)


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiters_load_the_same_values(bundled, delimiter):
    same_tables(load_files(resave(package_files(), delimiter)), bundled)


def cyrillic_package():
    """The synthetic package with Cyrillic only where Windows-1251 can write it (no Kazakh letters)."""
    files = package_files(SYNTHETIC)
    text = rows(files["parties.csv"])
    for row in text[1:]:
        row[2] = row[3]  # name_kk <- the Russian name: cp1251 has no Kazakh letters like ә or ң
        row[5] = row[6]
    return {**files, "parties.csv": to_csv(text)}


@pytest.mark.parametrize("delimiter", [";", ","])
def test_windows_1251(delimiter):
    files = cyrillic_package()
    expected = load_files(files)
    parties = to_csv(rows(files["parties.csv"]), delimiter, "cp1251")
    assert parties.decode("cp1251") != parties.decode("utf-8", "replace")
    got = load_files({**files, "parties.csv": parties})
    assert got.table("parties").equals(expected.table("parties"))
    assert "Союз «Зелёная долина»" in set(got.table("parties")["name_ru"])


def test_crlf_lf_and_cr_line_endings(bundled):
    files = package_files()
    for ending in ("\r\n", "\n"):
        changed = {n: d.decode("utf-8").replace("\r\n", "\n").replace("\n", ending).encode() for n, d in files.items()}
        same_tables(load_files(changed), bundled)


def test_zip_of_a_folder_with_junk_members(bundled):
    files = package_files()
    extra = {"__MACOSX/._parties.csv": b"\x00\x05junk", ".DS_Store": b"\x00\x00"}
    data = zipped({**files, **extra}, folder="kazakhstan 2021/")
    same_tables(load_files({"package.zip": data}), bundled)


def test_zip_with_datapackage_json_keeps_its_title():
    data = zipped(package_files(SYNTHETIC, descriptor=True))
    pkg = load_files({"synthetic.zip": data})
    assert pkg.descriptor["title"].startswith("SYNTHETIC")
    assert len(pkg.table("parties")) == 8


def test_load_package_of_a_zip_file(tmp_path, bundled):
    file = tmp_path / "p.zip"
    file.write_bytes(zipped(package_files()))
    same_tables(load_package(file), bundled)


def test_folder_without_datapackage_json(tmp_path, bundled):
    for name, data in package_files().items():
        (tmp_path / name).write_bytes(data)
    pkg = load_package(tmp_path)
    same_tables(pkg, bundled)
    assert pkg.descriptor["title"] == ""  # the bundled title never labels someone else's tables
    assert "sources" not in pkg.descriptor


@pytest.mark.parametrize("optional", ["finance", "candidates", "facts", "results", "notes"])
def test_optional_table_may_be_left_out(optional):
    tables = [t for t in ["parties", "channels", "tv_coverage", "finance", "candidates", "facts", "results", "notes"]
              if t != optional]
    pkg = load_files(package_files(tables=tables))
    assert pkg.table(optional) is None
    assert pkg.table("parties") is not None


def test_only_the_required_tables():
    pkg = load_files(package_files(tables=["parties", "channels", "tv_coverage"]))
    assert set(pkg.tables) == {"parties", "channels", "tv_coverage"}


@pytest.mark.parametrize("name", ["Parties.CSV", "PARTIES.csv", " parties .csv", "parties.txt", "parties.tsv"])
def test_file_names_in_any_case(name, bundled):
    files = package_files()
    files[name] = files.pop("parties.csv")
    same_tables(load_files(files), bundled)


def test_tv_coverage_file_name_with_spaces_or_hyphens(bundled):
    for name in ("TV coverage.csv", "tv-coverage.csv"):
        files = package_files()
        files[name] = files.pop("tv_coverage.csv")
        same_tables(load_files(files), bundled)


# --- headers ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("style", ["upper", "spaces", "title", "hyphen", "bom-in-header", "reordered"])
def test_header_variants(style, bundled):
    files = package_files()
    table = rows(files["tv_coverage.csv"])
    header = table[0]
    if style == "upper":
        table[0] = [h.upper() for h in header]
    elif style == "spaces":
        table[0] = [f"  {h} " for h in header]
    elif style == "title":
        table[0] = [h.replace("_", " ").title() for h in header]
    elif style == "hyphen":
        table[0] = [h.replace("_", "-") for h in header]
    elif style == "bom-in-header":
        table[0] = ["\ufeff" + header[0]] + header[1:]
    elif style == "reordered":
        order = [3, 0, 5, 1, 4, 2]
        table = [[r[i] for i in order] for r in table]
    same_tables(load_files({**files, "tv_coverage.csv": to_csv(table)}), bundled)


def test_optional_column_left_out():
    files = package_files()
    table = [r[:-1] for r in rows(files["parties.csv"])]  # quote_kk is optional in parties
    pkg = load_files({**files, "parties.csv": to_csv(table)})
    assert (pkg.table("parties")["quote_kk"] == "").all()


def test_trailing_empty_columns_and_blank_rows_from_excel(bundled):
    files = package_files()
    table = rows(files["channels.csv"])
    padded = [table[0] + ["", ""]] + [[""] * (len(table[0]) + 2)] + [r + ["", ""] for r in table[1:]] + [[""] * 9] * 3
    same_tables(load_files({**files, "channels.csv": to_csv(padded, ";")}), bundled)


def test_rows_reported_at_their_spreadsheet_row_after_blank_rows():
    from observer.problems import PackageError

    files = package_files()
    table = rows(files["tv_coverage.csv"])
    table.insert(1, [""] * len(table[0]))  # a blank row 2: the first data row is now row 3
    table[1 + 1][3] = "abc"
    with pytest.raises(PackageError) as error:
        load_files({**files, "tv_coverage.csv": to_csv(table)})
    found = [p for p in error.value.problems if p.column == "share_pct" and p.value == "abc"]
    assert [p.row for p in found] == [3]


# --- numbers ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("typed_value, type_, expected", [
    ("28.8", "number", "28.8"), ("28,8", "number", "28.8"), ("28.8%", "number", "28.8"), ("28,8 %", "number", "28.8"),
    (" 22 ", "number", "22"), ("0,5", "number", "0.5"), ("12 345,6", "number", "12345.6"),
    ("12\u00a0345,6", "number", "12345.6"), ("1.234,5", "number", "1234.5"), ("1,234.5", "number", "1234.5"),
    ("11 915 903", "integer", "11915903"), ("11\u00a0915\u00a0903", "integer", "11915903"),
    ("11\u202f915\u202f903", "integer", "11915903"), ("11,915,903", "integer", "11915903"),
    ("11.915.903", "integer", "11915903"), ("1,234", "integer", "1234"), ("11'915'903", "integer", "11915903"),
    ("-3", "number", "-3"), ("1e5", "number", "1e5"), ("312", "integer", "312"),
])
def test_number_styles(typed_value, type_, expected):
    assert normalise_numbers([typed_value], type_)[0] == [expected]


@pytest.mark.parametrize("typed_value, type_", [
    ("abc", "number"), ("1 2", "integer"), ("28.5", "integer"), ("=1+2", "number"), ("", "number"),
    ("12,34,5", "number"), ("1.2.3,4,5", "number"),
])
def test_numbers_that_are_not_numbers_stay_as_typed(typed_value, type_):
    assert normalise_numbers([typed_value], type_)[0] == [typed_value.strip()]


def test_ambiguous_comma_in_a_number_column_is_reported():
    values, ambiguous = normalise_numbers(["1,234", "22"], "number", ",")
    assert ambiguous == [(0, "1,234")]


def test_semicolon_files_write_decimals_with_a_comma():
    assert normalise_numbers(["1,234", "22"], "number", ";")[0] == ["1.234", "22"]


def test_column_style_decides_the_comma():
    assert normalise_numbers(["1,234", "28,85"], "number")[0] == ["1.234", "28.85"]
    assert normalise_numbers(["1,234", "1,234,567"], "number")[0] == ["1234", "1234567"]


@pytest.mark.parametrize("typed_value, expected", [
    ("2020-12-30", "2020-12-30"), ("30.12.2020", "2020-12-30"), ("2020-12-30 00:00:00", "2020-12-30"),
    ("31.02.2020", "31.02.2020"), ("12/30/2020", "12/30/2020"),
])
def test_dates(typed_value, expected):
    assert normalise_date(typed_value) == expected


def test_european_excel_export_of_finance():
    """Semicolons, Windows-1251, spaces as thousands separators, day-first dates: as Russian Excel saves."""
    files = cyrillic_package()
    expected = load_files(files)
    table = rows(files["finance.csv"])
    for row in table[1:]:
        row[1] = f"{int(row[1]):,}".replace(",", "\u00a0")
        row[2] = f"{int(row[2]):,}".replace(",", " ")
        row[3] = ".".join(reversed(row[3].split("-")))
    got = load_files({**files, "finance.csv": to_csv(table, ";", "cp1251")})
    assert got.table("finance").equals(expected.table("finance"))


def test_percent_and_decimal_comma_in_results(bundled):
    files = package_files()
    table = rows(files["results.csv"])
    for row in table[1:]:
        row[2] = row[2].replace(".", ",") + " %"
        row[1] = f"{int(row[1]):,}".replace(",", " ")
    got = load_files({**files, "results.csv": to_csv(table, ";")})
    assert got.table("results").equals(bundled.table("results"))


@pytest.mark.parametrize("value, expected", [("TRUE", True), ("False", False), ("yes", True), ("0", False), ("да", True)])
def test_booleans(value, expected):
    files = package_files()
    table = rows(files["channels.csv"])
    table[1][4] = value
    got = load_files({**files, "channels.csv": to_csv(table)})
    assert bool(got.table("channels")["broadcasts_news"].iloc[0]) is expected


def test_text_columns_are_never_altered():
    files = package_files()
    table = rows(files["parties.csv"])
    table[1][1] = "  1,234 Party  "
    table[1][8] = "=SUM(A1)"
    got = load_files({**files, "parties.csv": to_csv(table)})
    # read_table trims the outer spaces of every cell, as it always has; nothing else changes.
    assert got.table("parties")["name_en"].iloc[0] == "1,234 Party"
    assert got.table("parties")["source"].iloc[0] == "=SUM(A1)"


# --- names instead of ids --------------------------------------------------------------------------

@pytest.mark.parametrize("column, ident, name", [
    ("party", "nur_otan", "Nur Otan"), ("party", "nur_otan", "nur otan party"), ("party", "nur_otan", "«Нұр Отан»"),
    ("party", "nur_otan", "Партия «Нур Отан»"), ("party", "nur_otan", "  NUR_OTAN "), ("party", "ak_zhol", "AK ZHOL"),
    ("channel", "khabar", "Khabar"), ("channel", "khabar", "«Хабар»"), ("channel", "eurasia", "First Channel Eurasia"),
    ("channel", "eurasia", "Первый канал «Евразия»"),
])
def test_names_instead_of_ids(column, ident, name, bundled):
    files = package_files()
    table = rows(files["tv_coverage.csv"])
    position = table[0].index(column)
    changed = 0
    for row in table[1:]:
        if row[position] == ident:
            row[position] = name
            changed += 1
    assert changed
    same_tables(load_files({**files, "tv_coverage.csv": to_csv(table)}), bundled)


def test_names_in_finance_candidates_and_results(bundled):
    files = package_files()
    for table_name in ("finance", "candidates", "results"):
        table = rows(files[f"{table_name}.csv"])
        table[1][0] = {"nur_otan": "Nur Otan", "auyl": "«Ауыл»", "ak_zhol": "Ak Zhol"}.get(table[1][0], table[1][0])
        files[f"{table_name}.csv"] = to_csv(table)
    same_tables(load_files(files), bundled)


# --- xlsx ------------------------------------------------------------------------------------------

def test_one_workbook_with_a_sheet_per_table(bundled):
    sheets = {name.removesuffix(".csv"): typed(rows(data)) for name, data in package_files().items()}
    same_tables(load_files({"election.xlsx": workbook(sheets)}), bundled)


def test_one_workbook_per_table(bundled):
    files = package_files()
    for name in ("parties", "tv_coverage", "finance"):
        files[f"{name}.xlsx"] = workbook({"Sheet1": typed(rows(files.pop(f"{name}.csv")))})
    same_tables(load_files(files), bundled)


def test_workbook_sheet_names_in_other_case(bundled):
    sheets = {name.removesuffix(".csv").upper(): typed(rows(data)) for name, data in package_files().items()}
    same_tables(load_files({"Election 2021.xlsx": workbook(sheets)}), bundled)


def test_workbook_with_dates_booleans_and_float_integers(bundled):
    from datetime import datetime

    files = package_files()
    finance = typed(rows(files.pop("finance.csv")))
    for row in finance[1:]:
        row[1] = float(row[1])  # Excel stores every number as a float
        row[3] = datetime.strptime(row[3], "%Y-%m-%d")
    channels = typed(rows(files.pop("channels.csv")))
    for row in channels[1:]:
        row[4] = row[4] == "true"
    files["book.xlsx"] = workbook({"finance": finance, "channels": channels})
    same_tables(load_files(files), bundled)


def test_workbook_formula_with_saved_result(bundled):
    """openpyxl writes no cached results, so this file is patched the way Excel saves: formula + value."""
    import io
    import zipfile

    files = package_files()
    candidates = typed(rows(files.pop("candidates.csv")))
    first = candidates[1][1]
    candidates[1][1] = f"={first}+0"
    book = workbook({"candidates": candidates})
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(book)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.startswith("xl/worksheets/"):
                data = data.replace(f"<f>{first}+0</f><v></v>".encode(), f"<f>{first}+0</f><v>{first}</v>".encode())
                for empty in (b"<v/>", b"<v />"):
                    data = data.replace(f"<f>{first}+0</f>".encode() + empty, f"<f>{first}+0</f><v>{first}</v>".encode())
                if f"<v>{first}</v>".encode() not in data:
                    data = data.replace(f"<f>{first}+0</f>".encode(), f"<f>{first}+0</f><v>{first}</v>".encode())
            dst.writestr(info, data)
    files["candidates.xlsx"] = out.getvalue()
    same_tables(load_files(files), bundled)


# --- sniffing --------------------------------------------------------------------------------------

@pytest.mark.parametrize("header, expected", [
    ("a,b;c", ","), ("party;name_en;name_kk", ";"), ("party\tname_en", "\t"), ("party|name_en|color", "|"),
    ('"party;x",name_en,color', ","),
])
def test_sniff_prefers_the_split_that_names_schema_columns(header, expected):
    assert sniff_delimiter(header + "\n1,2\n", ["party", "name_en", "name_kk", "color"]) == expected


# --- property: any number written in any supported style reads back the same ----------------------

STYLES = [
    ("utf-8", ",", ".", ""), ("utf-8-sig", ";", ",", "\u00a0"), ("utf-16", "\t", ".", ","),
    ("cp1251", ";", ",", " "), ("utf-8", ",", ".", " "), ("utf-16", ";", ",", "."),
]


def written(value: float, decimals: int, decimal: str, thousands: str) -> str:
    text = f"{value:,.{decimals}f}"
    whole, _, fraction = text.partition(".")
    whole = whole.replace(",", thousands)
    return whole + (decimal + fraction if fraction else "")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shares=st.lists(st.integers(min_value=0, max_value=1000), min_size=5, max_size=5).filter(lambda s: sum(s) > 0),
       votes=st.lists(st.integers(min_value=0, max_value=10**9), min_size=5, max_size=5),
       style=st.sampled_from(STYLES), decimals=st.integers(min_value=0, max_value=2))
def test_random_numbers_survive_any_style(shares, votes, style, decimals):
    encoding, delimiter, decimal, thousands = style
    files = package_files(tables=["parties", "channels", "tv_coverage", "results"])
    results = rows(files["results.csv"])
    pcts = [round(100 * s / sum(shares), decimals) for s in shares]
    for row, vote, pct in zip(results[1:], votes, pcts):
        row[1] = written(vote, 0, decimal, thousands)
        row[2] = written(pct, decimals, decimal, thousands if pct >= 1000 else "")
    got = load_files({**files, "results.csv": to_csv(results, delimiter, encoding)})
    assert got.table("results")["votes"].tolist() == votes
    assert all(math.isclose(a, b) for a, b in zip(got.table("results")["pct"].tolist(), pcts))


def test_load_table_on_its_own():
    frame = load_table("tv_coverage", "tv.csv", to_csv(rows(package_files()["tv_coverage.csv"]), ";", "utf-16"))
    assert len(frame) == 40
