"""Figure builders: frames in, plotly figures out. No Streamlit, no URL."""
