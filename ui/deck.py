"""Presentation mode's machinery: which slide the address names, one browser history entry per slide,
the keys a clicker sends, and the controls bar.

History. Streamlit 1.67's frontend pushes one history entry whenever a script run changes the query
string, and replaces the entry instead when the run was started by Back or Forward; Back and Forward
rerun the page with that entry's query string. So the deck keeps ``slide=N`` in the address (one change
per step, so one entry per slide) and, at the start of each run, follows the address when it differs
from what the deck last wrote there: that is Back, Forward or an edited link. Slide 1 is left out of the
address until the reader steps on, so that Back from slide 1 leaves the deck at once instead of first
going to the same slide without ``slide=1``. A switch of language is a step too: Back returns to the
previous language on the same slide.

Keys. Streamlit buttons take one keyboard shortcut each; a clicker sends PageDown/PageUp, people use the
arrows, Space, Home and End. A few lines of script in the page itself (st.html with JavaScript; nothing is
fetched) listen for those keys and click the deck's own buttons, so a key does exactly what a click does.
The listener ignores keys typed into a field or with a modifier, and removes itself once the deck's
buttons are gone (another page), where Space and PageDown must scroll again.
"""

from __future__ import annotations

import streamlit as st

from observer.i18n import Language, available_languages
from ui import links

PARAM = "slide"
KEY = "present_slide"
WRITTEN = "_present_address"       # the slide the address holds after the deck's last run (None: no slide=)
WRITTEN_LANG = "_present_address_lang"
# Each language's button, in that language, as a reader looks for it whatever the slides are in.
LANGUAGE_BUTTONS = {"kk": "ҚАЗ", "ru": "РУС", "en": "EN"}

# Keys and the button each one clicks (button keys: .st-key-<key> in the page).
KEYS = {"ArrowRight": "present_next", "PageDown": "present_next", " ": "present_next",
        "ArrowLeft": "present_previous", "PageUp": "present_previous",
        "Home": "present_first", "End": "present_last"}

KEYS_JS = """<script>
(() => {
  const doc = window.document, keys = %s;
  if (window.__observerDeckKeys) doc.removeEventListener('keydown', window.__observerDeckKeys, true);
  const onKey = (e) => {
    if (!doc.querySelector('.st-key-present_next')) {   // left the deck: keys do what they usually do
      doc.removeEventListener('keydown', onKey, true);
      window.__observerDeckKeys = null;
      return;
    }
    const target = keys[e.key];
    if (!target || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    const t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    e.preventDefault();          // no scrolling, and Space does not also press a focused button
    e.stopPropagation();
    if (e.repeat) return;
    const button = doc.querySelector('.st-key-' + target + ' button');
    if (button && !button.disabled) button.click();
  };
  window.__observerDeckKeys = onKey;
  doc.addEventListener('keydown', onKey, true);
})();
</script>"""


def current(total: int) -> int:
    """The slide to show, 1 to ``total``: from the address on opening and after Back/Forward, else the
    deck's own (the buttons' callbacks set it)."""
    options = [str(n) for n in range(1, total + 1)]
    state = st.session_state
    raw = st.query_params.get(PARAM)
    if KEY not in state or WRITTEN not in state:
        if raw is not None and raw not in options:
            links.bad_params().append(PARAM)
        state[KEY] = raw if raw in options else "1"
    elif raw != state[WRITTEN] and (raw is None or raw in options):
        state[KEY] = raw or "1"
    state[KEY] = str(min(max(int(state[KEY]), 1), total))
    if state[KEY] != "1" or raw is not None:
        links.linked()[PARAM] = KEY
    state[WRITTEN] = state[KEY] if PARAM in links.linked() else None
    return int(state[KEY])


def follow_language() -> None:
    """Back or Forward over a switch of language: the language the address names, on the same slide.
    The language picker reads the address when the session has no language, so the session's is
    forgotten and the page runs again."""
    state = st.session_state
    raw = st.query_params.get("lang")
    written = state.get(WRITTEN_LANG)
    if written is not None and raw != written and raw in available_languages() and raw != state.get("lang"):
        state[WRITTEN_LANG] = raw
        del state["lang"]
        st.rerun()
    state[WRITTEN_LANG] = state.get("lang")


def _go(where: str, total: int) -> None:
    number = int(st.session_state[KEY])  # the current slide, not the one the button was drawn on
    st.session_state[KEY] = str({"next": min(number + 1, total), "previous": max(number - 1, 1),
                                 "first": 1, "last": total}[where])


def _speak(code: str) -> None:
    st.session_state["lang"] = code


def controls(number: int, total: int, L: Language, leave) -> None:
    """The bar pinned to the foot of every slide: previous, where we are, next, the language, exit."""
    import json

    with st.container(key="present_controls", horizontal=True, vertical_alignment="center", gap="small"):
        st.button(L("present.previous"), icon=":material/arrow_back:", on_click=_go, args=("previous", total),
                  disabled=number == 1, key="present_previous", width=190)
        with st.container(key="present_counter", width=150):
            st.markdown(L("present.counter", number=L.number(number), total=L.number(total)), text_alignment="center")
        st.button(L("present.next"), icon=":material/arrow_forward:", on_click=_go, args=("next", total),
                  disabled=number == total, type="primary", key="present_next", width=190)
        st.space("stretch")
        languages = available_languages()
        for code in [c for c in LANGUAGE_BUTTONS if c in languages] + [c for c in languages if c not in LANGUAGE_BUTTONS]:
            st.button(LANGUAGE_BUTTONS.get(code, code.upper()), on_click=_speak, args=(code,), key=f"present_lang_{code}",
                      type="primary" if code == L.code else "secondary", width=86,
                      help=languages[code])
        st.space("small")
        if st.button(L("present.exit"), icon=":material/close_fullscreen:", key="present_exit", width=140):
            leave()
    with st.container(key="present_hidden"):
        st.button(L("present.first"), on_click=_go, args=("first", total), key="present_first")
        st.button(L("present.last"), on_click=_go, args=("last", total), key="present_last")
        st.html(KEYS_JS % json.dumps(KEYS), unsafe_allow_javascript=True)
