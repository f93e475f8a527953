"""The `asof` control: a day on which to ask what was in force."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from components.text import md_escape
from record.filters import DATE_MAX, DATE_MIN, shown
from record.frames import STATUS_LABELS


def asof_control() -> date | None:
    """A date input bound to `?asof=`; a link value that is not a date is named and dropped."""
    raw = st.query_params.get_all("asof")
    if raw:
        try:
            day = date.fromisoformat(raw[0]) if len(raw[0]) == 10 else None
        except ValueError:
            day = None
        if day is None or not DATE_MIN <= day <= DATE_MAX:
            st.warning(md_escape(f"Dropped asof={shown(raw[0])!r}: not a date (YYYY-MM-DD) between "
                                 f"{DATE_MIN.year} and {DATE_MAX.year}."), icon=":material/warning:")
    narrow, _ = st.columns([1, 2])
    return narrow.date_input(
        "As of (what was in force on this day)", value=None, key="asof", bind="query-params",
        min_value=DATE_MIN, max_value=DATE_MAX, format="YYYY-MM-DD",
        help="Leave empty for the date range of the filters. With a day, counts and lists show what was in force "
             "that day, whatever the From/To dates; lifted and expired measures are listed as ended.",
    )


def status_table(rows: pd.DataFrame, *, key: str) -> None:
    """Measures with their status on the as-of day, in force first, ended ones kept and marked."""
    order = {k: i for i, k in enumerate(STATUS_LABELS)}
    table = rows.assign(
        status_label=rows["status"].map(STATUS_LABELS), _order=rows["status"].map(order)
    ).sort_values(["_order", "date"], ascending=[True, False])
    st.dataframe(
        table[["status_label", "date", "in_force", "end", "actor_name", "targets_text", "title", "type_label", "id"]],
        hide_index=True, width="stretch", key=key,
        column_config={
            "status_label": st.column_config.TextColumn("Status that day"),
            "date": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
            "in_force": st.column_config.DateColumn("In force", format="YYYY-MM-DD"),
            "end": st.column_config.DateColumn("Ended", format="YYYY-MM-DD"),
            "actor_name": "Actor", "targets_text": "Targets",
            "title": st.column_config.TextColumn("Measure", width="large"),
            "type_label": "Type", "id": "id",
        },
    )
