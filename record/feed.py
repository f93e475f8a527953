"""The data's news as an Atom feed: one entry per measure added, changed or ended in a data
version, linking the measure's page. Built from the changelog alone, with the versions' dates
as its times, so the same record always gives the same bytes (`make feed`; a test fails when
the committed static/feed.xml is stale)."""

from __future__ import annotations

from datetime import UTC, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from feedgen.feed import FeedGenerator

from record.history import entry_events
from record.load import REPO_ROOT
from record.project import DASHBOARD_NAME, FEED_PATH, PUBLIC_URL, REPOSITORY_URL, measure_url

if TYPE_CHECKING:
    from record.history import Event
    from record.load import Record
    from record.model import Measure

FEED_FILE = REPO_ROOT / "static" / "feed.xml"


def _when(day) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=UTC)


def _entry_text(m: Measure, event: Event) -> tuple[str, str]:
    if event.what == "added":
        title, what = f"Added: {m.title}", "Added to the record."
    elif event.what == "changed":
        title, what = f"Changed: {m.title}", f"Changed in the record: {', '.join(event.fields)}."
    else:
        last = f" Its last day: {m.end.isoformat()}." if m.end else ""
        title, what = f"Ended: {m.title}", f"Recorded as ended.{last}"
    return title, f"{what} Data version {event.version} ({event.date.isoformat()}).\n\n{m.summary}"


def feed_xml(record: Record, base_url: str = PUBLIC_URL) -> bytes:
    """The Atom document, newest version first. Ids the record does not have are left out (the
    validator reports them, unless a version withdrew them); each withdrawn id has its own entry."""
    by_id = {m.id: m for m in record.measures}
    base = base_url.rstrip("/")
    fg = FeedGenerator()
    fg.id(f"{base}/{FEED_PATH}")
    fg.title(f"{DASHBOARD_NAME}: changes to the data")
    fg.subtitle("Measures added, changed or ended in each version of the record.")
    fg.author({"name": DASHBOARD_NAME, "uri": REPOSITORY_URL})
    fg.link(href=f"{base}/{FEED_PATH}", rel="self", type="application/atom+xml")
    fg.link(href=f"{base}/about", rel="alternate", type="text/html")
    fg.language("en")
    fg.updated(_when(record.changelog[0].date) if record.changelog else _when(datetime(2000, 1, 1).date()))
    for entry in record.changelog:  # newest first
        for mid, event in entry_events(entry):
            m = by_id.get(mid)
            if m is None:
                continue
            title, text = _entry_text(m, event)
            fe = fg.add_entry(order="append")
            fe.id(f"{measure_url(mid, base)}#{event.version}-{event.what}")
            fe.title(title)
            fe.link(href=measure_url(mid, base), rel="alternate", type="text/html")
            fe.category(term=event.what)
            fe.published(_when(event.date))
            fe.updated(_when(event.date))
            fe.summary(text)
        for mid in entry.withdrawn:
            fe = fg.add_entry(order="append")
            fe.id(f"{measure_url(mid, base)}#{entry.version}-withdrawn")
            fe.title(f"Withdrawn: {mid}")
            fe.link(href=f"{base}/about", rel="alternate", type="text/html")
            fe.category(term="withdrawn")
            fe.published(_when(entry.date))
            fe.updated(_when(entry.date))
            fe.summary(f"Taken out of the record in data version {entry.version} ({entry.date.isoformat()}); "
                       "the changelog on the About page says why. Its id will not be reused.")
    return fg.atom_str(pretty=True)


def write_feed(record: Record, path: Path = FEED_FILE, base_url: str = PUBLIC_URL) -> bool:
    """Write the feed; True when the file changed."""
    data = feed_xml(record, base_url)
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True
