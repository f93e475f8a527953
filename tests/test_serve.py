"""`make serve`: the nginx config generator (pure), and two Streamlit processes behind nginx
end to end — health through nginx, a deep link's first request and websocket run, the reader's
filter in the rendered elements, and a reader moving to the other process when its own stops."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from bench.stclient import Reader
from deploy.serve import COOKIE, find_nginx, render_config, streamlit_flags
from tests.conftest import FIXTURE_DATA

ROOT = Path(__file__).resolve().parent.parent
DEEP_LINK = "country=PL&from=2021-01-01&to=2021-12-31"


def require_nginx() -> str:
    """Skip without nginx, except under CI, where a missing nginx is a failure."""
    nginx = find_nginx()
    if nginx:
        return nginx
    message = "nginx is missing: `make test` installs Debian's nginx when run as root"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


# ---------------------------------------------------------------- the generator

def test_config_lists_every_upstream_with_passive_health():
    text = render_config(["127.0.0.1:8601", "10.0.0.6:8501"], listen="127.0.0.1:8080", runtime="/run/x",
                         max_fails=2, fail_timeout=7)
    assert "server 127.0.0.1:8601 max_fails=2 fail_timeout=7s;" in text
    assert "server 10.0.0.6:8501 max_fails=2 fail_timeout=7s;" in text
    assert "listen 127.0.0.1:8080;" in text
    assert "{{" not in text and "}}" not in text


def test_config_is_sticky_by_a_cookie_nginx_sets():
    text = render_config(["a:1", "b:2"], listen="8080", runtime="/r")
    assert "hash $route_key consistent;" in text
    assert f"map $cookie_{COOKIE} $route_key" in text
    assert f'"{COOKIE}=$request_id; Path=/; HttpOnly; SameSite=Lax"' in text
    assert "add_header Set-Cookie $route_cookie always;" in text


def test_config_upgrades_the_stream_and_retries_another_process():
    text = render_config(["a:1"], listen="8080", runtime="/r")
    stream = text[text.index("location = /_stcore/stream"):]
    stream = stream[: stream.index("}")]
    assert "proxy_read_timeout 1d;" in stream and "proxy_buffering off;" in stream
    assert "proxy_set_header Upgrade $http_upgrade;" in text
    assert "proxy_set_header Connection $connection_upgrade;" in text
    assert "proxy_next_upstream error timeout http_502 http_503;" in text
    assert "location = /_stcore/health" in text


def test_config_keeps_every_written_path_under_the_runtime_folder():
    text = render_config(["a:1"], listen="8080", runtime="/srv/rt/")
    for directive in ("pid", "error_log", "access_log", "client_body_temp_path", "proxy_temp_path",
                      "fastcgi_temp_path", "uwsgi_temp_path", "scgi_temp_path"):
        lines = [ln.strip() for ln in text.splitlines() if ln.strip().startswith(directive + " ")]
        assert lines, directive
        assert all(ln.split()[1].startswith("/srv/rt/") or ln.split()[1] == "off;" for ln in lines), lines
    assert "/etc/nginx" not in text.replace("without /etc/nginx", "")


def test_config_is_the_same_for_the_same_arguments_and_served_by_is_opt_in():
    args = (["a:1", "b:2"],)
    assert render_config(*args, listen="80", runtime="/r") == render_config(*args, listen="80", runtime="/r")
    assert "X-Served-By" not in render_config(*args, listen="80", runtime="/r")
    assert "add_header X-Served-By $upstream_addr always;" in render_config(*args, listen="80", runtime="/r",
                                                                           served_by_header=True)


@pytest.mark.parametrize("bad", [[], ["nohost"], ["a:"], ["a:0"], ["a:99999"], ["a:1; evil"], ["a b:1"]])
def test_config_refuses_what_is_not_host_port(bad):
    with pytest.raises(ValueError):
        render_config(bad, listen="8080", runtime="/r")


def test_streamlit_options_become_flags_of_every_process():
    assert streamlit_flags(["runner.postScriptGC=false", "server.maxUploadSize=5"]) == [
        "--runner.postScriptGC", "false", "--server.maxUploadSize", "5"]
    for bad in ["runner.postScriptGC", "=x", "--a=b", "a b=c"]:
        with pytest.raises(ValueError):
            streamlit_flags([bad])


def test_nginx_accepts_the_generated_config(tmp_path):
    nginx = require_nginx()
    (tmp_path / "logs").mkdir()
    (tmp_path / "tmp").mkdir()
    conf = tmp_path / "nginx.conf"
    conf.write_text(render_config(["127.0.0.1:1", "127.0.0.1:2"], listen="127.0.0.1:1", runtime=tmp_path))
    out = subprocess.run([nginx, "-t", "-p", f"{tmp_path}/", "-c", str(conf), "-e", str(tmp_path / "logs/error.log"),
                          "-g", "daemon off;"], capture_output=True, text=True, timeout=30, check=False)
    assert out.returncode == 0, out.stderr


# ---------------------------------------------------------------- end to end

def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


def _wait_gone(pids: list[int], timeout: float) -> list[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(_alive(p) for p in pids):
        time.sleep(0.1)
    return [p for p in pids if _alive(p)]


def _countries(run) -> list[str]:
    boxes = [m for m in run.widgets("multiselect") if m.label == "Countries (either side)"]
    assert boxes, "the filter panel's Countries multiselect was not rendered"
    return list(boxes[0].raw_values)


@contextmanager
def serving(runtime: Path, replicas: int = 2):
    """`deploy.serve` with `replicas` processes on free ports, the fixture record, X-Served-By on;
    yields (base URL, state.json); on leaving, SIGTERM, and every process must be gone."""
    require_nginx()
    env = {**os.environ, "DASHBOARD_DATA_DIR": str(FIXTURE_DATA), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "deploy.serve", "serve", "--replicas", str(replicas), "--first-port", "0",
         "--port", "0", "--runtime", str(runtime), "--workers", "1", "--served-by-header"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    state = None
    try:
        deadline = time.monotonic() + 45
        line = ""
        while time.monotonic() < deadline and not line.startswith("serving"):
            line = proc.stdout.readline()
            assert line or proc.poll() is None, f"deploy.serve exited with {proc.returncode}"
        assert line.startswith("serving"), "deploy.serve was not serving within 45 s"
        state = json.loads((runtime / "state.json").read_text())
        assert len(state["replicas"]) == replicas
        yield f"http://127.0.0.1:{state['port']}", state
    finally:
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(timeout=20)
    assert code == 0
    left = _wait_gone([state["nginx_pid"], *(r["pid"] for r in state["replicas"])], 10)
    assert not left, f"still running after SIGTERM: {left}"


def _port(served_by: str) -> int:
    """The process that served a response: the last address in X-Served-By (after retries)."""
    return int(served_by.split(",")[-1].strip().rsplit(":", 1)[1])


def test_two_processes_behind_nginx_sticky_and_failing_over(tmp_path):
    with serving(tmp_path / "rt") as (base, state):
        ports = {r["port"]: r["pid"] for r in state["replicas"]}
        with urllib.request.urlopen(f"{base}/_stcore/health", timeout=10) as r:
            assert (r.status, r.read()) == (200, b"ok")

        async def scenario():
            reader = Reader(base, timeout=30)
            first = await reader.open("matrix", DEEP_LINK)  # GET of the deep link, then its websocket run
            assert first.ok, first.errors
            assert any("(PL)" in c for c in _countries(first)), _countries(first)
            route = [c.value for c in reader.jar if c.name == COOKIE]
            assert route, "nginx set no route cookie on the first request"
            served = _port(reader.upgrade_headers["X-Served-By"])
            assert served in ports
            # The same cookie keeps the reader on its process: page requests and websocket alike.
            for _ in range(3):
                again = Reader(base, jar=reader.jar, timeout=30)
                await again.connect()
                assert _port(again.upgrade_headers["X-Served-By"]) == served
                await again.close()

            os.kill(ports[served], signal.SIGTERM)
            assert not _wait_gone([ports[served]], 15), "the stopped process is still running"
            moved = await reader.reconnect()  # same cookie, last session id, current page hash
            assert moved.ok, moved.errors
            assert [c.value for c in reader.jar if c.name == COOKIE] == route
            other = next(p for p in ports if p != served)
            assert _port(reader.upgrade_headers["X-Served-By"]) == other, reader.upgrade_headers["X-Served-By"]
            assert any("(PL)" in c for c in _countries(moved)), _countries(moved)
            click = await reader.rerun("country=LT&from=2021-01-01&to=2021-12-31")
            assert click.ok and any("(LT)" in c for c in _countries(click)), _countries(click)
            await reader.close()

        asyncio.run(asyncio.wait_for(scenario(), 45))
        with urllib.request.urlopen(f"{base}/_stcore/health", timeout=10) as r:
            assert r.status == 200


@pytest.mark.browser
def test_chromium_reconnects_to_the_other_process_on_the_same_view(tmp_path):
    """The real frontend: a deep link through nginx, its process stopped, the page back on the
    other process with the same filters."""
    from tests.browser import CHROMIUM, CHROMIUM_ARGS, require_chromium, wait_ready

    require_chromium()
    from playwright.sync_api import sync_playwright

    with serving(tmp_path / "rt") as (base, state), sync_playwright() as p:
        ports = {r["port"]: r["pid"] for r in state["replicas"]}
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(viewport={"width": 1300, "height": 900}).new_page()
            sockets, received = [], []

            def on_socket(ws):
                sockets.append(ws)
                number = len(sockets)
                ws.on("framereceived", lambda _frame: received.append(number))

            page.on("websocket", on_socket)
            response = page.goto(f"{base}/matrix?{DEEP_LINK}")
            served = _port(response.headers["x-served-by"])
            wait_ready(page, timeout=30_000)
            chips = "[data-testid='stSidebar'] [data-testid='stMultiSelect'] [data-tag]"
            page.wait_for_selector(chips, timeout=30_000)  # the process's first run: the record's cold load
            assert any("PL" in t for t in page.locator(chips).all_inner_texts())
            assert len(sockets) == 1

            os.kill(ports[served], signal.SIGTERM)
            assert not _wait_gone([ports[served]], 15)
            deadline = time.monotonic() + 30  # the frontend pings health, then opens a new socket
            while len(sockets) < 2 and time.monotonic() < deadline:
                page.wait_for_timeout(200)
            assert len(sockets) == 2, "the page opened no new websocket after its process stopped"
            # Having had a session, the frontend sends nothing on reconnecting (it expects the
            # process to have kept its session): the page stays as drawn until the next click.
            assert any("PL" in t for t in page.locator(chips).all_inner_texts())

            def click_reset() -> bool:
                before = len(received)
                page.get_by_role("button", name="Reset filters").click()
                deadline = time.monotonic() + 30
                while not [n for n in received[before:] if n == 2] and time.monotonic() < deadline:
                    page.wait_for_timeout(100)
                assert [n for n in received[before:] if n == 2], "the other process did not answer the click"
                wait_ready(page, timeout=30_000)
                return not page.locator(chips).all_inner_texts() and "country=PL" not in page.url

            # Answered by the other process, on a new session whose first run carries the page's
            # widget values: they win over the link, and the button's click is carried out.
            assert click_reset(), "the first click after the process stopped was undone"
            assert page.locator("[data-testid='stException']").count() == 0
            assert click_reset(), "the session on the other process does not take a second click"
        finally:
            browser.close()
