"""The article side by side: its claims, signals and advice, and what the record shows."""

import pandas as pd
import streamlit as st

from components.chart import page_params
from components.links import measure_href
from components.page_head import heading
from components.record_data import derived
from components.share import share_view
from components.text import md_escape, md_link
from components.view import current
from record.model import Evidence
from record.taxonomy import ITEM_KINDS, STANCES, VERDICTS

view = current()
data, filters, rows = view.data, view.filters, view.rows
article = data.record.article
STANCE_BADGE = {"supports": ":green-badge[supports]", "contradicts": ":red-badge[contradicts]",
                "context": ":gray-badge[context]"}
VERDICT_BADGE = {"held": ":green-badge[held]", "partly": ":orange-badge[partly]", "did-not": ":red-badge[did not]",
                 "too-early": ":gray-badge[too early]"}
GROUP_HEADINGS = {"claim": "Claims", "signal": "Signals to the West", "signal-to-kyiv": "Signal to Kyiv",
                  "recommendation": "Recommendation"}

heading(
    "The article side by side",
    f"Left: what the article{f' of {article.date.day} {article.date:%B %Y}' if article else ''} said. Right: the measures "
    "that bear on it and what happened next. Evidence follows the sidebar filters.",
)

in_view = derived(data, filters, "ids in view", lambda: frozenset(rows["id"]))


def evidence_line(e: Evidence) -> str:
    """One evidence record as one markdown item: stance, date, title (a link to its page), how it
    bears on the item, and each source with its quote (one element per list keeps the page light)."""
    m = view.measures[e.measure]
    sources = "  \n".join(
        f"  {md_link(s.publisher, s.url)} ({s.tier}): “{md_escape(s.quote)}”" for s in m.sources
    )
    note = f"  \n  _{md_escape(e.note)}_" if e.note else ""
    return (f"- {STANCE_BADGE[e.stance]} **{m.date.isoformat()}** [{md_escape(m.title)}]({measure_href(m.id, filters)})"
            f"{note}  \n{sources}")


def evidence_text(evidence: list[Evidence], key: str) -> str:
    """The evidence in view as markdown, then a line on what the filters hide (or that there is
    none): built once per view and item (`key`, the item's id)."""
    def build() -> str:
        shown = [e for e in evidence if e.measure in in_view]
        hidden = len(evidence) - len(shown)
        lines = "\n".join(evidence_line(e) for e in shown)
        note = (f":gray[:small[{hidden} evidence record{'s are' if hidden > 1 else ' is'} outside the current filters.]]"
                if hidden else "" if evidence else ":gray[:small[No evidence linked yet.]]")
        return "\n\n".join(p for p in (lines, note) if p)

    return derived(data, filters, "article evidence text", build, key)


def right_column(*parts: str) -> None:
    """The right-hand side of an item as one element: each message costs the server a delta."""
    st.markdown("\n\n".join(p for p in parts if p), width="stretch")


if article is None:
    st.warning("The article file is missing or not valid; see the data problems above.")
else:
    st.markdown(
        f"**{md_link(article.title, article.url)}** · {md_escape(article.publisher)} · "
        f"{article.date.isoformat()}" + (f" · {md_escape(article.author)}" if article.author else "")
    )
    st.subheader("The verdicts at a glance", anchor=False)
    summary = pd.DataFrame([{
        "kind": ITEM_KINDS[i.kind], "item": i.title, "verdict": VERDICTS[i.verdict] if i.verdict else "not judged",
        "as of": i.outcome.as_of if i.outcome else None, "evidence": f"#item-{i.id}", "the article's words": i.quote,
    } for i in article.items])
    # Tall enough for every row: the verdicts are the page's answer, not a table to scroll.
    st.dataframe(summary, hide_index=True, placeholder="", width="stretch", key="article_verdicts",
                 height=38 + 35 * len(summary), column_config={
        "the article's words": st.column_config.TextColumn(width="large"),
        "as of": st.column_config.DateColumn(format="YYYY-MM-DD"),
        "evidence": st.column_config.LinkColumn("Evidence", display_text="read", help="Down to its evidence and outcome"),
    })
    # Each item's two sides stay side by side from tablet width up (a horizontal container wraps
    # them as soon as the text is wider than half the page) and stack on a phone, as columns do.
    st.html("<style>@media (min-width: 640px){[class*='st-key-item-'],[class*='st-key-position-']"
            "{flex-wrap:nowrap!important}[class*='st-key-item-']>*,[class*='st-key-position-']>*"
            "{flex:1 1 0!important;min-width:0!important}}</style>")
    for kind in ITEM_KINDS:
        items = [i for i in article.items if i.kind == kind]
        if not items:
            continue
        st.subheader(GROUP_HEADINGS[kind], anchor=False)
        for item in items:
            st.html(f'<a id="item-{item.id}"></a>')  # the verdicts table's "read" links land here
            # Side by side in one horizontal container: with the anchor, four messages per item
            # (columns cost three blocks more, and every block is one more message of every rerun).
            with st.container(border=True, key=f"item-{item.id}", horizontal=True, gap="medium"):
                badge = f" {VERDICT_BADGE[item.verdict]}" if item.verdict else ""
                st.markdown(f"**{md_escape(item.title)}**{badge}\n\n{md_escape(item.text)}\n\n> “{md_escape(item.quote)}”",
                            width="stretch")
                outcome = (f"**What happened next** (as of {item.outcome.as_of.isoformat()})\n\n"
                           + md_escape(item.outcome.text)) if item.outcome else ""
                right_column("**Evidence**", evidence_text(item.evidence, f"item-{item.id}"), outcome)
    if article.positions:
        st.subheader("Readers' positions beside the record", anchor=False)
        st.caption("Comments under a republished copy, stated as the positions they argue.")
        for position in article.positions:
            with st.container(border=True, key=f"position-{position.id}", horizontal=True, gap="medium"):
                label = f"Comment {position.comment}" if position.comment else "Comment"
                st.markdown(f"**{label}:** {md_escape(position.position)}", width="stretch")
                right_column(evidence_text(position.evidence, f"position-{position.id}"))

st.caption("Stances: " + ", ".join(f"{STANCE_BADGE[k]} {v.lower()}" for k, v in STANCES.items()))
share_view(page_params())
