"""The one way the pages show text that comes from a data package: as typed, never as markdown or HTML."""

from observer.slides import keep_together
from observer.text import for_markdown

plain = for_markdown  # the pages' short name for it: st.markdown(ui.plain(name))


def sentence(text) -> str:
    """A finding's sentence as plain text that, like the slides' headings, does not break between a number and
    the word after it ('315 / million', '98 / мандаттың') or leave a short last word alone on its line."""
    return for_markdown(keep_together(str(text)))
