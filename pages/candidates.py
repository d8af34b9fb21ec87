import streamlit as st

import ui

pkg = ui.package()
L = ui.language()
st.title(L("common.page_candidates"))
st.dataframe(pkg.table("candidates"), hide_index=True)
