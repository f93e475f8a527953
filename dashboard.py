"""Entrypoint: page set-up, the one filter panel, and the router. Pages live in app_pages/
(not pages/: see README)."""

from pathlib import Path

import streamlit as st

from components.filter_panel import filter_panel, link_notices
from components.frame import data_problems
from components.record_data import filtered, loaded
from components.view import View, publish

HERE = Path(__file__).parent

st.set_page_config(
    page_title="Belarus · EU · Ukraine measures",
    page_icon="⚖️",
    layout="wide",
    initial_sidebar_state="auto",
)

PAGES = [
    st.Page(HERE / "app_pages/overview.py", title="Overview", icon=":material/dashboard:", url_path="overview", default=True),
    st.Page(HERE / "app_pages/timeline.py", title="Timeline", icon=":material/timeline:", url_path="timeline"),
    st.Page(HERE / "app_pages/matrix.py", title="Matrix", icon=":material/grid_on:", url_path="matrix"),
    st.Page(HERE / "app_pages/dynamics.py", title="Dynamics", icon=":material/swap_horiz:", url_path="dynamics"),
    st.Page(HERE / "app_pages/article.py", title="Article", icon=":material/article:", url_path="article"),
    st.Page(HERE / "app_pages/explorer.py", title="Explorer", icon=":material/table_rows:", url_path="explorer"),
    st.Page(HERE / "app_pages/about.py", title="About", icon=":material/info:", url_path="about"),
]

page = st.navigation(PAGES, position="top")
data = loaded()
filters = filter_panel(data)
data_problems(data.record)
link_notices()
publish(View(data, filters, filtered(data, filters), page.title))
page.run()
