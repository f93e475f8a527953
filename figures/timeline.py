"""The timeline: one lane per actor, markers for point events, bars for measures with a span."""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go

from figures.style import DIRECTION_COLOURS, GROUP_COLOURS, base_layout, direction_legend
from record.taxonomy import DIRECTION_SYMBOLS, GROUPS

HOVER = "<b>%{customdata[1]}</b><br>%{customdata[2]} · %{customdata[3]}<br>%{customdata[4]}<extra></extra>"
MAX_MARKERS = 5000


def lane_order(frame: pd.DataFrame) -> list[str]:
    """Lanes: Minsk first, then the EU and its members, Ukraine, others; busiest first within."""
    side_rank = {"minsk": 0, "eu": 1, "ukraine": 2, "others": 3}
    counts = frame.groupby("actor_name", observed=True).agg(n=("id", "size"), side=("side", "first"))
    counts["rank"] = counts["side"].astype(str).map(side_rank).astype(int)
    return counts.sort_values(["rank", "n"], ascending=[True, False]).index.tolist()


def _customdata(rows: pd.DataFrame) -> list[list[str]]:
    return [
        [r.id, r.title, r.date.strftime("%Y-%m-%d"), r.type_label, r.direction_label]
        for r in rows.itertuples(index=False)
    ]


def timeline_figure(frame: pd.DataFrame, *, start: date, end: date) -> go.Figure:
    """`frame`: filtered measures. Colour = type group, symbol = direction."""
    lanes = lane_order(frame)
    fig = go.Figure()
    spans = frame[frame["end"].notna()]
    points = frame[frame["end"].isna()]
    sampled = len(points) > MAX_MARKERS
    if sampled:
        points = points.sample(MAX_MARKERS, random_state=0).sort_values("date")
    for key, group in GROUPS.items():
        rows = spans[spans["group"] == key]
        has_points = bool((points["group"] == key).any())
        if len(rows):
            duration = (rows["end"] - rows["start"]).dt.total_seconds() * 1000
            fig.add_trace(
                go.Bar(
                    name=group.label, legendgroup=key, showlegend=not has_points,
                    orientation="h", y=rows["actor_name"], base=rows["start"], x=duration,
                    marker={"color": group.colour, "opacity": 0.6, "line": {"width": 0}},
                    customdata=_customdata(rows), hovertemplate=HOVER, width=0.5,
                )
            )
        rows = points[points["group"] == key]
        if len(rows):
            fig.add_trace(
                go.Scatter(
                    name=group.label, legendgroup=key, mode="markers",
                    x=rows["date"], y=rows["actor_name"],
                    marker={
                        "color": group.colour, "size": 11,
                        "symbol": [DIRECTION_SYMBOLS[d] for d in rows["direction"]],
                        "line": {"width": 1, "color": "rgba(0,0,0,0.5)"},
                    },
                    customdata=_customdata(rows), hovertemplate=HOVER,
                )
            )
    direction_legend(fig)
    entries = sum(1 for t in fig.data if t.showlegend is not False)
    base_layout(fig, height=60 + 42 * max(len(lanes), 1), legend_entries=entries)
    fig.update_layout(barmode="overlay", clickmode="event+select", dragmode="pan")
    fig.update_yaxes(categoryorder="array", categoryarray=lanes, autorange="reversed", title=None, automargin=True)
    fig.update_xaxes(type="date", range=[pd.Timestamp(start), pd.Timestamp(end) + pd.Timedelta(days=1)], title=None)
    if sampled:
        fig.add_annotation(
            text=f"{MAX_MARKERS:,} of {len(frame):,} point events drawn (random sample); the table has all",
            xref="paper", yref="paper", x=0, y=-0.08, showarrow=False, font={"size": 11},
        )
    return fig


def monthly_balance(frame: pd.DataFrame) -> pd.DataFrame:
    """Count of tightening, easing and maintaining measures per month (by `date`)."""
    if frame.empty:
        return pd.DataFrame(columns=["month", "tightening", "easing", "maintaining", "net"])
    months = frame["date"].dt.to_period("M").dt.to_timestamp()
    table = (
        pd.crosstab(months, frame["direction"].astype(str))
        .reindex(columns=["tightening", "easing", "maintaining"], fill_value=0)
        .rename_axis("month")
        .reset_index()
    )
    table["net"] = table["tightening"] - table["easing"]
    return table


def balance_figure(balance: pd.DataFrame, *, height: int = 260) -> go.Figure:
    """Tightening above the axis, easing below; renewals drawn grey above tightening."""
    fig = go.Figure()
    fig.add_trace(go.Bar(x=balance["month"], y=balance["tightening"], name="Tightening",
                         marker_color=DIRECTION_COLOURS["tightening"],
                         hovertemplate="%{x|%b %Y}: %{y} tightening<extra></extra>"))
    fig.add_trace(go.Bar(x=balance["month"], y=balance["maintaining"], name="Maintaining",
                         marker_color=DIRECTION_COLOURS["maintaining"],
                         hovertemplate="%{x|%b %Y}: %{y} renewals<extra></extra>"))
    fig.add_trace(go.Bar(x=balance["month"], y=-balance["easing"], name="Easing",
                         marker_color=DIRECTION_COLOURS["easing"], customdata=balance["easing"],
                         hovertemplate="%{x|%b %Y}: %{customdata} easing<extra></extra>"))
    base_layout(fig, height=height, legend_entries=3)
    fig.update_layout(barmode="relative", bargap=0.1)
    fig.update_yaxes(title="measures per month", zeroline=True, zerolinewidth=1)
    fig.update_xaxes(type="date", title=None)
    return fig


def group_counts_by_month(frame: pd.DataFrame) -> pd.DataFrame:
    if frame.empty:
        return pd.DataFrame(columns=["month", "group_label", "count"])
    months = frame["date"].dt.to_period("M").dt.to_timestamp()
    return (
        frame.assign(month=months)
        .groupby(["month", "group"], observed=True)
        .size()
        .rename("count")
        .reset_index()
    )


def small_timeline_figure(frame: pd.DataFrame, *, height: int = 220) -> go.Figure:
    """Measures per month, stacked by type group: the overview's glance at the period."""
    counts = group_counts_by_month(frame)
    fig = go.Figure()
    for key, group in GROUPS.items():
        rows = counts[counts["group"] == key]
        if len(rows):
            fig.add_trace(go.Bar(x=rows["month"], y=rows["count"], name=group.label,
                                 marker_color=GROUP_COLOURS[key],
                                 hovertemplate=f"%{{x|%b %Y}}: %{{y}} {group.label.lower()}<extra></extra>"))
    base_layout(fig, height=height)
    fig.update_layout(barmode="stack", showlegend=False, bargap=0.05)
    fig.update_xaxes(type="date", title=None)
    fig.update_yaxes(title="per month")
    return fig
