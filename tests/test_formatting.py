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


@pytest.mark.parametrize("locale, expected", [("en", "10 January 2021"), ("ru", "10 января 2021 г."),
                                              ("kk", "2021 ж. 10 қаңтар")])
def test_dates(locale, expected):
    # CLDR puts no-break (narrow) spaces in dates; compare the words.
    text = formatting.date(dt.date(2021, 1, 10), locale)
    assert " ".join(text.replace(NBSP, " ").replace("\u202f", " ").split()) == expected


# --- the number-style policy (formatting's docstring) ---------------------------------------------------

def test_common_decimals_for_a_set_of_values():
    assert formatting.common_decimals([28.8, 30, 25]) == 1
    assert formatting.common_decimals([54, 26, 20]) == 0
    assert formatting.common_decimals([1.25, 3.5]) == 1            # capped at MAX_DECIMALS
    assert formatting.common_decimals([1.25, 3.5], max_decimals=2) == 2
    assert formatting.common_decimals([0.1 + 0.2, 1]) == 1          # no float noise
    assert formatting.common_decimals([]) == 0


def test_a_set_shows_one_number_of_decimals():
    assert formatting.numbers([28.8, 30, 25], "en") == ["28.8", "30.0", "25.0"]
    assert formatting.percents([28.8, 30], "kk") == ["28,8%", "30,0%"]
    assert formatting.percents([28.8, 30], "ru") == [f"28,8{NBSP}%", f"30,0{NBSP}%"]
    assert formatting.percents([54, 26], "en") == ["54%", "26%"]


@pytest.mark.parametrize("value, expected", [(1254.9, 1250), (66_470_588, 66_500_000), (1.2549, 1.25),
                                             (637_500 / 510, 1250), (0, 0), (-418_123, -418_000)])
def test_three_significant_figures(value, expected):
    assert formatting.significant(value) == expected


@pytest.mark.parametrize("locale, billions, millions, thousands", [
    ("en", "33.9 billion", "637 million", "637,500"),
    ("kk", f"33,9{NBSP}млрд", f"637{NBSP}млн", f"637{NBSP}500"),
    ("ru", f"33,9{NBSP}млрд", f"637{NBSP}млн", f"637{NBSP}500"),
])
def test_compact_in_a_sentence(locale, billions, millions, thousands):
    assert formatting.compact(33.9e9, locale, form="text") == billions
    assert formatting.compact(637e6, locale, form="text") == millions
    assert formatting.compact(637_500, locale, form="text") == thousands


@pytest.mark.parametrize("locale, expected", [("en", "618K"), ("kk", f"618{NBSP}мың"), ("ru", f"618{NBSP}тыс.")])
def test_compact_thousands_on_a_label(locale, expected):
    # Kazakh writes мың in full: CLDR's "618 м." reads as metres
    assert formatting.compact(618_000, locale) == expected


def test_compact_form_is_checked():
    with pytest.raises(ValueError):
        formatting.compact(1e6, "en", form="long")


@pytest.mark.parametrize("locale, expected", [("en", "14 Dec 2020"), ("ru", "14 дек. 2020 г."),
                                              ("kk", "2020 ж. 14 желтоқсан")])
def test_medium_dates_and_kazakh_keeps_the_month_whole(locale, expected):
    text = formatting.date(dt.date(2020, 12, 14), locale, "medium")
    assert " ".join(text.replace(NBSP, " ").replace("\u202f", " ").split()) == expected


def test_a_dates_day_stays_with_its_month():
    """At 768 px a card broke '4 December / 2020' well, but '2020 ж. 4 / желтоқсан' and '8 / января' badly:
    the day and its month are held together (a no-break space); CLDR's own narrow no-break space keeps the
    year with 'г.' and 'ж.'."""
    import datetime as dt

    from observer.formatting import date

    assert date(dt.date(2020, 12, 4), "en") == "4\u00a0December 2020"
    assert date(dt.date(2021, 1, 8), "ru") == "8\u00a0января 2021\u202fг."
    assert date(dt.date(2020, 12, 4), "kk") == "2020\u202fж. 4\u00a0желтоқсан"
