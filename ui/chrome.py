"""Static CSS for the page chrome. No text from data ever reaches it."""

from __future__ import annotations

import json

import streamlit as st

from observer.i18n import Language

# Presentation mode: hide the sidebar and Streamlit's own chrome, use the whole 1280x720 screen and
# enlarge the text for the back of the room. The controls bar is pinned to the foot of the screen, so the
# buttons are in the same place on every slide whatever the heading's length (a clicker's press and a
# click in place never miss); the slide's body keeps clear of it. The padding's selector outweighs every
# page's own (page_chrome), whichever comes later in the page. Headings' lines are balanced, so none ends
# with one word on its own ('election.'); balancing never adds a line, so views.present's estimate holds.
PRESENTATION_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
[data-testid="stMain"] [data-testid="stMainBlockContainer"] { padding: 16px 40px 84px !important; max-width: 100% !important; }
.st-key-present_slide_body h1 { font-size: 2.6rem !important; line-height: 1.2 !important; padding: 2.5rem 0 1rem !important; }
.st-key-present_slide_body h2 { font-size: 34px !important; line-height: 1.22 !important; padding: 0 !important; }
.st-key-present_slide_body h1, .st-key-present_slide_body h2 { text-wrap: balance; }
.st-key-present_slide_body p, .st-key-present_slide_body li { font-size: 1.35rem !important; }
.st-key-present_slide_body [data-testid="stCaptionContainer"] p { font-size: 1.2rem !important; }
.st-key-present_controls { position: fixed !important; left: 0; right: 0; bottom: 0; height: 72px; z-index: 999990;
  padding: 0 40px !important; background: #ffffff; border-top: 1px solid #d9d9d9; }
.st-key-present_controls p { font-size: 1.25rem !important; }
.st-key-present_controls [data-testid="stMarkdownContainer"] p { margin: 0 !important; }
.st-key-present_hidden { display: none !important; }
</style>"""


def presentation_chrome() -> None:
    st.markdown(PRESENTATION_CSS, unsafe_allow_html=True)


def uploader_in_language(L: Language) -> None:
    """Streamlit's file uploader has fixed English text ('Upload', '20MB per file • CSV, …'): hide the
    instructions (the widget's label already names the files and the size limit) and relabel the button
    from the catalogue. Static CSS with a catalogue string; nothing from the data reaches it."""
    label = json.dumps(L("data.upload_button"), ensure_ascii=False)  # a quoted CSS string
    button = '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]'
    st.markdown(f"<style>[data-testid='stFileUploaderDropzoneInstructions'], {button} p {{ display: none; }} "
                f"{button}::after {{ content: {label}; }}</style>", unsafe_allow_html=True)


# Every page: less empty space above the title than Streamlit's 6rem, so a page's key chart reaches the
# first screen of a 1280x720 projector. A row of many tabs (the log's nine views) wraps onto a second line
# instead of scrolling sideways, where a presenter would not see the last ones; Streamlit's sliding
# underline cannot follow a wrapped row, so the open tab is underlined itself.
# A figure card's value shrinks with its card (container query units), so three cards to a row at 768 px keep
# 'примерно 44' on one line; 2.25rem is Streamlit's own size for it, reached from a card of 260 px.
PAGE_CSS = """<style>
[data-testid="stMainBlockContainer"] { padding-top: 1.75rem !important; }
[data-testid="stTabs"] [role="tablist"] { flex-wrap: wrap; overflow-x: visible; }
[data-testid="stTabs"] [data-baseweb="tab-highlight"] { display: none; }
[data-testid="stTabs"] [role="tab"][aria-selected="true"] { box-shadow: inset 0 -3px 0 currentColor; }
[class*="st-key-figure_card_"] { container-type: inline-size; }
[class*="st-key-figure_card_"] h2 { font-size: clamp(1.5rem, 14cqi, 2.25rem) !important; }
</style>"""


def page_chrome(*, home_by_name: bool = False) -> None:
    st.markdown(PAGE_CSS + (HOME_BY_NAME_CSS if home_by_name else ""), unsafe_allow_html=True)


# At /overview the home page runs as its alias (see dashboard.py), which the menu does not count as any of
# its items: the home item (the one link to /) gets the look Streamlit 1.67 gives the current page's item.
HOME_BY_NAME_CSS = """<style>
[data-testid="stSidebarNavLink"][href$="/"] { background-color: rgba(169, 169, 162, 0.25); }
[data-testid="stSidebarNavLink"][href$="/"] span { color: #2f2d2b; font-weight: 600; }
</style>"""
