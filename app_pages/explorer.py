"""Explorer: the filtered measures as a searchable table, downloadable exactly as shown."""

import json

import streamlit as st

from components.frame import describe_filters, heading, nothing_matches, share_view
from components.view import current
from record.explore import export_csv, export_json, search

view = current()
data, filters, rows = view.data, view.filters, view.rows

heading("Explorer", "The measures that match the filters. Search narrows the table; downloads hold exactly its rows.")

query = st.text_input(
    "Search titles, summaries, ids, countries, acts and publishers", key="q", bind="query-params",
    placeholder="e.g. potash, Ryanair, 2021/1030",
)
shown = search(rows, query)
st.caption(f"{len(shown):,} of {len(rows):,} filtered measures · data version {data.record.version}")

if shown.empty:
    nothing_matches("measures" if not query else "measures for this search")
else:
    table = shown.sort_values("date", ascending=False)
    st.dataframe(
        table[["date", "actor_name", "targets_text", "title", "group_label", "type_label", "direction",
               "in_force", "end", "sources", "legal_basis", "id"]],
        hide_index=True,
        width="stretch",
        column_config={
            "date": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
            "actor_name": st.column_config.TextColumn("Actor"),
            "targets_text": st.column_config.TextColumn("Targets"),
            "title": st.column_config.TextColumn("Measure", width="large"),
            "group_label": st.column_config.TextColumn("Type group"),
            "type_label": st.column_config.TextColumn("Type"),
            "direction": st.column_config.TextColumn("Direction"),
            "in_force": st.column_config.DateColumn("In force", format="YYYY-MM-DD"),
            "end": st.column_config.DateColumn("Ended", format="YYYY-MM-DD"),
            "sources": st.column_config.ListColumn("Sources", help="Addresses of the sources; the JSON download has their quotes."),
            "legal_basis": st.column_config.TextColumn("Legal basis"),
            "id": st.column_config.TextColumn("id"),
        },
        key="explorer_table",
    )
    measures = [view.measures[i] for i in table["id"]]
    about = {"version": data.record.version, "filters": describe_filters(filters), "search": query}
    c1, c2 = st.columns(2)
    c1.download_button(
        "Download CSV", export_csv(table, data.frames.sources), file_name=f"measures-{data.record.version}.csv",
        mime="text/csv", key="download_csv", width="stretch",
    )
    c2.download_button(
        "Download JSON", json.dumps(export_json(measures, about), ensure_ascii=False, indent=1),
        file_name=f"measures-{data.record.version}.json", mime="application/json", key="download_json",
        width="stretch",
    )

share_view(filters, data.defaults, [("q", query)] if query else None)
