"""What changed between `from` and `to`: what entered into force, what ended or expired, what was
adopted, and what was in force at each end — by actor and by type group."""

import streamlit as st

from components.chart import axis_events, chart, page_params
from components.measure_card import measure_rows
from components.page_head import heading
from components.record_data import derived
from components.share import share_view
from components.view import current
from figures.changes import changes_by_month, changes_figure
from record.life import IN_FORCE_DEFINITION, changes_between, changes_by

view = current()
data, filters = view.data, view.filters
start, end = filters.start, filters.end

heading("What changed", f"Between {start.isoformat()} and {end.isoformat()} (the sidebar's From and To), for the "
        "countries, types and directions the filters select.")
changes = derived(data, filters, "changes", lambda: changes_between(data.frames, filters, start, end))

cols = st.columns(5)
cols[0].metric(f"In force on {start.isoformat()}", f"{len(changes.in_force_start):,}", help=IN_FORCE_DEFINITION)
cols[1].metric("Entered into force", f"{len(changes.entered):,}", help="Standing measures whose first day fell after From, up to To.")
cols[2].metric("Ended or expired", f"{len(changes.ended):,}", help="Standing measures whose last day fell on or after From and before To.")
cols[3].metric("Adopted or announced", f"{len(changes.adopted):,}", help="Every measure dated within the period, events included.")
cols[4].metric(f"In force on {end.isoformat()}", f"{len(changes.in_force_end):,}", help=IN_FORCE_DEFINITION)
st.caption(f"{len(changes.in_force_start):,} + {len(changes.entered):,} entered − {len(changes.ended):,} ended = "
           f"{len(changes.in_force_end):,} in force at the end. The Overview with asof= either day shows the same counts.")

params = page_params()
chart("changes", lambda: changes_figure(changes_by_month(changes.entered, changes.ended), events=axis_events(),
                                       period=(start, end)),
      title="Entered into force and ended, per month", table=lambda: changes_by_month(changes.entered, changes.ended),
      alt=lambda t: (f"Per month from {start} to {end}: {int(t['entered'].sum())} measures entered into force (bars up), "
                     f"{int(t['ended'].sum())} ended or expired (bars down)."),
      key="changes_chart", cache_key=tuple(params), extra=params)

by_actor, by_group = st.columns(2)
with by_actor:
    st.markdown("**By actor**")
    st.dataframe(derived(data, filters, "changes by actor", lambda: changes_by(changes, "actor_name")), hide_index=True, placeholder="",
                 width="stretch", key="changes_by_actor", column_config={"actor_name": "Actor"})
with by_group:
    st.markdown("**By type group**")
    st.dataframe(derived(data, filters, "changes by group", lambda: changes_by(changes, "group_label")), hide_index=True, placeholder="",
                 width="stretch", key="changes_by_group", column_config={"group_label": "Type group"})

for label, rows in (("Entered into force", changes.entered), ("Ended or expired", changes.ended),
                    ("Adopted or announced", changes.adopted)):
    with st.expander(f"{label} ({len(rows):,})", expanded=label != "Adopted or announced" and 0 < len(rows) <= 30):
        if rows.empty:
            st.caption("None.")
        else:
            measure_rows(rows, limit=100, key=("changes", label, *params))
share_view(params)
