"""Addresses inside the dashboard: a page with the reader's filters, relative for links on the
page (so they work under `server.baseUrlPath`) or absolute for sharing and citing."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlencode

import streamlit as st

from components.view import current
from record.filters import Filters
from record.link import encode


def _base_path() -> str:
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}" if base else ""


def page_href(page: str, filters: Filters, extra: Sequence[tuple[str, str]] = ()) -> str:
    """`/<base>/<page>?<filters>&<extra>`: a link from one page of the dashboard to another."""
    return f"{_base_path()}/{page}?{urlencode([*encode(filters), *extra])}"


def measure_href(measure_id: str, filters: Filters) -> str:
    return page_href("measure", filters, [("id", measure_id)])


def absolute_url(page: str, filters: Filters, extra: Sequence[tuple[str, str]] = ()) -> str:
    """The full address of a page with these filters, as the reader's browser reaches the app."""
    here = (st.context.url or "").rstrip("/")
    this_page = current().page
    app = here.removesuffix(f"/{this_page}") if this_page else here
    path = f"/{page}" if page else "/"
    return f"{app}{path}?{urlencode([*encode(filters), *extra])}"
