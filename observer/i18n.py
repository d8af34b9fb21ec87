"""Translation catalogues and the reader's language.

Catalogues are JSON files under locales/<lang>/, one per feature (common.json, tv.json, ...); a key
``tv.title`` is the entry ``title`` of tv.json. The UI's languages are the folders there: adding a
language is one folder of catalogue files named by its language code (locales/ka/common.json, ...); an
entry it lacks is shown in English. Text that belongs to an election (party, channel and fact names,
notes) comes from the data package's columns instead: ``name_<code>`` for any language code, or
``name`` in the package's one language; where the package has no name in the reader's language, the
name it has is shown.

Placeholders
------------
``{name}`` is filled in as given (str.format). Two filters let an entry put grammar that depends on a
number into the catalogue instead of gluing endings to a placeholder:

* ``{name|CASE}`` — Kazakh: the value with its case ending, chosen by ``grammar.kk_case`` from the
  number as read aloud: ``{count|ablative}`` -> ``312-ден``, ``{pct|possessive}`` -> ``28,8%-ы``,
  ``{start|ablative}`` (a date) -> ``2020 ж. 14 желтоқсаннан``. CASE is one of ablative, dative,
  locative, genitive, accusative, possessive, possessive_accusative, possessive_locative, instrumental,
  attributive, locative_attributive, ordinal.
* ``{name|plural:FORM,FORM,...}`` — the value followed by the noun form its number takes, by the
  language's CLDR plural rules (``grammar.plural``). Russian gives one, few, many:
  ``{days|plural:день,дня,дней}`` -> ``9 дней``, ``21 день``, ``2 дня``, ``1,5 дня``;
  English one, other: ``{count|plural:segment,segments}``.
* ``{name|quoted}`` — a name as a proper name in running text, in «» (``grammar.quoted``): Russian
  ``партия {party|quoted}`` -> ``партия «Нур Отан»``; an abbreviation (НПК) or a quoted name is kept.
* ``{name|form:FORM,FORM,...}`` — only the form, without the number, for a word elsewhere in the
  sentence that agrees with it: ``{count} из 5 партий {count|form:выдвинула,выдвинули,выдвинули}``
  -> ``1 из 5 партий выдвинула``, ``2 из 5 партий выдвинули``.

The value of a filtered placeholder is the text the page shows (``L.number(9)``, ``L.percent(28.8)``,
``L.date(...)``): the filter reads the number back from it, so a value is formatted once, in the locale.
A filter the layer does not know is an error, not silent text; a value with no number or word to read
(such as '—' for a missing figure) is shown as it is.
"""

from __future__ import annotations

import json
import re
import string
from functools import cache
from pathlib import Path

import pandas as pd

from observer import formatting, grammar

LOCALES = Path(__file__).resolve().parent / "locales"
# How the language picker names the bundled languages; another language is named by CLDR (Babel).
LANGUAGES = {"en": "English", "kk": "Қазақша", "ru": "Русский"}
DEFAULT_LANGUAGE = "en"

# How the data cites the statement: «Heading» (English gloss), paragraph 6, footnotes 49 and 50
CITATION = re.compile(r"^«(?P<heading>[^»]+)»(?: \((?P<gloss>[^)]*)\))?(?P<parts>(?:, [a-z]+ [\d]+(?: and \d+)?)*)$")
CITATION_PART = re.compile(r"(paragraph|footnotes?) (\d+)(?: and (\d+))?")
EXTERNAL = "Outside the statement: "
# A section heading is cited as the statement prints it, with two exceptions where a citation shows it:
# a heading the statement sets in capitals takes the case of its other headings, and a misprint in a
# heading is corrected. The data keep the printed form, which is what the statement's text holds.
HEADING_MISPRINTS = {"Құқытқық": "Құқықтық"}
HEADING_SMALL_WORDS = {"мен", "пен", "бен", "және", "немесе", "мен/немесе"}
# {name|ablative}, {name|plural:день,дня,дней}
FILTERED = re.compile(r"(?<!\{)\{(?P<name>\w+)\|(?P<filter>\w+)(?::(?P<args>[^{}]*))?\}")


@cache
def catalogue(lang: str) -> dict[str, str]:
    entries = {}
    for file in sorted((LOCALES / lang).glob("*.json")):
        for key, text in json.loads(file.read_text(encoding="utf-8")).items():
            entries[f"{file.stem}.{key}"] = grammar.join_endings(text)
    return entries


def expand(text: str, values: dict, code: str) -> str:
    """Fill in an entry: filtered placeholders ({count|ablative}, {days|plural:день,дня,дней}) by the
    grammar helpers, then the plain ones by str.format."""
    def fill(match: re.Match) -> str:
        name = match["name"]
        if name not in values:
            raise KeyError(name)
        return apply_filter(match, values[name], code).replace("{", "{{").replace("}", "}}")

    return FILTERED.sub(fill, text).format(**values)


def apply_filter(match: re.Match, value, code: str) -> str:
    """One filtered placeholder's text; an unknown filter is an error."""
    kind, args = match["filter"], match["args"]
    if kind in ("plural", "form"):
        if not args:
            raise ValueError(f"{match.group(0)}: {kind} needs its forms, like {{{match['name']}|{kind}:день,дня,дней}}")
        forms = [form.strip() for form in args.split(",")]
    elif kind == "quoted" and args is None:
        return grammar.quoted(value)
    elif kind not in grammar.CASES or args is not None:
        raise ValueError(f"unknown placeholder filter {match.group(0)!r}")
    try:
        if kind == "plural":
            return grammar.plural(value, forms, code)
        if kind == "form":
            return grammar.plural_word(value, forms, code)
        return grammar.kk_case(value, kind)
    except ValueError:
        # A value with no number or word to go by ('—' for a missing figure): shown as it is, never a
        # broken page.
        return str(value)


def placeholder_names(text: str) -> set[str]:
    """The values an entry needs: {count}, {count|ablative} and {count|plural:...} all need count."""
    return {name.split("|")[0] for _, name, _, _ in string.Formatter().parse(text) if name}


def display_heading(heading: str) -> str:
    """A statement's section heading as a citation shows it: «МИССИЯ ЖӨНІНДЕГІ АҚПАРАТ ПЕН АЛҒЫСТАР» ->
    «Миссия Жөніндегі Ақпарат пен Алғыстар» (the case of the statement's other headings, conjunctions
    in lower case), «Сайлау Жүйесі және Құқытқық Негіз» -> «... Құқықтық Негіз»; abbreviations (БАҚ) and
    every other heading as printed."""
    words = heading.split(" ")
    if len(heading) > 5 and heading.isupper() and len(words) > 1:
        words = [w.lower() if w.lower() in HEADING_SMALL_WORDS else w[:1] + w[1:].lower() for w in words]
    return " ".join(HEADING_MISPRINTS.get(w, w) for w in words)


def available_languages() -> dict[str, str]:
    """The UI's languages: every folder of catalogues under LOCALES, the bundled ones first, by code."""
    found = {p.name for p in LOCALES.iterdir() if p.is_dir() and any(p.glob("*.json"))}
    ordered = [c for c in LANGUAGES if c in found] + sorted(found - set(LANGUAGES))
    return {code: LANGUAGES.get(code) or _language_name(code) for code in ordered}


def _language_name(code: str) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(code).get_display_name(code) or code
    except (ValueError, UnknownLocaleError):
        return code
    return name[:1].upper() + name[1:]


def text_in(row: dict, stem: str, code: str, fallbacks: tuple[str, ...] = ()) -> str:
    """A row's text in language ``code``: ``stem_<code>``; else ``stem`` (the package's one language); else
    the other stems in ``fallbacks`` the same way (a short name falls back to the name); else English;
    else the text in any language the row has. Empty only when the row has none."""
    for each in (stem,) + fallbacks:
        for column in (f"{each}_{code}", each, f"{each}_{DEFAULT_LANGUAGE}"):
            value = row.get(column)
            if isinstance(value, str) and value.strip():
                return value
    for each in (stem,) + fallbacks:
        for column, value in row.items():
            if str(column).startswith(each + "_") and isinstance(value, str) and value.strip():
                return value
    return ""


# The key of source_titles under which a package's default citation travels: what a row that cites nothing
# is shown as citing (the first of the package's sources, in the reader's language).
DEFAULT_SOURCE = ""


# The key prefix under which a section heading's title in this language travels in source_titles.
SECTION = "section:"


# The fact whose label, in the reader's language, is the default citation of a package whose datapackage.json
# names no sources (or that has none): a mission that fills in tables only can still say where they come from.
SOURCE_FACT = "source"


def source_titles(descriptor: dict, code: str, facts=None) -> dict[str, str]:
    """A package's source titles in English mapped to their title_<code>, where the descriptor gives one;
    and, under DEFAULT_SOURCE, the citation of a row with none, in this language: the descriptor's first
    source, else the label of the fact ``source`` in ``facts`` (facts.csv as a DataFrame)."""
    sources = [s for s in descriptor.get("sources", []) if isinstance(s, dict)]
    for resource in descriptor.get("resources", []):
        sources += [s for s in resource.get("sources", []) if isinstance(s, dict)]
    titles = {s["title"]: s[f"title_{code}"] for s in sources if s.get("title") and s.get(f"title_{code}")}
    first = next((s for s in descriptor.get("sources", []) if isinstance(s, dict) and s.get("title")), None)
    if first is not None:
        titles[DEFAULT_SOURCE] = str(first.get(f"title_{code}") or first["title"])
    elif facts is not None and "fact" in facts.columns:
        row = next((r for r in facts.to_dict("records") if r.get("fact") == SOURCE_FACT), None)
        label = text_in(row, "label", code) if row else ""
        if label.strip():
            titles[DEFAULT_SOURCE] = label
    # The source's section headings in this language (the package's "sections": heading as printed in
    # the citations, title_<code>), so a citation names its section in the reader's language too.
    for section in descriptor.get("sections", []):
        if isinstance(section, dict) and section.get("heading") and section.get(f"title_{code}"):
            titles[SECTION + str(section["heading"])] = str(section[f"title_{code}"])
    return titles


class Language:
    """Everything language-dependent a page or chart needs: text from the catalogue, names from the
    data, and numbers, percentages and dates in the locale's format."""

    def __init__(self, code: str = DEFAULT_LANGUAGE, source_titles: dict[str, str] | None = None):
        self.code = code if code in available_languages() else DEFAULT_LANGUAGE
        # English titles of outside sources -> this language's, from the package's descriptor
        self.source_titles = source_titles or {}

    def __call__(self, key: str, **values) -> str:
        text = catalogue(self.code).get(key) or catalogue(DEFAULT_LANGUAGE).get(key, key)
        return expand(text, values, self.code) if values else text

    def column(self, stem: str) -> str:
        """The data column holding this language's text: column('name') -> 'name_kk'."""
        return f"{stem}_{self.code}"

    def names(self, table: pd.DataFrame, key: str, stem: str = "name") -> dict[str, str]:
        """Map ids to names in this language, e.g. names(parties, 'party', 'short'): the name in this
        language, else the one the package has (a short name falls back to the name), never empty: a row
        with no name at all keeps its id."""
        fallbacks = ("name",) if stem == "short" else ()
        return {row[key]: text_in(row, stem, self.code, fallbacks) or row[key] for row in table.to_dict("records")}

    def text(self, row: dict, stem: str) -> str:
        """A row's text (label, text, quote) in this language, else in the one the package has."""
        return text_in(row, stem, self.code)

    def number(self, value: float, decimals: int | None = None) -> str:
        return formatting.number(value, self.code, decimals)

    def percent(self, value_pct: float, decimals: int | None = None) -> str:
        return formatting.percent(value_pct, self.code, decimals)

    def points(self, value: float, decimals: int = 0) -> str:
        return formatting.points(value, self.code, decimals)

    def numbers(self, values, max_decimals: int = formatting.MAX_DECIMALS) -> list[str]:
        """A set of values with one number of decimals (formatting.common_decimals)."""
        return formatting.numbers(values, self.code, max_decimals)

    def percents(self, values, max_decimals: int = formatting.MAX_DECIMALS) -> list[str]:
        """A set of percentages with one number of decimals: ['28,8%', '30,0%']."""
        return formatting.percents(values, self.code, max_decimals)

    def compact(self, value: float, digits: int = 1, form: str = "short") -> str:
        """'637M' / '637 млн' on a tick or bar label; form='text' in a sentence: '637 million' / '637 млн'."""
        return formatting.compact(value, self.code, digits, form)

    def date(self, value, style: str = "long") -> str:
        return formatting.date(value, self.code, style)

    def about(self, text: str, approximate: bool = True) -> str:
        """'about 70%' / 'шамамен 70%' / 'примерно 70 %' where the figure is approximate, else as it is."""
        return self("common.approximately", value=text) if approximate else text

    def amount(self, value: float, currency: str = "KZT", approximate: bool = False) -> str:
        """An amount in a sentence: '637 million tenge', '637 млн теңге', '€1.25 million', '637,500 tenge';
        in any other currency by its CLDR name: '12.4 million Georgian laris', '12,4 млн грузинских лари'.
        Millions and billions to three significant figures (at least one decimal kept: 212.5 million)."""
        for scale, word in ((1e9, "billion"), (1e6, "million")):
            if abs(value) >= scale:
                scaled = value / scale
                figures = max(3, len(str(int(abs(scaled)))) + 1)
                text = self.in_currency(f"finance.{word}", currency, value,
                                        amount=self.number(formatting.significant(scaled, figures)))
                break
        else:
            rounded = formatting.significant(value, 3) if approximate else round(value)
            text = self.in_currency("common.amount", currency, rounded, amount=self.number(rounded))
        return self.about(text, approximate)

    def in_currency(self, key: str, currency: str, count: float, **values) -> str:
        """An entry about an amount: its own for the currency (``finance.million_KZT``) where the catalogues
        have one, else the general one (``finance.million_any``) with the currency's CLDR name for ``count``."""
        own = f"{key}_{currency}"
        if own in catalogue(self.code) or own in catalogue(DEFAULT_LANGUAGE):
            return self(own, **values)
        return self(f"{key}_any", currency=formatting.currency_name(currency, self.code, count), **values)

    def currency_label(self, currency: str) -> str:
        """The currency on the switch: 'Tenge (KZT)', 'Georgian Lari (GEL)'."""
        if f"finance.currency_{currency}" in catalogue(DEFAULT_LANGUAGE):
            return self(f"finance.currency_{currency}")
        return self("finance.currency_any", name=formatting.currency_name(currency, self.code, capital=True),
                    code=currency)

    def currency_axis(self, currency: str) -> str:
        """An amount axis's title: 'Tenge', 'Georgian Lari'."""
        if f"finance.axis_{currency}" in catalogue(DEFAULT_LANGUAGE):
            return self(f"finance.axis_{currency}")
        return formatting.currency_name(currency, self.code, capital=True)

    def rate(self, rate: float, currency: str) -> str:
        """'1 EUR ≈ 490 KZT', in this language."""
        return self.in_currency("finance.rate", currency, rate, rate=self.number(rate), code=currency)

    def converted(self, value: float, currency: str) -> str:
        """An amount converted at the statement's rate: three significant figures, marked approximate."""
        return self.amount(formatting.significant(value, 3), currency, approximate=True)

    def title(self, descriptor: dict, default: str = "") -> str:
        """A package's (or resource's) title in this language, where the descriptor gives one."""
        return self.described(descriptor, "title") or default

    def described(self, descriptor: dict, key: str) -> str:
        """A descriptor's text (title, description) in this language: ``key_<code>``, else ``key`` as given.
        The descriptor is the one source of a package's own texts; the catalogues hold only the UI's."""
        return str(descriptor.get(f"{key}_{self.code}") or descriptor.get(key) or "")

    def source(self, source: str) -> str:
        """A row's source citation in this language, prefixed: 'Source: «БАҚ» (Media), paragraph 6'."""
        # Charts join several citations with '; ' (style.source_line): each is rewritten on its own.
        if not str(source or "").strip():  # a row citing nothing cites the package's own source, if it names one
            default = self.source_titles.get(DEFAULT_SOURCE)
            return self("common.source", source=default) if default else self("common.source_none")
        return self("common.source", source="; ".join(self.citation(s) for s in source.split("; ")))

    def citation(self, source: str) -> str:
        """Rewrite a citation of the data's form in this language; anything else is shown as written."""
        if source.startswith(EXTERNAL):
            title = source[len(EXTERNAL):]
            return self("common.cite_external", source=self.source_titles.get(title, title))
        match = CITATION.match(source)
        if not match:
            return source
        # The heading as printed, with its title in the reader's language: from the package's sections,
        # else, in English, the citation's own gloss («БАҚ» (Media)); else the heading alone.
        heading = display_heading(match["heading"])
        gloss = self.source_titles.get(SECTION + match["heading"]) or (match["gloss"] if self.code == "en" else None)
        parts = [self("common.cite_section", heading=heading, gloss=gloss) if gloss
                 else self("common.cite_section_bare", heading=heading)]
        for kind, first, second in CITATION_PART.findall(match["parts"]):
            if second:
                parts.append(self(f"common.cite_{kind}_pair", first=first, second=second))
            else:
                parts.append(self(f"common.cite_{kind.rstrip('s')}", number=first))
        return ", ".join(parts)
