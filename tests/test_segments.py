"""Coded monitoring logs (tv_segments): reading, validation and aggregation. Expected numbers are worked
out by hand from the small log below, never computed by the code under test."""

from __future__ import annotations

import io
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from observer import segments
from observer.charts import segments as log_charts
from observer.charts import style
from observer.i18n import Language
from observer.loading import contract, limits, load_files, load_package
from observer.problems import PackageError
from tests.loading_cases import DATA, ROOT, SYNTHETIC, package_files, workbook

L = Language("en")
HEADER = "date,channel,programme,party,seconds,tone,gender,measure"
# tv_one, campaign: Green Valley 60 s, River Front 30 s, Civic Bloc 30 s -> 50 / 25 / 25 per cent;
# the president's 120 s are no party's. Green Valley's 60 s of institutional activities count only in
# the measure including them: 120 / 30 / 30 -> 66.7 / 16.7 / 16.7. Metro 24 shows Green Valley alone.
LOG = "\n".join([
    HEADER,
    "2031-02-10,tv_one,Evening news,green_valley,60,positive,female,campaign",
    "2031-02-11,TV One,Evening news,River Front,30,neutral,male,",   # names for ids; no measure: campaign
    "2031-02-16,tv_one,Evening news,civic_bloc,30,negative,male,campaign",
    "2031-02-17,tv_one,Evening news,President,120,positive,male,campaign",
    "2031-02-17,tv_one,Evening news,green_valley,60,negative,,incl_institutional",
    "2031-02-18,metro_24,Morning news,green_valley,90,neutral,female,",
]) + "\n"


def package(log: str | bytes = LOG, name: str = "tv_segments.csv", coverage: bool = False):
    files = package_files(SYNTHETIC, ["parties", "channels"] + (["tv_coverage"] if coverage else []))
    files[name] = log.encode("utf-8") if isinstance(log, str) else log
    return load_files(files)


def problems_of(log: str) -> list:
    with pytest.raises(PackageError) as error:
        package(log)
    return error.value.problems


@pytest.fixture(scope="module")
def pkg_log():
    return package()


@pytest.fixture(scope="module")
def log(pkg_log):
    return pkg_log.table("tv_segments")


@pytest.fixture(scope="module")
def parties(pkg_log):
    return pkg_log.table("parties")


def share(coverage, channel, party, measure):
    row = coverage[(coverage["channel"] == channel) & (coverage["party"] == party) & (coverage["measure"] == measure)]
    assert len(row) == 1, (channel, party, measure)
    return float(row["share_pct"].iloc[0])


# --- loading --------------------------------------------------------------------------------------

def test_a_log_without_tv_coverage_is_a_valid_package(log):
    assert len(log) == 6
    assert list(log["channel"].astype(str)) == ["tv_one"] * 5 + ["metro_24"]
    assert list(log["party"].astype(str))[:4] == ["green_valley", "river_front", "civic_bloc", "president"]
    assert list(log["measure"].astype(str)) == ["campaign"] * 4 + ["incl_institutional", "campaign"]
    assert list(log["gender"].astype(str))[4] == "unknown"
    assert log["seconds"].sum() == 390


def test_a_package_needs_tv_coverage_or_a_log():
    with pytest.raises(PackageError) as error:
        load_files(package_files(SYNTHETIC, ["parties", "channels"]))
    (missing,) = error.value.problems
    assert (missing.file, missing.kind, missing.params) == ("tv_coverage.csv", "table_required_or_log",
                                                            {"table": "tv_coverage", "log": "tv_segments.csv"})


def test_bundled_package_loads_as_before_without_a_log():
    pkg = load_package(DATA)
    assert "tv_segments" not in pkg.tables
    assert not (DATA / "tv_segments.csv").exists()
    assert {n: len(t) for n, t in pkg.tables.items()} == {
        "parties": 5, "channels": 5, "tv_coverage": 40, "finance": 5, "candidates": 5, "facts": 143, "results": 5,
        "notes": 7}


def test_contract_describes_the_log():
    resource = next(r for r in contract()["resources"] if r["name"] == "tv_segments")
    fields = {f["name"]: f for f in resource["schema"]["fields"]}
    assert list(fields) == segments.COLUMNS
    assert fields["date"]["type"] == "date" and fields["seconds"]["type"] == "number"
    assert fields["seconds"]["constraints"]["exclusiveMinimum"] == 0
    assert fields["tone"]["constraints"]["enum"] == ["positive", "neutral", "negative"]
    assert not fields["measure"]["constraints"]["required"]
    assert resource["schema"]["foreignKeys"] == [{"fields": "channel",
                                                  "reference": {"resource": "channels", "fields": "channel"}}]


def test_semicolons_windows_1251_and_day_first_dates():
    text = ("date;channel;programme;party;seconds;tone;gender\n"
            "10.02.2031;Первое ТВ;Новости;Речной фронт;12,5;Positive;Female\n")
    log = package(text.encode("cp1251")).table("tv_segments")
    assert str(log["date"].iloc[0].date()) == "2031-02-10"
    assert (log["channel"].iloc[0], log["party"].iloc[0], log["seconds"].iloc[0]) == ("tv_one", "river_front", 12.5)
    assert (log["tone"].iloc[0], log["gender"].iloc[0], log["measure"].iloc[0]) == ("positive", "female", "campaign")


def log_rows(text: str = LOG) -> list[list]:
    """The log as a sheet's rows: seconds as numbers, as Excel holds them."""
    table = [line.split(",") for line in text.strip().split("\n")]
    return [table[0]] + [row[:4] + [float(row[4])] + row[5:] for row in table[1:]]


@pytest.mark.parametrize("file, sheets", [("tv_segments.xlsx", "Sheet1"), ("election.xlsx", "tv_segments")])
def test_a_log_as_a_workbook_sheet_gives_the_same_table(log, file, sheets):
    files = package_files(SYNTHETIC, ["parties", "channels"])
    files[file] = workbook({sheets: log_rows()})
    assert load_files(files).table("tv_segments").equals(log)


def test_problems_in_a_log_sheet_name_the_sheet_and_its_row():
    bad = log_rows()
    bad[3][5] = "angry"
    files = {**package_files(SYNTHETIC, ["parties", "channels"]), "election.xlsx": workbook({"tv_segments": bad})}
    with pytest.raises(PackageError) as error:
        load_files(files)
    (found,) = error.value.problems
    assert (found.file, found.row, found.column, found.kind, found.value) == (
        "election.xlsx [tv_segments]", 4, "tone", "constraint_enum", "angry")


def test_parquet_gives_the_same_table(log):
    table = pa.table({"date": ["2031-02-10"], "channel": ["tv_one"], "programme": ["Evening news"], "party": ["green_valley"],
                      "seconds": [60], "tone": ["positive"], "gender": ["female"], "measure": ["campaign"]})
    out = io.BytesIO()
    pq.write_table(table, out)
    parquet = package(out.getvalue(), "tv_segments.parquet").table("tv_segments")
    assert _row(parquet, 0) == _row(log, 0)


def _row(frame, i: int) -> dict:
    """A row as a dict, a missing number as None (NaN never equals itself)."""
    return {k: (None if isinstance(v, float) and v != v else v) for k, v in frame.iloc[i].to_dict().items()}


# --- validation -----------------------------------------------------------------------------------

def test_errors_are_problems_with_row_column_and_value():
    bad = "\n".join([
        HEADER,
        "2031-02-10,tv_one,News,green_valley,-5,positive,female,",       # row 2: negative seconds
        "2031-02-10,tv_one,News,green_valley,30,angry,female,",          # row 3: unknown tone
        "2031-02-31,tv_one,News,green_valley,30,neutral,male,",          # row 4: no such date
        "2031-02-10,tv_nine,News,green_valley,30,neutral,male,",         # row 5: unknown channel
        "2031-02-10,tv_one,News,green_valley,lots,neutral,male,other",   # row 6: not a number, unknown measure
    ]) + "\n"
    found = {(p.row, p.column): p for p in problems_of(bad)}
    assert set(found) == {(2, "seconds"), (3, "tone"), (4, "date"), (5, "channel"), (6, "seconds"), (6, "measure")}
    kinds = {where: (p.kind, p.value, p.params) for where, p in found.items()}
    assert kinds[(2, "seconds")] == ("seconds_not_positive", "-5", {})
    assert kinds[(3, "tone")] == ("constraint_enum", "angry", {"allowed": "positive, neutral, negative"})
    assert kinds[(4, "date")] == ("type_date", "2031-02-31", {})
    assert kinds[(5, "channel")] == ("foreign_key", "tv_nine", {"table_file": "channels.csv"})
    assert kinds[(6, "seconds")] == ("type_number", "lots", {})
    assert kinds[(6, "measure")] == ("constraint_enum_or_empty", "other", {"allowed": "campaign, incl_institutional"})
    assert all(p.file == "tv_segments.csv" for p in found.values())


def test_rows_are_counted_as_a_spreadsheet_shows_them():
    bad = HEADER + "\n\n" + '2031-02-10,tv_one,"Late\nnews",green_valley,30,neutral,male,\n' + \
        "2031-02-10,tv_one,News,green_valley,0,neutral,male,\n"
    (found,) = problems_of(bad)
    assert (found.row, found.column, found.value) == (5, "seconds", "0")


def test_rows_after_a_blank_line_and_a_row_of_empty_cells_keep_their_numbers():
    bad = HEADER + "\n\n2031-02-10,tv_one,News,green_valley,30,neutral,male,\n,,,,,,,\n" + \
        "2031-02-10,tv_one,News,green_valley,-1,neutral,male,\n"
    found = problems_of(bad)
    assert {p.row for p in found if p.kind == "constraint_required"} == {4}
    assert [(p.row, p.column, p.value) for p in found if p.kind == "seconds_not_positive"] == [(5, "seconds", "-1")]


def test_missing_required_column_and_a_column_of_the_logs_own():
    # 'colour' is the log's own column (kept, no problem); 'tone' is required.
    found = problems_of("date,channel,party,seconds,colour\n2031-02-10,tv_one,green_valley,3,red\n")
    assert {(p.row, p.column, p.kind) for p in found} == {(1, "tone", "column_missing")}


def test_problems_are_capped_with_a_count_of_the_rest():
    rows = [HEADER] + ["2031-02-10,tv_one,News,green_valley,30,angry,male,"] * 150
    found = problems_of("\n".join(rows) + "\n")
    assert len(found) == limits.MAX_PROBLEMS + 1
    assert [p.row for p in found[:3]] == [2, 3, 4]
    assert (found[-1].kind, found[-1].params) == ("more_problems", {"count": 50, "limit": limits.MAX_PROBLEMS})


def test_rows_beyond_the_cap_are_refused(monkeypatch):
    monkeypatch.setattr(limits, "LOG_MAX_ROWS", 3)
    (found,) = problems_of(LOG)
    assert (found.kind, found.params) == ("log_too_many_rows", {"rows": 6, "limit": 3})


# --- aggregation ----------------------------------------------------------------------------------

@pytest.fixture(scope="module", params=["log", "summary"])
def frame(request, log):
    """Every aggregate must be the same from the log and from its summary."""
    return log if request.param == "log" else segments.summarise(log)


def test_shares_per_channel_and_measure(frame, parties):
    coverage = segments.to_coverage(frame, parties, source="log")
    assert share(coverage, "tv_one", "green_valley", "campaign") == pytest.approx(50)
    assert share(coverage, "tv_one", "river_front", "campaign") == pytest.approx(25)
    assert share(coverage, "tv_one", "civic_bloc", "campaign") == pytest.approx(25)
    assert share(coverage, "tv_one", "labour_alliance", "campaign") == 0
    assert share(coverage, "tv_one", "green_valley", "incl_institutional") == pytest.approx(200 / 3)
    assert share(coverage, "tv_one", "river_front", "incl_institutional") == pytest.approx(50 / 3)
    assert share(coverage, "metro_24", "green_valley", "campaign") == 100
    assert "president" not in set(coverage["party"])
    assert set(coverage["source"]) == {"log"}
    assert list(coverage.columns) == ["channel", "party", "measure", "share_pct", "source"]


def test_a_log_without_institutional_segments_gives_the_campaign_measure_only(parties):
    log = package("\n".join(LOG.splitlines()[:4]) + "\n").table("tv_segments")
    assert set(segments.to_coverage(log, parties)["measure"]) == {"campaign"}


def test_airtime_in_hours(frame, parties):
    hours = segments.airtime(segments.in_measure(frame, "incl_institutional"), parties).set_index(["channel", "party"])
    assert hours.loc[("tv_one", "green_valley"), "hours"] == pytest.approx(120 / 3600)
    assert hours.loc[("metro_24", "green_valley"), "hours"] == pytest.approx(90 / 3600)
    assert hours.loc[("metro_24", "river_front"), "hours"] == 0


def test_tone_shares(frame, parties):
    tone = segments.tone(frame, parties).set_index(["channel", "party"])
    # Green Valley on TV One: 60 s positive, 60 s negative
    assert tuple(tone.loc[("tv_one", "green_valley"), list(segments.TONES)]) == (50, 0, 50)
    assert tuple(tone.loc[("tv_one", "civic_bloc"), list(segments.TONES)]) == (0, 0, 100)
    campaign = segments.tone(segments.in_measure(frame, "campaign"), parties).set_index(["channel", "party"])
    assert campaign.loc[("tv_one", "green_valley"), "positive"] == 100


def test_women_among_those_shown(frame, parties):
    rows = segments.parties_only(frame, parties)
    women = segments.women(rows).set_index("channel")
    # TV One: a woman, two men, one unknown -> 1 of 3 known; Metro 24: one woman
    assert women.loc["tv_one", "share_pct"] == pytest.approx(100 / 3)
    assert women.loc["tv_one", "unknown"] == 1
    assert women.loc["metro_24", "share_pct"] == 100
    assert segments.women_overall(rows) == {"women": 2, "men": 2, "unknown": 1, "share_pct": 50}


def test_weekly_buckets_are_iso_weeks(frame, parties):
    weekly = segments.weekly(frame, parties).set_index(["week", "party"])
    # Monday 10 to Sunday 16 February 2031 is week 7; 17 and 18 February fall in week 8.
    assert weekly.loc[("2031-W07", "green_valley"), "hours"] == pytest.approx(60 / 3600)
    assert weekly.loc[("2031-W07", "civic_bloc"), "hours"] == pytest.approx(30 / 3600)
    assert weekly.loc[("2031-W08", "green_valley"), "hours"] == pytest.approx(150 / 3600)
    assert str(weekly.loc[("2031-W08", "green_valley"), "week_start"].date()) == "2031-02-17"
    assert "president" not in set(weekly.index.get_level_values("party"))


def test_non_party_subjects_are_kept_apart(frame, parties):
    subjects = segments.subjects(frame, parties)
    assert subjects.to_dict("records") == [{"subject": "president", "hours": pytest.approx(120 / 3600), "segments": 1}]
    assert segments.total_hours(segments.parties_only(frame, parties)) == pytest.approx(270 / 3600)


def test_filters_keep_subjects_when_asked(frame, parties):
    chosen = segments.select(frame, ["tv_one"], ["civic_bloc"], all_parties=list(parties["party"]))
    assert set(chosen["party"].astype(str)) == {"civic_bloc", "president"}
    assert set(segments.select(frame, None, ["civic_bloc"])["party"].astype(str)) == {"civic_bloc"}


# --- charts ---------------------------------------------------------------------------------------

def test_charts_state_the_finding_from_the_data(log, parties, pkg_log):
    channels = pkg_log.table("channels")
    rows = segments.summarise(log)
    airtime = log_charts.airtime_bars(segments.airtime(rows, parties), parties, channels, L, "log")
    # Green Valley: 60 + 60 + 90 s = 0.058 h in all, 120 s = 0.033 h of it on TV One: below an hour, two decimals
    assert style.title_of(airtime) == "Green Valley got the most airtime: 0.06 h in all, 0.03 h of it on TV One"
    green = next(t for t in airtime.data if t.meta == {"party": "green_valley"})
    assert green.marker.color == "#009E73" and all(label.endswith(" h") for label in green.text)
    tone = log_charts.tone_bars(segments.tone(rows, parties), parties, channels, L, "log")
    assert style.title_of(tone) == ("Coverage of Civic on TV One was the most negative: 100% of its airtime, "
                                    "against 0% positive")
    women = log_charts.women_bars(segments.women(segments.parties_only(rows, parties)),
                                  segments.women_overall(segments.parties_only(rows, parties)), channels, L, "log")
    assert style.title_of(women) == "Women were 50% of the people shown; fewest on TV One (33%)"
    subjects = log_charts.subjects_bars(segments.subjects(rows, parties), 270 / 3600, L, "log")
    assert style.title_of(subjects).startswith("Outside the parties, President got the most airtime")


def test_every_catalogue_has_the_same_keys_and_placeholders():
    import re
    catalogues = {code: json.loads((ROOT / "observer" / "locales" / code / "segments.json").read_text(encoding="utf-8"))
                  for code in ("en", "kk", "ru")}
    for code in ("kk", "ru"):
        assert catalogues[code].keys() == catalogues["en"].keys(), code
        for key, text in catalogues["en"].items():
            # {count}, {count|plural:...} and {count|ablative} all use count (observer.i18n's placeholder filters)
            used = r"{(\w+)(?:\|[^{}]*)?}"
            assert set(re.findall(used, catalogues[code][key])) == set(re.findall(used, text)), (code, key)


def test_bundled_package_is_a_complete_frictionless_package_without_the_log():
    """data/ lists only the tables it has, so Frictionless validates it on its own; the log's schema
    joins the contract from observer/schemas/."""
    import frictionless

    assert frictionless.Package(str(DATA / "datapackage.json")).validate().valid
    assert "tv_segments" not in [r["name"] for r in json.loads((DATA / "datapackage.json").read_text())["resources"]]


# --- summaries of part of a log (the rows a mask keeps) -------------------------------------------

def _wide_log(rows: int, subjects: int, days: int, seed: int = 7):
    """A SYNTHETIC log of many subjects and days: combinations far more than the rows, so the summary
    numbers them by sorting, not by counting."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    categorical = lambda values: pd.Categorical(values)  # noqa: E731 (as the loader types them)
    return pd.DataFrame({
        "date": pd.Timestamp("2020-01-01") + pd.to_timedelta(rng.integers(0, days, rows), unit="D"),
        "channel": categorical(rng.choice(["c1", "c2", "c3"], rows)),
        "party": categorical([f"s{i}" for i in rng.integers(0, subjects, rows)]),
        "measure": categorical(rng.choice(["campaign", "incl_institutional"], rows)),
        "tone": categorical(rng.choice(["positive", "neutral", "negative"], rows)),
        "gender": categorical(rng.choice(["female", "male", "unknown"], rows)),
        "speech": categorical(rng.choice(["direct", "indirect", ""], rows)),
        "seconds": rng.integers(1, 600, rows).astype("float64"),
    })


@pytest.mark.parametrize("subjects, days", [(3, 4), (400, 365)])
@pytest.mark.parametrize("keys", [None, ["date", "channel", "party", "measure", "speech"], ["channel", "tone"]])
def test_a_summary_of_the_rows_a_mask_keeps_is_pandas_groupby_of_those_rows(subjects, days, keys):
    import numpy as np

    log = _wide_log(3000, subjects, days)
    keep = np.random.default_rng(1).random(len(log)) < 0.6
    coded = segments.Coded(log)
    found = segments.summarise(log, keys=keys, rows=keep, coded=coded)
    by = keys or segments.KEYS
    expected = (log[keep].astype({k: str for k in by if k != "date"})
                .groupby(by, observed=True).agg(seconds=("seconds", "sum"), segments=("seconds", "size")).reset_index())
    found = found.astype({k: str for k in by if k != "date"}).sort_values(by).reset_index(drop=True)
    expected = expected.sort_values(by).reset_index(drop=True)
    assert found[by].astype(str).values.tolist() == expected[by].astype(str).values.tolist()
    assert found["seconds"].tolist() == expected["seconds"].tolist()
    assert found["segments"].tolist() == expected["segments"].tolist()


def test_a_summary_keeps_only_the_masked_rows_worked_by_hand():
    import numpy as np
    import pandas as pd

    log = pd.DataFrame({"date": pd.to_datetime(["2020-12-10"] * 4), "channel": pd.Categorical(["k"] * 4),
                        "party": pd.Categorical(["a", "a", "b", "b"]), "measure": pd.Categorical(["campaign"] * 4),
                        "tone": pd.Categorical(["neutral"] * 4), "gender": pd.Categorical(["male"] * 4),
                        "seconds": [10.0, 20.0, 30.0, 40.0]})
    found = segments.summarise(log, rows=np.array([True, False, False, True]))
    assert found["party"].tolist() == ["a", "b"]
    assert found["seconds"].tolist() == [10.0, 40.0]
    assert found["segments"].tolist() == [1, 1]
    assert segments.summarise(log, rows=np.zeros(4, dtype=bool)).empty
