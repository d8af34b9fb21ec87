"""The one way the pages show text that comes from a data package: as typed, never as markdown or HTML."""

from observer.text import for_markdown

plain = for_markdown  # the pages' short name for it: st.markdown(ui.plain(name))
