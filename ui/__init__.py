"""Streamlit wiring shared by the pages, as a small package. Everything computed lives in the observer
library; the pages (views/) are thin scripts over these helpers.

- ``session``: which package this browser session shows (its upload, else the started one);
- ``language``: the reader's language; ``links``: selections in the address;
- ``pages``: the one list of pages; ``chrome``: static CSS;
- ``figures``: charts from the catalogue of figures, cached with their package;
- ``widgets``: charts, sources, notes, cards and problems on the page; ``text``: data shown as text.
"""

from __future__ import annotations

import streamlit as st

from observer import Package, PackageError
from observer.catalogue import Inputs
from ui import pages, period
from ui.chrome import page_chrome, presentation_chrome, uploader_in_language
from ui.figures import draw, figure, untitled
from ui.language import language, language_picker
from ui.links import forget_links, link_state
from ui.links import write_link as _write_link
from ui.session import (UPLOAD_NAMES, UPLOAD_PROBLEMS, UPLOADED_PACKAGE, data_path, described, is_uploaded,
                        load_upload, on_upload, package_label, use_started_package)
from ui.session import current as _current
from ui.session import uploaded as _uploaded
from ui.text import plain, sentence
from ui.widgets import (chart, figure_cards, figure_list, lazy_tabs, missing_table, notes, problems_table, source_caption,
                        table_on_demand)


def package() -> Package:
    """The package this session shows; if the started one cannot be loaded, a table of what is wrong with
    it (and the page stops there)."""
    mine = _uploaded()
    if mine is not None:
        L = language()
        st.sidebar.caption(plain(L("data.sidebar_uploaded", name=package_label(mine, L))))
        return mine
    try:
        return _current()
    except PackageError as error:
        L = language()
        st.error(L("common.load_failed"))
        problems_table(error.problems, L)
        st.stop()


def inputs(pkg: Package | None = None) -> Inputs:
    """What the catalogue's charts and the findings read from this session's package, in its language."""
    return Inputs(pkg if pkg is not None else package(), language())


def page_inputs(title_key: str) -> Inputs:
    """A page's start: this session's package in the reader's language, under the page's title."""
    found = inputs()
    st.title(found.L(title_key))
    return found


def write_link() -> None:
    _write_link(lambda params: language()("common.bad_link", params=params))


__all__ = ["UPLOAD_NAMES", "UPLOAD_PROBLEMS", "UPLOADED_PACKAGE", "chart", "data_path", "described", "draw",
           "figure", "figure_cards", "figure_list", "forget_links", "inputs", "is_uploaded", "language", "language_picker",
           "lazy_tabs", "link_state", "page_inputs", "load_upload", "missing_table", "notes", "on_upload", "package",
           "package_label", "page_chrome", "pages", "period", "plain", "presentation_chrome", "problems_table",
           "sentence", "source_caption", "table_on_demand", "untitled", "uploader_in_language", "use_started_package", "write_link"]
