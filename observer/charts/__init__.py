"""Chart builders: pure functions from DataFrames to plotly Figures. No Streamlit here."""
