"""Every validation problem reads in English, Kazakh and Russian: each kind declared in
observer.problem_kinds has a message and a fix in every catalogue, using only the parameters it declares,
with the same placeholders in every language, and every problem the loader reports for a corpus of broken
packages renders in each language with no placeholder and no English left; the Data & sources page shows
a broken upload's problems in the reader's language."""

from __future__ import annotations

import json
import re
import string

import pytest
from streamlit.testing.v1 import AppTest

import ui
from observer.i18n import LOCALES, Language, available_languages
from observer.loading import UPLOADED, limits, load_files, load_table, schema
from observer.loading.text import KNOWN_BINARIES
from observer.problem_kinds import ALWAYS, KINDS
from observer.problems import CATALOGUE, PackageError, Problem, Term, problem
from tests.apptest import ROOT
from tests.loading_cases import DATA, SYNTHETIC, edit, package_files, rows, to_csv, typed, workbook, zipped
from tests.test_no_stray_language import ALLOWED_WORDS, identifiers, latin_words

LANGS = sorted(available_languages())
FILES = package_files()
# Latin a Kazakh or Russian problem may show besides the values it quotes: codes, formats, file names.
ALLOWED = ALLOWED_WORDS | identifiers() | {"datapackage", "parquet"}


def placeholders(text: str) -> set[str]:
    """The parameters an entry uses: {count} and {count|plural} both use count."""
    return {name.split("|")[0] for _, name, _, _ in string.Formatter().parse(text) if name}


def entries(code: str) -> dict[str, str]:
    return json.loads((LOCALES / code / f"{CATALOGUE}.json").read_text(encoding="utf-8"))


# --- the catalogue against the declaration of kinds --------------------------------------------------

@pytest.mark.parametrize("code", LANGS)
def test_every_kind_has_a_message_and_a_fix(code):
    have = entries(code)
    missing = sorted(f"{kind}.{part}" for kind in KINDS for part in ("message", "fix") if f"{kind}.{part}" not in have)
    assert not missing, f"{code}/{CATALOGUE}.json lacks {missing}"


@pytest.mark.parametrize("code", LANGS)
def test_no_entry_for_a_kind_never_declared(code):
    kinds = {k.rsplit(".", 1)[0] for k in entries(code) if not k.startswith("term.")}
    assert not kinds - set(KINDS), f"not in observer.problem_kinds, in {code}: {sorted(kinds - set(KINDS))}"


@pytest.mark.parametrize("code", LANGS)
def test_every_parameter_a_message_uses_is_declared(code):
    have = entries(code)
    for kind, params in KINDS.items():
        used = placeholders(have[f"{kind}.message"]) | placeholders(have[f"{kind}.fix"])
        assert used <= set(params) | set(ALWAYS), f"{code} {kind} uses {sorted(used - set(params) - set(ALWAYS))}"


@pytest.mark.parametrize("code", [c for c in LANGS if c != "en"])
def test_same_placeholders_as_english(code):
    english, other = entries("en"), entries(code)
    for key, text in english.items():
        assert placeholders(other[key]) == placeholders(text), f"{code} {key}: {other[key]!r} vs {text!r}"


def test_kinds_the_code_computes_are_declared():
    computed = {f"type_{t}" for t in schema.TYPES} | {kind for kind, _ in schema.PATTERNS.values()}
    computed |= {kind for _, kind in KNOWN_BINARIES}
    assert computed <= set(KINDS), sorted(computed - set(KINDS))


def test_a_problem_is_made_only_of_a_declared_kind_with_its_parameters():
    assert problem("f.csv", "file_too_large", size=21, limit=20).params == {"size": 21, "limit": 20}
    with pytest.raises(ValueError):
        problem("f.csv", "no_such_kind")
    with pytest.raises(TypeError):
        problem("f.csv", "file_too_large", size=21)
    with pytest.raises(TypeError):
        problem("f.csv", "file_empty", limit=20)


# --- every problem of a corpus of broken packages, in every language -------------------------------

LOG_HEADER = "date,channel,programme,party,seconds,tone,gender,measure"


def _log(lines: list[str]) -> dict[str, bytes]:
    files = package_files(SYNTHETIC, ["parties", "channels"])
    files["tv_segments.csv"] = ("\n".join([LOG_HEADER] + lines) + "\n").encode()
    return files


def _encrypted_zip() -> bytes:
    data = bytearray(zipped({"parties.csv": FILES["parties.csv"]}))
    data[6] |= 0x1
    data[data.rfind(b"PK\x01\x02") + 8] |= 0x1
    return bytes(data)


def _renamed_field(**change) -> bytes:
    descriptor = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    fields = descriptor["resources"][2]["schema"]["fields"]
    if change.get("rename"):
        fields[3]["name"] = "share"
    if change.get("drop"):
        del fields[3]
    if change.get("add"):
        fields.append({"name": "extra", "type": "string"})
    return json.dumps(descriptor).encode()


def broken_packages() -> dict[str, dict[str, bytes]]:
    """A package broken in every way the loader reports, each as the files an upload would give."""
    from tests.test_loading_errors import CELL_CASES

    cases = {f"cell {t} {r} {c} {v!r}": edit(FILES, t, r, c, v) for t, r, c, v, _ in CELL_CASES}
    table = rows(FILES["results.csv"])
    for row in table[1:]:
        row[2] = row[2].split(".")[0]
    table[1][2] = "1,234"
    cases["ambiguous"] = {**FILES, "results.csv": to_csv(table)}
    cases["shares"] = edit(FILES, "tv_coverage", 2, "share_pct", "40")
    cases["fact date"] = edit(FILES, "facts", 2, "date", "")
    cases["fact value"] = edit(FILES, "facts", 3, "value", "")
    duplicate = rows(FILES["parties.csv"])
    cases["duplicate"] = {**FILES, "parties.csv": to_csv(duplicate + [duplicate[1]])}
    cases["missing tables"] = {k: v for k, v in FILES.items() if k not in ("parties.csv", "channels.csv",
                                                                           "tv_coverage.csv")}
    cases["misspelt"] = {**{k: v for k, v in FILES.items() if k != "parties.csv"}, "partys.csv": FILES["parties.csv"]}
    header = rows(FILES["candidates.csv"])
    header[0][1] = "candidate_count"
    cases["unknown column"] = {**FILES, "candidates.csv": to_csv(header)}
    cases["twice"] = {**FILES, "results.csv": to_csv([r + [r[0]] for r in rows(FILES["results.csv"])])}
    unnamed = [r + ["x"] for r in rows(FILES["results.csv"])]
    unnamed[0][-1] = ""
    cases["unnamed"] = {**FILES, "results.csv": to_csv(unnamed)}
    extra = rows(FILES["results.csv"])
    extra[2] = extra[2] + ["surplus"]
    cases["extra cells"] = {**FILES, "results.csv": to_csv(extra)}
    cases["header only"] = {**FILES, "results.csv": FILES["results.csv"].split(b"\n")[0] + b"\n"}
    cases["long cell"] = {**FILES, "notes.csv": FILES["notes.csv"] + b'x,tv,"' + b"a" * 200_000 + b'",b\n'}
    cases["unclosed"] = {**FILES, "results.csv": FILES["results.csv"] + b'ak_zhol,"5,1,1,x\n'}
    wide = ",".join(["party"] + [f"c{i}" for i in range(limits.MAX_COLUMNS)])
    cases["wide"] = {**FILES, "results.csv": (wide + "\n" + ",".join(["x"] * 101) + "\n").encode()}
    for name, data in {"empty": b"", "binary": bytes(range(256)) * 40, "png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 100,
                       "pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "xls": b"\xd0\xcf\x11\xe0" + b"\x00" * 500,
                       "zip as csv": b"PK\x03\x04" + b"\x00" * 100,
                       "bad utf-8": b"\xef\xbb\xbfparty,name_en\n\xff\xfe\xfa,x\n"}.items():
        cases[name] = {**FILES, "parties.csv": data}
    cases["many files"] = {f"extra{i}.csv": b"a,b\n1,2\n" for i in range(limits.MAX_FILES + 1)}
    cases["many in zip"] = {"many.zip": zipped({f"extra{i}.csv": b"a" for i in range(limits.MAX_FILES + 1)})}
    whole = zipped(FILES)
    cases["broken zip"] = {"broken.zip": whole[: len(whole) // 2]}
    cases["encrypted"] = {"secret.zip": _encrypted_zip()}
    cases["zip in zip"] = {"outer.zip": zipped({"inner.zip": whole})}
    cases["same name in zip"] = {"folders.zip": zipped({"a/parties.csv": FILES["parties.csv"],
                                                        "b/parties.csv": FILES["parties.csv"]})}
    cases["given twice"] = {**FILES, "package.zip": zipped({"parties.csv": FILES["parties.csv"]})}
    cases["json"] = {**FILES, "datapackage.json": b'{"title": "x",\n "resources": [}'}
    cases["no resources"] = {**FILES, "datapackage.json": b"[1, 2]"}
    cases["not utf-8"] = {**FILES, "datapackage.json": b'{"title": "\xff"}'}
    cases["renamed"] = {**FILES, "datapackage.json": _renamed_field(rename=True)}
    cases["dropped"] = {**FILES, "datapackage.json": _renamed_field(drop=True)}
    no_fields = json.loads(_renamed_field())
    no_fields["resources"][0]["schema"] = {"fields": "none"}
    cases["no fields"] = {**FILES, "datapackage.json": json.dumps(no_fields).encode()}
    candidates = typed(rows(FILES["candidates.csv"]))
    candidates[2][1] = "=SUM(B2:B2)"
    without = {k: v for k, v in FILES.items() if k != "candidates.csv"}
    cases["formula"] = {**without, "candidates.xlsx": workbook({"candidates": candidates})}
    cases["no sheets"] = {**FILES, "election.xlsx": workbook({"Sheet1": [["a"]]})}
    cases["junk workbook"] = {**FILES, "book.xlsx": b"not a workbook at all"}
    cases["empty sheet"] = {**FILES, "results.xlsx": workbook({"results": []})}
    cases["same table twice"] = {**FILES, "parties.xlsx": workbook({"parties": typed(rows(FILES["parties.csv"]))})}
    cases["log"] = _log(["31.02.2031,tv_nine,News,green_valley,-5,angry,robot,elsewhere",
                         "2031-02-10,tv_one,News,,abc,positive,female,campaign"])
    cases["log header"] = _log([]) | {"tv_segments.csv": b"date,channel,colour\n2031-02-10,tv_one,red\n"}
    cases["log many"] = _log(["2031-02-10,tv_one,News,green_valley,30,angry,male,"] * 150)
    cases["log cells"] = _log(["2031-02-10,tv_one,News,green_valley,30,positive,male,campaign,extra"])
    cases["log empty"] = _log([])
    cases["parquet"] = {**package_files(SYNTHETIC, ["parties", "channels"]), "tv_segments.parquet": b"PAR1junk"}
    return cases


@pytest.fixture(scope="module")
def corpus() -> list[Problem]:
    found = []
    for files in broken_packages().values():
        with pytest.raises(PackageError) as error:
            load_files(files)
        found += error.value.problems
    log_folder = ROOT / "tests" / "fixtures" / "synthetic_log"
    log_package = {f.name: f.read_bytes() for f in log_folder.glob("*.csv") if f.name != "tv_segments.csv"}
    # A monitoring log's own checks: a start time of 25:00, a coder with no item id.
    log_package["tv_segments.csv"] = (b"date,channel,party,seconds,tone,time,coder,item_id\n"
                                      b"2031-02-10,public_news,civic_bloc,30,neutral,25:00,anna,\n")
    for call in (lambda: load_table("weather", "w.csv", b"a\n1\n"),
                 lambda: load_table("tv_coverage", "tv.csv", b"\x00junk"),
                 lambda: load_files(log_package)):
        with pytest.raises(PackageError) as error:
            call()
        found += error.value.problems
    return found


def test_the_corpus_covers_most_kinds(corpus):
    seen = {p.kind for p in corpus}
    assert len(seen) >= 60, f"not built by the corpus: {sorted(set(KINDS) - seen)}"
    assert seen <= set(KINDS)


def made_up(kind: str) -> Problem:
    """A problem of ``kind`` with every parameter it declares filled in: a number where the name says it
    counts or measures, else a code. For kinds the corpus cannot reach (a 300 MB log, a full disk)."""
    numbers = {"count", "limit", "size", "rows", "number", "byte", "total", "tolerance", "minimum", "maximum"}
    params = {n: 1234.5 if n in numbers else f"code_{n}" for n in KINDS[kind]}
    return problem("file.csv", kind, 2, "column_x", "found", detail="Library said so", **params)


@pytest.mark.parametrize("code", LANGS)
def test_every_kind_renders(code):
    L = Language(code)
    for kind in sorted(KINDS):
        p = made_up(kind)
        message, fix = p.text(L)
        rest = _without_params(p, message + " " + fix, L)
        assert not re.search(r"[{}]", rest), f"{code} {kind}: {message!r} {fix!r}"
        assert (code == "en") == ("Library said so" in message), f"{code} {kind}: {message!r}"
        if code != "en":
            assert not latin_words(rest, ALLOWED), f"{code} {kind}: {message!r} {fix!r}"


def _without_params(p: Problem, text: str, L: Language) -> str:
    """The text without what the problem quotes (names, values, file names), longest first."""
    quoted = [p.file, p.column or ""] + [v if isinstance(v, str) else L.number(v) if not isinstance(v, Term)
                                          else "" for v in p.params.values()]
    for value in sorted(filter(None, map(str, quoted)), key=len, reverse=True):
        text = text.replace(value, " ")
    return text


@pytest.mark.parametrize("code", LANGS)
def test_every_problem_renders(corpus, code):
    L = Language(code)
    english = Language("en")
    bad = []
    for p in corpus:
        message, fix = p.text(L)
        for text in (message, fix):
            rest = _without_params(p, text, L)
            if not text.strip() or re.search(r"[{}]", rest) or f"{CATALOGUE}." in text:
                bad.append(f"{p.kind}: unfilled {text!r}")
            if code != "en":
                words = latin_words(rest, ALLOWED)
                if words:
                    bad.append(f"{p.kind}: Latin words {sorted(words)} in {text!r}")
        if code != "en":
            if (message, fix) == p.text(english):
                bad.append(f"{p.kind}: left in English")
            if p.detail and p.detail in message:
                bad.append(f"{p.kind}: a library's English words shown: {message!r}")
    assert not bad, "\n".join(dict.fromkeys(bad))


def test_numbers_in_the_readers_format():
    p = problem("tv_segments.csv", "log_too_many_rows", rows=2_500_000, limit=2_000_000)
    assert "2,500,000" in p.message
    assert "2\u00a0500\u00a0000" in p.text(Language("kk"))[0] and "2\u00a0000\u00a0000" in p.text(Language("ru"))[0]
    shares = problem("tv_coverage.csv", "shares_total", 2, "share_pct", "93.5", channel="tv_one", measure="campaign",
                     total=93.5, tolerance=2.5)
    assert "93.5" in shares.message and "93,5" in shares.text(Language("ru"))[0]
    assert "«tv_one»" in shares.text(Language("kk"))[0]


def test_english_keeps_the_library_detail_and_the_old_shape():
    (p,) = [q for q in _problems({"broken.zip": zipped(FILES)[:500]}) if q.kind == "zip_unreadable"]
    assert p.detail and p.message.startswith("this is not a readable zip archive (") and p.detail in p.message
    assert str(p).startswith("broken.zip: this is not a readable zip archive") and "Fix: Create the zip" in str(p)
    assert p.as_dict()["message"] == p.message and p.as_dict(Language("kk"))["message"] == p.text(Language("kk"))[0]


def test_where_a_file_came_from_is_translated():
    files = {**FILES, "package.zip": zipped({"parties.csv": FILES["parties.csv"]})}
    (p,) = [q for q in _problems(files) if q.kind == "file_given_twice"]
    assert "the files given" in p.message and "package.zip" in p.message
    assert "берілген файлдар" in p.text(Language("kk"))[0]


def _problems(files) -> list[Problem]:
    with pytest.raises(PackageError) as error:
        load_files(files)
    return error.value.problems


# --- the Data & sources page ------------------------------------------------------------------------

def open_data_page(lang: str, state: dict) -> AppTest:
    """The Data & sources page in ``lang`` with session state as an upload leaves it."""
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    app.session_state["lang"] = lang
    for key, value in state.items():
        app.session_state[key] = value
    app.run()
    app.switch_page("views/data_sources.py")
    app.run()
    return app


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_broken_upload_shows_its_problems_in_the_readers_language(lang):
    broken = edit(package_files(SYNTHETIC), "tv_coverage", 2, "share_pct", "lots")
    broken = edit(broken, "parties", 3, "color", "red")
    broken.pop("channels.csv")
    state = {}
    problems = ui.load_upload(broken, state)
    assert len(problems) >= 3
    app = open_data_page(lang, state)
    assert not app.exception, [e.message for e in app.exception]
    assert app.error
    L = Language(lang)
    table = app.dataframe[0].value
    assert list(table.columns) == [L(f"common.problem_{c}") for c in ("file", "row", "column", "value", "message",
                                                                     "fix")]
    assert list(table.iloc[:, 4]) == [p.text(L)[0] for p in problems]
    assert list(table.iloc[:, 5]) == [p.text(L)[1] for p in problems]
    assert "lots" in set(table.iloc[:, 3]) and "red" in set(table.iloc[:, 3])  # values as found
    for p, message, fix in zip(problems, table.iloc[:, 4], table.iloc[:, 5]):
        assert not latin_words(_without_params(p, message + " " + fix, L), ALLOWED), (message, fix)


def test_files_given_together_are_named_in_the_readers_language():
    state = {}
    ui.load_upload({f"extra{i}.csv": b"a,b\n1,2\n" for i in range(limits.MAX_FILES + 1)}, state)
    assert state[ui.UPLOAD_PROBLEMS][0].file == UPLOADED
    app = open_data_page("ru", state)
    assert not app.exception
    files = list(app.dataframe[0].value.iloc[:, 0])
    assert files[0] == Language("ru")("data.uploaded_files") and UPLOADED not in files
