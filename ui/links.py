"""Shareable links: a page's selections live in the URL's query parameters, so a presenter can prepare a
link to each view. link_state() reads a parameter before the widget is drawn, on the page's first run
and after Back or Forward; write_link() puts every linked widget's current value back into the URL after
the page ran; switch_page() changes page from the script at the cost of one entry.

History: one view, one entry. Streamlit 1.67's frontend pushes a history entry whenever a run changes the
query string (and replaces it instead when Back or Forward started the run). A change of page pushes one of
its own first: the new page's path with no query string, before the page has run. Written the usual way,
the new page's parameters would then push a second entry, and Back would stop on the bare path (the same
page) before reaching the page before. So on the first run of a page, the link is written over the entry
the navigation made (history.replaceState, in a few lines of script in the page); within a page, each
change of selection is an entry of its own, as before. (Widgets bound with ``bind="query-params"`` are
no help: the frontend writes them with replaceState, so a change of selection would cost no entry at all,
and Back could not undo it.) After a link written over its entry, the frontend keeps reporting the
query string from before it until the next write; only switch_page() reads the address, and it knows."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

WRITTEN_PAGE = "_linked_page"   # the page whose link the last run wrote (its script's hash)
REPLACES = "_link_replaces"     # how many times a link was written over the entry: each script is new
ADDRESS = "_link_address"       # the parameters the address holds after the last run
BEFORE = "_link_before"         # after a link written over an entry: the parameters the frontend still reports

# Writes the query string over the current history entry, on the path the frontend has put there. The
# frontend reads the address back (location.search) for the next run of the page.
REPLACE_JS = """<script>
(() => {
  const query = %s, written = %d;
  // Once: a page's elements can be drawn again (a page left and come back to), and the script with them.
  const done = window.__observerLinksWritten = window.__observerLinksWritten || new Set();
  if (done.has(written)) return;
  done.add(written);
  const address = window.location.pathname + (query ? '?' + query : '') + window.location.hash;
  window.history.replaceState(window.history.state, '', address);
})();
</script>"""


def link_state(param: str, key: str, options: list, default, multi: bool = False) -> None:
    """The widget's value from the address: on the page's first run in the session, and when Back or
    Forward brought the reader to an entry of this page (the entry's selection, not the session's)."""
    linked()[param] = key
    back = key in st.session_state
    if back and not history_navigation():
        return
    raw = st.query_params.get(param)
    if raw is None:
        st.session_state[key] = default
        return
    values = [v for v in raw.split(",") if v] if multi else [raw]
    valid = [v for v in values if v in options]
    if len(valid) != len(values) or (not multi and not valid):
        if back:
            return  # an entry this session wrote holds none: keep the selection
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
    state = st.session_state
    page = _page()
    first_run = state.get(WRITTEN_PAGE) != page
    state[WRITTEN_PAGE] = page
    if wanted != st.query_params.to_dict():
        if first_run:
            state[BEFORE] = st.query_params.to_dict()
            _replace_address(wanted)
        else:
            state.pop(BEFORE, None)  # the frontend takes the address from this write
            st.query_params.from_dict(wanted)
    state[ADDRESS] = wanted
    bad = bad_params()
    if bad:
        st.toast(bad_link_message(", ".join(bad)), icon=":material/link_off:")
        bad.clear()


def history_navigation() -> bool:
    """Back or Forward started this run (the frontend then sends that entry's query string)."""
    ctx = get_script_run_ctx()
    return bool(ctx is not None and ctx.is_history_navigation)


def _page() -> str | None:
    """The page this run draws: its script's hash, which Streamlit's own page switch goes by."""
    ctx = get_script_run_ctx()
    return ctx.page_script_hash if ctx is not None else None


def _replace_address(wanted: dict) -> None:
    """The first run of a page (opened from a link, the sidebar, Back or Forward): the parameters are
    written over the entry the navigation made, so that the page costs one press of Back. The script's
    element is hidden (no gap at the foot of the page); a new count makes each one a new element, which
    the browser runs."""
    count = st.session_state[REPLACES] = st.session_state.get(REPLACES, 0) + 1
    with st.container(key="link_address"):
        st.html("<style>.st-key-link_address { display: none !important; }</style>"
                + REPLACE_JS % (json.dumps(urlencode(wanted)), count), unsafe_allow_javascript=True)


def switch_page(page) -> None:
    """st.switch_page, one entry in the history. Streamlit writes the switch's query parameters into the
    address on the page being left (an entry, when they differ from the address) before the new page's
    own entry: given the address's own parameters, it writes none, and the new page's first run puts its
    link over its entry (see write_link). So Back from the new page returns to the view left. The
    address's parameters are those the last run left there when the frontend still reports the ones
    from before a link written over its entry; otherwise those it reports (a link opened in this session)."""
    state, reported = st.session_state, st.query_params.to_dict()
    stale = BEFORE in state and reported == state[BEFORE]
    st.switch_page(page, query_params=state.get(ADDRESS, reported) if stale else reported)


def forget_links() -> None:
    """Each page links its own widgets: start every run with only the language linked."""
    linked().clear()


def linked() -> dict:
    return st.session_state.setdefault("_linked_params", {})


def bad_params() -> list:
    return st.session_state.setdefault("_bad_link_params", [])
