"""The record of measures: its model, loading and validation. No Streamlit here."""
