"""Overview: headline figures for the current filters, a small timeline, the latest measures."""

from dataclasses import replace

import streamlit as st

from components.frame import heading, nothing_matches, share_view
from components.measure_card import measure_list
from components.record_data import filtered
from components.view import current
from figures.timeline import small_timeline_figure
from record.filters import DATE_MIN
from record.frames import in_force_mask

view = current()
data, filters, rows = view.data, view.filters, view.rows

heading(
    "Measures between Belarus, the EU and its members, and Ukraine",
    "A sourced record of sanctions and policy steps on all sides, from the EU regime of 2004 "
    "to the latest events. Every figure below follows the filters in the sidebar.",
)

since_start = filtered(data, replace(filters, start=DATE_MIN))
in_force = int(in_force_mask(since_start, filters.end).sum())
direction_counts = rows["direction"].value_counts()

cols = st.columns(4)
cols[0].metric("Measures", f"{len(rows):,}", help="Measures dated within the range that match the filters.")
cols[1].metric(
    "Tightening / easing",
    f"{int(direction_counts.get('tightening', 0)):,} / {int(direction_counts.get('easing', 0)):,}",
    help="Renewals (maintaining) are counted in neither.",
)
cols[2].metric("Actors", f"{rows['actor'].nunique():,}", help="Countries or blocs that took a measure.")
cols[3].metric(
    f"In force on {filters.end.isoformat()}", f"{in_force:,}",
    help="Standing measures (not renewals or one-off events) that had started by that day and had not ended.",
)

if rows.empty:
    nothing_matches()
else:
    st.subheader("Measures per month, by type group", anchor=False)
    st.plotly_chart(small_timeline_figure(rows), key="overview_small_timeline", config={"displayModeBar": False})
    st.subheader("Latest measures", anchor=False)
    measure_list(rows, view.measures, limit=6)

st.caption(
    f"Data version {data.record.version} · {len(data.record.measures):,} measures in the record, "
    f"{data.defaults.start.isoformat()} to {data.defaults.end.isoformat()}."
)
share_view(filters, data.defaults)
