"""The timeline: one lane per actor, markers for point events, bars for measures with a span."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from figures.style import (
    DIRECTION_COLOURS,
    GROUP_COLOURS,
    MONTH_TICKS,
    MONTHLY,
    add_context_events,
    base_layout,
    count_axis,
    direction_legend,
    time_axis,
)
from record.frames import month_start
from record.taxonomy import DIRECTION_SYMBOLS, GROUPS

HOVER = "<b>%{customdata[1]}</b><br>%{customdata[2]} · %{customdata[3]}<br>%{customdata[4]}<extra></extra>"
# Above this many measures single marks overlap into blots on a lane chart (and each one is an SVG
# element the browser must style and lay out: 1,175 marks took 0.4 s of a filter change at
# 10,000 measures): the timeline then draws counts per actor and month instead, and says so.
MAX_MARKS = 600
AGGREGATE = "aggregate"


def lane_order(frame: pd.DataFrame) -> list[str]:
    """Lanes: Minsk first, then the EU and its members, Ukraine, others; busiest first within."""
    side_rank = {"minsk": 0, "eu": 1, "ukraine": 2, "others": 3}
    counts = frame.groupby("actor_name", observed=True).agg(n=("id", "size"), side=("side", "first"))
    counts["rank"] = counts["side"].astype(str).map(side_rank).astype(int)
    return counts.sort_values(["rank", "n"], ascending=[True, False]).index.tolist()


def _customdata(rows: pd.DataFrame) -> np.ndarray:
    return np.column_stack([
        rows["id"].to_numpy(dtype=object),
        rows["title"].to_numpy(dtype=object),
        rows["date"].dt.strftime("%Y-%m-%d").to_numpy(dtype=object),
        rows["type_label"].to_numpy(dtype=object),
        rows["direction_label"].to_numpy(dtype=object),
    ])


def timeline_figure(frame: pd.DataFrame, *, start: date, end: date, events: list | None = None) -> go.Figure:
    """`frame`: filtered measures. Colour = type group, symbol = direction; a click selects a
    measure (customdata[0] is its id). Past MAX_MARKS measures: monthly counts, see below.
    Marks on the same day and lane are set apart vertically so each can be reached."""
    lanes = lane_order(frame)
    aggregate = len(frame) > MAX_MARKS
    fig = _aggregate_timeline(frame, lanes) if aggregate else _mark_timeline(frame, lanes)
    entries = sum(1 for t in fig.data if t.showlegend is not False)
    base_layout(fig, height=60 + 42 * max(len(lanes), 1), legend_entries=entries)
    fig.update_layout(barmode="overlay", clickmode="event+select", dragmode="pan", margin_t=40 if aggregate else 10)
    # Lanes on a numeric axis (so same-day marks can be offset), labelled with the actors' names.
    fig.update_yaxes(tickmode="array", tickvals=list(range(len(lanes))), ticktext=lanes, range=[len(lanes) - 0.5, -0.5],
                     title=None, automargin=True, showgrid=False, zeroline=False)
    pad = max(pd.Timestamp(end) - pd.Timestamp(start), pd.Timedelta(days=30)) * 0.02
    fig.update_xaxes(type="date", range=[pd.Timestamp(start) - pad, pd.Timestamp(end) + pad], title=None)
    add_context_events(fig, events or [], within=(start, end))
    return fig


def _same_day_offsets(rows: pd.DataFrame, lane: pd.Series) -> np.ndarray:
    """Marks on one lane within the same week are spread around the lane's line, a step apart."""
    week = rows["date"].dt.to_period("W").astype(str)
    rank = rows.assign(_lane=lane.to_numpy(), _week=week.to_numpy()).groupby(["_lane", "_week"]).cumcount().to_numpy()
    size = rows.assign(_lane=lane.to_numpy(), _week=week.to_numpy()).groupby(["_lane", "_week"])["id"].transform("size").to_numpy()
    step = np.where(size > 1, np.minimum(0.7 / np.maximum(size - 1, 1), 0.22), 0.0)
    return (rank - (size - 1) / 2) * step


def _mark_timeline(frame: pd.DataFrame, lanes: list[str]) -> go.Figure:
    """Two data traces (bars for spans, markers for the rest) coloured per measure, and one
    legend entry per type group present: few traces keep the chart quick to draw."""
    fig = go.Figure()
    lane_of = {name: i for i, name in enumerate(lanes)}
    spans = frame[frame["last_day"].notna() & frame["standing"] & (frame["direction"] != "maintaining")]
    points = frame.drop(spans.index)
    if len(spans):
        # A bar runs from the first day to the end of the last day it applied (inclusive).
        duration = (spans["last_day"] + pd.Timedelta(days=1) - spans["start"]).dt.total_seconds() * 1000
        fig.add_trace(
            go.Bar(
                name="measures with a span", showlegend=False, orientation="h",
                y=spans["actor_name"].map(lane_of).to_numpy(dtype=float), base=spans["start"], x=duration, width=0.5,
                marker={"color": spans["group"].astype(str).map(GROUP_COLOURS).tolist(), "opacity": 0.6, "line": {"width": 0}},
                customdata=_customdata(spans), hovertemplate=HOVER,
            )
        )
    if len(points):
        fig.add_trace(
            go.Scatter(
                name="measures", showlegend=False, mode="markers", x=points["date"],
                y=points["actor_name"].map(lane_of).to_numpy(dtype=float) + _same_day_offsets(points, points["actor_name"]),
                marker={
                    "color": points["group"].astype(str).map(GROUP_COLOURS).tolist(), "size": 11,
                    "symbol": points["direction"].astype(str).map(DIRECTION_SYMBOLS).tolist(),
                    "line": {"width": 1, "color": "rgba(0,0,0,0.5)"},
                },
                customdata=_customdata(points), hovertemplate=HOVER,
            )
        )
    present = set(frame["group"].astype(str))
    for key, group in GROUPS.items():
        if key in present:
            fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=group.label, hoverinfo="skip",
                                     marker={"color": group.colour, "size": 10, "symbol": "square"}))
    direction_legend(fig)
    return fig


def timeline_counts(frame: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """Measures per actor and period (months, or quarters over more than ten years), with the
    period's most frequent type group: what the timeline draws past MAX_MARKS."""
    span_days = (frame["date"].max() - frame["date"].min()).days if len(frame) else 0
    freq, label = ("M", "month") if span_days <= 3650 else ("Q", "quarter")
    keys = ["actor", "actor_name", "period"]
    by_group = (
        frame.assign(period=frame["date"].dt.to_period(freq))
        .groupby([*keys, "group"], observed=True).size().rename("n").reset_index()
    )
    totals = by_group.groupby(keys, observed=True)["n"].sum().rename("count").reset_index()
    top_group = by_group.sort_values("n", ascending=False, kind="stable").drop_duplicates(keys)[[*keys, "group"]]
    counts = totals.merge(top_group, on=keys)
    counts["group"] = counts["group"].astype(str)
    counts["start"] = counts["period"].dt.start_time
    counts["end"] = counts["period"].dt.end_time.dt.normalize()
    return counts.drop(columns="period"), label


def _aggregate_timeline(frame: pd.DataFrame, lanes: list[str]) -> go.Figure:
    counts, period = timeline_counts(frame)
    lane_of = {name: i for i, name in enumerate(lanes)}
    top = max(int(counts["count"].max()), 1)
    fig = go.Figure()
    for key, group in GROUPS.items():
        rows = counts[counts["group"] == key]
        if rows.empty:
            continue
        fig.add_trace(
            go.Scatter(
                name=f"mostly {group.label.lower()}", legendgroup=key, mode="markers",
                x=rows["start"] + (rows["end"] - rows["start"]) / 2, y=rows["actor_name"].map(lane_of).to_numpy(dtype=float),
                marker={"color": group.colour, "size": 5 + 19 * np.sqrt(rows["count"] / top), "opacity": 0.8,
                        "line": {"width": 0}},
                customdata=np.column_stack([
                    np.full(len(rows), AGGREGATE, dtype=object), rows["actor"].astype(str).to_numpy(dtype=object),
                    rows["start"].dt.strftime("%Y-%m-%d").to_numpy(dtype=object),
                    rows["end"].dt.strftime("%Y-%m-%d").to_numpy(dtype=object), rows["count"].to_numpy(),
                    rows["actor_name"].to_numpy(dtype=object),
                ]),
                hovertemplate="%{customdata[5]} · %{customdata[2]} to %{customdata[3]}<br>%{customdata[4]} measures"
                              "<extra>click to list</extra>",
            )
        )
    fig.add_annotation(
        text=f"{len(frame):,} measures, drawn as counts per actor and {period} (area = count, colour = most frequent type "
        f"group). Click a circle to list its measures; narrow the filters below {MAX_MARKS:,} measures to see each one.",
        xref="paper", yref="paper", x=0, y=1, yanchor="bottom", showarrow=False, font={"size": 11}, align="left",
    )
    return fig


def monthly_balance(frame: pd.DataFrame) -> pd.DataFrame:
    """Count of tightening, easing and maintaining measures per month (by `date`)."""
    if frame.empty:
        return pd.DataFrame(columns=["month", "tightening", "easing", "maintaining", "net"])
    months = month_start(frame["date"])
    table = (
        pd.crosstab(months, frame["direction"].astype(str))
        .reindex(columns=["tightening", "easing", "maintaining"], fill_value=0)
        .rename_axis("month")
        .reset_index()
    )
    table["net"] = table["tightening"] - table["easing"]
    return table


def balance_figure(balance: pd.DataFrame, *, height: int = 260, events: list | None = None, period: tuple | None = None) -> go.Figure:
    """Tightening above the axis, easing below; renewals drawn grey above tightening."""
    fig = go.Figure()
    fig.add_trace(go.Bar(x=balance["month"], y=balance["tightening"], name="Tightening", **MONTHLY,
                         marker_color=DIRECTION_COLOURS["tightening"],
                         hovertemplate="%{x|%b %Y}: %{y} tightening<extra></extra>"))
    fig.add_trace(go.Bar(x=balance["month"], y=balance["maintaining"], name="Maintaining", **MONTHLY,
                         marker_color=DIRECTION_COLOURS["maintaining"],
                         hovertemplate="%{x|%b %Y}: %{y} renewals<extra></extra>"))
    fig.add_trace(go.Bar(x=balance["month"], y=-balance["easing"], name="Easing", **MONTHLY,
                         marker_color=DIRECTION_COLOURS["easing"], customdata=balance["easing"],
                         hovertemplate="%{x|%b %Y}: %{customdata} easing<extra></extra>"))
    base_layout(fig, height=height, legend_entries=3)
    fig.update_layout(barmode="relative", bargap=0.1)
    largest = max([*balance["tightening"] + balance["maintaining"], *balance["easing"], 0])
    fig.update_yaxes(title="measures per month (easing below 0)", zeroline=True, zerolinewidth=1, **count_axis(largest))
    fig.update_xaxes(type="date", title=None, tickformatstops=MONTH_TICKS)
    return time_axis(fig, period, events)


def group_counts_by_month(frame: pd.DataFrame) -> pd.DataFrame:
    if frame.empty:
        return pd.DataFrame(columns=["month", "group_label", "count"])
    months = month_start(frame["date"])
    return (
        frame.assign(month=months)
        .groupby(["month", "group"], observed=True)
        .size()
        .rename("count")
        .reset_index()
    )


def small_timeline_figure(frame: pd.DataFrame, *, height: int = 220, events: list | None = None,
                          period: tuple | None = None) -> go.Figure:
    """Measures per month, stacked by type group: the overview's glance at the period."""
    counts = group_counts_by_month(frame)
    fig = go.Figure()
    for key, group in GROUPS.items():
        rows = counts[counts["group"] == key]
        if len(rows):
            fig.add_trace(go.Bar(x=rows["month"], y=rows["count"], name=group.label, **MONTHLY,
                                 marker_color=GROUP_COLOURS[key],
                                 hovertemplate=f"%{{x|%b %Y}}: %{{y}} {group.label.lower()}<extra></extra>"))
    base_layout(fig, height=height, legend_entries=len(fig.data))
    fig.update_layout(barmode="stack", bargap=0.05)
    fig.update_xaxes(type="date", title=None, tickformatstops=MONTH_TICKS)
    largest = counts.groupby("month")["count"].sum().max() if len(counts) else 0
    fig.update_yaxes(title="measures per month", rangemode="tozero", **count_axis(largest))
    return time_axis(fig, period, events)


def lane_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The timeline's numbers: per lane, its measures, first and last date, and by direction."""
    lanes = lane_order(frame)
    table = frame.groupby("actor_name", observed=True).agg(
        measures=("id", "size"), first=("date", "min"), last=("date", "max"),
        tightening=("direction", lambda d: int((d == "tightening").sum())),
        easing=("direction", lambda d: int((d == "easing").sum())),
        maintaining=("direction", lambda d: int((d == "maintaining").sum())),
    ).reindex(lanes).reset_index().rename(columns={"actor_name": "actor"})
    table["first"] = table["first"].dt.strftime("%Y-%m-%d")
    table["last"] = table["last"].dt.strftime("%Y-%m-%d")
    return table
