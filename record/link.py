"""The link contract of PRODUCT.md: the filters and page parameters a URL carries, read and written.

Reading a link never fails: each value that is not valid is dropped and named in a notice.
A written link always carries `from` and `to`, so it shows the same period when the record grows.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from record.filters import DATE_MAX, DATE_MIN, Filters
from record.taxonomy import DIRECTIONS, GROUPS

FILTER_PARAMS = ("country", "actor", "target", "from", "to", "type", "direction")
# Parameters that belong to one page, not to the filters: the panel leaves them alone.
PAGE_PARAMS = ("measure", "id", "asof", "q", "view", "chain", "events", "since", "show")
# Added to shared links by social networks and mail tools: never the reader's concern.
TRACKING_PARAMS = ("fbclid", "gclid", "dclid", "msclkid", "igshid", "mc_cid", "mc_eid", "_ga", "ref")
MAX_VALUES = 60
MAX_VALUE_LENGTH = 40


@dataclass(frozen=True)
class Decoded:
    filters: Filters
    notices: list[str] = field(default_factory=list)


def is_tracking(key: str) -> bool:
    return key.startswith("utm_") or key in TRACKING_PARAMS


def shown(value: str, limit: int = 30) -> str:
    """A link value made safe to name in a notice: control characters escaped, long values cut."""
    cleaned = "".join(
        ch if unicodedata.category(ch)[0] != "C" else f"\\x{ord(ch):02x}" for ch in value
    )
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


def parse_day(name: str, raw: str) -> tuple[date | None, str | None]:
    """A day from a link value: (the day, None) or (None, the notice that says why not)."""
    try:
        if len(raw) != 10:
            raise ValueError
        value = date.fromisoformat(raw)
    except ValueError:
        return None, f"Dropped {name}={shown(raw)!r}: not a date (YYYY-MM-DD)."
    if not DATE_MIN <= value <= DATE_MAX:
        return None, f"Dropped {name}={raw}: outside {DATE_MIN.year}–{DATE_MAX.year}."
    return value, None


def first_day(name: str, values: Sequence[str], notices: list[str]) -> date | None:
    if not values:
        return None
    if len(values) > 1:
        notices.append(f"'{name}' was given {len(values)} times; the first was used.")
    value, notice = parse_day(name, values[0])
    if notice:
        notices.append(notice)
    return value


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


def choice(name: str, values: Sequence[str], allowed: Sequence[str], notices: list[str]) -> str | None:
    """One page parameter of a fixed set of values (a tab, a switch); a bad value is named."""
    if not values:
        return None
    picked = _choices(name, values[:1], allowed, notices)
    return picked[0] if picked else None


def decode(
    params: Mapping[str, Sequence[str]],
    defaults: Filters,
    countries: Sequence[str],
) -> Decoded:
    """Filters from URL parameters. `countries` are the codes the record knows, in display order.
    Page parameters and tracking parameters are passed over; any other key is named."""
    notices: list[str] = []
    unknown = sorted(k for k in params if k not in FILTER_PARAMS and k not in PAGE_PARAMS and not is_tracking(k))
    for key in unknown[:5]:
        notices.append(f"Ignored the unknown link parameter {shown(key)!r}.")
    picked = {
        name: _choices(name, list(params.get(name, [])), countries, notices, upper=True)
        for name in ("country", "actor", "target")
    }
    groups = _choices("type", list(params.get("type", [])), list(GROUPS), notices)
    directions = _choices("direction", list(params.get("direction", [])), list(DIRECTIONS), notices)
    start = first_day("from", list(params.get("from", [])), notices)
    end = first_day("to", list(params.get("to", [])), notices)
    if start is not None and end is not None and start > end:
        notices.append(f"Dropped from={start} and to={end}: the start is after the end.")
        start = end = None
    elif start is not None and end is None and start > defaults.end:
        notices.append(f"from={start} is after the record's last date ({defaults.end}): showing that one day.")
        end = start
    elif end is not None and start is None and end < defaults.start:
        notices.append(f"to={end} is before the default start ({defaults.start}): the period starts at {DATE_MIN}.")
        start = DATE_MIN
    return Decoded(
        Filters(
            start=start or defaults.start,
            end=end or defaults.end,
            countries=picked["country"],
            actors=picked["actor"],
            targets=picked["target"],
            groups=groups,
            directions=directions,
        ),
        notices,
    )


def encode(filters: Filters) -> list[tuple[str, str]]:
    """The URL parameters of a view, the period always included."""
    pairs: list[tuple[str, str]] = [("country", c) for c in filters.countries]
    pairs += [("actor", c) for c in filters.actors]
    pairs += [("target", c) for c in filters.targets]
    pairs += [("from", filters.start.isoformat()), ("to", filters.end.isoformat())]
    pairs += [("type", g) for g in filters.groups]
    pairs += [("direction", d) for d in filters.directions]
    return pairs


def as_params(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    """Pairs as the mapping of repeated parameters that `decode` reads and the URL holds."""
    out: dict[str, list[str]] = {}
    for key, value in pairs:
        out.setdefault(key, []).append(value)
    return out


def query_string(filters: Filters, extra: Sequence[tuple[str, str]] = ()) -> str:
    return "?" + urlencode([*encode(filters), *extra])
