"""The life of a measure: when it started, its last day, and what it was on any given day.

Every page, count, table, test and text that says "in force" asks this module. The rules are
DATA_GUIDE.md's "Dates and the life of a measure":
- a measure starts on `in_force`, else on `date`;
- `end` is the last day it applied (inclusive);
- `valid_until` is the last day its act applies unless renewed; a renewal (`maintaining`) that
  `extends` a measure carries the measure's term to the renewal's own `valid_until`, and renewals of
  renewals carry it further;
- a measure with an `end` ended after that day; one whose term ran out with no renewal expired;
- renewals and one-off events (letters, releases) are never counted as "in force" themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

import numpy as np
import pandas as pd

from record.filters import DATE_MIN, Filters, filter_mask
from record.model import Measure

IN_FORCE = "in-force"
ENDED = "ended"
EXPIRED = "expired"
NOT_YET = "not-yet"
EVENT = "event"
RENEWAL = "renewal"

# What an as-of view lists: standing measures (events and renewals are left out of the counts).
STANDING_STATUSES = (IN_FORCE, ENDED, EXPIRED, NOT_YET)

STATUS_LABELS = {
    IN_FORCE: "In force",
    ENDED: "Ended (lifted or suspended)",
    EXPIRED: "Expired (term not renewed)",
    NOT_YET: "Not yet adopted or in force",
    EVENT: "One-off event",
    RENEWAL: "Renewal of earlier measures",
}

IN_FORCE_DEFINITION = (
    "In force on a day: a standing measure (not a renewal, not a one-off event such as a letter or a "
    "release) that had started by that day (`in_force`, else `date`) and whose last day had not passed: "
    "its `end` (the last day it applied, inclusive), else the last term set by its act or by the renewals "
    "that extend it (`valid_until`); a measure with neither is open-ended."
)


@dataclass(frozen=True)
class Life:
    """`term`: the last day the measure's own act or the renewals extending it keep it in force;
    `last_day`: `end` if it has one, else `term` (None: open-ended)."""

    term: date | None
    last_day: date | None
    extended_by: tuple[str, ...]


def lives(measures: Iterable[Measure]) -> dict[str, Life]:
    """Each measure's term and last day, following `extends` chains (a renewal of a renewal)."""
    by_id = {m.id: m for m in measures}
    extended_by: dict[str, list[str]] = {}
    for m in by_id.values():
        for target in m.extends:
            if target in by_id:
                extended_by.setdefault(target, []).append(m.id)
    terms: dict[str, date | None] = {}

    def term(mid: str, path: frozenset[str]) -> date | None:
        if mid in terms:
            return terms[mid]
        candidates = [by_id[mid].valid_until]
        for renewal in extended_by.get(mid, []):
            if renewal not in path:  # a cycle in the data is the validator's to report, not a hang
                candidates.append(term(renewal, path | {renewal}))
        known = [d for d in candidates if d is not None]
        terms[mid] = max(known) if known else None
        return terms[mid]

    out = {}
    for mid, m in by_id.items():
        t = term(mid, frozenset({mid}))
        out[mid] = Life(t, m.end or t, tuple(sorted(extended_by.get(mid, []), key=lambda r: by_id[r].date)))
    return out


def status_on(frame: pd.DataFrame, on: date) -> pd.Series:
    """What each row of a measures frame was on day `on`: one of STATUS_LABELS' keys."""
    day = pd.Timestamp(on)
    status = np.full(len(frame), IN_FORCE, dtype=object)
    status[(frame["start"] > day).to_numpy()] = NOT_YET
    past = (frame["last_day"].notna() & (frame["last_day"] < day)).to_numpy()
    has_end = frame["end"].notna().to_numpy()
    status[past & has_end] = ENDED
    status[past & ~has_end] = EXPIRED
    status[(frame["direction"] == "maintaining").to_numpy() & (status == IN_FORCE)] = RENEWAL
    status[~frame["standing"].to_numpy(dtype=bool) & (status != NOT_YET)] = EVENT
    return pd.Series(status, index=frame.index, name="status")


def in_force_mask(frame: pd.DataFrame, on: date) -> np.ndarray:
    return (status_on(frame, on) == IN_FORCE).to_numpy()


def as_of(frames, filters: Filters, day: date) -> pd.DataFrame:
    """Measures matching the filters' parties, types and directions that had been adopted or
    announced by `day`, each with its status that day; the date range is replaced by the day."""
    everything = replace(filters, start=DATE_MIN, end=day)
    rows = frames.measures.loc[filter_mask(frames, everything)]
    return rows.assign(status=status_on(rows, day))


def standing_as_of(frames, filters: Filters, day: date) -> pd.DataFrame:
    """The rows an as-of table lists: standing measures with their status that day."""
    rows = as_of(frames, filters, day)
    return rows[rows["status"].isin(STANDING_STATUSES)]


def upcoming_terms(frame: pd.DataFrame, after: date) -> pd.DataFrame:
    """Terms that run out after `after` and that no later renewal in the record carries further:
    the dates an analyst watches (the EU regime's next renewal, a national emergency's term).
    One row per term, with the ids of the measures it keeps in force (a renewal's `extends`, or
    the measure itself)."""
    day = pd.Timestamp(after)
    rows = frame[frame["valid_until"].notna() & (frame["valid_until"] > day) & frame["end"].isna()]
    # A term carried further by a renewal is not the one to watch: the renewal's is.
    rows = rows[rows["term"] == rows["valid_until"]]
    keeps = [list(ext) if ext else [mid] for mid, ext in zip(rows["id"], rows["extends"], strict=True)]
    return rows.assign(keeps_in_force=keeps).sort_values(["valid_until", "date"])


@dataclass(frozen=True)
class Changes:
    """What changed between two days, for the measures the filters' parties, types and
    directions select: `in_force_start` and `in_force_end` agree with the as-of views of those
    days, and in_force_end = in_force_start + entered - ended, measure for measure."""

    start: date
    end: date
    in_force_start: pd.DataFrame
    entered: pd.DataFrame
    ended: pd.DataFrame
    adopted: pd.DataFrame
    in_force_end: pd.DataFrame


def changes_between(frames, filters: Filters, start: date, end: date) -> Changes:
    everything = frames.measures.loc[filter_mask(frames, replace(filters, start=DATE_MIN, end=end))]
    counted = everything[everything["standing"].to_numpy(dtype=bool) & (everything["direction"] != "maintaining").to_numpy()]
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    return Changes(
        start=start,
        end=end,
        in_force_start=everything[in_force_mask(everything, start)],
        entered=counted[(counted["start"] > first) & (counted["start"] <= last)],
        ended=counted[counted["last_day"].notna() & (counted["last_day"] >= first) & (counted["last_day"] < last)
                      & (counted["start"] <= counted["last_day"])],
        adopted=everything[everything["date"] >= first],
        in_force_end=everything[in_force_mask(everything, end)],
    )


def changes_by(changes: Changes, column: str) -> pd.DataFrame:
    """The five counts of a `Changes` per value of `column` (e.g. actor_name, group_label)."""
    parts = {
        f"in force {changes.start.isoformat()}": changes.in_force_start,
        "entered into force": changes.entered,
        "ended or expired": changes.ended,
        "adopted or announced": changes.adopted,
        f"in force {changes.end.isoformat()}": changes.in_force_end,
    }
    table = pd.DataFrame({name: rows[column].astype(str).value_counts() for name, rows in parts.items()}).fillna(0).astype(int)
    table = table.sort_values(list(parts)[-1], ascending=False).rename_axis(column).reset_index()
    return table
