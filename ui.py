"""Streamlit wiring shared by the pages: the cached package, the reader's language, and how charts,
sources, notes and problems are shown. Everything computed lives in the observer library."""

from __future__ import annotations

import argparse
import json
import inspect
import re
import sys

import pandas as pd
import streamlit as st

from observer import Package, PackageError, load_package
from observer.charts.style import export_config
from observer.i18n import DEFAULT_LANGUAGE, Language, available_languages, catalogue, source_titles
from observer.package import BUNDLED_DATA, UPLOADED, load_files
from observer.problems import Problem

# This browser session's own package (from the Data & sources upload) and what was wrong with the last try.
UPLOADED_PACKAGE = "uploaded_package"
UPLOAD_PROBLEMS = "upload_problems"
UPLOAD_NAMES = "upload_names"


def data_path() -> str:
    """The package folder: `streamlit run dashboard.py -- --data PATH`, else the bundled data/."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--data", default=str(BUNDLED_DATA))
    known, _ = parser.parse_known_args(sys.argv[1:])
    return known.data


@st.cache_resource(show_spinner=False)
def _load(path: str) -> Package:
    """Loaded and validated once per process and shared by every session and rerun.

    cache_resource, not cache_data: cache_data would unpickle a fresh copy of every table on each call,
    several times a run, which costs seconds with a coded log of a million segments. The tables are
    read-only by convention: pages derive new frames (pandas' copy-on-write keeps those apart) and
    never assign into a package's tables.
    """
    return load_package(path)


def package() -> Package:
    """The package this session shows: its own upload if it made one, else the one the dashboard was
    started with; if that cannot be loaded, a table of what is wrong with it (and the page stops there)."""
    uploaded = st.session_state.get(UPLOADED_PACKAGE)
    if isinstance(uploaded, Package):
        st.sidebar.caption(plain(language()("data.sidebar_uploaded", name=package_label(uploaded, language()))))
        return uploaded
    try:
        return _load(data_path())
    except PackageError as error:
        L = language()
        st.error(L("common.load_failed"))
        problems_table(error.problems, L)
        st.stop()


def load_upload(files: dict[str, bytes], state=None) -> list[Problem]:
    """Validate uploaded files (name -> bytes) exactly as a folder is validated. A valid package becomes
    this session's package; an invalid one changes nothing but the problems shown. Files on disk and
    other viewers' sessions are never touched."""
    state = st.session_state if state is None else state
    state[UPLOAD_NAMES] = sorted(files)
    try:
        pkg = load_files(files)
    except PackageError as error:
        state[UPLOAD_PROBLEMS] = error.problems
        return error.problems
    state[UPLOADED_PACKAGE] = pkg
    state[UPLOAD_PROBLEMS] = []
    return []


def on_upload() -> None:
    """file_uploader callback: read the chosen files once, when the choice changes."""
    chosen = st.session_state.get("upload") or []
    if not isinstance(chosen, list):
        chosen = [chosen]
    if chosen:
        load_upload({f.name: f.getvalue() for f in chosen})


def use_started_package(state=None) -> None:
    """Back to the package the dashboard was started with (the bundled data, or --data PATH)."""
    state = st.session_state if state is None else state
    for name in (UPLOADED_PACKAGE, UPLOAD_PROBLEMS, UPLOAD_NAMES):
        state.pop(name, None)


def is_uploaded(state=None) -> bool:
    state = st.session_state if state is None else state
    return isinstance(state.get(UPLOADED_PACKAGE), Package)


def package_label(pkg: Package, L: Language) -> str:
    """What to call the active package: its title, else where it came from."""
    title = str(pkg.descriptor.get("title") or "").strip()
    if title:
        return described(L, "data.package_title", title)
    return L("data.uploaded_files") if is_uploaded() else pkg.origin or str(pkg.path)


def described(L: Language, key: str, english: str) -> str:
    """A title or description of the bundled package in the reader's language: the catalogue's entry
    where the package's own (English) text is the one the catalogue translates, else the text as given."""
    return L(key) if english and catalogue(DEFAULT_LANGUAGE).get(key) == english else english


def plain(text) -> str:
    """Text from a data file, safe to pass to Streamlit's markdown: every markdown character escaped, so
    names show exactly as typed (HTML is never rendered: no unsafe_allow_html anywhere)."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])", r"\\\1", str(text)).replace("\n", " ")


def language() -> Language:
    code = st.session_state.get("lang", DEFAULT_LANGUAGE)
    return Language(code, source_titles=_source_titles(code))


def _source_titles(code: str) -> dict[str, str]:
    """English titles of the shown package's outside sources mapped to this language's (title_kk, title_ru):
    the session's upload if it made one, else the package the dashboard was started with."""
    uploaded = st.session_state.get(UPLOADED_PACKAGE)
    try:
        descriptor = uploaded.descriptor if isinstance(uploaded, Package) else _load(data_path()).descriptor
    except PackageError:
        return {}
    return source_titles(descriptor, code)


def language_picker() -> Language:
    """The language: from the link's ?lang=, else the browser's locale, else English; kept per session."""
    languages = available_languages()
    if "lang" not in st.session_state:
        requested = st.query_params.get("lang")
        browser = (st.context.locale or "").split("-")[0].lower()
        st.session_state["lang"] = next(c for c in (requested, browser, DEFAULT_LANGUAGE) if c in languages)
        if requested and requested not in languages:
            _bad_link_params().append("lang")
    st.sidebar.selectbox(language()("common.language"), list(languages), key="lang",
                         format_func=languages.get)
    _linked()["lang"] = "lang"
    return language()


# Shareable links: a page's selections live in the URL's query parameters, so a presenter can
# prepare a link to each view. link_state() reads a parameter once per session, before the widget
# is drawn; write_link() puts every linked widget's current value back into the URL after the page ran.
def link_state(param: str, key: str, options: list, default, multi: bool = False) -> None:
    _linked()[param] = key
    if key in st.session_state:
        return
    raw = st.query_params.get(param)
    if raw is None:
        st.session_state[key] = default
        return
    values = [v for v in raw.split(",") if v] if multi else [raw]
    valid = [v for v in values if v in options]
    if len(valid) != len(values) or (not multi and not valid):
        _bad_link_params().append(param)
    st.session_state[key] = valid if multi else (valid[0] if valid else default)


def write_link() -> None:
    for param in [p for p in st.query_params if p not in _linked()]:
        del st.query_params[param]  # left over from the page the reader came from
    for param, key in _linked().items():
        value = st.session_state.get(key)
        if value is None:
            continue
        text = ",".join(map(str, value)) if isinstance(value, list) else str(value)
        if st.query_params.get(param) != text:
            st.query_params[param] = text
    bad = _bad_link_params()
    if bad:
        st.toast(language()("common.bad_link", params=", ".join(bad)), icon=":material/link_off:")
        bad.clear()


def forget_links() -> None:
    """Each page links its own widgets: start every run with only the language linked."""
    _linked().clear()


def _linked() -> dict:
    return st.session_state.setdefault("_linked_params", {})


def _bad_link_params() -> list:
    return st.session_state.setdefault("_bad_link_params", [])


# Static CSS for presentation mode (no data reaches it): hide the sidebar and Streamlit's own chrome,
# use the whole 1280x720 screen and enlarge the text for the back of the room.
PRESENTATION_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 1.2rem 2.5rem 0.5rem !important; max-width: 100% !important; }
[data-testid="stMarkdownContainer"] h2 { font-size: 1.85rem !important; line-height: 1.25 !important; padding-top: 0 !important; }
[data-testid="stMarkdownContainer"] p, button p { font-size: 1.25rem !important; }
</style>"""


def uploader_in_language(L: Language) -> None:
    """Streamlit's file uploader has fixed English text ('Upload', '20MB per file • CSV, …'): hide the
    instructions (the widget's label already names the files and the size limit) and relabel the button
    from the catalogue. Static CSS with a catalogue string; nothing from the data reaches it."""
    label = json.dumps(L("data.upload_button"), ensure_ascii=False)  # a quoted CSS string
    button = '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]'
    st.markdown(f"<style>[data-testid='stFileUploaderDropzoneInstructions'], {button} p {{ display: none; }} "
                f"{button}::after {{ content: {label}; }}</style>", unsafe_allow_html=True)


def presentation_chrome() -> None:
    st.markdown(PRESENTATION_CSS, unsafe_allow_html=True)


# A Language is known by its code and the source titles it translates.
@st.cache_resource(show_spinner=False, max_entries=512,
                   hash_funcs={Language: lambda L: (L.code, sorted(L.source_titles.items()))})
def _figure(name: str, _builder, args: tuple, kwargs: dict):
    return _builder(*args, **kwargs)  # keyed by the builder's name and every argument's content


class cached:
    """A chart module whose figure builders are cached: the same inputs give the same Figure, built once
    per process and shared (building a Plotly figure costs 30-150 ms, drawing a built one about 2 ms).
    Other functions of the module pass through unchanged. Figures are never modified after building."""

    def __init__(self, module):
        self._module = module

    def __getattr__(self, name: str):
        attribute = getattr(self._module, name)
        if callable(attribute) and str(inspect.signature(attribute).return_annotation).endswith("Figure"):
            name = f"{attribute.__module__}.{attribute.__qualname__}"
            return lambda *args, **kwargs: _figure(name, attribute, args, kwargs)
        return attribute


def chart(fig, name: str, L: Language) -> None:
    # theme=None: show the figure exactly as built, so the screen, the PNG and the briefing pack agree.
    st.plotly_chart(fig, theme=None, config=export_config(name, L), key=f"chart-{name}")


def lazy_tabs(labels: list[str], key: str, L: Language):
    """Tabs that run only the open tab's content (check each tab's ``.open``): hidden charts are neither
    built nor drawn, so a page with many views opens quickly. The state is the open tab's label, so it is
    kept per language: a switch of language reopens the first tab instead of losing track."""
    return st.tabs(labels, key=f"{key}_{L.code}", on_change="rerun")


def table_on_demand(label: str, key: str, build) -> None:
    """A table behind an expander, built by ``build()`` only while the expander is open: until a reader
    asks for it, it costs nothing, not even the data grid's JavaScript."""
    expander = st.expander(label, key=key, on_change="rerun")
    if expander.open:
        with expander:
            st.dataframe(build(), hide_index=True)


def source_caption(L: Language, source: str, where=st) -> None:
    """A row's citation under what it supports; shown as typed, never as markdown (it may come from an upload)."""
    where.caption(plain(L.source(source)))


def notes(pkg: Package, page: str, L: Language) -> None:
    """The statement's own sentences that a page's charts need as context (notes.csv)."""
    table = pkg.table("notes")
    if table is None:
        return
    for note in table[table["page"] == page].itertuples():
        with st.container(border=True):
            st.markdown(plain(getattr(note, L.column("text"))))
            source_caption(L, note.source)


def figure_cards(figures, L: Language, per_row: int = 3) -> None:
    """Facts as large figures in bordered cards, label above and source beneath (readable on a projector)."""
    for start in range(0, len(figures), per_row):
        for column, fact in zip(st.columns(per_row), figures[start:start + per_row]):
            with column.container(border=True):
                st.text(fact.label(L))
                st.header(fact.display(L), anchor=False)
                st.caption(plain(L.source(fact.source)), help=plain(fact.quote_kk) or None)


def missing_table(L: Language, table: str) -> None:
    st.info(L("common.missing_table", table=table))


def problems_table(problems, L: Language) -> None:
    """Every problem as a row: file, row, column, value, what is wrong, how to fix it, in L's language
    (shown as text; the value exactly as found in the file)."""
    rows = []
    for p in problems:
        row = p.as_dict(L)
        if row["file"] == UPLOADED:  # files given together, not one named file
            row["file"] = L("data.uploaded_files")
        # Blank, not "None", where a problem has no row or column (a missing file, a bad zip); rows as 3, not 3.0.
        rows.append({k: "" if v is None else str(v) for k, v in row.items()})
    frame = pd.DataFrame(rows, columns=list(PROBLEM_WIDTHS))
    frame = frame.rename(columns={c: L(f"common.problem_{c}") for c in frame.columns})
    # Rows tall enough for the grid to wrap text, and room for the sentences: a fix cut off mid-word helps nobody.
    config = {L(f"common.problem_{c}"): st.column_config.TextColumn(width=w) for c, w in PROBLEM_WIDTHS.items() if w}
    st.dataframe(frame, hide_index=True, column_config=config, row_height=PROBLEM_ROW_HEIGHT)


PROBLEM_WIDTHS = {"file": 125, "row": 60, "column": 100, "value": 145, "message": 225, "fix": 285}  # pixels, in all 940
PROBLEM_ROW_HEIGHT = 110  # five lines of text; above 64 px the grid wraps text
