"""Catalogues: every language has every key, with the same placeholders, and none is left untranslated."""

import re
import string

import pytest

from observer.i18n import DEFAULT_LANGUAGE, Language, available_languages, catalogue

OTHER_LANGUAGES = [code for code in available_languages() if code != DEFAULT_LANGUAGE]
# Words that are the same in every language: proper names, units and codes.
SAME_IN_EVERY_LANGUAGE = re.compile(r"^[\s\W\d{}]*(KZT|EUR|HHI|CSV|PNG|SVG|KTK|Observer|€)?[\s\W\d{}]*$")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_default_catalogue_is_not_empty():
    assert len(catalogue(DEFAULT_LANGUAGE)) > 10


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
        assert placeholders(text) == placeholders(english[key]), key
        if text == english[key]:
            assert SAME_IN_EVERY_LANGUAGE.match(text), f"{code} {key} is left in English: {text!r}"


def test_missing_key_falls_back_to_english_then_to_the_key():
    assert Language("xx").code == DEFAULT_LANGUAGE
    assert Language("en")("no.such_key") == "no.such_key"


def test_values_are_filled_in():
    assert Language("en")("common.source", source="«БАҚ»") == "Source: «БАҚ»"
