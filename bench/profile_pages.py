"""What a cached rerun of each page spends its server CPU on.

One Streamlit process of dashboard.py (started as `make serve` starts its processes); per page,
one reader (bench/stclient.py, over the websocket) opens the shared link, clicks once through the
K busiest actors (so every filter set's figures are cached), then keeps clicking through the
same K while py-spy samples the server process (every thread: the script thread and the event
loop that serializes and sends the ForwardMsgs). Written to --out (default
/tmp/reports/profile.md): per page, CPU ms per rerun (/proc/PID/stat), where the samples fall by
package, and the top functions by inclusive and by self samples.

    python bench/profile_pages.py [--seconds 15] [--rate 250] [--pages timeline,matrix]

Needs py-spy (requirements-dev.txt) and permission to ptrace the server (root, or
kernel.yama.ptrace_scope = 0). Bounded: --seconds of sampling per page, clicks at most 5,000.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.readers import PAGES, SHARED_LINK, busiest, click_query, cpu_seconds, serve  # noqa: E402
from bench.stclient import Reader  # noqa: E402
from record.load import data_dir_from_env  # noqa: E402

FRAME = re.compile(r"^(?P<func>.*?) \((?P<file>[^()]*?)(?::(?P<line>\d+))?\)$")
PROJECT = ("app_pages", "components", "figures", "record", "dashboard.py")
# py-spy names a page script by its file name alone (app_pages/ is not a package).
PAGE_FILES = {p.name for p in (ROOT / "app_pages").glob("*.py")}


def area(path: str) -> str:
    """Where a frame's code lives, from py-spy's module-relative path: the project's folders,
    Streamlit by subpackage, another package, or the standard library."""
    p = path.replace("\\", "/")
    for part in PROJECT:
        if p == part or p.startswith(part + "/"):
            return part
    if p in PAGE_FILES:
        return "app_pages"
    if p.startswith("<frozen"):
        return "python stdlib"
    top = p.split("/", 1)[0].removesuffix(".py")
    if top == "streamlit" and p.count("/") >= 2:
        return "streamlit/" + p.split("/")[1]
    if top in sys.stdlib_module_names:
        return "python stdlib"
    return top or "?"


# Well-known steps of a rerun (inclusive samples; a sample can fall in several rows).
PHASES = [
    ("post-script gc.collect(2) (runner.postScriptGC)", "ScriptRunner._on_script_finished"),
    ("the script: dashboard.py and the page", "<module> (dashboard.py)"),
    ("the page's own script (page.run)", "Page.run"),
    ("st.cache_data / st.cache_resource lookups", "CachedFunc.__call__"),
    ("st.plotly_chart (figure to JSON, marshalling)", "PlotlyMixin.plotly_chart"),
    ("st.dataframe (Arrow)", "ArrowMixin.dataframe"),
    ("serialize ForwardMsgs", "serialize_forward_msg"),
    ("the asyncio event loop (websocket, HTTP)", "BaseEventLoop.run_forever"),
]


def phases(inclusive: Counter, total: int) -> list[str]:
    lines = ["| step | share of samples |", "|---|---|"]
    for label, needle in PHASES:
        n = max((v for k, v in inclusive.items() if k.startswith(needle + " ") or k == needle
                 or (needle.startswith("<") and k.startswith(needle))), default=0)
        lines.append(f"| {label} | {n / total:.1%} |")
    return lines


def short(func: str, path: str) -> str:
    p = path.replace("\\", "/")
    if "site-packages/" in p:
        p = p.split("site-packages/", 1)[1]
    elif str(ROOT) in p:
        p = p.split(str(ROOT) + "/", 1)[1]
    elif "/lib/python3" in p:
        p = "stdlib/" + p.split("/lib/python3", 1)[1].split("/", 2)[-1]
    return f"{func} ({p})"


def commands(text: str) -> Counter:
    """Inclusive samples per Streamlit command (the frame under `gather_metrics`, outermost)."""
    out = Counter()
    for line in text.splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        frames = stack.split(";")
        for i, frame in enumerate(frames[:-1]):
            if frame.startswith("gather_metrics.<locals>.wrapped_func"):
                m = FRAME.match(frames[i + 1].strip())
                if m:
                    out[short(m["func"], m["file"].rsplit(":", 1)[0])] += int(count)
                break
    return out


def parse_raw(text: str) -> tuple[int, Counter, Counter, Counter]:
    """py-spy's raw (collapsed) stacks -> total samples, inclusive and self samples per function,
    self samples per area."""
    total, inclusive, own, areas = 0, Counter(), Counter(), Counter()
    for line in text.splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        frames = []
        for raw in stack.split(";"):
            m = FRAME.match(raw.strip())
            if m:
                frames.append((m["func"], m["file"]))
        if not frames:
            continue
        total += n
        for key in {short(f, p) for f, p in frames}:
            inclusive[key] += n
        leaf_func, leaf_file = frames[-1]
        own[short(leaf_func, leaf_file)] += n
        areas[area(leaf_file)] += n
    return total, inclusive, own, areas


async def click_loop(base: str, page: str, codes: list[str], k: int, seconds: float, started: asyncio.Event) -> int:
    reader = Reader(base, timeout=120)
    await reader.open(page, SHARED_LINK)
    for i in range(k):  # every filter set of the loop, once, so the profiled reruns are cached
        await reader.rerun(click_query(codes[i % len(codes)]))
    started.set()
    n, until = 0, time.monotonic() + seconds
    while time.monotonic() < until and n < 5000:
        run = await reader.rerun(click_query(codes[n % k % len(codes)]))
        if run.errors:
            raise RuntimeError(f"/{page}: {run.errors}")
        n += 1
    await reader.close()
    return n


async def profile_page(base: str, pid: int, page: str, codes: list[str], args, raw_out: Path) -> dict:
    started = asyncio.Event()
    task = asyncio.create_task(click_loop(base, page, codes, args.k, args.seconds + 1, started))
    await asyncio.wait_for(started.wait(), 300)
    cpu0 = cpu_seconds(pid)
    spy = await asyncio.create_subprocess_exec(
        args.py_spy, "record", "--pid", str(pid), "--duration", str(int(args.seconds)), "--rate", str(args.rate),
        "--format", "raw", "--output", str(raw_out), "--nonblocking",
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )
    _, err = await asyncio.wait_for(spy.communicate(), args.seconds + 60)
    reruns = await asyncio.wait_for(task, 120)
    cpu = cpu_seconds(pid) - cpu0
    if spy.returncode != 0:
        raise RuntimeError(f"py-spy failed: {err.decode()[-500:]}")
    return {"reruns": reruns, "cpu": cpu}


def table(counter: Counter, total: int, top: int, head: str) -> list[str]:
    lines = [f"| {head} | share of samples |", "|---|---|"]
    for key, n in counter.most_common(top):
        lines.append(f"| `{key}` | {n / total:.1%} |")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", default=",".join(p or "overview" for p in PAGES))
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--rate", type=int, default=250)
    parser.add_argument("--k", type=int, default=6, help="filter sets cycled through (all cached)")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--out", default="/tmp/reports/profile.md")
    parser.add_argument("--set", action="append", metavar="OPTION=VALUE",
                        help="a Streamlit config option for the server (deploy.serve --set)")
    parser.add_argument("--py-spy", default=shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy"))
    args = parser.parse_args()
    data_dir = data_dir_from_env()
    codes, _ = busiest(data_dir)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    summary = ["| page | reruns profiled | server CPU per cached rerun | top areas (self samples) |", "|---|---|---|---|"]
    sections: list[str] = []
    with tempfile.TemporaryDirectory(prefix="profile-pages-") as tmp, serve("direct", Path(tmp) / "rt", data_dir, args.set) as served:
        pid = served.replica_pids[0]
        asyncio.run(_warm_all(served.url))
        for name in args.pages.split(","):
            page = "" if name == "overview" else name
            raw = Path(tmp) / f"{name}.txt"
            got = asyncio.run(profile_page(served.url, pid, page, codes, args, raw))
            total, inclusive, own, areas = parse_raw(raw.read_text())
            shutil.copy(raw, out.parent / f"{out.stem}-{name}.collapsed.txt")
            per = got["cpu"] / max(got["reruns"], 1)
            top_areas = ", ".join(f"{a} {n / total:.0%}" for a, n in areas.most_common(4)) if total else "–"
            summary.append(f"| /{page} | {got['reruns']} | {per * 1000:,.1f} ms | {top_areas} |")
            project = Counter({k: v for k, v in inclusive.items()
                               if any(f"({p}" in k for p in PROJECT) or k.rsplit("(", 1)[-1].rstrip(")") in PAGE_FILES})
            sections += [f"## /{page}", "",
                         f"{got['reruns']} cached reruns in {args.seconds:.0f} s, {got['cpu']:.2f} s server CPU "
                         f"({per * 1000:,.1f} ms per rerun), {total:,} samples (py-spy, {args.rate}/s, active threads).", "",
                         "Steps (inclusive samples):", "", *phases(inclusive, total), "",
                         "By area (self samples):", "", *table(areas, total, 10, "area"), "",
                         "Project functions (inclusive):", "", *table(project, total, args.top, "function"), "",
                         "Streamlit commands (inclusive):", "", *table(commands(raw.read_text()), total, 10, "command"), "",
                         "All functions (inclusive):", "", *table(inclusive, total, args.top, "function"), "",
                         "Leaf functions (self):", "", *table(own, total, args.top, "function"), ""]
            print(summary[-1], flush=True)
    options = "".join(f", {o}" for o in args.set or [])
    header = [
        "# Server CPU of a cached rerun, per page", "",
        f"Run {time.strftime('%Y-%m-%d %H:%M')} on {os.cpu_count()} cores; one Streamlit process, the curated record "
        f"({data_dir}){options}; one reader over the websocket clicking through the {args.k} busiest actors "
        "(all cached); py-spy samples every thread of the server. `bench/profile_pages.py` made this file; "
        f"collapsed stacks beside it ({out.stem}-PAGE.collapsed.txt) open in any flame-graph viewer.", "",
    ]
    out.write_text("\n".join([*header, *summary, "", *sections]) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


async def _warm_all(base: str) -> None:
    for page in PAGES:
        reader = Reader(base, timeout=300)
        await reader.open(page, SHARED_LINK)
        await reader.close()


if __name__ == "__main__":
    sys.exit(main())
