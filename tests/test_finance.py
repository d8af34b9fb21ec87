"""Campaign finance: metrics and figures. Expected numbers are typed from the statement (footnotes 22,
38-41, paragraph 1 of «Науқанды Қаржыландыру») and finance.csv / candidates.csv, not computed by the code."""

import pandas as pd
import pytest

from observer import finance
from observer.charts import finance as charts
from observer.charts.style import title_of
from observer.facts import Facts
from observer.i18n import Language

L = Language("en")
RATE = 510

# party: (raised, spent) in tenge, footnote 41
PUBLISHED = {"nur_otan": (637e6, 565e6), "auyl": (310e6, 255e6), "ak_zhol": (267e6, 254e6),
             "adal": (315e6, 273e6), "qhp": (200e6, 177e6)}
COLORS = {"nur_otan": "#0072B2", "ak_zhol": "#DDCC77", "auyl": "#88CCEE", "adal": "#882255", "qhp": "#CC6677"}


@pytest.fixture(scope="module")
def facts(pkg):
    return Facts(pkg.table("facts"))


def test_money_per_party_as_published(pkg):
    frame = finance.money(pkg.table("finance")).set_index("party")
    for party, (raised, spent) in PUBLISHED.items():
        assert frame.loc[party, "raised"] == raised
        assert frame.loc[party, "spent"] == spent
    assert frame.loc["nur_otan", "left"] == 72e6
    assert frame.loc["adal", "left"] == 42e6
    assert frame.loc["ak_zhol", "left"] == 13e6


def test_money_is_ordered_by_raised(pkg):
    assert list(finance.money(pkg.table("finance"))["party"]) == ["nur_otan", "adal", "auyl", "ak_zhol", "qhp"]


def test_caps_and_ceiling(facts):
    caps = finance.caps(facts)
    assert caps.own_funds == 212_500_000
    assert caps.donations == 425_000_000
    assert caps.ceiling == 637_500_000


def test_ceiling_shares(pkg, facts):
    frame = finance.ceiling_shares(pkg.table("finance"), finance.caps(facts).ceiling).set_index("party")
    assert frame.loc["nur_otan", "ceiling_pct"] == pytest.approx(99.92, abs=0.01)   # 637 of 637.5 million
    assert frame.loc["adal", "ceiling_pct"] == pytest.approx(49.41, abs=0.01)       # 315 of 637.5
    assert frame.loc["qhp", "ceiling_pct"] == pytest.approx(31.37, abs=0.01)        # 200 of 637.5


def test_euro_at_the_statements_rate(pkg, facts):
    assert facts.value("eur_rate_kzt") == RATE
    frame = finance.in_currency(finance.money(pkg.table("finance")), "EUR", RATE).set_index("party")
    assert frame.loc["nur_otan", "raised"] == pytest.approx(637e6 / 510)
    assert frame.loc["nur_otan", "raised"] == pytest.approx(1_249_019.6, abs=0.1)
    assert finance.convert(637_500, "EUR", RATE) == 1250  # the deposit, footnote 22: about 1,250 euro
    assert finance.currencies(facts, "KZT") == ["KZT", "EUR"]


def test_spent_per_candidate(pkg):
    frame = finance.spent_per_candidate(pkg.table("finance"), pkg.table("candidates"))
    assert list(frame["party"]) == ["adal", "auyl", "ak_zhol", "nur_otan", "qhp"]
    per = frame.set_index("party")["spent_per_candidate"]
    assert per["adal"] == pytest.approx(273e6 / 16)        # 17,062,500
    assert per["nur_otan"] == pytest.approx(4_484_127, abs=1)
    assert per["qhp"] == pytest.approx(1_566_372, abs=1)


def test_deposits(pkg, facts):
    assert facts.value("deposit_per_candidate_kzt") == 637_500
    frame = finance.deposits(pkg.table("candidates"), 637_500).set_index("party")
    assert frame.loc["nur_otan", "deposit"] == 80_325_000   # 126 x 637,500
    assert frame.loc["qhp", "deposit"] == 72_037_500        # 113 x 637,500
    assert frame.loc["adal", "deposit"] == 10_200_000       # 16 x 637,500
    assert frame["deposit"].sum() == 198_900_000            # 312 x 637,500


def test_as_of_before_campaign_end(pkg, facts):
    as_of = finance.as_of(pkg.table("finance"))
    assert as_of == pd.Timestamp("2020-12-30")
    assert finance.days_before(as_of, facts.get("campaign_end").date) == 9   # campaign ended 8 January 2021


# ---------------------------------------------------------------- figures

def raised_figure(pkg, facts, currency="KZT"):
    return charts.raised_spent(pkg.table("finance"), pkg.table("parties"), L, currency=currency, rate=RATE,
                               caps=finance.caps(facts),
                               cap_facts=(facts.get("cap_own_funds_kzt"), facts.get("cap_donations_kzt")))


def trace(fig, meta):
    return next(t for t in fig.data if t.meta == meta)


def lines(fig):
    return sorted(round(s.y0, 2) for s in fig.layout.shapes if s.y0 == s.y1)


def test_raised_spent_figure_values_order_colours(pkg, facts):
    fig = raised_figure(pkg, facts)
    raised, spent = trace(fig, "raised"), trace(fig, "spent")
    assert list(raised.x) == ["Nur Otan", "Adal", "Auyl", "Ak Zhol", "PPK"]
    assert list(raised.y) == [637e6, 315e6, 310e6, 267e6, 200e6]
    assert list(spent.y) == [565e6, 273e6, 255e6, 254e6, 177e6]
    # left over, under each party's name, the amount on a line of its own (as in kk and ru): on one line
    # 'left over: 72M' was wider than a party's room at 1280 px and every tick was turned on its side
    assert [t.split("<br>", 1)[1] for t in fig.layout.xaxis.ticktext] == [
        "left over:<br>72M", "left over:<br>42M", "left over:<br>55M", "left over:<br>13M", "left over:<br>23M"]
    assert fig.layout.xaxis.tickangle is None
    assert spent.customdata[0][1] == "72 million tenge"
    assert list(raised.marker.color) == [COLORS[p] for p in ("nur_otan", "adal", "auyl", "ak_zhol", "qhp")]
    assert raised.text[0] == "637M"


def test_a_label_inside_a_striped_bar_is_dark_on_a_white_halo(pkg, facts):
    # White text with a dark shadow read poorly on the white stripes of a light bar ('177 млн' on PPK's
    # pink): dark text, with a white halo that clears the stripes round each letter, reads on any colour.
    spent = trace(raised_figure(pkg, facts), "spent")
    assert spent.insidetextfont.color == "#1a1a1a"
    assert spent.insidetextfont.shadow.startswith("0 0 2px #ffffff, 0 0 3px #ffffff")
    assert trace(raised_figure(pkg, facts), "raised").insidetextfont.color is None  # solid bars: Plotly's own


def test_raised_spent_cap_lines(pkg, facts):
    fig = raised_figure(pkg, facts)
    # The bars are totals (own funds and donations together): only the ceiling on the total is a line. Lines
    # at the caps on own funds (212.5M) and on donations (425M) ran across the totals of Adal, Auyl and Ak Zhol
    # (and Nur Otan's), as if they had broken them; those caps are stated beside the chart, with no line.
    assert lines(fig) == [637.5e6]
    parts = next(a for a in fig.layout.annotations if a.name == "cap_parts")
    assert parts.yref == "paper" and parts.xref == "paper"
    labels = " ".join(a.text.replace("<br>", " ") for a in fig.layout.annotations if (a.name or "").startswith("cap_"))
    assert "Cap on a party's own funds" in labels and "Cap on private donations" in labels
    assert "212.5M" in labels and "637.5M" in labels


def test_the_caps_on_each_part_keep_clear_of_the_ceilings_label():
    from observer.charts.finance import parts_at_top

    # 300 px of plot for 700M: a ceiling at 637.5M has its 5-line label centred 27 px down, 69.5 px at most;
    # the parts' 8 lines take the foot's 136 px: they stay there.
    assert not parts_at_top(637.5e6, 700e6, 5, 8)
    # A ceiling at 200M, centred 214 px down, reaches 256.5 px: into the foot's block, which goes to the top.
    assert parts_at_top(200e6, 700e6, 5, 8)
    assert not parts_at_top(None, 700e6, 0, 8)


def test_raised_spent_title_names_the_leader(pkg, facts):
    title = title_of(raised_figure(pkg, facts))
    assert title == "Nur Otan raised 637 million tenge, 99.9% of the legal ceiling — more than twice any other party"


def test_raised_spent_in_euro(pkg, facts):
    fig = raised_figure(pkg, facts, "EUR")
    assert trace(fig, "raised").y[0] == pytest.approx(637e6 / 510)
    assert trace(fig, "spent").y[0] == pytest.approx(565e6 / 510)
    assert lines(fig) == [1_250_000]
    assert title_of(fig).startswith("Nur Otan raised about €1.25 million, 99.9% of the legal ceiling")
    assert fig.layout.yaxis.title.text == "Euro"


def test_raised_spent_source_line(pkg, facts):
    meta = raised_figure(pkg, facts).layout.meta
    assert "footnote 41" in meta["source"]
    assert "«Науқанды Қаржыландыру» (Campaign finance), paragraph 1" in meta["source"]
    assert meta["source"].count("footnote 41") == 1   # distinct citations only


def test_ceiling_share_figure(pkg, facts):
    fig = charts.ceiling_share(pkg.table("finance"), pkg.table("parties"), L, 637.5e6)
    bar = fig.data[0]
    assert list(bar.y) == ["Nur Otan", "Adal", "Auyl", "Ak Zhol", "PPK"]
    assert bar.x[0] == pytest.approx(99.92, abs=0.01)
    # 99.9% ends at the 100% line: its label goes inside the bar's end (written past the line, it made the
    # bar look as if it passed the ceiling), white on the party's dark blue as Plotly would choose.
    assert bar.textposition[0] == "inside" and bar.text[0] == "99.9% (637M)"
    assert not [a for a in fig.layout.annotations if a.name == "bar_label"]
    assert bar.insidetextfont.color[0] == "#FFFFFF"
    assert [s.x0 for s in fig.layout.shapes] == [100]
    assert title_of(fig) == ("Nur Otan raised 99.9% of the legal ceiling (637.5 million tenge); "
                             "no other party raised more than 49.4%")


def test_spent_per_candidate_figure(pkg):
    fig = charts.spent_per_candidate(pkg.table("finance"), pkg.table("candidates"), pkg.table("parties"), L)
    assert list(fig.data[0].y) == ["Adal", "Auyl", "Ak Zhol", "Nur Otan", "PPK"]
    assert fig.data[0].x[0] == pytest.approx(17_062_500)
    # PPK's 1,566,372 is '1.6M' on its bar beside Adal's 17.1M (one style for the chart): the title says 1.6 too
    assert fig.data[0].text[-1].startswith("1.6M")
    assert title_of(fig) == ("Adal spent the most per candidate: 17.1 million tenge; "
                             "PPK the least: 1.6 million tenge")


def test_deposit_figure(pkg, facts):
    fig = charts.deposits(pkg.table("candidates"), pkg.table("parties"), L, facts.get("deposit_per_candidate_kzt"))
    assert list(fig.data[0].y) == ["Nur Otan", "PPK", "Ak Zhol", "Auyl", "Adal"]
    assert list(fig.data[0].x) == [80_325_000, 72_037_500, 24_225_000, 12_112_500, 10_200_000]
    assert title_of(fig) == ("At 637,500 tenge per candidate, Nur Otan paid 80.3 million tenge in deposits for "
                             "126 candidates; all parties together paid 198.9 million tenge for 312 candidates")
    assert "footnote 22" in fig.layout.meta["source"]


# ---------------------------------------------------------------- synthetic election (not from the statement)

SYNTHETIC_PARTIES = pd.DataFrame({
    "party": ["alpha", "beta", "gamma"], "short_en": ["Alpha", "Beta", "Gamma"],
    "name_en": ["Alpha Party", "Beta Party", "Gamma Party"], "color": ["#111111", "#222222", "#333333"],
})


def synthetic_finance(raised: dict, spent: dict) -> pd.DataFrame:
    return pd.DataFrame({"party": list(raised), "raised_kzt": list(raised.values()),
                         "spent_kzt": [spent[p] for p in raised], "as_of": pd.Timestamp("2030-05-01"),
                         "source": "synthetic"})


def synthetic_facts(**values) -> Facts:
    return Facts(pd.DataFrame([{"fact": k, "value": v, "unit": "KZT", "label_en": k, "source": "synthetic facts",
                                "date": None, "approximate": False} for k, v in values.items()]))


def test_synthetic_leader_close_to_runner_up():
    table = synthetic_finance({"alpha": 120e6, "beta": 150e6, "gamma": 30e6}, {"alpha": 100e6, "beta": 90e6, "gamma": 30e6})
    facts = synthetic_facts(cap_own_funds_kzt=100e6, cap_donations_kzt=200e6)
    fig = charts.raised_spent(table, SYNTHETIC_PARTIES, L, caps=finance.caps(facts))
    assert list(trace(fig, "raised").x) == ["Beta", "Alpha", "Gamma"]
    assert [t.split("<br>", 1)[1] for t in fig.layout.xaxis.ticktext] == ["left over:<br>60M", "left over:<br>20M",
                                                                         "left over:<br>0"]
    assert list(trace(fig, "raised").marker.color) == ["#222222", "#111111", "#333333"]
    assert lines(fig) == [300e6]
    assert title_of(fig) == "Beta raised 150 million tenge, 50% of the legal ceiling; next came Alpha with 120 million tenge"


def test_synthetic_leader_far_ahead_and_no_caps():
    table = synthetic_finance({"alpha": 10e6, "gamma": 45e6}, {"alpha": 5e6, "gamma": 40e6})
    fig = charts.raised_spent(table, SYNTHETIC_PARTIES, L, caps=finance.caps(Facts(None)))
    assert lines(fig) == []
    assert title_of(fig) == "Gamma raised 45 million tenge — more than 4 times as much as any other party"
    assert finance.currencies(Facts(None), "KZT") == ["KZT"]


def test_amount_words_and_ticks():
    assert charts.amount(637.5e6, "KZT", L) == "637.5 million tenge"
    assert charts.amount(33.9e9, "KZT", L) == "33.9 billion tenge"
    assert charts.amount(1250, "EUR", L, 510) == "about €1,250"
    assert charts.nice_ticks(700e6) == [0, 200e6, 400e6, 600e6, 800e6]


@pytest.mark.parametrize("raised, phrase", [
    (40e6, "more than 3 times as much as any other party"),   # exactly 4 times: not "more than 4 times"
    (20e6, "next came Alpha with 10 million tenge"),            # exactly twice: not "more than twice"
    (21e6, "more than twice any other party"),
])
def test_more_than_means_more_than(raised, phrase):
    table = synthetic_finance({"alpha": 10e6, "gamma": raised}, {"alpha": 5e6, "gamma": 5e6})
    fig = charts.raised_spent(table, SYNTHETIC_PARTIES, L, caps=finance.caps(Facts(None)))
    assert title_of(fig).endswith(phrase), title_of(fig)


def test_ticks_and_bar_labels_of_a_chart_are_in_one_unit():
    """The deposits of the other-currency package (SYNTHETIC) run to 600,000: the bars read "600 тыс." and
    the axis ran on to "1,0 млн". The axis now stops in the labels' unit: 0 to 800 тыс."""
    from observer import catalogue, load_package
    from tests.apptest import ROOT

    pkg = load_package(ROOT / "tests" / "fixtures" / "synthetic_other_currency")
    fig = catalogue.chart("finance-deposits").figure(catalogue.Inputs(pkg, Language("ru")))
    assert fig.layout.xaxis.ticktext == ("0", "200\u00a0тыс.", "400\u00a0тыс.", "600\u00a0тыс.", "800\u00a0тыс.")
    assert fig.data[0].text[0].startswith("600\u00a0тыс.")
