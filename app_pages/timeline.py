"""Timeline: one lane per actor; click a mark to read its record, or a count to list its measures."""

import pandas as pd
import streamlit as st

from components.chart import axis_events, chart, page_params
from components.measure_card import measure_card, measure_list
from components.notices import nothing_matches
from components.page_head import heading
from components.record_data import derived
from components.share import share_view
from components.view import current
from figures.describe import balance_alt, lanes_alt
from figures.timeline import AGGREGATE, balance_figure, lane_table, monthly_balance, timeline_figure
from record.actors import actor_name

view = current()
data, filters, rows = view.data, view.filters, view.rows

heading(
    "Timeline",
    "One lane per actor. Colour: type group; ▲ tightening, ▼ easing, ● renewal. Bars run from the first to the last "
    "day a measure applied. Dotted lines: context events. Click a mark to read it.",
)

selected = st.query_params.get("measure")
if rows.empty:
    nothing_matches()
else:
    params = page_params()
    clicked = chart("timeline", lambda: timeline_figure(rows, start=filters.start, end=filters.end, events=axis_events()),
                    title="Measures by actor over time", table=lambda: lane_table(rows), alt=lanes_alt,
                    key="timeline_chart", cache_key=tuple(params), extra=params, selectable=True)
    period = clicked if clicked and clicked[0] == AGGREGATE else None
    if clicked and not period and clicked[0] in view.measures and clicked[0] != selected:
        selected = clicked[0]
        st.query_params["measure"] = selected

    if period:
        actor, first, last = period[1], pd.Timestamp(period[2]), pd.Timestamp(period[3])
        st.subheader(f"{actor_name(actor)}, {period[2]} to {period[3]}", anchor=False)
        measure_list(rows[(rows["actor"] == actor) & (rows["date"] >= first) & (rows["date"] <= last)], limit=20)
    elif selected in view.measures:
        st.subheader("Selected measure", anchor=False)
        measure_card(view.measures[selected])
        if selected not in derived(data, filters, "ids in view", lambda: frozenset(rows["id"])):
            st.caption("This measure is outside the current filters.")
    elif selected:
        st.warning("The measure named in the link is not in the record; pick one on the chart.")
    else:
        st.caption("Click a marker or a bar to show its record and sources here.")

    chart("timeline balance", lambda: balance_figure(monthly_balance(rows), events=axis_events(), period=(filters.start, filters.end)),
          title="Monthly balance: tightening against easing", table=lambda: monthly_balance(rows), alt=balance_alt,
          key="timeline_balance", cache_key=tuple(params), extra=params)

share_view(page_params(("measure", selected) if selected in view.measures else None))
