import streamlit as st

import ui

pkg = ui.package()
L = ui.language()
st.title(L("common.page_tv"))
st.dataframe(pkg.table("tv_coverage"), hide_index=True)
