"""The record as pandas frames, reshaped once so that every rerun gets a ready table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from record.actors import actor_name, side_of
from record.load import without_gc
from record.model import Measure
from record.taxonomy import DIRECTIONS, GROUPS, TYPES

MEASURE_COLUMNS = [
    "id", "title", "summary", "actor", "actor_name", "side", "targets", "targets_text",
    "type", "type_label", "group", "group_label", "direction", "direction_label",
    "date", "in_force", "end", "start", "standing", "legal_basis", "aligned",
    "responds_to", "source_count", "best_tier", "sources", "note", "search_text",
]

_TIER_RANK = {"legal": 0, "official": 1, "media": 2}


@dataclass(frozen=True)
class Frames:
    """`measures`: one row per measure; `parties`: one row per (measure row, actor or target)."""

    measures: pd.DataFrame
    parties: pd.DataFrame
    sources: pd.DataFrame


def _dates(values: list[date | None]) -> pd.Series:
    return pd.to_datetime(pd.Series(values, dtype="object"), errors="raise").astype("datetime64[ns]")


@without_gc()
def build_frames(measures: list[Measure]) -> Frames:
    rows = []
    source_rows = []
    party_rows: list[tuple[int, str]] = []
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
            "start": m.in_force or m.date,
            "standing": kind.standing,
            "legal_basis": "; ".join(m.legal_basis),
            "aligned": tuple(m.aligned),
            "responds_to": tuple(m.responds_to),
            "source_count": len(m.sources),
            "best_tier": min((s.tier for s in m.sources), key=_TIER_RANK.__getitem__),
            "sources": tuple(s.url for s in m.sources),
            "note": m.note or "",
            "search_text": " ".join(
                [m.id, m.title, m.summary, m.actor, actor_name(m.actor), *m.targets, *m.legal_basis,
                 m.note or "", *(s.publisher for s in m.sources)]
            ).lower(),
        })
        party_rows.append((i, m.actor))
        party_rows.extend((i, t) for t in m.targets if t != m.actor)
        for j, s in enumerate(m.sources):
            source_rows.append({"row": i, "id": m.id, "n": j + 1, "url": s.url, "publisher": s.publisher,
                                "tier": s.tier, "quote": s.quote})
    frame = pd.DataFrame(rows, columns=MEASURE_COLUMNS)
    for col in ("date", "in_force", "end", "start"):
        frame[col] = _dates(list(frame[col]))
    for col in ("actor", "side", "type", "group", "direction"):
        frame[col] = frame[col].astype("category") if len(frame) else frame[col]
    parties = pd.DataFrame(party_rows, columns=["row", "code"])
    sources = pd.DataFrame(source_rows, columns=["row", "id", "n", "url", "publisher", "tier", "quote"])
    return Frames(frame, parties, sources)


def in_force_mask(frame: pd.DataFrame, on: date) -> np.ndarray:
    """Standing measures (not renewals, which extend rather than add) that had started by
    `on` and had not ended: what was in force that day."""
    return (status_on(frame, on) == "in-force").to_numpy()

# Statuses of standing measures: what an as-of view lists (events and renewals are left out).
STANDING_STATUSES = ("in-force", "ended", "not-yet")

STATUS_LABELS = {
    "in-force": "In force",
    "ended": "Ended (lifted or expired)",
    "not-yet": "Not yet adopted or in force",
    "event": "One-off event",
    "renewal": "Renewal of an earlier measure",
}


def status_on(frame: pd.DataFrame, on: date) -> pd.Series:
    """What each measure was on a given day: in force, ended, not yet, or not a standing measure."""
    day = pd.Timestamp(on)
    status = np.full(len(frame), "in-force", dtype=object)
    status[(frame["start"] > day).to_numpy()] = "not-yet"
    status[(frame["end"].notna() & (frame["end"] <= day)).to_numpy()] = "ended"
    status[(frame["direction"] == "maintaining").to_numpy() & (status == "in-force")] = "renewal"
    status[~frame["standing"].to_numpy(dtype=bool) & (status != "not-yet")] = "event"
    return pd.Series(status, index=frame.index, name="status")
