"""Shared figure styling, so every chart uses the same colours, symbols and fonts."""

from __future__ import annotations

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


def base_layout(fig: go.Figure, *, height: int, title: str | None = None) -> go.Figure:
    fig.update_layout(
        height=height,
        margin={"l": 8, "r": 8, "t": 40 if title else 10, "b": 8},
        title={"text": title, "x": 0, "font": {"size": 15}} if title else None,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "title": None},
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
