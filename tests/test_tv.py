"""TV coverage figures and charts. Expected numbers are typed from the statement («БАҚ», paragraph 6)
or worked out by hand from it, never computed by the code under test."""

import re
from pathlib import Path

import pandas as pd
import pytest

from observer import tv
from observer.charts import style
from observer.charts import tv as charts
from observer.i18n import Language, catalogue

ROOT = Path(__file__).resolve().parent.parent
L = Language("en")
CHANNEL_NAMES = ["Khabar", "Kazakhstan", "First Channel Eurasia", "KTK"]  # channels.csv order, with news
SOURCE = "«БАҚ» (Media), paragraph 6"


@pytest.fixture(scope="module")
def tables(pkg):
    return pkg.table("tv_coverage"), pkg.table("parties"), pkg.table("channels")


def trace_named(fig, name):
    return next(t for t in fig.data if t.name == name)


def trace_with_meta(fig, **meta):
    return next(t for t in fig.data if isinstance(t.meta, dict) and all(t.meta.get(k) == v for k, v in meta.items()))


# --- metrics ---------------------------------------------------------------------------------------

def test_equal_share_is_20_for_five_parties(tables):
    _, parties, _ = tables
    assert tv.equal_share(parties) == 20
    assert tv.equal_hhi(parties) == 2000


def test_hhi_of_first_channel_eurasia(tables):
    coverage, _, _ = tables
    found = tv.concentration(coverage).set_index(["channel", "measure"])
    # 18² + 18² + 19² + 28² + 18² and 11² + 11² + 12² + 54² + 12²
    assert found.loc[("eurasia", "campaign"), "hhi"] == 2117
    assert found.loc[("eurasia", "incl_institutional"), "hhi"] == 3446
    assert found.loc[("eurasia", "incl_institutional"), "largest_party"] == "nur_otan"
    assert found.loc[("eurasia", "incl_institutional"), "largest_share_pct"] == 54
    assert found.loc[("khabar", "campaign"), "hhi"] == 2034


def test_tied_largest_share_names_both_parties(tables):
    coverage, _, _ = tables
    ktk = tv.concentration(coverage).set_index(["channel", "measure"]).loc[("ktk", "campaign")]
    assert ktk["largest_share_pct"] == 21
    assert set(ktk["largest_parties"]) == {"ak_zhol", "nur_otan"}


def test_deviation_from_equal_share(tables):
    coverage, parties, _ = tables
    rows = tv.deviations(tv.select(coverage, measure="campaign"), parties).set_index(["channel", "party"])
    assert rows.loc[("kazakhstan", "adal"), "deviation_pts"] == 6
    assert rows.loc[("kazakhstan", "nur_otan"), "deviation_pts"] == -5
    assert rows.loc[("eurasia", "nur_otan"), "deviation_pts"] == 8


def test_gap_between_measures(tables):
    coverage, _, _ = tables
    gaps = tv.gaps(coverage).set_index(["channel", "party"])
    assert len(gaps) == 20  # 4 channels with news × 5 parties
    assert gaps.loc[("eurasia", "nur_otan"), "gap_pts"] == 26
    assert gaps.loc[("khabar", "nur_otan"), "gap_pts"] == 15
    assert gaps.loc[("kazakhstan", "nur_otan"), "gap_pts"] == 20
    assert gaps.loc[("khabar", "adal"), "gap_pts"] == -5
    biggest = tv.largest_gap(tv.gaps(coverage))
    assert (biggest["channel"], biggest["party"], biggest["gap_pts"]) == ("eurasia", "nur_otan", 26)


def test_channel_without_news_is_listed_not_charted(tables):
    coverage, parties, channels = tables
    assert tv.no_news_channels(channels) == ["channel7"]
    assert tv.channels_with_shares(channels, coverage) == ["khabar", "kazakhstan", "eurasia", "ktk"]
    only_channel7 = tv.select(coverage, channels=["channel7"])
    assert only_channel7.empty
    assert tv.gaps(only_channel7).empty
    assert tv.concentration(only_channel7).empty
    assert tv.largest_gap(tv.gaps(only_channel7)) is None
    for fig in (charts.share_bars(only_channel7, parties, channels, "campaign", L),
                charts.gap_dumbbell(tv.gaps(only_channel7), parties, channels, L),
                charts.deviation_bars(only_channel7, parties, channels, "campaign", L),
                charts.concentration_bars(tv.concentration(only_channel7), parties, channels, L)):
        assert style.title_of(fig) == L("tv.no_data_title")


# --- charts: statement data ------------------------------------------------------------------------

def test_share_bars_values_order_colours_and_labels(tables):
    coverage, parties, channels = tables
    fig = charts.share_bars(coverage, parties, channels, "campaign", L)
    bars = [t for t in fig.data if t.type == "bar"]
    assert [t.name for t in bars] == ["Nur Otan", "Ak Zhol", "Auyl", "Adal", "PPK"]
    nur_otan = trace_named(fig, "Nur Otan")
    assert list(nur_otan.x) == CHANNEL_NAMES
    assert list(nur_otan.y) == [24, 15, 28, 21]
    assert list(nur_otan.text) == ["24%", "15%", "28%", "21%"]
    assert nur_otan.marker.color == "#0072B2"
    assert trace_named(fig, "Adal").marker.color == "#882255"
    assert list(trace_named(fig, "Adal").y) == [22, 26, 18, 20]
    assert all(len(t.text) == len(t.y) for t in bars), "every bar carries its value"
    assert "Nur Otan" in style.title_of(fig) and "28%" in style.title_of(fig)
    assert "First Channel Eurasia" in style.title_of(fig)
    assert fig.layout.meta["source"] == SOURCE and fig.layout.meta["table"] == "tv_coverage.csv"


def test_share_bars_equal_share_line_at_20(tables):
    coverage, parties, channels = tables
    fig = charts.share_bars(coverage, parties, channels, "campaign", L)
    lines = [s for s in fig.layout.shapes if s.name == "equal_share"]
    assert len(lines) == 1 and lines[0].y0 == lines[0].y1 == 20 and lines[0].line.dash == "dash"
    label = trace_with_meta(fig, reference="equal_share")
    assert label.name == "Equal share (5 parties): 20%" and label.line.dash == "dash"


def test_share_bars_follow_measure(tables):
    coverage, parties, channels = tables
    fig = charts.share_bars(coverage, parties, channels, "incl_institutional", L)
    assert list(trace_named(fig, "Nur Otan").y) == [39, 35, 54, 28]
    assert "54%" in style.title_of(fig)


def test_share_bars_keep_only_chosen_parties_and_channels(tables):
    coverage, parties, channels = tables
    rows = tv.select(coverage, channels=["ktk", "khabar"], parties=["qhp", "auyl"])
    fig = charts.share_bars(rows, parties, channels, "campaign", L)
    assert [t.name for t in fig.data if t.type == "bar"] == ["Auyl", "PPK"]
    assert list(trace_named(fig, "PPK").x) == ["Khabar", "KTK"]
    assert list(trace_named(fig, "PPK").y) == [17, 20]


def test_heatmap_cells(tables):
    coverage, parties, channels = tables
    fig = charts.share_heatmap(coverage, parties, channels, "incl_institutional", L)
    heat = fig.data[0]
    assert list(heat.y) == CHANNEL_NAMES
    assert list(heat.x) == ["Nur Otan", "Ak Zhol", "Auyl", "Adal", "PPK"]
    assert [list(row) for row in heat.z][2] == [54, 11, 12, 11, 12]
    cells = {(a.y, a.x): a for a in fig.layout.annotations if a.name == "cell"}
    assert len(cells) == 20
    assert cells[("First Channel Eurasia", "Nur Otan")].text == "54%"
    assert cells[("First Channel Eurasia", "Ak Zhol")].text == "11%"
    # The darkest cell (the largest share) takes white text, the lightest dark text.
    assert cells[("First Channel Eurasia", "Nur Otan")].font.color == "#FFFFFF"
    assert cells[("First Channel Eurasia", "Ak Zhol")].font.color == style.TEXT
    assert heat.zmin == 0
    assert "11%" in style.title_of(fig) and "54%" in style.title_of(fig)


def test_dumbbell_endpoints_direction_and_title(tables):
    coverage, parties, channels = tables
    fig = charts.gap_dumbbell(tv.gaps(coverage), parties, channels, L)
    start = trace_with_meta(fig, measure="campaign")
    end = trace_with_meta(fig, measure="incl_institutional")
    # The channel the title names comes first, so its rows are on the first screen under the title; then
    # the others in channels.csv order, parties in parties.csv order: row 0 is First Channel Eurasia,
    # Nur Otan; row 8 is Khabar, Adal.
    assert list(start.x[0:5]) == [28, 18, 19, 18, 18]
    assert list(end.x[0:5]) == [54, 11, 12, 11, 12]
    assert end.marker.symbol[0] == "triangle-right"  # rises
    assert end.marker.symbol[8] == "triangle-left"    # Adal on Khabar falls from 22% to 17%
    assert end.text[0] == "54% (+26)"
    assert end.marker.color[0] == "#0072B2"
    assert style.title_of(fig) == ("Once institutional activities are counted, Nur Otan's share rises to 54% "
                                   "on First Channel Eurasia (+26 points)")
    headings = [a.text for a in fig.layout.annotations if a.name == "channel_heading"]
    assert headings == ["<b>First Channel Eurasia</b>", "<b>Khabar</b>", "<b>Kazakhstan</b>", "<b>KTK</b>"]
    assert [s.x0 for s in fig.layout.shapes if s.name == "equal_share"] == [20]
    # Its label is in the legend: at the top of the line it sat in the first heading's row, over a long
    # channel name ("Қоғамдық жаңалықтар" under "Тең үлес (8 партия): 12,5%").
    assert trace_with_meta(fig, reference="equal_share").name == "Equal share (5 parties): 20%"
    assert not [a.text for a in fig.layout.annotations if "Equal share" in str(a.text)]


def test_dumbbell_title_follows_the_selection(tables):
    coverage, parties, channels = tables
    without_eurasia = tv.gaps(tv.select(coverage, channels=["khabar", "kazakhstan", "ktk"]))
    fig = charts.gap_dumbbell(without_eurasia, parties, channels, L)
    title = style.title_of(fig)
    assert "35%" in title and "Kazakhstan" in title and "+20" in title
    headings = [a.text for a in fig.layout.annotations if a.name == "channel_heading"]
    assert headings == ["<b>Kazakhstan</b>", "<b>Khabar</b>", "<b>KTK</b>"]


def test_deviation_bars(tables):
    coverage, parties, channels = tables
    fig = charts.deviation_bars(coverage, parties, channels, "campaign", L)
    bars = fig.data[0]
    assert list(bars.x[:5]) == [4, -2, -1, 2, -3]  # Khabar: 24, 18, 19, 22, 17 against 20
    assert bars.text[0] == "+4" and bars.text[1] == "\u22122"
    assert bars.marker.color[0] == "#0072B2"
    title = style.title_of(fig)
    assert "Nur Otan" in title and "First Channel Eurasia" in title and "8 points above 20%" in title


def test_concentration_bars_and_explainer(tables):
    coverage, parties, channels = tables
    fig = charts.concentration_bars(tv.concentration(coverage), parties, channels, L)
    assert list(trace_with_meta(fig, measure="campaign").y) == [2034, 2078, 2117, 2043]
    assert list(trace_with_meta(fig, measure="incl_institutional").y) == [2456, 2287, 3446, 2082]
    assert [s.y0 for s in fig.layout.shapes if s.name == "equal_hhi"] == [2000]
    assert "First Channel Eurasia" in style.title_of(fig) and "3,446" in style.title_of(fig)
    explainer = charts.hhi_explainer(L, parties)
    assert "2,000" in explainer and " 5 parties" in explainer and "10,000" in explainer


def test_gap_table(tables):
    coverage, parties, channels = tables
    table = charts.gap_table(tv.gaps(coverage), parties, channels, L)
    row = table.iloc[10]
    assert list(row) == ["First Channel Eurasia", "Nur Otan", "28%", "54%", "+26"]


# --- synthetic election: 3 channels, 8 parties ------------------------------------------------------

def synthetic():
    """A made-up election (synthetic, not from any statement): 8 parties, channels A and B with news,
    channel C without. A splits evenly; on B party p1 has 30% of campaign news, 51% with
    institutional activities."""
    ids = [f"p{i}" for i in range(1, 9)]
    parties = pd.DataFrame({"party": ids, "name_en": [f"Synthetic party {i}" for i in range(1, 9)],
                            "short_en": [f"Synthetic {i}" for i in range(1, 9)],
                            "color": ["#000000", "#E69F00", "#56B4E9", "#009E73",
                                      "#F0E442", "#0072B2", "#D55E00", "#CC79A7"]})
    channels = pd.DataFrame({"channel": ["a", "b", "c"], "name_en": ["Synthetic A", "Synthetic B", "Synthetic C"],
                             "broadcasts_news": [True, True, False]})
    shares = {("a", "campaign"): [12.5] * 8, ("a", "incl_institutional"): [12.5] * 8,
              ("b", "campaign"): [30] + [10] * 7, ("b", "incl_institutional"): [51] + [7] * 7}
    coverage = pd.DataFrame([{"channel": c, "party": p, "measure": m, "share_pct": s, "source": "synthetic"}
                             for (c, m), values in shares.items() for p, s in zip(ids, values)])
    return coverage, parties, channels


def test_synthetic_equal_share_is_12_5():
    coverage, parties, channels = synthetic()
    assert tv.equal_share(parties) == 12.5
    assert tv.equal_hhi(parties) == 1250
    fig = charts.share_bars(coverage, parties, channels, "campaign", L)
    assert [s.y0 for s in fig.layout.shapes if s.name == "equal_share"] == [12.5]
    assert trace_with_meta(fig, reference="equal_share").name == "Equal share (8 parties): 12.5%"
    assert len([t for t in fig.data if t.type == "bar"]) == 8
    assert list(trace_named(fig, "Synthetic 1").x) == ["Synthetic A", "Synthetic B"]


def test_synthetic_metrics_and_titles():
    coverage, parties, channels = synthetic()
    found = tv.concentration(coverage).set_index(["channel", "measure"])
    assert found.loc[("a", "campaign"), "hhi"] == 1250      # 8 × 12.5²
    assert found.loc[("b", "campaign"), "hhi"] == 1600      # 30² + 7 × 10²
    assert tv.no_news_channels(channels) == ["c"]
    fig = charts.gap_dumbbell(tv.gaps(coverage), parties, channels, L)
    # 12.5 on channel A gives every share of the chart one decimal, the title's too: 51.0%, and its move
    # from 30.0%: +21.0 points
    assert style.title_of(fig) == ("Once institutional activities are counted, Synthetic 1's share rises to 51.0% "
                                   "on Synthetic B (+21.0 points)")
    concentration = charts.concentration_bars(tv.concentration(coverage), parties, channels, L)
    assert [s.y0 for s in concentration.layout.shapes if s.name == "equal_hhi"] == [1250]
    assert "1,250" in charts.hhi_explainer(L, parties) and " 8 parties" in charts.hhi_explainer(L, parties)


def test_a_falling_share_is_labelled_once_right_of_its_start(tables):
    """Left of a falling triangle its label ran into the party's name ("Ақжол11%"): a falling row is
    labelled right of its start as the move, a rising row at both ends."""
    coverage, parties, channels = tables
    fig = charts.gap_dumbbell(tv.gaps(coverage), parties, channels, L)
    labels = [(a.x, a.y, a.text, a.xanchor) for a in fig.layout.annotations if a.name == "dot_label"]
    nur_otan_y, ak_zhol_y = trace_with_meta(fig, measure="campaign").y[0:2]  # First Channel Eurasia, first
    assert [(x, t, anchor) for x, y, t, anchor in labels if y == ak_zhol_y] == [(18, "18% → 11% (−7)", "left")]
    assert [(x, t, anchor) for x, y, t, anchor in labels if y == nur_otan_y] == [
        (28, "28%", "right"), (54, "54% (+26)", "left")]


def test_a_start_label_that_would_run_into_the_equal_line_joins_the_end_label(tables):
    """On the overview's narrow headline chart Nur Otan's "28%", left of its start, lay across the 20% line: a
    rising row whose start label would reach a reference line is labelled once, right of its end, as the move."""
    coverage, parties, channels = tables
    fig = charts.fit_dot_labels(charts.gap_dumbbell(tv.gaps(coverage), parties, channels, L), 320)
    labels = [(a.x, a.y, a.text, a.xanchor) for a in fig.layout.annotations if a.name == "dot_label"]
    nur_otan_y = trace_with_meta(fig, measure="campaign").y[0]
    assert [(x, t, anchor) for x, y, t, anchor in labels if y == nur_otan_y] == [(54, "28% → 54% (+26)", "left")]
    low, high = fig.layout.xaxis.range
    assert high >= 54 + (style._label_width_px("28% → 54% (+26)", 14) + 10) * (high - low) / 320  # it fits


def test_synthetic_fall_is_worded_as_a_fall():
    coverage, parties, channels = synthetic()
    falling = coverage.assign(measure=coverage["measure"].map({"campaign": "incl_institutional",
                                                               "incl_institutional": "campaign"}))
    title = style.title_of(charts.gap_dumbbell(tv.gaps(falling), parties, channels, L))
    assert title == ("Once institutional activities are counted, Synthetic 1's share falls to 30.0% "
                     "on Synthetic B (\u221221.0 points)")


# --- code hygiene -----------------------------------------------------------------------------------

CODE = [ROOT / "observer" / "tv.py", ROOT / "observer" / "charts" / "tv.py"]


def test_no_streamlit_and_nothing_election_specific(pkg):
    ids = set(pkg.table("parties")["party"]) | set(pkg.table("channels")["channel"])
    names = set(pkg.table("parties")["short_en"]) | set(pkg.table("channels")["name_en"])
    for file in CODE:
        text = file.read_text(encoding="utf-8")
        assert "streamlit" not in text.replace("no Streamlit", "")
        for word in ids | names:
            assert not re.search(rf"\b{re.escape(word)}\b", text), f"{word!r} in {file.name}"


def test_every_tv_key_used_is_in_the_catalogue():
    entries = catalogue("en")
    used = set()
    for file in [*CODE, ROOT / "views" / "tv_coverage.py"]:
        used |= set(re.findall(r'"(tv\.[a-z_]+)"', file.read_text(encoding="utf-8")))
    used |= {f"tv.measure_{m}" for m in tv.MEASURES} | {f"tv.measure_phrase_{m}" for m in tv.MEASURES}
    assert used and not used - set(entries), sorted(used - set(entries))


def test_one_chart_gives_its_shares_one_number_of_decimals():
    """Shares computed from a log (SYNTHETIC): the dumbbell read "11% → 9,6%" and "6% (+2)" beside "19,6%";
    now every share on it has one decimal, its moves too (the difference of the shares shown: 11.0 − 9.6 = 1.4,
    6.0 − 4.3 = 1.7, 28.3 − 19.6 = 8.7), and the title and the finding say them as the chart does."""
    from observer import load_package
    from observer.findings import findings
    from tests.apptest import ROOT

    pkg = load_package(ROOT / "tests" / "fixtures" / "synthetic_log")
    kk = Language("kk")
    finding = findings(pkg, kk)[0]
    fig = finding.figure()
    texts = [t for trace in fig.data if trace.text is not None for t in trace.text]
    assert "11,0% → 9,6% (−1,4)" in texts and "6,0% (+1,7)" in texts, texts
    assert "19,6%‑дан 28,3%‑ға дейін" in finding.text and "(+8,7\u00a0пайыздық\u00a0тармақ)" in finding.text
