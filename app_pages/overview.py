"""Overview: headline figures for the current filters, a small timeline, the latest measures."""

from dataclasses import replace

import streamlit as st

from components.asof import asof_control, status_table
from components.frame import heading, nothing_matches, share_view
from components.measure_card import measure_list
from components.record_data import derived, derived_rows, filtered
from components.view import current
from figures.timeline import small_timeline_figure
from record.filters import DATE_MIN, as_of
from record.frames import STANDING_STATUSES, in_force_mask

view = current()
data, filters, rows = view.data, view.filters, view.rows

heading(
    "Measures between Belarus, the EU and its members, and Ukraine",
    "A sourced record of sanctions and policy steps on all sides, from the EU regime of 2004 "
    "to the latest events. Every figure below follows the filters in the sidebar.",
)
day = asof_control()

if day is not None:
    on_day = derived_rows(data, filters, "as_of", lambda: as_of(data.frames, filters, day), day)
    status = on_day["status"].value_counts()
    cols = st.columns(3)
    cols[0].metric(f"In force on {day.isoformat()}", f"{int(status.get('in-force', 0)):,}",
                   help="Standing measures (not renewals or one-off events) that had started and not ended.")
    cols[1].metric("Ended by then", f"{int(status.get('ended', 0)):,}", help="Lifted, expired or suspended before that day.")
    cols[2].metric("Adopted or announced by then", f"{len(on_day):,}")
    shown_rows = on_day[on_day["status"].isin(STANDING_STATUSES)]
    if shown_rows.empty:
        nothing_matches("standing measures")
    else:
        st.subheader(f"What was in force on {day.isoformat()}", anchor=False)
        st.caption("Ended measures are kept and marked, never dropped. The Explorer with the same link lists the same rows.")
        status_table(shown_rows, key="overview_asof_table")
else:
    in_force = derived(data, filters, "in force at the end of the range",
                       lambda: int(in_force_mask(filtered(data, replace(filters, start=DATE_MIN)), filters.end).sum()))
    direction_counts = derived(data, filters, "direction counts", lambda: rows["direction"].value_counts())
    cols = st.columns(4)
    cols[0].metric("Measures", f"{len(rows):,}", help="Measures dated within the range that match the filters.")
    cols[1].metric(
        "Tightening / easing",
        f"{int(direction_counts.get('tightening', 0)):,} / {int(direction_counts.get('easing', 0)):,}",
        help="Renewals (maintaining) are counted in neither.",
    )
    actors = derived(data, filters, "actor count", lambda: rows["actor"].nunique())
    cols[2].metric("Actors", f"{actors:,}", help="Countries or blocs that took a measure.")
    cols[3].metric(
        f"In force on {filters.end.isoformat()}", f"{in_force:,}",
        help="Standing measures (not renewals or one-off events) that had started by that day and had not ended.",
    )
    if rows.empty:
        nothing_matches()
    else:
        st.subheader("Measures per month, by type group", anchor=False)
        figure = derived(data, filters, "overview figure", lambda: small_timeline_figure(rows))
        st.plotly_chart(figure, key="overview_small_timeline", config={"displayModeBar": False})
        st.subheader("Latest measures", anchor=False)
        measure_list(rows, view.measures, limit=6)

st.caption(
    f"Data version {data.record.version} · {len(data.record.measures):,} measures in the record, "
    f"{data.defaults.start.isoformat()} to {data.defaults.end.isoformat()}."
)
share_view([("asof", day.isoformat())] if day else None)
