"""Figure builders and the tables behind them."""

from __future__ import annotations

from datetime import date

import pytest

from figures.matrix import alignment_figure, alignment_table, matrix_counts, matrix_figure
from figures.timeline import balance_figure, monthly_balance, small_timeline_figure, timeline_figure
from record.frames import build_frames
from record.life import in_force_mask
from record.load import load_record
from tests.conftest import FIXTURE_DATA


@pytest.fixture(scope="module")
def frame():
    return build_frames(load_record(FIXTURE_DATA).measures).measures


def test_timeline_draws_every_measure_once(frame) -> None:
    fig = timeline_figure(frame, start=date(2020, 1, 1), end=date(2023, 1, 1))
    drawn = [cd[0] for trace in fig.data if trace.customdata is not None for cd in trace.customdata]
    assert sorted(drawn) == sorted(frame["id"])
    bars = [t for t in fig.data if t.type == "bar"]
    # Standing measures with a last day (an end, or a term such as the listing's) are bars; renewals stay marks.
    assert {cd[0] for t in bars for cd in t.customdata} == {
        "pl-2021-09-02-emergency-sample", "by-2022-04-15-visa-free-sample", "eu-2020-10-02-listings-sample"}
    lanes = list(fig.layout.yaxis.ticktext)
    assert lanes[0] == "Belarus" and set(lanes) == {"Belarus", "European Union", "Poland", "Lithuania", "Ukraine"}


def test_timeline_symbol_by_direction(frame) -> None:
    fig = timeline_figure(frame, start=date(2020, 1, 1), end=date(2023, 1, 1))
    symbols = {cd[0]: sym for t in fig.data if t.type == "scatter" and t.customdata is not None
               for cd, sym in zip(t.customdata, t.marker.symbol, strict=True)}
    assert symbols["eu-2022-02-24-renewal-sample"] == "circle"
    assert symbols["ua-2021-05-25-flights-sample"] == "triangle-up"


def test_monthly_balance(frame) -> None:
    table = monthly_balance(frame)
    assert table["tightening"].sum() == 5 and table["easing"].sum() == 1 and table["maintaining"].sum() == 1
    row = table[table["month"] == "2022-04-01"].iloc[0]
    assert (row["easing"], row["net"]) == (1, -1)
    fig = balance_figure(table)
    assert sum(fig.data[0].y) == 5 and sum(fig.data[2].y) == -1


def test_small_timeline_counts(frame) -> None:
    fig = small_timeline_figure(frame)
    assert sum(sum(t.y) for t in fig.data) == len(frame)


def test_matrix_counts(frame) -> None:
    by_group = matrix_counts(frame, by="group")
    assert by_group["count"].sum() == len(frame)
    assert by_group.set_index(["row", "column"]).loc[("EU", "listings"), "count"] == 2
    by_target = matrix_counts(frame, by="target")
    assert by_target.set_index(["row", "column"]).loc[("BY", "LT"), "count"] == 1
    assert by_target["count"].sum() == sum(len(t) for t in frame["targets"])
    fig = matrix_figure(by_group, column_kind="group")
    assert list(fig.data[0].text) == [str(c) for c in by_group["count"]]
    with pytest.raises(ValueError):
        matrix_counts(frame, by="colour")


def test_alignment(frame) -> None:
    table = alignment_table(frame)
    assert sorted(table["country"]) == ["AL", "NO", "UA"]
    assert set(table["id"]) == {"eu-2020-10-02-listings-sample"}
    assert len(alignment_figure(table).data[0].x) == 3


def test_in_force(frame) -> None:
    on = lambda d: set(frame.loc[in_force_mask(frame, d), "id"])  # noqa: E731
    assert "pl-2021-09-02-emergency-sample" in on(date(2021, 10, 1))
    assert "pl-2021-09-02-emergency-sample" not in on(date(2021, 12, 2))
    assert "eu-2022-02-24-renewal-sample" not in on(date(2022, 6, 1))
    assert "ua-2021-05-25-flights-sample" not in on(date(2021, 5, 25))
    assert "ua-2021-05-25-flights-sample" in on(date(2021, 5, 26))


def test_empty_frames_give_empty_tables(frame) -> None:
    empty = frame.iloc[0:0]
    assert monthly_balance(empty).empty and matrix_counts(empty, by="group").empty and alignment_table(empty).empty
