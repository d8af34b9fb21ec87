from pathlib import Path

import pytest

from observer import load_package

ROOT = Path(__file__).resolve().parent.parent
# The statement the data come from, kept in the repository (docs/README.md says where it is from).
STATEMENT = ROOT / "docs" / "statement-kk.txt"


@pytest.fixture(scope="session")
def pkg():
    return load_package(ROOT / "data")


@pytest.fixture(scope="session")
def statement_text() -> str:
    """The statement's body then its footnotes, as quotes are stored: whitespace folded to one space, words
    broken at a line-end hyphen joined, footnote markers taken out (tests/statement.py)."""
    from tests.statement import statement

    return statement().text


@pytest.fixture(autouse=True, scope="session")
def full_error_details():
    """The app hides error details from its audience (.streamlit/config.toml); tests want to read them."""
    from streamlit import config

    config.set_option("client.showErrorDetails", "full")
    yield
