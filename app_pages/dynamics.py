"""Dynamics: how one side's measure answered the other's, and the monthly balance of pressure."""

import streamlit as st

from components.frame import heading, nothing_matches, share_view
from components.measure_card import measure_card
from components.text import md_escape
from components.view import current
from figures.dynamics import chain_figure, response_chains, side_balance, side_balance_figure

view = current()
data, filters, rows = view.data, view.filters, view.rows
article = data.record.article

heading(
    "Dynamics",
    "Action and reaction drawn from the record's `responds_to` links, and the balance of pressure of each side "
    "per month, with the article's date and its signals marked.",
)

if rows.empty:
    nothing_matches()
else:
    st.subheader("The balance of pressure", anchor=False)
    marks = []
    if article is not None:
        for item in article.items:
            if item.kind in ("signal", "signal-to-kyiv"):
                for e in item.evidence:
                    if e.stance == "supports" and e.measure in view.measures:
                        marks.append((view.measures[e.measure].date, item.title))
    st.plotly_chart(
        side_balance_figure(side_balance(rows), marks=sorted(set(marks)), article_date=article.date if article else None),
        key="dynamics_balance", config={"displayModeBar": False},
    )
    st.caption(
        "Tightening above the axis, easing below, per month and side; renewals are left out. The dashed line is the "
        "article (18 April 2022); ◆ and dotted lines mark the measures that evidence its signals: "
        + md_escape("; ".join(f"{d.isoformat()} {label}" for d, label in sorted(set(marks))))
    )

    st.subheader("Action and reaction", anchor=False)
    chains = response_chains(rows)
    if not chains:
        nothing_matches("answered measures")
    for chain in chains:
        root = view.measures[chain.root]
        label = f"{root.date.isoformat()} · {root.title} → {len(chain.ids) - 1} answer{'s' if len(chain.ids) > 2 else ''}"
        with st.expander(label, expanded=len(chains) <= 3):
            st.plotly_chart(chain_figure(rows, chain), key=f"chain-{chain.root}", config={"displayModeBar": False})
            for answered, reply in chain.steps:
                a, b = view.measures[answered], view.measures[reply]
                st.markdown(
                    f"- **{b.date.isoformat()}** {md_escape(b.title)}  \n"
                    f"  answers {a.date.isoformat()} {md_escape(a.title)}"
                )
            with st.popover("Records and sources"):
                for mid in chain.ids:
                    measure_card(view.measures[mid], context=f"chain-{chain.root}-")

share_view()
