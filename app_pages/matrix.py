"""Country matrix: who did what to whom, and who aligned with which EU decision."""

import streamlit as st

from components.asof import asof_control, status_table
from components.chart import chart, page_params
from components.measure_card import measure_card, measure_list
from components.notices import nothing_matches
from components.page_head import heading
from components.record_data import derived, derived_rows
from components.share import share_view
from components.view import current
from figures.describe import alignment_alt, matrix_alt
from figures.matrix import alignment_figure, alignment_table, matrix_counts, matrix_figure
from record.actors import actor_name
from record.life import as_of
from record.link import choice
from record.taxonomy import GROUPS

MAX_DECISIONS = 40
VIEWS = {"type": "By type", "target": "By target", "alignment": "Alignment"}

view = current()
data, filters, rows = view.data, view.filters, view.rows

heading("Country matrix", "Counts of the filtered measures. Click a cell to list its measures below the matrix.")
day = asof_control()
ended = None
if day is not None:
    on_day = derived_rows(data, filters, "as_of", lambda: as_of(data.frames, filters, day), day)
    rows = on_day[on_day["status"] == "in-force"]
    ended = on_day[on_day["status"].isin(["ended", "expired"])]
    st.caption(f"Counting the {len(rows):,} measures in force on {day.isoformat()} (the From/To dates are set aside); "
               f"{len(ended):,} had ended or expired by then and are listed under the matrix.")

notices: list[str] = []
linked = choice("view", st.query_params.get_all("view"), list(VIEWS), notices)
for notice in notices:
    st.warning(notice, icon=":material/warning:")
if "matrix_view" not in st.session_state or (linked and linked != st.session_state.get("_matrix_view_linked")):
    st.session_state["matrix_view"] = linked or "type"
    st.session_state["_matrix_view_linked"] = linked
tab = st.segmented_control("Matrix", list(VIEWS), format_func=VIEWS.__getitem__, key="matrix_view", required=True,
                           label_visibility="collapsed") or "type"
if tab == "type":
    st.query_params.pop("view", None)
else:
    st.query_params["view"] = tab
st.session_state["_matrix_view_linked"] = None if tab == "type" else tab
params = page_params(("view", tab) if tab != "type" else None, ("asof", day.isoformat()) if day else None)


def count_matrix(by: str, title: str, caption: str, cell_rows, cell_title) -> None:
    """One count matrix; a click on a cell lists the measures behind its number."""
    kind = "group" if by == "group" else "actor"
    dark = st.context.theme.type == "dark"
    cell = chart(f"matrix {by}", lambda: matrix_figure(matrix_counts(rows, by=by), column_kind=kind, dark=dark), title=title,
                 table=lambda: matrix_counts(rows, by=by), alt=lambda t: matrix_alt(t, columns=kind), key=f"matrix_{by}",
                 cache_key=(day, dark, *params), extra=params, selectable=True)
    if cell:
        st.subheader(cell_title(cell[0], cell[1]), anchor=False)
        measure_list(rows[cell_rows(cell[0], cell[1])])
    else:
        st.caption(caption)


if rows.empty:
    nothing_matches()
elif tab == "type":
    count_matrix("group", "Measures by actor and type group", "Rows: who took the measure. Columns: type group.",
                 lambda actor, group: (rows["actor"] == actor) & (rows["group"] == group),
                 lambda actor, group: f"{actor_name(actor)} · {GROUPS[group].label}")
elif tab == "target":
    count_matrix("target", "Measures by actor and target", "Rows: who took the measure. Columns: whom it targets.",
                 lambda actor, target: (rows["actor"] == actor) & rows["targets"].map(lambda t: target in t),
                 lambda actor, target: f"{actor_name(actor)} → {actor_name(target)}")
else:
    table = derived(data, filters, "alignment table", lambda: alignment_table(rows, latest=MAX_DECISIONS), day)
    decisions = derived(data, filters, "aligned decisions",
                        lambda: int(((rows["actor"] == "EU") & (rows["aligned"].map(len) > 0)).sum()), day)
    if decisions > MAX_DECISIONS:
        st.caption(f"The latest {MAX_DECISIONS} of {decisions:,} EU decisions with alignment; narrow the dates to see others.")
    if table.empty:
        nothing_matches("EU decisions with recorded alignment")
    else:
        cell = chart("alignment", lambda: alignment_figure(table), title="Countries aligned with EU decisions",
                     table=lambda: table, alt=alignment_alt, key="matrix_aligned", cache_key=(day, *params), extra=params,
                     selectable=True)
        if cell and cell[0] in view.measures:
            measure_card(view.measures[cell[0]])
        else:
            st.caption("Rows: EU decisions. Columns: countries that aligned with them (from the High "
                       "Representative's alignment declarations). Click a square to read the decision.")

if ended is not None and len(ended):
    st.subheader(f"Ended or expired by {day.isoformat()}", anchor=False)
    status_table(ended, key="matrix_ended")

share_view(params)
