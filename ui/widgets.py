"""How charts, sources, notes, figures and problems are shown; every text from data through ui.text."""

from __future__ import annotations

import hashlib
import re

import pandas as pd
import streamlit as st

from observer.charts.style import export_config
from observer.i18n import Language
from observer.package import UPLOADED
from ui.text import plain


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


def notes(pkg, page: str, L: Language) -> None:
    """The statement's own sentences that a page's charts need as context (notes.csv)."""
    table = pkg.table("notes")
    if table is None:
        return
    for note in table[table["page"] == page].itertuples():
        with st.container(border=True):
            st.markdown(plain(getattr(note, L.column("text"))))
            source_caption(L, note.source)


def figure_cards(figures, L: Language, per_row: int = 3, shown: dict[str, str] | None = None) -> None:
    """Facts as large figures in bordered cards, label above and source beneath (readable on a projector);
    ``shown`` gives a fact's figure as the page words it instead ("2 of 7")."""
    shown = shown or {}
    for start in range(0, len(figures), per_row):
        for column, fact in zip(st.columns(per_row), figures[start:start + per_row]):
            with column.container(border=True, key=_card_key(fact.fact)):
                st.text(fact.label(L))
                st.header(shown.get(fact.fact) or fact.display(L), anchor=False)
                st.caption(plain(L.source(fact.source)), help=plain(fact.quote_kk) or None)


def _card_key(fact_id) -> str:
    """A figure card's key: it gives the card the class ui.chrome sizes its figure by. An id from an upload may
    hold any character: the class keeps letters and digits, and a hash of the whole id keeps two ids that
    differ only elsewhere ('a.b', 'a_b') apart."""
    text = str(fact_id)
    return f"figure_card_{re.sub(r'[^A-Za-z0-9]', '_', text)[:40]}_{hashlib.sha256(text.encode()).hexdigest()[:8]}"


def figure_list(figures, L: Language) -> None:
    """Facts as a compact list beside a chart: the figure and its label on one line, the citation beneath
    (the statement's sentence on hovering it)."""
    for fact in figures:
        st.markdown(f"**{plain(fact.display(L))}** · {plain(fact.label(L))}")
        st.caption(plain(L.source(fact.source)), help=plain(fact.quote_kk) or None)


def missing_table(L: Language, table: str) -> None:
    st.info(L("common.missing_table", table=table))  # a file name from the code, not from the data


PROBLEM_WIDTHS = {"file": 125, "row": 60, "column": 100, "value": 145, "message": 225, "fix": 285}  # pixels, in all 940
PROBLEM_ROW_HEIGHT = 110  # five lines of text; above 64 px the grid wraps text


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
