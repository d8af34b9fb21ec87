"""Run the dashboard headless with streamlit.testing (no browser) and open one of its pages."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

from ui import pages

ROOT = Path(__file__).resolve().parent.parent
PAGES = [page.script for page in pages.PAGES if page.in_menu]  # the dashboard's one page list


def open_page(page: str, lang: str = "en", timeout: float = 30) -> AppTest:
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=timeout)
    app.session_state["lang"] = lang
    app.run()
    app.switch_page(page)
    app.run()
    return app


def open_page_with(pkg, page: str, lang: str = "en", timeout: float = 60) -> AppTest:
    """A page as a session sees it after uploading ``pkg`` (a loaded Package)."""
    import ui
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=timeout)
    app.session_state["lang"] = lang
    app.session_state[ui.UPLOADED_PACKAGE] = pkg
    app.run()
    app.switch_page(page)
    app.run()
    return app
