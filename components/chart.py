"""Every chart of the dashboard goes through `chart`: cached and framed for travel (title, the
view in words, source, data version and link inside the image), plotly's download button only,
a text alternative, the chart/table switch of the link (`show=table`), and a click read back."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.links import absolute_url
from components.record_data import derived, derived_figure
from components.share import view_words
from components.text import md_escape
from components.view import current
from figures.style import framed
from record.explore import safe_csv
from record.project import DASHBOARD_NAME

IMAGE_FORMATS = {"png": "PNG", "svg": "SVG"}


class FinishedFigure(go.Figure):
    """A figure that is never changed again (it sits in the shared cache): its dict is built once.
    `st.plotly_chart` calls `to_dict()`, a deep copy of every trace, on every rerun before it
    encodes the JSON; for the timeline that copy was 4 ms of a 27 ms rerun."""

    def to_dict(self) -> dict:
        if "_finished_dict" not in self.__dict__:
            self.__dict__["_finished_dict"] = super().to_dict()
        return self.__dict__["_finished_dict"]


def finished(figure: go.Figure) -> FinishedFigure:
    """The same figure object, marked finished (no copy: copying would re-validate and reorder it)."""
    figure.__class__ = FinishedFigure
    return figure


def show_tables() -> bool:
    """`show=table` in the link: every chart of the page as the table of its numbers."""
    return st.query_params.get("show") == "table"


def image_format_control() -> None:
    """The reader's choice of what the charts' download button saves (a preference, not a view)."""
    st.segmented_control("Chart downloads as", list(IMAGE_FORMATS), format_func=IMAGE_FORMATS.__getitem__,
                         default="png", key="img_format", required=True)


def _filename(name: str) -> str:
    view = current()
    f = view.filters
    who = "-".join([*f.countries, *(f"by-{c}" for c in f.actors), *(f"on-{c}" for c in f.targets)])[:60]
    parts = ["belarus-measures", view.page or "overview", name, f.start.isoformat(), f.end.isoformat(), who]
    return "_".join(p for p in parts if p)


def clicked(event: Any) -> list | None:
    """The customdata of the point a reader clicked, or None."""
    points = event.selection.points if event else []
    return points[0].get("customdata") if points else None


def chart(
    name: str,
    build: Callable[[], go.Figure],
    *,
    title: str,
    table: Callable[[], pd.DataFrame],
    alt: Callable[[pd.DataFrame], str],
    key: str,
    cache_key: tuple[Hashable, ...] = (),
    extra: list[tuple[str, str]] | None = None,
    selectable: bool = False,
) -> list | None:
    """Draw one chart (or its table, with `show=table`); returns the clicked point's customdata."""
    view = current()
    version = view.data.record.version
    extra = list(extra or [])
    numbers = derived(view.data, view.filters, f"{name} table", table, *cache_key)
    description = derived(view.data, view.filters, f"{name} alt", lambda: alt(numbers), *cache_key)
    if show_tables():
        st.markdown(f"**{md_escape(title)}**")
        st.caption(md_escape(description))
        st.dataframe(numbers, hide_index=True, placeholder="", width="stretch", key=f"{key}_table")
        st.download_button("Table as CSV", safe_csv(numbers), file_name=_filename(name) + ".csv", mime="text/csv",
                           key=f"{key}_csv", on_click="ignore", icon=":material/download:")
        return None
    link = absolute_url(view.page, view.filters, extra)
    subtitle = view_words(view.filters, extra)
    footer = f"Source: {DASHBOARD_NAME}, data version {version} · {link}"
    figure = derived_figure(view.data, view.filters, f"{name} framed",
                     lambda: finished(framed(build(), title=title, subtitle=subtitle, footer=footer)), link, *cache_key)
    config = {
        "displaylogo": False,
        "modeBarButtons": [["toImage"]],
        "toImageButtonOptions": {"format": st.session_state.get("img_format") or "png", "filename": _filename(name),
                                 "width": 1200, "height": figure.layout.height, "scale": 2},
        "scrollZoom": False,
    }
    kwargs: dict[str, Any] = {"on_select": "rerun", "selection_mode": "points"} if selectable else {}
    event = st.plotly_chart(figure, key=key, config=config, alt=description, **kwargs)
    return clicked(event) if selectable else None


def axis_events() -> list[tuple[pd.Timestamp, str]]:
    """The context events every time axis draws, unless the link says `events=off`."""
    if st.query_params.get("events") == "off":
        return []
    return [(pd.Timestamp(e.date), e.label) for e in current().data.record.events]


def events_param() -> list[tuple[str, str]]:
    return [("events", "off")] if st.query_params.get("events") == "off" else []


def page_params(*pairs: tuple[str, str] | None) -> list[tuple[str, str]]:
    """A page's own link parameters (None for one not in use), with the switches every page keeps."""
    out = [p for p in pairs if p]
    out += events_param()
    if show_tables():
        out.append(("show", "table"))
    return out
