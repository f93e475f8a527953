"""The life of a measure at its edges: first day, last day (inclusive), terms and renewals."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from record.filters import Filters
from record.frames import build_frames
from record.life import as_of, changes_between, in_force_mask, status_on, upcoming_terms
from record.load import load_record
from tests.conftest import FIXTURE_DATA, ROOT


@pytest.fixture(scope="module")
def frames():
    return build_frames(load_record(FIXTURE_DATA).measures)


def status(frames, mid: str, day: date) -> str:
    m = frames.measures
    return status_on(m[m["id"] == mid], day).iloc[0]


@pytest.mark.parametrize(("day", "expected"), [
    (date(2022, 4, 14), "not-yet"), (date(2022, 4, 15), "in-force"), (date(2022, 5, 15), "in-force"), (date(2022, 5, 16), "ended"),
])
def test_end_is_the_last_day_it_applied(frames, day, expected) -> None:
    assert status(frames, "by-2022-04-15-visa-free-sample", day) == expected


def test_in_force_starts_on_in_force_not_on_date(frames) -> None:
    assert status(frames, "ua-2021-05-25-flights-sample", date(2021, 5, 25)) == "not-yet"
    assert status(frames, "ua-2021-05-25-flights-sample", date(2021, 5, 26)) == "in-force"


@pytest.mark.parametrize(("day", "expected"), [
    (date(2022, 2, 28), "in-force"),   # its own term's last day
    (date(2022, 3, 1), "in-force"),    # carried by the renewal that extends it
    (date(2023, 2, 28), "in-force"),   # the renewal's last day
    (date(2023, 3, 1), "expired"),     # no later renewal: the term ran out
])
def test_a_renewal_keeps_what_it_extends_in_force(frames, day, expected) -> None:
    assert status(frames, "eu-2020-10-02-listings-sample", day) == expected
    renewal = status(frames, "eu-2022-02-24-renewal-sample", day)
    assert renewal == ("renewal" if day <= date(2023, 2, 28) else "expired")


def test_upcoming_terms_name_what_they_keep_in_force(frames) -> None:
    terms = upcoming_terms(frames.measures, date(2022, 4, 15))
    assert list(terms["id"]) == ["eu-2022-02-24-renewal-sample"]
    assert list(terms["keeps_in_force"]) == [["eu-2020-10-02-listings-sample"]]
    assert upcoming_terms(frames.measures, date(2023, 2, 28)).empty


def test_changes_between_two_days_agree_with_as_of(frames) -> None:
    filters = Filters(start=date(2000, 1, 1), end=date(2030, 1, 1))
    for start, end in [(date(2021, 1, 1), date(2022, 4, 18)), (date(2022, 2, 24), date(2022, 5, 16)),
                       (date(2022, 5, 15), date(2023, 3, 1)), (date(2020, 1, 1), date(2020, 1, 1))]:
        c = changes_between(frames, filters, start, end)
        at_start = as_of(frames, filters, start)
        at_end = as_of(frames, filters, end)
        assert set(c.in_force_start["id"]) == set(at_start.loc[at_start["status"] == "in-force", "id"])
        assert set(c.in_force_end["id"]) == set(at_end.loc[at_end["status"] == "in-force", "id"])
        assert set(c.in_force_end["id"]) == (set(c.in_force_start["id"]) | set(c.entered["id"])) - set(c.ended["id"])


def test_the_articles_visa_free_signal_on_the_real_record() -> None:
    """In force on 15 May 2022 (the last day of the window), ended on 16 May."""
    record = load_record(ROOT / "data")
    item = next(i for i in record.article.items if "visa" in i.title.lower())
    frames = build_frames(record.measures)
    m = frames.measures
    window = m[m["id"].isin([e.measure for e in item.evidence]) & (m["type"] == "visa-regime") & (m["start"] == "2022-04-15")]
    assert len(window) == 1, "the article's visa-free window is one record"
    assert in_force_mask(window, date(2022, 5, 15)).all()
    day_after = status_on(window, date(2022, 5, 15) + timedelta(days=1)).iloc[0]
    assert day_after in ("ended", "expired"), day_after
