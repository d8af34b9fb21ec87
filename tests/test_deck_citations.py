"""The sources slide names each section once, with its paragraphs and footnotes after it."""

import plotly.graph_objects as go

from observer.i18n import Language
from observer.slides import deck_citations


def figure(source: str) -> go.Figure:
    return go.Figure(layout={"meta": {"source": source}})


def test_citations_of_one_section_share_its_name_in_slide_order():
    figures = [figure("«Науқанды Қаржыландыру» (Campaign finance), paragraph 3, footnote 41"),
               figure("«БАҚ» (Media), paragraph 6"),
               figure("«Науқанды Қаржыландыру» (Campaign finance), paragraph 1; «БАҚ» (Media), paragraph 6"),
               figure("Outside the statement: Central Election Commission")]
    assert deck_citations(figures, Language("kk")) == [
        "«Науқанды Қаржыландыру» бөлімі, 3‑азат\u00a0жол, 41‑ескертпе; 1‑азат\u00a0жол",
        "«БАҚ» бөлімі, 6‑азат\u00a0жол",
        Language("kk").citation("Outside the statement: Central Election Commission")]
    assert deck_citations(figures[:2], Language("en")) == [
        "«Науқанды Қаржыландыру» (Campaign finance), paragraph 3, footnote 41", "«БАҚ» (Media), paragraph 6"]
