"""The record's history, read from the changelog's `added`, `changed` and `ended` lists: when
each measure entered the data, what later versions changed in it, and what is new since a
version. Also the comparison of two states of the record that writes those lists."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal, NamedTuple

from record.model import CHANGEABLE_FIELDS, ChangelogEntry, FieldChange, Measure, version_key

if TYPE_CHECKING:
    from record.load import Record

What = Literal["added", "changed", "ended"]


class Event(NamedTuple):
    """One step of a measure's life in the data (a tuple: cheap to make by the hundred thousand)."""

    version: str
    date: date
    what: What
    fields: tuple[str, ...] = ()  # the fields a "changed" event changed

    def describe(self) -> str:
        if self.what == "changed":
            return "changed: " + ", ".join(self.fields)
        return self.what


@dataclass(frozen=True)
class MeasureHistory:
    id: str
    added_in: str | None  # the version that added it (None only in an invalid changelog)
    changed_in: str | None  # the last version that changed or ended it; None when untouched since added
    events: tuple[Event, ...]  # oldest first


@dataclass(frozen=True)
class UnknownVersion:
    """`since` was asked about a version the changelog does not have: a message to show."""

    version: str
    known: tuple[str, ...]  # newest first

    def __str__(self) -> str:
        listed = ", ".join(self.known) if self.known else "none"
        return f"no data version {self.version!r} in the changelog (versions: {listed})"


def oldest_first(changelog: Iterable[ChangelogEntry]) -> list[ChangelogEntry]:
    return sorted(changelog, key=lambda e: (e.date, version_key(e.version)))


def entry_events(entry: ChangelogEntry) -> Iterable[tuple[str, Event]]:
    """(measure id, event) for everything one version lists, in the order it lists them."""
    for mid in entry.added:
        yield mid, Event(entry.version, entry.date, "added")
    for change in entry.changed:
        yield change.id, Event(entry.version, entry.date, "changed", tuple(change.fields))
    for mid in entry.ended:
        yield mid, Event(entry.version, entry.date, "ended")


def histories(changelog: Sequence[ChangelogEntry]) -> dict[str, MeasureHistory]:
    """Every measure the changelog names, with its history."""
    events: dict[str, list[Event]] = {}
    for entry in oldest_first(changelog):
        for mid, event in entry_events(entry):
            events.setdefault(mid, []).append(event)
    return {mid: _history(mid, steps) for mid, steps in events.items()}


def measure_history(changelog: Sequence[ChangelogEntry], measure_id: str) -> MeasureHistory | None:
    """One measure's history, without building every other one; None when no version names it."""
    steps = []
    for entry in oldest_first(changelog):
        if measure_id in entry.added:
            steps.append(Event(entry.version, entry.date, "added"))
        steps += [Event(entry.version, entry.date, "changed", tuple(c.fields)) for c in entry.changed if c.id == measure_id]
        if measure_id in entry.ended:
            steps.append(Event(entry.version, entry.date, "ended"))
    return _history(measure_id, steps) if steps else None


def _history(mid: str, steps: list[Event]) -> MeasureHistory:
    added = next((e.version for e in steps if e.what == "added"), None)
    later = [e.version for e in steps if e.what != "added"]
    return MeasureHistory(mid, added, later[-1] if later else None, tuple(steps))


def since(record: Record, version: str) -> dict[str, tuple[Event, ...]] | UnknownVersion:
    """The measures added, changed or ended in the versions after `version`, each with those
    events (oldest first); the measures touched most recently come first. An unknown version
    is an `UnknownVersion`, for the page to show."""
    ordered = oldest_first(record.changelog)
    versions = [e.version for e in ordered]
    if version not in versions:
        return UnknownVersion(version, tuple(reversed(versions)))
    known = {m.id for m in record.measures}
    after = ordered[versions.index(version) + 1 :]
    out: dict[str, list[Event]] = {}
    for entry in after:
        for mid, event in entry_events(entry):
            if mid in known:
                out.setdefault(mid, []).append(event)
    rank = {e.version: i for i, e in enumerate(after)}
    newest_first = sorted(out, key=lambda mid: rank[out[mid][-1].version], reverse=True)
    return {mid: tuple(out[mid]) for mid in newest_first}


@dataclass(frozen=True)
class Diff:
    """What a new changelog entry lists, from two states of the record."""

    added: list[str]
    changed: list[FieldChange]
    ended: list[str]
    removed: list[str]  # never allowed (nothing is deleted), reported so the curator sees it


def changed_fields(old: Measure, new: Measure) -> list[str]:
    return [name for name in CHANGEABLE_FIELDS if getattr(old, name) != getattr(new, name)]


def diff_measures(old: Mapping[str, Measure], new: Mapping[str, Measure]) -> Diff:
    """`added`: ids only in `new`. `ended`: measures of `new` with an `end` that had none in
    `old` (or were not in it), so a measure added already ended is listed in both. `changed`:
    the fields that differ, less `end` where the measure is listed as ended."""
    added = [mid for mid in new if mid not in old]
    ended = [mid for mid, m in new.items() if m.end is not None and (mid not in old or old[mid].end is None)]
    changed = []
    for mid, m in new.items():
        if mid not in old:
            continue
        fields = [f for f in changed_fields(old[mid], m) if not (f == "end" and mid in ended)]
        if fields:
            changed.append(FieldChange(id=mid, fields=fields))
    removed = [mid for mid in old if mid not in new]
    return Diff(added, changed, ended, removed)
