"""`make bench`: what the dashboard costs at N = curated, 1,000, 10,000 and 100,000 measures.

Server side, in this process: cold load and validation, building the frames, filtering,
building each page's figures and the size of their JSON, a cached rerun of each page (AppTest).
In Chromium: opening each page until its charts are drawn, and picking a country until the
rerun has settled, for the dashboard and for a minimal page (bench/minimal_app.py) over the
same rows, side by side, with the ratios; and the server's peak memory.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from components.pages import PAGES as PAGE_SPECS  # noqa: E402
from record.filters import Filters, filter_mask  # noqa: E402
from record.frames import build_frames  # noqa: E402
from record.load import load_record  # noqa: E402
from record.synth import write_synthetic  # noqa: E402
from tests.browser import CHROMIUM, CHROMIUM_ARGS, streamlit_server  # noqa: E402

OUT = ROOT / "bench-out"
PAGES = [spec.path for spec in PAGE_SPECS]
REPEATS = 3


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def data_for(n: str) -> Path:
    if n == "curated":
        return ROOT / "data"
    folder = OUT / f"synth-{n}"
    marker = folder / ".n"
    if not (marker.exists() and marker.read_text() == n):
        write_synthetic(int(n), folder)
        marker.write_text(n)
    return folder


def page_figures(frames, rows, f: Filters, article_date: date) -> dict[str, object]:
    """The figures each page builds for the default filters (the heaviest view)."""
    from figures.dynamics import chain_figure, response_chains, side_balance, side_balance_figure
    from figures.matrix import alignment_figure, alignment_table, matrix_counts, matrix_figure
    from figures.timeline import balance_figure, monthly_balance, small_timeline_figure, timeline_figure

    chains = sorted(response_chains(rows), key=lambda c: -len(c.ids))[:12]
    return {
        "overview: measures per month": lambda: small_timeline_figure(rows),
        "timeline: lanes": lambda: timeline_figure(rows, start=f.start, end=f.end),
        "timeline: monthly balance": lambda: balance_figure(monthly_balance(rows)),
        "matrix: actor × type": lambda: matrix_figure(matrix_counts(rows, by="group"), column_kind="group"),
        "matrix: actor × target": lambda: matrix_figure(matrix_counts(rows, by="target"), column_kind="actor"),
        "matrix: alignment (latest 40)": lambda: alignment_figure(alignment_table(rows, latest=40)),
        "dynamics: balance by side": lambda: side_balance_figure(side_balance(rows), marks=[], article_date=article_date),
        "dynamics: 12 chains": lambda: [chain_figure(rows, c) for c in chains],
    }


def server_side(n: str, folder: Path) -> tuple[list[tuple[str, str]], list[str]]:
    """The rows of the table, and the record's actors, busiest first (for the filter changes)."""
    out: list[tuple[str, str]] = []
    t_load, record = timed(lambda: load_record(folder))
    out.append(("cold load and validation", ms(t_load)))
    t_frames, frames = timed(lambda: build_frames(record.measures))
    out.append(("build frames", ms(t_frames)))
    m = frames.measures
    defaults = Filters(start=m["date"].min().date(), end=m["date"].max().date())
    narrow = Filters(start=date(2021, 1, 1), end=date(2022, 12, 31), countries=("PL", "LT"))
    t_all = statistics.median(timed(lambda: filter_mask(frames, defaults))[0] for _ in range(5))
    t_narrow = statistics.median(timed(lambda: filter_mask(frames, narrow))[0] for _ in range(5))
    out.append(("filter: all / PL+LT 2021–22", f"{t_all * 1000:.1f} ms / {t_narrow * 1000:.1f} ms"))
    rows = m.loc[filter_mask(frames, defaults)]
    for name, build in page_figures(frames, rows, defaults, date(2022, 4, 18)).items():
        t, fig = timed(build)
        figs = fig if isinstance(fig, list) else [fig]
        size = max((len(f.to_json()) for f in figs), default=0)
        out.append((f"figure {name}", f"{ms(t)}, largest JSON {size / 1e6:.3f} MB"))
    return out, [str(a) for a in m["actor_name"].value_counts().index]


def cached_reruns(folder: Path) -> list[tuple[str, str]]:
    """A rerun of each page with the record already cached (AppTest, in process)."""
    os.environ["DASHBOARD_DATA_DIR"] = str(folder)
    from streamlit.testing.v1 import AppTest

    out = []
    for page in PAGES:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
        if page:
            at.switch_page(f"app_pages/{page}.py")
        at.run()
        t = statistics.median(timed(at.run)[0] for _ in range(REPEATS))
        out.append((f"cached rerun /{page}", ms(t)))
    return out


# Records the app's script state going to running and back to notRunning: a finished run,
# however fast, and never the idle state before the first run has started.
WATCH_RUN = """
(() => {
  window.__run = {running: false, done: false};
  new MutationObserver((records) => {
    for (const r of records) {
      const state = r.target.getAttribute && r.target.getAttribute('data-test-script-state');
      if (state === 'running') window.__run.running = true;
      else if (state === 'notRunning' && (window.__run.running || r.oldValue === 'running')) window.__run.done = true;
    }
  }).observe(document, {attributes: true, attributeOldValue: true, subtree: true,
                        attributeFilter: ['data-test-script-state']});
})();
"""


CHARTS_DRAWN = """(n) => {
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
  return charts.length >= n && charts.every(c => {
    const plot = c.querySelector('.js-plotly-plot');
    return plot && plot.calcdata && plot._fullLayout && c.querySelector('.main-svg');
  });
}"""


def _settle(pg, charts: int = 0, timeout: int = 60_000) -> None:
    """Wait for a finished script run, then for the page's `charts` plotly charts to be drawn
    (Streamlit loads its chart code lazily and shows a skeleton meanwhile, so a finished run
    is not a drawn page), then two animation frames."""
    pg.wait_for_function("() => window.__run && window.__run.done", timeout=timeout)
    pg.wait_for_function(CHARTS_DRAWN, arg=charts, timeout=timeout)
    pg.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def chart_count(folder: Path, script: Path, page: str) -> int:
    """How many plotly charts a page draws on opening, counted by running it (AppTest)."""
    from streamlit.testing.v1 import AppTest

    os.environ["DASHBOARD_DATA_DIR"] = str(folder)
    at = AppTest.from_file(str(script), default_timeout=600)
    if page:
        at.switch_page(f"app_pages/{page}.py")
    at.run()
    return len(at.get("plotly_chart"))


def new_page(browser):
    """A fresh browser context for each visit: a new reader opening a shared link."""
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    context.add_init_script(WATCH_RUN)
    return context.new_page()


def open_time(browser, url: str, charts: int, timeout: int = 60_000) -> float:
    pg = new_page(browser)
    start = time.perf_counter()
    pg.goto(url)
    _settle(pg, charts, timeout)
    elapsed = time.perf_counter() - start
    pg.context.close()
    return elapsed


def filter_time(browser, url: str, charts: int, box_selector: str, country: str) -> float:
    pg = new_page(browser)
    pg.goto(url)
    _settle(pg, charts)
    pg.locator(box_selector).first.click()
    pg.keyboard.type(country)
    pg.evaluate("() => { window.__run = {running: false, done: false}; }")
    start = time.perf_counter()
    pg.keyboard.press("Enter")
    _settle(pg)
    elapsed = time.perf_counter() - start
    pg.context.close()
    return elapsed


def median_of(measure: Callable[[int], float]) -> float:
    """Median of REPEATS runs (each told its number); a run that times out (a missed keystroke)
    is tried once more."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    values = []
    for i in range(REPEATS):
        try:
            values.append(measure(i))
        except PlaywrightTimeout:
            values.append(measure(i))
    return statistics.median(values)


def peak_memory_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def browser_side(browser, folder: Path, countries: list[str]) -> tuple[list[tuple[str, str]], list[float], list[float]]:
    """Median open and filter times of every page against the minimal page; the ratios.
    Each visit is a fresh browser context (a new reader); each server is warmed first by one
    visit to every page, so the record's cold load is reported apart. The i-th filter change
    of each page, and of the minimal page, picks the i-th busiest actor (`countries`), so both
    apps draw the same selections and no page's change is served from its own cached figures
    (the filtered rows are shared by the dashboard's pages, as they are meant to be)."""
    out: list[tuple[str, str]] = []
    open_ratios, filter_ratios = [], []
    env_minimal = {"PYTHONPATH": str(ROOT)}
    minimal = ROOT / "bench" / "minimal_app.py"
    charts = {page: chart_count(folder, ROOT / "dashboard.py", page) for page in PAGES}
    mini_charts = chart_count(folder, minimal, "")
    with streamlit_server(folder) as dash, streamlit_server(folder, script=minimal, env=env_minimal) as mini:
        cold_dash = open_time(browser, dash + "/", charts[""], timeout=900_000)
        cold_mini = open_time(browser, mini + "/", mini_charts, timeout=900_000)
        for page in PAGES:
            open_time(browser, f"{dash}/{page}", charts[page], timeout=900_000)
        out.append(("Chromium: first open after start (cold load)", f"dashboard {ms(cold_dash)} · minimal {ms(cold_mini)}"))
        mini_open = median_of(lambda i: open_time(browser, mini + "/", mini_charts))
        mini_filter = median_of(
            lambda i: filter_time(browser, mini + "/", mini_charts, "[data-testid='stMultiSelect']", countries[i % len(countries)])
        )
        out.append(("Chromium: minimal page open / filter", f"{ms(mini_open)} / {ms(mini_filter)}"))
        sidebar_box = "[data-testid='stSidebar'] [data-testid='stMultiSelect']"
        for page in PAGES:
            t_open = median_of(lambda i, page=page: open_time(browser, f"{dash}/{page}", charts[page]))
            t_filter = median_of(lambda i, page=page: filter_time(
                browser, f"{dash}/{page}", charts[page], sidebar_box, countries[i % len(countries)]
            ))
            open_ratios.append(t_open / mini_open)
            filter_ratios.append(t_filter / mini_filter)
            out.append((
                f"Chromium: /{page} open / filter",
                f"{ms(t_open)} ({t_open / mini_open:.2f}×) / {ms(t_filter)} ({t_filter / mini_filter:.2f}×)",
            ))
        memory = f"dashboard {peak_memory_mb(dash.pid):,.0f} MB · minimal {peak_memory_mb(mini.pid):,.0f} MB"
        out.append(("server peak memory (VmHWM)", memory))
    return out, open_ratios, filter_ratios


def combined_table(tables: dict[str, list[tuple[str, str]]]) -> list[str]:
    """One markdown table: a row per measurement, a column per record size."""
    keys = list(dict.fromkeys(k for rows in tables.values() for k, _ in rows))
    values = {size: dict(rows) for size, rows in tables.items()}
    lines = ["| measure | " + " | ".join(tables) + " |", "|---|" + "---|" * len(tables)]
    lines += [f"| {k} | " + " | ".join(values[size].get(k, "–") for size in tables) + " |" for k in keys]
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="curated,1000,10000,100000")
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    machine = (f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
               f"{platform.system()} {platform.release()}; run {time.strftime('%Y-%m-%d %H:%M')}")
    browser = None
    if not args.no_browser:
        from playwright.sync_api import sync_playwright

        playwright = sync_playwright().start()
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    tables: dict[str, list[tuple[str, str]]] = {}
    summary = []
    for n in args.sizes.split(","):
        folder = data_for(n)
        count = len(load_record(folder).measures) if n == "curated" else int(n)
        rows, actors = server_side(n, folder)
        rows += cached_reruns(folder)
        if browser is not None:
            extra, opens, filters = browser_side(browser, folder, actors)
            rows += extra
            summary.append(f"N={count:,}: worst page open {max(opens):.2f}× the minimal page, worst filter change "
                           f"{max(filters):.2f}×")
        label = f"N = {count:,}" + (" (curated)" if n == "curated" else "")
        tables[label] = rows
        print("\n".join([f"### {label}", "", *combined_table({label: rows}), ""]), flush=True)
    lines = [machine, "", *combined_table(tables), "",
             "Budget at 10,000 measures: open ≤ 1.3×, filter change ≤ 1.5× the minimal page.", ""]
    lines += [f"- {s}" for s in summary]
    (OUT / "latest.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines[-len(summary) - 2 :]))
    print(f"\nwrote {OUT / 'latest.md'}")
    if browser is not None:
        browser.close()
        playwright.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
