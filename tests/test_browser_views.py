"""Views that travel and controls that live in the link, in Debian's Chromium: chart images,
text alternatives, the table switch, embedding in an iframe, and cold-start round trips."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser import (
    ARTIFACTS,
    ROOT,
    assert_no_page_errors,
    streamlit_server,
    wait_ready,
    watch,
)

pytestmark = pytest.mark.browser
VIEW = "country=PL&from=2021-01-01&to=2022-12-31"








def charts_drawn(pg, n: int = 1) -> None:
    pg.wait_for_function(f"() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= {n}", timeout=20_000)


def download_chart(pg) -> Path:
    chart = pg.locator(".js-plotly-plot").first
    chart.hover()
    button = pg.locator(".modebar-btn[data-title^='Download plot']").first
    button.wait_for(state="visible", timeout=10_000)
    with pg.expect_download() as info:
        button.click()
    return Path(info.value.path())


def test_chart_downloads_png_and_svg_that_cite_themselves(page, server) -> None:
    page.goto(f"{server}/timeline?{VIEW}")
    wait_ready(page)
    charts_drawn(page)
    buttons = page.locator(".js-plotly-plot").first.locator(".modebar-btn")
    assert buttons.count() == 1, "the download button only"
    png = download_chart(page)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000
    page.locator("[data-testid='stSidebar'] button", has_text="SVG").click()
    wait_ready(page)
    charts_drawn(page)
    svg = download_chart(page).read_text(encoding="utf-8")
    record_version = (ROOT / "data" / "changelog.yaml").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<svg")
    assert "data version" in svg and "Poland" in svg and "2021-01-01 to 2022-12-31" in svg
    assert "Measures by actor over time" in svg and "country=PL" in svg
    assert any(v in svg for v in record_version.split('"') if v[:4].isdigit() and "." in v)


@pytest.mark.parametrize("path", ["", "timeline", "matrix", "changes", "dynamics"])
def test_every_chart_has_a_text_alternative(page, server, path) -> None:
    page.goto(f"{server}/{path}?{VIEW}")
    wait_ready(page)
    charts_drawn(page)
    labels = page.eval_on_selector_all(
        "[data-testid='stPlotlyChart']",
        "els => els.map(e => e.getAttribute('aria-label') || e.querySelector('[aria-label]')?.getAttribute('aria-label'))")
    assert labels and all(label and len(label) > 40 for label in labels), labels


def test_table_switch_shows_the_charts_numbers(page, server) -> None:
    page.goto(f"{server}/?{VIEW}")
    wait_ready(page)
    charts_drawn(page)
    drawn = page.evaluate("() => document.querySelector('.js-plotly-plot')._fullData"
                          ".filter(t => t.type === 'bar').reduce((s, t) => s + Array.from(t.y).reduce((a, b) => a + b, 0), 0)")
    page.goto(f"{server}/?{VIEW}&show=table")
    wait_ready(page)
    assert page.locator(".js-plotly-plot").count() == 0
    with page.expect_download() as info:
        page.get_by_role("button", name="Table as CSV").click()
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
    assert sum(int(r["count"]) for r in rows) == drawn > 0


def test_an_embedded_view_in_an_iframe(page, server, browser) -> None:
    link = f"{server}/timeline?{VIEW}&embed=true"
    page.set_content(f'<html><body><h1>A report</h1><iframe id="view" src="{link}" width="1000" height="900"></iframe></body></html>')
    frame = page.frame_locator("#view")
    frame.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(timeout=30_000)
    page.wait_for_timeout(500)
    assert frame.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").count() == 0
    assert frame.get_by_text("Showing:").count() >= 1
    full = frame.get_by_role("link", name="Open the full view ↗")
    href = full.get_attribute("href")
    q = parse_qs(urlsplit(href).query)
    assert urlsplit(href).path == "/timeline" and q["country"] == ["PL"] and q["from"] == ["2021-01-01"] and "embed" not in q
    page.screenshot(path=str(ARTIFACTS / "embedded-timeline.png"), full_page=True)
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    other = context.new_page()
    errors = watch(other)
    other.goto(href)
    wait_ready(other)
    other.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect'] [data-tag]", has_text="Poland").first.wait_for(
        timeout=10_000)
    context.close()
    assert_no_page_errors(errors)


def test_every_control_round_trips_on_a_cold_start(browser) -> None:
    link = "/matrix?actor=LT&target=BY&from=2021-01-01&to=2021-12-31&asof=2021-06-01&view=target&events=off"
    with streamlit_server(ROOT / "data") as url:
        context = browser.new_context(viewport={"width": 1300, "height": 900})
        pg = context.new_page()
        errors = watch(pg)
        pg.goto(url + link)
        wait_ready(pg)
        q = parse_qs(urlsplit(pg.url).query)
        assert q["actor"] == ["LT"] and q["target"] == ["BY"] and q["asof"] == ["2021-06-01"] and q["view"] == ["target"]
        sidebar = pg.locator("[data-testid='stSidebar']")
        assert "Lithuania" in sidebar.locator("[data-testid='stMultiSelect']").nth(1).inner_text()
        assert "Belarus" in sidebar.locator("[data-testid='stMultiSelect']").nth(2).inner_text()
        assert pg.get_by_text("Measures by actor and target").count() >= 1 or pg.locator(".js-plotly-plot").count() >= 1
        pg.get_by_role("link", name="Explorer").first.click()
        pg.wait_for_url("**/explorer?**")
        wait_ready(pg)
        q = parse_qs(urlsplit(pg.url).query)
        assert q["actor"] == ["LT"] and q["target"] == ["BY"] and q["asof"] == ["2021-06-01"], "asof is kept across pages"
        pg.screenshot(path=str(ARTIFACTS / "cold-start-explorer.png"), full_page=True)
        context.close()
        assert_no_page_errors(errors)


def test_a_measure_page_from_a_shared_link(browser) -> None:
    from record.load import load_record

    measure = next(m for m in load_record(ROOT / "data").measures if m.actor == "LT" and len(m.sources) >= 2)
    with streamlit_server(ROOT / "data") as url:
        context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
        pg = context.new_page()
        errors = watch(pg)
        pg.goto(f"{url}/measure?id={measure.id}&country=LT&from=2020-08-09&to=2025-12-31")
        wait_ready(pg)
        text = pg.locator("[data-testid='stMain']").inner_text()
        assert measure.title in text
        for source in measure.sources:
            assert source.publisher in text
        assert " ".join(measure.sources[0].quote.split()[:6]) in " ".join(text.split())
        pg.screenshot(path=str(ARTIFACTS / "phone-measure.png"), full_page=True)
        context.close()
        assert_no_page_errors(errors)
