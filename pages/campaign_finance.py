import streamlit as st

import ui

pkg = ui.package()
L = ui.language()
st.title(L("common.page_finance"))
st.dataframe(pkg.table("finance"), hide_index=True)
