"""One measure with its sources, as the reader checks it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.text import md_escape, md_link
from record.actors import actor_name
from record.model import Measure
from record.taxonomy import DIRECTIONS, GROUPS, TYPES


def measure_card(measure: Measure) -> None:
    """A measure's record and its sources, in a bordered box keyed by the measure's id."""
    kind = TYPES[measure.type]
    dates = f"{measure.date.isoformat()}"
    if measure.in_force and measure.in_force != measure.date:
        dates += f" · in force {measure.in_force.isoformat()}"
    if measure.end:
        dates += f" · ended {measure.end.isoformat()}"
    targets = ", ".join(actor_name(t) for t in measure.targets)
    meta = md_escape(f"{dates} · {actor_name(measure.actor)} → {targets} · "
                     f"{GROUPS[kind.group].label}: {kind.label} · {DIRECTIONS[measure.direction]}")
    # One markdown element per card (not one per line): a page of cards stays light to draw.
    parts = [f"**{md_escape(measure.title)}**  \n:small[:gray[{meta}]]", md_escape(measure.summary)]
    if measure.legal_basis:
        parts.append("Legal basis: " + md_escape("; ".join(measure.legal_basis)))
    if measure.aligned:
        parts.append("Aligned: " + md_escape(", ".join(actor_name(c) for c in measure.aligned)))
    if measure.responds_to:
        parts.append("Responds to: " + md_escape(", ".join(measure.responds_to)))
    parts += [
        f"{i}\\. {md_link(source.publisher, source.url)} · _{md_escape(source.tier)}_  \n> “{md_escape(source.quote)}”"
        for i, source in enumerate(measure.sources, start=1)
    ]
    if measure.note:
        parts.append(":small[:gray[Note: " + md_escape(measure.note) + "]]")
    parts.append(f":small[:gray[id: `{measure.id}`]]")
    with st.container(border=True, key=f"card-{measure.id}"):
        st.markdown("\n\n".join(parts))


def measure_list(frame: pd.DataFrame, measures: dict[str, Measure], *, limit: int = 50) -> None:
    """Cards for the rows of a frame, newest first, with a note when the list is cut."""
    for mid in frame.nlargest(limit, "date")["id"]:  # the newest, without sorting every row
        measure_card(measures[mid])
    if len(frame) > limit:
        st.caption(f"{limit} of {len(frame):,} shown; the Explorer lists all of them.")
