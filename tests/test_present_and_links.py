"""Presentation mode and shareable links, run headless with AppTest."""

import json
import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import ROOT
from ui import pages


def open_url(page: str, lang: str | None = None, **params) -> AppTest:
    """Open dashboard.py as a browser opens a link. AppTest starts on the default page, so the language
    goes into the first run's query and the page's own parameters into the run after switching."""
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    if lang:
        app.query_params["lang"] = lang
    app.run()
    if page or params:
        if page:
            app.switch_page(page)
        for key, value in params.items():
            app.query_params[key] = value
        app.run()
    return app


def text(app) -> str:
    return " ".join(m.value for m in app.markdown).replace("\\", "")


def chart_titles(app) -> list[str]:
    return [json.loads(c.proto.spec)["layout"]["meta"]["title"] for c in app.get("plotly_chart")]


def heading(app) -> str:
    return next(m.value for m in app.markdown if m.value.startswith(("# ", "## ")))


def test_presentation_steps_through_the_findings():
    app = open_url("views/present.py")
    assert not app.exception
    assert heading(app).startswith("# Kazakhstan, Mazhilis elections")  # the title slide opens the deck
    assert app.button(key="present_previous").disabled
    app.button(key="present_next").click().run()
    first = heading(app)
    assert "Once institutional activities are counted" in first
    assert app.query_params["slide"] == "2"
    app.button(key="present_next").click().run()
    assert heading(app) != first
    assert app.query_params["slide"] == "3"
    for _ in range(10):
        if app.button(key="present_next").disabled:
            break
        app.button(key="present_next").click().run()
    assert app.button(key="present_next").disabled  # stops at the last finding
    assert not app.exception


def test_a_link_opens_presentation_mode_at_a_slide():
    app = open_url("", present="1", slide="4")
    assert not app.exception
    assert "99.9%" in text(app)  # after the title slide, the third finding: campaign finance


def test_a_link_reopens_the_tv_view_it_names():
    app = open_url("views/tv_coverage.py", measure="incl_institutional", channels="eurasia,ktk", parties="nur_otan,adal")
    assert not app.exception
    assert app.multiselect(key="tv_channels").value == ["eurasia", "ktk"]
    assert app.multiselect(key="tv_parties").value == ["nur_otan", "adal"]
    assert app.query_params["measure"] == "incl_institutional"
    assert not any("Khabar" in t for t in chart_titles(app))


def test_a_link_reopens_the_currency_and_the_language():
    app = open_url("views/campaign_finance.py", currency="EUR", lang="ru")
    assert not app.exception
    assert app.session_state["finance_currency"] == "EUR"
    assert app.session_state["lang"] == "ru"
    assert app.title[0].value != "Campaign finance"


def test_bad_parameters_fall_back_to_defaults_with_a_notice():
    app = open_url("views/tv_coverage.py", measure="nonsense", channels="khabar,atlantis")
    assert not app.exception
    assert app.session_state["tv_measure"] == "campaign"
    assert app.multiselect(key="tv_channels").value == ["khabar"]
    notices = " ".join(t.proto.body for t in app.get("toast"))
    assert "measure" in notices and "channels" in notices


def test_an_unknown_language_falls_back_to_english_with_a_notice():
    app = open_url("", lang="xx")
    assert app.session_state["lang"] == "en"
    assert "lang" in " ".join(t.proto.body for t in app.get("toast"))


def test_the_selection_is_written_back_into_the_link():
    app = open_url("views/tv_coverage.py")
    app.multiselect(key="tv_parties").set_value(["qhp"]).run()
    assert app.query_params["parties"] == "qhp"
    assert app.query_params["lang"] == "en"


VIEWS = {"/": "", **{f"/{page.url_path}": page.script for page in pages.PAGES}}  # the dashboard's page list


def readme_links() -> list[str]:
    return re.findall(r"http://localhost:8501(/[^\s)`]*)", (ROOT / "README.md").read_text(encoding="utf-8"))


def test_readme_has_example_links():
    assert len(readme_links()) >= 4


@pytest.mark.parametrize("link", readme_links())
def test_every_readme_link_reopens_its_view(link):
    parts = urlsplit(link)
    params = dict(parse_qsl(parts.query))
    app = open_url(VIEWS[parts.path], **params)
    assert not app.exception, [e.message for e in app.exception]
    assert not app.get("toast"), "a README link must be understood in full"
    for key, value in params.items():
        assert app.query_params[key] == value, key  # the view kept what the link asked for
