"""Candidates, women, results and coverage against votes. Expected numbers are typed from the statement
(«Партиялар мен Үміткерлерді Тіркеу», paragraphs 3-5; background paragraph 5; election administration
paragraph 2) and from candidates.csv, results.csv and tv_coverage.csv, not computed by the code."""

import pandas as pd
import pytest

from observer import candidates as cand
from observer.charts import candidates as charts
from observer.charts.style import title_of
from observer.facts import Facts
from observer.i18n import Language

L = Language("en")
COLORS = {"nur_otan": "#0072B2", "ak_zhol": "#DDCC77", "auyl": "#88CCEE", "adal": "#882255", "qhp": "#CC6677"}


@pytest.fixture(scope="module")
def facts(pkg):
    return Facts(pkg.table("facts"))


def test_majority():
    assert cand.majority(98) == 50
    assert cand.majority(99) == 50
    assert cand.majority(100) == 51


def test_candidates_per_party_and_who_could_win(pkg, facts):
    assert facts.value("seats_contested") == 98
    frame = cand.per_party(pkg.table("candidates"), 98)
    assert list(frame["party"]) == ["nur_otan", "qhp", "ak_zhol", "auyl", "adal"]
    assert list(frame["candidates"]) == [126, 113, 38, 19, 16]
    assert list(frame["can_win_majority"]) == [True, True, False, False, False]
    assert cand.majority_parties(pkg.table("candidates"), 98) == ["nur_otan", "qhp"]
    assert frame["candidates"].sum() == 312


def test_results_and_threshold(pkg, facts):
    assert facts.value("threshold_pct") == 7
    frame = cand.results(pkg.table("results"), 7)
    assert list(frame["party"]) == ["nur_otan", "ak_zhol", "qhp", "auyl", "adal"]
    assert list(frame["pct"]) == [71.09, 10.95, 9.10, 5.29, 3.57]
    assert list(frame["seats"]) == [76, 12, 10, 0, 0]
    assert cand.passed(pkg.table("results"), 7) == ["nur_otan", "ak_zhol", "qhp"]


def test_coverage_vs_votes(pkg):
    frame = cand.coverage_vs_votes(pkg.table("tv_coverage"), pkg.table("results"), "campaign")
    rows = frame.set_index(["channel", "party"])
    assert rows.loc[("khabar", "nur_otan"), "share_pct"] == 24
    assert rows.loc[("khabar", "nur_otan"), "vote_pct"] == 71.09
    assert rows.loc[("khabar", "nur_otan"), "gap_pts"] == pytest.approx(24 - 71.09)
    assert rows.loc[("kazakhstan", "adal"), "gap_pts"] == pytest.approx(26 - 3.57)
    assert list(dict.fromkeys(frame["party"])) == ["nur_otan", "ak_zhol", "qhp", "auyl", "adal"]
    assert set(frame["channel"]) == {"khabar", "kazakhstan", "eurasia", "ktk"}   # channel7 shows no news
    institutional = cand.coverage_vs_votes(pkg.table("tv_coverage"), pkg.table("results"), "incl_institutional")
    assert institutional.set_index(["channel", "party"]).loc[("eurasia", "nur_otan"), "share_pct"] == 54


def test_women_shares(facts):
    frame = cand.women(facts).set_index("key")
    assert list(frame.index) == ["candidates", "candidates_prev", "outgoing_parliament", "cec", "lower_commissions",
                                 "akims", "ministers"]
    assert frame.loc["candidates", "pct"] == 28.8            # as published, 90 of 312
    assert (frame.loc["candidates", "count"], frame.loc["candidates", "total"]) == (90, 312)
    assert frame.loc["candidates_prev", "pct"] == 20.1
    assert frame.loc["outgoing_parliament", "pct"] == 25
    assert frame.loc["lower_commissions", "pct"] == 67.7
    assert frame.loc["cec", "pct"] == pytest.approx(100 * 2 / 7)          # 2 of 7
    assert frame.loc["akims", "pct"] == pytest.approx(100 * 1 / 17)       # 1 of 17
    assert frame.loc["ministers", "pct"] == pytest.approx(100 * 2 / 22)   # 2 of 22
    assert bool(frame.loc["cec", "computed"]) and not bool(frame.loc["candidates", "computed"])


def test_women_chart_gives_every_share_one_decimal(facts):
    """The statement's 25% beside its 28.8% and 20.1%: one chart, one number of decimals (the number style)."""
    fig = charts.women(cand.women(facts), L, quota=facts.get("quota_women_youth_pct"))
    assert list(fig.data[0].text) == ["28.8%  (90 of 312)", "20.1%", "25.0%", "28.6%  (2 of 7)", "67.7%",
                                      "5.9%  (1 of 17)", "9.1%  (2 of 22)"]


def test_women_leave_out_what_is_missing():
    facts = Facts(pd.DataFrame([{"fact": "cec_women", "value": 3, "unit": "count", "label_en": "Women on the board",
                                 "source": "synthetic", "date": None, "approximate": False}]))
    assert cand.women(facts).empty   # a count without its total says nothing


# ---------------------------------------------------------------- figures

def vlines(fig):
    return sorted((s.xref, s.x0) for s in fig.layout.shapes if s.x0 == s.x1)


def test_candidates_figure(pkg, facts):
    fig = charts.per_party(pkg.table("candidates"), pkg.table("parties"), L, seats=facts.get("seats_contested"),
                           list_max=facts.get("list_max_candidates"))
    bar = fig.data[0]
    assert list(bar.y) == ["Nur Otan", "PPK", "Ak Zhol", "Auyl", "Adal"]
    assert list(bar.x) == [126, 113, 38, 19, 16]
    assert list(bar.marker.color) == [COLORS[p] for p in ("nur_otan", "qhp", "ak_zhol", "auyl", "adal")]
    assert list(bar.marker.opacity) == [1, 1, charts.FADED, charts.FADED, charts.FADED]
    assert bar.text[0] == "126 · enough for a majority" and bar.text[2] == "38"
    assert [x for _, x in vlines(fig)] == [50, 98, 127]
    assert title_of(fig) == ("Only 2 of 5 parties fielded enough candidates to win a majority (50 of 98 seats): "
                             "Nur Otan (126) and PPK (113)")
    assert "paragraph 3" in fig.layout.meta["source"]


def test_women_figure(facts):
    fig = charts.women(cand.women(facts), L, quota=facts.get("quota_women_youth_pct"))
    bar = fig.data[0]
    assert bar.x[0] == 28.8
    assert bar.text[0] == "28.8%  (90 of 312)"
    assert bar.text[3] == "28.6%  (2 of 7)"
    assert bar.text[5] == "5.9%  (1 of 17)"
    assert bar.text[6] == "9.1%  (2 of 22)"
    assert bar.text[4] == "67.7%"
    assert bar.marker.color[0] == charts.HIGHLIGHT and bar.marker.color[1] == charts.OTHER
    row_labels = [a.text for a in fig.layout.annotations if a.name == "row_label"]
    assert row_labels[3] == "Women among CEC members" and row_labels[5] == "Regional akim posts held by women"
    assert [x for _, x in vlines(fig)] == [30]
    assert title_of(fig) == ("28.8% of candidates are women (90 of 312), up from 20.1% at the previous "
                             "parliamentary election")


def test_the_list_quota_line_runs_through_the_candidates_row_only(facts):
    """The 30 % quota is on party lists: its line does not cross the CEC, the commissions, akims or ministers, and
    the candidates' 28.8 % is written past it, not through it."""
    fig = charts.women(cand.women(facts), L, quota=facts.get("quota_women_youth_pct"))
    (line,) = [s for s in fig.layout.shapes if s.name == "quota"]
    assert (line.x0, line.yref, line.y0, line.y1) == (30, "y", -0.75, 0.45)   # down to the first row only
    values = [(a.x, a.xshift) for a in fig.layout.annotations if a.name == "value_label"]
    assert values[0] == (30, 6) and values[3] == (100 * 2 / 7, 4)               # 28.8 % past the line; 28.6 % at its bar


def test_no_quota_line_where_no_row_is_of_party_lists(facts):
    frame = cand.women(facts)
    fig = charts.women(frame[frame["key"] != "candidates"], L, quota=facts.get("quota_women_youth_pct"))
    assert not [s for s in fig.layout.shapes if s.name == "quota"]
    assert "Quota" not in " ".join(a.text for a in fig.layout.annotations)


def test_results_figure(pkg, facts):
    fig = charts.results(pkg.table("results"), pkg.table("parties"), L, threshold=facts.get("threshold_pct"),
                         seats=facts.get("seats_contested"))
    pct, seats = (next(t for t in fig.data if t.meta == m) for m in ("pct", "seats"))
    assert list(pct.y) == ["Nur Otan", "Ak Zhol", "PPK", "Auyl", "Adal"]
    assert list(pct.x) == [71.09, 10.95, 9.10, 5.29, 3.57]
    assert list(seats.x) == [76, 12, 10, 0, 0]
    assert list(pct.marker.opacity) == [1, 1, 1, charts.FADED, charts.FADED]
    assert vlines(fig) == [("x", 7), ("x2", 50)]
    # A label that would cross the threshold line starts just past it, as a note at the line.
    moved = {a.text: a.x for a in fig.layout.annotations if a.name == "bar_label"}
    assert pct.text[3] == "" and moved["5.29% · below threshold"] > 7
    assert pct.text[2] == "9.10%"   # as published, two decimals like the others
    assert title_of(fig) == ("3 of 5 parties passed the 7% threshold; Nur Otan won 76 of 98 seats "
                             "with 71.09% of the vote")
    assert "Outside the statement" in fig.layout.meta["source"] or "not in the statement" in fig.layout.meta["source"]


def test_coverage_figure(pkg):
    fig = charts.coverage_vs_votes(pkg.table("tv_coverage"), pkg.table("results"), pkg.table("parties"),
                                   pkg.table("channels"), L, "campaign")
    votes = next(t for t in fig.data if t.meta == "votes")
    assert list(votes.x) == [71.09, 10.95, 9.10, 5.29, 3.57]
    # each vote share under its party's name: at the bar's end the channels' markers covered it (18% beside 10.95%)
    assert list(fig.layout.yaxis.ticktext) == ["Nur Otan<br>71.09%", "Ak Zhol<br>10.95%", "PPK<br>9.10%",
                                               "Auyl<br>5.29%", "Adal<br>3.57%"]
    assert votes.text is None
    channels = [t for t in fig.data if t.type == "scatter"]
    assert [t.name for t in channels] == ["Khabar", "Kazakhstan", "First Channel Eurasia", "KTK"]
    assert list(channels[0].x) == [24, 18, 17, 19, 22]   # Khabar: Nur Otan, Ak Zhol, PPK, Auyl, Adal
    # Facts only: observers compare coverage between parties, not with votes, so no "but got only".
    assert title_of(fig) == "Nur Otan won 71.09% of the vote and got 15% to 28% of the coverage on the 4 channels"
    institutional = charts.coverage_vs_votes(pkg.table("tv_coverage"), pkg.table("results"), pkg.table("parties"),
                                             pkg.table("channels"), L, "incl_institutional")
    assert "28% to 54%" in title_of(institutional)


# ---------------------------------------------------------------- synthetic election (not from the statement)

SYNTHETIC_PARTIES = pd.DataFrame({"party": ["xi", "omicron", "pi"], "short_en": ["Xi", "Omicron", "Pi"],
                                  "name_en": ["Xi List", "Omicron List", "Pi List"],
                                  "color": ["#101010", "#202020", "#303030"]})
SYNTHETIC_LISTS = pd.DataFrame({"party": ["xi", "omicron", "pi"], "candidates": [40, 60, 10], "source": "synthetic"})


def synthetic_fact(fact, value, unit="count") -> Facts:
    return Facts(pd.DataFrame([{"fact": fact, "value": value, "unit": unit, "label_en": fact, "source": "synthetic",
                                "date": None, "approximate": False}])).get(fact)


def test_synthetic_one_party_could_win():
    fig = charts.per_party(SYNTHETIC_LISTS, SYNTHETIC_PARTIES, L, seats=synthetic_fact("seats_contested", 100))
    assert list(fig.data[0].y) == ["Omicron", "Xi", "Pi"]
    assert [x for _, x in vlines(fig)] == [51, 100]
    assert title_of(fig) == ("Only 1 of 3 parties fielded enough candidates to win a majority (51 of 100 seats): "
                             "Omicron (60)")


def test_synthetic_none_could_win_and_no_facts():
    fig = charts.per_party(SYNTHETIC_LISTS, SYNTHETIC_PARTIES, L, seats=synthetic_fact("seats_contested", 150))
    assert title_of(fig).startswith("None of the 3 parties fielded enough candidates")
    bare = charts.per_party(SYNTHETIC_LISTS, SYNTHETIC_PARTIES, L)
    assert vlines(bare) == []
    assert title_of(bare) == "Omicron fielded the most candidates: 60"


def test_synthetic_results():
    results = pd.DataFrame({"party": ["xi", "omicron", "pi"], "votes": [500, 300, 200], "pct": [50.0, 30.0, 20.0],
                            "seats": [30, 12, 8], "source": "synthetic"})
    fig = charts.results(results, SYNTHETIC_PARTIES, L, threshold=synthetic_fact("threshold_pct", 25, "percent"))
    assert title_of(fig) == "2 of 3 parties passed the 25% threshold; Xi won 30 of 50 seats with 50% of the vote"
    assert vlines(fig) == [("x", 25)]


def test_a_short_bars_label_that_would_cross_a_line_goes_inside_its_bar():
    """28 candidates with a majority at 31: written after the bar, '28' landed past the majority line, as if the
    list reached it. It goes inside the bar's end, dark on the faded bar (Plotly would pick white for the
    bar's full colour, and the bar is drawn at a third of it)."""
    lists = pd.DataFrame({"party": ["xi", "omicron", "pi"], "candidates": [54, 28, 10], "source": "synthetic"})
    fig = charts.per_party(lists, SYNTHETIC_PARTIES, L, seats=synthetic_fact("seats_contested", 60))
    bar = fig.data[0]
    assert list(bar.y) == ["Xi", "Omicron", "Pi"] and [x for _, x in vlines(fig)][0] == 31
    assert list(bar.textposition) == ["inside", "inside", "outside"]
    assert bar.text[1] == "28"
    assert not [a for a in fig.layout.annotations if a.name == "bar_label"]
    assert list(bar.insidetextfont.color)[:2] == ["#FFFFFF", "#444444"]
