"""Static CSS for the page chrome. No text from data ever reaches it."""

from __future__ import annotations

import json

import streamlit as st

from observer.i18n import Language

# Presentation mode: hide the sidebar and Streamlit's own chrome, use the whole 1280x720 screen and
# enlarge the text for the back of the room.
PRESENTATION_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 1.2rem 2.5rem 0.5rem !important; max-width: 100% !important; }
[data-testid="stMarkdownContainer"] h2 { font-size: 1.85rem !important; line-height: 1.25 !important; padding-top: 0 !important; }
[data-testid="stMarkdownContainer"] p, button p { font-size: 1.25rem !important; }
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
