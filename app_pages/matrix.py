"""Country matrix: who did what to whom, and who aligned with which EU decision."""

import streamlit as st

from components.asof import asof_control, status_table
from components.frame import heading, nothing_matches, share_view
from components.measure_card import measure_card, measure_list
from components.record_data import derived, derived_rows
from components.view import current
from figures.matrix import alignment_figure, alignment_table, matrix_counts, matrix_figure
from record.actors import actor_name
from record.filters import as_of
from record.taxonomy import GROUPS

MAX_DECISIONS = 40

view = current()
data, filters, rows = view.data, view.filters, view.rows

heading(
    "Country matrix",
    "Counts of the filtered measures. Click a cell to list its measures below the matrix.",
)
day = asof_control()
ended = None
if day is not None:
    on_day = derived_rows(data, filters, "as_of", lambda: as_of(data.frames, filters, day), day)
    rows = on_day[on_day["status"] == "in-force"]
    ended = on_day[on_day["status"] == "ended"]
    st.caption(f"Counting the {len(rows):,} measures in force on {day.isoformat()} (the From/To dates are set aside); "
               f"{len(ended):,} had ended by then and are listed under the matrix.")


def _clicked(event) -> list | None:
    points = event.selection.points if event else []
    return points[0].get("customdata") if points else None


def count_matrix(by: str, caption: str, cell_rows, cell_title) -> None:
    """One count matrix; a click on a cell lists the measures behind its number."""
    figure = derived(data, filters, "matrix figure",
                     lambda: matrix_figure(matrix_counts(rows, by=by), column_kind="group" if by == "group" else "actor"), by, day)
    event = st.plotly_chart(
        figure, key=f"matrix_{by}",
        on_select="rerun", selection_mode="points", config={"displayModeBar": False},
    )
    cell = _clicked(event)
    if cell:
        st.subheader(cell_title(cell[0], cell[1]), anchor=False)
        measure_list(rows[cell_rows(cell[0], cell[1])], view.measures)
    else:
        st.caption(caption)


if rows.empty:
    nothing_matches()
else:
    # Bound to ?view= so a link opens the same tab; only the open tab is computed and drawn.
    by_type, by_target, aligned = st.tabs(["By type", "By target", "Alignment"], key="view", bind="query-params")
    if by_type.open:
        with by_type:
            count_matrix(
                "group", "Rows: who took the measure. Columns: type group.",
                lambda actor, group: (rows["actor"] == actor) & (rows["group"] == group),
                lambda actor, group: f"{actor_name(actor)} · {GROUPS[group].label}",
            )
    if by_target.open:
        with by_target:
            count_matrix(
                "target", "Rows: who took the measure. Columns: whom it targets.",
                lambda actor, target: (rows["actor"] == actor) & rows["targets"].map(lambda t: target in t),
                lambda actor, target: f"{actor_name(actor)} → {actor_name(target)}",
            )
    if aligned.open:
        with aligned:
            table = derived(data, filters, "alignment table", lambda: alignment_table(rows, latest=MAX_DECISIONS), day)
            decisions = derived(data, filters, "aligned decisions",
                                lambda: int(((rows["actor"] == "EU") & (rows["aligned"].map(len) > 0)).sum()), day)
            if decisions > MAX_DECISIONS:
                st.caption(f"The latest {MAX_DECISIONS} of {decisions:,} EU decisions with alignment; narrow the dates to see others.")
            if table.empty:
                nothing_matches("EU decisions with recorded alignment")
            else:
                figure = derived(data, filters, "alignment figure", lambda: alignment_figure(table), day)
                event = st.plotly_chart(
                    figure, key="matrix_aligned", on_select="rerun", selection_mode="points", config={"displayModeBar": False},
                )
                cell = _clicked(event)
                if cell and cell[0] in view.measures:
                    measure_card(view.measures[cell[0]])
                else:
                    st.caption("Rows: EU decisions. Columns: countries that aligned with them (from the High "
                               "Representative's alignment declarations). Click a square to read the decision.")

if ended is not None and len(ended):
    st.subheader(f"Ended by {day.isoformat()}", anchor=False)
    status_table(ended, key="matrix_ended")

tab = st.session_state.get("view") or "By type"
share_view(([("view", tab)] if tab != "By type" else []) + ([("asof", day.isoformat())] if day else []))
