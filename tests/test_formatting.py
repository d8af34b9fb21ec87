"""Locale formats come from Babel; the expected strings are CLDR's, typed here by hand."""

import datetime as dt

import pytest

from observer import formatting

NBSP = "\u00a0"


@pytest.mark.parametrize("locale, expected", [("en", "11,915,903"), ("kk", f"11{NBSP}915{NBSP}903"),
                                              ("ru", f"11{NBSP}915{NBSP}903")])
def test_thousands(locale, expected):
    assert formatting.number(11915903, locale) == expected


@pytest.mark.parametrize("locale, expected", [("en", "28.8%"), ("kk", "28,8%"), ("ru", f"28,8{NBSP}%")])
def test_percent_keeps_published_decimals_without_float_noise(locale, expected):
    assert formatting.percent(28.8, locale) == expected


def test_percent_with_fixed_decimals():
    assert formatting.percent(99.92, "en", 1) == "99.9%"
    assert formatting.percent(54, "en", 0) == "54%"
    # each locale's own pattern, whatever the decimals: Russian writes a no-break space before the sign
    assert formatting.percent(54, "ru", 0) == "54\u00a0%" and formatting.percent(28.84, "ru", 1) == "28,8\u00a0%"
    assert formatting.percent(54, "kk", 0) == "54%"


def test_points_carry_a_sign_and_a_real_minus():
    assert formatting.points(26, "en") == "+26"
    assert formatting.points(-4, "en") == "\u22124"
    assert formatting.points(0, "en") == "0"


@pytest.mark.parametrize("locale, expected", [("en", "637M"), ("ru", f"637{NBSP}млн"), ("kk", f"637{NBSP}млн")])
def test_compact_amounts(locale, expected):
    assert formatting.compact(637_000_000, locale) == expected


@pytest.mark.parametrize("locale, expected", [("en", "January 10, 2021"), ("ru", "10 января 2021 г."),
                                              ("kk", "2021 ж. 10 қаңтар")])
def test_dates(locale, expected):
    # CLDR puts no-break (narrow) spaces in dates; compare the words.
    text = formatting.date(dt.date(2021, 1, 10), locale)
    assert " ".join(text.replace(NBSP, " ").replace("\u202f", " ").split()) == expected
