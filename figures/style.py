"""Shared figure styling, so every chart uses the same colours, symbols and fonts."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from record.taxonomy import DIRECTION_SYMBOLS, DIRECTIONS, GROUPS

GROUP_COLOURS = {key: g.colour for key, g in GROUPS.items()}
TIGHTENING_COLOUR = "#C0392B"
EASING_COLOUR = "#2E86C1"
MAINTAINING_COLOUR = "#95A5A6"
DIRECTION_COLOURS = {
    "tightening": TIGHTENING_COLOUR,
    "easing": EASING_COLOUR,
    "maintaining": MAINTAINING_COLOUR,
}

# Bars of monthly counts: each as wide as its month (a single month is not one bar across the
# whole axis); ticks name months, or years when zoomed out.
MONTHLY = {"xperiod": "M1", "xperiodalignment": "middle"}
MONTH_TICKS = [{"dtickrange": [None, "M11"], "value": "%b %Y"}, {"dtickrange": ["M11", None], "value": "%Y"}]


def base_layout(fig: go.Figure, *, height: int, title: str | None = None, legend_entries: int = 0) -> go.Figure:
    """Common layout. The legend sits below the x axis in a bottom margin sized for two
    entries a row (a phone), so that it never covers the data or the axis labels."""
    top = 40 if title else 10
    bottom = 8 + (34 + 22 * math.ceil(legend_entries / 2) if legend_entries else 0)
    plot_height = max(height - top, 80)
    fig.update_layout(
        height=plot_height + bottom,
        margin={"l": 8, "r": 8, "t": top, "b": bottom},
        title={"text": title, "x": 0, "font": {"size": 15}} if title else None,
        showlegend=legend_entries > 0,
        legend={"orientation": "h", "yanchor": "top", "y": -34 / plot_height, "x": 0, "title": None},
        hoverlabel={"align": "left"},
        font={"size": 12},
    )
    return fig


def direction_legend(fig: go.Figure) -> None:
    """Legend entries for the direction symbols (the data traces are keyed by colour/group)."""
    for key, label in DIRECTIONS.items():
        fig.add_trace(
            go.Scatter(
                x=[None], y=[None], mode="markers", name=label,
                marker={"symbol": DIRECTION_SYMBOLS[key], "color": "#888", "size": 9},
                legendgroup="direction", hoverinfo="skip", showlegend=True,
            )
        )


def framed(fig: go.Figure, *, title: str, subtitle: str, footer: str) -> go.Figure:
    """The chart as it travels: its title and the view in words above it, the source, data
    version and link below it, so a saved image says what it shows and where it came from."""
    top = fig.layout.margin.t or 10
    bottom = fig.layout.margin.b or 8
    lines = _wrap(subtitle)
    fig.update_layout(
        title={"text": f"<b>{_html(title)}</b><br><span style='font-size:11px'>" + "<br>".join(map(_html, lines)) + "</span>",
               "x": 0, "xanchor": "left", "y": 1, "yanchor": "top", "yref": "container", "pad": {"t": 16, "l": 4},
               "font": {"size": 15}},
        margin={"t": top + 56 + 14 * len(lines), "b": bottom + 36},
        height=(fig.layout.height or 300) + 82 + 14 * len(lines),
    )
    fig.add_annotation(text=_html(footer), xref="paper", yref="paper", x=0, xanchor="left", y=0, yanchor="top",
                       yshift=-(bottom + 4), showarrow=False, font={"size": 10}, align="left")
    return fig


def _wrap(text: str, width: int = 100) -> list[str]:
    """A long subtitle as lines (plotly does not wrap text)."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines


def _html(text: str) -> str:
    """Plotly reads a small HTML subset in titles: text from the record is escaped for it."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def add_context_events(fig: go.Figure, events: list[tuple[object, str]], within: tuple[object, object] | None = None) -> go.Figure:
    """Labelled vertical lines for the context events (day, label) across every panel. Only the
    events `within` the data's dates are drawn (a line outside would stretch the axis); labels
    alternate between two heights so that events close together stay readable."""
    if within is not None:
        first, last = (pd.Timestamp(d) for d in within)
        events = [(day, label) for day, label in events if first <= pd.Timestamp(day) <= last]
    # One layout update for all of them: add_shape/add_annotation one at a time re-walk the
    # figure's subplots on every call (9 events: 36 ms that way, 4 ms this way, the same JSON).
    shapes = [{"type": "line", "x0": day, "x1": day, "y0": 0, "y1": 1, "xref": "x", "yref": "paper",
               "line": {"width": 1, "dash": "dot", "color": "rgba(128,128,128,0.8)"}, "layer": "below"}
              for day, _ in events]
    labels = [{"x": day, "y": 1 if i % 2 == 0 else 0.55, "xref": "x", "yref": "paper", "text": _html(label),
               "showarrow": False, "textangle": -90, "xanchor": "right", "yanchor": "top",
               "font": {"size": 9, "color": "rgba(128,128,128,1)"}} for i, (day, label) in enumerate(events)]
    if events:
        fig.update_layout(shapes=[*fig.layout.shapes, *shapes], annotations=[*fig.layout.annotations, *labels])
    return fig


def count_axis(largest: float) -> dict:
    """A count axis that ticks at whole numbers only: plotly's automatic ticks fall on halves
    when the largest count is small, so those get a tick per unit."""
    return {"tickformat": ",d", "dtick": 1 if largest <= 6 else None, "tick0": 0}


def time_axis(fig: go.Figure, period: tuple | None, events: list | None) -> go.Figure:
    """A time axis over the view's period (when given) with the context events inside it."""
    if period is not None:
        start, end = pd.Timestamp(period[0]), pd.Timestamp(period[1]) + pd.Timedelta(days=1)
        fig.update_xaxes(range=[start, end])
        return add_context_events(fig, events or [], within=(start, end))
    return add_context_events(fig, events or [])
