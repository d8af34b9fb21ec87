"""Streamlit wiring shared by the pages: the cached package, the reader's language, and how charts,
sources, notes and problems are shown. Everything computed lives in the observer library."""

from __future__ import annotations

import argparse
import sys

import pandas as pd
import streamlit as st

from observer import Package, PackageError, load_package
from observer.charts.style import export_config
from observer.i18n import DEFAULT_LANGUAGE, Language, available_languages
from observer.package import BUNDLED_DATA


def data_path() -> str:
    """The package folder: `streamlit run dashboard.py -- --data PATH`, else the bundled data/."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--data", default=str(BUNDLED_DATA))
    known, _ = parser.parse_known_args(sys.argv[1:])
    return known.data


@st.cache_data(show_spinner=False)
def _load(path: str) -> Package:
    return load_package(path)  # once per process: st.cache_data keeps it across reruns and sessions


def package() -> Package:
    """The loaded package, or a table of what is wrong with it (and the page stops there)."""
    try:
        return _load(data_path())
    except PackageError as error:
        L = language()
        st.error(L("common.load_failed"))
        problems_table(error.problems, L)
        st.stop()


def language() -> Language:
    return Language(st.session_state.get("lang", DEFAULT_LANGUAGE))


def language_picker() -> Language:
    languages = available_languages()
    requested = st.query_params.get("lang")
    if "lang" not in st.session_state:
        st.session_state["lang"] = requested if requested in languages else DEFAULT_LANGUAGE
    st.sidebar.selectbox(language()("common.language"), list(languages), key="lang",
                         format_func=languages.get)
    return language()


def chart(fig, name: str, L: Language) -> None:
    # theme=None: show the figure exactly as built, so the screen, the PNG and the briefing pack agree.
    st.plotly_chart(fig, theme=None, config=export_config(name, L), key=f"chart-{name}")


def source_caption(L: Language, source: str, table: str) -> None:
    st.caption(f"{L.source(source)} · {L('common.table', table=table)}")


def notes(pkg: Package, page: str, L: Language) -> None:
    """The statement's own sentences that a page's charts need as context (notes.csv)."""
    table = pkg.table("notes")
    if table is None:
        return
    for note in table[table["page"] == page].itertuples():
        with st.container(border=True):
            st.markdown(getattr(note, L.column("text")), unsafe_allow_html=False)
            st.caption(L.source(note.source))


def figure_cards(figures, L: Language, per_row: int = 3) -> None:
    """Facts as large figures in bordered cards, label above and source beneath (readable on a projector)."""
    for start in range(0, len(figures), per_row):
        for column, fact in zip(st.columns(per_row), figures[start:start + per_row]):
            with column.container(border=True):
                st.text(fact.label(L))
                st.header(fact.display(L), anchor=False)
                st.caption(L.source(fact.source), help=fact.quote_kk or None)


def missing_table(L: Language, table: str) -> None:
    st.info(L("common.missing_table", table=table))


def problems_table(problems, L: Language) -> None:
    """Every problem as a row: file, row, column, value, what is wrong, how to fix it (shown as text)."""
    frame = pd.DataFrame([p.as_dict() for p in problems], columns=["file", "row", "column", "value", "message", "fix"])
    frame = frame.rename(columns={c: L(f"common.problem_{c}") for c in frame.columns})
    st.dataframe(frame, hide_index=True)
