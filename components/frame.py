"""Pieces of the page frame: the data alert, empty states, the share control."""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from record.filters import Filters, encode
from record.load import Record


def data_problems(record: Record) -> None:
    """Problems in the data files, on every page; the valid records are still shown."""
    if not record.problems:
        return
    n = len(record.problems)
    st.error(
        f"The data has {n} problem{'s' if n != 1 else ''}; records with a problem are left out, "
        f"the {len(record.measures):,} valid measures are shown.",
        icon=":material/error:",
    )
    with st.expander("Problems in the data files (file:line: message)"):
        st.code("\n".join(str(p) for p in record.problems[:500]), language=None, wrap_lines=True)
        if n > 500:
            st.caption(f"500 of {n} shown; run `make validate` for all.")


def nothing_matches(what: str = "measures") -> None:
    st.info(f"No {what} match these filters. Widen the date range or clear some filters.", icon=":material/search_off:")


def view_link(filters: Filters, defaults: Filters, extra: list[tuple[str, str]] | None = None) -> str:
    """The full address of what is on screen: page path plus every filter."""
    base = st.context.url or ""
    pairs = encode(filters, defaults) + list(extra or [])
    return base + ("?" + urlencode(pairs) if pairs else "")


def share_view(filters: Filters, defaults: Filters, extra: list[tuple[str, str]] | None = None) -> None:
    link = view_link(filters, defaults, extra)
    with st.expander(":material/link: Share this view", expanded=False):
        st.caption("Copy this link (the copy button is at its right): it opens this page with these filters for anyone.")
        st.code(link, language=None, wrap_lines=True)


def heading(title: str, caption: str) -> None:
    st.header(title, anchor=False)
    st.caption(caption)


def describe_filters(filters: Filters) -> str:
    """The filters in words, for captions, downloads and citations."""
    parts = [
        "countries: " + (", ".join(filters.countries) if filters.countries else "all"),
        f"from {filters.start.isoformat()} to {filters.end.isoformat()}",
        "type groups: " + (", ".join(filters.groups) if filters.groups else "all"),
        "directions: " + (", ".join(filters.directions) if filters.directions else "all"),
    ]
    return "; ".join(parts)
