"""The reader's language: from the link's ?lang=, else the browser's locale, else English; kept per session."""

from __future__ import annotations

import streamlit as st

from observer import PackageError
from observer.i18n import DEFAULT_LANGUAGE, Language, available_languages, source_titles
from ui import links, session


def language() -> Language:
    code = st.session_state.get("lang", DEFAULT_LANGUAGE)
    return Language(code, source_titles=_source_titles(code))


def _source_titles(code: str) -> dict[str, str]:
    """English titles of the shown package's outside sources mapped to this language's (title_kk, title_ru)."""
    try:
        pkg = session.current()
    except PackageError:
        return {}
    return source_titles(pkg.descriptor, code, pkg.tables.get("facts"))


def language_picker() -> Language:
    languages = available_languages()
    if "lang" not in st.session_state:
        requested = st.query_params.get("lang")
        browser = (st.context.locale or "").split("-")[0].lower()
        st.session_state["lang"] = next(c for c in (requested, browser, DEFAULT_LANGUAGE) if c in languages)
        if requested and requested not in languages:
            links.bad_params().append("lang")
    elif links.history_navigation() and st.query_params.get("lang") in languages:
        # Back or Forward over a switch of language: the language of the entry, not the session's last.
        st.session_state["lang"] = st.query_params.get("lang")
    st.sidebar.selectbox(language()("common.language"), list(languages), key="lang", format_func=languages.get)
    links.linked()["lang"] = "lang"
    return language()
