"""The Candidates page, run headless: every coverage measure works and changes the chart, the single
figures carry their sources, and the results say they come from outside the statement."""

import pytest

from tests.apptest import open_page
from tests.test_page_finance import array, charts, texts, title

PAGE = "views/candidates.py"


def trace(spec: dict, meta: str) -> dict:
    return next(t for t in spec["data"] if t.get("meta") == meta)


@pytest.fixture(scope="module")
def app():
    page = open_page(PAGE)
    assert not page.exception, [e.message for e in page.exception]
    return page


def test_four_charts_with_their_findings(app):
    specs = charts(app)
    assert len(specs) == 4
    assert array(trace(specs[0], "candidates")["x"]) == [126, 113, 38, 19, 16]
    assert sorted(s["x0"] for s in specs[0]["layout"]["shapes"]) == [50, 98, 127]
    assert title(specs[0]).endswith("Nur Otan (126) and PPK (113)")
    assert title(specs[1]).startswith("28.8% of candidates are women (90 of 312)")
    assert [s["x0"] for s in specs[2]["layout"]["shapes"] if s["xref"] == "x"] == [7]
    assert title(specs[2]).startswith("3 of 5 parties passed the 7% threshold")


@pytest.mark.parametrize("measure", ["campaign", "incl_institutional"])
def test_page_runs_with_each_measure(measure):
    page = open_page(PAGE)
    page.segmented_control(key="candidates_measure").set_value(measure).run()
    assert not page.exception, [e.message for e in page.exception]
    assert len(charts(page)) == 4


def test_measure_changes_the_coverage_chart(app):
    control = app.segmented_control(key="candidates_measure")
    assert control.value == "campaign"
    before = charts(app)[3]
    control.set_value("incl_institutional").run()
    assert not app.exception
    after = charts(app)[3]
    khabar = "khabar"
    assert array(trace(before, khabar)["x"])[0] == 24   # Nur Otan on Khabar, campaign news
    assert array(trace(after, khabar)["x"])[0] == 39    # ... including institutional activities
    assert "28% to 54%" in title(after)
    app.segmented_control(key="candidates_measure").set_value("campaign").run()


def test_single_figures_with_sources(app):
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Candidates from the Russian minority"] == "about 13.8%"
    assert metrics["Candidates from other national minorities"] == "6.4%"
    assert metrics["Sitting Mazhilis deputies on the party lists"] == "34"
    assert metrics["Nur Otan candidates selected through primaries (of 126)"] == "77"
    shown = texts(app)
    assert "From 10 other national groups." in shown
    assert "paragraph 4, footnote 24" in shown and "paragraph 5" in shown


def test_results_marked_as_outside_the_statement(app):
    shown = texts(app)
    assert "These results come from outside the observation mission's statement." in shown
    assert "IFES ElectionGuide" in shown


def test_candidate_notes_shown(app):
    assert "Only one party, Ak Zhol, nominated more than 30 per cent women." in texts(app)
