"""The dashboard in Debian's Chromium through Playwright: links, clicks, downloads, phone width."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from components.pages import PAGES as PAGE_SPECS
from record.filters import Filters, filter_mask
from record.frames import build_frames
from record.load import load_record
from tests.browser import (
    ARTIFACTS,
    ROOT,
    assert_no_page_errors,
    streamlit_server,
    wait_ready,
    watch,
)

pytestmark = pytest.mark.browser
PAGES = [spec.path for spec in PAGE_SPECS]








@pytest.fixture
def new_page(browser):
    """Pages opened by a test itself, each watched like `page`."""
    opened: list[tuple] = []

    def make(**options):
        context = browser.new_context(**({"viewport": {"width": 1300, "height": 900}, "accept_downloads": True} | options))
        pg = context.new_page()
        opened.append((context, watch(pg)))
        return pg

    yield make
    for context, errors in opened:
        context.close()
        assert_no_page_errors(errors)


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def chip(page, name: str) -> None:
    """Wait for the panel's chip of a country (the chips are drawn just after the run settles)."""
    page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect'] [data-tag]", has_text=name).first.wait_for(timeout=10_000)


def chips(page) -> list[str]:
    return page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect'] [data-tag]").all_inner_texts()


def no_exception(page) -> None:
    assert page.locator("[data-testid='stException']").count() == 0


def test_first_request_is_a_shared_link_and_survives_navigation(new_page) -> None:
    with streamlit_server(ROOT / "data") as url:
        pg = new_page()
        pg.goto(f"{url}/matrix?country=PL&from=2021-01-01&to=2021-12-31")
        wait_ready(pg)
        no_exception(pg)
        chip(pg, "Poland")
        assert pg.locator("[data-testid='stSidebar'] [data-testid='stDateInput'] input").first.input_value() == "2021-01-01"
        pg.get_by_role("link", name="Timeline").first.click()
        pg.wait_for_url("**/timeline?**")
        wait_ready(pg)
        q = query(pg.url)
        assert urlsplit(pg.url).path == "/timeline"
        assert q["country"] == ["PL"] and q["from"] == ["2021-01-01"] and q["to"] == ["2021-12-31"]
        chip(pg, "Poland")


def test_picking_a_country_writes_it_into_the_url(page, server) -> None:
    page.goto(f"{server}/timeline")
    wait_ready(page)
    box = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first
    box.click()
    page.keyboard.type("Lithuania")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_function("() => window.location.search.includes('country=LT')", timeout=15_000)
    wait_ready(page)
    assert query(page.url)["country"] == ["LT"]
    no_exception(page)


def test_clicking_a_timeline_point_shows_its_record(page, server) -> None:
    page.goto(f"{server}/timeline?country=PL&from=2021-01-01&to=2021-12-31")
    wait_ready(page)
    point = page.locator(".js-plotly-plot g.points path.point").first
    point.wait_for(state="attached", timeout=15_000)
    point.click(force=True)
    page.wait_for_function("() => window.location.search.includes('measure=')", timeout=15_000)
    wait_ready(page)
    chosen = query(page.url)["measure"][0]
    record = load_record(ROOT / "data")
    measure = next(m for m in record.measures if m.id == chosen)
    card = page.locator(f".st-key-card-{chosen}")
    assert card.count() == 1
    text = card.inner_text()
    assert measure.title in text and measure.sources[0].publisher in text
    page.screenshot(path=str(ARTIFACTS / "timeline-selected.png"), full_page=True)


@pytest.mark.parametrize(("width", "side_by_side"), [(1300, True), (390, False)])
def test_article_items_are_side_by_side_on_a_wide_screen_and_stacked_on_a_phone(new_page, server, width, side_by_side) -> None:
    pg = new_page(viewport={"width": width, "height": 900})
    pg.goto(f"{server}/article")
    wait_ready(pg)
    no_exception(pg)
    item = pg.locator("[class*='st-key-item-']").first
    item.wait_for(timeout=15_000)
    boxes = [c.bounding_box() for c in item.locator(":scope > *").all()]
    assert len(boxes) == 2, "an item is the article's side and the record's side"
    (left, right) = boxes
    if side_by_side:
        assert abs(left["y"] - right["y"]) < 2 and right["x"] >= left["x"] + left["width"], boxes
        assert 0.8 < left["width"] / right["width"] < 1.25, boxes  # two halves
    else:
        assert right["y"] >= left["y"] + left["height"], boxes


@pytest.mark.parametrize("path", PAGES)
def test_phone_width_has_no_exception_and_no_horizontal_scroll(new_page, server, path: str) -> None:
    pg = new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    pg.goto(f"{server}/{path}?country=PL&from=2021-01-01&to=2022-12-31")
    wait_ready(pg)
    no_exception(pg)
    overflow = pg.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    pg.screenshot(path=str(ARTIFACTS / f"phone-{path or 'overview'}.png"), full_page=True)
    assert overflow <= 0, f"{path}: {overflow}px of horizontal scrolling"


def test_downloads_hold_exactly_the_filtered_rows(page, server) -> None:
    page.goto(f"{server}/explorer?country=LT&from=2021-01-01&to=2023-12-31")
    wait_ready(page)
    record = load_record(ROOT / "data")
    frames = build_frames(record.measures)
    filters = Filters(start=date(2021, 1, 1), end=date(2023, 12, 31), countries=("LT",))
    expected = set(frames.measures.loc[filter_mask(frames, filters), "id"])
    assert expected, "the filter should match some measures"
    with page.expect_download() as info:
        page.get_by_role("button", name="Download CSV").click()
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
    assert {r["id"] for r in rows} == expected and len(rows) == len(expected)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download JSON").click()
    document = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert {m["id"] for m in document["measures"]} == expected
    assert document["version"] == record.version


def metric_value(page, label: str) -> str:
    box = page.locator("[data-testid='stMetric']", has_text=label).first
    return box.locator("[data-testid='stMetricValue']").inner_text().strip()


def test_asof_links_show_what_was_in_force(new_page) -> None:
    record = load_record(ROOT / "data")
    frames = build_frames(record.measures)
    from record.life import as_of

    everything = Filters(start=date(1991, 1, 1), end=date(2099, 12, 31))
    expected = as_of(frames, everything, date(2022, 4, 18))
    in_force = int((expected["status"] == "in-force").sum())
    with streamlit_server(ROOT / "data") as url:
        pg = new_page()
        pg.goto(f"{url}/?asof=2022-04-18")
        wait_ready(pg)
        no_exception(pg)
        assert metric_value(pg, "In force on 2022-04-18") == f"{in_force:,}"
        pg.goto(f"{url}/matrix?asof=2022-04-18")
        wait_ready(pg)
        no_exception(pg)
        assert pg.get_by_text(f"Counting the {in_force:,} measures in force on 2022-04-18").count() == 1
        assert query(pg.url)["asof"] == ["2022-04-18"]
        pg.screenshot(path=str(ARTIFACTS / "matrix-asof.png"), full_page=True)


def test_dynamics_draws_chains_and_marks_the_article(page, server) -> None:
    page.goto(f"{server}/dynamics")
    wait_ready(page)
    no_exception(page)
    page.wait_for_selector(".js-plotly-plot", timeout=15_000)
    assert page.locator(".js-plotly-plot").count() >= 2
    assert page.get_by_text("article 18 Apr 2022").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "dynamics.png"), full_page=True)


def test_a_copied_citation_opens_the_same_view_on_a_fresh_server(page, server, new_page) -> None:
    page.goto(f"{server}/timeline?country=LT&country=LV&from=2021-01-01&to=2022-12-31&direction=tightening")
    wait_ready(page)
    page.get_by_text("Share or cite this view").click()
    cite = page.locator("[data-testid='stCode']", has_text="Data version").first.inner_text()
    link = next(word for word in cite.split() if word.startswith("http"))
    assert "“Timeline view”" in cite and "from=2021-01-01" in link and "to=2022-12-31" in link
    path_and_query = link.split("/", 3)[3]
    with streamlit_server(ROOT / "data") as fresh:
        other = new_page()
        other.goto(f"{fresh}/{path_and_query}")
        wait_ready(other)
        no_exception(other)
        assert urlsplit(other.url).path == "/timeline"
        q = query(other.url)
        assert sorted(q["country"]) == ["LT", "LV"] and q["direction"] == ["tightening"]
        assert sorted(chips(other)) == sorted(chips(page))


TRAP = "window.__pwned = undefined; window.alert = window.confirm = window.prompt = () => { window.__pwned = 'dialog'; };"


def assert_nothing_ran(pg) -> None:
    assert pg.evaluate("() => window.__pwned") is None
    hrefs = pg.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    assert not [h for h in hrefs if h.strip().lower().startswith(("javascript:", "data:"))], hrefs
    assert pg.locator("iframe[src^='javascript'], svg[onload], img[onerror], [onmouseover]").count() == 0


def test_hostile_data_and_links_never_run(browser, tmp_path) -> None:
    import shutil

    data = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "fixtures" / "data", data)
    shutil.copy(ROOT / "tests" / "fixtures" / "hostile.yaml", data / "measures" / "hostile.yaml")
    with streamlit_server(data) as url:
        context = browser.new_context(viewport={"width": 1300, "height": 900}, accept_downloads=True)
        context.add_init_script(TRAP)
        pg = context.new_page()
        errors = watch(pg)
        pg.on("dialog", lambda d: d.dismiss())
        links = [
            "/timeline?measure=by-2021-06-01-hostile-text",
            "/explorer?q=%3Cscript%3E",
            "/?country=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E&from=%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D1%3E"
            "&to=2021-13-45&type=javascript:alert(1)&direction=%00%1b%5B31m&direction=" + "x" * 3000,
            "/matrix?asof=%3Csvg%20onload%3Dwindow.__pwned%3D1%3E",
            "/timeline?measure=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E",
        ]
        for link in links:
            pg.goto(url + link)
            wait_ready(pg)
            no_exception(pg)
            assert_nothing_ran(pg)
        pg.goto(url + "/timeline?measure=by-2021-06-01-hostile-text")
        wait_ready(pg)
        card = pg.locator(".st-key-card-by-2021-06-01-hostile-text").inner_text()
        assert '<script>window.__pwned = "title"</script>' in card
        assert "[click me](javascript:" in card
        pg.get_by_text("Problems in the data files").click()
        problems = pg.locator("[data-testid='stCode']", has_text="measures/hostile.yaml:").first.inner_text()
        assert "measure 'by-2021-06-02-javascript-source': sources[0].url: " in problems
        assert "is not an http(s) address" in problems
        assert pg.locator(".st-key-card-by-2021-06-02-javascript-source").count() == 0
        assert_nothing_ran(pg)
        pg.goto(url + "/?country=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E&to=2021-13-45")
        wait_ready(pg)
        warning = pg.locator("[data-testid='stAlert']", has_text="were not valid").inner_text()
        assert "<script>window.__pwned=1" in warning and "2021-13-45" in warning
        assert_nothing_ran(pg)
        pg.screenshot(path=str(ARTIFACTS / "hostile-link.png"), full_page=True)
        context.close()
        assert_no_page_errors(errors)
