"""Explorer: the filtered measures as a searchable table, downloadable exactly as shown."""

import json

import streamlit as st

from components.asof import asof_control
from components.frame import citation, describe_filters, heading, nothing_matches, share_view, today, view_link
from components.record_data import derived_rows
from components.view import current
from record.explore import bundle, download_readme, export_csv, export_json, search
from record.filters import as_of
from record.frames import STANDING_STATUSES, STATUS_LABELS

EXPLORER_COLUMNS = ["date", "actor_name", "targets_text", "title", "group_label", "type_label", "direction",
                    "in_force", "end", "sources", "legal_basis", "id"]

MAX_TABLE_ROWS = 5000

view = current()
data, filters, rows = view.data, view.filters, view.rows

heading("Explorer", "The measures that match the filters. Search narrows the table; downloads hold exactly its rows.")

day = asof_control()
if day is not None:
    on_day = derived_rows(data, filters, "as_of", lambda: as_of(data.frames, filters, day), day)
    rows = derived_rows(data, filters, "standing as_of", lambda: on_day[on_day["status"].isin(STANDING_STATUSES)], day)
    st.caption(f"As of {day.isoformat()}: the standing measures adopted by then, with their status that day "
               "(the From/To dates are set aside).")
query = st.text_input(
    "Search titles, summaries, ids, countries, acts and publishers", key="q", bind="query-params",
    placeholder="e.g. potash, Ryanair, 2021/1030",
)


def newest_first():
    table = search(rows, query).sort_values("date", ascending=False)
    return table.assign(status_label=table["status"].map(STATUS_LABELS)) if day is not None else table


# The searched and sorted table, once per filter set, as-of day and search (shared by reruns and readers).
shown = derived_rows(data, filters, "explorer table", newest_first, query, day)
page_params = ([("q", query)] if query else []) + ([("asof", day.isoformat())] if day else [])
st.caption(f"{len(shown):,} of {len(rows):,} filtered measures · data version {data.record.version}")

if shown.empty:
    nothing_matches("measures" if not query else "measures for this search")
else:
    table = shown
    if len(table) > MAX_TABLE_ROWS:
        st.caption(f"The newest {MAX_TABLE_ROWS:,} of {len(table):,} rows are shown in the table; the downloads hold all "
                   f"{len(table):,}. Narrow the filters or search to see others here.")
    st.dataframe(
        table.head(MAX_TABLE_ROWS)[(["status_label"] if day is not None else []) + EXPLORER_COLUMNS],
        hide_index=True,
        width="stretch",
        column_config={
            "status_label": st.column_config.TextColumn(f"Status on {day}"),
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
    link = view_link(filters, data.defaults, page_params)
    about = {"version": data.record.version, "filters": describe_filters(filters), "search": query,
             "asof": day.isoformat() if day else None, "link": link}
    sources = data.frames.sources
    cite = citation(view.page_title, filters, data.record.version, link, today())
    stem = f"belarus-measures-{data.record.version}"

    # The files are built when a button is clicked, not on every rerun of the page.
    def csv_file() -> str:
        return export_csv(table, sources)

    def measures() -> list:
        return [view.measures[i] for i in table["id"]]

    def json_file() -> str:
        return json.dumps(export_json(measures(), about), ensure_ascii=False, indent=1)

    def zip_file() -> bytes:
        return bundle({f"{stem}.csv": csv_file(), f"{stem}.json": json_file(),
                       "README.txt": download_readme(about, measures(), cite)})

    c1, c2, c3 = st.columns(3)
    c1.download_button("Download CSV", csv_file, file_name=f"{stem}.csv", mime="text/csv", key="download_csv",
                       width="stretch", on_click="ignore")
    c2.download_button("Download JSON", json_file, file_name=f"{stem}.json", mime="application/json",
                       key="download_json", width="stretch", on_click="ignore")
    c3.download_button(
        "Download ZIP with README", zip_file, file_name=f"{stem}.zip", mime="application/zip", key="download_zip",
        width="stretch", on_click="ignore",
        help="The CSV and JSON with a README naming the filters, the data version, the link and the sources.",
    )

share_view(page_params)
