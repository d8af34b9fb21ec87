"""Numbers, percentages, amounts and dates in the reader's locale, by Babel (CLDR), never by hand.

Number style (one policy for every page, chart and briefing)
------------------------------------------------------------
* Figures from the statement keep the decimals it publishes (28.8%, 212.5 million): ``number`` and
  ``percent`` with ``decimals=None``, which never adds float noise.
* One set of values (the bars of a chart, the cells of a column, the numbers of one sentence) shows
  the same number of decimals: :func:`common_decimals` picks it (the most any value needs, capped),
  :func:`numbers` and :func:`percents` format a whole set with it. 28.8, 30 and 25 show as 28.8, 30.0
  and 25.0, not 28.8, 30 and 25.
* Large amounts are compact. In a sentence (``form="text"``), a million and more: English in words,
  "33.9 billion", "637 million"; Kazakh and Russian abbreviated as their press writes them,
  "33,9 млрд", "637 млн"; below a million the full number, "637,500". On an axis tick or a bar label
  (``form="short"``, the default, where space is short): CLDR's short forms "637M", "618K",
  "637 млн", "618 тыс."; Kazakh writes мың in full ("618 мың"), since CLDR's "м." reads as metres.
* A converted amount (tenge to euro at the statement's rate) is rounded to three significant figures
  (:func:`significant`) and marked approximate (``Language.converted``: "about €1.25 million",
  "шамамен 1,25 млн еуро", "примерно 1,25 млн евро"). A figure the statement gives as "about" keeps
  its "about" (``Fact.display``, ``Language.about``).
* Hours of airtime computed from a coded log (observer.charts.segments.hours_decimals): one set of
  decimals for a chart or a sentence, from its largest value: two below an hour ("0.45 h", where one
  decimal would print "0.0 h" for two minutes), one below 100 hours ("12.5 h"), none above ("1,234 h").
* Dates: one style per locale, CLDR's long date: "10 January 2021" (English as the mission writes it,
  day before month: CLDR's en_GB), "2021 ж. 10 қаңтар", "10 января 2021 г.". Where space is short
  (chart ticks) ``style="medium"`` gives "10 Jan 2021", "10 янв. 2021 г."; Kazakh keeps the long form
  there too, because an abbreviated month (қаң.) can take no case ending ("14 желтоқсаннан бастап").
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_compact_decimal, format_decimal, format_percent

# A set of values shows at most this many decimals unless the caller asks for more.
MAX_DECIMALS = 1
MILLION = 1_000_000
# The CLDR locale whose dates a language's pages use: the mission writes English dates day first.
DATE_LOCALES = {"en": "en_GB"}


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


def decimals_of(value: float) -> int:
    """The decimals a value needs as written: 28.8 -> 1, 30 -> 0, 1.25 -> 2 (no float noise: 0.1 + 0.2 -> 1
    only after rounding to 10 places)."""
    if not math.isfinite(value):
        return 0
    text = format(Decimal(str(round(float(value), 10))).normalize(), "f")
    return len(text.partition(".")[2])


def common_decimals(values, max_decimals: int = MAX_DECIMALS) -> int:
    """One number of decimals for a set of values: the most any of them needs, at most ``max_decimals``.
    [28.8, 30, 25] -> 1; [54, 26, 20] -> 0; [1.25, 3.5] -> 1 (capped), with max_decimals=2 -> 2."""
    return min(max((decimals_of(v) for v in values if v is not None and math.isfinite(v)), default=0),
               max_decimals)


def numbers(values, locale: str, max_decimals: int = MAX_DECIMALS) -> list[str]:
    """A set of values with the same decimals: [28.8, 30, 25] -> ['28.8', '30.0', '25.0']."""
    values = list(values)
    decimals = common_decimals(values, max_decimals)
    return [number(v, locale, decimals) for v in values]


def percents(values, locale: str, max_decimals: int = MAX_DECIMALS) -> list[str]:
    """A set of percentages with the same decimals: [28.8, 30] -> ['28,8%', '30,0%'] (kk)."""
    values = list(values)
    decimals = common_decimals(values, max_decimals)
    return [percent(v, locale, decimals) for v in values]


def significant(value: float, figures: int = 3) -> float:
    """Round to ``figures`` significant figures: 1254.9 -> 1250, 66470588 -> 66500000, 1.2549 -> 1.25,
    0 -> 0. For converted amounts, whose precision is the rate's, not the published figure's."""
    if value == 0 or not math.isfinite(value):
        return value
    digits = figures - int(math.floor(math.log10(abs(value)))) - 1
    rounded = round(value, digits)
    return int(rounded) if float(rounded).is_integer() else rounded


def compact(value: float, locale: str, digits: int = 1, form: str = "short") -> str:
    """A large amount, compact. ``form="short"`` for ticks and bar labels: 637000000 -> '637M' (en),
    '637 млн' (kk, ru); 618000 -> '618K', '618 мың', '618 тыс.'. ``form="text"`` for sentences:
    '637 million' (en), '637 млн' (kk, ru), and below a million the full number, '618,000'.
    ``digits``: at most this many decimals (CLDR drops trailing zeros)."""
    if form not in ("short", "text"):
        raise ValueError(f"compact form is 'short' or 'text', not {form!r}")
    language = locale.split("_")[0]
    if form == "text" and abs(value) < MILLION:
        return number(round(value), locale, 0)
    if form == "text" and language == "en":
        return format_compact_decimal(value, format_type="long", locale=locale, fraction_digits=digits)
    text = format_compact_decimal(value, locale=locale, fraction_digits=digits)
    if language == "kk" and text.endswith("м.") and text[-3:-2] in ("\u00a0", " "):
        text = text[: -len("м.")] + "мың"
    return text


def compacts(values, locale: str, decimals: int | None = None, max_decimals: int = 2) -> list[str]:
    """A set of large amounts (one chart's bar labels, an axis's ticks) compact with one unit and one number
    of decimals, taken from the largest: [637e6, 72e6, 80.3e6] -> ['637M', '72M', '80M'];
    [1.249e6, 523e3] -> ['1.25M', '0.52M']; [0, 250e3, 1.25e6] with ``decimals=None`` -> three significant
    figures for the largest. ``decimals`` fixes the decimals instead (ticks pass their common decimals)."""
    values = [float(v) for v in values]
    scale, decimals = compact_style(values, decimals, max_decimals)
    if scale == 1:
        return [number(v, locale, decimals) for v in values]
    unit = compact(scale, locale, 0)  # '1M', '1 млн', '1 мың'
    return [number(0, locale, 0) if v == 0 else unit.replace("1", number(v / scale, locale, decimals), 1)
            for v in values]


def compact_style(values, decimals: int | None = None, max_decimals: int = 2) -> tuple[float, int]:
    """The unit and the decimals :func:`compacts` writes a set of amounts with."""
    largest = max((abs(float(v)) for v in values if math.isfinite(float(v))), default=0.0)
    scale = unit_of(largest)
    if decimals is None:
        mantissa = largest / scale
        decimals = 0 if mantissa >= 100 or scale == 1 else 1 if mantissa >= 10 else 2
    return scale, min(decimals, max_decimals)


def as_compacted(values, decimals: int | None = None, max_decimals: int = 2) -> list[float]:
    """The amounts as :func:`compacts` shows them (1,574,336 beside 17.1M is 1.6M), for a sentence that
    names a bar's amount: the sentence says the number the bar's label says."""
    values = [float(v) for v in values]
    scale, decimals = compact_style(values, decimals, max_decimals)
    return [round(v / scale, decimals) * scale for v in values]


def unit_of(largest: float) -> float:
    """The compact unit an amount is written in: 1e9, 1e6, 1e3 or 1 (637e6 -> 1e6, 600e3 -> 1e3)."""
    return next((step for step in (1e9, 1e6, 1e3) if abs(largest) >= step), 1.0)


def tick_decimals(values, scale_of=None) -> int:
    """The decimals a set of ticks needs in the unit of the largest: [0, 250e3, 500e3, 1e6, 1.25e6] -> 2."""
    values = [float(v) for v in values]
    largest = max((abs(v) for v in values), default=0.0)
    scale = unit_of(largest)
    return common_decimals([v / scale for v in values], 2)


def date(value: dt.date, locale: str, style: str = "long") -> str:
    """2021-01-10 -> '10 January 2021' (en), '2021 ж. 10 қаңтар' (kk), '10 января 2021 г.' (ru).
    ``style="medium"`` where space is short: '10 Jan 2021', '10 янв. 2021 г.'; Kazakh stays long."""
    if isinstance(value, dt.datetime):  # pandas Timestamps too
        value = value.date()
    if locale.split("_")[0] == "kk" and style == "medium":
        style = "long"
    # The day stays with its month on one line ('4 / December' is broken typography in every language here);
    # CLDR already holds the year and 'г.' / 'ж.' together with a narrow no-break space.
    return DAY_AND_MONTH.sub("\u00a0", format_date(value, style, locale=DATE_LOCALES.get(locale, locale)))


DAY_AND_MONTH = re.compile(r"(?<=\d) (?=[^\W\d])")  # a space between a number and a word


def currency_name(code: str, locale: str, count: float | None = None, capital: bool = False) -> str:
    """A currency's CLDR name in the locale, for ``count`` of it: ('GEL', 'en', 5) -> 'Georgian laris',
    ('GEL', 'ru', 5) -> 'грузинских лари'; ``capital``: its display name, 'Georgian Lari', 'Грузинский лари'.
    A code CLDR does not know is shown as the code."""
    from babel.numbers import get_currency_name

    try:
        name = get_currency_name(code, None if capital else count, locale=locale)
    except (ValueError, LookupError):
        return code
    return name[:1].upper() + name[1:] if capital else name


def _pattern(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")

