"""The statement's Kazakh text (docs/statement-kk.txt), read into what the fidelity tests compare with.

The file is the text layer of the published PDF: body lines, and at every page break a block of
footnotes (after a separator line of spaces) and a running page header. Read line by line:

* the body is put back together across page breaks (a sentence the footnotes interrupt is one again),
  split into sections at their headings and into paragraphs at blank lines, and the footnote
  markers glued to its words ("шығарды.41 Партиялар") are taken out, checked to run 1, 2, ... 66;
* each footnote's text is kept under its number;
* whitespace is folded to one space and a word broken at a line-end hyphen is joined again
  ("халықтық-\\nпатриоттық" -> "халықтық-патриоттық"), as the quotes in data/ store it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATEMENT = ROOT / "docs" / "statement-kk.txt"
# The copy is byte for byte the file the mission's Kazakh text was taken from (see docs/README.md).
STATEMENT_SHA256 = "1f800e557a9796b6535783d3597fd6d2c8fb1dd473ef288bbe878ac09d2d7e14"
FOOTNOTES = 66

SEPARATOR = re.compile(r"^ {20,}$")
PAGE_HEADER = "ДИАҚБ шектеулі сайлауды байқау миссиясы Бет:"
FOOTNOTE_START = re.compile(r"^(\d{1,2})\s{2,}(\S.*)$")
# Where the contact details begin: names, telephone numbers and the office address, no figures.
CONTACTS = "Қосымша ақпарат үшін келесі өкілдермен хабарласыңыз:"


def fold(text: str) -> str:
    """Line-end hyphens joined, then every run of whitespace one space."""
    text = re.sub(r"(?<=\S)-[ \t]*\n\s*", "-", text)
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)  # folded, footnote markers taken out
    markers: list[list[int]] = field(default_factory=list)  # footnote numbers each paragraph carries


@dataclass
class Statement:
    raw: str
    sections: list[Section]
    footnotes: dict[int, str]

    @property
    def headings(self) -> list[str]:
        return [s.heading for s in self.sections]

    def section(self, heading: str) -> Section:
        return next(s for s in self.sections if s.heading == heading)

    @property
    def body(self) -> str:
        return " ".join(p for s in self.sections for p in [s.heading, *s.paragraphs])

    @property
    def text(self) -> str:
        """Body, then the footnotes: every passage a quote may be taken from, as one string."""
        return self.body + " " + " ".join(self.footnotes[n] for n in sorted(self.footnotes))

    def places(self, quote: str) -> list[tuple[str, int | None, int | None]]:
        """Where a quote is: (heading, paragraph number from 1, None) in the body, or
        (heading, paragraph, footnote) for a footnote, placed at the paragraph carrying its marker."""
        found = []
        for section in self.sections:
            for number, paragraph in enumerate(section.paragraphs, 1):
                if quote in paragraph:
                    found.append((section.heading, number, None))
        for note, text in self.footnotes.items():
            if quote in text:
                heading, number = self.marker_place(note)
                found.append((heading, number, note))
        return found

    def marker_place(self, note: int) -> tuple[str, int]:
        for section in self.sections:
            for number, markers in enumerate(section.markers, 1):
                if note in markers:
                    return section.heading, number
        raise KeyError(note)


def _split(raw: str) -> tuple[list[list[str]], dict[int, str]]:
    """Body paragraphs (each a list of raw lines) and footnotes (number -> raw text)."""
    lines = raw.split("\n")
    paragraphs: list[list[str]] = [[]]
    footnotes: dict[int, list[str]] = {}
    current = None
    in_notes = False
    skip = 0
    for index, line in enumerate(lines):
        if skip:
            skip -= 1
            continue
        if line.startswith(PAGE_HEADER):
            skip = 2  # the header's two further lines: the election and the document's title
            in_notes = False
            continue
        if SEPARATOR.match(line):
            in_notes = True
            continue
        if in_notes:
            if re.match(r"^ \S", line):  # the body resumes, indented by one space
                in_notes = False
                following = lines[index + 1] if index + 1 < len(lines) else ""
                ended = paragraphs[-1] and re.search(r"[.!?»]\d*\s*$", paragraphs[-1][-1])
                first = re.search(r"[^\W_]", line).group()  # first letter or digit
                if paragraphs[-1] and (_is_heading([line]) and not following.strip()
                                       or ended and (first.isupper() or first.isdigit())):
                    # The page's last paragraph ended where its footnotes begin: the PDF leaves no blank
                    # line there, but a sentence that ends before them and one that begins after them
                    # (capital or figure) are two paragraphs, as a section heading is its own.
                    paragraphs.append([])
            else:
                start = FOOTNOTE_START.match(line)
                if start:
                    current = int(start.group(1))
                    footnotes[current] = [start.group(2)]
                elif line.strip() and not line.startswith("http") and current is not None:
                    footnotes[current].append(line)
                continue
        if not line.strip():
            # Paragraphs end at a line holding a space; an empty line is the PDF's layout (around page
            # breaks, before the footnotes), not the end of a paragraph.
            if line == "":
                continue
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        paragraphs[-1].append(line)
    return [p for p in paragraphs if p], {n: "\n".join(t) for n, t in footnotes.items()}


def _take_markers(text: str, start: int) -> tuple[str, list[int], int]:
    """Footnote markers 'start', 'start + 1', ... glued to the end of a word or sentence, taken out."""
    found = []
    while True:
        marker = re.search(rf"(?<=[^\s\d№(\-–])(?<!\d\.){start}(?!\d)(?![.,]\d)", text)
        if marker is None:
            return text, found, start
        text = text[:marker.start()] + text[marker.end():]
        found.append(start)
        start += 1


def _is_heading(lines: list[str]) -> bool:
    text = " ".join(l.strip() for l in lines)
    return len(lines) == 1 and len(text) < 60 and not re.search(r"[.:;,)»]$", text) and not text[0].isdigit()


@cache
def statement() -> Statement:
    raw = STATEMENT.read_text(encoding="utf-8")
    # The contact details (names, telephone numbers, the office's address) up to the last page's footnotes.
    last_notes = max(m.start() for m in re.finditer(r"(?m)^ {20,}$", raw))
    raw = raw[:raw.index(CONTACTS)] + raw[last_notes:]
    paragraphs, notes = _split(raw)
    sections = [Section("")]
    next_marker = 1
    for lines in paragraphs:
        if len(lines) > 1 and lines[0].strip().isupper():  # a heading with its first paragraph right below it
            sections.append(Section(fold(lines[0])))
            lines = lines[1:]
        if _is_heading(lines):
            sections.append(Section(fold("\n".join(lines))))
            continue
        text, markers, next_marker = _take_markers(fold("\n".join(lines)), next_marker)
        sections[-1].paragraphs.append(text)
        sections[-1].markers.append(markers)
    return Statement(raw, [s for s in sections if s.paragraphs], {n: fold(t) for n, t in notes.items()})


def file_sha256() -> str:
    return hashlib.sha256(STATEMENT.read_bytes()).hexdigest()
