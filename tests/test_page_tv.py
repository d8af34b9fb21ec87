"""The TV coverage page, run headless with AppTest: every filter combination works, and the filters
change what is shown."""

import base64
import itertools
import json
import sys

import numpy as np
import pytest

from tests.apptest import ROOT, open_page

PAGE = "views/tv_coverage.py"
ALL_CHANNELS = ["khabar", "kazakhstan", "eurasia", "ktk"]  # the channels with news, the default
ALL_PARTIES = ["nur_otan", "ak_zhol", "auyl", "adal", "qhp"]


@pytest.fixture(scope="module")
def app():
    return open_page(PAGE)


def specs(app) -> dict[str, dict]:
    """Every Plotly chart on the page, by the title it states."""
    figures = [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]
    return {figure["layout"]["meta"]["title"]: figure for figure in figures}


def values(array) -> list:
    """A figure array from the chart's JSON: Plotly sends numeric arrays as base64-typed arrays."""
    if isinstance(array, dict) and "bdata" in array:
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


def choose(app, channels, parties, measure):
    app.multiselect(key="tv_channels").set_value(channels)
    app.multiselect(key="tv_parties").set_value(parties)
    app.segmented_control(key="tv_measure").set_value(measure)
    return app.run()


def test_defaults(app):
    app = choose(app, ALL_CHANNELS, ALL_PARTIES, "campaign")
    assert not app.exception, [e.message for e in app.exception]
    assert app.multiselect(key="tv_channels").value == ALL_CHANNELS
    assert app.multiselect(key="tv_parties").value == ALL_PARTIES
    assert app.segmented_control(key="tv_measure").value == "campaign"
    titles = specs(app)
    assert ("Once institutional activities are counted, Nur Otan's share rises to 54% on First Channel Eurasia "
            "(+26 points)") in titles
    assert len(titles) == 3  # dumbbell, bars (the heatmap's and the deviation's tabs are closed), concentration


def test_share_views_are_built_only_when_their_tab_is_open(app):
    app = choose(app, ALL_CHANNELS, ALL_PARTIES, "campaign")
    assert [tab.label for tab in app.tabs] == ["Bars", "Heatmap", "Distance from an equal share"]
    # What each tab's chart says first; only the open tab's chart is on the page.
    views = {"Bars": "Nur Otan got the largest share", "Heatmap": "Campaign news: shares range from 15% to 28%",
             "Distance from an equal share": "In campaign news, Nur Otan on First Channel Eurasia"}
    for tab, words in [*list(views.items())[1:], list(views.items())[0]]:  # back to bars at the end
        app.session_state["tv_shares_view_en"] = tab
        app.run()
        assert not app.exception, (tab, [e.message for e in app.exception])
        titles = specs(app)
        assert len(titles) == 3, (tab, list(titles))
        for other, other_words in views.items():
            assert any(t.startswith(other_words) for t in titles) == (other == tab), (tab, other, list(titles))
        if tab == "Heatmap":
            heatmap = next(f for t, f in titles.items() if t.startswith(words))
            assert heatmap["data"][0]["type"] == "heatmap"


def test_context_from_the_statement(app):
    app = choose(app, ALL_CHANNELS, ALL_PARTIES, "campaign")
    text = " ".join(m.value for m in app.markdown) + " " + " ".join(c.value for c in app.caption)
    assert "13\u00a0December 2020 – 8\u00a0January 2021" in text
    assert "about 70%" in text
    assert "90%" in text
    assert "Channel 7: no news programmes, so no shares of news" in text
    assert "In their news, the monitored TV channels mostly met their obligation" in text  # notes.csv, page tv
    assert "2,000 means all 5 parties" in text


@pytest.mark.parametrize("measure", ["campaign", "incl_institutional"])
def test_every_filter_combination_runs(app, measure):
    channel_choices = {"all": ALL_CHANNELS, "one": ["ktk"], "none": []}
    party_choices = {"all": ALL_PARTIES, "two": ["adal", "qhp"], "none": []}
    for (c, channels), (p, parties) in itertools.product(channel_choices.items(), party_choices.items()):
        app = choose(app, channels, parties, measure)
        assert not app.exception, (measure, c, p, [e.message for e in app.exception])
        figures = specs(app)
        if not channels:
            assert not figures and "Choose at least one channel" in " ".join(i.value for i in app.info)
        elif not parties:
            assert len(figures) == 1  # concentration only, which counts every party
            assert "Choose at least one party" in " ".join(i.value for i in app.info)
        else:
            assert len(figures) == 3


def test_channel_without_news_gets_a_sentence(app):
    app = choose(app, ["channel7"], ALL_PARTIES, "campaign")
    assert not app.exception
    assert not specs(app)
    assert "Channel 7: no news programmes" in " ".join(i.value for i in app.info)
    app = choose(app, ["channel7", "khabar"], ALL_PARTIES, "campaign")
    assert not app.exception and len(specs(app)) == 3


def test_measure_changes_the_bars(app):
    app = choose(app, ALL_CHANNELS, ALL_PARTIES, "campaign")
    campaign = specs(app)
    app = choose(app, ALL_CHANNELS, ALL_PARTIES, "incl_institutional")
    institutional = specs(app)
    bars_campaign = next(f for t, f in campaign.items() if t.startswith("Nur Otan got the largest share"))
    bars_institutional = next(f for t, f in institutional.items() if t.startswith("Nur Otan got the largest share"))
    nur_otan = [t for t in bars_campaign["data"] if t.get("name") == "Nur Otan"][0]
    assert values(nur_otan["y"]) == [24, 15, 28, 21] and nur_otan["text"] == ["24%", "15%", "28%", "21%"]
    nur_otan = [t for t in bars_institutional["data"] if t.get("name") == "Nur Otan"][0]
    assert values(nur_otan["y"]) == [39, 35, 54, 28]
    assert "28%" in next(iter(t for t in campaign if "largest share of campaign news" in t))
    assert any("largest share of news including institutional activities: 54%" in t for t in institutional)


def test_tables_are_built_only_when_their_expanders_open(app):
    app = choose(app, ["eurasia"], ["nur_otan", "adal"], "campaign")
    assert not app.dataframe  # both tables wait behind closed expanders
    app.session_state["tv_gap_table"] = True
    app.session_state["tv_concentration_table"] = True
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    gap, concentration = (frame.value for frame in app.dataframe)
    assert list(gap.iloc[:, -1]) == ["+26", "\u22127"]
    assert list(gap.iloc[:, 1]) == ["Nur Otan", "Adal"]
    assert list(concentration.iloc[:, 0]) == ["First Channel Eurasia"] * 2  # one row per measure
    assert list(concentration.iloc[:, 2]) == ["Nur Otan, 28%", "Nur Otan, 54%"]  # the statement's shares
    app.session_state["tv_gap_table"] = False
    app.session_state["tv_concentration_table"] = False
    app.run()


def package_copy(tmp_path, drop_tables=(), drop_facts=()):
    """The bundled package in a temporary folder, without some tables or facts (data/ is untouched)."""
    source = ROOT / "data"
    descriptor = json.loads((source / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] not in drop_tables]
    for resource in descriptor["resources"]:
        if not (source / resource["path"]).is_file():
            continue  # a table the contract allows but the bundled package does not have (tv_segments)
        text = (source / resource["path"]).read_text(encoding="utf-8")
        if resource["name"] == "facts":
            text = "".join(line for line in text.splitlines(keepends=True)
                           if line.split(",", 1)[0] not in drop_facts)
        (tmp_path / resource["path"]).write_text(text, encoding="utf-8")
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    return tmp_path


def run_with_package(monkeypatch, folder):
    # ui.data_path() reads --data from the command line, as `streamlit run dashboard.py -- --data PATH`.
    monkeypatch.setattr(sys, "argv", ["dashboard.py", "--data", str(folder)])
    return open_page(PAGE)


def test_missing_facts_are_left_out(tmp_path, monkeypatch):
    folder = package_copy(tmp_path, drop_tables=["notes"], drop_facts=["monitoring_end", "men_among_covered_pct"])
    app = run_with_package(monkeypatch, folder)
    assert not app.exception, [e.message for e in app.exception]
    text = " ".join(m.value for m in app.markdown) + " " + " ".join(c.value for c in app.caption)
    assert "Monitoring period" not in text and "Men among" not in text
    assert "about 70%" in text
    assert "mostly met their obligation" not in text  # that sentence lives in notes.csv
    assert len(specs(app)) == 3


def test_missing_facts_table_says_so(tmp_path, monkeypatch):
    folder = package_copy(tmp_path, drop_tables=["facts", "notes"])
    app = run_with_package(monkeypatch, folder)
    assert not app.exception, [e.message for e in app.exception]
    assert "facts.csv" in " ".join(i.value for i in app.info)
    assert len(specs(app)) == 3


def test_filter_summary_stays_one_line_with_many_parties(monkeypatch):
    """Eight parties' names do not fit the fold's one line: a full choice is then said as a count, the
    shorter list of channels keeps its names."""
    app = run_with_package(monkeypatch, ROOT / "tests" / "fixtures" / "synthetic_election")
    assert not app.exception, [e.message for e in app.exception]
    fold = next(e for e in app.expander if e.label.startswith("Channels:"))
    assert fold.label == "Channels: TV One, Metro 24, Public News Channel · Parties: all 8"
    app.multiselect(key="tv_parties").set_value(["green_valley", "river_front", "civic_bloc", "labour_alliance",
                                                 "northern_voice", "new_dawn", "farmers_league"])
    app = app.run()
    fold = next(e for e in app.expander if e.label.startswith("Channels:"))
    assert fold.label == "Channels: TV One, Metro 24, Public News Channel · Parties: 7 of 8"


def test_filter_summary_names_the_bundled_choice(app):
    app = choose(app, ALL_CHANNELS, ALL_PARTIES, "campaign")
    fold = next(e for e in app.expander if e.label.startswith("Channels:"))
    assert fold.label == ("Channels: Khabar, Kazakhstan, First Channel Eurasia, KTK · "
                          "Parties: Nur Otan, Ak Zhol, Auyl, Adal, PPK")
