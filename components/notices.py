"""What a page says when something is off: problems in the data, values dropped from the link,
and filters that match nothing."""

from __future__ import annotations

import streamlit as st

from components.text import md_escape
from record.load import Record


def data_problems(record: Record) -> None:
    """Problems in the data files, on every page; every record that could be read is still shown."""
    if not record.problems:
        return
    n = len(record.problems)
    st.error(
        f"The data has {n} problem{'s' if n != 1 else ''}; records that could not be read are left out, "
        f"the {len(record.measures):,} valid measures are shown.",
        icon=":material/error:",
    )
    with st.expander("Problems in the data files (file:line: message)"):
        st.code("\n".join(str(p) for p in record.problems[:500]), language=None, wrap_lines=True)
        if n > 500:
            st.caption(f"500 of {n} shown; run `make validate` for all.")


def dropped_values(notices: list[str]) -> None:
    """Say which values of the opened link were dropped, while its view is still shown."""
    if notices:
        st.warning("Some values in this link were not valid and were dropped:\n\n" + "\n".join(
            f"- {md_escape(n)}" for n in notices[:12]
        ), icon=":material/warning:")


def nothing_matches(what: str = "measures") -> None:
    st.info(f"No {what} match these filters. Widen the date range or clear some filters.", icon=":material/search_off:")
