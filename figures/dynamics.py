"""Action and reaction (chains drawn from `responds_to`) and the monthly balance of pressure
by side, with the article's date and its signals marked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from figures.style import DIRECTION_COLOURS, GROUP_COLOURS, MONTH_TICKS, MONTHLY, base_layout, count_axis, time_axis
from record.actors import SIDES
from record.frames import month_start
from record.taxonomy import DIRECTION_SYMBOLS


@dataclass(frozen=True)
class Chain:
    """A measure and every measure that answers it, directly or through other answers."""

    root: str
    steps: tuple[tuple[str, str], ...]  # (answered id, answering id), in date order of the answer

    @property
    def ids(self) -> list[str]:
        return list(dict.fromkeys([self.root, *(b for _, b in self.steps)]))


def response_chains(frame: pd.DataFrame) -> list[Chain]:
    """Chains among the rows of `frame`; links to measures outside it are not followed."""
    present = set(frame["id"])
    dates = dict(zip(frame["id"], frame["date"], strict=True))
    answers: dict[str, list[str]] = {}
    answered_by_something: set[str] = set()
    for mid, targets in zip(frame["id"], frame["responds_to"], strict=True):
        for target in targets:
            if target in present:
                answers.setdefault(target, []).append(mid)
                answered_by_something.add(mid)
    chains = []
    for root in sorted(answers, key=lambda i: dates[i]):
        if root in answered_by_something:
            continue
        steps: list[tuple[str, str]] = []
        queue, seen = [root], {root}
        while queue:
            current = queue.pop(0)
            for reply in sorted(answers.get(current, []), key=lambda i: dates[i]):
                steps.append((current, reply))
                if reply not in seen:
                    seen.add(reply)
                    queue.append(reply)
        chains.append(Chain(root, tuple(sorted(steps, key=lambda s: dates[s[1]]))))
    return chains


def chain_figure(frame: pd.DataFrame, chain: Chain, *, events: list | None = None) -> go.Figure:
    """One chain: its measures on a time axis by actor, an arrow from each measure to its answer."""
    rows = frame.set_index("id").loc[chain.ids]
    lanes = list(dict.fromkeys(rows["actor_name"]))
    fig = go.Figure(
        go.Scatter(
            x=rows["date"], y=rows["actor_name"], mode="markers",
            marker={"size": 13, "color": [GROUP_COLOURS[g] for g in rows["group"]],
                    "symbol": [DIRECTION_SYMBOLS[d] for d in rows["direction"]],
                    "line": {"width": 1, "color": "rgba(0,0,0,0.5)"}},
            customdata=[[i, t, d.strftime("%Y-%m-%d")] for i, t, d in zip(rows.index, rows["title"], rows["date"], strict=True)],
            hovertemplate="<b>%{customdata[1]}</b><br>%{customdata[2]}<extra></extra>",
        )
    )
    for answered, reply in chain.steps:
        a, b = rows.loc[answered], rows.loc[reply]
        fig.add_annotation(
            x=b["date"], y=b["actor_name"], ax=a["date"], ay=a["actor_name"], xref="x", yref="y", axref="x", ayref="y",
            showarrow=True, arrowhead=3, arrowsize=1.2, arrowwidth=1.4, arrowcolor="#888", standoff=8, startstandoff=8,
        )
    base_layout(fig, height=80 + 48 * len(lanes))
    pad = max((rows["date"].max() - rows["date"].min()) * 0.05, pd.Timedelta(days=10))
    fig.update_xaxes(type="date", title=None)
    time_axis(fig, (rows["date"].min() - pad, rows["date"].max() + pad), events)
    fig.update_yaxes(categoryorder="array", categoryarray=list(reversed(lanes)), title=None, automargin=True, fixedrange=True)
    fig.update_layout(showlegend=False, dragmode=False)
    return fig


def side_balance(frame: pd.DataFrame) -> pd.DataFrame:
    """Per month and side: tightening, easing, and their difference (renewals left out)."""
    columns = ["month", "side", "tightening", "easing", "net"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    moved = frame[frame["direction"] != "maintaining"]
    months = month_start(moved["date"])
    table = (
        pd.crosstab([months.rename("month"), moved["side"].astype(str).rename("side")], moved["direction"].astype(str))
        .reindex(columns=["tightening", "easing"], fill_value=0)
        .reset_index()
    )
    table["net"] = table["tightening"] - table["easing"]
    return table[columns]


def side_balance_figure(table: pd.DataFrame, *, marks: list[tuple[date, str]], article_date: date | None,
                        events: list | None = None, period: tuple | None = None) -> go.Figure:
    """One small panel per side, tightening up and easing down; the article and its signals marked.
    With no tightening or easing at all (renewals only, or nothing), one empty panel says so."""
    sides = [s for s in SIDES if s in set(table["side"])]
    fig = make_subplots(rows=max(len(sides), 1), cols=1, shared_xaxes=True, vertical_spacing=0.06,
                        subplot_titles=[SIDES[s] for s in sides] or ["No tightening or easing among these measures"])
    for i, side in enumerate(sides, start=1):
        rows = table[table["side"] == side]
        fig.add_trace(go.Bar(x=rows["month"], y=rows["tightening"], name="Tightening", **MONTHLY,
                             marker_color=DIRECTION_COLOURS["tightening"],
                             showlegend=i == 1, legendgroup="t",
                             hovertemplate=f"{SIDES[side]} · %{{x|%b %Y}}: %{{y}} tightening<extra></extra>"), row=i, col=1)
        fig.add_trace(go.Bar(x=rows["month"], y=-rows["easing"], name="Easing", **MONTHLY, marker_color=DIRECTION_COLOURS["easing"],
                             customdata=rows["easing"], showlegend=i == 1, legendgroup="e",
                             hovertemplate=f"{SIDES[side]} · %{{x|%b %Y}}: %{{customdata}} easing<extra></extra>"), row=i, col=1)
    # One line across all panels per mark (yref="paper"), not one per panel: fewer shapes to draw.
    if article_date is not None:
        fig.add_shape(type="line", x0=pd.Timestamp(article_date), x1=pd.Timestamp(article_date), y0=0, y1=1,
                      xref="x", yref="paper", line={"width": 2, "dash": "dash", "color": "#444"})
        fig.add_annotation(x=pd.Timestamp(article_date), y=1, yref="paper", text=f"article {article_date.day} {article_date:%b %Y}",
                           showarrow=False, yanchor="bottom", font={"size": 11})
    for day, label in marks:
        fig.add_shape(type="line", x0=pd.Timestamp(day), x1=pd.Timestamp(day), y0=0, y1=1, xref="x", yref="paper",
                      line={"width": 1, "dash": "dot", "color": "#2E86C1"})
        fig.add_annotation(x=pd.Timestamp(day), y=0, yref="paper", text="◆", hovertext=label, showarrow=False,
                           font={"color": "#2E86C1", "size": 12}, yanchor="top")
    base_layout(fig, height=90 + 150 * max(len(sides), 1), legend_entries=2)
    fig.update_layout(barmode="relative", bargap=0.1, margin_t=46)
    fig.update_xaxes(type="date", tickformatstops=MONTH_TICKS)
    fig.update_yaxes(**count_axis(max([*table["tightening"], *table["easing"], 0])))
    return time_axis(fig, period, events)
