"""The floor for bench/run.py: bare Streamlit with one Plotly bar chart and a radio that changes its data.
No Streamlit dashboard can load, redraw or serve a page faster than this on the same machine.

    .venv/bin/streamlit run bench/bare_app.py
"""

import plotly.graph_objects as go
import streamlit as st

DATA = {"A": [12, 7, 4, 3, 1], "B": [5, 9, 6, 2, 8]}

st.title("Bare Streamlit")
choice = st.radio("Data", list(DATA), horizontal=True, key="measure")
fig = go.Figure(go.Bar(x=["one", "two", "three", "four", "five"], y=DATA[choice]))
st.plotly_chart(fig, key="chart")
