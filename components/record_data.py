"""The loaded record for the app: read once per change of the data files, then shared."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

import pandas as pd
import streamlit as st

from record.actors import actor_name
from record.filters import PERIOD_START, Filters, filter_mask, periods
from record.frames import Frames, build_frames
from record.load import Record, data_dir_from_env, fingerprint, load_record
from record.model import Measure

T = TypeVar("T")

# The three sides of the article come first in the country picker.
PINNED_COUNTRIES = ("BY", "UA", "EU")


@dataclass(frozen=True)
class Loaded:
    """The record and everything derived from it once per version of the data files.
    `first` and `last`: the record's first and last dates; `defaults`: the default view
    (from the 2020 election, or the first date if later, to the last date)."""

    record: Record
    frames: Frames
    defaults: Filters
    first: date
    last: date
    periods: dict[str, tuple[str, date, date]]
    countries: tuple[str, ...]
    measures_by_id: dict[str, Measure]
    answered_by: dict[str, tuple[str, ...]]
    fingerprint: tuple


# cache_resource, not cache_data: the record is read-only and shared, and copying a frame of
# 100,000 rows out of a pickle on every rerun is exactly the cost the cache is there to avoid.
@st.cache_resource(max_entries=4, show_spinner="Reading the record…")
def _load(data_dir: str, data_fingerprint: tuple) -> Loaded:
    record = load_record(Path(data_dir))
    frames = build_frames(record.measures)
    m = frames.measures
    if len(m):
        first, last = m["date"].min().date(), m["date"].max().date()
    else:
        first = last = PERIOD_START
    codes = set(frames.parties["code"])
    pinned = [c for c in PINNED_COUNTRIES if c in codes]
    countries = tuple(pinned + sorted(codes - set(pinned), key=actor_name))
    by_id = {m.id: m for m in record.measures}
    answered: dict[str, list[str]] = {}
    for m in sorted(record.measures, key=lambda m: m.date):
        for target in m.responds_to:
            answered.setdefault(target, []).append(m.id)
    defaults = Filters(start=min(PERIOD_START, last), end=last)
    article_date = record.article.date if record.article else None
    return Loaded(record, frames, defaults, first, last, periods(first, last, article_date), countries, by_id,
                  {k: tuple(v) for k, v in answered.items()}, data_fingerprint)


def loaded() -> Loaded:
    """The current record. The data files' modification times are the cache key, so an
    edited file is read again on the next rerun and nothing is re-parsed otherwise."""
    data_dir = data_dir_from_env()
    fp = fingerprint(data_dir)
    return _load(str(data_dir), fp)


def cache_key(data: Loaded, filters: Filters, *parts: Hashable) -> str:
    """One string for a cache entry: the data version, the filter set and what is computed.
    Streamlit hashes a string in about 20 µs; a frozen dataclass it first copies with
    `dataclasses.asdict` and walks field by field (about 0.5 ms, on every lookup of every rerun).
    The reprs of dates, strings, numbers and tuples of them are exact, so equal keys mean equal
    inputs."""
    return "\x1f".join((repr(data.fingerprint), repr(filters), *map(repr, parts)))


# Frames of rows are large (about 20 MB per 100,000 rows), so fewer of them are kept than of
# figures and counts, which are small whatever the size of the record.
@st.cache_resource(max_entries=16, show_spinner=False)
def _filtered(key: str, _loaded: Loaded, _filters: Filters) -> pd.DataFrame:
    return _loaded.frames.measures.loc[filter_mask(_loaded.frames, _filters)]


def filtered(data: Loaded, filters: Filters) -> pd.DataFrame:
    """The filtered measures, computed once per filter set and shared by every page."""
    return _filtered(cache_key(data, filters), data, filters)


# Small results (a count, a table of a few dozen rows, a page's text) are many per view: each
# page keeps 5-20 of them per filter set, so 20 readers on 7 pages and 14 countries already hold
# over a thousand (most are a few kB; the largest, a view's set of ids, is ~0.7 MB at 10,000 measures).
# Figures are larger (up to 0.3 MB each at 10,000 measures) and kept apart, fewer.
@st.cache_resource(max_entries=2048, show_spinner=False)
def _derived(key: str, _compute: Callable[[], T]) -> T:
    return _compute()


@st.cache_resource(max_entries=384, show_spinner=False)
def _derived_figure(key: str, _compute: Callable[[], T]) -> T:
    return _compute()


def derived(data: Loaded, filters: Filters, name: str, compute: Callable[[], T], *key: Hashable) -> T:
    """Anything small a page computes from the filtered rows (a figure, a count, the response
    chains): computed once per data version, filter set, `name` and `key`, then shared by every
    rerun, page and session. `name` must say what `compute` computes; the result is shared, so
    it is never modified."""
    return _derived(cache_key(data, filters, name, key), compute)


def derived_figure(data: Loaded, filters: Filters, name: str, compute: Callable[[], T], *key: Hashable) -> T:
    """Like `derived`, for a figure: kept in a cache of its own, smaller, since figures are large."""
    return _derived_figure(cache_key(data, filters, name, key), compute)


@st.cache_resource(max_entries=64, show_spinner=False)
def _derived_rows(key: str, _compute: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    return _compute()


def derived_rows(data: Loaded, filters: Filters, name: str, compute: Callable[[], pd.DataFrame], *key: Hashable) -> pd.DataFrame:
    """Like `derived`, for a frame of rows (an as-of table, a searched table): fewer are kept."""
    return _derived_rows(cache_key(data, filters, name, key), compute)
