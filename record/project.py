"""Facts about the project itself, in one place: its name, where its repository is (for
correction reports) and where the dashboard is served (for the links in the data feed)."""

from __future__ import annotations

import os
from urllib.parse import quote, urlsplit

DASHBOARD_NAME = "Belarus–EU–Ukraine Measures Dashboard"

# The real repository address is not known to the code: set DASHBOARD_REPOSITORY where the
# dashboard is deployed (and when running `make feed`), or replace this placeholder.
PLACEHOLDER_REPOSITORY_URL = "https://github.com/OWNER/belarus-eu-ukraine-measures"
DEFAULT_PUBLIC_URL = "http://localhost:8501"


def _base_url(variable: str, default: str) -> str:
    value = os.environ.get(variable, "").strip() or default
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ValueError(f"{variable}={value!r} is not an http(s) base address such as {default}")
    return value.rstrip("/")


REPOSITORY_URL = _base_url("DASHBOARD_REPOSITORY", PLACEHOLDER_REPOSITORY_URL)
PUBLIC_URL = _base_url("DASHBOARD_PUBLIC_URL", DEFAULT_PUBLIC_URL)
FEED_PATH = "app/static/feed.xml"  # where Streamlit serves static/feed.xml (server.enableStaticServing)


def measure_url(measure_id: str, base: str = PUBLIC_URL) -> str:
    """The address of a measure's page, as the feed links it."""
    return f"{base}/measure?id={quote(measure_id, safe='')}"
