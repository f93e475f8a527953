"""Dynamics: how one side's measure answered the other's, and the monthly balance of pressure."""

import streamlit as st

from components.frame import heading, nothing_matches, share_view
from components.record_data import derived
from components.text import md_escape
from components.view import current
from figures.dynamics import chain_figure, response_chains, side_balance, side_balance_figure

MAX_CHAINS = 12

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
    balance = derived(data, filters, "side balance figure", lambda: side_balance_figure(
        side_balance(rows), marks=sorted(set(marks)), article_date=article.date if article else None))
    st.plotly_chart(
        balance, key="dynamics_balance", config={"displayModeBar": False},
    )
    st.caption(
        "Tightening above the axis, easing below, per month and side; renewals are left out. "
        + (f"The dashed line is the article ({article.date.day} {article.date:%B %Y}); " if article else "")
        + "◆ and dotted lines mark the measures that evidence its signals: "
        + md_escape("; ".join(f"{d.isoformat()} {label}" for d, label in sorted(set(marks))))
    )

    st.subheader("Action and reaction", anchor=False)
    chains = derived(data, filters, "response chains", lambda: sorted(
        response_chains(rows), key=lambda c: (-len(c.ids), -view.measures[c.root].date.toordinal())))
    if not chains:
        nothing_matches("answered measures")
    else:
        shown_chains = {c.root: c for c in chains[:MAX_CHAINS]}
        st.caption(
            f"{len(chains):,} chain{'s' if len(chains) != 1 else ''} of a measure and the measures that answered it"
            + (f"; the {MAX_CHAINS} longest can be picked here, narrow the filters to reach others." if len(chains) > MAX_CHAINS else ".")
        )

        def chain_label(root: str) -> str:
            m, size = view.measures[root], len(shown_chains[root].ids) - 1
            return f"{m.date.isoformat()} · {m.title} → {size} answer{'s' if size > 1 else ''}"

        roots = list(shown_chains)
        linked = st.query_params.get("chain")
        if linked and linked not in shown_chains:
            st.warning("The chain named in the link is not among these; the longest is shown.", icon=":material/warning:")
        root = st.selectbox("Chain", roots, index=roots.index(linked) if linked in shown_chains else 0,
                            format_func=chain_label, key="chain_pick")
        # The chain is kept in the link by its first measure's id (a stable name), not by its label.
        if root != roots[0] or linked:
            st.query_params["chain"] = root
        chain = shown_chains[root]
        figure = derived(data, filters, "chain figure", lambda: chain_figure(rows, chain), root)
        st.plotly_chart(figure, key="dynamics_chain", config={"displayModeBar": False})
        st.markdown("\n".join(
            f"- **{view.measures[reply].date.isoformat()}** {md_escape(view.measures[reply].title)} "
            f"([record](/timeline?measure={reply}))  \n"
            f"  answers {view.measures[answered].date.isoformat()} {md_escape(view.measures[answered].title)} "
            f"([record](/timeline?measure={answered}))"
            for answered, reply in chain.steps
        ))

share_view([("chain", st.query_params["chain"])] if "chain" in st.query_params else None)
