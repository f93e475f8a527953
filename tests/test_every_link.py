"""Every valid link renders: a property test over the filter space, on every page, in AppTest.

Links are drawn from the contract of PRODUCT.md: each direction, each type group, each actor of
the record as `country`, `actor` and `target`, empty and one-day ranges, one-sided and reversed
dates, as-of days before, inside and after the record, page parameters, tracking parameters."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from components.pages import PAGES
from record.load import load_record
from record.taxonomy import DIRECTIONS, GROUPS
from tests.conftest import ROOT

RECORD = load_record(ROOT / "data")
CODES = sorted({m.actor for m in RECORD.measures} | {t for m in RECORD.measures for t in m.targets})
IDS = sorted(m.id for m in RECORD.measures)
FIRST = min(m.date for m in RECORD.measures)
LAST = max(m.date for m in RECORD.measures)

days = st.one_of(
    st.dates(min_value=date(1991, 1, 1), max_value=date(2099, 12, 31)),
    st.dates(min_value=FIRST - timedelta(days=400), max_value=LAST + timedelta(days=400)),
    st.sampled_from([FIRST, LAST, date(2020, 8, 9), date(2022, 2, 24), date(2022, 4, 18), date(2022, 5, 15), date(2022, 5, 16)]),
)


@st.composite
def links(draw) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for name in ("country", "actor", "target"):
        picked = draw(st.lists(st.sampled_from(CODES), max_size=3, unique=True))
        if picked:
            params[name] = picked
    for name, values in (("type", list(GROUPS)), ("direction", list(DIRECTIONS))):
        picked = draw(st.lists(st.sampled_from(values), max_size=3, unique=True))
        if picked:
            params[name] = picked
    shape = draw(st.sampled_from(["none", "range", "one-day", "from-only", "to-only", "reversed"]))
    a, b = sorted([draw(days), draw(days)])
    if shape == "range":
        params |= {"from": [a.isoformat()], "to": [b.isoformat()]}
    elif shape == "one-day":
        params |= {"from": [a.isoformat()], "to": [a.isoformat()]}
    elif shape == "from-only":
        params["from"] = [a.isoformat()]
    elif shape == "to-only":
        params["to"] = [b.isoformat()]
    elif shape == "reversed" and a != b:
        params |= {"from": [b.isoformat()], "to": [a.isoformat()]}
    if draw(st.booleans()):
        params["asof"] = [draw(days).isoformat()]
    if draw(st.booleans()):
        params["measure"] = [draw(st.sampled_from(IDS))]
        params["id"] = params["measure"]
    for name, values in (("view", ["type", "target", "alignment"]), ("events", ["off"]), ("show", ["table"]),
                         ("utm_source", ["newsletter"]), ("fbclid", ["x1"])):
        if draw(st.integers(0, 3)) == 0:
            params[name] = [draw(st.sampled_from(values))]
    return params


@pytest.fixture(autouse=True)
def real_record(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(ROOT / "data"))


@pytest.mark.parametrize("page", [p.script for p in PAGES])
@settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=links())
def test_every_valid_link_renders(page: str, params: dict[str, list[str]]) -> None:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    if page != "overview.py":
        at.switch_page(f"app_pages/{page}")
    at.run()
    assert not at.exception, (params, [e.value for e in at.exception])
    assert at.header, params
