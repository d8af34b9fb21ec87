"""The dashboard's pages, listed once: the navigation, the findings' links and the tests read this list.

The library names a page by its id (``tv``); only this module knows which script draws it and at which
address. Scripts live in views/, not pages/: a folder named pages/ makes Streamlit start the first session
after a restart in its old multipage mode, which greets a deep link with "Page not found".
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    id: str
    script: str
    url_path: str
    icon: str
    in_menu: bool = True
    title: str = ""  # its name's catalogue key, where it is not common.page_<id>

    @property
    def title_key(self) -> str:
        return self.title or f"common.page_{self.id}"


PAGES: tuple[Page, ...] = (
    Page("overview", "views/overview.py", "overview", ":material/dashboard:"),
    Page("tv", "views/tv_coverage.py", "tv-coverage", ":material/live_tv:"),
    Page("finance", "views/campaign_finance.py", "campaign-finance", ":material/payments:"),
    Page("candidates", "views/candidates.py", "candidates", ":material/groups:"),
    Page("process", "views/election_process.py", "election-process", ":material/how_to_vote:"),
    Page("data", "views/data_sources.py", "data", ":material/table:"),
    Page("present", "views/present.py", "present", ":material/slideshow:", in_menu=False, title="present.toggle"),
)
BY_ID = {page.id: page for page in PAGES}
HOME = PAGES[0]
HOME_RESERVED = "home"  # the pathname the default page reserves; / and /overview are how it is opened
PRESENT = BY_ID["present"]


def script(page_id: str) -> str:
    return BY_ID[page_id].script
