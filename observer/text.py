"""Text from a data package, made safe for where it is shown: it always reads exactly as typed.

Streamlit renders markdown (links, images, emphasis, ``:red[...]`` colours, ``:emoji:`` codes, LaTeX) and
Plotly renders a subset of HTML in every chart text (``<a href>``, ``<b>``, ``<br>``). Names, labels,
sources and notes come from files anyone may upload, so every one of them passes through one of these
two functions on its way to the screen, the HTML pack or the slides.
"""

from __future__ import annotations

import re

import pandas as pd

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")
# Streamlit's markdown turns web addresses into links after escapes are read (GFM autolink literals:
# https://..., www.x.org, a@b.org), so backslashes cannot stop it: an invisible WORD JOINER (U+2060) after
# the scheme, the "www" or the "@" breaks the pattern and the text still reads as typed.
_AUTOLINK = re.compile(r"(?i)(\b(?:https?|ftp|mailto|www)(?=[:.])|@)")
WORD_JOINER = "\u2060"


def for_markdown(text) -> str:
    """Every markdown character escaped and every web address unlinked, so Streamlit shows the text as
    typed; line breaks become spaces (HTML is never rendered: no unsafe_allow_html with data anywhere)."""
    unlinked = _AUTOLINK.sub(lambda m: m.group(1) + WORD_JOINER, str(text))
    return _MARKDOWN.sub(r"\\\1", unlinked).replace("\r", " ").replace("\n", " ")


def for_plotly(text: str) -> str:
    """``&``, ``<`` and ``>`` as entities: Plotly shows the characters instead of reading markup."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def frame_for_plotly(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of a table whose text cells are safe to hand to a chart builder (ids are untouched:
    the contract's id pattern allows no markup characters)."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column].dtype):
            if isinstance(out[column].dtype, pd.CategoricalDtype):
                continue
            out[column] = out[column].map(lambda v: for_plotly(v) if isinstance(v, str) else v)
    return out
