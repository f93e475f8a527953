"""Source rot, for curators with internet access (`make check-sources`): fetch every source
address of the record and say which no longer answer and whose quote is no longer on the page.

Politely: a bounded number of requests at once, one request at a time per host with a delay
between them, a timeout, a User-Agent that names the project, and an on-disk cache of the
pages' text so that a second run does not fetch again what it read recently. The dashboard
never imports this module (httpx and selectolax are not in requirements.txt).
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import re
import sys
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import httpx
from selectolax.lexbor import LexborHTMLParser

from record.load import data_dir_from_env, load_record
from record.project import DASHBOARD_NAME, REPOSITORY_URL

USER_AGENT = (
    f"{DASHBOARD_NAME.replace('–', '-')} source checker (+{REPOSITORY_URL}; checks that cited pages still say what is quoted)"
    f" httpx/{httpx.__version__}"
)
DEFAULT_CACHE_DIR = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "belarus-eu-ukraine-measures" / "sources"
DEFAULT_REPORT = Path("check-sources-report.md")
MAX_BYTES = 10 * 1024 * 1024
REFUSED = {401, 403, 429}  # the host turned a robot away: the page may well be there; check by hand
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)

# Typographic variants that a copied quote and a page often disagree on.
_TRANSLATE = str.maketrans({
    **dict.fromkeys("‘’‚‛′`´", "'"),
    **dict.fromkeys("“”„‟«»″", '"'),
    **dict.fromkeys("‐‑‒–—―−", "-"),
    **dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff", ""),
})
_SPACE = re.compile(r"\s+")
_ELISION = re.compile(r"\s*(?:\.\.\.|\[\.\.\.\]|\(\.\.\.\))\s*")


def normalise(text: str) -> str:
    """Text as compared: compatibility forms folded (NFKC: no-break spaces, ligatures, `…`),
    typographic quotes, apostrophes and dashes made plain, invisible characters dropped,
    whitespace collapsed to one space, and case folded."""
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE)
    return _SPACE.sub(" ", text).strip().casefold()


def quote_on_page(quote: str, page_text: str) -> bool:
    """Whether a quote stands in a page's text. Spaces are ignored altogether, since extracted
    text cannot tell `<b>Coun</b>cil` from two words; an elision (`...`) may stand for any text
    in between, the parts in order."""
    page = normalise(page_text).replace(" ", "")
    at = 0
    for part in _ELISION.split(normalise(quote)):
        part = part.replace(" ", "")
        if not part:
            continue
        found = page.find(part, at)
        if found < 0:
            return False
        at = found + len(part)
    return True


def page_text(html: str) -> str:
    """The readable text of an HTML page: title, description metadata and body, without scripts and styles."""
    tree = LexborHTMLParser(html)
    for node in tree.css("script, style, noscript, template, svg"):
        node.decompose()
    parts = []
    title = tree.css_first("title")
    if title is not None:
        parts.append(title.text())
    for meta in tree.css("meta[content]"):
        key = (meta.attributes.get("name") or meta.attributes.get("property") or "").lower()
        if key in ("description", "og:description", "og:title", "twitter:description"):
            parts.append(meta.attributes.get("content") or "")
    root = tree.body or tree.root
    if root is not None:
        parts.append(root.text(separator=" "))
    return _SPACE.sub(" ", " ".join(parts)).strip()


@dataclass(frozen=True)
class Target:
    """One quote to look for at one address."""

    where: str  # "measure <id>, source <n>", "event <id>, source <n>", "article item <id>"
    url: str
    quote: str


@dataclass
class Page:
    url: str
    status: int | None = None
    final_url: str | None = None
    content_type: str | None = None
    text: str | None = None  # None: not HTML or text, so quotes cannot be looked for
    error: str | None = None
    fetched_at: float = 0.0
    from_cache: bool = False


@dataclass
class Result:
    where: str
    url: str
    status: int | None
    final_url: str | None
    quote_found: bool | None  # None: not looked for (no page, or not HTML or text)
    verdict: str  # ok, dead, quote-lost, refused, unchecked
    error: str | None = None
    from_cache: bool = False


BROKEN = ("dead", "quote-lost")


def targets(record) -> list[Target]:
    out = []
    for m in record.measures:
        out += [Target(f"measure {m.id}, source {n}", s.url, s.quote) for n, s in enumerate(m.sources, start=1)]
    for e in record.events:
        out += [Target(f"event {e.id}, source {n}", s.url, s.quote) for n, s in enumerate(e.sources, start=1)]
    if record.article is not None:
        out += [Target(f"article item {item.id}", record.article.url, item.quote) for item in record.article.items]
    return out


class PageCache:
    """Fetched pages' text on disk, one JSON file per address. Only answers that say something
    about the page are kept (a page, or 404/410); no answer, a refusal or a server error is
    asked again next time."""

    def __init__(self, folder: Path | None, max_age: float) -> None:
        self.folder = folder
        self.max_age = max_age

    def _path(self, url: str) -> Path:
        assert self.folder is not None
        return self.folder / f"{hashlib.sha256(url.encode()).hexdigest()}.json"

    def get(self, url: str) -> Page | None:
        if self.folder is None:
            return None
        try:
            data = json.loads(self._path(url).read_text(encoding="utf-8"))
            page = Page(**data)
        except (OSError, ValueError, TypeError):
            return None
        if page.url != url or time.time() - page.fetched_at > self.max_age:
            return None
        page.from_cache = True
        return page

    def put(self, page: Page) -> None:
        if self.folder is None or page.status is None or not (page.status < 400 or page.status in (404, 410)):
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self._path(page.url)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({k: v for k, v in asdict(page).items() if k != "from_cache"}), encoding="utf-8")
        tmp.replace(path)


@dataclass
class _Host:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    last: float = float("-inf")


async def _read(client: httpx.AsyncClient, url: str) -> Page:
    async with client.stream("GET", url) as response:
        body = bytearray()
        async for chunk in response.aiter_bytes():
            body += chunk
            if len(body) > MAX_BYTES:
                break
        content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        page = Page(url, response.status_code, str(response.url), content_type, fetched_at=time.time())
        if response.status_code < 400 and content_type in HTML_TYPES + TEXT_TYPES:
            encoding = response.charset_encoding or "utf-8"
            decoded = bytes(body).decode(encoding, errors="replace")
            page.text = page_text(decoded) if content_type in HTML_TYPES else decoded
        return page


async def fetch_all(urls: Iterable[str], *, cache: PageCache, concurrency: int, timeout: float, host_delay: float,
                    client: httpx.AsyncClient | None = None) -> dict[str, Page]:
    """Every address once: from the cache when fresh, else fetched, at most `concurrency` at a
    time, one at a time per host with `host_delay` seconds between the start of two requests,
    each given `timeout` seconds in all (redirects included)."""
    hosts: dict[str, _Host] = {}
    gate = asyncio.Semaphore(max(1, concurrency))
    own = client is None
    client = client or httpx.AsyncClient(
        headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5"},
        follow_redirects=True, timeout=timeout, max_redirects=10,
    )

    async def one(url: str) -> tuple[str, Page]:
        cached = cache.get(url)
        if cached is not None:
            return url, cached
        host = hosts.setdefault((urlsplit(url).hostname or "").lower(), _Host())
        async with host.lock:
            wait = host.last + host_delay - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            async with gate:
                host.last = time.monotonic()
                try:
                    async with asyncio.timeout(timeout):
                        page = await _read(client, url)
                except TimeoutError:
                    page = Page(url, error=f"no answer within {timeout:g} s")
                except httpx.TooManyRedirects:
                    page = Page(url, error="too many redirects")
                except httpx.HTTPError as err:
                    page = Page(url, error=f"{type(err).__name__}: {err}".rstrip(": "))
        cache.put(page)
        return url, page

    try:
        return dict(await asyncio.gather(*(one(u) for u in dict.fromkeys(urls))))
    finally:
        if own:
            await client.aclose()


def judge(target: Target, page: Page) -> Result:
    if page.status is None:
        verdict, found = "dead", None
    elif page.status in REFUSED:
        verdict, found = "refused", None
    elif page.status >= 400:
        verdict, found = "dead", None
    elif page.text is None:
        verdict, found = "unchecked", None
    else:
        found = quote_on_page(target.quote, page.text)
        verdict = "ok" if found else "quote-lost"
    return Result(target.where, target.url, page.status, page.final_url, found, verdict, page.error, page.from_cache)


def check(found: list[Target], **options) -> list[Result]:
    pages = asyncio.run(fetch_all([t.url for t in found], **options))
    return [judge(t, pages[t.url]) for t in found]


def _cell(value: object) -> str:
    return "" if value is None else str(value).replace("|", "\\|").replace("\n", " ")


HEADINGS = {
    "dead": "Dead links (no answer, or an HTTP error)",
    "quote-lost": "Quotes no longer found on the page",
    "refused": "Refused to a robot (401, 403, 429): check by hand",
    "unchecked": "Quote not looked for (the page is not HTML or text, e.g. a PDF)",
}


def markdown_report(results: list[Result], checked_at: str) -> str:
    counts = {v: sum(r.verdict == v for r in results) for v in ("ok", *HEADINGS)}
    lines = [
        "# Source check",
        "",
        f"Checked {checked_at}: {len(results)} quotes at {len({r.url for r in results})} addresses. "
        + ", ".join(f"{n} {v}" for v, n in counts.items()) + ".",
    ]
    for verdict, heading in HEADINGS.items():
        rows = [r for r in results if r.verdict == verdict]
        if not rows:
            continue
        lines += ["", f"## {heading}", "", "| where | address | status | final address | note |", "|---|---|---|---|---|"]
        for r in rows:
            final = r.final_url if r.final_url and r.final_url != r.url else ""
            lines.append(f"| {_cell(r.where)} | {_cell(r.url)} | {_cell(r.status)} | {_cell(final)} | {_cell(r.error)} |")
    lines += ["", "## Every source", "", "| where | address | status | final address | quote on the page | verdict |",
              "|---|---|---|---|---|---|"]
    found = {True: "yes", False: "no", None: ""}
    for r in results:
        final = r.final_url if r.final_url and r.final_url != r.url else ""
        lines.append(f"| {_cell(r.where)} | {_cell(r.url)} | {_cell(r.status)} | {_cell(final)} | {found[r.quote_found]} | {r.verdict} |")
    return "\n".join(lines) + "\n"


def json_report(results: list[Result], checked_at: str) -> str:
    doc = {"checked_at": checked_at, "broken": sum(r.verdict in BROKEN for r in results), "results": [asdict(r) for r in results]}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m record.check_sources", description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", nargs="?", help="data folder (default: $DASHBOARD_DATA_DIR or data/)")
    parser.add_argument("--report", type=Path, default=DEFAULT_REPORT,
                        help=f"report file; .json for JSON, else Markdown (default: {DEFAULT_REPORT})")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE_DIR, help=f"folder of fetched pages (default: {DEFAULT_CACHE_DIR})")
    parser.add_argument("--no-cache", action="store_true", help="fetch everything again and keep nothing")
    parser.add_argument("--max-age", type=float, default=24.0, help="hours a cached page stays fresh (default: 24)")
    parser.add_argument("--concurrency", type=int, default=8, help="requests at once, over all hosts (default: 8)")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds for one address, redirects included (default: 20)")
    parser.add_argument("--host-delay", type=float, default=1.0, help="seconds between two requests to one host (default: 1)")
    parser.add_argument("--strict", action="store_true", help="count pages refused to a robot (401, 403, 429) as broken")
    args = parser.parse_args(argv)

    data_dir = Path(args.data_dir).expanduser().resolve() if args.data_dir else data_dir_from_env()
    record = load_record(data_dir)
    if not record.measures:
        print(f"check-sources: no valid measures in {data_dir}", file=sys.stderr)
        return 2
    found = targets(record)
    cache = PageCache(None if args.no_cache else args.cache, args.max_age * 3600)
    started = time.monotonic()
    results = check(found, cache=cache, concurrency=args.concurrency, timeout=args.timeout, host_delay=args.host_delay)
    checked_at = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    report = json_report(results, checked_at) if args.report.suffix == ".json" else markdown_report(results, checked_at)
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(report, encoding="utf-8")

    failing = BROKEN + (("refused",) if args.strict else ())
    broken = [r for r in results if r.verdict in failing]
    for r in broken:
        detail = r.error or (f"HTTP {r.status}" if r.verdict != "quote-lost" else "quote not found")
        print(f"{r.verdict}: {r.where}: {r.url} ({detail})", file=sys.stderr)
    print(f"check-sources: {len(results)} quotes at {len({r.url for r in results})} addresses in "
          f"{time.monotonic() - started:.0f} s, {len(broken)} broken; report: {args.report}", file=sys.stderr)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
