"""The TV page with a coded monitoring log (SYNTHETIC fixtures), run headless with AppTest: it works from a
log alone, adds the log's charts next to published shares, and shows no log section without a log."""

import json

import pytest
from streamlit.testing.v1 import AppTest

from observer.package import load_files, load_package
from tests.apptest import ROOT, open_page, open_page_with
from tests.loading_cases import SYNTHETIC, package_files

PAGE = "views/tv_coverage.py"
LOG = ROOT / "tests" / "fixtures" / "synthetic_log"
LOG_TABS = ["Airtime per party", "Tone of the coverage", "Coverage week by week", "Women among those shown",
            "Non-party subjects"]
# What each log tab's chart says first, in its title.
LOG_TITLES = {"Airtime per party": " of it on ", "Tone of the coverage": "was the most negative",
              "Coverage week by week": "Coverage peaked in week", "Women among those shown": "Women were",
              "Non-party subjects": "Outside the parties"}


def open_with(pkg, lang: str = "en") -> AppTest:
    return open_page_with(pkg, PAGE, lang)


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
    # the three share charts (gap, the open view of the shares, concentration), computed from the log,
    # and the open tab of the log's five
    assert len(shown) == 4
    assert any(t.startswith("Once institutional activities are counted") for t in shown)
    assert "From the coded monitoring log" in headings(log_only)
    assert [tab.label for tab in log_only.tabs][3:] == LOG_TABS
    assert sum(LOG_TITLES["Airtime per party"] in t for t in shown) == 1
    assert any("computed from the log" in i.value for i in log_only.info)


def test_each_log_tab_builds_its_own_chart_only():
    app = open_with(load_package(LOG))
    for tab, words in LOG_TITLES.items():
        app.session_state["tv_log_view_en"] = tab
        app.run()
        assert not app.exception, (tab, [e.message for e in app.exception])
        shown = titles(app)
        assert len(shown) == 4, (tab, shown)
        assert [words in t for t in shown].count(True) == 1, (tab, shown)
        others = [w for other, w in LOG_TITLES.items() if other != tab]
        assert not any(w in t for w in others for t in shown), (tab, shown)
    # The open tab is remembered per language (its state is its label): switching language reopens the first.
    app.session_state["lang"] = "kk"
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    assert len(titles(app)) == 4 and app.tabs[3].label == "Партиялардың эфир уақыты"


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
    assert len(titles(app)) == 4
    assert len([tab.label for tab in app.tabs]) == 3 + len(LOG_TABS)


def test_published_shares_win_and_the_log_adds_its_views():
    files = package_files(SYNTHETIC, ["parties", "channels", "tv_coverage"])
    files["tv_segments.csv"] = (LOG / "tv_segments.csv").read_bytes()
    app = open_with(load_files(files))
    assert not app.exception, [e.message for e in app.exception]
    assert any("The shares above are the published ones" in i.value for i in app.info)
    assert len(titles(app)) == 4


def test_bundled_package_shows_no_log_section():
    app = open_page(PAGE)
    assert not app.exception
    assert "From the coded monitoring log" not in headings(app)
    assert len(titles(app)) == 3  # the share charts only
