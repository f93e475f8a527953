"""`make bench-first-open`: the first open after a start (a sleeping hosted app's first reader), in
Chromium, against the minimal page, over several fresh starts.

`make bench` measures the first open once per size, always the dashboard before the minimal page.
Here each round starts both servers afresh (bench/run.py's servers, the same record), opens each
one's front page once in a fresh browser context until its charts are drawn, and alternates which
of the two opens first; it prints every time, the medians and their ratio.

    python bench/first_open.py [--rounds 4] [--data DIR]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as bench  # bench/run.py: servers, chart counts, open_time (it puts the repository on the path)

from record.load import data_dir_from_env


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=4, help="fresh starts of both servers (at most 10)")
    parser.add_argument("--data", type=Path, default=None, help="data folder (default: the record)")
    args = parser.parse_args()
    folder = args.data or data_dir_from_env()
    minimal = bench.ROOT / "bench" / "minimal_app.py"
    charts = bench.chart_count(folder, bench.ROOT / "dashboard.py", "")
    mini_charts = bench.chart_count(folder, minimal, "")
    times: dict[str, list[float]] = {"dashboard": [], "minimal": []}
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=bench.CHROMIUM, args=bench.CHROMIUM_ARGS)
        try:
            for i in range(min(args.rounds, 10)):
                with bench.streamlit_server(folder) as dash, \
                        bench.streamlit_server(folder, script=minimal, env={"PYTHONPATH": str(bench.ROOT)}) as mini:
                    order = [("dashboard", dash, charts), ("minimal", mini, mini_charts)]
                    if i % 2:
                        order.reverse()
                    for name, url, count in order:
                        times[name].append(bench.open_time(browser, url + "/", count, timeout=900_000))
                print(f"round {i + 1} ({order[0][0]} first): " + ", ".join(
                    f"{name} {bench.ms(values[-1])}" for name, values in times.items()), flush=True)
        finally:
            browser.close()
    dash_median, mini_median = statistics.median(times["dashboard"]), statistics.median(times["minimal"])
    print(f"median: dashboard {bench.ms(dash_median)}, minimal {bench.ms(mini_median)}, "
          f"ratio {dash_median / mini_median:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
