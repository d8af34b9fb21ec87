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


@pytest.fixture(autouse=True, scope="session")
def full_error_details():
    """The app hides error details from its audience (.streamlit/config.toml); tests want to read them."""
    from streamlit import config

    config.set_option("client.showErrorDetails", "full")
    yield
