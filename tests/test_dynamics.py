"""As-of status, response chains, balance by side, download README."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest

from figures.dynamics import chain_figure, response_chains, side_balance, side_balance_figure
from record.explore import bundle, download_readme
from record.filters import Filters
from record.frames import build_frames
from record.life import as_of, status_on
from record.load import load_record
from tests.conftest import FIXTURE_DATA


@pytest.fixture(scope="module")
def record():
    return load_record(FIXTURE_DATA)


@pytest.fixture(scope="module")
def frames(record):
    return build_frames(record.measures)


def test_status_on_a_day(frames) -> None:
    m = frames.measures
    status = dict(zip(m["id"], status_on(m, date(2022, 4, 18)), strict=True))
    assert status["pl-2021-09-02-emergency-sample"] == "ended"
    assert status["by-2022-04-15-visa-free-sample"] == "in-force"
    assert status["eu-2022-02-24-renewal-sample"] == "renewal"
    before = dict(zip(m["id"], status_on(m, date(2021, 5, 25)), strict=True))
    assert before["ua-2021-05-25-flights-sample"] == "not-yet"


def test_as_of_sets_the_date_range_aside_but_keeps_countries(frames) -> None:
    filters = Filters(start=date(2022, 1, 1), end=date(2022, 12, 31), countries=("PL",))
    rows = as_of(frames, filters, date(2021, 10, 1))
    assert list(rows["id"]) == ["pl-2021-09-02-emergency-sample"]
    assert list(rows["status"]) == ["in-force"]
    assert list(as_of(frames, filters, date(2022, 4, 18))["status"]) == ["ended"]
    # The one-day-after edge: `end` is the last day it applied.
    assert list(as_of(frames, filters, date(2021, 12, 1))["status"]) == ["in-force"]
    assert list(as_of(frames, filters, date(2021, 12, 2))["status"]) == ["ended"]


def test_response_chains(frames) -> None:
    chains = response_chains(frames.measures)
    assert len(chains) == 1
    assert chains[0].root == "eu-2020-10-02-listings-sample"
    assert chains[0].steps == (("eu-2020-10-02-listings-sample", "by-2021-06-28-countermeasure-sample"),)
    fig = chain_figure(frames.measures, chains[0])
    assert len(fig.layout.annotations) == 1 and len(fig.data[0].x) == 2
    only_reply = frames.measures[frames.measures["actor"] == "BY"]
    assert response_chains(only_reply) == []


def test_side_balance(frames) -> None:
    table = side_balance(frames.measures)
    totals = table.groupby("side")[["tightening", "easing"]].sum()
    assert totals.loc["minsk"].tolist() == [1, 1]
    assert totals.loc["eu"].tolist() == [3, 0]
    assert totals.loc["ukraine"].tolist() == [1, 0]
    fig = side_balance_figure(table, marks=[(date(2022, 4, 15), "visa-free")], article_date=date(2022, 4, 18))
    assert [a.text for a in fig.layout.annotations][-2:] == ["article 18 Apr 2022", "◆"]
    assert len(fig.layout.shapes) == 2  # the article line and one signal line, each across every panel


@pytest.mark.parametrize("direction", ["maintaining", "easing", "tightening"])
def test_side_balance_figure_with_one_direction_or_none(frames, direction) -> None:
    """Renewals only leave no row for the balance: the figure says so instead of raising."""
    rows = frames.measures[frames.measures["direction"] == direction]
    fig = side_balance_figure(side_balance(rows), marks=[], article_date=date(2022, 4, 18))
    titles = [a.text for a in fig.layout.annotations]
    if direction == "maintaining":
        assert "No tightening or easing among these measures" in titles
    else:
        assert len(fig.data) >= 2
    empty = side_balance_figure(side_balance(rows.iloc[0:0]), marks=[], article_date=None)
    assert "No tightening or easing among these measures" in [a.text for a in empty.layout.annotations]


def test_download_readme_and_bundle(record) -> None:
    about = {"version": "2000.01.01", "filters": "countries: PL", "search": "", "asof": "2022-04-18", "link": "http://x/?country=PL"}
    text = download_readme(about, record.measures[:2], "CITATION")
    for fragment in ("Data version: 2000.01.01", "Filters: countries: PL", "As of: 2022-04-18", "Link to this view: http://x/?country=PL",
                     "Measures: 2", "Test Journal", "CITATION"):
        assert fragment in text
    archive = zipfile.ZipFile(io.BytesIO(bundle({"README.txt": text, "a.csv": "id\n"})))
    assert archive.read("README.txt").decode() == text and archive.namelist() == ["README.txt", "a.csv"]
