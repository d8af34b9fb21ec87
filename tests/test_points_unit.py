"""A difference in percentage points keeps its number and its unit on one line, in chart titles (wrapped by
observer.charts.style.wrap) and in the findings (wrapped by the browser): «+30 п. п.» in Russian,
«+30 пайыздық тармақ» in Kazakh, joined by no-break spaces."""

from __future__ import annotations

import pytest

from observer import formatting
from observer.charts.style import wrap
from observer.i18n import Language

NBSP = "\u00a0"
# The unit as each catalogue writes it after the number, worked out by hand (no-break spaces inside).
UNIT = {"ru": f"{NBSP}п.{NBSP}п.", "kk": f"{NBSP}пайыздық{NBSP}тармақ"}
KEYS = ["tv.gap_title_rise", "tv.gap_title_fall", "overview.finding_tv_gap_up", "overview.finding_tv_gap_down"]


def test_points_is_a_signed_number_without_a_breakable_space():
    assert formatting.points(30, "ru") == "+30"
    assert formatting.points(-4.25, "kk", 1) == "\u22124,2"
    assert formatting.points(0, "en") == "0"
    assert " " not in formatting.points(-1234.5, "ru", 1)  # a group separator, were there one, is a no-break one


@pytest.mark.parametrize("lang", ["ru", "kk"])
@pytest.mark.parametrize("key", KEYS)
def test_the_unit_sticks_to_its_number(lang, key):
    L = Language(lang)
    text = L(key, party="Нұр Отан", channel="Хабар", value=L.percent(48), campaign=L.percent(18),
             institutional=L.percent(48), points=L.points(30))
    assert f"+30{UNIT[lang]}" in text, text
    # However narrow the line, no wrap falls between the number and its unit, nor inside the unit.
    for width in range(20, 80):
        assert any(f"+30{UNIT[lang]}" in line for line in wrap(text, width)), (width, wrap(text, width))


@pytest.mark.parametrize("lang", ["ru", "kk"])
@pytest.mark.parametrize("key", ["tv.deviation_title_above", "tv.deviation_title_below"])
def test_the_unit_sticks_to_its_number_above_an_equal_share(lang, key):
    L = Language(lang)
    text = L(key, measure="x", party="A", channel="B", value=L.percent(48), equal=L.percent(20), points=L.number(28))
    assert f"28{UNIT[lang]}" in text, text
