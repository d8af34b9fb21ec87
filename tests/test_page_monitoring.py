"""The TV page with a log carrying every monitoring column (SYNTHETIC fixture), run headless with AppTest
in each language: the period from the address, each monitoring tab's chart, the reliability box; a log
without the columns has none of these views and says reliability was not measured."""

import json

import pytest
from streamlit.testing.v1 import AppTest

import ui
from observer.package import load_package
from tests.apptest import ROOT

PAGE = "views/tv_coverage.py"
FIXTURE = ROOT / "tests" / "fixtures" / "synthetic_monitoring"
PLAIN_LOG = ROOT / "tests" / "fixtures" / "synthetic_log"
# The monitoring tabs, in each language, and words each one's chart title states its finding with.
TABS = {
    "en": {"Programme types": "of the parties' TV airtime", "Direct speech": "Direct speech was",
           "Prime time": "in prime time (19:00–23:00)", "Outlet types": "outlet type"},
    "kk": {"Бағдарлама түрлері": "телеэфир уақытының", "Тікелей сөз": "Тікелей сөз",
           "Прайм-тайм": "прайм-таймға (19:00–23:00)", "БАҚ түрлері": "БАҚ"},
    "ru": {"Типы программ": "эфирного времени партий на телевидении", "Прямая речь": "Прямая речь составила",
           "Прайм-тайм": "прайм-тайм (19:00–23:00)", "Типы СМИ": "типов СМИ"},
}
RELIABILITY = {"en": "Inter-coder reliability", "kk": "Кодтаушылар арасындағы сенімділік",
               "ru": "Согласованность кодировщиков"}
# The period caption's dates (Babel puts no-break spaces inside a date, so the day and month are checked).
PERIOD = {"en": ("17 February 2031 to 23 February 2031",), "kk": ("17 ақпаннан", "23 ақпанға дейін"),
          "ru": ("с 17 февраля", "по 23 февраля")}


def shows_period(app, lang: str) -> bool:
    return any(all(part in c.value.replace("\u00a0", " ") for part in PERIOD[lang]) for c in app.caption)


def open_at(folder, lang: str, page: str = PAGE, **params) -> AppTest:
    """The page (the TV page unless named) as a link with ``params`` in its address opens it, for a session
    that uploaded ``folder``."""
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    app.session_state["lang"] = lang
    app.session_state[ui.UPLOADED_PACKAGE] = load_package(folder)
    app.run()
    # In a browser the link is the session's first page; here the home page ran first, and chose the
    # whole period: forgotten, as a session that starts at the link has no period yet.
    for key in (ui.period.FROM, ui.period.TO, ui.period.KEPT):
        if key in app.session_state:
            del app.session_state[key]
    for key, value in params.items():
        app.query_params[key] = value
    app.switch_page(page)
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    return app


def titles(app) -> list[str]:
    return [json.loads(chart.proto.spec)["layout"]["meta"]["title"] for chart in app.get("plotly_chart")]


def sources(app) -> list[str]:
    return [json.dumps(json.loads(chart.proto.spec)["layout"]["annotations"], ensure_ascii=False)
            for chart in app.get("plotly_chart")]


@pytest.fixture(scope="module", params=["en", "kk", "ru"])
def week(request):
    return request.param, open_at(FIXTURE, request.param, **{"from": "2031-02-17", "to": "2031-02-23"})


def test_the_period_from_the_address_reopens_the_view(week):
    lang, app = week
    assert (app.session_state["tv_log_from"], app.session_state["tv_log_to"]) == ("2031-02-17", "2031-02-23")
    assert shows_period(app, lang), [c.value for c in app.caption]
    # the address keeps the period, so the link can be shared again
    assert (app.query_params["from"], app.query_params["to"]) == ("2031-02-17", "2031-02-23")


def test_each_monitoring_tab_draws_its_chart_in_each_language(week):
    lang, app = week
    labels = [tab.label for tab in app.tabs]
    assert labels[-4:] == list(TABS[lang]), labels
    for tab, words in TABS[lang].items():
        app.session_state[f"tv_log_view_{lang}"] = tab
        app.run()
        assert not app.exception, (tab, [e.message for e in app.exception])
        found = titles(app)
        assert sum(words in t for t in found) == 1, (tab, found)
        # the log's charts cite the log with the period
        assert sum("2031" in s and "tv_segments.csv" in s for s in sources(app)) >= 1


def test_the_reliability_box_shows_alpha_for_each_variable(week):
    lang, app = week
    assert RELIABILITY[lang] in [s.value for s in app.subheader]
    table = next(d.value for d in app.dataframe if len(d.value) == 3)
    alphas = table.iloc[:, 2].tolist()
    assert all(a != "—" for a in alphas), alphas


def test_the_programme_tab_compares_free_airtime_with_the_law():
    app = open_at(FIXTURE, "en")
    app.session_state["tv_log_view_en"] = "Programme types"
    app.run()
    assert "Free airtime and paid advertising against what the law allots" in [s.value for s in app.subheader]
    assert any("Counted in the shares on this page: News." in c.value for c in app.caption)


def test_the_period_narrows_shares_computed_from_the_log():
    whole = open_at(FIXTURE, "en")
    week_ = open_at(FIXTURE, "en", **{"from": "2031-02-17", "to": "2031-02-23"})
    assert titles(whole)[0] != titles(week_)[0]  # the gap chart's finding changes with the period


def test_a_period_given_backwards_is_turned_round_and_said_so():
    app = open_at(FIXTURE, "en", **{"from": "2031-02-23", "to": "2031-02-17"})
    assert any("The start was after the end" in i.value for i in app.info)
    assert shows_period(app, "en")


def test_a_day_outside_the_log_falls_back_with_a_notice():
    app = open_at(FIXTURE, "en", **{"from": "1999-01-01"})
    assert app.session_state["tv_log_from"] == "2031-02-10"
    assert any("from" in t.value for t in app.toast)


def test_a_log_without_the_columns_has_no_monitoring_views():
    app = open_at(PLAIN_LOG, "en")
    labels = [tab.label for tab in app.tabs]
    assert not set(TABS["en"]) & set(labels), labels
    assert any("Reliability was not measured" in m.value for m in app.markdown)


def silence_captions(app) -> list[str]:
    return [c.value for c in app.caption if c.value.startswith("Campaign silence")]


def test_the_silence_day_is_named_only_for_a_period_that_holds_it():
    # the fixture's silence day is 8 March 2031; the log runs from 10 February to 9 March
    assert len(silence_captions(open_at(FIXTURE, "en"))) == 1
    assert len(silence_captions(open_at(FIXTURE, "en", **{"from": "2031-03-01", "to": "2031-03-09"}))) == 1
    assert silence_captions(open_at(FIXTURE, "en", **{"from": "2031-02-17", "to": "2031-02-23"})) == []


# --- the overview and the deck follow the period ------------------------------------------------------

# The period note, in each language (Babel's dates: the day and month are checked).
PERIOD_NOTE = {"en": ("coded monitoring log", "17 February 2031 to 23 February 2031"),
               "kk": ("мониторинг журналынан", "17 ақпаннан", "23 ақпанға дейін"),
               "ru": ("журналу мониторинга", "с 17 февраля", "по 23 февраля")}
SPEECH_FINDING = {"en": "Direct speech was", "kk": "Тікелей сөз", "ru": "Прямая речь составила"}


def notes_period(texts, lang: str) -> bool:
    return any(all(part in t.replace("\u00a0", " ") for part in PERIOD_NOTE[lang]) for t in texts)


@pytest.mark.parametrize("lang", ["en", "kk", "ru"])
def test_the_overview_s_findings_follow_the_period_in_its_link(lang):
    app = open_at(FIXTURE, lang, "views/overview.py", **{"from": "2031-02-17", "to": "2031-02-23"})
    assert notes_period([c.value for c in app.caption], lang), [c.value for c in app.caption]
    findings_ = [m.value for m in app.markdown if m.value.startswith(("**1.**", "**2.**", "**3.**", "**4.**",
                                                                      "**5.**", "**6.**"))]
    assert any(SPEECH_FINDING[lang] in f for f in findings_), findings_
    assert (app.query_params["from"], app.query_params["to"]) == ("2031-02-17", "2031-02-23")
    whole = open_at(FIXTURE, lang, "views/overview.py")
    assert not notes_period([c.value for c in whole.caption], lang)
    speech = [m.value for m in whole.markdown if SPEECH_FINDING[lang] in m.value]
    # the week's sentence is not the whole log's: its numbers are the week's
    assert speech and not set(speech) & set(findings_)


def test_the_deck_follows_the_period_from_its_title_slide_to_its_log_slides():
    app = open_at(FIXTURE, "en", "views/present.py", **{"from": "2031-02-17", "to": "2031-02-23"})
    assert notes_period([c.value for c in app.caption], "en"), [c.value for c in app.caption]
    headings = []
    while not app.button(key="present_next").disabled:
        app.button(key="present_next").click().run()
        headings += [m.value for m in app.markdown if m.value.startswith("## ")]
    assert any(SPEECH_FINDING["en"] in h for h in headings), headings
    assert any("prime time" in h for h in headings) and any("outlet type" in h for h in headings), headings
    assert app.query_params["from"] == "2031-02-17"
