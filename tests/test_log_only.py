"""A package with a coded monitoring log and no published shares (tests/fixtures/synthetic_log, SYNTHETIC)
gets the same TV findings, slides and pack as one with published shares: one place (observer.shares)
decides where the shares come from, and every consumer asks it."""

import pytest

from observer import briefing, catalogue
from observer.catalogue import Inputs
from observer.findings import findings
from observer.i18n import Language
from observer.package import load_package
from observer.shares import FROM_LOG, tv_shares
from tests.apptest import ROOT, open_page

LOG = ROOT / "tests" / "fixtures" / "synthetic_log"
EN = Language("en")


@pytest.fixture(scope="module")
def pkg():
    return load_package(LOG)


def test_the_shares_are_computed_from_the_log_and_say_so(pkg):
    shares = tv_shares(pkg, EN)
    assert pkg.table("tv_coverage") is None
    assert shares.origin == FROM_LOG and shares.file == "tv_segments.csv"
    assert set(shares.measures) == {"campaign", "incl_institutional"}
    # each channel's party shares add up to 100 (they are computed, not published and rounded)
    sums = shares.coverage.groupby(["channel", "measure"])["share_pct"].sum()
    assert sums.round(6).eq(100).all(), sums
    source = set(shares.coverage["source"])
    assert len(source) == 1 and source.pop().startswith("shares computed from the coded monitoring log tv_segments.csv")


def test_log_only_package_has_its_tv_findings(pkg):
    keys = [f.key for f in findings(pkg, EN)]
    assert keys[:2] == ["tv_gap", "tv_balance"], keys
    for finding in findings(pkg, EN)[:2]:
        figure = finding.figure()
        assert figure.data and "computed from the coded monitoring log" in figure.layout.meta["source"]


def test_log_only_pack_carries_the_tv_charts(pkg):
    pack = briefing.html_pack(pkg, EN)
    tv_charts = [c for c, _ in catalogue.pack(Inputs(pkg, EN)) if c.page == "tv"]
    assert [c.id for c in tv_charts] == ["tv-institutional-gap", "tv-shares", "tv-shares", "tv-concentration"]
    assert "<h2>TV coverage</h2>" in pack
    assert pack.count('class="plotly-graph-div"') == len(catalogue.pack(Inputs(pkg, EN))) >= 4


@pytest.mark.parametrize("lang", ["en", "kk", "ru"])
def test_log_only_deck_steps_through_its_tv_findings(pkg, lang):
    from streamlit.testing.v1 import AppTest

    import ui
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    app.session_state["lang"] = lang
    app.session_state[ui.UPLOADED_PACKAGE] = pkg
    app.run()
    app.switch_page(ui.pages.PRESENT.script)
    app.run()
    app.button(key="present_next").click().run()  # from the title slide to the first finding
    assert not app.exception, [e.message for e in app.exception]
    assert len(app.get("plotly_chart")) == 1
    heading = next(m.value for m in app.markdown if m.value.startswith("## "))  # the slide's sentence
    # As typed, but for the no-break spaces that keep a number with its word (ui.sentence).
    typed = findings(pkg, Language(lang))[0].text
    assert heading.replace("\\", "").replace("\u00a0", " ") == "## " + typed.replace("\u00a0", " ")


def test_log_only_overview_lists_the_tv_findings(pkg):
    from streamlit.testing.v1 import AppTest

    import ui
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    app.session_state["lang"] = "en"
    app.session_state[ui.UPLOADED_PACKAGE] = pkg
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    texts = " ".join(m.value for m in app.markdown).replace("\\", "")
    assert "Once institutional activities are counted" in texts


@pytest.mark.parametrize("lang", ["en", "kk", "ru"])
def test_computed_shares_in_the_findings_are_the_charts_one_decimal(pkg, lang):
    """Shares computed from the log (19.61566888396157 %) read as the chart shows them (19.6 %), never with
    the float's fifteen decimals."""
    import re

    L = Language(lang)
    texts = {f.key: f.text for f in findings(pkg, L)}
    for key in ("tv_gap", "tv_balance"):
        numbers = re.findall(r"\d+(?:[.,]\d+)?(?=\s?%)", texts[key])
        assert numbers and all(len(n.replace(",", ".").partition(".")[2]) <= 1 for n in numbers), texts[key]
    assert L.percent(19.6) in texts["tv_gap"] and L.percent(28.3) in texts["tv_gap"], texts["tv_gap"]
