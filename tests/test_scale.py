"""Scale: the synthetic record is valid, large filter sets are drawn as counts under a size
bound, and what one page computes for a filter set is not computed again by another."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import figures.timeline
import record.filters
from bench.run import page_figures
from figures.timeline import AGGREGATE, MAX_MARKS, timeline_figure
from record.filters import Filters, filter_mask
from record.frames import build_frames
from record.load import load_record
from record.synth import write_synthetic
from tests.conftest import ROOT

N = 10_000


@pytest.fixture(scope="module")
def synth(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("synth")
    write_synthetic(N, folder)
    return folder


@pytest.fixture(scope="module")
def synth_frames(synth: Path):
    record = load_record(synth)
    return record, build_frames(record.measures)


def test_synthetic_record_is_valid_and_varied(synth_frames) -> None:
    record, frames = synth_frames
    assert record.problems == []
    assert len(record.measures) == N
    m = frames.measures
    assert m["id"].is_unique
    assert m["actor"].nunique() >= 10
    assert m["type"].nunique() >= 20
    assert set(m["direction"].astype(str)) == {"tightening", "easing", "maintaining"}
    assert m["end"].notna().mean() > 0.1, "some measures have a span"
    assert (m["responds_to"].map(len) > 0).sum() > 0, "some measures answer others"
    assert m["date"].min() < m["date"].max()


def test_timeline_draws_counts_past_the_mark_limit(synth_frames) -> None:
    _, frames = synth_frames
    rows = frames.measures
    fig = timeline_figure(rows, start=date(2004, 1, 1), end=date(2025, 12, 31))
    data = [t for t in fig.data if t.customdata is not None]
    assert data and all(t.customdata[0][0] == AGGREGATE for t in data)
    assert sum(int(row[4]) for t in data for row in t.customdata) == len(rows), "every measure counted once"
    assert "drawn as counts" in fig.layout.annotations[0].text


def test_timeline_draws_marks_under_the_limit(synth_frames) -> None:
    _, frames = synth_frames
    rows = frames.measures.head(MAX_MARKS)
    fig = timeline_figure(rows, start=date(2004, 1, 1), end=date(2025, 12, 31))
    ids = [row[0] for t in fig.data if t.customdata is not None for row in t.customdata]
    assert sorted(ids) == sorted(rows["id"])


def test_every_figure_stays_small(synth_frames) -> None:
    """At 10,000 measures no page's figure sends more than 0.3 MB of JSON (the bound of the
    issue is about 1 MB at 100,000; the figures draw counts, so their size follows the number
    of actors and months, not of measures)."""
    _, frames = synth_frames
    m = frames.measures
    defaults = Filters(start=m["date"].min().date(), end=m["date"].max().date())
    rows = m.loc[filter_mask(frames, defaults)]
    for name, build in page_figures(frames, rows, defaults, date(2022, 4, 18)).items():
        built = build()
        for fig in built if isinstance(built, list) else [built]:
            assert len(fig.to_json()) < 300_000, name


def test_pages_share_what_they_compute(monkeypatch: pytest.MonkeyPatch, synth: Path) -> None:
    """The filtered rows are computed once per filter set for all pages, and a page's figure
    once per filter set for all reruns and sessions."""
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(synth))
    st.cache_resource.clear()
    calls: Counter[str] = Counter()
    real_mask, real_timeline = record.filters.filter_mask, figures.timeline.timeline_figure

    def counting_mask(*args, **kwargs):
        calls["filter_mask"] += 1
        return real_mask(*args, **kwargs)

    def counting_timeline(*args, **kwargs):
        calls["timeline_figure"] += 1
        return real_timeline(*args, **kwargs)

    monkeypatch.setattr("components.record_data.filter_mask", counting_mask)
    monkeypatch.setattr(figures.timeline, "timeline_figure", counting_timeline)
    for page in ["timeline", "matrix", "timeline", "dynamics", "timeline"]:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
        at.query_params["country"] = "PL"
        at.switch_page(f"app_pages/{page}.py")
        at.run()
        assert not at.exception, at.exception
        at.run()
    assert calls["filter_mask"] == 1
    assert calls["timeline_figure"] == 1
    st.cache_resource.clear()


def test_loading_restores_the_cycle_collector(synth: Path) -> None:
    import gc

    assert gc.isenabled()
    load_record(synth / "does-not-exist")
    load_record(ROOT / "tests" / "fixtures" / "data")
    assert gc.isenabled()
    gc.disable()
    try:
        load_record(ROOT / "tests" / "fixtures" / "data")
        assert not gc.isenabled(), "a caller's choice is kept"
    finally:
        gc.enable()


def test_bench_table_has_a_column_per_size() -> None:
    from bench.run import combined_table

    assert combined_table({"N = 1": [("load", "1 ms"), ("open", "2 ms")], "N = 2": [("load", "3 ms")]}) == [
        "| measure | N = 1 | N = 2 |",
        "|---|---|---|",
        "| load | 1 ms | 3 ms |",
        "| open | 2 ms | – |",
    ]
