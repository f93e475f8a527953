"""Dynamics: how one side's measure answered the other's, and the monthly balance of pressure."""

import pandas as pd
import streamlit as st

from components.chart import axis_events, chart, page_params
from components.links import measure_href
from components.notices import nothing_matches
from components.page_head import heading
from components.record_data import derived
from components.share import share_view
from components.text import md_escape
from components.view import current
from figures.describe import chain_alt, side_balance_alt
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


def signal_marks() -> list:
    marks = []
    for item in article.items if article else []:
        if item.kind in ("signal", "signal-to-kyiv"):
            marks += [(view.measures[e.measure].date, item.title) for e in item.evidence
                      if e.stance == "supports" and e.measure in view.measures]
    return sorted(set(marks))


def record_link(mid: str) -> str:
    m = view.measures[mid]
    return f"**{m.date.isoformat()}** [{md_escape(m.title)}]({measure_href(mid, filters)})"


chain_root = None
if rows.empty:
    nothing_matches()
else:
    params = page_params()
    marks = signal_marks()
    chart("side balance", lambda: side_balance_figure(side_balance(rows), marks=marks,
                                                      article_date=article.date if article else None, events=axis_events(),
                                                      period=(filters.start, filters.end)),
          title="The balance of pressure: tightening and easing per month, by side", table=lambda: side_balance(rows),
          alt=side_balance_alt, key="dynamics_balance", cache_key=tuple(params), extra=params)
    st.caption(
        "Tightening above the axis, easing below, per month and side; renewals are left out. "
        + (f"The dashed line is the article ({article.date.day} {article.date:%B %Y}); " if article else "")
        + "◆ and dotted lines mark the measures that evidence its signals: "
        + md_escape("; ".join(f"{d.isoformat()} {label}" for d, label in marks))
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
        chain_root = st.selectbox("Chain", roots, index=roots.index(linked) if linked in shown_chains else 0,
                                  format_func=chain_label, key="chain_pick")
        # The chain is kept in the link by its first measure's id (a stable name), not by its label.
        if chain_root != roots[0] or linked:
            st.query_params["chain"] = chain_root
        chain = shown_chains[chain_root]
        steps = pd.DataFrame(
            [{"date": view.measures[i].date.isoformat(), "actor": view.measures[i].actor, "measure": view.measures[i].title,
              "answers": "; ".join(view.measures[a].title for a, b in chain.steps if b == i), "id": i} for i in chain.ids])
        chart("chain", lambda: chain_figure(rows, chain, events=axis_events()),
              title=f"Action and reaction: {view.measures[chain_root].title}",
              table=lambda: steps, alt=chain_alt, key="dynamics_chain", cache_key=(chain_root, *params),
              extra=page_params(("chain", chain_root)))
        st.markdown("\n".join(
            f"- {record_link(reply)}  \n  answers {record_link(answered)}" for answered, reply in chain.steps
        ))

share_view(page_params(("chain", chain_root) if chain_root and "chain" in st.query_params else None))
