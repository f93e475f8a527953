"""`make bench-readers`: many readers at once, each a real Streamlit session over the websocket
(bench/stclient.py speaks the frontend's protocol), against the dashboard served four ways:

- `direct`: one Streamlit process, readers connect to it;
- `nginx-1`, `nginx-2`: `deploy/serve.py` (what `make serve` runs) with 1 and 2 processes;
- `minimal`: bench/minimal_app.py in one process, under the same load (the yardstick).

Before a target's scenarios, every page is asked once for every view a click can ask for
(`--warm views`, the default), so that every scenario, the lone reader's and the 20 readers',
runs on the same caches: every view cached, as for a link that many readers open
(`--warm link` opens each page with the shared link only, so clicks meet cold caches).

Each scenario has R readers (1 and 20), all opening at once, with a think time between clicks
of 4 s ± 50 % (uniform 2–6 s) or none. Opens (a new session's first run) and clicks are reported
apart; throughput counts both. A reader opens a shared link (reader i: page i mod 7, `country=PL`, 2021–2022),
then clicks: its k-th click asks for the (i + k)-th busiest actor, as a new query string that the
filter panel decodes (on the minimal page, as that page's multiselect value). A rerun is timed
from its BackMsg to its `script_finished`. Per scenario: reruns, reruns/s, p50/p95/max latency,
errors, the servers' CPU seconds per rerun (utime + stime of every Streamlit process from
/proc/PID/stat, before and after), nginx's CPU (master and workers), the processes' peak memory
(VmHWM; the processes stay up across one target's scenarios, so it is the peak so far), and the
CPU that other programs took meanwhile (the machine's busy time from /proc/stat less ours, in
cores): a loaded machine makes every number here worse, and this column says when it was.

Every loop is bounded: a scenario stops starting reruns after --duration seconds (default 30,
at most 60) or --max-reruns per reader, and each rerun times out after 60 s. Only loopback.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import signal  # noqa: E402

from bench.run import peak_memory_mb  # noqa: E402
from bench.stclient import Reader  # noqa: E402
from record.frames import build_frames  # noqa: E402
from record.load import data_dir_from_env, load_record  # noqa: E402

OUT = ROOT / "bench-out"
PAGES = ["", "timeline", "matrix", "dynamics", "article", "explorer", "about"]
SHARED_LINK = "country=PL&from=2021-01-01&to=2022-12-31"
TARGETS = ("direct", "nginx-1", "nginx-2", "minimal")
CLK_TCK = os.sysconf("SC_CLK_TCK")


# ---------------------------------------------------------------- server readings

def cpu_seconds(pid: int) -> float:
    """utime + stime of a process, in seconds (/proc/PID/stat, fields 14 and 15)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    fields = stat[stat.rindex(")") + 2:].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def machine_busy() -> float:
    """CPU seconds the whole machine has spent busy (every core; /proc/stat)."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    return (user + nice + system + irq + softirq + steal) / CLK_TCK


def family(pid: int) -> list[int]:
    """A process and its children (nginx's workers do its work, not its master)."""
    kids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat[stat.rindex(")") + 2:].split()[1]) == pid:
                kids.append(int(entry.name))
    return [pid, *kids]


def family_cpu(pid: int) -> float:
    return sum(cpu_seconds(p) for p in family(pid))


@dataclass
class Served:
    url: str
    replica_pids: list[int]
    nginx_pid: int | None = None
    replica_urls: list[str] = field(default_factory=list)  # each process directly (to warm each cache)


@contextmanager
def serve(target: str, runtime: Path, data_dir: Path, options: list[str] | None = None) -> Iterator[Served]:
    """Start the target through deploy/serve.py and wait for it; stop it on leaving."""
    script = ROOT / ("bench/minimal_app.py" if target == "minimal" else "dashboard.py")
    replicas = 2 if target == "nginx-2" else 1
    command = "serve" if target.startswith("nginx") else "replicas"
    shutil.rmtree(runtime, ignore_errors=True)
    cmd = [sys.executable, "-m", "deploy.serve", command, "--replicas", str(replicas), "--first-port", "0",
           "--port", "0", "--runtime", str(runtime), "--script", str(script), "--workers", "1",
           *(f"--set={o}" for o in options or [])]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DASHBOARD_DATA_DIR": str(data_dir)}
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 180
        line = ""
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line and proc.poll() is not None:
                raise RuntimeError(f"deploy.serve exited with {proc.returncode}")
            if line.startswith("serving"):
                break
        else:
            raise RuntimeError("deploy.serve was not serving within 180 s")
        state = json.loads((runtime / "state.json").read_text())
        pids = [r["pid"] for r in state["replicas"]]
        port = state["port"] if command == "serve" else state["replicas"][0]["port"]
        yield Served(f"http://127.0.0.1:{port}", pids, state["nginx_pid"],
                     [f"http://127.0.0.1:{r['port']}" for r in state["replicas"]])
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


# ---------------------------------------------------------------- readers

@dataclass
class Tally:
    opens: list[float] = field(default_factory=list)
    clicks: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def click_query(actor: str) -> str:
    return f"country={actor}&from=2021-01-01&to=2022-12-31"


async def one_reader(i: int, base: str, *, minimal: bool, think: float, until: float, max_reruns: int,
                     codes: list[str], names: list[str], tally: Tally, rng: random.Random) -> None:
    page = "" if minimal else PAGES[i % len(PAGES)]
    reader = Reader(base, timeout=60)
    try:
        run = await reader.open(page, SHARED_LINK)
        tally.opens.append(run.seconds)
        tally.errors += run.errors
        box = next((m.id for m in run.widgets("multiselect")), None) if minimal else None
        for k in range(1, max_reruns + 1):
            if think:
                await asyncio.sleep(rng.uniform(think * 0.5, think * 1.5))
            if time.monotonic() >= until:
                break
            if minimal:
                run = await reader.rerun(SHARED_LINK, widgets={box: [names[(i + k) % len(names)]]})
            else:
                run = await reader.rerun(click_query(codes[(i + k) % len(codes)]))
            tally.clicks.append(run.seconds)
            tally.errors += run.errors
    except Exception as err:  # a dropped socket or a timeout is an error of the scenario
        tally.errors.append(f"reader {i}: {type(err).__name__}: {err}")
    finally:
        with contextlib.suppress(Exception):  # closing is best effort
            await asyncio.wait_for(reader.close(), 10)


async def scenario(base: str, readers: int, think: float, duration: float, max_reruns: int, *,
                   minimal: bool, codes: list[str], names: list[str], seed: int) -> tuple[Tally, float]:
    tally = Tally()
    start = time.monotonic()
    until = start + duration
    rng = random.Random(seed)
    tasks = [one_reader(i, base, minimal=minimal, think=think, until=until, max_reruns=max_reruns,
                        codes=codes, names=names, tally=tally, rng=random.Random(rng.random()))
             for i in range(readers)]
    # Each rerun times out after 60 s, so this bound is never the one that stops a healthy run.
    await asyncio.wait_for(asyncio.gather(*tasks), duration + 180)
    return tally, time.monotonic() - start


async def warm(base: str, minimal: bool, codes: list[str] | None = None, public: str | None = None) -> None:
    """Open every page once (the record's cold load and the shared link's figures); with `codes`,
    also ask every page for every view a reader's click can ask for (each actor), so that every
    scenario runs on the same cache state: every view cached, as for a link many readers open.
    `public`: the address readers use (nginx's), which the figures' links are built from."""
    for page in [""] if minimal else PAGES:
        reader = Reader(base, timeout=300, public=public)
        await reader.open(page, SHARED_LINK)
        if codes and not minimal:
            for code in codes:
                await reader.rerun(click_query(code))
        await reader.close()


# ---------------------------------------------------------------- report

def quantile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(q * 100) - 1]


def ms(seconds: float) -> str:
    return "–" if seconds != seconds else f"{seconds * 1000:,.0f} ms"


HEADER = ("| target | readers | think | reruns | reruns/s | click p50 | click p95 | click max | open p50 | open max "
          "| errors | server CPU / rerun | nginx CPU / rerun | peak memory (VmHWM) | other load |")


def row(target: str, readers: int, think: float, tally: Tally, wall: float, cpu: float, nginx_cpu: float | None,
        memory: list[float], others: float) -> str:
    every = tally.opens + tally.clicks
    n = len(every)
    per = (lambda s: f"{s / n * 1000:,.1f} ms") if n else (lambda s: "–")
    mem = " + ".join(f"{m:,.0f}" for m in memory) + " MB"
    clicks = tally.clicks
    return (f"| {target} | {readers} | {'4 s ±50 %' if think else 'none'} | {n:,} | {n / wall:,.1f} | "
            f"{ms(quantile(clicks, 0.5))} | {ms(quantile(clicks, 0.95))} | {ms(max(clicks, default=float('nan')))} | "
            f"{ms(quantile(tally.opens, 0.5))} | {ms(max(tally.opens, default=float('nan')))} | {len(tally.errors)} | {per(cpu)} | "
            f"{per(nginx_cpu) if nginx_cpu is not None else '–'} | {mem} | {others:.2f} cores |")


def busiest(data_dir: Path) -> tuple[list[str], list[str]]:
    m = build_frames(load_record(data_dir).measures).measures
    counts = m[["actor", "actor_name"]].value_counts()
    return [str(a) for a, _ in counts.index], [str(n) for _, n in counts.index]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--targets", default=",".join(TARGETS))
    parser.add_argument("--readers", default="1,20")
    parser.add_argument("--think", default="4,0", help="mean think times in seconds (±50 %%); 0 = no pause")
    parser.add_argument("--duration", type=float, default=30, help="seconds per scenario (at most 60)")
    parser.add_argument("--max-reruns", type=int, default=2000, help="clicks per reader at most")
    parser.add_argument("--url", help="bench a server already running (e.g. make serve): its base URL")
    parser.add_argument("--state", help="with --url: the runtime folder's state.json, for CPU and memory")
    parser.add_argument("--out", default=str(OUT / "readers.md"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--warm", choices=("views", "link"), default="views",
                        help="views: before the scenarios, every page is asked once for every view a click "
                             "can ask for (every scenario then runs on the same, warm caches); link: every "
                             "page opened once with the shared link only (clicks meet cold caches, more so "
                             "in earlier scenarios)")
    parser.add_argument("--set", action="append", metavar="OPTION=VALUE",
                        help="a Streamlit config option for the served processes (deploy.serve --set)")
    args = parser.parse_args()
    # SIGTERM: leave through the context managers, so every server started here is stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    duration = min(args.duration, 60)
    data_dir = data_dir_from_env()
    codes, names = busiest(data_dir)
    machine = (f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
               f"{platform.system()} {platform.release()}; readers and servers share the machine; "
               f"{duration:.0f} s per scenario; run {time.strftime('%Y-%m-%d %H:%M')}")
    lines = [machine, "", HEADER, "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    print("\n".join(lines), flush=True)
    readers_list = [int(x) for x in args.readers.split(",")]
    thinks = [float(x) for x in args.think.split(",")]
    errors_total = 0
    load_cpu_start = time.process_time()

    def run_target(target: str, served: Served) -> None:
        nonlocal errors_total
        minimal = target == "minimal"
        # Each process has its own caches: warm each directly (through nginx one cookie = one
        # process), as reached through nginx (a figure's link, in its image, is the reader's address).
        for url in served.replica_urls or [served.url]:
            asyncio.run(warm(url, minimal, codes if args.warm == "views" else None, public=served.url))
        for readers in readers_list:
            for think in thinks:
                before = sum(cpu_seconds(p) for p in served.replica_pids)
                nginx_before = family_cpu(served.nginx_pid) if served.nginx_pid else None
                busy_before, own_before = machine_busy(), time.process_time()
                tally, wall = asyncio.run(scenario(served.url, readers, think, duration, args.max_reruns,
                                                   minimal=minimal, codes=codes, names=names, seed=args.seed))
                cpu = sum(cpu_seconds(p) for p in served.replica_pids) - before
                nginx_cpu = family_cpu(served.nginx_pid) - nginx_before if served.nginx_pid else None
                memory = [peak_memory_mb(p) for p in served.replica_pids]
                # What else the machine was doing meanwhile (other programs), in cores.
                ours = cpu + (nginx_cpu or 0) + time.process_time() - own_before
                others = max(0.0, machine_busy() - busy_before - ours) / wall
                label = target + "".join(f" ({o})" for o in args.set or [])
                line = row(label, readers, think, tally, wall, cpu, nginx_cpu, memory, others)
                lines.append(line)
                print(line, flush=True)
                errors_total += len(tally.errors)
                for e in tally.errors[:5]:
                    print(f"  error: {e}", file=sys.stderr, flush=True)

    if args.url:
        pids, nginx_pid = [], None
        if args.state:
            state = json.loads(Path(args.state).read_text())
            pids, nginx_pid = [r["pid"] for r in state["replicas"]], state["nginx_pid"]
        run_target(args.url, Served(args.url.rstrip("/"), pids, nginx_pid))
    else:
        with tempfile.TemporaryDirectory(prefix="bench-readers-") as tmp:
            for target in args.targets.split(","):
                if target not in TARGETS:
                    parser.error(f"unknown target {target!r}; one of {', '.join(TARGETS)}")
                with serve(target, Path(tmp) / target, data_dir, args.set) as served:
                    run_target(target, served)
    lines += ["", f"Load generator (this process) CPU: {time.process_time() - load_cpu_start:,.1f} s in all."]
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(lines[-1])
    print(f"wrote {args.out}")
    return 1 if errors_total else 0


if __name__ == "__main__":
    sys.exit(main())
