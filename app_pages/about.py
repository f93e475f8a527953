"""Method and sources: taxonomy, source tiers, coverage, how to cite, the data changelog."""

import pandas as pd
import streamlit as st

from components.chart import page_params
from components.page_head import heading
from components.record_data import derived
from components.share import share_view
from components.text import md_escape
from components.view import current
from record.life import IN_FORCE_DEFINITION
from record.project import DASHBOARD_NAME, FEED_PATH
from record.quality import coverage_by_actor_and_year, hosts_by_kind, records_by_best_kind
from record.taxonomy import DIRECTIONS, GROUPS, PUBLISHER_KINDS, TIERS, TYPES

view = current()
data, filters = view.data, view.filters
record = data.record
measures = data.frames.measures

heading("Method and sources", f"{len(record.measures):,} measures, {len(record.publishers):,} publishers, "
        f"{len(record.events):,} context events.")

st.subheader("What counts as a measure", anchor=False)
st.markdown(
    "One record per measure as its actor announced it: a listing package is one record (the number of "
    "persons and entities is in its summary), a renewal is its own record with direction *maintaining*, "
    "and a measure that ended keeps its end date instead of being deleted.\n\n"
    "**Which date.** For legal acts (EU decisions and regulations, national laws, decrees, resolutions) "
    "`date` is the day the act was adopted or signed; entry into force, when it differs, is `in_force`. "
    "For everything else (letters, releases, announcements, border closures by statement) `date` is the day "
    "it was announced or happened, as the source states it.\n\n"
    "**The life of a measure.** `in_force` is the first day it applied; `end` the last day it applied "
    "(inclusive); `valid_until` the last day its act applies unless renewed; a renewal names in `extends` the "
    "measures it keeps in force.\n\n"
    + md_escape(IN_FORCE_DEFINITION).replace("\\`", "`")
)

st.subheader("Taxonomy", anchor=False)
taxonomy = derived(data, data.defaults, "taxonomy table", lambda: pd.DataFrame(
    [{"group": GROUPS[t.group].label, "link value": t.group, "type": t.label, "type key": t.key,
      "standing": "yes" if t.standing else "event", "meaning": t.description} for t in TYPES.values()]
).set_index("group"))
st.table(taxonomy)
st.markdown("Directions: " + "; ".join(f"`{k}` {v.lower()}" for k, v in DIRECTIONS.items()) + ".")

st.subheader("Sources: tiers and publishers", anchor=False)
st.markdown("\n".join(f"- **{k}**: {md_escape(v)}" for k, v in TIERS.items()))
st.markdown("Every host a source uses is listed once in the publishers table (`data/publishers.yaml`) with its kind; "
            "the kind fixes the tier a source there may carry:\n\n" + "\n".join(
                f"- **{md_escape(k.label)}** (`{k.key}`, tier {k.tier}): {md_escape(k.description)}" for k in PUBLISHER_KINDS.values()))
if len(measures):
    st.caption(derived(data, data.defaults, "best tiers", lambda: "Best source of each measure: " + ", ".join(
        f"{k} {v}" for k, v in measures["best_tier"].value_counts().reindex(list(TIERS), fill_value=0).items()) + "."))
    left, right = st.columns(2)
    with left:
        st.markdown("**Records by their best publisher kind**")
        best = derived(data, data.defaults, "records by best kind", lambda: records_by_best_kind(record))
        st.dataframe(best, hide_index=True, placeholder="", width="stretch", key="about_best_kind")
    with right:
        st.markdown("**Hosts and sources by publisher kind**")
        hosts = derived(data, data.defaults, "hosts by kind", lambda: hosts_by_kind(record))
        st.dataframe(hosts, hide_index=True, placeholder="", width="stretch", key="about_hosts_kind")

st.subheader("Coverage by actor and year", anchor=False)
if len(measures):
    st.table(derived(data, data.defaults, "coverage by actor and year", lambda: coverage_by_actor_and_year(measures)))
else:
    st.info("The record holds no valid measures.")

st.subheader("How to cite", anchor=False)
st.markdown(
    "Cite the record with its version and the link of the view you used (every page has "
    "“Share this view”), and the source of each measure you rely on:"
)
st.code(
    f"{DASHBOARD_NAME}, data version {record.version}. <link of the view>. Accessed <date>.",
    language=None, wrap_lines=True,
)
st.caption("“Share or cite this view” gives the same citation ready-made, in BibTeX and RIS too, and every measure's page "
           "gives one for that measure.")

st.subheader("Data changelog", anchor=False)
st.markdown(f"Follow the record's changes: the [Atom feed]({FEED_PATH}) has one entry per added, changed "
            "or ended measure, per data version. The Explorer with `since=<version>` lists what changed after a version.")
if record.changelog:
    st.markdown(derived(data, data.defaults, "changelog text", lambda: "\n\n".join(
        f"**{md_escape(entry.version)}** ({entry.date.isoformat()}) · {len(entry.added):,} added, "
        f"{len(entry.changed):,} changed, {len(entry.ended):,} ended\n\n" + "\n".join(f"- {md_escape(c)}" for c in entry.changes)
        for entry in record.changelog)))
else:
    st.caption("No changelog in the data folder.")

share_view(page_params())
