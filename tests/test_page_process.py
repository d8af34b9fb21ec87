"""The Election process page, run headless: it renders in every language with its charts, the commission
nominations bar carries the statement's published shares, and a package without these figures gets a
one-sentence note instead of an error."""

import re

import pytest
from streamlit.testing.v1 import AppTest

from observer.package import Package, load_package
from tests.apptest import ROOT, open_page, open_page_with
from tests.test_page_finance import array, charts, texts, title

PAGE = "views/election_process.py"
CHARTS = 3  # nominations, CEC appointments, tabulation


@pytest.fixture(scope="module")
def app():
    page = open_page(PAGE)
    assert not page.exception, [e.message for e in page.exception]
    return page


def open_with(pkg, lang: str = "en") -> AppTest:
    return open_page_with(pkg, PAGE, lang)


def trace(spec: dict, meta: str) -> dict:
    return next(t for t in spec["data"] if t.get("meta") == meta)


@pytest.mark.parametrize("lang", ["en", "kk", "ru"])
def test_renders_with_its_charts_in_every_language(lang):
    page = open_page(PAGE, lang)
    assert not page.exception, [e.message for e in page.exception]
    specs = charts(page)
    assert len(specs) == CHARTS
    assert all(title(s) for s in specs)
    assert page.title[0].value == {"en": "Election process", "kk": "Сайлау үдерісі",
                                   "ru": "Избирательный процесс"}[lang]
    if lang != "en":
        shown = texts(page) + " ".join(title(s) for s in specs)
        assert not re.search(r"\b(the|of|and|nominated|commission)\b", shown), "English words on the page"


def test_nominations_bar_has_the_published_shares(app):
    spec = charts(app)[0]
    segments = [t for t in spec["data"] if t.get("type") == "bar"]
    assert [array(t["x"]) for t in segments] == [[66.2], [30.5], [3.3]]
    assert [t["meta"] for t in segments] == ["commission_nominated_by_parties_pct",
                                            "commission_nominated_by_associations_pct",
                                            "commission_nominated_by_higher_commissions_pct"]
    assert spec["layout"]["barmode"] == "stack" and all(t["orientation"] == "h" for t in segments)
    labels = "".join(t["text"][0] for t in segments) + "".join(a["text"] for a in spec["layout"]["annotations"])
    assert "66.2%" in labels and "30.5%" in labels and "3.3%" in labels
    assert title(spec) == ("According to the CEC, political parties nominated 66.2% of election commission members, "
                           "public associations 30.5% and higher election commissions 3.3%")


def test_cec_and_tabulation_charts(app):
    cec, tabulation = charts(app)[1], charts(app)[2]
    assert array(trace(cec, "chair")["x"]) == [1, 0, 0]
    assert array(trace(cec, "members")["x"]) == [2, 2, 2]
    assert title(cec).startswith("Who appoints the CEC's 7 members: the President, the chair and 2 members")
    assert array(trace(tabulation, "tabulation")["x"]) == [12, 8]
    assert title(tabulation).startswith("Tabulation was not transparent in 8 of the 12 territorial")


def test_figures_as_published_with_their_notes(app):
    shown = texts(app)
    for expected in ("Registration of political parties", "Campaign environment", "Complaints and appeals",
                     "Citizen and international observers", "Election day",
                     "4\u00a0December 2020", "about 20", "about 100",
                     "67.7%", "52%", "10,060",
                     "2 were closed while tabulation was still going on, and 2 others postponed",
                     "did not observe election day procedures in a systematic or comprehensive manner",
                     "A nominee need not be a member of the organisation that nominates them."):
        assert expected in shown, expected
    assert "paragraph 3, footnote 13" in shown  # the nominations' source under their note


@pytest.mark.parametrize("lang, count", [("en", "2 of 7"), ("ru", "2 из 7"), ("kk", "7\u2011ден 2")])
def test_women_on_the_cec_are_a_count_of_its_members_beside_the_shares(lang, count):
    # A card read "2" beside "67.7%" (women in lower commissions): the count says what it is out of.
    cards = [h.value for h in open_page(PAGE, lang).header]
    share = {"en": "67.7%", "ru": "67,7\u00a0%", "kk": "67,7%"}[lang]
    assert count in cards and share in cards, cards


def test_kazakh_numbers_take_their_endings():
    page = open_page(PAGE, "kk")
    shown = texts(page) + " ".join(title(s) for s in charts(page))
    assert "мүшелерінің 66,2%‑ы саяси партиялар тарапынан" in shown
    assert "ішінде 2 ТСК дауыстарды енгізу әлі жүріп жатқанда жабық тұрды" in shown


def test_russian_numbers_agree():
    page = open_page(PAGE, "ru")
    shown = texts(page) + " ".join(title(s) for s in charts(page))
    assert "в 8 из 12 территориальных избирательных комиссий" in shown
    assert "2 были закрыты" in shown


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_package_without_facts_shows_a_note(lang):
    pkg = load_package(ROOT / "data")
    tables = {k: v for k, v in pkg.tables.items() if k != "facts"}
    page = open_with(Package(pkg.path, pkg.descriptor, tables), lang)
    assert not page.exception, [e.message for e in page.exception]
    assert not charts(page)
    expected = {"en": "This data package has no figures on how the election was run.",
                "ru": "В этом пакете данных нет цифр о том, как проходили выборы."}[lang]
    assert [i.value for i in page.info] == [expected]


def test_a_package_with_other_facts_only_shows_the_note():
    pkg = load_package(ROOT / "data")
    facts = pkg.tables["facts"]
    others = facts[facts["topic"].isin(["context", "electoral_system", "results", "finance", "media"])]
    page = open_with(Package(pkg.path, pkg.descriptor, {**pkg.tables, "facts": others}))
    assert not page.exception, [e.message for e in page.exception]
    assert not charts(page)
    assert [i.value for i in page.info] == ["This data package has no figures on how the election was run."]


def test_a_package_with_some_facts_shows_only_those():
    pkg = load_package(ROOT / "data")
    facts = pkg.tables["facts"]
    some = facts[facts["fact"].str.startswith("commission_nominated") | (facts["fact"] == "observers_odihr")]
    page = open_with(Package(pkg.path, pkg.descriptor, {**pkg.tables, "facts": some}))
    assert not page.exception, [e.message for e in page.exception]
    assert len(charts(page)) == 1
    headers = [h.value for h in page.header]  # the sections, and the figure cards' figures
    assert headers == ["Election administration", "Citizen and international observers", "41"]
