"""Numbers, percentages, amounts and dates in the reader's locale, by Babel (CLDR), never by hand."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_compact_decimal, format_decimal, format_percent


def number(value: float, locale: str, decimals: int | None = None) -> str:
    """11915903 -> '11,915,903' (en) or '11 915 903' (kk, ru); decimals=None keeps those published."""
    if decimals is None:
        return format_decimal(Decimal(str(value)), locale=locale, decimal_quantization=False)
    return format_decimal(round(value, decimals), format=_pattern(decimals), locale=locale)


def percent(value_pct: float, locale: str, decimals: int | None = None) -> str:
    """28.8 (per cent) -> '28.8%' (en), '28,8%' (kk), '28,8 %' (ru)."""
    if decimals is None:
        # Decimal keeps 28.8 / 100 exactly 0.288, so no float noise reaches the reader.
        return format_percent(Decimal(str(value_pct)) / 100, locale=locale, decimal_quantization=False)
    # The locale's own pattern with the decimals asked for: Russian keeps its space before the sign.
    pattern = Locale.parse(locale).percent_formats[None].pattern.replace("#,##0", _pattern(decimals), 1)
    return format_percent(round(value_pct, decimals) / 100, format=pattern, locale=locale)


def points(value: float, locale: str, decimals: int = 0) -> str:
    """A signed difference, like '+30' or '−4', with a real minus sign."""
    text = number(abs(value), locale, decimals)
    if round(value, decimals) == 0:
        return text
    return ("+" if value > 0 else "\u2212") + text


def compact(value: float, locale: str, digits: int = 1) -> str:
    """637000000 -> '637M' (en) or '637 млн' (kk, ru): for axis ticks and bar labels."""
    return format_compact_decimal(value, locale=locale, fraction_digits=digits)


def date(value: dt.date, locale: str, style: str = "long") -> str:
    """2021-01-10 -> 'January 10, 2021' (en), '2021 ж. 10 қаңтар' (kk), '10 января 2021 г.' (ru)."""
    if isinstance(value, dt.datetime):  # pandas Timestamps too
        value = value.date()
    return format_date(value, style, locale=locale)


def _pattern(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


def is_whole(value: float) -> bool:
    return math.isfinite(value) and float(value).is_integer()
