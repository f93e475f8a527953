"""What changed between two days, month by month: measures that entered into force (up) and
that ended or expired (down)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from figures.style import DIRECTION_COLOURS, MONTH_TICKS, MONTHLY, base_layout, count_axis, time_axis
from record.frames import month_start


def changes_by_month(entered: pd.DataFrame, ended: pd.DataFrame) -> pd.DataFrame:
    """Per month: how many measures entered into force (by start) and ended or expired (by last day)."""
    table = pd.DataFrame({
        "entered": month_start(entered["start"]).value_counts(),
        "ended": month_start(ended["last_day"]).value_counts(),
    }).fillna(0).astype(int).sort_index()
    return table.rename_axis("month").reset_index()


def changes_figure(table: pd.DataFrame, *, events: list | None = None, period: tuple | None = None) -> go.Figure:
    fig = go.Figure()
    fig.add_trace(go.Bar(x=table["month"], y=table["entered"], name="Entered into force", **MONTHLY,
                         marker_color=DIRECTION_COLOURS["tightening"], hovertemplate="%{x|%b %Y}: %{y} entered<extra></extra>"))
    fig.add_trace(go.Bar(x=table["month"], y=-table["ended"], name="Ended or expired", **MONTHLY,
                         marker_color=DIRECTION_COLOURS["easing"], customdata=table["ended"],
                         hovertemplate="%{x|%b %Y}: %{customdata} ended or expired<extra></extra>"))
    base_layout(fig, height=260, legend_entries=2)
    fig.update_layout(barmode="relative", bargap=0.1)
    fig.update_yaxes(title="measures per month (ended below 0)", zeroline=True,
                     **count_axis(max([*table["entered"], *table["ended"], 0])))
    fig.update_xaxes(type="date", title=None, tickformatstops=MONTH_TICKS)
    return time_axis(fig, period, events)
