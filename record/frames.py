"""The record as pandas frames, reshaped once so that every rerun gets a ready table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from record.actors import actor_name, side_of
from record.life import lives
from record.model import Measure
from record.reader import without_gc
from record.taxonomy import DIRECTIONS, GROUPS, TYPES

MEASURE_COLUMNS = [
    "id", "title", "summary", "actor", "actor_name", "side", "targets", "targets_text",
    "type", "type_label", "group", "group_label", "direction", "direction_label",
    "date", "in_force", "end", "valid_until", "term", "last_day", "start", "standing", "legal_basis", "aligned",
    "responds_to", "extends", "extended_by", "source_count", "best_tier", "sources", "note", "search_text",
]

_TIER_RANK = {"legal": 0, "official": 1, "media": 2}


@dataclass(frozen=True)
class Frames:
    """`measures`: one row per measure; `parties`: one row per (measure row, code, role), role
    being "actor" or "target"; `sources`: one row per source."""

    measures: pd.DataFrame
    parties: pd.DataFrame
    sources: pd.DataFrame


def _dates(values: list[date | None]) -> pd.Series:
    return pd.to_datetime(pd.Series(values, dtype="object"), errors="raise").astype("datetime64[ns]")


@without_gc()
def build_frames(measures: list[Measure]) -> Frames:
    rows = []
    source_rows = []
    party_rows: list[tuple[int, str, str]] = []
    life = lives(measures)
    for i, m in enumerate(measures):
        kind = TYPES[m.type]
        rows.append({
            "id": m.id,
            "title": m.title,
            "summary": m.summary,
            "actor": m.actor,
            "actor_name": actor_name(m.actor),
            "side": side_of(m.actor),
            "targets": tuple(m.targets),
            "targets_text": ", ".join(m.targets),
            "type": m.type,
            "type_label": kind.label,
            "group": kind.group,
            "group_label": GROUPS[kind.group].label,
            "direction": m.direction,
            "direction_label": DIRECTIONS[m.direction],
            "date": m.date,
            "in_force": m.in_force,
            "end": m.end,
            "valid_until": m.valid_until,
            "term": life[m.id].term,
            "last_day": life[m.id].last_day,
            "start": m.in_force or m.date,
            "standing": kind.standing,
            "legal_basis": "; ".join(m.legal_basis),
            "aligned": tuple(m.aligned),
            "responds_to": tuple(m.responds_to),
            "extends": tuple(m.extends),
            "extended_by": life[m.id].extended_by,
            "source_count": len(m.sources),
            "best_tier": min((s.tier for s in m.sources), key=_TIER_RANK.__getitem__),
            "sources": tuple(s.url for s in m.sources),
            "note": m.note or "",
            "search_text": " ".join(
                [m.id, m.title, m.summary, m.actor, actor_name(m.actor), *m.targets, *m.legal_basis,
                 m.note or "", *(s.publisher for s in m.sources)]
            ).lower(),
        })
        party_rows.append((i, m.actor, "actor"))
        party_rows.extend((i, t, "target") for t in m.targets)
        for j, s in enumerate(m.sources):
            source_rows.append({"row": i, "id": m.id, "n": j + 1, "url": s.url, "publisher": s.publisher,
                                "tier": s.tier, "quote": s.quote})
    frame = pd.DataFrame(rows, columns=MEASURE_COLUMNS)
    for col in ("date", "in_force", "end", "valid_until", "term", "last_day", "start"):
        frame[col] = _dates(list(frame[col]))
    for col in ("actor", "side", "type", "group", "direction"):
        frame[col] = frame[col].astype("category") if len(frame) else frame[col]
    parties = pd.DataFrame(party_rows, columns=["row", "code", "role"])
    sources = pd.DataFrame(source_rows, columns=["row", "id", "n", "url", "publisher", "tier", "quote"])
    return Frames(frame, parties, sources)


def month_start(dates: pd.Series) -> pd.Series:
    """The first day of each date's month: the one monthly bucketing of every chart and table."""
    return dates.dt.to_period("M").dt.to_timestamp()
