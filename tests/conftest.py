import re
from pathlib import Path

import pytest

from observer import load_package

ROOT = Path(__file__).resolve().parent.parent
STATEMENT = ROOT.parent / "shared" / "seed" / "000_aa60b8b1d0f6770b.txt"


@pytest.fixture(scope="session")
def pkg():
    return load_package(ROOT / "data")


@pytest.fixture(scope="session")
def statement_text() -> str:
    """The statement with every run of whitespace folded to one space, as quotes are stored."""
    return re.sub(r"\s+", " ", STATEMENT.read_text(encoding="utf-8"))
