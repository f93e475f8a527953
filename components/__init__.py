"""Streamlit UI pieces shared by the pages."""
