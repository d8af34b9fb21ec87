"""Observer dashboard: `streamlit run dashboard.py` (add `-- --data PATH` for another package).

The page scripts live in views/, not pages/: a folder named pages/ makes Streamlit start the first
session after a restart in its old multipage mode, which greets a deep link with "Page not found".
"""

import streamlit as st

import ui

# An emoji favicon is drawn inline; a :material/...: one is fetched from fonts.gstatic.com (fails offline).
st.set_page_config(page_title="Observer", page_icon="🗳️", layout="wide")

ui.forget_links()
L = ui.language_picker()
pages = [
    st.Page("views/overview.py", title=L("common.page_overview"), icon=":material/dashboard:", url_path="overview", default=True),
    st.Page("views/tv_coverage.py", title=L("common.page_tv"), icon=":material/live_tv:", url_path="tv-coverage"),
    st.Page("views/campaign_finance.py", title=L("common.page_finance"), icon=":material/payments:", url_path="campaign-finance"),
    st.Page("views/candidates.py", title=L("common.page_candidates"), icon=":material/groups:", url_path="candidates"),
    st.Page("views/data_sources.py", title=L("common.page_data"), icon=":material/table:", url_path="data"),
]
presentation = st.Page("views/present.py", title=L("present.toggle"), icon=":material/slideshow:",
                       url_path="present", visibility="hidden")
page = st.navigation(pages + [presentation])
# Presentation mode: the sidebar button, or present=1 in any link.
if st.sidebar.button(L("present.toggle"), icon=":material/slideshow:", help=L("present.toggle_help"), width="stretch") \
        or (st.query_params.get("present") == "1" and page.url_path != "present"):
    st.switch_page(presentation, query_params={k: v for k, v in st.query_params.items() if k in ("lang", "slide")})
page.run()
ui.write_link()
