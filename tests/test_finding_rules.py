"""Every qualifier in a generated finding is decided by a stated rule on the data, and a different sentence
is used when the rule fails (findings.CLOSE_TO_EQUAL, candidates.ONLY_BELOW). Hypothesis generates packages
(SYNTHETIC shares and candidate lists) on both sides of each rule; the rules are restated here, not taken
from the code under test."""

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from observer.findings import candidates_majority, tv_campaign_balance
from observer.catalogue import Inputs
from observer.i18n import Language
from observer.package import Package

EN = Language("en")


def package(tables: dict) -> Package:
    return Package(None, {"resources": [{"name": n, "path": f"{n}.csv"} for n in tables]}, tables)


def parties(n: int) -> pd.DataFrame:
    ids = [f"p{i}" for i in range(n)]
    return pd.DataFrame({"party": ids, "name_en": ids, "short_en": ids, "color": ["#000000"] * n})


@st.composite
def channel_shares(draw):
    n = draw(st.integers(2, 8))
    channels = draw(st.integers(1, 4))
    rows = []
    for c in range(channels):
        weights = draw(st.lists(st.integers(1, 100), min_size=n, max_size=n))
        rows += [{"channel": f"c{c}", "party": f"p{i}", "measure": "campaign", "share_pct": round(100 * w / sum(weights)),
                  "source": "SYNTHETIC"} for i, w in enumerate(weights)]
    return n, channels, pd.DataFrame(rows)


@settings(max_examples=60, deadline=None)
@given(channel_shares())
def test_close_to_an_equal_share_only_when_every_share_is_near_it(data):
    n, count, coverage = data
    channels = pd.DataFrame({"channel": [f"c{c}" for c in range(count)], "name_en": [f"C{c}" for c in range(count)]})
    text = tv_campaign_balance(Inputs(package({"parties": parties(n), "channels": channels, "tv_coverage": coverage}),
                                      EN), EN).text
    equal = 100 / n
    near = all(abs(s - equal) <= equal / 2 for s in coverage["share_pct"])  # within half the equal share
    assert ("close to an equal share" in text) == near, (text, list(coverage["share_pct"]), equal)
    assert f"between {coverage['share_pct'].min():g}%" in text and f"and {coverage['share_pct'].max():g}%" in text


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 150), min_size=1, max_size=9), st.integers(20, 150))
def test_only_while_fewer_than_half_the_parties_fielded_a_majority(lists, seats):
    n = len(lists)
    frame = pd.DataFrame({"party": [f"p{i}" for i in range(n)], "candidates": lists, "source": "SYNTHETIC"})
    facts = pd.DataFrame([{"fact": "seats_contested", "value": float(seats), "unit": "count", "label_en": "Seats",
                           "source": "SYNTHETIC", "quote_kk": "", "date": None, "approximate": False}])
    text = candidates_majority(Inputs(package({"parties": parties(n), "candidates": frame, "facts": facts}), EN),
                               EN).text
    majority = seats // 2 + 1
    able = sum(c >= majority for c in lists)
    if able == 0:
        assert text.startswith("None of the"), text
    elif able * 2 < n:
        assert text.startswith(f"Only {able} of {n} parties"), text
    else:
        assert text.startswith(f"{able} of {n} parties"), text
    assert f"{majority} candidates" in text and f"{seats} seats" in text


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 150), min_size=1, max_size=9), st.integers(20, 150))
def test_the_candidates_charts_title_says_only_by_the_same_rule(lists, seats):
    """The chart's title said "Only 5 of 8 parties" where most of them could: its "only" follows the
    finding's rule (fewer than half of the parties)."""
    from observer.charts.candidates import per_party_title
    from observer.candidates import per_party

    n = len(lists)
    frame = per_party(pd.DataFrame({"party": [f"p{i}" for i in range(n)], "candidates": lists,
                                    "source": "SYNTHETIC"}), float(seats))
    text = per_party_title(frame, {}, float(seats), EN)
    able = sum(c >= seats // 2 + 1 for c in lists)
    assert text.startswith("Only ") == (0 < able and able * 2 < n), text
    if 0 < able < n and able * 2 >= n:
        assert text.startswith(f"{able} of {n} parties fielded enough candidates"), text
