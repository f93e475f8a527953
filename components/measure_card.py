"""One measure as the reader checks it: a card with its sources, or a compact row that opens it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.links import measure_href
from components.record_data import derived
from components.text import md_escape, md_link
from components.view import current
from record.actors import actor_name
from record.corrections import correction_url
from record.model import Measure, source_host
from record.taxonomy import DIRECTIONS, GROUPS, PUBLISHER_KINDS, TYPES


def life_line(measure: Measure) -> str:
    """Its dates in words: adopted, in force, valid until, ended."""
    parts = [measure.date.isoformat()]
    if measure.in_force and measure.in_force != measure.date:
        parts.append(f"in force {measure.in_force.isoformat()}")
    if measure.valid_until:
        parts.append(f"valid until {measure.valid_until.isoformat()}")
    if measure.end:
        parts.append(f"last day {measure.end.isoformat()}")
    return " · ".join(parts)


def linked_titles(ids, *, empty: str) -> str:
    """Titles of other measures, each linking to its page with the reader's filters."""
    view = current()
    found = [view.measures[i] for i in ids if i in view.measures]
    if not found:
        return empty
    return "; ".join(f"[{md_escape(m.date.isoformat() + ' ' + m.title)}]({measure_href(m.id, view.filters)})" for m in found)


def source_lines(measure: Measure) -> list[str]:
    publishers = current().data.record.publishers
    out = []
    for i, source in enumerate(measure.sources, start=1):
        pub = publishers.get(source_host(source.url))
        kind = PUBLISHER_KINDS[pub.kind].label.lower() if pub else "unlisted publisher"
        out.append(f"{i}\\. {md_link(source.publisher, source.url)} · _{md_escape(kind)}, {md_escape(source.tier)}_  \n"
                   f"> “{md_escape(source.quote)}”")
    return out


def measure_card(measure: Measure) -> None:
    """A measure's record and its sources, in a bordered box keyed by the measure's id."""
    view = current()
    kind = TYPES[measure.type]
    targets = ", ".join(actor_name(t) for t in measure.targets)
    meta = md_escape(f"{life_line(measure)} · {actor_name(measure.actor)} → {targets} · "
                     f"{GROUPS[kind.group].label}: {kind.label} · {DIRECTIONS[measure.direction]}")
    # One markdown element per card (not one per line): a page of cards stays light to draw.
    parts = [f"**[{md_escape(measure.title)}]({measure_href(measure.id, view.filters)})**  \n:small[:gray[{meta}]]",
             md_escape(measure.summary)]
    if measure.legal_basis:
        parts.append("Legal basis: " + md_escape("; ".join(measure.legal_basis)))
    if measure.aligned:
        parts.append("Aligned: " + md_escape(", ".join(actor_name(c) for c in measure.aligned)))
    if measure.responds_to:
        parts.append("Responds to: " + linked_titles(measure.responds_to, empty="—"))
    answers = view.data.answered_by.get(measure.id, ())
    if answers:
        parts.append("Answered by: " + linked_titles(answers, empty="—"))
    parts += source_lines(measure)
    if measure.note:
        parts.append(":small[:gray[Note: " + md_escape(measure.note) + "]]")
    parts.append(f":small[:gray[id: `{measure.id}` · {md_link('Suggest a correction', correction_url(measure.id, measure.title))}]]")
    with st.container(border=True, key=f"card-{measure.id}"):
        st.markdown("\n\n".join(parts))


def measure_rows(frame: pd.DataFrame, *, limit: int = 50, key: tuple | None = None) -> None:
    """Compact rows, newest first: date, who → whom, title linking to the measure's page. With a
    `key` (what `frame` is, beside the view's filters) the text is built once and shared."""
    view = current()

    def text() -> str:
        rows = frame.nlargest(limit, "date")  # the newest, without sorting every row
        return "\n".join(
            f"- **{d:%Y-%m-%d}** · {md_escape(actor)} → {md_escape(', '.join(actor_name(t) for t in targets))} · "
            f"[{md_escape(title)}]({measure_href(mid, view.filters)}) :small[:gray[{md_escape(group)} · {md_escape(direction)}]]"
            for mid, d, actor, targets, title, group, direction in zip(
                rows["id"], rows["date"], rows["actor_name"], rows["targets"], rows["title"], rows["group_label"],
                rows["direction_label"], strict=True)
        )

    st.markdown(text() if key is None else derived(view.data, view.filters, "measure rows", text, limit, *key))
    if len(frame) > limit:
        st.caption(f"{limit} of {len(frame):,} shown; the Explorer lists all of them.")


def measure_list(frame: pd.DataFrame, *, limit: int = 50) -> None:
    """Cards for the rows of a frame, newest first, with a note when the list is cut."""
    view = current()
    for mid in frame.nlargest(limit, "date")["id"]:
        measure_card(view.measures[mid])
    if len(frame) > limit:
        st.caption(f"{limit} of {len(frame):,} shown; the Explorer lists all of them.")
