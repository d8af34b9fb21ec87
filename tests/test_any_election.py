"""Any election: the data contract a mission anywhere can fill in, with no Kazakhstan in it.

Each rule of the contract is tried with small SYNTHETIC packages (tests/fixtures/synthetic_minimal,
synthetic_other_currency, synthetic_extra_columns, synthetic_log) and with the bundled tables cut down to
what the README says is enough. Expected values are worked out by hand."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from observer import finance, i18n
from observer.catalogue import Inputs
from observer.charts import finance as finance_charts
from observer.charts.style import DEFAULT_PALETTE, party_colors, title_of
from observer.facts import Facts
from observer.i18n import Language, source_titles
from observer.loading import contract, load_files, load_package
from observer.loading.gather import read_folder
from observer.problems import PackageError

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
DATA = ROOT / "data"
BUNDLED = read_folder(DATA)
MINIMAL, OTHER, EXTRA, LOG = (FIXTURES / n for n in ("synthetic_minimal", "synthetic_other_currency",
                                                      "synthetic_extra_columns", "synthetic_log"))


def table_csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode()


def bundled_rows(file: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(BUNDLED[file].decode("utf-8-sig"))))


def only(file: str, columns: list[str]) -> bytes:
    """A bundled table cut down to ``columns``."""
    rows = bundled_rows(file)
    keep = [rows[0].index(c) for c in columns]
    return table_csv([[row[i] for i in keep] for row in rows])


def required_three(**replace: bytes) -> dict[str, bytes]:
    """The bundled parties, channels and tv_coverage, no datapackage.json, with some files replaced."""
    files = {n: BUNDLED[n] for n in ("parties.csv", "channels.csv", "tv_coverage.csv")}
    return {**files, **replace}


def kinds_of(files: dict[str, bytes]) -> list[tuple[str, str | None, str]]:
    with pytest.raises(PackageError) as error:
        load_files(files)
    return [(p.file, p.column, p.kind) for p in error.value.problems]


# --- required, and nothing more ---------------------------------------------------------------------

def test_tv_coverage_with_exactly_the_readme_columns_loads():
    pkg = load_files(required_three(**{"tv_coverage.csv": only("tv_coverage.csv",
                                                               ["channel", "party", "measure", "share_pct", "source"])}))
    assert len(pkg.table("tv_coverage")) == 40


def test_tv_coverage_without_source_loads():
    pkg = load_files(required_three(**{"tv_coverage.csv": only("tv_coverage.csv",
                                                               ["channel", "party", "measure", "share_pct"])}))
    assert set(pkg.table("tv_coverage")["source"]) == {""}


def test_parties_with_an_id_and_one_name_and_channels_without_source_load():
    pkg = load_files(required_three(**{"parties.csv": only("parties.csv", ["party", "name_en"]),
                                       "channels.csv": only("channels.csv", ["channel", "name_en"])}))
    assert list(pkg.table("parties")["party"]) == ["nur_otan", "ak_zhol", "auyl", "adal", "qhp"]


def test_minimal_package_loads_with_only_the_required_columns():
    pkg = load_package(MINIMAL)
    assert list(pkg.tables) == ["parties", "channels", "tv_coverage"]
    assert list(pkg.table("parties")["name"]) == ["Lakeside Party", "Hill Union", "Coastal Movement"]


def test_a_party_needs_a_name_in_some_language():
    found = kinds_of(required_three(**{"parties.csv": only("parties.csv", ["party", "color"])}))
    assert ("parties.csv", "name", "column_missing_text") in found


def test_a_row_without_any_name_is_reported():
    rows = bundled_rows("parties.csv")
    header = rows[0]
    for column in ("name_en", "name_kk", "name_ru"):
        rows[3][header.index(column)] = ""
    with pytest.raises(PackageError) as error:
        load_files(required_three(**{"parties.csv": table_csv(rows)}))
    assert [(p.row, p.column, p.kind) for p in error.value.problems] == [(4, "name", "row_no_text")]


def test_the_required_columns_of_the_contract_are_exactly_these():
    required = {r["name"]: [f["name"] for f in r["schema"]["fields"] if (f.get("constraints") or {}).get("required")]
                for r in contract()["resources"]}
    assert required["parties"] == ["party"]
    assert required["channels"] == ["channel"]
    assert required["tv_coverage"] == ["channel", "party", "measure", "share_pct"]
    assert required["finance"] == ["party"]  # raised and spent: by a rule, from raised or raised_kzt


# --- defaults: colours and short names ----------------------------------------------------------------

def test_parties_without_colours_take_the_palette_in_row_order():
    pkg = load_package(MINIMAL)
    assert party_colors(pkg.table("parties")) == {"lakeside": "#009E73", "hill_union": "#DDCC77",
                                                  "coastal": "#332288"}
    assert DEFAULT_PALETTE[:3] == ("#009E73", "#DDCC77", "#332288")


def test_a_missing_colour_among_given_ones_takes_its_rows_palette_colour():
    colours = party_colors(load_package(EXTRA).table("parties"))
    assert colours == {"sun": "#0072B2", "moon": "#DDCC77", "star": "#332288"}


@pytest.mark.parametrize("code", ["en", "kk", "ru"])
def test_names_in_one_language_show_in_every_language(code):
    L = Language(code)
    parties = load_package(MINIMAL).table("parties")
    assert L.names(parties, "party", "short") == {"lakeside": "Lakeside Party", "hill_union": "Hill Union",
                                                  "coastal": "Coastal Movement"}
    other = load_package(OTHER)
    assert L.names(other.table("parties"), "party", "short")["orchard"] == "Orchard"
    assert L.names(other.table("parties"), "party")["orchard"] == "Orchard Alliance for Prosperity"
    assert L.names(other.table("channels"), "channel") == {"first_tv": "First TV", "metro_tv": "Metro TV"}


def test_a_name_in_a_language_the_ui_lacks_is_shown_when_it_is_the_only_one():
    L = Language("ru")
    table = load_package(EXTRA).table("parties").copy()
    table["name_en"] = ""
    assert L.names(table, "party") == {"sun": "მზის პარტია", "moon": "მთვარის სია", "star": "ვარსკვლავის ბლოკი"}


def test_a_row_with_no_name_at_all_keeps_its_id_never_an_empty_label():
    import pandas as pd

    assert Language("kk").names(pd.DataFrame({"party": ["x_party"], "name_en": [""]}), "party") == {"x_party": "x_party"}


# --- more columns are fine ----------------------------------------------------------------------------

def test_columns_of_a_packages_own_are_kept_as_typed():
    pkg = load_package(EXTRA)
    coverage = pkg.table("tv_coverage")
    assert list(coverage["item_id"]) == ["1", "2", "3", "4", "5", "6"]
    assert list(coverage["time_of_day"])[:1] == ["19:00"]
    assert coverage["monitor_notes"].iloc[0] == "evening news only"
    assert pkg.table("candidates")["list_page"].iloc[0] == "https://example.org/sun"
    own = [f["name"] for f in pkg.fields("tv_coverage") if f.get("extra")]
    assert own == ["item_id", "monitor_notes", "time_of_day"]


def test_an_own_column_is_shown_on_the_data_page_as_the_packages_own():
    from observer.describe import schema_frame

    frame = schema_frame(load_package(EXTRA), "tv_coverage", Language("en")).set_index("column")
    assert frame.loc["monitor_notes", "required"] == "a column of the package's own, kept as typed"
    assert frame.loc["share_pct", "required"] != frame.loc["monitor_notes", "required"]


def test_an_own_column_in_the_bundled_package_is_no_error():
    rows = [r + ["note"] for r in bundled_rows("tv_coverage.csv")]
    rows[0][-1] = "Notes"
    pkg = load_files({**BUNDLED, "tv_coverage.csv": table_csv(rows)})
    assert set(pkg.table("tv_coverage")["Notes"]) == {"note"}


@pytest.mark.parametrize("typed, meant", [("sourse", "source"), ("share_pc", "share_pct"), ("Share  PCT x", None),
                                          ("chanel", "channel")])
def test_a_column_that_looks_misspelt_says_which_it_may_be(typed, meant):
    rows = [r[:] for r in bundled_rows("tv_coverage.csv")]
    column = {"sourse": "source", "share_pc": "share_pct", "Share  PCT x": "share_pct", "chanel": "channel"}[typed]
    rows[0][rows[0].index(column)] = typed
    files = {**BUNDLED, "tv_coverage.csv": table_csv(rows)}
    if meant is None:  # three edits away: a column of its own, and the required one is missing
        assert ("tv_coverage.csv", "share_pct", "column_missing") in kinds_of(files)
        return
    with pytest.raises(PackageError) as error:
        load_files(files)
    (misspelt,) = [p for p in error.value.problems if p.kind == "column_misspelt"]
    assert (misspelt.column, misspelt.params["suggestion"]) == (typed, meant)


def test_a_name_column_in_another_language_is_no_misspelling():
    pkg = load_package(EXTRA)
    assert "name_ka" in pkg.table("parties").columns


def test_a_packages_own_datapackage_json_may_describe_only_its_columns_and_more():
    own = {"title": "SYNTHETIC", "resources": [
        {"name": "parties", "path": "parties.csv", "schema": {"fields": [
            {"name": "party", "type": "string"}, {"name": "name", "type": "string"},
            {"name": "founded", "type": "integer"}]}}]}
    files = {**read_folder(MINIMAL), "datapackage.json": json.dumps(own).encode()}
    assert len(load_files(files).table("parties")) == 3


# --- provenance ----------------------------------------------------------------------------------------

def test_a_row_without_source_cites_the_packages_first_source():
    pkg = load_package(OTHER)
    L = Language("ru", source_titles(pkg.descriptor, "ru"))
    assert L.source("") == "Источник: Synthetic test data (invented for tests)"
    assert Language("en").source("") == "Source: not named in the package"


def test_quote_and_quote_kk_are_the_same_thing():
    fact = Facts(load_package().table("facts")).get("seats_contested")
    assert fact.quote == fact.quote_kk == "10 қаңтар күні Парламенттің төменгі палатасының (Мәжіліс) 98 мандатына сайлау өткізілді"


def test_the_bundled_package_names_its_quote_language_and_currency():
    descriptor = load_package().descriptor
    assert (descriptor["quote_language"], descriptor["currency"]) == ("kk", "KZT")


# --- money in the package's currency ----------------------------------------------------------------

def test_another_currency_loads_and_is_the_packages():
    pkg = load_package(OTHER)
    assert finance.package_currency(pkg) == "GEL"
    money = finance.money(pkg.table("finance")).set_index("party")
    assert money.loc["orchard", "raised"] == 12_400_000
    assert money.loc["orchard", "left"] == 2_600_000  # 12,400,000 - 9,800,000
    assert finance.caps(Facts(pkg.table("facts"))).ceiling == 13_000_000  # 6,000,000 + 7,000,000


def test_tenge_columns_keep_working_as_tenge():
    pkg = load_package()
    assert finance.package_currency(pkg) == "KZT"
    assert finance.money(pkg.table("finance")).set_index("party").loc["nur_otan", "raised"] == 637_000_000


def test_the_currency_may_be_given_once_in_datapackage_json():
    files = read_folder(OTHER)
    rows = list(csv.reader(io.StringIO(files["finance.csv"].decode())))
    at = rows[0].index("currency")
    files["finance.csv"] = table_csv([r[:at] + r[at + 1:] for r in rows])
    descriptor = json.loads(files["datapackage.json"])
    descriptor["currency"] = "USD"
    files["datapackage.json"] = json.dumps(descriptor).encode()
    assert finance.package_currency(load_files(files)) == "USD"


def _other_finance(edit) -> dict[str, bytes]:
    files = read_folder(OTHER)
    rows = list(csv.reader(io.StringIO(files["finance.csv"].decode())))
    edit(rows)
    return {**files, "finance.csv": table_csv(rows)}


def test_amounts_without_a_currency_are_refused():
    def drop_currency(rows):
        for row in rows[1:]:
            row[rows[0].index("currency")] = ""
    assert ("finance.csv", "currency", "currency_missing") in kinds_of(_other_finance(drop_currency))


def test_two_currencies_in_one_table_are_refused():
    def mix(rows):
        rows[2][rows[0].index("currency")] = "USD"
    assert ("finance.csv", "currency", "currency_mixed") in kinds_of(_other_finance(mix))


def test_a_code_that_is_no_currency_is_refused():
    def unknown(rows):
        for row in rows[1:]:
            row[rows[0].index("currency")] = "XQZ"
    assert ("finance.csv", "currency", "currency_unknown") in kinds_of(_other_finance(unknown))


def test_a_row_without_an_amount_is_refused():
    def empty(rows):
        rows[1][rows[0].index("spent")] = ""
    assert ("finance.csv", "spent", "finance_no_amount") in kinds_of(_other_finance(empty))


def test_tenge_columns_with_another_currency_given_are_refused():
    files = {**BUNDLED, "finance.csv": BUNDLED["finance.csv"].replace(b"raised_kzt,spent_kzt,", b"raised_kzt,spent_kzt,currency,", 1)}
    rows = list(csv.reader(io.StringIO(files["finance.csv"].decode())))
    files["finance.csv"] = table_csv([rows[0]] + [r[:3] + ["GEL"] + r[3:] for r in rows[1:]])
    assert ("finance.csv", "raised_kzt", "currency_conflict") in kinds_of(files)


@pytest.mark.parametrize("code, expected", [
    ("en", "12.4 million Georgian laris"), ("ru", "12,4\u00a0млн грузинских лари"), ("kk", "12,4\u00a0млн Грузия лариі")])
def test_amounts_are_named_in_their_currency_in_every_language(code, expected):
    assert Language(code).amount(12_400_000, "GEL").replace(" ", "\u00a0") == expected.replace(" ", "\u00a0")


def test_the_currency_switch_names_the_currency_and_appears_only_with_a_rate():
    facts = Facts(load_package(OTHER).table("facts"))
    assert finance.currencies(facts, "GEL") == ["GEL", "EUR"]
    assert finance.currencies(Facts(None), "GEL") == ["GEL"]
    assert finance.currencies(facts, "EUR") == ["EUR"]
    assert Language("en").currency_label("GEL") == "Georgian Lari (GEL)"
    assert Language("ru").currency_label("GEL") == "Грузинский лари (GEL)"
    assert Language("en").currency_label("KZT") == "Tenge (KZT)"
    assert Language("en").rate(2.9, "GEL") == "1 EUR ≈ 2.9 GEL"
    assert Language("en").rate(510, "KZT") == "1 EUR ≈ 510 KZT"


def test_the_finance_chart_in_the_packages_currency_and_in_euro():
    pkg = load_package(OTHER)
    L = Language("en")
    inputs = Inputs(pkg, L)
    fig = finance_charts.raised_spent(pkg.table("finance"), pkg.table("parties"), L, currency="GEL", rate=None,
                                      caps=inputs.caps, cap_facts=inputs.caps.facts)
    assert fig.layout.meta["title"].startswith("Orchard raised 12.4 million Georgian laris, 95.4% of the legal ceiling")
    assert fig.layout.yaxis.title.text == "Georgian Lari"
    # 12,400,000 / 2.9 = 4,275,862 -> about €4.28 million
    euro = finance_charts.raised_spent(pkg.table("finance"), pkg.table("parties"), L, currency="EUR", rate=2.9,
                                       caps=inputs.caps, cap_facts=inputs.caps.facts)
    assert euro.layout.meta["title"].startswith("Orchard raised about €4.28 million")


def test_facts_in_another_currency_display_as_amounts():
    fact = Facts(load_package(OTHER).table("facts")).get("deposit_per_candidate")
    assert fact.display(Language("en")) == "5,000 Georgian laris"


# --- a fourth language is one folder of catalogues -------------------------------------------------

@pytest.fixture
def fourth_language(tmp_path, monkeypatch):
    """The bundled catalogues plus a made-up fourth, German, with one entry translated for the test."""
    locales = tmp_path / "locales"
    shutil.copytree(i18n.LOCALES, locales)
    (locales / "de").mkdir()
    (locales / "de" / "common.json").write_text(json.dumps({"source": "Quelle: {source}"}), encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALES", locales)
    i18n.catalogue.cache_clear()
    yield "de"
    i18n.catalogue.cache_clear()


def test_a_fourth_catalogue_adds_a_language(fourth_language):
    languages = i18n.available_languages()
    assert list(languages) == ["en", "kk", "ru", "de"]
    assert languages["de"] == "Deutsch"
    L = Language("de")
    assert L.code == "de"
    assert L("common.source", source="x") == "Quelle: x"
    assert L("common.source_none") == "Source: not named in the package"  # not translated: English
    assert L.number(1234.5) == "1.234,5"  # Babel's German
    assert L.names(load_package(MINIMAL).table("parties"), "party")["coastal"] == "Coastal Movement"


# --- the README's contract is the loader's ----------------------------------------------------------

def readme_contract() -> dict[str, tuple[list[str], list[str]]]:
    """The README's contract table: each table's columns, and those marked required (in bold)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## The data contract", 1)[1].split("\n## ", 1)[0]
    found = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 2 or not re.fullmatch(r"`\w+\.csv`", cells[0]):
            continue
        columns = re.findall(r"(\*\*)?`([a-z_]+)`", cells[1])
        found[cells[0].strip("`").removesuffix(".csv")] = ([c for _, c in columns], [c for bold, c in columns if bold])
    return found


def test_the_readme_contract_table_is_what_the_loader_accepts():
    documented = readme_contract()
    bundled = {r["name"] for r in json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))["resources"]}
    tables = {r["name"]: r["schema"]["fields"] for r in contract()["resources"] if r["name"] in bundled}
    assert set(documented) == set(tables)
    for table, fields in tables.items():
        columns, required = documented[table]
        assert columns == [f["name"] for f in fields], table
        assert required == [f["name"] for f in fields if (f.get("constraints") or {}).get("required")], table


# --- findings, pack and slides of any package --------------------------------------------------------

@pytest.mark.parametrize("fixture", [MINIMAL, OTHER, EXTRA, LOG], ids=lambda p: p.name)
@pytest.mark.parametrize("code", ["en", "kk", "ru"])
def test_every_package_has_its_tv_findings_and_pack(fixture, code):
    from observer import briefing, catalogue
    from observer.findings import findings

    pkg = load_package(fixture)
    L = Language(code, source_titles(pkg.descriptor, code))
    found = findings(pkg, L)
    assert "tv_balance" in [f.key for f in found]
    assert all(f.text.strip() for f in found)
    pack = briefing.html_pack(pkg, L)
    charts = catalogue.pack(Inputs(pkg, L))
    assert "tv-shares" in [c.id for c, _ in charts]
    assert pack.count('class="plotly-graph-div"') == len(charts)


def test_the_other_currencys_finance_finding_names_its_currency():
    from observer.findings import findings

    pkg = load_package(OTHER)
    (finding,) = [f for f in findings(pkg, Language("en")) if f.key == "finance_ceiling"]
    # 12,400,000 of a ceiling of 13,000,000 is 95.4%; the next party raised 4,100,000
    assert finding.text == ("Orchard raised 12.4 million Georgian laris, 95.4% of the legal ceiling of 13 million; "
                            "no other party raised more than 4.1 million Georgian laris.")


@pytest.mark.parametrize("fixture", [MINIMAL, OTHER, EXTRA, LOG], ids=lambda p: p.name)
def test_slides_of_any_package_carry_the_tv_findings(fixture):
    from pptx import Presentation

    from observer import briefing
    from observer.findings import findings

    pkg = load_package(fixture)
    L = Language("en", source_titles(pkg.descriptor, "en"))
    deck = Presentation(io.BytesIO(briefing.pptx_pack(pkg, L)))
    # Headings hold no-break spaces where a line must not break (slides.keep_together): compared as words.
    texts = [" ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame).replace("\u00a0", " ")
             for slide in deck.slides]
    tv = next(f for f in findings(pkg, L) if f.key == "tv_balance")
    assert any(tv.text.replace("\u00a0", " ") in t for t in texts)
    assert any(getattr(s, "has_chart", False) and s.has_chart for slide in deck.slides for s in slide.shapes)


@pytest.mark.parametrize("fixture", [MINIMAL, OTHER, EXTRA, LOG], ids=lambda p: p.name)
def test_observer_check_passes_every_synthetic_package(fixture, capsys):
    from observer.__main__ import main

    assert main(["check", str(fixture)]) == 0
    assert capsys.readouterr().out.startswith(f"OK {fixture}")


def test_observer_check_of_one_table_with_an_own_column(tmp_path, capsys):
    from observer.__main__ import main

    file = tmp_path / "tv_coverage.csv"
    file.write_bytes((EXTRA / "tv_coverage.csv").read_bytes())
    assert main(["check", str(file)]) == 0


def test_a_package_with_one_measure_says_so_instead_of_the_gap_chart():
    from observer import catalogue
    from tests.apptest import open_page_with

    pkg = load_package(MINIMAL)
    assert not catalogue.chart("tv-institutional-gap").available(Inputs(pkg, Language("en")))
    app = open_page_with(pkg, "views/tv_coverage.py", "en")
    assert not app.exception
    assert "This package gives one measure of coverage only" in " ".join(i.value for i in app.info)
    assert len(app.get("plotly_chart")) == 2  # the shares and the concentration, no empty gap chart


@pytest.mark.parametrize("fixture", [MINIMAL, OTHER, EXTRA], ids=lambda p: p.name)
def test_the_deck_of_any_package_opens_on_its_first_finding(fixture):
    """The presentation deck steps from its title slide to the package's first finding, a TV one, with its
    chart (the log-only package's deck: tests/test_log_only.py)."""
    from streamlit.testing.v1 import AppTest

    import ui
    from observer.findings import findings
    from tests.apptest import ROOT as APP_ROOT

    pkg = load_package(fixture)
    app = AppTest.from_file(str(APP_ROOT / "dashboard.py"), default_timeout=60)
    app.session_state["lang"] = "en"
    app.session_state[ui.UPLOADED_PACKAGE] = pkg
    app.run()
    app.switch_page(ui.pages.PRESENT.script)
    app.run()
    app.button(key="present_next").click().run()
    assert not app.exception, [e.message for e in app.exception]
    first = findings(pkg, Language("en", source_titles(pkg.descriptor, "en")))[0]
    assert first.key.startswith("tv_")
    heading = next(m.value for m in app.markdown if m.value.startswith("## "))
    # As typed, but for the no-break spaces that keep a number with its word (ui.sentence).
    assert heading.replace("\\", "").replace("\u00a0", " ") == "## " + first.text.replace("\u00a0", " ")
    assert len(app.get("plotly_chart")) == 1


def test_a_package_without_a_title_is_named_by_its_folder_not_its_path(monkeypatch):
    """The Data & sources page showed "Showing: /work/…/tests/fixtures/synthetic_minimal" on the projector."""
    from ui import session

    monkeypatch.setattr(session, "is_uploaded", lambda: False)
    assert session.package_label(load_package(MINIMAL), Language("en")) == "synthetic_minimal"


def test_the_deposits_title_names_what_it_counts_in_english():
    from observer import catalogue

    fig = catalogue.chart("finance-deposits").figure(Inputs(load_package(OTHER), Language("en")))
    assert title_of(fig).endswith("all parties together paid 1.38 million Georgian laris for 275 candidates")


def test_an_overview_with_facts_but_none_at_a_glance_says_so_and_not_that_facts_are_missing():
    """The other-currency package's facts.csv holds caps, a rate and dates, none of the figures at a glance:
    the overview said "This package has no facts.csv table"."""
    from tests.apptest import open_page_with

    app = open_page_with(load_package(OTHER), "views/overview.py")
    infos = [i.value for i in app.info]
    assert any(i.startswith("This package's facts.csv has none of the figures this part shows (registered_voters,")
               for i in infos), infos
    assert not any("has no facts.csv table" in i for i in infos), infos
