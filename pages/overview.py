import streamlit as st

import ui

pkg = ui.package()
L = ui.language()
st.title(L("common.page_overview"))
st.dataframe(pkg.table("facts"), hide_index=True)
