"""One shape for everything wrong with a data package: file, row, column, value, what is wrong, how to fix it."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None  # line number as a spreadsheet shows it: the header is row 1
    column: str | None
    value: str | None
    message: str
    fix: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column {self.column}"
        found = f" (found {self.value!r})" if self.value not in (None, "") else ""
        return f"{where}: {self.message}{found}. Fix: {self.fix}"

    def as_dict(self) -> dict:
        return asdict(self)


class PackageError(Exception):
    """Raised by load_package with every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
