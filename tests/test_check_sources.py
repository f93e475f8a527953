"""`make check-sources`, offline: a local HTTP server on 127.0.0.1 serves fixture pages (a live
page with its quote, a 404, a redirect to a live page, a page whose quote changed, a slow one
that times out, a refusal and a PDF) and exactly the broken ones are reported."""

from __future__ import annotations

import ast
import contextlib
import itertools
import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from record.check_sources import USER_AGENT, main, normalise, page_text, quote_on_page
from record.project import REPOSITORY_URL
from tests.conftest import ROOT, measure_yaml, measures_file, write

QUOTE = 'The Council today imposed restrictive measures against "40 individuals" - it\'s the list'
PAGES = {
    "/live": "<html><head><title>Press release</title><script>var quote = 'nothing';</script></head><body>"
             "<p>The Council today&nbsp;imposed <b>restric</b>tive measures</p>\n<p>against “40 INDIVIDUALS” — it’s the list.</p>"
             "</body></html>",
    "/target": "<html><body><div><p>Belarus suspends\n\n   its participation.</p></div></body></html>",
    "/changed": "<html><body><p>This page was rewritten and no longer says it.</p></body></html>",
}


class Handler(BaseHTTPRequestHandler):
    log: list[tuple[str, float, str]]  # path, arrival time, User-Agent

    def do_GET(self) -> None:
        self.log.append((self.path, time.monotonic(), self.headers.get("User-Agent", "")))
        path = self.path.split("?")[0]
        if path in PAGES:
            self._send(200, "text/html; charset=utf-8", PAGES[path].encode())
        elif path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/target")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/slow":
            time.sleep(2)
            self._send(200, "text/html", b"<p>Too late.</p>")
        elif path == "/refused":
            self._send(403, "text/html", b"<p>No robots.</p>")
        elif path == "/act.pdf":
            self._send(200, "application/pdf", b"%PDF-1.4 not really")
        else:
            self._send(404, "text/html", b"<p>Not found.</p>")

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the checker gave up on the slow page
            self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, list]]:
    log: list = []
    handler = type("FixtureHandler", (Handler,), {"log": log})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", log
    finally:
        httpd.shutdown()
        httpd.server_close()


def record_at(folder: Path, base: str, paths: dict[str, tuple[str, str]]) -> Path:
    """A data folder whose only sources are on the local server: measure id -> (path, quote)."""
    body = "".join(measure_yaml(mid, f"{base}{path}", quote) for mid, (path, quote) in paths.items())
    write(folder / "measures" / "local.yaml", measures_file(body))
    return folder


ALL = {
    "live-1": ("/live", QUOTE),
    "gone-1": ("/gone", QUOTE),
    "moved-1": ("/moved", "Belarus suspends its participation."),
    "changed-1": ("/changed", QUOTE),
    "slow-1": ("/slow", QUOTE),
    "refused-1": ("/refused", QUOTE),
    "pdf-1": ("/act.pdf", QUOTE),
}


def run_check(folder: Path, tmp_path: Path, *extra: str) -> tuple[int, dict]:
    report = tmp_path / "report.json"
    code = main([str(folder), "--report", str(report), "--cache", str(tmp_path / "cache"), "--timeout", "0.5",
                 "--host-delay", "0", *extra])
    return code, json.loads(report.read_text(encoding="utf-8"))


def test_exactly_the_broken_sources_are_reported(server, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base, log = server
    code, report = run_check(record_at(tmp_path / "data", base, ALL), tmp_path)
    assert code == 1
    verdicts = {r["where"].split(",")[0].removeprefix("measure "): r["verdict"] for r in report["results"]}
    assert verdicts == {"live-1": "ok", "gone-1": "dead", "moved-1": "ok", "changed-1": "quote-lost", "slow-1": "dead",
                        "refused-1": "refused", "pdf-1": "unchecked"}
    assert report["broken"] == 3
    by_id = {r["where"].split(",")[0].removeprefix("measure "): r for r in report["results"]}
    assert (by_id["moved-1"]["status"], by_id["moved-1"]["final_url"]) == (200, f"{base}/target")
    assert by_id["gone-1"]["status"] == 404 and by_id["gone-1"]["quote_found"] is None
    assert by_id["slow-1"]["status"] is None and "no answer within 0.5 s" in by_id["slow-1"]["error"]
    assert by_id["live-1"]["quote_found"] is True and by_id["changed-1"]["quote_found"] is False
    err = capsys.readouterr().err
    assert {line.split(":")[0] for line in err.splitlines() if line.startswith(("dead", "quote-lost"))} == {"dead", "quote-lost"}
    assert sum(line.startswith(("dead:", "quote-lost:")) for line in err.splitlines()) == 3
    assert all(ua == USER_AGENT for _, _, ua in log)
    assert "Measures Dashboard" in USER_AGENT and REPOSITORY_URL in USER_AGENT


def test_markdown_report_names_every_source(server, tmp_path: Path) -> None:
    base, _ = server
    report = tmp_path / "report.md"
    folder = record_at(tmp_path / "data", base, ALL)
    code = main([str(folder), "--report", str(report), "--no-cache", "--timeout", "0.5", "--host-delay", "0"])
    text = report.read_text(encoding="utf-8")
    assert code == 1
    assert "## Dead links" in text and "## Quotes no longer found on the page" in text and "## Every source" in text
    dead = text.split("## Dead links")[1].split("##")[0]
    assert f"{base}/gone" in dead and f"{base}/slow" in dead and f"{base}/live" not in dead
    assert f"| measure moved-1, source 1 | {base}/moved | 200 | {base}/target | yes | ok |" in text


def test_the_cache_spares_the_hosts_and_retries_failures(server, tmp_path: Path) -> None:
    base, log = server
    folder = record_at(tmp_path / "data", base, {"live-1": ("/live", QUOTE), "slow-1": ("/slow", QUOTE), "gone-1": ("/gone", QUOTE)})
    run_check(folder, tmp_path)
    first = Counter(path for path, _, _ in log)
    code, report = run_check(folder, tmp_path)
    second = Counter(path for path, _, _ in log) - first
    assert code == 1 and report["broken"] == 2
    assert second == Counter({"/slow": 1}), "a page and a 404 come from the cache; no answer is asked again"
    assert {r["from_cache"] for r in report["results"] if "slow" not in r["url"]} == {True}
    run_check(folder, tmp_path, "--no-cache")
    assert Counter(path for path, _, _ in log)["/live"] == 2


def test_one_request_at_a_time_per_host_with_a_delay(server, tmp_path: Path) -> None:
    base, log = server
    folder = record_at(tmp_path / "data", base, {f"p-{n}": (f"/live?n={n}", QUOTE) for n in range(4)})
    report = tmp_path / "r.json"
    code = main([str(folder), "--report", str(report), "--no-cache", "--host-delay", "0.3", "--concurrency", "4"])
    assert code == 0
    times = sorted(t for _, t, _ in log)
    assert len(times) == 4
    assert min(b - a for a, b in itertools.pairwise(times)) >= 0.28


def test_strict_counts_refusals(server, tmp_path: Path) -> None:
    base, _ = server
    folder = record_at(tmp_path / "data", base, {"live-1": ("/live", QUOTE), "refused-1": ("/refused", QUOTE)})
    assert run_check(folder, tmp_path)[0] == 0
    assert run_check(folder, tmp_path, "--strict")[0] == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  Council\u00a0Regulation\t(EU)\n2021/1030 ", "council regulation (eu) 2021/1030"),
        ("“Belaruskali” ‘potash’ it’s „quoted” «guillemets»", "\"belaruskali\" 'potash' it's \"quoted\" \"guillemets\""),
        ("2021–2022 — a dash ‑ non-breaking − minus", "2021-2022 - a dash - non-breaking - minus"),
        ("soft\u00adhyphen zero\u200bwidth", "softhyphen zerowidth"),
        ("Wait…  ﬁne", "wait... fine"),
        ("STRASSE Straße", "strasse strasse"),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected


def test_quote_on_page() -> None:
    page = page_text(PAGES["/live"])
    assert "var quote" not in page and page.startswith("Press release")
    assert quote_on_page(QUOTE, page)
    assert quote_on_page("The Council ... against “40 individuals”", page)
    assert not quote_on_page("against “40 individuals” ... The Council", page), "the parts of an elided quote keep their order"
    assert not quote_on_page("The Council today imposed restrictive measures against 41 individuals", page)
    assert quote_on_page("Press release", page)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
    return out


def test_the_dashboard_never_imports_the_curators_tools() -> None:
    """httpx, selectolax and feedgen are not installed where the dashboard is hosted."""
    todo = [ROOT / "dashboard.py", *sorted((ROOT / "app_pages").glob("*.py")), *sorted((ROOT / "components").glob("*.py")),
            *sorted((ROOT / "figures").glob("*.py"))]
    seen: set[Path] = set()
    modules: set[str] = set()
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        for name in _imports(path):
            modules.add(name)
            if name.split(".")[0] in ("record", "components", "figures") and (ROOT / f"{name.replace('.', '/')}.py").exists():
                todo.append(ROOT / f"{name.replace('.', '/')}.py")
    tops = {m.split(".")[0] for m in modules}
    assert not tops & {"httpx", "selectolax", "feedgen", "feedparser"}
    assert not modules & {"record.check_sources", "record.feed", "record.revision"}
