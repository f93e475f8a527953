"""Shared figure styling, so every chart uses the same colours, symbols and fonts."""

from __future__ import annotations

import math

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
