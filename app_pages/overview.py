"""Overview: what the filters select, in figures; what comes up next; the latest measures."""

from dataclasses import replace

import streamlit as st

from components.asof import asof_control, status_table
from components.chart import axis_events, chart, page_params
from components.links import absolute_url, measure_href
from components.measure_card import measure_rows
from components.notices import nothing_matches
from components.page_head import heading
from components.record_data import derived, derived_rows, filtered
from components.share import share_view
from components.since import since_filter
from components.text import md_escape
from components.view import current
from figures.describe import monthly_groups_alt
from figures.timeline import group_counts_by_month, small_timeline_figure
from record.actors import SIDES
from record.calendar import terms_calendar
from record.filters import DATE_MIN
from record.life import IN_FORCE, IN_FORCE_DEFINITION, as_of, in_force_mask, upcoming_terms

view = current()
data, filters, rows = view.data, view.filters, view.rows

heading(
    "Measures between Belarus, the EU and its members, and Ukraine",
    "A sourced record of sanctions and policy steps on all sides. Every figure follows the filters in the sidebar.",
)
day = asof_control()
params = page_params(("asof", day.isoformat()) if day else None)

if day is not None:
    on_day = derived_rows(data, filters, "as_of", lambda: as_of(data.frames, filters, day), day)
    status = on_day["status"].value_counts()
    cols = st.columns(4)
    cols[0].metric(f"In force on {day.isoformat()}", f"{int(status.get(IN_FORCE, 0)):,}", help=IN_FORCE_DEFINITION)
    cols[1].metric("Ended by then", f"{int(status.get('ended', 0)):,}", help="Lifted or suspended before that day.")
    cols[2].metric("Expired by then", f"{int(status.get('expired', 0)):,}", help="Their term ran out with no renewal.")
    cols[3].metric("Adopted or announced by then", f"{len(on_day):,}")
    in_force_rows = on_day[on_day["status"] == IN_FORCE]
    by_side = in_force_rows["side"].astype(str).value_counts()
    st.markdown("**In force that day, by side:** " + " · ".join(f"{label} {int(by_side.get(key, 0)):,}" for key, label in SIDES.items()))
    standing = on_day[on_day["status"].isin(["in-force", "ended", "expired", "not-yet"])]
    if standing.empty:
        nothing_matches("standing measures")
    else:
        st.subheader(f"What was in force on {day.isoformat()}", anchor=False)
        st.caption("Ended and expired measures are kept and marked, never dropped. The Explorer with the same link lists the same rows.")
        status_table(standing, key="overview_asof_table")
else:
    in_force = derived(data, filters, "in force at the end of the range",
                       lambda: int(in_force_mask(filtered(data, replace(filters, start=DATE_MIN)),
                                                 filters.end).sum()))
    direction_counts = derived(data, filters, "direction counts", lambda: rows["direction"].value_counts())
    cols = st.columns(4)
    cols[0].metric("Measures", f"{len(rows):,}", help="Measures dated within the range that match the filters.")
    cols[1].metric("Tightening / easing",
                   f"{int(direction_counts.get('tightening', 0)):,} / {int(direction_counts.get('easing', 0)):,}",
                   help="Renewals (maintaining) are counted in neither.")
    cols[2].metric("Actors", f"{derived(data, filters, 'actor count', lambda: rows['actor'].nunique()):,}",
                   help="Countries or blocs that took a measure.")
    cols[3].metric(f"In force on {filters.end.isoformat()}", f"{in_force:,}", help=IN_FORCE_DEFINITION)
    if rows.empty:
        nothing_matches()
    else:
        chart("overview months", lambda: small_timeline_figure(rows, events=axis_events(), period=(filters.start, filters.end)),
              title="Measures per month, by type group",
              table=lambda: group_counts_by_month(rows), alt=monthly_groups_alt, key="overview_small_timeline",
              cache_key=tuple(params), extra=params)

st.subheader("What comes up next", anchor=False)
terms = derived_rows(data, filters, "upcoming terms", lambda: upcoming_terms(
    filtered(data, replace(filters, start=DATE_MIN, end=data.last)), data.last))
if terms.empty:
    st.caption(f"No term set by a measure in this selection runs out after the record's last date ({data.last.isoformat()}).")
else:
    st.caption(f"Terms that run out after the record's last date ({data.last.isoformat()}), unless renewed; "
               "each with what it keeps in force.")
    # Titles of the measures named here only (not a dict of the whole record on every rerun).
    named = {*terms["id"], *(k for keeps in terms["keeps_in_force"] for k in keeps)}
    titles = {mid: view.measures[mid].title for mid in named if mid in view.measures}
    st.markdown("\n".join(
        f"- **{d:%Y-%m-%d}** · [{md_escape(titles[mid])}]({measure_href(mid, filters)}) · keeps in force: "
        + md_escape("; ".join(titles.get(k, k) for k in keeps))
        for mid, d, keeps in zip(terms["id"], terms["valid_until"], terms["keeps_in_force"], strict=True)
    ))
    st.download_button(
        "Calendar of these dates (.ics)",
        # Built when clicked (and icalendar imported then), not on every open of the Overview.
        lambda: terms_calendar(terms, titles, lambda mid: absolute_url("measure", filters, [("id", mid)]), data.record.version),
        file_name=f"belarus-measures-terms-{data.record.version}.ics", mime="text/calendar", key="terms_ics",
        on_click="ignore", icon=":material/event:",
    )

if day is None and not rows.empty:
    st.subheader("Latest measures", anchor=False)
    latest, since_version = since_filter(rows)
    measure_rows(latest, limit=8, key=("latest", since_version))
    if since_version:
        params.append(("since", since_version))

share_view(params)
