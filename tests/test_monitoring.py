"""The monitoring unit's figures of a coded log (observer.monitoring), on small hand-made logs whose
expected values are worked out by hand in the comments; inter-coder reliability against Krippendorff's
own worked example and against the krippendorff package; the new columns' problems. SYNTHETIC data."""

import io
import math

import numpy as np
import pandas as pd
import pytest

from observer import monitoring, segments
from observer.catalogue import Inputs, chart
from observer.charts import style
from observer.facts import Facts
from observer.i18n import Language
from observer.package import load_files, load_package
from observer.problems import PackageError
from tests.apptest import ROOT
from tests.loading_cases import SYNTHETIC, package_files

FIXTURE = ROOT / "tests" / "fixtures" / "synthetic_monitoring"
PARTIES = pd.DataFrame({"party": ["a", "b"]})
HEADER = "date,channel,party,seconds,tone,gender,programme_type,speech,time,item_id,coder,outlet_type,items,characters"


def log_of(rows: list[str], prime=(19 * 3600, 23 * 3600)) -> pd.DataFrame:
    """A log from CSV lines (channels tv_one, metro_24 of the synthetic package; parties a, b), as checked by
    the loader, summarised as the pages see it."""
    frame = checked(rows)
    keys = segments.KEYS + list(segments.MONITORING_KEYS)
    return segments.summarise(frame[monitoring.first_codings(frame)], prime=prime, keys=keys)


def checked(rows: list[str], header: str = HEADER) -> pd.DataFrame:
    return package_of(rows, header).table("tv_segments")


def package_of(rows: list[str], header: str = HEADER):
    """A package of parties a and b, the synthetic channels and a log of these CSV lines."""
    files = package_files(SYNTHETIC, ["parties", "channels"])
    files["parties.csv"] = ("party,name_en,name_kk,name_ru,short_en,short_kk,short_ru,color\n"
                            "a,A,A,A,A,A,A,#111111\nb,B,B,B,B,B,B,#222222\n").encode()
    files["tv_segments.csv"] = ("\n".join([header] + rows) + "\n").encode()
    return load_files(files)


def problems_of(rows: list[str], header: str = HEADER) -> list:
    with pytest.raises(PackageError) as error:
        checked(rows, header)
    return error.value.problems


# --- programme types ------------------------------------------------------------------------------

PROGRAMMES = [
    "2031-02-10,tv_one,a,600,neutral,male,news,,,,,,,",
    "2031-02-10,tv_one,a,300,neutral,male,debate,,,,,,,",
    "2031-02-10,tv_one,b,900,neutral,male,,,,,,,,",  # empty: news
    "2031-02-10,tv_one,a,1800,neutral,male,free_airtime,,,,,,,",
    "2031-02-10,tv_one,b,2400,neutral,male,free_airtime,,,,,,,",
    "2031-02-10,tv_one,government,500,neutral,male,news,,,,,,,",  # a non-party subject: no party figure
]


def test_programme_types_hours_per_channel_party_and_type():
    types = monitoring.programme_types(log_of(PROGRAMMES), PARTIES)
    got = {(r.party, r.programme_type): round(r.hours, 4) for r in types.itertuples()}
    # a: news 600 s = 1/6 h, debate 300 s = 1/12 h, free airtime 1800 s = 0.5 h; b: news 900 s = 0.25 h,
    # free airtime 2400 s = 2/3 h
    assert got == {("a", "news"): 0.1667, ("a", "debate"): 0.0833, ("a", "free_airtime"): 0.5,
                   ("b", "news"): 0.25, ("b", "free_airtime"): 0.6667}
    # news 1500 s of 6000 s = 25%
    assert monitoring.news_share(types) == pytest.approx(25.0)


def test_the_shares_count_news_only():
    coverage = segments.to_coverage(log_of(PROGRAMMES), PARTIES)
    campaign = coverage[coverage["measure"] == "campaign"].set_index("party")["share_pct"]
    # news only: a 600 s, b 900 s of 1500 s -> 40% and 60% (with every type it would be 45% and 55%)
    assert campaign.to_dict() == pytest.approx({"a": 40.0, "b": 60.0})


def test_free_airtime_against_what_the_law_allots():
    types = monitoring.programme_types(log_of(PROGRAMMES), PARTIES)
    facts = Facts(pd.DataFrame([{"fact": "free_airtime_minutes", "value": 35.0, "unit": "count", "label_en": "x",
                                 "source": "SYNTHETIC"}]))
    against = monitoring.allotted(types, facts)
    # a: 1800 s = 30 min, within 35; b: 2400 s = 40 min, over 35. No paid-advertising fact: no such rows.
    assert [(r.party, r.programme_type, r.minutes, r.allotted, r.over) for r in against.itertuples()] == [
        ("a", "free_airtime", 30.0, 35.0, False), ("b", "free_airtime", 40.0, 35.0, True)]
    assert monitoring.allotted(types, Facts(None)).empty


# --- direct speech and prime time -----------------------------------------------------------------

SPEECH = [
    "2031-02-10,tv_one,a,120,neutral,male,news,direct,19:00,,,,,",    # prime (19:00 is inside)
    "2031-02-10,tv_one,a,360,neutral,male,news,indirect,22:59:59,,,,,",  # prime
    "2031-02-10,tv_one,a,120,neutral,male,news,,23:00,,,,,",         # speech not coded; 23:00 is outside
    "2031-02-10,tv_one,b,200,neutral,male,news,direct,08:15,,,,,",
    "2031-02-10,tv_one,b,50,neutral,male,news,direct,,,,,,",          # no time: out of the prime-time share
    "2031-02-10,tv_one,b,999,neutral,male,debate,direct,20:00,,,,,",  # not news: counts in neither
]


def test_direct_speech_share_of_each_party_s_coded_airtime():
    found = monitoring.speech(log_of(SPEECH), PARTIES).set_index("party")
    # a: direct 120 s of coded 480 s = 25%; b: direct 250 s of 250 s = 100% (the debate is not news)
    assert found.loc["a", ["direct_seconds", "coded_seconds", "direct_pct"]].tolist() == [120, 480, 25.0]
    assert found.loc["b", ["direct_seconds", "coded_seconds", "direct_pct"]].tolist() == [250, 250, 100.0]


def test_prime_time_share_of_each_party_s_timed_airtime():
    found = monitoring.prime_time(log_of(SPEECH), PARTIES).set_index("party")
    # a: 120 + 360 of 600 s = 80%; b: 0 of 200 s (the item without a time is left out) = 0%
    assert found.loc["a", ["prime_seconds", "timed_seconds", "prime_pct"]].tolist() == [480, 600, 80.0]
    assert found.loc["b", ["prime_seconds", "timed_seconds", "prime_pct"]].tolist() == [0, 200, 0.0]


def test_a_prime_time_window_across_midnight():
    # 22:00-02:00: a's 19:00 item is outside, 22:59:59 and 23:00 inside -> 480 of 600 s = 80%; b's 08:15
    # outside -> 0%
    found = monitoring.prime_time(log_of(SPEECH, prime=(22 * 3600, 2 * 3600)), PARTIES).set_index("party")
    assert found["prime_pct"].to_dict() == pytest.approx({"a": 80.0, "b": 0.0})


def test_the_prime_time_window_is_the_package_s_or_the_default():
    facts = Facts(pd.DataFrame([{"fact": "prime_time_start", "value": 18.5, "unit": "count"},
                                {"fact": "prime_time_end", "value": 22.0, "unit": "count"}]))
    assert monitoring.prime_window(facts) == (18.5, 22.0, True)
    assert monitoring.prime_window(Facts(None)) == (19.0, 23.0, False)


# --- outlet types ---------------------------------------------------------------------------------

OUTLETS = [
    "2031-02-10,tv_one,a,300,neutral,male,,,,,,tv,,",
    "2031-02-10,tv_one,b,100,neutral,male,,,,,,,,",  # empty: TV
    "2031-02-10,metro_24,a,,neutral,male,,,,,,online,3,",
    "2031-02-10,metro_24,b,,neutral,male,,,,,,online,,",  # empty items: 1
    "2031-02-10,public_news,a,,neutral,male,,,,,,print,1,1200",
    "2031-02-10,public_news,b,,neutral,male,,,,,,print,1,2800",
]


def test_shares_per_outlet_type_in_each_type_s_own_unit():
    found = monitoring.outlets(log_of(OUTLETS), PARTIES)
    got = {(r.outlet_type, r.unit, r.party): (r.amount, r.share_pct) for r in found.itertuples()}
    # TV in seconds: 300 and 100 of 400 -> 75%, 25%; online in items: 3 and 1 of 4 -> 75%, 25%;
    # print in characters (every row gives them): 1200 and 2800 of 4000 -> 30%, 70%
    assert got == {("tv", "seconds", "a"): (300, 75.0), ("tv", "seconds", "b"): (100, 25.0),
                   ("online", "items", "a"): (3, 75.0), ("online", "items", "b"): (1, 25.0),
                   ("print", "characters", "a"): (1200, 30.0), ("print", "characters", "b"): (2800, 70.0)}


def test_tv_shares_leave_other_outlets_out():
    coverage = segments.to_coverage(log_of(OUTLETS), PARTIES)
    assert coverage.set_index("party")["share_pct"].to_dict() == pytest.approx({"a": 75.0, "b": 25.0})
    assert set(coverage["channel"]) == {"tv_one"}


# --- double coding and reliability ----------------------------------------------------------------

DOUBLE = [
    "2031-02-10,tv_one,a,100,positive,male,,,,i1,ann,,,",
    "2031-02-10,tv_one,b,60,neutral,male,,,,i2,ann,,,",
    "2031-02-10,tv_one,a,90,positive,male,,,,i1,bob,,,",   # bob's coding of i1: reliability only
    "2031-02-10,tv_one,b,60,negative,male,,,,i2,bob,,,",
    "2031-02-10,tv_one,b,30,neutral,male,,,,i3,bob,,,",    # i3 coded once (by bob): counts
    "2031-02-10,tv_one,a,40,neutral,male,,,,,,,,",         # no item id: counts
]


def test_item_ids_equal_once_trimmed_are_one_item():
    frame = checked([" i1,ann".join(["2031-02-10,tv_one,a,100,positive,male,,,,", ",,,"]),
                     "2031-02-10,tv_one,a,100,positive,male,,,,i1 ,bob,,,", "2031-02-10,tv_one,a,100,positive,male,,,,i2,bob,,,"])
    assert frame["item_id"].tolist() == [0, 0, 1]


def test_only_the_first_coder_s_coding_counts():
    frame = checked(DOUBLE)
    assert monitoring.first_codings(frame).tolist() == [True, True, False, False, True, True]
    summary = log_of(DOUBLE)
    # a: 100 + 40 = 140 s; b: 60 + 30 = 90 s
    assert summary.groupby("party", observed=True)["seconds"].sum().to_dict() == {"a": 140, "b": 90}


def test_the_double_coded_sample_is_the_items_with_two_coders():
    codings = monitoring.double_coded(checked(DOUBLE))
    # the loader numbers items in order of first appearance: i1 is 0, i2 is 1 (i3, coded once, is left out)
    assert sorted(zip(codings["item_id"], codings["coder"])) == [(0, "ann"), (0, "bob"), (1, "ann"), (1, "bob")]
    found = monitoring.reliability(codings)
    assert (found.items, found.coders) == (2, 2)
    # party: both items agree; only a and b, one per item: alpha is 1
    assert found.agreements[0].alpha == pytest.approx(1.0)


# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers x 12 units,
# values 1-5, missing marked None. Published: nominal 0.743, ordinal 0.815, interval 0.849.
KRIPPENDORFF = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]


def krippendorff_codings() -> pd.DataFrame:
    rows = []
    for coder, values in zip("ABCD", KRIPPENDORFF):
        for unit, value in enumerate(values):
            if value is not None:
                rows.append({"item_id": f"u{unit + 1:02d}", "coder": coder, "date": pd.Timestamp("2031-02-10"),
                             "party": f"p{value}", "tone": "neutral", "seconds": float(value)})
    codings = pd.DataFrame(rows)
    return codings[codings.groupby("item_id")["coder"].transform("size") >= 2]


def test_reliability_matches_krippendorff_s_worked_example():
    found = monitoring.reliability(krippendorff_codings())
    party, _, seconds = found.agreements
    assert (found.items, found.coders) == (11, 4)  # unit 12 has one value only: not pairable
    assert round(party.alpha, 3) == 0.743    # nominal, as published
    assert round(seconds.alpha, 3) == 0.849  # interval, as published


def test_ordinal_alpha_matches_the_published_example_and_the_package():
    import krippendorff

    data = np.array([[np.nan if v is None else v for v in row] for row in KRIPPENDORFF], dtype=float)
    assert round(krippendorff.alpha(reliability_data=data, level_of_measurement="ordinal"), 3) == 0.815
    # tone is ordinal: the same example as three tones agrees with the package on the same matrix
    tones = {1: "negative", 2: "neutral", 3: "positive"}
    codings = krippendorff_codings()
    small = codings[codings["seconds"] <= 3].copy()
    small = small[small.groupby("item_id")["coder"].transform("size") >= 2]
    small["tone"] = small["seconds"].astype(int).map(tones)
    found = monitoring.reliability(small).agreements[1]
    units = sorted(small["item_id"].unique())
    matrix = np.full((4, len(units)), np.nan)
    for row in small.itertuples():
        matrix["ABCD".index(row.coder), units.index(row.item_id)] = row.seconds - 1
    assert found.alpha == pytest.approx(krippendorff.alpha(reliability_data=matrix, level_of_measurement="ordinal",
                                                           value_domain=[0, 1, 2]))


@pytest.mark.parametrize("alpha, reading", [(0.9, "reliable"), (0.8, "reliable"), (0.7999, "tentative"),
                                            (0.667, "tentative"), (0.6669, "unreliable"), (None, "")])
def test_krippendorff_s_reading_of_alpha(alpha, reading):
    assert monitoring.reading(alpha) == reading


def test_a_log_without_a_double_coded_sample_has_no_reliability():
    assert monitoring.reliability(monitoring.double_coded(checked(PROGRAMMES))) is None


# --- the period -----------------------------------------------------------------------------------

def test_the_period_narrows_the_log_and_the_shares_computed_from_it():
    rows = ["2031-02-10,tv_one,a,100,neutral,male,,,,,,,,", "2031-02-11,tv_one,b,300,neutral,male,,,,,,,,",
            "2031-02-12,tv_one,a,100,neutral,male,,,,,,,,"]
    summary = log_of(rows)
    assert monitoring.in_period(summary, "2031-02-11", None)["seconds"].sum() == 400
    assert monitoring.in_period(summary, None, "2031-02-11")["seconds"].sum() == 400
    assert monitoring.in_period(summary, "2031-02-11", "2031-02-11")["seconds"].sum() == 300
    pkg = load_package(FIXTURE)
    L = Language("en")
    whole = Inputs(pkg, L).shares.coverage
    week = Inputs(pkg, L).in_period("2031-02-10", "2031-02-16").shares.coverage
    assert not whole.equals(week)
    assert "10\u00a0February 2031" in week["source"].iloc[0] and "16\u00a0February 2031" in week["source"].iloc[0]


# --- the fixture and its charts ---------------------------------------------------------------------

@pytest.mark.parametrize("code", ["en", "kk", "ru"])
def test_every_monitoring_chart_of_the_fixture_states_its_finding(code):
    inputs = Inputs(load_package(FIXTURE), Language(code))
    for chart_id in ("tv-log-programme", "tv-log-speech", "tv-log-prime", "tv-log-outlets"):
        entry = chart(chart_id)
        assert entry.available(inputs), chart_id
        title = style.title_of(entry.figure(inputs, start="2031-02-17", end="2031-02-23"))
        assert title and "{" not in title and "segments." not in title, (chart_id, title)


def test_the_monitoring_charts_are_not_offered_without_their_columns():
    inputs = Inputs(load_package(ROOT / "tests" / "fixtures" / "synthetic_log"), Language("en"))
    assert not any(chart(c).available(inputs) for c in ("tv-log-programme", "tv-log-speech", "tv-log-prime",
                                                          "tv-log-outlets"))


def test_the_fixture_s_sample_is_double_coded_with_known_readings():
    found = monitoring.package_reliability(load_package(FIXTURE))
    assert found.items > 30 and found.coders == 3
    readings = {a.variable: monitoring.reading(a.alpha) for a in found.agreements}
    assert readings == {"party": "reliable", "tone": "unreliable", "seconds": "reliable"}


# --- bad values ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("row, column, kind, value", [
    ("2031-02-10,tv_one,a,60,neutral,male,talk_show,,,,,,,", "programme_type", "constraint_enum_or_empty", "talk_show"),
    ("2031-02-10,tv_one,a,60,neutral,male,,shouted,,,,,,", "speech", "constraint_enum_or_empty", "shouted"),
    ("2031-02-10,tv_one,a,60,neutral,male,,,25:00,,,,,", "time", "log_time_invalid", "25:00"),
    ("2031-02-10,tv_one,a,60,neutral,male,,,19:60,,,,,", "time", "log_time_invalid", "19:60"),
    ("2031-02-10,tv_one,a,60,neutral,male,,,7pm,,,,,", "time", "log_time_invalid", "7pm"),
    ("2031-02-10,tv_one,a,60,neutral,male,,,,,ann,,,", "coder", "log_coder_without_item", "ann"),
    ("2031-02-10,tv_one,a,60,neutral,male,,,,,,cinema,,", "outlet_type", "constraint_enum_or_empty", "cinema"),
    ("2031-02-10,tv_one,a,,neutral,male,,,,,,tv,,", "seconds", "constraint_required", None),
    ("2031-02-10,tv_one,a,,neutral,male,,,,,,radio,,", "seconds", "constraint_required", None),
    ("2031-02-10,tv_one,a,,neutral,male,,,,,,online,0,", "items", "log_count_not_positive", "0"),
    ("2031-02-10,tv_one,a,,neutral,male,,,,,,online,1.5,", "items", "type_integer", "1.5"),
    ("2031-02-10,tv_one,a,,neutral,male,,,,,,print,,-3", "characters", "log_count_not_positive", "-3"),
])
def test_a_bad_value_names_its_row_column_and_value(row, column, kind, value):
    good = "2031-02-10,tv_one,b,60,neutral,male,,,,,,,,"
    (found,) = problems_of([good, row])
    assert (found.kind, found.row, found.column, found.value) == (kind, 3, column, value)


def test_online_and_print_need_no_seconds():
    frame = checked(["2031-02-10,tv_one,a,,neutral,male,,,,,,online,,", "2031-02-10,tv_one,a,,neutral,male,,,,,,print,2,"])
    assert frame["seconds"].isna().all() and list(frame["outlet_type"]) == ["online", "print"]


def test_a_log_without_the_new_columns_means_tv_news():
    frame = checked(["2031-02-10,tv_one,a,60,neutral,male"], header="date,channel,party,seconds,tone,gender")
    row = frame.iloc[0]
    assert (row["programme_type"], row["speech"], row["outlet_type"], row["item_id"]) == ("news", "", "tv", -1)
    assert math.isnan(row["time"])
    assert not any(monitoring.has(frame, c) for c in ("programme_type", "speech", "time", "outlet_type", "item_id"))


def test_the_page_s_summaries_give_the_same_figures():
    frame = checked(PROGRAMMES + SPEECH + DOUBLE)
    found = monitoring.summaries(frame, prime=(19 * 3600, 23 * 3600))
    full = log_of(PROGRAMMES + SPEECH + DOUBLE)
    pd.testing.assert_frame_equal(monitoring.programme_types(found["programme"], PARTIES),
                                  monitoring.programme_types(full, PARTIES))
    pd.testing.assert_frame_equal(monitoring.speech(found["speech"], PARTIES), monitoring.speech(full, PARTIES))
    pd.testing.assert_frame_equal(monitoring.prime_time(found["prime"], PARTIES), monitoring.prime_time(full, PARTIES))
    pd.testing.assert_frame_equal(segments.to_coverage(found["base"], PARTIES), segments.to_coverage(full, PARTIES))
    # the base summary holds TV news, first codings only: a 600 + 100 + 40 + 120 + 360 + 120, b 900 + 60 + 30
    # + 200 + 50 seconds
    assert found["base"].groupby("party", observed=True)["seconds"].sum().loc[["a", "b"]].tolist() == [1340, 1240]


# --- the monitoring views' findings, and the period they follow ---------------------------------------

def test_a_log_coding_speech_has_its_finding_and_it_follows_the_period():
    from observer.findings import findings, period_note

    L = Language("en")
    pkg = package_of(SPEECH + ["2031-02-11,tv_one,a,100,neutral,male,news,direct,20:00,,,,,"])
    whole = {f.key: f.text for f in findings(pkg, L, Inputs(pkg, L))}
    # a: direct 120 + 100 of 480 + 100 coded seconds = 37.9 %, shown as the chart rounds it; b: 250 of 250
    assert whole["tv_log_speech"] == "Direct speech was 100% of B's airtime on TV One; least: A on TV One, 38%"
    day = Inputs(pkg, L).in_period(None, "2031-02-10")
    first_day = {f.key: f for f in findings(pkg, L, day)}
    # a on the first day only: 120 of 480 = 25 %
    assert first_day["tv_log_speech"].text == "Direct speech was 100% of B's airtime on TV One; least: A on TV One, 25%"
    assert first_day["tv_log_speech"].inputs.period == (None, "2031-02-10")  # the slide's chart follows too
    assert period_note(day, L) == "Figures computed from the coded monitoring log cover items aired from " \
                                  "10\u00a0February 2031 to 10\u00a0February 2031."
    assert period_note(Inputs(pkg, L), L) is None


def test_a_log_without_the_monitoring_columns_has_no_finding_of_theirs():
    from observer.findings import LOG_VIEWS, findings

    L = Language("en")
    pkg = package_of(["2031-02-10,tv_one,a,120,neutral,male,,,,,,,,"])
    assert not {f.key for f in findings(pkg, L)} & set(LOG_VIEWS)
