"""Text alternatives of the charts, written from the numbers each chart draws (its table)."""

from __future__ import annotations

import pandas as pd

from record.actors import SIDES, actor_name
from record.taxonomy import GROUPS


def _month(ts) -> str:
    return pd.Timestamp(ts).strftime("%B %Y")


def monthly_groups_alt(counts: pd.DataFrame) -> str:
    """`counts`: month, group, count."""
    if counts.empty:
        return "Bar chart of measures per month: no measures."
    per_month = counts.groupby("month")["count"].sum()
    per_group = counts.groupby("group", observed=True)["count"].sum().sort_values(ascending=False)
    top = ", ".join(f"{GROUPS[g].label.lower()} {n}" for g, n in per_group.head(3).items())
    return (f"Bar chart of measures per month, stacked by type group: {int(per_month.sum())} measures in "
            f"{len(per_month)} months from {_month(per_month.index.min())} to {_month(per_month.index.max())}. "
            f"The busiest month is {_month(per_month.idxmax())} with {int(per_month.max())}. Largest groups: {top}.")


def balance_alt(balance: pd.DataFrame) -> str:
    """`balance`: month, tightening, easing, maintaining."""
    if balance.empty:
        return "Monthly balance of tightening and easing: no measures."
    t, e, m = (int(balance[c].sum()) for c in ("tightening", "easing", "maintaining"))
    worst = balance.loc[balance["tightening"].idxmax()]
    text = (f"Bars per month from {_month(balance['month'].min())} to {_month(balance['month'].max())}: {t} tightening "
            f"above the axis, {e} easing below it, {m} renewals in grey. Most tightening in {_month(worst['month'])} "
            f"({int(worst['tightening'])}).")
    if e:
        most = balance.loc[balance["easing"].idxmax()]
        text += f" Most easing in {_month(most['month'])} ({int(most['easing'])})."
    return text


def lanes_alt(table: pd.DataFrame) -> str:
    """`table`: actor, measures, first, last (one row per lane)."""
    if table.empty:
        return "Timeline: no measures."
    busiest = ", ".join(f"{a} {n}" for a, n in zip(table["actor"].head(4), table["measures"].head(4), strict=False))
    return (f"Timeline with one lane per actor ({len(table)} lanes, {int(table['measures'].sum())} measures, "
            f"{table['first'].min()} to {table['last'].max()}); busiest lanes: {busiest}. "
            "Each mark is a measure, bars span the days a measure applied.")


def matrix_alt(counts: pd.DataFrame, *, columns: str) -> str:
    """`counts`: row, column, count."""
    if counts.empty:
        return "Count matrix: no measures."
    top = counts.sort_values("count", ascending=False).head(3)
    label = (lambda c: GROUPS[c].label) if columns == "group" else actor_name
    cells = "; ".join(f"{actor_name(r)} → {label(c)}: {n}" for r, c, n in zip(top["row"], top["column"], top["count"], strict=True))
    return (f"Matrix of {counts['row'].nunique()} actors by {counts['column'].nunique()} "
            f"{'type groups' if columns == 'group' else 'targets'}, {int(counts['count'].sum())} counts in all. "
            f"Largest cells: {cells}.")


def alignment_alt(table: pd.DataFrame) -> str:
    """`table`: id, decision, country."""
    if table.empty:
        return "Alignment: no EU decision with recorded alignment."
    per_country = table.groupby("country").size().sort_values(ascending=False)
    return (f"{table['decision'].nunique()} EU decisions and the {len(per_country)} countries that aligned with them; "
            f"most often: " + ", ".join(f"{actor_name(c)} {n}" for c, n in per_country.head(4).items()) + ".")


def side_balance_alt(table: pd.DataFrame) -> str:
    """`table`: month, side, tightening, easing, net."""
    if table.empty:
        return "Balance of pressure by side: no tightening or easing among these measures."
    sums = table.groupby("side")[["tightening", "easing"]].sum()
    return "Monthly tightening and easing by side: " + "; ".join(
        f"{SIDES.get(side, side)} {int(r.tightening)} tightening, {int(r.easing)} easing" for side, r in sums.iterrows()) + "."


def chain_alt(steps: pd.DataFrame) -> str:
    """`steps`: date, actor, measure, answers."""
    if steps.empty:
        return "Chain: no steps."
    return (f"A chain of {len(steps)} measures from {steps['date'].min()} to {steps['date'].max()} between "
            + ", ".join(dict.fromkeys(steps["actor"])) + "; arrows lead from each measure to the one that answered it.")
