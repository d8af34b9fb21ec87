"""Run the dashboard headless with streamlit.testing (no browser) and open one of its pages."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["views/overview.py", "views/tv_coverage.py", "views/campaign_finance.py",
         "views/candidates.py", "views/data_sources.py"]


def open_page(page: str, lang: str = "en", timeout: float = 30) -> AppTest:
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=timeout)
    app.session_state["lang"] = lang
    app.run()
    app.switch_page(page)
    app.run()
    return app
