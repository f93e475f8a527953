"""The dashboard in Debian's Chromium through Playwright: links, clicks, downloads, phone width."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from record.filters import Filters, filter_mask
from record.frames import build_frames
from record.load import load_record
from tests.browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, ROOT, require_chromium, streamlit_server, wait_ready

pytestmark = pytest.mark.browser
PAGES = ["", "timeline", "matrix", "dynamics", "article", "explorer", "about"]


@pytest.fixture(scope="module")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def server():
    with streamlit_server(ROOT / "data") as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1300, "height": 900}, accept_downloads=True)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    context.close()


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def chips(page) -> list[str]:
    return page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect'] [data-tag]").all_inner_texts()


def no_exception(page) -> None:
    assert page.locator("[data-testid='stException']").count() == 0


def test_first_request_is_a_shared_link_and_survives_navigation(browser) -> None:
    with streamlit_server(ROOT / "data") as url:
        pg = browser.new_page(viewport={"width": 1300, "height": 900})
        pg.goto(f"{url}/matrix?country=PL&from=2021-01-01&to=2021-12-31")
        wait_ready(pg)
        no_exception(pg)
        assert any("Poland" in c for c in chips(pg))
        assert pg.locator("[data-testid='stSidebar'] [data-testid='stDateInput'] input").first.input_value() == "2021-01-01"
        pg.get_by_role("link", name="Timeline").first.click()
        pg.wait_for_url("**/timeline?**")
        wait_ready(pg)
        q = query(pg.url)
        assert urlsplit(pg.url).path == "/timeline"
        assert q["country"] == ["PL"] and q["from"] == ["2021-01-01"] and q["to"] == ["2021-12-31"]
        assert any("Poland" in c for c in chips(pg))
        pg.close()


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


@pytest.mark.parametrize("path", PAGES)
def test_phone_width_has_no_exception_and_no_horizontal_scroll(browser, server, path: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    pg = context.new_page()
    pg.goto(f"{server}/{path}?country=PL&from=2021-01-01&to=2022-12-31")
    wait_ready(pg)
    no_exception(pg)
    overflow = pg.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    pg.screenshot(path=str(ARTIFACTS / f"phone-{path or 'overview'}.png"), full_page=True)
    assert overflow <= 0, f"{path}: {overflow}px of horizontal scrolling"
    context.close()


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
