"""Explorer: the filtered measures as a searchable table, downloadable exactly as shown."""

import json

import streamlit as st

from components.asof import asof_control
from components.chart import page_params
from components.links import absolute_url, measure_href
from components.notices import nothing_matches
from components.page_head import heading
from components.record_data import derived_rows
from components.share import share_view, view_words
from components.since import since_filter
from components.view import current
from record.cite import accessed_today, citation
from record.explore import TABLE_COLUMNS, bundle, download_readme, export_csv, export_json, search
from record.life import STATUS_LABELS, standing_as_of

MAX_TABLE_ROWS = 5000

view = current()
data, filters, rows = view.data, view.filters, view.rows

heading("Explorer", "The measures that match the filters. Search narrows the table; downloads hold exactly its rows.")

day = asof_control()
if day is not None:
    rows = derived_rows(data, filters, "standing as_of", lambda: standing_as_of(data.frames, filters, day), day)
    st.caption(f"As of {day.isoformat()}: the standing measures adopted by then, with their status that day "
               "(the From/To dates are set aside).")
rows, since_version = since_filter(rows)
query = st.text_input(
    "Search titles, summaries, ids, countries, acts and publishers", key="q", bind="query-params",
    placeholder="e.g. potash, Ryanair, 2021/1030",
)


def newest_first():
    table = search(rows, query).sort_values("date", ascending=False)
    table = table.assign(open=[measure_href(i, filters) for i in table["id"]])
    return table.assign(status_label=table["status"].map(STATUS_LABELS)) if day is not None else table


# The searched and sorted table, once per filter set, as-of day and search (shared by reruns and readers).
shown = derived_rows(data, filters, "explorer table", newest_first, query, day, since_version)
params = page_params(("q", query) if query else None, ("asof", day.isoformat()) if day else None,
                     ("since", since_version) if since_version else None)
st.caption(f"{len(shown):,} of {len(rows):,} filtered measures · data version {data.record.version}")

if shown.empty:
    nothing_matches("measures" if not query else "measures for this search")
else:
    table = shown
    if len(table) > MAX_TABLE_ROWS:
        st.caption(f"The newest {MAX_TABLE_ROWS:,} of {len(table):,} rows are shown in the table; the downloads hold all "
                   f"{len(table):,}. Narrow the filters or search to see others here.")
    st.dataframe(
        table.head(MAX_TABLE_ROWS)[(["status_label"] if day is not None else []) + (["change"] if since_version else [])
                                   + ["open", *TABLE_COLUMNS]],
        hide_index=True, placeholder="",
        width="stretch",
        column_config={
            "status_label": st.column_config.TextColumn(f"Status on {day}"),
            "change": st.column_config.TextColumn(f"Since {since_version}", help="What the changelog says changed"),
            "open": st.column_config.LinkColumn("Record", display_text="open", help="The measure's page, with its sources"),
            "date": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
            "actor": st.column_config.TextColumn("Actor code"),
            "actor_name": st.column_config.TextColumn("Actor"),
            "targets_text": st.column_config.TextColumn("Targets"),
            "title": st.column_config.TextColumn("Measure", width="large"),
            "group": st.column_config.TextColumn("Group key"),
            "group_label": st.column_config.TextColumn("Type group"),
            "type": st.column_config.TextColumn("Type key"),
            "type_label": st.column_config.TextColumn("Type"),
            "direction": st.column_config.TextColumn("Direction"),
            "in_force": st.column_config.DateColumn("In force", format="YYYY-MM-DD"),
            "end": st.column_config.DateColumn("Last day", format="YYYY-MM-DD"),
            "valid_until": st.column_config.DateColumn("Valid until", format="YYYY-MM-DD"),
            "legal_basis": st.column_config.TextColumn("Legal basis"),
            "id": st.column_config.TextColumn("id"),
        },
        key="explorer_table",
    )
    link = absolute_url(view.page, filters, params)
    what = view_words(filters, params)
    about = {"version": data.record.version, "filters": what, "search": query,
             "asof": day.isoformat() if day else None, "link": link}
    sources = data.frames.sources
    cite = citation("Explorer view", what, data.record.version, link, accessed_today())
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
                       width="stretch", on_click="ignore", help="The table's columns, plus summary, note and sources.")
    c2.download_button("Download JSON", json_file, file_name=f"{stem}.json", mime="application/json",
                       key="download_json", width="stretch", on_click="ignore")
    c3.download_button(
        "Download ZIP with README", zip_file, file_name=f"{stem}.zip", mime="application/zip", key="download_zip",
        width="stretch", on_click="ignore",
        help="The CSV and JSON with a README naming the filters, the data version, the link and the sources.",
    )

share_view(params)
