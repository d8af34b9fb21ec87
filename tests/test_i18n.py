"""Catalogues: every language has every key, with the same placeholders, and none is left untranslated;
citations of the statement read correctly in every language."""

import json
import re

import pandas as pd
import pytest

from observer.package import contract
from observer.i18n import (CITATION, DEFAULT_LANGUAGE, EXTERNAL, FILTERED, LOCALES, Language, available_languages,
                           catalogue, display_heading, expand, placeholder_names, source_titles)

OTHER_LANGUAGES = [code for code in available_languages() if code != DEFAULT_LANGUAGE]
CATALOGUE_FILES = sorted(f.stem for f in (LOCALES / DEFAULT_LANGUAGE).glob("*.json"))
# Words that are the same in every language: proper names, units and codes.
SAME_IN_EVERY_LANGUAGE = re.compile(r"^[\s\W\d]*(KZT|EUR|HHI|CSV|PNG|SVG|KTK|Observer|€)?[\s\W\d]*$")
# Placeholders a translation may leave out: the English gloss of a Kazakh section heading means
# nothing to a reader of Kazakh or Russian, who reads the heading itself.
MAY_OMIT: dict[str, set[str]] = {}
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z_]*[A-Za-z]")
# Latin words a translation may contain: codes, file and table names, encodings, markup.
LATIN_ALLOWED = {"KZT", "EUR", "CSV", "xlsx", "zip", "json", "datapackage", "parties", "channels", "tv_coverage",
                 "tv_segments", "parquet", "UTF", "Windows", "Observer", "br", "HTML", "PDF", "PNG", "SVG", "HHI",
                 "KTK", "URL", "PowerPoint", "Chromium"}
LATIN_ALLOWED |= {r["name"] for r in contract()["resources"]}  # table names and column names: codes
LATIN_ALLOWED |= {f["name"] for r in contract()["resources"] for f in r["schema"]["fields"]}


def placeholders(text: str) -> set[str]:
    """The values an entry needs: {count|ablative} needs count."""
    return placeholder_names(text)


def without_placeholders(text: str) -> str:
    return re.sub(r"\{[^{}]*\}", "", text)


def test_default_catalogue_is_not_empty():
    assert len(catalogue(DEFAULT_LANGUAGE)) > 10


def test_kazakh_and_russian_are_available():
    assert {"kk", "ru"} <= set(OTHER_LANGUAGES)


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
@pytest.mark.parametrize("name", CATALOGUE_FILES)
def test_every_catalogue_file_in_every_language(code, name):
    path = LOCALES / code / f"{name}.json"
    assert path.is_file(), f"{code} has no {name}.json: its pages would show English"
    english = json.loads((LOCALES / DEFAULT_LANGUAGE / f"{name}.json").read_text(encoding="utf-8"))
    entries = json.loads(path.read_text(encoding="utf-8"))
    assert not set(english) - set(entries), f"{code}/{name}.json lacks {sorted(set(english) - set(entries))}"
    assert not set(entries) - set(english), f"{code}/{name}.json has keys English lacks: {sorted(set(entries) - set(english))}"


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_every_key_in_every_language(code):
    missing = set(catalogue(DEFAULT_LANGUAGE)) - set(catalogue(code))
    extra = set(catalogue(code)) - set(catalogue(DEFAULT_LANGUAGE))
    assert not missing, f"{code} lacks {sorted(missing)}"
    assert not extra, f"{code} has keys English lacks: {sorted(extra)}"


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_same_placeholders_and_translated(code):
    english = catalogue(DEFAULT_LANGUAGE)
    for key, text in catalogue(code).items():
        if key not in english:
            continue  # reported by test_every_key_in_every_language
        expected = placeholders(english[key])
        assert placeholders(text) <= expected, f"{code} {key} uses placeholders English lacks"
        assert expected - placeholders(text) <= MAY_OMIT.get(key, set()), f"{code} {key} drops a placeholder"
        if text == english[key]:
            assert SAME_IN_EVERY_LANGUAGE.match(without_placeholders(text)), f"{code} {key} is left in English: {text!r}"


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_no_english_words_in_translations(code):
    """Kazakh and Russian are written in Cyrillic: a Latin word is an English leftover unless it is a code."""
    for key, text in catalogue(code).items():
        text = re.sub(r"\b[a-z_]+=[\w,]+", " ", without_placeholders(text))  # a link parameter: present=1
        text = re.sub(r"\b[a-z]+(?:_[a-z0-9]+)+\b", " ", text)  # a column or fact id: prime_time_start
        words = set(LATIN_WORD.findall(text)) - LATIN_ALLOWED
        assert not words, f"{code} {key} has Latin words {sorted(words)}: {text!r}"


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_translations_format(code):
    """Every entry formats with its English placeholders filled in (no stray braces, no unknown filter)."""
    english = catalogue(DEFAULT_LANGUAGE)
    for key, text in catalogue(code).items():
        values = {name: "1" for name in placeholders(english.get(key, text))}
        expand(text, values, code)


@pytest.mark.parametrize("code", available_languages())
def test_filters_fit_the_language(code):
    """Kazakh case filters only in Kazakh; plural filters give the language's number of forms."""
    forms = {"en": 2, "ru": 3, "kk": 0}
    for key, text in catalogue(code).items():
        for match in FILTERED.finditer(text):
            if match["filter"] in ("plural", "form"):
                assert len(match["args"].split(",")) in (forms[code], forms[code] + 1), f"{code} {key}: {text!r}"
            elif match["filter"] == "quoted":  # any language's
                assert match["args"] is None, f"{code} {key}: {text!r}"
            else:
                assert code == "kk", f"{code} {key} uses the Kazakh case filter {match.group(0)}"


def test_missing_key_falls_back_to_english_then_to_the_key():
    assert Language("xx").code == DEFAULT_LANGUAGE
    assert Language("en")("no.such_key") == "no.such_key"


def test_values_are_filled_in():
    assert Language("en")("common.source", source="«БАҚ»") == "Source: «БАҚ»"


# --- citations ----------------------------------------------------------------------------------------

def _all_sources(pkg) -> list[str]:
    """Every distinct citation in the package's source columns; a row citing several joins them with
    '; ' (as charts do), and each is rewritten on its own (Language.source)."""
    found = []
    for frame in pkg.tables.values():
        if "source" in frame.columns:
            found += [part for s in frame["source"] if isinstance(s, str) and s for part in s.split("; ")]
    return sorted(set(found))


def test_every_source_is_a_citation_the_languages_can_rewrite(pkg):
    sources = _all_sources(pkg)
    assert len(sources) > 10
    for source in sources:
        assert source.startswith(EXTERNAL) or CITATION.match(source), f"not of the citation form: {source!r}"


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_citations_read_correctly(pkg, code):
    """Every distinct source in data/*.csv, rewritten: the Kazakh heading kept, no English gloss, no
    English 'paragraph'/'footnote'/'and', each number once, in order."""
    from observer.i18n import source_titles

    L = Language(code, source_titles=source_titles(pkg.descriptor, code))
    for source in _all_sources(pkg):
        text = L.source(source)
        assert not LATIN_WORD.search(text.replace("IFES ElectionGuide", "")), f"{code}: {text!r} from {source!r}"
        assert text.startswith(L("common.source", source="")), text
        match = CITATION.match(source)
        if match:
            heading = display_heading(match["heading"])
            assert f"«{heading}»" in text
            assert re.findall(r"\d+", match["parts"]) == re.findall(r"\d+", text.replace(heading, ""))
        else:
            assert L.source_titles.get(source[len(EXTERNAL):]) in text


def test_citation_forms():
    kk, ru = Language("kk"), Language("ru")
    one = "«БАҚ» (Media), paragraph 6, footnote 49"
    pair = "«БАҚ» (Media), paragraph 6, footnotes 49 and 50"
    assert kk.citation(one) == "«БАҚ» бөлімі, 6‑азат\u00a0жол, 49‑ескертпе"
    assert ru.citation(one) == "раздел «БАҚ», абзац\u00a06, сноска\u00a049"
    assert kk.citation(pair) == "«БАҚ» бөлімі, 6‑азат\u00a0жол, 49- және 50‑ескертпелер"
    assert ru.citation(pair) == "раздел «БАҚ», абзац\u00a06, сноски\u00a049 и\u00a050"
    only_footnote = "«Партиялар мен Үміткерлерді Тіркеу» (Party and candidate registration), footnote 22"
    assert ru.citation(only_footnote) == "раздел «Партиялар мен Үміткерлерді Тіркеу», сноска\u00a022"
    assert ru.source(one) == "Источник: раздел «БАҚ», абзац\u00a06, сноска\u00a049"
    assert kk.source(one) == "Дереккөз: «БАҚ» бөлімі, 6‑азат\u00a0жол, 49‑ескертпе"


def test_a_russian_citation_names_the_section_in_russian_with_the_heading_as_printed():
    """The bundled package's "sections" give each heading of the statement in Russian; Kazakh readers
    read the heading itself, English readers the citation's own gloss."""
    from observer.loading.descriptor import contract
    descriptor = contract()
    ru = Language("ru", source_titles=source_titles(descriptor, "ru"))
    kk = Language("kk", source_titles=source_titles(descriptor, "kk"))
    en = Language("en", source_titles=source_titles(descriptor, "en"))
    one = "«БАҚ» (Media), paragraph 6, footnote 49"
    assert ru.citation(one) == "раздел «СМИ» («БАҚ»), абзац\u00a06, сноска\u00a049"
    assert kk.citation(one) == "«БАҚ» бөлімі, 6‑азат\u00a0жол, 49‑ескертпе"
    assert en.citation(one) == "«БАҚ» (Media), paragraph 6, footnote 49"
    cited = "«МИССИЯ ЖӨНІНДЕГІ АҚПАРАТ ПЕН АЛҒЫСТАР» (Mission information and acknowledgements), paragraph 2"
    assert ru.citation(cited) == ("раздел «Информация о миссии и выражение признательности» "
                                  "(«Миссия Жөніндегі Ақпарат пен Алғыстар»), абзац\u00a02")


def test_every_heading_the_bundled_data_cites_has_a_russian_title():
    from observer.loading.descriptor import contract
    from tests.conftest import ROOT
    titles = source_titles(contract(), "ru")
    cited = set()
    for path in (ROOT / "data").glob("*.csv"):
        cited |= set(re.findall(r"«([^»]+)» \((?:[A-Z][a-z][^)]*)\), (?:paragraph|footnote)", path.read_text("utf-8")))
    assert len(cited) == 13
    assert sorted(h for h in cited if "section:" + h not in titles) == []


def test_headings_in_capitals_or_misprinted_are_shown_as_the_others():
    assert display_heading("МИССИЯ ЖӨНІНДЕГІ АҚПАРАТ ПЕН АЛҒЫСТАР") == "Миссия Жөніндегі Ақпарат пен Алғыстар"
    assert display_heading("АЛДЫН АЛА ҚОРЫТЫНДЫЛАР") == "Алдын Ала Қорытындылар"
    assert display_heading("Сайлау Жүйесі және Құқытқық Негіз") == "Сайлау Жүйесі және Құқықтық Негіз"
    assert display_heading("БАҚ") == "БАҚ"
    assert display_heading("Партиялар мен Үміткерлерді Тіркеу") == "Партиялар мен Үміткерлерді Тіркеу"
    cited = "«МИССИЯ ЖӨНІНДЕГІ АҚПАРАТ ПЕН АЛҒЫСТАР» (Mission information and acknowledgements), paragraph 2"
    assert Language("kk").citation(cited) == "«Миссия Жөніндегі Ақпарат пен Алғыстар» бөлімі, 2‑азат\u00a0жол"
    assert Language("ru").citation(cited) == "раздел «Миссия Жөніндегі Ақпарат пен Алғыстар», абзац\u00a02"


@pytest.mark.parametrize("code", ["kk", "ru"])
def test_numbers_and_dates_in_the_locale(code):
    L = Language(code)
    assert L.number(11915903) == "11\u00a0915\u00a0903"
    assert L.percent(28.8).startswith("28,8")
    date = L.date(pd.Timestamp("2021-01-10"))
    assert "2021" in date and not LATIN_WORD.search(date)


# --- placeholders with grammar ------------------------------------------------------------------------

def test_kazakh_case_placeholders_are_expanded():
    assert expand("Үміткерлердің {pct|possessive} әйелдер", {"pct": "28,8%"}, "kk") == "Үміткерлердің 28,8%‑ы әйелдер"
    assert expand("{total} үміткердің {count|possessive}", {"total": "312", "count": "90"}, "kk") == "312 үміткердің 90‑ы"
    assert expand("{a|ablative} {b|dative} дейін", {"a": "15%", "b": "39%"}, "kk") == "15%‑дан 39%‑ға дейін"
    assert expand("{start|ablative} бастап", {"start": "2020 ж. 14 желтоқсан"}, "kk") == "2020 ж. 14 желтоқсаннан бастап"


def test_plural_placeholders_are_expanded():
    text = "за {days|plural:день,дня,дней} до окончания кампании"
    assert expand(text, {"days": "9"}, "ru") == "за 9 дней до окончания кампании"
    assert expand(text, {"days": "21"}, "ru") == "за 21 день до окончания кампании"
    assert expand(text, {"days": "2"}, "ru") == "за 2 дня до окончания кампании"
    assert expand("{n|plural:segment,segments}", {"n": "1"}, "en") == "1 segment"
    # plain placeholders and literal braces beside a filtered one
    assert expand("{{x}} {a} {n|plural:день,дня,дней}", {"a": "{b}", "n": "5"}, "ru") == "{x} {b} 5 дней"


def test_form_placeholders_give_the_agreeing_word_alone():
    text = "{count} из 5 партий {count|form:выдвинула,выдвинули,выдвинули}"
    assert expand(text, {"count": "1"}, "ru") == "1 из 5 партий выдвинула"
    assert expand(text, {"count": "2"}, "ru") == "2 из 5 партий выдвинули"
    assert expand(text, {"count": "21"}, "ru") == "21 из 5 партий выдвинула"


def test_an_unknown_filter_or_a_missing_value_is_an_error():
    with pytest.raises(ValueError):
        expand("{count|vocative}", {"count": "1"}, "kk")
    with pytest.raises(ValueError):
        expand("{count|plural}", {"count": "1"}, "ru")
    with pytest.raises(KeyError):
        expand("{count|ablative}", {}, "kk")


def test_a_value_without_a_number_is_shown_as_it_is():
    assert expand("{pct|possessive} әйелдер", {"pct": "—"}, "kk") == "— әйелдер"
    assert expand("за {days|plural:день,дня,дней}", {"days": "—"}, "ru") == "за —"


def test_placeholder_names_ignore_filters():
    assert placeholder_names("{a|ablative} {b|plural:x,y} {c}") == {"a", "b", "c"}


@pytest.mark.parametrize("code, about, million, converted", [
    ("en", "about 70%", "637 million tenge", "about €1.25 million"),
    ("kk", "шамамен 70%", "637 млн теңге", "шамамен 1,25 млн еуро"),
    ("ru", "примерно 70\u00a0%", "637 млн тенге", "примерно 1,25 млн евро"),
])
def test_amounts_and_approximate_figures(code, about, million, converted):
    L = Language(code)
    assert L.about(L.percent(70)) == about
    assert L.about(L.percent(70), approximate=False) == L.percent(70)
    assert L.amount(637e6) == million
    assert L.converted(637e6 / 510, "EUR") == converted       # 1 249 019.6 euro, three figures


def test_a_citations_number_stays_with_its_word():
    """Source lines broke 'сноска / 13' and '7-азат / жол' at the end of a line: the word and its number (and
    the two words of 'азат жол') are joined by no-break spaces in the catalogues."""
    cited = "«БАҚ» (Media), paragraph 7, footnote 13"
    assert Language("ru").citation(cited).endswith("абзац\u00a07, сноска\u00a013")
    assert "7\u2011азат\u00a0жол" in Language("kk").citation(cited)
