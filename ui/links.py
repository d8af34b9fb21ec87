"""Shareable links: a page's selections live in the URL's query parameters, so a presenter can prepare a
link to each view. link_state() reads a parameter once per session, before the widget is drawn;
write_link() puts every linked widget's current value back into the URL after the page ran."""

from __future__ import annotations

import streamlit as st


def link_state(param: str, key: str, options: list, default, multi: bool = False) -> None:
    linked()[param] = key
    if key in st.session_state:
        return
    raw = st.query_params.get(param)
    if raw is None:
        st.session_state[key] = default
        return
    values = [v for v in raw.split(",") if v] if multi else [raw]
    valid = [v for v in values if v in options]
    if len(valid) != len(values) or (not multi and not valid):
        bad_params().append(param)
    st.session_state[key] = valid if multi else (valid[0] if valid else default)


def write_link(bad_link_message) -> None:
    """``bad_link_message(params)``: the notice for parameters that were not understood.

    The address is written in one step: each change of st.query_params is one entry in the browser's
    history, and a view must cost one press of Back, not one per selection."""
    wanted = {}
    for param, key in linked().items():
        value = st.session_state.get(key)
        if value is not None:
            wanted[param] = ",".join(map(str, value)) if isinstance(value, list) else str(value)
    # Parameters of the page the reader came from go; a parameter not understood stays out.
    if wanted != st.query_params.to_dict():
        st.query_params.from_dict(wanted)
    bad = bad_params()
    if bad:
        st.toast(bad_link_message(", ".join(bad)), icon=":material/link_off:")
        bad.clear()


def forget_links() -> None:
    """Each page links its own widgets: start every run with only the language linked."""
    linked().clear()


def linked() -> dict:
    return st.session_state.setdefault("_linked_params", {})


def bad_params() -> list:
    return st.session_state.setdefault("_bad_link_params", [])
