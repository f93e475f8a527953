"""The yardstick: a minimal Streamlit page with one filter and two plotly charts over the
same rows as the dashboard (read through the same loader, cached the same way)."""

from pathlib import Path

import plotly.express as px
import streamlit as st

from record.frames import build_frames
from record.load import data_dir_from_env, load_record


@st.cache_resource
def measures(data_dir: Path):
    return build_frames(load_record(data_dir).measures).measures


frame = measures(data_dir_from_env())
countries = st.multiselect("Countries", sorted(frame["actor_name"].unique()), key="country")
rows = frame[frame["actor_name"].isin(countries)] if countries else frame
st.plotly_chart(px.scatter(rows, x="date", y="actor_name", color="group_label", hover_name="title"), key="scatter")
st.plotly_chart(px.histogram(rows, x="date", color="direction"), key="histogram")
