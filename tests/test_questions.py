"""The analyst's questions, each from one link, in AppTest: who did what to whom, what changed,
what comes up next, one measure's page."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import FIXTURE_DATA, ROOT


def app(params: dict, page: str = "overview") -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    if page != "overview":
        at.switch_page(f"app_pages/{page}.py")
    return at.run()


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


@pytest.fixture(scope="module")
def export() -> dict:
    out = subprocess.run([sys.executable, "-m", "record.cli", "export", str(ROOT / "data")], capture_output=True, text=True,
                         cwd=ROOT, check=False)
    return json.loads(out.stdout)


@pytest.mark.parametrize(("actor", "target", "start", "end"), [
    ("LT", "BY", "2021-01-01", "2021-12-31"), ("BY", "PL", "2020-08-09", "2025-12-31"), ("EU", "BY", "2022-01-01", "2022-12-31"),
])
def test_actor_and_target_counts_match_the_export(export, monkeypatch, actor, target, start, end) -> None:
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(ROOT / "data"))
    expected = [m for m in export["measures"] if m["actor"] == actor and target in m["targets"] and start <= m["date"] <= end]
    at = app({"actor": actor, "target": target, "from": start, "to": end})
    assert not at.exception
    assert metric(at, "Measures") == f"{len(expected):,}"
    assert at.multiselect(key="f_actor").value == [actor] and at.multiselect(key="f_target").value == [target]
    ex = app({"actor": actor, "target": target, "from": start, "to": end}, page="explorer")
    assert sorted(ex.dataframe[0].value["id"]) == sorted(m["id"] for m in expected) if expected else not ex.dataframe


@pytest.mark.parametrize(("start", "end"), [("2022-02-24", "2022-04-18"), ("2020-08-09", "2022-05-16"), ("2021-06-01", "2023-03-01")])
def test_changes_agree_with_as_of_on_both_days(monkeypatch, start, end) -> None:
    for data in (FIXTURE_DATA, ROOT / "data"):
        monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data))
        ch = app({"from": start, "to": end}, page="changes")
        assert not ch.exception
        for day in (start, end):
            overview = app({"asof": day})
            assert metric(ch, f"In force on {day}") == metric(overview, f"In force on {day}"), (data, day)
        first, entered, ended, last = (int(metric(ch, label).replace(",", "")) for label in
                                       (f"In force on {start}", "Entered into force", "Ended or expired", f"In force on {end}"))
        assert first + entered - ended == last


def test_whats_next_lists_terms_and_offers_a_calendar(monkeypatch) -> None:
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(FIXTURE_DATA))
    at = app({"from": "2020-08-09", "to": "2022-04-15"})
    assert any("2023-02-28" in m.value and "EU renews its measures" in m.value for m in at.markdown)
    assert at.get("download_button")


def test_measure_page_from_a_shared_link_shows_its_sources(monkeypatch) -> None:
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(FIXTURE_DATA))
    at = app({"id": "lt-2022-02-01-transit-sample", "country": "LT", "from": "2021-01-01", "to": "2022-12-31"}, page="measure")
    assert not at.exception
    assert at.header[0].value == "Lithuania ends potash transit"
    text = "\n".join(m.value for m in at.markdown)
    assert "Transit stopped on 1 February" in text and "Lithuanian Railways stopped carrying potash" in text
    assert "no recorded response" in text
    answered = app({"id": "eu-2020-10-02-listings-sample"}, page="measure")
    text = "\n".join(m.value for m in answered.markdown)
    assert "Belarus suspends a partnership" in text and "/measure?" in text and "Renewed by" in text
    missing = app({"id": "no-such-measure"}, page="measure")
    assert not missing.exception and any("no\\-such\\-measure" in w.value for w in missing.warning)


def test_record_links_keep_the_readers_filters(monkeypatch) -> None:
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(FIXTURE_DATA))
    at = app({"country": "BY", "from": "2020-10-01", "to": "2022-12-31"}, page="article")
    links = [m.value for m in at.markdown if "/measure?" in m.value]
    assert links and all("country=BY" in v and "from=2020-10-01" in v for v in links)


def test_notices_are_retired_when_the_reader_changes_a_filter(monkeypatch) -> None:
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(FIXTURE_DATA))
    at = app({"country": ["PL", "XX"]})
    assert any("XX" in w.value for w in at.warning)
    at.multiselect(key="f_country").select("LT").run()
    assert not any("XX" in w.value for w in at.warning)
    at = app({"country": "PL", "utm_source": "x", "fbclid": "y"})
    assert not at.warning


def test_matrix_view_is_a_key_and_a_bad_one_is_named(monkeypatch) -> None:
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(FIXTURE_DATA))
    at = app({"view": "target"}, page="matrix")
    assert at.query_params["view"] == ["target"] or at.query_params["view"] == "target"
    assert any("Measures by actor and target" in c.value for c in at.markdown) or at.get("plotly_chart")
    bad = app({"view": "By+target"}, page="matrix")
    assert any("view" in w.value for w in bad.warning)


@pytest.mark.parametrize("page", ["overview", "timeline", "dynamics", "changes"])
def test_every_context_event_is_drawn_on_each_time_axis_and_events_off_hides_them(monkeypatch, page) -> None:
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(FIXTURE_DATA))
    on = app({"from": "2020-08-09", "to": "2022-12-31"}, page=page)
    off = app({"from": "2020-08-09", "to": "2022-12-31", "events": "off"}, page=page)
    events = {"Election": "2020-08-09", "Invasion": "2022-02-24"}
    time_axes = [json.loads(c.proto.spec) for c in on.get("plotly_chart") if '"type":"date"' in c.proto.spec.replace(" ", "")]
    assert time_axes, page
    drawn = 0
    for spec in time_axes:
        first, last = (str(x)[:10] for x in spec["layout"]["xaxis"]["range"])
        labels = {a.get("text") for a in spec["layout"].get("annotations", [])}
        for label, day in events.items():
            if first <= day <= last:
                assert label in labels, (page, label, first, last)
                drawn += 1
    assert drawn, page
    for chart in off.get("plotly_chart"):
        assert '"Invasion"' not in chart.proto.spec and '"Election"' not in chart.proto.spec, page


def test_share_link_always_carries_the_period(monkeypatch) -> None:
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(FIXTURE_DATA))
    at = app({})
    links = [c.value for c in at.code if "?" in c.value and "Data version" not in c.value and "iframe" not in c.value]
    assert links and "from=2020-08-09" in links[0] and "to=2022-04-15" in links[0]
    assert date(2020, 8, 9).isoformat() in at.query_params["from"]
