"""Every page through Streamlit's AppTest: no exception, and link filters change what is shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.pages import PAGES as PAGE_SPECS
from tests.conftest import FIXTURE_DATA, ROOT, write

PAGES = [spec.script.removesuffix(".py") for spec in PAGE_SPECS]


def app(data: Path, params: dict[str, str | list[str]] | None = None, page: str = "overview") -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    if page != "overview":
        at.switch_page(f"app_pages/{page}.py")
    return at


@pytest.fixture(autouse=True)
def fixture_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(FIXTURE_DATA))


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_without_exception(page: str) -> None:
    at = app(FIXTURE_DATA, page=page).run()
    assert not at.exception, at.exception
    assert at.header, "every page has a heading"
    assert not at.error


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_on_the_real_record(page: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(ROOT / "data"))
    at = app(ROOT / "data", page=page).run()
    assert not at.exception, at.exception
    assert not at.error
    at = app(ROOT / "data", {"country": "PL", "from": "2021-01-01", "to": "2021-12-31"}, page=page).run()
    assert not at.exception, at.exception
    assert at.multiselect(key="f_country").value == ["PL"]


def test_overview_figures_follow_the_link() -> None:
    at = app(FIXTURE_DATA).run()
    assert metric(at, "Measures") == "7"
    at = app(FIXTURE_DATA, {"country": "PL", "from": "2021-01-01", "to": "2021-12-31"}).run()
    assert metric(at, "Measures") == "1"
    assert metric(at, "Tightening / easing") == "1 / 0"
    assert metric(at, "In force on 2021-12-31") == "0"
    at = app(FIXTURE_DATA, {"direction": "easing"}).run()
    assert metric(at, "Measures") == "1"


def test_filters_change_the_explorer_rows() -> None:
    at = app(FIXTURE_DATA, {"country": ["LT", "LV"]}, page="explorer").run()
    table = at.dataframe[0].value
    assert sorted(table["id"]) == ["by-2022-04-15-visa-free-sample", "lt-2022-02-01-transit-sample"]
    at = app(FIXTURE_DATA, {"country": "LT", "q": "potash"}, page="explorer").run()
    assert list(at.dataframe[0].value["id"]) == ["lt-2022-02-01-transit-sample"]


def test_timeline_shows_the_measure_named_in_the_link() -> None:
    at = app(FIXTURE_DATA, {"measure": "pl-2021-09-02-emergency-sample"}, page="timeline").run()
    assert any("Poland declares a state of emergency" in m.value for m in at.markdown)


def test_matches_nothing_says_so() -> None:
    for page in ["overview", "timeline", "matrix", "explorer"]:
        at = app(FIXTURE_DATA, {"country": "UA", "type": "energy"}, page=page).run()
        assert not at.exception
        assert any("No measures match" in i.value or "No measures" in i.value for i in at.info), page
        assert not at.get("plotly_chart"), page


def test_invalid_link_values_are_named_and_dropped() -> None:
    at = app(FIXTURE_DATA, {"country": ["PL", "XX"], "from": "2021-02-30", "type": "<b>x</b>"}).run()
    assert not at.exception
    notice = at.warning[0].value
    assert "XX" in notice and "2021\\-02\\-30" in notice and "\\<b\\>x\\<\\/b\\>" in notice
    assert at.multiselect(key="f_country").value == ["PL"]


def test_bad_data_shows_problems_and_keeps_valid_records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    write(data / "measures/broken.yaml", "measures:\n  - id: x\n    date: 2021-02-30\n")
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data))
    for page in PAGES:
        at = app(data, page=page).run()
        assert not at.exception, page
        assert "The data has" in at.error[0].value, page
        codes = [c.value for c in at.code]
        assert any("measures/broken.yaml:3:" in c for c in codes), page
    at = app(data).run()
    assert metric(at, "Measures") == "7"


def test_asof_overview_matches_the_explorer() -> None:
    at = app(FIXTURE_DATA, {"asof": "2022-04-18"}).run()
    assert not at.exception
    assert metric(at, "In force on 2022-04-18") == "5"
    assert metric(at, "Ended by then") == "1"
    overview_ids = sorted(at.dataframe[0].value["id"])
    ex = app(FIXTURE_DATA, {"asof": "2022-04-18"}, page="explorer").run()
    assert sorted(ex.dataframe[0].value["id"]) == overview_ids
    statuses = dict(zip(ex.dataframe[0].value["id"], ex.dataframe[0].value["status_label"], strict=True))
    assert statuses["pl-2021-09-02-emergency-sample"].startswith("Ended")


def test_asof_matrix_lists_ended_measures() -> None:
    at = app(FIXTURE_DATA, {"asof": "2022-04-18"}, page="matrix").run()
    assert not at.exception
    assert any("5 measures in force on 2022-04-18" in c.value for c in at.caption)
    assert list(at.dataframe[0].value["id"]) == ["pl-2021-09-02-emergency-sample"]


def test_bad_asof_is_named() -> None:
    at = app(FIXTURE_DATA, {"asof": "2022-02-30"}).run()
    assert not at.exception
    assert any("asof" in w.value and "2022\\-02\\-30" in w.value for w in at.warning)
    assert metric(at, "Measures") == "7"


def test_dynamics_draws_chains_and_balance() -> None:
    at = app(FIXTURE_DATA, page="dynamics").run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 2
    assert any("Belarus suspends a partnership" in m.value for m in at.markdown)


def test_cite_this_view_names_version_filters_and_link() -> None:
    at = app(FIXTURE_DATA, {"country": "PL"}, page="timeline").run()
    cite = [c.value for c in at.code if "Data version" in c.value]
    assert cite and "“Timeline view”" in cite[0] and "involving Poland" in cite[0] and "2000.01.01" in cite[0]
    assert "country=PL" in cite[0] and "accessed 20" in cite[0]


def test_article_items_show_evidence_what_happened_and_what_the_filters_hide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(ROOT / "data"))
    texts = lambda at: [m.value for m in at.markdown]  # noqa: E731
    at = app(ROOT / "data", page="article").run()
    assert not at.exception, at.exception
    right = [t for t in texts(at) if t.startswith("**Evidence**")]
    assert len(right) >= 10, "each item's right side is one element: evidence, then what happened next"
    assert any("**What happened next**" in t for t in right)
    assert not any("outside the current filters" in t for t in right)  # the default period shows all
    at = app(ROOT / "data", {"country": "PL", "from": "2021-01-01", "to": "2021-12-31"}, page="article").run()
    right = [t for t in texts(at) if t.startswith("**Evidence**")]
    assert any("outside the current filters" in t for t in right)
