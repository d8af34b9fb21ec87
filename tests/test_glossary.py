"""The catalogues follow the glossary (observer/locales/glossary.csv): wherever an English entry uses a
domain term, its Kazakh and Russian entries use the glossary's term (matched by a stem pattern, so any
case ending passes); the Kazakh terms quoted from the statement are the statement's."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from observer.i18n import DEFAULT_LANGUAGE, LOCALES, catalogue

GLOSSARY = LOCALES / "glossary.csv"
STATEMENT = Path(__file__).resolve().parent.parent / "docs" / "statement-kk.txt"
COLUMNS = ["en", "kk", "ru", "kk_in_statement", "en_match", "kk_match", "ru_match", "note"]

# (glossary term, catalogue key): where an entry rightly does without the term.
# An entry goes here with the reason it may do without the glossary's term.
EXCEPTIONS: set[tuple[str, str]] = {
    # Krippendorff's thresholds of inter-coder reliability, not the electoral threshold (кедергі, барьер)
    ("threshold", "segments.reliability_thresholds"),
}


def glossary() -> list[dict[str, str]]:
    with GLOSSARY.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def without_placeholders(text: str) -> str:
    """The words an entry shows: placeholders out, the noun forms of a plural filter kept
    ({seats|plural:мандата,мандатов} -> 'мандата мандатов')."""
    text = re.sub(r"\{\w+\|plural:([^{}]*)\}", lambda m: " " + m[1].replace(",", " ") + " ", text)
    return re.sub(r"\{[^{}]*\}", " ", text)


def mismatches(terms, catalogues: dict[str, dict[str, str]], exceptions=frozenset()) -> list[str]:
    """Every (term, key, language) where the English entry uses the term and the translation does not."""
    found = []
    english = catalogues[DEFAULT_LANGUAGE]
    for term in terms:
        pattern = re.compile(term["en_match"], re.IGNORECASE)
        for key, text in english.items():
            if (term["en"], key) in exceptions or not pattern.search(without_placeholders(text)):
                continue
            for code in ("kk", "ru"):
                translated = catalogues[code].get(key, "")
                if not re.search(term[f"{code}_match"], without_placeholders(translated), re.IGNORECASE):
                    found.append(f"{term['en']!r} in {key}: {code} should say {term[code]!r}, says {translated!r}")
    return found


def test_glossary_is_well_formed():
    terms = glossary()
    assert len(terms) >= 15
    assert list(terms[0]) == COLUMNS
    for term in terms:
        assert term["en"] and term["kk"] and term["ru"], term
        for code in ("en", "kk", "ru"):
            re.compile(term[f"{code}_match"])
        # the glossary's own term matches its pattern
        assert re.search(term["kk_match"], term["kk"], re.IGNORECASE), term["en"]
        assert re.search(term["ru_match"], term["ru"], re.IGNORECASE), term["en"]
        assert re.search(term["en_match"], term["en"], re.IGNORECASE), term["en"]
    names = [t["en"] for t in terms]
    assert len(names) == len(set(names))
    for required in ("institutional activities", "percentage point", "registration deposit", "campaign fund",
                     "threshold", "party list", "news coverage", "tone", "election commission",
                     "Central Election Commission", "polling station", "candidate", "citizen observer",
                     "campaign silence", "turnout"):
        assert required in names, required


def test_catalogues_follow_the_glossary():
    catalogues = {code: catalogue(code) for code in ("en", "kk", "ru")}
    problems = mismatches(glossary(), catalogues, EXCEPTIONS)
    assert not problems, "\n".join(problems)


def test_exceptions_are_still_needed():
    """An exception whose entry now uses the term, or whose key is gone, is dropped from the list."""
    catalogues = {code: catalogue(code) for code in ("en", "kk", "ru")}
    terms = {t["en"]: t for t in glossary()}
    for name, key in EXCEPTIONS:
        assert key in catalogues["en"], key
        assert mismatches([terms[name]], catalogues), f"({name!r}, {key!r}) is no longer an exception"


def test_the_check_catches_a_wrong_term():
    """The check itself: a Kazakh entry with the old 'пайыздық пункт' and a Russian entry with 'залог'
    alone are found; the glossary's terms in any case ending pass."""
    terms = [t for t in glossary() if t["en"] in ("percentage point", "registration deposit")]
    catalogues = {
        "en": {"a": "Difference ({points} points)", "b": "Registration deposits", "c": "Nothing here"},
        "kk": {"a": "Айырма (пайыздық пункт)", "b": "Ақшалай депозиттер", "c": "пайыздық пункт"},
        "ru": {"a": "Разница (п. п.)", "b": "Регистрационные залоги", "c": "залог"},
    }
    found = mismatches(terms, catalogues)
    assert len(found) == 2
    assert "'percentage point' in a: kk" in found[0] and "'registration deposit' in b: ru" in found[1]
    catalogues["kk"]["a"] = "Айырма (пайыздық тармақпен)"
    catalogues["ru"]["b"] = "Избирательные залоги"
    assert mismatches(terms, catalogues) == []


@pytest.mark.skipif(not STATEMENT.is_file(), reason="the statement's Kazakh text is not in docs/")
def test_kazakh_terms_quoted_are_the_statements():
    text = STATEMENT.read_text(encoding="utf-8")
    text = re.sub(r"(?<=\S)-[ \t]*\n\s*", "-", text)
    text = re.sub(r"\s+", " ", text).lower()
    for term in glossary():
        quote = term["kk_in_statement"]
        if quote:
            assert quote.lower() in text, f"{term['en']}: {quote!r} is not in the statement"
