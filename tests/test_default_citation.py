"""A package that names its source in facts.csv (the fact ``source``, unit ``text``) rather than in a
datapackage.json: every row without a source cites it, under the charts, in the pack and on the slides. And a
package that says nothing about itself does not carry the bundled package's words (tenge, the CEC)."""

from __future__ import annotations

from pathlib import Path

from observer import briefing
from observer.i18n import DEFAULT_SOURCE, Language, source_titles
from observer.loading import load_files
from observer.loading.descriptor import effective

MINIMAL = Path(__file__).resolve().parent / "fixtures" / "synthetic_minimal"
SOURCE_FACT = ("fact,value,unit,label_en,label_ru\n"
               "source,,text,SYNTHETIC Examplia mission statement,SYNTHETIC Заявление миссии в Экзамплии\n")


def minimal_with_source_fact():
    files = {p.name: p.read_bytes() for p in MINIMAL.glob("*.csv")}
    return load_files({**files, "facts.csv": SOURCE_FACT.encode()})


def test_the_source_fact_loads_without_a_value_or_a_date():
    pkg = minimal_with_source_fact()
    assert list(pkg.table("facts")["fact"]) == ["source"]


def test_the_source_fact_is_the_default_citation_in_each_language():
    pkg = minimal_with_source_fact()
    en = Language("en", source_titles(pkg.descriptor, "en", pkg.table("facts")))
    ru = Language("ru", source_titles(pkg.descriptor, "ru", pkg.table("facts")))
    kk = Language("kk", source_titles(pkg.descriptor, "kk", pkg.table("facts")))
    assert en.source("") == "Source: SYNTHETIC Examplia mission statement"
    assert ru.source("") == "Источник: SYNTHETIC Заявление миссии в Экзамплии"
    # no Kazakh label: the English one, never nothing
    assert kk.source_titles[DEFAULT_SOURCE] == "SYNTHETIC Examplia mission statement"


def test_without_the_fact_a_row_says_its_package_names_no_source():
    files = {p.name: p.read_bytes() for p in MINIMAL.glob("*.csv")}
    pkg = load_files(files)
    assert DEFAULT_SOURCE not in source_titles(pkg.descriptor, "en", pkg.table("facts"))


def test_the_pack_and_its_sources_name_the_source_fact():
    pkg = minimal_with_source_fact()
    L = Language("en", source_titles(pkg.descriptor, "en", pkg.table("facts")))
    pack = briefing.html_pack(pkg, L)
    sources_part = pack[pack.index("<h2>Sources"):]
    assert "<p>SYNTHETIC Examplia mission statement</p>" in sources_part


def test_a_package_without_a_descriptor_is_not_described_in_tenge():
    descriptor = effective(None, [])
    words = " ".join(str(r.get(k, "")) for r in descriptor["resources"] for k in r if k.startswith("description"))
    tenge_columns = ("raised_kzt", "spent_kzt", "currency")  # the bundled package's own, in tenge by name
    fields = " ".join(str(f.get(k, "")) for r in descriptor["resources"] for f in r["schema"]["fields"]
                      if f["name"] not in tenge_columns for k in f if k.startswith("description"))
    for bundled in ("tenge", "теңге", "тенге", "Central Election Commission", "three languages", "in Kazakh, with an English gloss"):
        assert bundled not in words
        assert bundled not in fields


def test_the_data_page_names_the_source_fact_in_the_readers_language():
    from tests.apptest import open_page_with

    app = open_page_with(minimal_with_source_fact(), "views/data_sources.py", lang="ru")
    captions = [c.value.replace("\\", "") for c in app.caption]  # shown as text: markdown escaped
    assert "Источник: SYNTHETIC Заявление миссии в Экзамплии" in captions
    assert not app.exception
