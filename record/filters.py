"""The filter contract of PRODUCT.md: `country`, `from`, `to`, `type`, `direction` in the URL.

Decoding a link never fails: each value that is not valid is dropped and named in a notice.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from urllib.parse import urlencode

import numpy as np
import pandas as pd

from record.frames import Frames, status_on
from record.taxonomy import DIRECTIONS, GROUPS

PARAMS = ("country", "from", "to", "type", "direction")
MAX_VALUES = 60
MAX_VALUE_LENGTH = 40
# The widest range a link may ask for: before Belarus's independence nothing is in scope.
DATE_MIN = date(1991, 1, 1)
DATE_MAX = date(2099, 12, 31)


@dataclass(frozen=True)
class Filters:
    start: date
    end: date
    countries: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    directions: tuple[str, ...] = ()

    def is_default(self, defaults: Filters) -> bool:
        return self == defaults


@dataclass(frozen=True)
class Decoded:
    filters: Filters
    notices: list[str] = field(default_factory=list)


def shown(value: str, limit: int = 30) -> str:
    """A link value made safe to name in a notice: control characters escaped, long values cut."""
    cleaned = "".join(
        ch if unicodedata.category(ch)[0] != "C" else f"\\x{ord(ch):02x}" for ch in value
    )
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


def _choices(
    name: str, values: Sequence[str], allowed: Sequence[str], notices: list[str], *, upper: bool = False
) -> tuple[str, ...]:
    kept: list[str] = []
    if len(values) > MAX_VALUES:
        notices.append(f"'{name}' was given {len(values)} times; only the first {MAX_VALUES} were read.")
        values = values[:MAX_VALUES]
    allowed_set = set(allowed)
    for raw in values:
        value = raw.strip()
        value = value.upper() if upper else value.lower()
        if len(raw) > MAX_VALUE_LENGTH or value not in allowed_set:
            notices.append(f"Dropped {name}={shown(raw)!r}: not a known value.")
        elif value not in kept:
            kept.append(value)
    order = {v: i for i, v in enumerate(allowed)}
    return tuple(sorted(kept, key=order.__getitem__))


def _date(name: str, values: Sequence[str], notices: list[str]) -> date | None:
    if not values:
        return None
    if len(values) > 1:
        notices.append(f"'{name}' was given {len(values)} times; the first was used.")
    raw = values[0]
    try:
        if len(raw) != 10:
            raise ValueError
        value = date.fromisoformat(raw)
    except ValueError:
        notices.append(f"Dropped {name}={shown(raw)!r}: not a date (YYYY-MM-DD).")
        return None
    if not DATE_MIN <= value <= DATE_MAX:
        notices.append(f"Dropped {name}={raw}: outside {DATE_MIN.year}–{DATE_MAX.year}.")
        return None
    return value


def decode(
    params: Mapping[str, Sequence[str]],
    defaults: Filters,
    countries: Sequence[str],
) -> Decoded:
    """Filters from URL parameters. `countries` are the codes the record knows, in display order."""
    notices: list[str] = []
    unknown = sorted(k for k in params if k not in PARAMS)
    for key in unknown[:5]:
        notices.append(f"Ignored the unknown link parameter {shown(key)!r}.")
    picked_countries = _choices("country", list(params.get("country", [])), countries, notices, upper=True)
    groups = _choices("type", list(params.get("type", [])), list(GROUPS), notices)
    directions = _choices("direction", list(params.get("direction", [])), list(DIRECTIONS), notices)
    start = _date("from", list(params.get("from", [])), notices)
    end = _date("to", list(params.get("to", [])), notices)
    if start is not None and end is not None and start > end:
        notices.append(f"Dropped from={start} and to={end}: the start is after the end.")
        start = end = None
    return Decoded(
        Filters(
            start=start or defaults.start,
            end=end or defaults.end,
            countries=picked_countries,
            groups=groups,
            directions=directions,
        ),
        notices,
    )


def encode(filters: Filters, defaults: Filters) -> list[tuple[str, str]]:
    """The URL parameters of a view; values equal to the defaults are left out."""
    pairs: list[tuple[str, str]] = [("country", c) for c in filters.countries]
    if filters.start != defaults.start:
        pairs.append(("from", filters.start.isoformat()))
    if filters.end != defaults.end:
        pairs.append(("to", filters.end.isoformat()))
    pairs += [("type", g) for g in filters.groups]
    pairs += [("direction", d) for d in filters.directions]
    return pairs


def as_params(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    """Pairs as the mapping of repeated parameters that `decode` reads and the URL holds."""
    out: dict[str, list[str]] = {}
    for key, value in pairs:
        out.setdefault(key, []).append(value)
    return out


def query_string(filters: Filters, defaults: Filters) -> str:
    pairs = encode(filters, defaults)
    return ("?" + urlencode(pairs)) if pairs else ""


def filter_mask(frames: Frames, filters: Filters) -> np.ndarray:
    """Rows of `frames.measures` that match: a country matches when it is the actor or a target."""
    m = frames.measures
    mask = ((m["date"] >= pd.Timestamp(filters.start)) & (m["date"] <= pd.Timestamp(filters.end))).to_numpy()
    if filters.groups:
        mask = mask & m["group"].isin(filters.groups).to_numpy()
    if filters.directions:
        mask = mask & m["direction"].isin(filters.directions).to_numpy()
    if filters.countries:
        parties = frames.parties
        hit = np.zeros(len(m), dtype=bool)
        hit[parties.loc[parties["code"].isin(filters.countries), "row"].to_numpy()] = True
        mask = mask & hit
    return mask


def apply_filters(frames: Frames, filters: Filters) -> pd.DataFrame:
    return frames.measures.loc[filter_mask(frames, filters)]


def with_range(filters: Filters, start: date, end: date) -> Filters:
    return replace(filters, start=start, end=end)


def as_of(frames: Frames, filters: Filters, day: date) -> pd.DataFrame:
    """Measures matching the filters' countries, types and directions that had been adopted or
    announced by `day`, each with its status that day; the date range is replaced by the day."""
    everything = replace(filters, start=DATE_MIN, end=day)
    rows = frames.measures.loc[filter_mask(frames, everything)]
    return rows.assign(status=status_on(rows, day))
