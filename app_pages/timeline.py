"""Timeline: one lane per actor; click a point or bar to read its record and sources."""

import pandas as pd
import streamlit as st

from components.frame import heading, nothing_matches, share_view
from components.measure_card import measure_card, measure_list
from components.record_data import derived
from components.view import current
from figures.timeline import AGGREGATE, balance_figure, monthly_balance, timeline_figure
from record.actors import actor_name

view = current()
data, filters, rows = view.data, view.filters, view.rows

heading(
    "Timeline",
    "One lane per actor. Colour: type group; ▲ tightening, ▼ easing, ● renewal. Bars run from "
    "entry into force to the end of measures that were lifted or expired. Click a mark to read it.",
)

selected = st.query_params.get("measure")
if rows.empty:
    nothing_matches()
else:
    event = st.plotly_chart(
        derived(data, filters, "timeline figure", lambda: timeline_figure(rows, start=filters.start, end=filters.end)),
        key="timeline_chart", on_select="rerun", selection_mode="points",
        config={"displayModeBar": False, "scrollZoom": False},
    )
    points = event.selection.points if event else []
    clicked = points[0].get("customdata") if points else None
    period = clicked if clicked and clicked[0] == AGGREGATE else None
    if clicked and not period and clicked[0] in view.measures and clicked[0] != selected:
        selected = clicked[0]
        st.query_params["measure"] = selected

    if period:
        actor, first, last = period[1], pd.Timestamp(period[2]), pd.Timestamp(period[3])
        st.subheader(f"{actor_name(actor)}, {period[2]} to {period[3]}", anchor=False)
        measure_list(rows[(rows["actor"] == actor) & (rows["date"] >= first) & (rows["date"] <= last)], view.measures, limit=20)
    elif selected in view.measures:
        st.subheader("Selected measure", anchor=False)
        measure_card(view.measures[selected])
        if selected not in derived(data, filters, "ids in view", lambda: frozenset(rows["id"])):
            st.caption("This measure is outside the current filters.")
    elif selected:
        st.warning("The measure named in the link is not in the record; pick one on the chart.")
    else:
        st.caption("Click a marker or a bar to show its record and sources here.")

    st.subheader("Monthly balance: tightening against easing", anchor=False)
    balance = derived(data, filters, "balance figure", lambda: balance_figure(monthly_balance(rows)))
    st.plotly_chart(balance, key="timeline_balance", config={"displayModeBar": False})

share_view([("measure", selected)] if selected in view.measures else None)
