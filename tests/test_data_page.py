"""The Data & sources page: every table's columns in words in the reader's language, the rule of which
tables are required as the loader applies it, and big tables shown in part (all of them in the download)."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import streamlit
from streamlit.testing.v1 import AppTest

import ui
from observer import load_package
from observer.describe import PREVIEW_ROWS, csv_download, fields_frame, required_rule, table_status
from observer import finance
from observer.i18n import Language
from observer.package import contract, load_files
from observer.loading.descriptor import METADATA
from observer.loading.rules import REQUIRED_TABLES, STAND_INS
from tests.apptest import ROOT
from tests.loading_cases import zipped

PAGE = "views/data_sources.py"
LOG_FIXTURE = ROOT / "tests" / "fixtures" / "synthetic_log"
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z_]*[A-Za-z]")


def open_with(state: dict, lang: str = "en") -> AppTest:
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    app.session_state["lang"] = lang
    for key, value in state.items():
        app.session_state[key] = value
    app.run()
    app.switch_page(PAGE)
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    return app


def unescaped(text: str) -> str:
    return re.sub(r"\\(?=[^\sA-Za-z0-9])", "", str(text))


def contract_fields():
    return [(r["name"], f) for r in contract()["resources"] for f in r["schema"]["fields"]]


# --- the descriptor --------------------------------------------------------------------------------

@pytest.mark.parametrize("code", ["kk", "ru"])
def test_every_field_has_a_title_and_description_in_every_language(code):
    for table, field in contract_fields():
        for key in ("title", "description"):
            text = field.get(f"{key}_{code}", "")
            assert text.strip(), f"{table}.{field['name']} has no {key}_{code}"
            assert text != field[key], f"{table}.{field['name']} {key}_{code} is the English"
            # Cyrillic, apart from the codes a user types (column and table names, allowed values)
            codes = {f["name"] for _, f in contract_fields()} | {r["name"] for r in contract()["resources"]}
            codes |= {w for _, f in contract_fields() for v in (f.get("constraints") or {}).get("enum", [])
                      for w in str(v).split()}
            # and the descriptor's file and the package-level keys it may set (currency, quote_language)
            codes |= {"datapackage", "json"} | set(METADATA)
            codes |= {w for w in LATIN_WORD.findall(text) if finance.is_currency(w)}  # GEL, USD: currency codes
            codes |= {w for _, f in contract_fields() for w in re.findall("[a-z]+", (f.get("constraints") or {})
                                                                           .get("pattern", "")) if len(w) > 1}
            assert not set(LATIN_WORD.findall(text)) - codes, f"{table}.{field['name']} {key}_{code}: {text!r}"


# --- columns in words --------------------------------------------------------------------------------

@pytest.mark.parametrize("code", ["kk", "ru"])
def test_columns_in_words(code):
    L = Language(code)
    english = Language("en")
    for resource in contract()["resources"]:
        fields = resource["schema"]["fields"]
        frame, base = fields_frame(fields, L), fields_frame(fields, english)
        assert list(frame["column"]) == [f["name"] for f in fields], "column names stay as typed"
        for column in ("type", "required", "title", "description"):
            same = frame[column] == base[column]
            assert not same.any(), f"{resource['name']} {column} in English: {list(frame[column][same])}"
        assert set(frame["required"]) <= {L("data.field_required"), L("data.field_optional")}
        units = frame["unit"][frame["unit"] != ""]
        assert not units.isin(["percent", "seconds", "count"]).any(), list(units)


def test_constraints_in_words():
    shares = next(r for r in contract()["resources"] if r["name"] == "tv_coverage")["schema"]["fields"]
    kk = fields_frame(shares, Language("kk")).set_index("column")
    assert kk.loc["share_pct", "type"] == "сан"
    assert kk.loc["share_pct", "required"] == "міндетті"
    assert kk.loc["share_pct", "constraints"] == "ең аз мәні: 0; ең көп мәні: 100"
    assert kk.loc["measure", "constraints"] == "рұқсат етілген мәндер: campaign, incl_institutional"
    ru = fields_frame(shares, Language("ru")).set_index("column")
    assert ru.loc["measure", "constraints"] == "допустимые значения: campaign, incl_institutional"
    assert ru.loc["share_pct", "unit"] == "процент"
    finance = next(r for r in contract()["resources"] if r["name"] == "finance")["schema"]["fields"]
    assert fields_frame(finance, Language("kk")).set_index("column").loc["raised_kzt", "type"] == "бүтін сан"
    # A regular expression nobody has put in words is still shown, so the rule is never hidden.
    odd = fields_frame([{"name": "x", "type": "duration", "constraints": {"pattern": "[0-9]+"}}], Language("ru"))
    assert odd.loc[0, "type"] == "duration" and odd.loc[0, "constraints"] == "шаблон: [0-9]+"


def test_english_only_fields_show_their_english():
    fields = [{"name": "x", "type": "string", "title": "My column", "description": "What it holds."},
              {"name": "y", "type": "string"}]
    frame = fields_frame(fields, Language("kk"))
    assert list(frame["title"]) == ["My column", "y"]
    assert frame.loc[0, "description"] == "What it holds."


def test_a_package_with_only_english_shows_its_english(tmp_path):
    """A user's own datapackage.json in English only: its titles show in English on the Kazakh page,
    never an empty cell; the columns keep the contract's words in Kazakh."""
    files = {p.name: p.read_bytes() for p in LOG_FIXTURE.iterdir() if p.suffix in (".csv", ".json")}
    own = json.loads(files["datapackage.json"])
    for resource in own["resources"]:
        resource["title"] = f"Our {resource['name']} table"
        resource["description"] = f"Our own description of {resource['name']}."
    files["datapackage.json"] = json.dumps(own).encode()
    pkg = load_files(files)
    app = open_with({ui.UPLOADED_PACKAGE: pkg}, "kk")
    labels = [unescaped(e.label) for e in app.expander]
    for name in pkg.tables:
        assert any(label.startswith(f"Our {name} table — ") for label in labels), labels
    shown = "\n".join(unescaped(m.value) for m in app.markdown)
    assert "Our own description of tv_segments." in shown
    for table in app.table:
        frame = table.value
        assert (frame.iloc[:, 3].astype(str).str.strip() != "").all(), "a column without a title"


# --- which tables are required -------------------------------------------------------------------------

def test_required_tables_said_as_the_loader_checks_them():
    assert REQUIRED_TABLES == ("parties", "channels", "tv_coverage") and STAND_INS == {"tv_coverage": "tv_segments"}
    en = Language("en")
    assert required_rule(en) == ("The tables parties and channels are required, and so is tv_coverage or tv_segments "
                                 "(or both); the other tables are optional.")
    assert table_status("parties", en) == "required"
    assert table_status("tv_coverage", en) == "required, or tv_segments instead"
    assert table_status("tv_segments", en) == "required, or tv_coverage instead"
    assert table_status("finance", en) == "optional"
    assert "tv_coverage не tv_segments" in required_rule(Language("kk"))
    assert "tv_coverage или tv_segments" in required_rule(Language("ru"))


def test_data_page_says_the_rule():
    app = open_with({}, "en")
    captions = "\n".join(unescaped(c.value) for c in app.caption)
    assert "The tables parties and channels are required, and so is tv_coverage or tv_segments" in captions
    labels = [unescaped(e.label) for e in app.expander]
    assert "Coded TV monitoring log — tv_segments.csv (required, or tv_coverage instead)" in labels
    assert any(label.endswith("tv_coverage.csv (required, or tv_segments instead)") for label in labels)
    assert any(label.endswith("finance.csv (optional)") for label in labels)


# --- big tables ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def big_log(tmp_path_factory):
    """A SYNTHETIC coded log of 50,000 made-up segments, standing in for a million-row one."""
    folder = tmp_path_factory.mktemp("synthetic_log_50k")
    subprocess.run([sys.executable, str(ROOT / "bench" / "make_segments.py"), "--rows", "50000",
                    "--out", str(folder), "--seed", "11"], check=True, capture_output=True)
    return load_package(folder)


@pytest.mark.parametrize("lang", ["ru"])
def test_big_table_shows_first_rows_and_downloads_all(big_log, lang, monkeypatch):
    downloads = {}
    original = streamlit.download_button

    def recording(label, data, *args, **kwargs):
        downloads[kwargs.get("key")] = data
        return original(label, data, *args, **kwargs)

    monkeypatch.setattr(streamlit, "download_button", recording)
    app = open_with({ui.UPLOADED_PACKAGE: big_log}, lang)
    L = Language(lang)
    total = len(big_log.table("tv_segments"))
    assert total == 50_000
    shown = [d.value for d in app.dataframe]
    assert max(len(frame) for frame in shown) == PREVIEW_ROWS, [len(f) for f in shown]
    sentence = L("data.rows_preview", shown=L.number(PREVIEW_ROWS), count=L.number(total))
    assert sentence in [c.value for c in app.caption]
    assert "50\u00a0000" in sentence

    data = downloads["download-tv_segments"]
    assert callable(data), "a big table's CSV is built when the reader clicks, not on every run"
    rows = list(csv.reader(io.StringIO(data().decode("utf-8-sig"))))
    with open(Path(big_log.path) / "tv_segments.csv", encoding="utf-8-sig", newline="") as f:
        header = next(csv.reader(f))
    assert rows[0] == header  # the file's own columns, not the optional ones it leaves out
    assert len(rows) == total + 1


def test_download_defuses_formulas_in_a_coded_log():
    """A coded log's text columns are categorical: a formula in a programme name is still defused."""
    files = {p.name: p.read_bytes() for p in LOG_FIXTURE.iterdir() if p.suffix in (".csv", ".json")}
    table = list(csv.reader(io.StringIO(files["tv_segments.csv"].decode("utf-8-sig"))))
    table[1][table[0].index("programme")] = "=1+2"
    out = io.StringIO()
    csv.writer(out).writerows(table)
    files["tv_segments.csv"] = out.getvalue().encode()
    pkg = load_files({"log.zip": zipped(files)})
    assert pkg.table("tv_segments")["programme"].dtype == "category"
    rows = list(csv.reader(io.StringIO(csv_download(pkg.table("tv_segments"))().decode("utf-8-sig"))))
    assert rows[1][rows[0].index("programme")] == "'=1+2"


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_package_title_has_one_source_the_data_page_and_the_pack_agree(lang):
    """The package's own texts come from its descriptor (title_<lang>), not from a catalogue entry matched
    by its English wording: the Data & sources page and the briefing pack show the same title."""
    from observer import briefing
    descriptor = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    title = descriptor[f"title_{lang}"]
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    app.session_state["lang"] = lang
    app.run()
    app.switch_page("views/data_sources.py")
    app.run()
    shown = [re.sub(r"\\(?=[^\sA-Za-z0-9])", "", m.value) for m in app.markdown]
    assert f"**{title}**" in shown
    assert f"<h1>{title}</h1>" in briefing.html_pack(load_package(), Language(lang))
    statement = descriptor["sources"][0][f"title_{lang}"]
    assert any(statement in re.sub(r"\\(?=[^\sA-Za-z0-9])", "", c.value) for c in app.caption), statement


def test_a_small_table_is_downloaded_as_built_and_a_large_one_on_click():
    """A deferred download is dropped at the session's next run: small tables carry their CSV itself."""
    from observer.describe import EAGER_ROWS, download_data

    small = download_data(pd.DataFrame({"party": ["a", "=b"]}))
    assert isinstance(small, bytes) and small.decode("utf-8-sig").splitlines() == ["party", "a", "'=b"]
    large = download_data(pd.DataFrame({"n": range(EAGER_ROWS + 1)}))
    assert callable(large) and len(large().decode("utf-8-sig").splitlines()) == EAGER_ROWS + 2
