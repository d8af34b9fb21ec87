"""Every page with another election's package loaded (made-up parties, channels and numbers), and the
upload path of the Data & sources page: nothing about the bundled election may be hard-coded."""

import pytest
from streamlit.testing.v1 import AppTest

import ui
from observer.package import load_files
from tests.apptest import PAGES, ROOT
from tests.loading_cases import SYNTHETIC, edit, package_files, zipped


def open_with(page: str, state: dict) -> AppTest:
    """Open a page with session state as the upload leaves it (AppTest cannot drive st.file_uploader)."""
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    app.session_state["lang"] = "en"
    for key, value in state.items():
        app.session_state[key] = value
    app.run()
    app.switch_page(page)
    app.run()
    return app


@pytest.fixture(scope="module")
def uploaded_state():
    state = {}
    assert ui.load_upload({"synthetic.zip": zipped(package_files(SYNTHETIC, descriptor=True))}, state) == []
    return state


def texts(app: AppTest) -> str:
    parts = [e.value for kind in ("markdown", "caption", "title", "subheader", "error", "success", "info")
             for e in getattr(app, kind)]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_with_the_synthetic_package(page, uploaded_state):
    app = open_with(page, uploaded_state)
    assert not app.exception, [e.message for e in app.exception]
    assert app.title


def test_data_page_says_which_package_is_active(uploaded_state):
    app = open_with("views/data_sources.py", uploaded_state)
    shown = texts(app)
    assert "SYNTHETIC" in shown.replace("\\", "")
    assert "Kazakhstan" not in shown.split("Templates")[0]
    assert any(b.label == "Go back to the bundled data" for b in app.button)


def test_broken_upload_keeps_the_last_good_package(uploaded_state):
    state = dict(uploaded_state)
    broken = edit(package_files(SYNTHETIC), "tv_coverage", 2, "share_pct", "lots")
    problems = ui.load_upload(broken, state)
    assert problems and state[ui.UPLOADED_PACKAGE] is uploaded_state[ui.UPLOADED_PACKAGE]
    app = open_with("views/data_sources.py", state)
    assert not app.exception, [e.message for e in app.exception]
    assert app.error, "the failed upload is announced"
    table = app.dataframe[0].value
    assert "tv_coverage.csv" in set(table.iloc[:, 0]) and "lots" in set(table.iloc[:, 3])
    assert "SYNTHETIC" in texts(app).replace("\\", "")


def test_broken_first_upload_keeps_the_bundled_package():
    state = {}
    assert ui.load_upload({"parties.csv": b"\x00junk"}, state)
    assert ui.UPLOADED_PACKAGE not in state
    app = open_with("views/data_sources.py", state)
    assert not app.exception
    assert app.error
    assert "Kazakhstan" in texts(app)


def test_back_to_the_bundled_data(uploaded_state):
    app = open_with("views/data_sources.py", dict(uploaded_state))
    next(b for b in app.button if b.label == "Go back to the bundled data").click().run()
    assert not app.exception
    assert ui.UPLOADED_PACKAGE not in app.session_state
    assert "Kazakhstan" in texts(app)


def test_html_in_uploaded_names_is_shown_as_text():
    files = package_files(SYNTHETIC, descriptor=True)
    files["datapackage.json"] = files["datapackage.json"].replace(
        b'"title": "SYNTHETIC', b'"title": "<img src=x onerror=alert(1)> **bold** SYNTHETIC')
    state = {}
    assert ui.load_upload(files, state) == []
    app = open_with("views/data_sources.py", state)
    assert not app.exception
    shown = texts(app)
    assert "\\<img src=x onerror=alert\\(1\\)\\>" in shown and "\\*\\*bold\\*\\*" in shown


def test_upload_function_is_the_same_loader():
    state = {}
    files = package_files(SYNTHETIC)
    assert ui.load_upload(files, state) == []
    assert state[ui.UPLOADED_PACKAGE].table("parties").equals(load_files(files).table("parties"))
