"""Translation catalogues and the reader's language.

Catalogues are JSON files under locales/<lang>/, one per feature (common.json, tv.json, ...); a key
``tv.title`` is the entry ``title`` of tv.json. Text that belongs to an election (party, channel and
fact names, notes) comes from the data package's *_en/*_kk/*_ru columns instead.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pandas as pd

from observer import formatting

LOCALES = Path(__file__).resolve().parent / "locales"
LANGUAGES = {"en": "English", "kk": "Қазақша", "ru": "Русский"}
DEFAULT_LANGUAGE = "en"

# How the data cites the statement: «Heading» (English gloss), paragraph 6, footnotes 49 and 50
CITATION = re.compile(r"^«(?P<heading>[^»]+)»(?: \((?P<gloss>[^)]*)\))?(?P<parts>(?:, [a-z]+ [\d]+(?: and \d+)?)*)$")
CITATION_PART = re.compile(r"(paragraph|footnotes?) (\d+)(?: and (\d+))?")
EXTERNAL = "Outside the statement: "


@cache
def catalogue(lang: str) -> dict[str, str]:
    entries = {}
    for file in sorted((LOCALES / lang).glob("*.json")):
        for key, text in json.loads(file.read_text(encoding="utf-8")).items():
            entries[f"{file.stem}.{key}"] = text
    return entries


def available_languages() -> dict[str, str]:
    return {code: name for code, name in LANGUAGES.items() if (LOCALES / code).is_dir()}


def source_titles(descriptor: dict, code: str) -> dict[str, str]:
    """A package's source titles in English mapped to their title_<code>, where the descriptor gives one."""
    sources = list(descriptor.get("sources", []))
    for resource in descriptor.get("resources", []):
        sources += resource.get("sources", [])
    return {s["title"]: s[f"title_{code}"] for s in sources if s.get("title") and s.get(f"title_{code}")}


class Language:
    """Everything language-dependent a page or chart needs: text from the catalogue, names from the
    data, and numbers, percentages and dates in the locale's format."""

    def __init__(self, code: str = DEFAULT_LANGUAGE, source_titles: dict[str, str] | None = None):
        self.code = code if code in available_languages() else DEFAULT_LANGUAGE
        # English titles of outside sources -> this language's, from the package's descriptor
        self.source_titles = source_titles or {}

    def __call__(self, key: str, **values) -> str:
        text = catalogue(self.code).get(key) or catalogue(DEFAULT_LANGUAGE).get(key, key)
        return text.format(**values) if values else text

    def column(self, stem: str) -> str:
        """The data column holding this language's text: column('name') -> 'name_kk'."""
        return f"{stem}_{self.code}"

    def names(self, table: pd.DataFrame, key: str, stem: str = "name") -> dict[str, str]:
        """Map ids to names in this language, e.g. names(parties, 'party', 'short')."""
        column = self.column(stem)
        if column not in table.columns:
            column = f"{stem}_{DEFAULT_LANGUAGE}"
        return dict(zip(table[key], table[column]))

    def number(self, value: float, decimals: int | None = None) -> str:
        return formatting.number(value, self.code, decimals)

    def percent(self, value_pct: float, decimals: int | None = None) -> str:
        return formatting.percent(value_pct, self.code, decimals)

    def points(self, value: float, decimals: int = 0) -> str:
        return formatting.points(value, self.code, decimals)

    def compact(self, value: float, digits: int = 1) -> str:
        return formatting.compact(value, self.code, digits)

    def date(self, value, style: str = "long") -> str:
        return formatting.date(value, self.code, style)

    def title(self, descriptor: dict, default: str = "") -> str:
        """A package's (or resource's) title in this language, where the descriptor gives one."""
        return descriptor.get(f"title_{self.code}") or descriptor.get("title") or default

    def source(self, source: str) -> str:
        """A row's source citation in this language, prefixed: 'Source: «БАҚ» (Media), paragraph 6'."""
        # Charts join several citations with '; ' (style.source_line): each is rewritten on its own.
        return self("common.source", source="; ".join(self.citation(s) for s in source.split("; ")))

    def citation(self, source: str) -> str:
        """Rewrite a citation of the data's form in this language; anything else is shown as written."""
        if source.startswith(EXTERNAL):
            title = source[len(EXTERNAL):]
            return self("common.cite_external", source=self.source_titles.get(title, title))
        match = CITATION.match(source)
        if not match:
            return source
        parts = [self("common.cite_section", heading=match["heading"], gloss=match["gloss"] or match["heading"])]
        for kind, first, second in CITATION_PART.findall(match["parts"]):
            if second:
                parts.append(self(f"common.cite_{kind}_pair", first=first, second=second))
            else:
                parts.append(self(f"common.cite_{kind.rstrip('s')}", number=first))
        return ", ".join(parts)
