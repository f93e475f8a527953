"""Running the dashboard for browser tests: a Streamlit server on a free port and Debian's Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
READY = "[data-testid='stApp'][data-test-script-state='notRunning']"
ARTIFACTS = ROOT / "test-artifacts"


def require_chromium() -> None:
    """Skip without Chromium, except under CI, where a missing browser is a failure."""
    if Path(CHROMIUM).exists() or shutil.which(CHROMIUM):
        return
    message = f"{CHROMIUM} is missing: `make test` installs Debian's chromium when run as root"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerURL(str):
    """The server's base address, knowing the server's process id (for memory readings)."""

    pid: int


@contextmanager
def streamlit_server(data_dir: Path | None = None, *, script: Path = ROOT / "dashboard.py", env: dict[str, str] | None = None):
    """Start a Streamlit app; wait for its port to accept connections without sending it any
    request, so that a test's first page load is the server's very first request."""
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
    if data_dir is not None:
        env["DASHBOARD_DATA_DIR"] = str(data_dir)
    ARTIFACTS.mkdir(exist_ok=True)
    log = open(ARTIFACTS / f"server-{port}.log", "w")  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {proc.returncode}; see {log.name}")
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        else:
            raise RuntimeError("streamlit did not open its port within 60 s")
        url = ServerURL(f"http://127.0.0.1:{port}")
        url.pid = proc.pid
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


# Streamlit's frontend probes the base path at a sub-path page (streamlit/streamlit#7074): a 404 of
# `<page>/_stcore/health` or `<page>/_stcore/host-config` is its own, not the dashboard's; so is
# a refused probe once a test has stopped its server on purpose.
_OWN_PROBES = ("/_stcore/health", "/_stcore/host-config")
_PROBE_FAILURES = ("404", "ERR_CONNECTION_REFUSED")


def watch(page) -> list[str]:
    """Collect the page's uncaught errors and console errors while a test runs."""
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))

    def console(msg) -> None:
        if msg.type != "error":
            return
        where = (msg.location or {}).get("url", "")
        if any(f in msg.text for f in _PROBE_FAILURES) and where.endswith(_OWN_PROBES):
            return
        errors.append(f"console error: {msg.text} ({where})")

    page.on("console", console)
    return errors


def assert_no_page_errors(errors: list[str]) -> None:
    assert errors == [], "\n".join(errors)


def wait_ready(page, timeout: float = 30_000) -> None:
    """Wait until the app's script has finished (Streamlit's own state attribute), twice over
    a short gap, since a widget change can queue one more rerun."""
    page.wait_for_selector(READY, timeout=timeout)
    page.wait_for_timeout(400)
    page.wait_for_selector(READY, timeout=timeout)
