"""The link a reader follows to report that a record is wrong: GitHub's "new issue" page with
the correction form (.github/ISSUE_TEMPLATE/correction.yml) chosen and the record filled in."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from record.project import REPOSITORY_URL

TEMPLATE = "correction.yml"
RECORD_FIELD = "record-id"  # the id of the form's field, which GitHub fills from the query parameter of that name
TITLE_PREFIX = "Correction: "


def correction_url(measure_id: str, title: str, repository: str = REPOSITORY_URL) -> str:
    """The prefilled "new issue" address for one measure (every value percent-encoded)."""
    query = {"template": TEMPLATE, "title": f"{TITLE_PREFIX}{title}", RECORD_FIELD: measure_id}
    return f"{repository.rstrip('/')}/issues/new?{urlencode(query, quote_via=quote)}"
