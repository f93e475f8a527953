"""The terms that come up next as an iCalendar file: one all-day event per term."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from record.project import DASHBOARD_NAME


def terms_calendar(terms: pd.DataFrame, titles: dict[str, str], link_of, version: str) -> bytes:
    """`terms`: rows of `record.life.upcoming_terms`; `titles`: id -> title; `link_of(id)`: the
    measure's page. Deterministic (no "now"): stamps are the term's own day, so one data version
    always gives the same file. icalendar is imported here, when a reader asks for the file."""
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{DASHBOARD_NAME}//terms {version}//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{DASHBOARD_NAME}: terms that run out")
    for mid, day, keeps in zip(terms["id"], terms["valid_until"], terms["keeps_in_force"], strict=True):
        last: date = day.date()
        event = icalendar.Event()
        event.add("uid", f"{mid}-{last.isoformat()}@belarus-measures")
        event.add("dtstamp", pd.Timestamp(last).to_pydatetime())
        event.add("summary", f"Term ends: {titles[mid]}")
        event.add("dtstart", last)
        event.add("dtend", last + timedelta(days=1))
        kept = "; ".join(titles.get(k, k) for k in keeps)
        event.add("description", f"Last day of the term set by {titles[mid]} (data version {version}). "
                                 f"It keeps in force: {kept}. {link_of(mid)}")
        event.add("url", link_of(mid))
        cal.add_component(event)
    return cal.to_ical()
