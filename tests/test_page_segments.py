"""The TV page with a coded monitoring log (SYNTHETIC fixtures), run headless with AppTest: it works from a
log alone, adds the log's charts next to published shares, and shows no log section without a log."""

import json

import pytest
from streamlit.testing.v1 import AppTest

import ui
from observer.package import load_files, load_package
from tests.apptest import ROOT, open_page
from tests.loading_cases import SYNTHETIC, package_files

PAGE = "views/tv_coverage.py"
LOG = ROOT / "tests" / "fixtures" / "synthetic_log"
LOG_HEADINGS = ["Airtime per party", "Tone of the coverage", "Coverage week by week", "Women among those shown",
                "Non-party subjects"]


def open_with(pkg, lang: str = "en") -> AppTest:
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    app.session_state["lang"] = lang
    app.session_state[ui.UPLOADED_PACKAGE] = pkg
    app.run()
    app.switch_page(PAGE)
    app.run()
    return app


def titles(app) -> list[str]:
    return [json.loads(chart.proto.spec)["layout"]["meta"]["title"] for chart in app.get("plotly_chart")]


def headings(app) -> list[str]:
    return [h.value for h in app.header] + [h.value for h in app.subheader]


@pytest.fixture(scope="module")
def log_only():
    return open_with(load_package(LOG))


def test_log_alone_drives_the_whole_page(log_only):
    assert not log_only.exception, [e.message for e in log_only.exception]
    shown = titles(log_only)
    assert len(shown) == 10  # the five share charts, computed from the log, and the log's five
    assert any(t.startswith("Once institutional activities are counted") for t in shown)
    assert "From the coded monitoring log" in headings(log_only)
    assert all(h in headings(log_only) for h in LOG_HEADINGS)
    assert any("computed from the log" in i.value for i in log_only.info)


def test_filters_apply_to_the_log_charts(log_only):
    app = log_only
    app.multiselect(key="tv_channels").set_value(["tv_one"])
    app.multiselect(key="tv_parties").set_value(["green_valley", "civic_bloc"])
    app.run()
    assert not app.exception
    charts = [json.loads(c.proto.spec) for c in app.get("plotly_chart")]
    airtime = next(c for c in charts if "most airtime" in c["layout"]["meta"]["title"] and "Outside" not in
                   c["layout"]["meta"]["title"])
    assert {t["meta"]["party"] for t in airtime["data"]} == {"green_valley", "civic_bloc"}
    assert all(x == "TV One" for t in airtime["data"] for x in t["x"])
    app.segmented_control(key="tv_measure").set_value("incl_institutional").run()
    assert not app.exception
    app.multiselect(key="tv_parties").set_value([]).run()
    assert not app.exception and "From the coded monitoring log" in headings(app)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_log_section_in_other_languages(lang):
    app = open_with(load_package(LOG), lang)
    assert not app.exception, [e.message for e in app.exception]
    assert len(titles(app)) == 10


def test_published_shares_win_and_the_log_adds_its_views():
    files = package_files(SYNTHETIC, ["parties", "channels", "tv_coverage"])
    files["tv_segments.csv"] = (LOG / "tv_segments.csv").read_bytes()
    app = open_with(load_files(files))
    assert not app.exception, [e.message for e in app.exception]
    assert any("The shares above are the published ones" in i.value for i in app.info)
    assert len(titles(app)) == 10


def test_bundled_package_shows_no_log_section():
    app = open_page(PAGE)
    assert not app.exception
    assert "From the coded monitoring log" not in headings(app)
    assert len(titles(app)) == 5
