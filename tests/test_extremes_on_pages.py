"""An extreme package that is accepted draws on its page: a SYNTHETIC log of 500,000 distinct non-party
subjects (tests/test_hostile_corpus.py) opens the TV page's subjects view without an exception, showing the
top subjects and one row for all the others."""

import json

from streamlit.testing.v1 import AppTest

import ui
from observer import segments
from observer.package import load_files
from tests.apptest import ROOT
from tests.test_hostile_corpus import many_subjects


def test_half_a_million_subjects_draw_as_the_top_ones_and_the_rest():
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    app.session_state["lang"] = "en"
    app.session_state[ui.UPLOADED_PACKAGE] = load_files(many_subjects())
    app.run()
    app.switch_page(ui.pages.BY_ID["tv"].script)
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    # Only non-party subjects are coded, so no channel has party shares to preselect: the reader picks it.
    app.multiselect(key="tv_channels").set_value(["tv_one"]).run()
    app.session_state["tv_log_view_en"] = "Non-party subjects"
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    subjects = next(json.loads(c.proto.spec) for c in app.get("plotly_chart")
                    if "Outside the parties" in json.loads(c.proto.spec)["layout"]["meta"]["title"])
    rows = [label for trace in subjects["data"] for label in (trace.get("y") or [])]
    assert "All other subjects" in rows
    assert len(rows) <= segments.SUBJECTS_SHOWN + 2  # the top ones, the rest in one row, the parties' total
