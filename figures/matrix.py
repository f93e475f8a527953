"""Country matrices: counts of measures by actor and type group, actor and target, and who
aligned with which EU decision. Cells are square markers so that a click selects one."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from figures.style import base_layout
from record.actors import actor_name
from record.taxonomy import GROUPS


def matrix_counts(frame: pd.DataFrame, *, by: str) -> pd.DataFrame:
    """Long table (row, column, count) of the filtered measures.

    by="group": actor × type group; by="target": actor × target (a measure with two targets
    counts once for each).
    """
    if frame.empty:
        return pd.DataFrame(columns=["row", "column", "count"])
    if by == "group":
        table = frame.groupby(["actor", "group"], observed=True).size()
    elif by == "target":
        exploded = frame[["actor", "targets"]].explode("targets")
        table = exploded.groupby(["actor", "targets"], observed=True).size()
    else:
        raise ValueError(f"unknown matrix {by!r}")
    out = table.rename("count").reset_index()
    out.columns = ["row", "column", "count"]
    out["row"] = out["row"].astype(str)
    out["column"] = out["column"].astype(str)
    return out[out["count"] > 0].reset_index(drop=True)


def alignment_table(frame: pd.DataFrame, *, latest: int | None = None) -> pd.DataFrame:
    """Long table (measure id, decision label, country) of EU decisions with alignment; with
    `latest`, only that many of the most recent decisions."""
    eu = frame[(frame["actor"] == "EU") & (frame["aligned"].map(len) > 0)]
    if latest is not None:
        eu = eu.sort_values("date").tail(latest)
    if eu.empty:
        return pd.DataFrame(columns=["id", "decision", "country"])
    rows = eu[["id", "date", "title", "aligned"]].explode("aligned")
    rows["decision"] = rows["date"].dt.strftime("%Y-%m-%d") + " " + rows["title"].str.slice(0, 48)
    return rows.rename(columns={"aligned": "country"})[["id", "decision", "country"]].reset_index(drop=True)


def _labels(codes: list[str], kind: str) -> list[str]:
    if kind == "group":
        return [GROUPS[c].short for c in codes]
    return [actor_name(c) for c in codes]


# More measures read as more ink against the page: dark on a light page, light on a dark one.
SCALES = {
    False: [[0.0, "#c6dbef"], [1.0, "#08306b"]],
    True: [[0.0, "#1d3557"], [1.0, "#cfe6ff"]],
}


def matrix_figure(counts: pd.DataFrame, *, row_kind: str = "actor", column_kind: str, dark: bool = False) -> go.Figure:
    """Square cells sized and shaded by count, with the count written in each cell; `dark` for a
    dark page, so that a larger count reads as the stronger cell in either theme."""
    rows = sorted(counts["row"].unique(), key=lambda c: actor_name(c) if row_kind == "actor" else c)
    if column_kind == "group":
        columns = [g for g in GROUPS if g in set(counts["column"])]
    else:
        columns = sorted(counts["column"].unique(), key=actor_name)
    row_labels = dict(zip(rows, _labels(rows, row_kind), strict=True))
    col_labels = dict(zip(columns, _labels(columns, column_kind), strict=True))
    top = max(int(counts["count"].max()), 1) if len(counts) else 1
    share = np.sqrt(counts["count"].to_numpy() / top)
    fig = go.Figure(
        go.Scatter(
            x=[col_labels[c] for c in counts["column"]],
            y=[row_labels[r] for r in counts["row"]],
            mode="markers+text",
            text=counts["count"].astype(str),
            textfont={"color": [("black" if dark else "white") if s > 0.55 else ("white" if dark else "black") for s in share],
                      "size": 11},
            marker={
                "symbol": "square", "size": 16 + 14 * share,
                "color": counts["count"], "colorscale": SCALES[dark], "cmin": 0, "cmax": top,
                "line": {"width": 0},
            },
            customdata=np.stack([counts["row"], counts["column"], counts["count"]], axis=-1),
            hovertemplate="%{y} → %{x}: %{customdata[2]} measures<extra>click to list</extra>",
        )
    )
    base_layout(fig, height=150 + 40 * max(len(rows), 1))
    fig.update_layout(clickmode="event+select", dragmode=False, showlegend=False)
    fig.update_xaxes(
        categoryorder="array", categoryarray=[col_labels[c] for c in columns], side="top",
        tickangle=-40, title=None, automargin=True, showgrid=True, fixedrange=True,
    )
    fig.update_yaxes(
        categoryorder="array", categoryarray=[row_labels[r] for r in reversed(rows)],
        title=None, automargin=True, showgrid=True, fixedrange=True,
    )
    return fig


def alignment_figure(table: pd.DataFrame) -> go.Figure:
    decisions = list(dict.fromkeys(table["decision"]))
    countries = sorted(table["country"].unique(), key=actor_name)
    fig = go.Figure(
        go.Scatter(
            x=[actor_name(c) for c in table["country"]],
            y=table["decision"],
            mode="markers",
            marker={"symbol": "square", "size": 16, "color": "#0072B2"},
            customdata=np.stack([table["id"], table["country"]], axis=-1),
            hovertemplate="%{x} aligned with<br>%{y}<extra>click to show</extra>",
        )
    )
    base_layout(fig, height=130 + 30 * max(len(decisions), 1))
    fig.update_layout(clickmode="event+select", dragmode=False, showlegend=False)
    fig.update_xaxes(categoryorder="array", categoryarray=[actor_name(c) for c in countries],
                     side="top", tickangle=-40, title=None, automargin=True, fixedrange=True)
    fig.update_yaxes(categoryorder="array", categoryarray=list(reversed(decisions)),
                     title=None, automargin=True, fixedrange=True)
    return fig
