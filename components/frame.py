"""Pieces of the page frame: the data alert, empty states, share and cite."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlencode

import streamlit as st

from components.view import current
from record.filters import Filters, encode
from record.load import Record

DASHBOARD_NAME = "Belarus–EU–Ukraine Measures Dashboard"


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


def describe_filters(filters: Filters) -> str:
    """The filters in words, for captions, downloads and citations."""
    parts = [
        "countries: " + (", ".join(filters.countries) if filters.countries else "all"),
        f"from {filters.start.isoformat()} to {filters.end.isoformat()}",
        "type groups: " + (", ".join(filters.groups) if filters.groups else "all"),
        "directions: " + (", ".join(filters.directions) if filters.directions else "all"),
    ]
    return "; ".join(parts)


def view_link(filters: Filters, defaults: Filters, extra: list[tuple[str, str]] | None = None) -> str:
    """The full address of what is on screen: page path plus every filter."""
    base = st.context.url or ""
    pairs = encode(filters, defaults) + list(extra or [])
    return base + ("?" + urlencode(pairs) if pairs else "")


def citation(page_title: str, filters: Filters, version: str, link: str, accessed: str) -> str:
    return (
        f"{DASHBOARD_NAME}. “{page_title}” view ({describe_filters(filters)}). "
        f"Data version {version}. {link} (accessed {accessed})."
    )


def today() -> str:
    """The date of access for a citation (the only place the dashboard reads the clock)."""
    return datetime.now(UTC).date().isoformat()


def share_view(extra: list[tuple[str, str]] | None = None) -> None:
    """“Share this view” and “Cite this view”: the whole link, and a plain citation with the
    data version and the date of access."""
    view = current()
    link = view_link(view.filters, view.data.defaults, extra)
    accessed = today()
    # A popover, not an expander: its content (and the code viewer behind its copy button) is
    # drawn only when opened, so the share block costs a page nothing until it is used.
    with st.popover("Share or cite this view", icon=":material/link:"):
        st.caption("The link opens this page with these filters for anyone (copy button at its right).")
        st.code(link, language=None, wrap_lines=True)
        st.caption("Cite this view:")
        st.code(citation(view.page_title, view.filters, view.data.record.version, link, accessed), language=None, wrap_lines=True)


def heading(title: str, caption: str) -> None:
    st.header(title, anchor=False)
    st.caption(caption)
