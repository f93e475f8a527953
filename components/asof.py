"""The `asof` control: a day on which to ask what was in force; kept across the pages that use it."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from components.text import md_escape
from record.filters import DATE_MAX, DATE_MIN
from record.life import STATUS_LABELS
from record.link import parse_day

WIDGET = "asof_widget"
LAST = "_asof"  # survives pages without the control, so the day is kept when the reader comes back


def _sync_from_link() -> None:
    raw = st.query_params.get_all("asof")
    if raw:
        day, notice = parse_day("asof", raw[0])
        if notice:
            st.warning(md_escape(notice), icon=":material/warning:")
        if day != st.session_state.get(LAST) or WIDGET not in st.session_state:
            st.session_state[LAST] = day
            st.session_state[WIDGET] = day
    elif WIDGET not in st.session_state:
        st.session_state[WIDGET] = st.session_state.get(LAST)


def asof_control() -> date | None:
    """A day from `?asof=` (or the day picked on another page); a bad value is named and dropped."""
    _sync_from_link()
    narrow, _ = st.columns([1, 2])
    day = narrow.date_input(
        "As of (what was in force on this day)", key=WIDGET,
        min_value=DATE_MIN, max_value=DATE_MAX, format="YYYY-MM-DD",
        help="Leave empty for the date range of the filters. With a day, counts and lists show what was in force "
             "that day, whatever the From/To dates; lifted and expired measures are listed as such.",
    )
    st.session_state[LAST] = day
    if day is None:
        if "asof" in st.query_params:
            del st.query_params["asof"]
    elif st.query_params.get("asof") != day.isoformat():
        st.query_params["asof"] = day.isoformat()
    return day


def status_table(rows: pd.DataFrame, *, key: str) -> None:
    """Measures with their status on the as-of day, in force first, ended ones kept and marked."""
    order = {k: i for i, k in enumerate(STATUS_LABELS)}
    table = rows.assign(
        status_label=rows["status"].map(STATUS_LABELS), _order=rows["status"].map(order)
    ).sort_values(["_order", "date"], ascending=[True, False])
    st.dataframe(
        table[["status_label", "date", "in_force", "last_day", "actor_name", "targets_text", "title", "type_label", "id"]],
        hide_index=True, placeholder="", width="stretch", key=key,
        column_config={
            "status_label": st.column_config.TextColumn("Status that day"),
            "date": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
            "in_force": st.column_config.DateColumn("In force", format="YYYY-MM-DD"),
            "last_day": st.column_config.DateColumn("Last day", format="YYYY-MM-DD", help="end, else the last term"),
            "actor_name": "Actor", "targets_text": "Targets",
            "title": st.column_config.TextColumn("Measure", width="large"),
            "type_label": "Type", "id": "id",
        },
    )
