"""One shape for everything wrong with a data package: file, row, column, value, what is wrong, how to fix it.

What is wrong and how to fix it are catalogue entries, ``<kind>.message`` and ``<kind>.fix`` in
locales/<lang>/problems.json, filled in with the problem's parameters, so one Problem reads in every
language: ``problem.text(L)``. ``message`` and ``fix`` are the English text, for the command line.

Problems are made by ``problem()`` only, with a kind declared in observer.problem_kinds, and raised
together as one ``PackageError``."""

from __future__ import annotations

from dataclasses import dataclass, field
from numbers import Real

from observer.i18n import DEFAULT_LANGUAGE, Language
from observer.problem_kinds import KINDS

CATALOGUE = "problems"


@dataclass(frozen=True)
class Term:
    """A parameter that is itself a phrase of the catalogue (``term.<key>``), translated with the message."""

    key: str


@dataclass(frozen=True)
class Problem:
    """One thing wrong, where it is (file, row, column, value as typed) and its kind; made by ``problem()``."""

    file: str
    row: int | None  # line number as a spreadsheet shows it: the header is row 1
    column: str | None
    value: str | None  # the cell as typed, shown verbatim in every language
    kind: str  # catalogue entries <kind>.message and <kind>.fix, declared in observer.problem_kinds
    params: dict = field(default_factory=dict, hash=False)
    # A library's own words (an exception's message): English only, so shown after the English message only.
    detail: str | None = None

    def text(self, L: Language) -> tuple[str, str]:
        """(what is wrong, how to fix it) in L's language; numbers in its format, values as found."""
        # The problem's own file and column may be named in the text as {file} and {column}.
        values = {"file": self.file, "column": self.column or ""}
        values |= {name: _param(value, L) for name, value in self.params.items()}
        message = L(f"{CATALOGUE}.{self.kind}.message", **values)
        fix = L(f"{CATALOGUE}.{self.kind}.fix", **values)
        if self.detail and L.code == DEFAULT_LANGUAGE:
            message += f" ({self.detail})"
        return message, fix

    @property
    def message(self) -> str:
        return self.text(_ENGLISH)[0]

    @property
    def fix(self) -> str:
        return self.text(_ENGLISH)[1]

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column {self.column}"
        found = f" (found {self.value!r})" if self.value not in (None, "") else ""
        message, fix = self.text(_ENGLISH)
        return f"{where}: {message}{found}. Fix: {fix}"

    def as_dict(self, L: Language | None = None) -> dict:
        """The six columns of a problems table, in L's language (English by default)."""
        message, fix = self.text(L or _ENGLISH)
        return {"file": self.file, "row": self.row, "column": self.column, "value": self.value,
                "message": message, "fix": fix}


_ENGLISH = Language(DEFAULT_LANGUAGE)


def _param(value, L: Language) -> str:
    if isinstance(value, Term):
        return L(f"{CATALOGUE}.term.{value.key}")
    if isinstance(value, Real) and not isinstance(value, bool):
        # 99.0 reads as 99: sizes and totals are rounded before they get here.
        return L.number(int(value) if float(value).is_integer() else value)
    return str(value)


def problem(file: str, kind: str, row: int | None = None, column: str | None = None, value=None, detail=None,
            **params) -> Problem:
    """The one way to make a Problem: ``kind`` and ``params`` as declared in observer.problem_kinds;
    ``value`` is the cell as typed, ``detail`` a library's own (English) words, both shortened for display."""
    declared = KINDS.get(kind)
    if declared is None:
        raise ValueError(f"undeclared problem kind {kind!r}: add it to observer.problem_kinds.KINDS")
    if set(params) != set(declared):
        raise TypeError(f"problem {kind!r} takes {sorted(declared)}, not {sorted(params)}")
    return Problem(file, row, column, None if value is None else shorten(str(value)), kind, params,
                   None if detail is None else shorten(str(detail), 200))


def shorten(value: str, limit: int = 80) -> str:
    return value if len(value) <= limit else value[:limit] + "…"


class PackageError(Exception):
    """Everything wrong with a package (or a file of it), not just the first thing: raised by every step
    of the loader and by load_package."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
