"""No viewer ever sees another viewer's data: two sessions that upload logs which merely look alike (the
same rows, the same total seconds, the same names, assigned to other rows) each see their own figures,
and a re-upload in one session shows the new data. Headless, with AppTest; the same in Chromium is in
tests/browser/test_upload.py. The logs are SYNTHETIC (tests/fixtures/synthetic_log)."""

import base64
import io
import json

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import ui
from observer.package import load_files
from tests.apptest import ROOT

LOG = ROOT / "tests" / "fixtures" / "synthetic_log"
PAGE = "views/tv_coverage.py"


def log_files(shuffle_seed: int | None = None) -> dict[str, bytes]:
    """The synthetic log package; with a seed, its subjects dealt to other rows (rows, seconds and the set
    of names stay the same, so any summary of the log's size and totals is the same too)."""
    files = {p.name: p.read_bytes() for p in LOG.iterdir() if p.suffix in (".csv", ".json")}
    if shuffle_seed is not None:
        log = pd.read_csv(io.BytesIO(files["tv_segments.csv"]), dtype=str, keep_default_na=False)
        log["party"] = log["party"].sample(frac=1, random_state=shuffle_seed).to_numpy()
        files["tv_segments.csv"] = log.to_csv(index=False).encode("utf-8")
    return files


def expected_hours(files: dict[str, bytes]) -> dict[str, float]:
    """Campaign hours per party worked out from the CSV itself, with pandas, not with the code under test."""
    log = pd.read_csv(io.BytesIO(files["tv_segments.csv"]))
    parties = pd.read_csv(io.BytesIO(files["parties.csv"]))["party"]
    campaign = log[log["measure"].fillna("campaign") == "campaign"]
    return (campaign[campaign["party"].isin(parties)].groupby("party")["seconds"].sum() / 3600).round(6).to_dict()


def values(array) -> list[float]:
    if isinstance(array, dict):  # Plotly's typed-array encoding
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=np.dtype(array["dtype"])).tolist()
    return list(array)


def shown_hours(app: AppTest) -> dict[str, float]:
    """Hours per party in the airtime chart (the log section's first, open tab)."""
    for chart in app.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        if "most airtime" in spec["layout"]["meta"]["title"]:
            return {t["meta"]["party"]: round(sum(values(t["y"])), 6) for t in spec["data"]}
    raise AssertionError("no airtime chart on the page")


def session_with(files: dict[str, bytes]) -> AppTest:
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    app.session_state["lang"] = "en"
    app.session_state[ui.UPLOADED_PACKAGE] = load_files(files)
    app.run()
    app.switch_page(PAGE)
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    return app


def test_the_two_logs_look_alike_but_differ():
    a, b = log_files(), log_files(shuffle_seed=7)
    log_a, log_b = (pd.read_csv(io.BytesIO(f["tv_segments.csv"])) for f in (a, b))
    assert len(log_a) == len(log_b) and log_a["seconds"].sum() == log_b["seconds"].sum()
    assert sorted(log_a["party"]) == sorted(log_b["party"])
    assert expected_hours(a) != expected_hours(b)


def test_two_viewers_with_look_alike_logs_each_see_their_own():
    a, b = log_files(), log_files(shuffle_seed=7)
    first = session_with(a)
    second = session_with(b)
    assert shown_hours(first) == pytest.approx(expected_hours(a))
    assert shown_hours(second) == pytest.approx(expected_hours(b))


def test_a_re_upload_in_the_same_session_shows_the_new_data():
    a, b = log_files(), log_files(shuffle_seed=11)
    app = session_with(a)
    assert shown_hours(app) == pytest.approx(expected_hours(a))
    app.session_state[ui.UPLOADED_PACKAGE] = load_files(b)
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    assert shown_hours(app) == pytest.approx(expected_hours(b))
