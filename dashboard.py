"""Observer dashboard: `streamlit run dashboard.py` (add `-- --data PATH` for another package).

The pages are listed once, in ui/pages.py."""

import streamlit as st

import ui

# An emoji favicon is drawn inline; a :material/...: one is fetched from fonts.gstatic.com (fails offline).
st.set_page_config(page_title="Observer", page_icon="🗳️", layout="wide")

ui.forget_links()
L = ui.language_picker()
# The home page is served at /. A default page still reserves a pathname, which the frontend does not route
# to it ("Page not found" at /overview): it reserves an internal one, and its own name opens it as an alias.
navigation = {page.id: st.Page(page.script, title=L(page.title_key), icon=page.icon,
                               url_path=ui.pages.HOME_RESERVED if page is ui.pages.HOME else page.url_path,
                               default=page is ui.pages.HOME, visibility="visible" if page.in_menu else "hidden")
              for page in ui.pages.PAGES}
home_alias = st.Page(ui.pages.HOME.script, title=L(ui.pages.HOME.title_key), icon=ui.pages.HOME.icon,
                     url_path=ui.pages.HOME.url_path, visibility="hidden")
presentation = navigation[ui.pages.PRESENT.id]
page = st.navigation(list(navigation.values()) + [home_alias])
# Presentation mode: the sidebar button, or present=1 in any link.
if st.sidebar.button(L("present.toggle"), icon=":material/slideshow:", help=L("present.toggle_help"), width="stretch") \
        or (st.query_params.get("present") == "1" and page.url_path != ui.pages.PRESENT.url_path):
    ui.links.switch_page(presentation)  # the link's lang and slide go with it
if page.url_path != ui.pages.PRESENT.url_path:
    ui.page_chrome(home_by_name=page is home_alias)
page.run()
ui.write_link()
