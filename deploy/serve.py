"""`make serve REPLICAS=N [PORT=8080]`: N identical Streamlit processes of dashboard.py behind
nginx, with sticky sessions, websocket upgrade, passive health and one port for readers.

    python -m deploy.serve [serve] --replicas 2 --port 8080        # processes here + nginx
    python -m deploy.serve serve --replicas 0 --upstream 10.0.0.5:8501 --upstream 10.0.0.6:8501
                                                                  # nginx only, processes elsewhere
    python -m deploy.serve replicas --replicas 2 --address 0.0.0.0 --first-port 8501
                                                                  # processes only (another machine)
    python -m deploy.serve config --upstream 10.0.0.5:8501 ...    # print the nginx config

nginx runs in the foreground (`daemon off`) as whoever starts it, from a runtime folder that
holds its generated config, pid, logs and temp dirs (default /tmp/dashboard-serve-PORT);
nothing under /etc/nginx is read or written. The runtime folder also gets `state.json` (ports
and process ids, for benchmarks and tests). Ctrl-C or SIGTERM stops nginx and every process.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).resolve().parent / "nginx.conf.template"
COOKIE = "dashboard_route"
NGINX_CANDIDATES = ("nginx", "/usr/sbin/nginx")


# ---------------------------------------------------------------- the config (pure)

def render_config(
    upstreams: list[str],
    *,
    listen: str,
    runtime: Path | str,
    template: str | None = None,
    workers: str = "auto",
    max_fails: int = 1,
    fail_timeout: int = 10,
    cookie: str = COOKIE,
    served_by_header: bool = False,
) -> str:
    """The nginx config for these upstream servers ("host:port"), from deploy/nginx.conf.template.
    Pure: the same arguments give the same text."""
    if not upstreams:
        raise ValueError("at least one upstream server is needed")
    for server in upstreams:
        host, sep, port = server.rpartition(":")
        if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536 or any(c in server for c in " ;{}"):
            raise ValueError(f"not host:port: {server!r}")
    if not cookie.replace("_", "").isalnum():
        raise ValueError(f"not a cookie name: {cookie!r}")
    text = TEMPLATE.read_text(encoding="utf-8") if template is None else template
    servers = "\n".join(f"        server {s} max_fails={max_fails} fail_timeout={fail_timeout}s;" for s in upstreams)
    extra = "        add_header X-Served-By $upstream_addr always;\n" if served_by_header else ""
    slots = {
        "{{SERVERS}}": servers,
        "{{LISTEN}}": listen,
        "{{RUNTIME}}": str(runtime).rstrip("/"),
        "{{WORKERS}}": workers,
        "{{COOKIE}}": cookie,
        "{{EXTRA_HEADERS}}\n": extra,
    }
    for slot, value in slots.items():
        text = text.replace(slot, value)
    if "{{" in text:
        raise ValueError(f"unfilled slot in the template: {text[text.index('{{'):][:40]!r}")
    return text


# ---------------------------------------------------------------- processes

def find_nginx() -> str | None:
    for candidate in (os.environ.get("NGINX"), *NGINX_CANDIDATES):
        if candidate and (found := shutil.which(candidate)):
            return found
    return None


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    """Whether a server could listen there now (as nginx and uvicorn do, past TIME_WAIT)."""
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
        return True


def _die_with_parent() -> None:
    """In the child, before exec: be sent SIGTERM when the launcher dies (Linux), so that no
    process outlives a launcher that was killed outright."""
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def http_ok(url: str, timeout: float = 2) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status == 200
    except OSError:
        return False


@dataclass
class Child:
    name: str
    proc: subprocess.Popen
    port: int
    log: Path


class Launcher:
    """Starts the processes and nginx; `stop()` ends them all (nginx first, so no reader is sent
    to a process that is stopping)."""

    def __init__(self, runtime: Path, *, script: Path, env: dict[str, str], options: list[str] | None = None):
        self.options = streamlit_flags(options or [])
        self.runtime = runtime
        self.script = script
        self.env = env
        self.replicas: list[Child] = []
        self.nginx: Child | None = None
        (runtime / "logs").mkdir(parents=True, exist_ok=True)
        (runtime / "tmp").mkdir(parents=True, exist_ok=True)

    def start_replica(self, port: int, address: str) -> Child:
        log = self.runtime / "logs" / f"streamlit-{port}.log"
        cmd = [
            sys.executable, "-m", "streamlit", "run", str(self.script),
            "--server.port", str(port), "--server.address", address, "--server.headless", "true",
            "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none", *self.options,
        ]
        with open(log, "w") as out:
            proc = subprocess.Popen(cmd, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT,
                                    preexec_fn=_die_with_parent, start_new_session=True)
        child = Child(f"streamlit:{port}", proc, port, log)
        self.replicas.append(child)
        return child

    def wait_healthy(self, children: list[Child], host: str, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        pending = list(children)
        while pending and time.monotonic() < deadline:
            for child in list(pending):
                if child.proc.poll() is not None:
                    raise RuntimeError(f"{child.name} exited with {child.proc.returncode}; see {child.log}")
                if http_ok(f"http://{host}:{child.port}/_stcore/health"):
                    pending.remove(child)
            time.sleep(0.2)
        if pending:
            raise RuntimeError(f"not healthy within {timeout:.0f} s: {', '.join(c.name for c in pending)}")

    def start_nginx(self, nginx: str, config: str, port: int) -> Child:
        conf = self.runtime / "nginx.conf"
        conf.write_text(config, encoding="utf-8")
        base = [nginx, "-p", f"{self.runtime}/", "-c", str(conf), "-e", str(self.runtime / "logs" / "error.log")]
        test = subprocess.run([*base, "-t", "-q", "-g", "daemon off;"], capture_output=True, text=True, check=False)
        if test.returncode != 0:
            raise RuntimeError(f"nginx rejected {conf}:\n{test.stderr}")
        log = self.runtime / "logs" / "nginx.out"
        with open(log, "w") as out:
            proc = subprocess.Popen([*base, "-g", "daemon off;"], stdout=out, stderr=subprocess.STDOUT,
                                    preexec_fn=_die_with_parent, start_new_session=True)
        self.nginx = Child("nginx", proc, port, log)
        return self.nginx

    def write_state(self, port: int | None) -> None:
        state = {
            "port": port,
            "nginx_pid": self.nginx.proc.pid if self.nginx else None,
            "replicas": [{"port": c.port, "pid": c.proc.pid, "log": str(c.log)} for c in self.replicas],
        }
        (self.runtime / "state.json").write_text(json.dumps(state, indent=2) + "\n", encoding="utf-8")

    def stop(self) -> None:
        children = ([self.nginx] if self.nginx else []) + self.replicas
        for child in children:
            if child.proc.poll() is None:
                # nginx: SIGQUIT is its graceful shutdown; Streamlit stops on SIGTERM.
                child.proc.send_signal(signal.SIGQUIT if child is self.nginx else signal.SIGTERM)
        deadline = time.monotonic() + 10
        for child in children:
            try:
                child.proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.proc.kill()
                child.proc.wait(timeout=5)


def streamlit_flags(options: list[str]) -> list[str]:
    """["runner.postScriptGC=false"] -> ["--runner.postScriptGC", "false"] (Streamlit config options)."""
    flags = []
    for option in options:
        key, sep, value = option.partition("=")
        if not sep or not key or " " in key or key.startswith("-"):
            raise ValueError(f"not SECTION.OPTION=VALUE: {option!r}")
        flags += [f"--{key}", value]
    return flags


class Stop(Exception):
    pass


def _on_signal(signum, _frame):
    raise Stop(signal.Signals(signum).name)


def replica_ports(count: int, first: int, host: str) -> list[int]:
    if count == 0:
        return []
    if first == 0:
        ports: list[int] = []
        for _ in range(count * 20):  # the kernel may hand out a port twice; bounded retries
            if len(ports) == count:
                break
            if (port := free_port(host)) not in ports:
                ports.append(port)
        return ports
    ports = list(range(first, first + count))
    busy = [p for p in ports if not port_is_free(p, host)]
    if busy:
        raise SystemExit(f"ports in use: {busy} (choose --first-port)")
    return ports


def run(args: argparse.Namespace, *, with_nginx: bool) -> int:
    listen_port = args.port if args.port else free_port()
    runtime = Path(args.runtime or f"/tmp/dashboard-serve-{listen_port}").resolve()
    nginx = find_nginx() if with_nginx else None
    if with_nginx and nginx is None:
        print("nginx is missing: `make nginx` installs Debian's package (as root)", file=sys.stderr)
        return 2
    if with_nginx and not port_is_free(listen_port, args.listen_host):
        print(f"port {listen_port} is in use (choose PORT=...)", file=sys.stderr)
        return 2
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    # One cookie secret for every process, so a cookie one signed reads the same on another.
    env.setdefault("STREAMLIT_SERVER_COOKIE_SECRET", secrets.token_hex(32))
    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    try:
        launcher = Launcher(runtime, script=Path(args.script).resolve(), env=env, options=args.set)
    except ValueError as err:
        print(err, file=sys.stderr)
        return 2
    host = "127.0.0.1" if args.address in ("0.0.0.0", "") else args.address
    try:
        ports = replica_ports(args.replicas, args.first_port, host)
        children = [launcher.start_replica(p, args.address) for p in ports]
        launcher.write_state(listen_port if with_nginx else None)
        launcher.wait_healthy(children, host)
        upstreams = [f"{host}:{p}" for p in ports] + list(args.upstream or [])
        if with_nginx:
            config = render_config(upstreams, listen=f"{args.listen_host}:{listen_port}", runtime=runtime,
                                   workers=args.workers, served_by_header=args.served_by_header)
            launcher.start_nginx(nginx, config, listen_port)
            launcher.write_state(listen_port)
            base = f"http://{args.listen_host}:{listen_port}"
            deadline = time.monotonic() + 30
            while not http_ok(f"{base}/_stcore/health") and time.monotonic() < deadline:
                if launcher.nginx.proc.poll() is not None:
                    raise RuntimeError(f"nginx exited; see {runtime / 'logs'}")
                time.sleep(0.1)
            print(f"serving {base} through nginx to {len(upstreams)} process(es): {', '.join(upstreams)}", flush=True)
        else:
            print(f"serving {len(ports)} process(es): {', '.join(upstreams)}", flush=True)
        print(f"runtime folder (config, logs, state.json): {runtime}; Ctrl-C stops everything", flush=True)
        gone: set[str] = set()
        while True:
            if launcher.nginx and launcher.nginx.proc.poll() is not None:
                print(f"nginx exited with {launcher.nginx.proc.returncode}; stopping", file=sys.stderr)
                return 1
            for child in launcher.replicas:
                if child.proc.poll() is not None and child.name not in gone:
                    gone.add(child.name)
                    print(f"{child.name} exited with {child.proc.returncode}; readers move to the others",
                          file=sys.stderr, flush=True)
            if launcher.replicas and len(gone) == len(launcher.replicas) and not args.upstream:
                print("every process has exited; stopping", file=sys.stderr)
                return 1
            time.sleep(0.5)
    except Stop as why:
        print(f"{why}: stopping", flush=True)
        return 0
    except (RuntimeError, ValueError) as err:
        print(err, file=sys.stderr)
        return 1
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        launcher.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.serve", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", nargs="?", default="serve", choices=["serve", "replicas", "config"])
    parser.add_argument("--replicas", type=int, default=2, help="Streamlit processes to start here")
    parser.add_argument("--port", type=int, default=8080, help="the readers' port (nginx); 0 = a free one")
    parser.add_argument("--listen-host", default="127.0.0.1", help="nginx's address (0.0.0.0 for every interface)")
    parser.add_argument("--first-port", type=int, default=8601, help="the first process's port; 0 = free ports")
    parser.add_argument("--address", default="127.0.0.1", help="the processes' address")
    parser.add_argument("--upstream", action="append", help="HOST:PORT of a process elsewhere (repeatable)")
    parser.add_argument("--runtime", help="nginx's prefix: config, pid, logs, temp (default /tmp/dashboard-serve-PORT)")
    parser.add_argument("--workers", default="auto", help="nginx worker_processes")
    parser.add_argument("--script", default=str(ROOT / "dashboard.py"), help="the Streamlit script")
    parser.add_argument("--set", action="append", metavar="OPTION=VALUE",
                        help="a Streamlit config option for every process, e.g. runner.postScriptGC=false (repeatable)")
    parser.add_argument("--served-by-header", action="store_true", help="add X-Served-By (the process) to responses")
    args = parser.parse_args(argv)
    if args.command == "config":
        upstreams = list(args.upstream or [])
        if not upstreams:
            parser.error("config needs --upstream HOST:PORT (one per process)")
        runtime = Path(args.runtime or f"/tmp/dashboard-serve-{args.port}").resolve()
        sys.stdout.write(render_config(upstreams, listen=f"{args.listen_host}:{args.port}", runtime=runtime,
                                       workers=args.workers, served_by_header=args.served_by_header))
        return 0
    if args.replicas < 0 or (args.replicas == 0 and not args.upstream):
        parser.error("--replicas must be at least 1 (or 0 with --upstream)")
    if args.command == "replicas" and args.replicas == 0:
        parser.error("replicas needs --replicas N")
    return run(args, with_nginx=args.command == "serve")


if __name__ == "__main__":
    sys.exit(main())
