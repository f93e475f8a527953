"""The top of every page: its title, what it answers, how fresh the record is, and which
filters are active (with a way to clear them)."""

from __future__ import annotations

import streamlit as st

from components.filter_panel import reset_filters
from components.text import md_escape
from components.view import current
from record.cite import describe_filters


def heading(title: str, caption: str) -> None:
    view = current()
    data = view.data
    st.header(title, anchor=False)
    st.caption(
        f"{md_escape(caption)}  \n"
        f"The record covers {data.first.isoformat()} to {data.last.isoformat()} (latest measure dated "
        f"{data.last.isoformat()}); data version {md_escape(data.record.version)}."
    )
    left, right = st.columns([5, 1], vertical_alignment="center")
    left.markdown(f":small[:material/filter_alt: **Showing:** {md_escape(describe_filters(view.filters))}]")
    if view.filters != data.defaults and not st.context.is_embedded:
        right.button("Clear filters", key="head_clear", on_click=reset_filters, args=(data.defaults,),
                     icon=":material/filter_alt_off:", width="stretch")
