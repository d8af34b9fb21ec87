"""The Campaign finance page, run headless: every currency works, switching it changes the charts, and
the caveats (date of the figures, no audit) and the context are visible as text."""

import base64
import json
import re

import numpy as np
import pytest

from tests.apptest import open_page

PAGE = "views/campaign_finance.py"


def array(value):
    """Plotly sends numeric arrays as typed binary ({'dtype', 'bdata'}); lists stay lists."""
    if isinstance(value, dict) and "bdata" in value:
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
    return list(value)


def charts(app) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]


def title(spec: dict) -> str:
    return spec["layout"]["meta"]["title"]


def series(spec: dict, meta: str) -> list:
    trace = next(t for t in spec["data"] if t.get("meta") == meta)
    return array(trace["y"] if trace.get("orientation") != "h" else trace["x"])


def texts(app) -> str:
    parts = [e.value for kind in ("title", "header", "subheader", "markdown", "caption", "warning", "info") for e in app.get(kind)]
    parts += [str(m.label) + " " + str(m.value) for m in app.metric]
    return re.sub(r"\\(.)", r"\1", "\n".join(map(str, parts)))  # as read: markdown escapes removed


@pytest.fixture(scope="module")
def app():
    page = open_page(PAGE)
    assert not page.exception, [e.message for e in page.exception]
    return page


def test_currency_switch_offers_tenge_and_euro(app):
    control = app.segmented_control(key="finance_currency")
    assert control.value == "KZT"
    assert control.options == ["Tenge (KZT)", "Euro (EUR)"]


def test_four_charts_in_tenge(app):
    specs = charts(app)
    assert len(specs) == 4
    assert series(specs[0], "raised") == [637e6, 315e6, 310e6, 267e6, 200e6]
    assert title(specs[0]).startswith("Nur Otan raised 637 million tenge, 99.9% of the legal ceiling")
    cap_lines = sorted(s["y0"] for s in specs[0]["layout"]["shapes"])
    assert cap_lines == [637.5e6]  # the caps on own funds and on donations are stated, not drawn across totals
    parts = next(a for a in specs[0]["layout"]["annotations"] if a.get("name") == "cap_parts")["text"]
    assert "212.5M" in parts and "425M" in parts


@pytest.mark.parametrize("currency", ["KZT", "EUR"])
def test_page_runs_in_each_currency(currency):
    page = open_page(PAGE)
    page.segmented_control(key="finance_currency").set_value(currency).run()
    assert not page.exception, [e.message for e in page.exception]
    assert len(charts(page)) == 4


def test_switching_to_euro_changes_the_chart_data(app):
    before = charts(app)
    app.segmented_control(key="finance_currency").set_value("EUR").run()
    assert not app.exception
    after = charts(app)
    assert series(after[0], "raised")[0] == pytest.approx(637e6 / 510)
    assert series(after[0], "spent")[0] == pytest.approx(565e6 / 510)
    assert sorted(s["y0"] for s in after[0]["layout"]["shapes"]) == pytest.approx([1_250_000])
    assert series(after[3], "deposit")[0] == pytest.approx(126 * 1250)   # 126 candidates x 637,500 tenge / 510
    assert title(after[0]) != title(before[0]) and "€" in title(after[0])
    assert series(after[1], "ceiling_pct") == series(before[1], "ceiling_pct")   # shares do not depend on currency
    app.segmented_control(key="finance_currency").set_value("KZT").run()


def test_rate_date_and_caveats_are_visible(app):
    shown = texts(app)
    assert "1 EUR ≈ 510 KZT" in shown
    assert "footnote 22" in shown                          # where the rate comes from
    assert "30\u00a0December 2020" in shown and "9 days before the campaign ended on 8\u00a0January 2021" in shown
    assert "does not comprehensively check" in shown       # notes.csv: finance_not_audited
    assert "without donors' names" in shown                # notes.csv: finance_aggregate_only


def test_context_is_marked_and_sourced(app):
    shown = texts(app)
    assert "Context from the statement" in shown
    # Each figure under its label, in the order of the labels (figures as subheaders: they wrap, never cut).
    headings = [h.value for h in app.subheader]
    figures = headings[headings.index("Context from the statement") + 1:]
    assert figures == ["33.9 billion tenge", "650,000", "about 15,000", "50,000 tenge", "90,000 tenge"]
    labels = ["Assistance from the charity fund founded by Nur Otan (March to October 2020)",
              "Families helped by the charity fund founded by Nur Otan", "Paid canvassers reported by Nur Otan",
              "Lowest monthly pay of a paid canvasser, on top of food, communication and travel money",
              "Highest monthly pay of a paid canvasser, on top of food, communication and travel money"]
    assert all(label in shown.replace("\\", "") for label in labels), shown
    assert "footnote 30" in shown and "footnote 40" in shown
