"""One measure: its record page — dates and life, legal basis, every source with its quote, the
chains and article items it belongs to, and its history in the data."""

import streamlit as st

from components.chart import page_params
from components.measure_card import linked_titles, source_lines
from components.page_head import heading
from components.record_data import derived, derived_rows
from components.share import share_view
from components.text import md_escape, md_link
from components.view import current
from record.actors import actor_name
from record.corrections import correction_url
from record.history import measure_history
from record.life import STATUS_LABELS, status_on
from record.taxonomy import DIRECTIONS, GROUPS, TYPES

view = current()
data, filters = view.data, view.filters
mid = st.query_params.get("id")
measure = view.measures.get(mid) if mid else None

if measure is None:
    heading("One measure", "Every record has its own page: pick one, or open one from any list, chart or table.")
    if mid:
        st.warning(md_escape(f"No measure with the id {mid[:80]!r} is in the record."), icon=":material/warning:")
    newest = sorted(view.measures.values(), key=lambda m: m.date, reverse=True)
    picked = st.selectbox("Measure", [m.id for m in newest], index=None, placeholder="Search by title or id",
                          format_func=lambda i: f"{view.measures[i].date.isoformat()} · {view.measures[i].title}")
    if picked:
        st.query_params["id"] = picked
        st.rerun()
    share_view(page_params())
    st.stop()

kind = TYPES[measure.type]
heading(measure.title, f"{actor_name(measure.actor)} → {', '.join(actor_name(t) for t in measure.targets)} · "
        f"{GROUPS[kind.group].label}: {kind.label} · {DIRECTIONS[measure.direction]}")
row = derived_rows(data, data.defaults, "measure row", lambda: data.frames.measures[data.frames.measures["id"] == measure.id],
                   measure.id)
st.markdown(md_escape(measure.summary))

st.subheader("Dates and life", anchor=False)
life = row.iloc[0]
facts = [("Adopted or announced", measure.date.isoformat())]
if measure.in_force:
    facts.append(("In force from", measure.in_force.isoformat()))
if measure.valid_until:
    facts.append(("Valid until (unless renewed)", measure.valid_until.isoformat()))
if measure.end:
    facts.append(("Last day it applied", measure.end.isoformat()))
elif life["term"] is not None and str(life["term"]) != "NaT" and measure.valid_until != life["term"].date():
    facts.append(("Kept in force by renewals until", life["term"].date().isoformat()))
facts.append((f"Status on the record's last date ({data.last.isoformat()})", STATUS_LABELS[status_on(row, data.last).iloc[0]]))
st.markdown("\n".join(f"- **{md_escape(k)}:** {md_escape(v)}" for k, v in facts))
if measure.extends:
    st.markdown("Renews: " + linked_titles(measure.extends, empty="—"))
if life["extended_by"]:
    st.markdown("Renewed by: " + linked_titles(life["extended_by"], empty="—"))
if measure.legal_basis:
    st.markdown("**Legal basis:** " + md_escape("; ".join(measure.legal_basis)))
if measure.aligned:
    st.markdown("**Aligned:** " + md_escape(", ".join(actor_name(c) for c in measure.aligned)))

st.subheader("Sources", anchor=False)
st.markdown("\n\n".join(source_lines(measure)))
if measure.note:
    st.caption("Note: " + md_escape(measure.note))

st.subheader("Action and reaction", anchor=False)
st.markdown("**Responds to:** " + linked_titles(measure.responds_to, empty="nothing recorded"))
st.markdown("**Answered by:** " + linked_titles(data.answered_by.get(measure.id, ()), empty="no recorded response"))

article = data.record.article
items = [i for i in (article.items if article else []) if measure.id in {e.measure for e in i.evidence}
         or (i.outcome and measure.id in i.outcome.measures)]
if items:
    st.subheader("In the article's items", anchor=False)
    st.markdown("\n".join(
        f"- **{md_escape(i.title)}** — " + ", ".join(e.stance for e in i.evidence if e.measure == measure.id)
        for i in items))

st.subheader("Its history in the data", anchor=False)
history = derived(data, data.defaults, "measure history", lambda: measure_history(data.record.changelog, measure.id), measure.id)
if history is None or not history.events:
    st.caption("No version of the changelog lists this measure.")
else:
    st.markdown("\n".join(f"- **{md_escape(e.version)}** ({e.date.isoformat()}): {md_escape(e.describe())}" for e in history.events))
st.markdown(md_link("Suggest a correction", correction_url(measure.id, measure.title))
            + " — a prefilled form in the repository: the record's id, what is wrong, and a source.")
st.caption(f"id: `{measure.id}` · data version {md_escape(data.record.version)}")
share_view(page_params(("id", measure.id)), title=measure.title, key="measure")
