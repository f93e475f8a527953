"""`since=<data version>`: only the measures added, changed or ended after that version, each
with what changed (from the changelog's lists)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.text import md_escape
from components.view import current
from record.history import UnknownVersion, since


def since_filter(rows: pd.DataFrame) -> tuple[pd.DataFrame, str | None]:
    """The rows changed after the link's `since` version, with a `change` column; an unknown
    version is named and the rows are left as they are."""
    version = st.query_params.get("since")
    if not version:
        return rows, None
    found = since(current().data.record, version)
    if isinstance(found, UnknownVersion):
        st.warning(md_escape(str(found)[:300]), icon=":material/warning:")
        return rows, None
    said = {mid: "; ".join(f"{e.describe()} in {e.version}" for e in events) for mid, events in found.items()}
    picked = rows[rows["id"].isin(list(said))]
    st.caption(f"Only what was added, changed or ended after data version {md_escape(version)}: {len(picked):,} of "
               f"{len(rows):,} measures.")
    return picked.assign(change=picked["id"].map(said)), version
