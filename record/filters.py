"""Which measures a view shows: the filters and the row masks that apply them.

The filters' names in a link, and how a link is read and written, are record/link.py's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from record.frames import Frames

# The widest range a view may ask for: before Belarus's independence nothing is in scope.
DATE_MIN = date(1991, 1, 1)
DATE_MAX = date(2099, 12, 31)
# The default start of every view: the election that opens the period this record is about.
PERIOD_START = date(2020, 8, 9)


@dataclass(frozen=True)
class Filters:
    """`countries` match a measure's actor or any of its targets; `actors` only its actor;
    `targets` only its targets. Different fields narrow together, values of one widen."""

    start: date
    end: date
    countries: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    directions: tuple[str, ...] = ()


def _party_hit(frames: Frames, codes: tuple[str, ...], role: str | None) -> np.ndarray:
    parties = frames.parties
    picked = parties["code"].isin(codes)
    if role is not None:
        picked &= parties["role"] == role
    hit = np.zeros(len(frames.measures), dtype=bool)
    hit[parties.loc[picked, "row"].to_numpy()] = True
    return hit


def filter_mask(frames: Frames, filters: Filters) -> np.ndarray:
    """Rows of `frames.measures` that match the filters (dated within the range)."""
    m = frames.measures
    mask = ((m["date"] >= pd.Timestamp(filters.start)) & (m["date"] <= pd.Timestamp(filters.end))).to_numpy()
    if filters.groups:
        mask = mask & m["group"].isin(filters.groups).to_numpy()
    if filters.directions:
        mask = mask & m["direction"].isin(filters.directions).to_numpy()
    if filters.countries:
        mask = mask & _party_hit(frames, filters.countries, None)
    if filters.actors:
        mask = mask & m["actor"].isin(filters.actors).to_numpy()
    if filters.targets:
        mask = mask & _party_hit(frames, filters.targets, "target")
    return mask


def periods(first: date, last: date, article_date: date | None) -> dict[str, tuple[str, date, date]]:
    """The panel's date presets: key -> (label, start, end). Fixed days, never "today"."""
    out = {
        "election": ("Since the 2020 election", PERIOD_START, last),
        "invasion": ("Since the invasion", date(2022, 2, 24), last),
    }
    if article_date is not None:
        # Two months either side of the article: the signals it read and what came right after.
        month = pd.Timestamp(article_date).to_period("M")
        out["article"] = ("Around the article", (month - 2).start_time.date(), (month + 2).end_time.date())
    out["all"] = ("The whole record", first, last)
    return {k: v for k, v in out.items() if v[1] <= v[2]}
