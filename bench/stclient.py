"""A reader without a browser: one Streamlit session over the app's websocket, speaking the
protocol of Streamlit's own frontend (the protobufs the package ships).

What the browser does, and this client copies (Streamlit 1.67, `static/js/index.*.js`):
- GET the page (the shared link), then `/_stcore/health`, keeping the cookies they set (nginx's
  route cookie, Streamlit's `_streamlit_xsrf`);
- open `ws://host/_stcore/stream` with the subprotocols `streamlit`, then the XSRF cookie's value
  (or `PLACEHOLDER_AUTH_TOKEN`), then the last session id when it reconnects;
- send a BackMsg `rerun_script` whose ClientState carries the link's `query_string` and, on the
  first run, `page_name` = the path ("timeline") with an empty `page_script_hash`; later runs
  carry the current page's `page_script_hash` (from `new_session` / `navigation`) and no name;
  plus `context_info` (timezone, locale, url, colour scheme);
- read ForwardMsgs until `script_finished`.

A rerun is timed from sending the BackMsg until its `script_finished` (a run that ends early
for a rerun the script asked for is followed to the run that finishes). A rerun counts as an
error when its deltas carry an exception element, the page is not found, or the script ends
with a compile error.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import urllib.request
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import ClientConnection, connect

FINISHED = ForwardMsg.ScriptFinishedStatus
PLACEHOLDER_TOKEN = "PLACEHOLDER_AUTH_TOKEN"


@dataclass
class Run:
    """One rerun as the server answered it."""

    seconds: float
    status: str
    errors: list[str] = field(default_factory=list)
    elements: list = field(default_factory=list)  # Element protos of the run's deltas, in order
    runs: int = 1  # script runs until the one that finished (more when the script reran itself)

    @property
    def ok(self) -> bool:
        return not self.errors and self.status in ("FINISHED_SUCCESSFULLY", "FINISHED_FRAGMENT_RUN_SUCCESSFULLY")

    def widgets(self, kind: str) -> list:
        """The run's widgets of one kind (e.g. "multiselect"), as their protos."""
        return [getattr(e, kind) for e in self.elements if e.WhichOneof("type") == kind]


def http_get(url: str, jar: CookieJar, timeout: float = 30) -> tuple[int, dict[str, str], bytes]:
    """A plain GET that keeps cookies in `jar` (as a browser would for the page's requests)."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(urllib.request.Request(url, headers={"User-Agent": "bench-reader"}), timeout=timeout) as r:
        return r.status, dict(r.headers.items()), r.read()


def cookie_header(jar: CookieJar) -> str:
    return "; ".join(f"{c.name}={c.value}" for c in jar)


class Reader:
    """One reader's session: `await reader.open(path, query)`, then `await reader.rerun(query)`."""

    def __init__(self, base: str, *, jar: CookieJar | None = None, timeout: float = 60, public: str | None = None):
        self.base = base.rstrip("/")
        # The address the reader's browser shows (what the app builds its links from): behind a
        # proxy, the proxy's, while the connection goes to a process directly.
        self.public = (public or base).rstrip("/")
        self.jar = jar if jar is not None else CookieJar()
        self.timeout = timeout
        self.ws: ClientConnection | None = None
        self.session_id = ""
        self.page_script_hash = ""
        self.pages: dict[str, str] = {}  # url path -> page script hash
        self.upgrade_headers: dict[str, str] = {}
        self.path = ""
        self.query = ""

    async def connect(self) -> None:
        """Open the websocket as the browser does (reconnecting: with the last session id)."""
        parts = urlsplit(self.base)
        xsrf = next((c.value for c in self.jar if c.name == "_streamlit_xsrf"), None)
        protocols = ["streamlit", xsrf or PLACEHOLDER_TOKEN, *([self.session_id] if self.session_id else [])]
        headers = {"Cookie": cookie_header(self.jar)} if len(self.jar) else {}
        self.ws = await asyncio.wait_for(connect(
            f"ws://{parts.netloc}/_stcore/stream", subprotocols=protocols, additional_headers=headers,
            origin=f"{parts.scheme}://{parts.netloc}", max_size=None, compression=None, open_timeout=self.timeout,
            user_agent_header="bench-reader",
        ), self.timeout)
        self.upgrade_headers = dict(self.ws.response.headers.raw_items())

    async def open(self, path: str, query: str = "", *, get_page: bool = True) -> Run:
        """A reader opening a shared link: GET the page (cookies), open the websocket, first run."""
        self.path = path.strip("/")
        if get_page:
            url = f"{self.base}/{self.path}" + (f"?{query}" if query else "")
            await asyncio.to_thread(http_get, url, self.jar, self.timeout)
            # The frontend asks for health before it opens the websocket (and gets the XSRF cookie).
            await asyncio.to_thread(http_get, f"{self.base}/_stcore/health", self.jar, self.timeout)
        await self.connect()
        return await self.rerun(query, first=True)

    async def rerun(self, query: str, *, first: bool = False, widgets: dict[str, list[str]] | None = None) -> Run:
        """Send a rerun with this query string; time it until its script_finished. `widgets`
        sets string-array widget values (a multiselect's options, as shown) by widget id; other
        widgets keep the values the server has for this session."""
        assert self.ws is not None, "connect first"
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = query
        if first or not self.page_script_hash:
            state.page_name = self.path
            state.page_script_hash = ""
        else:
            state.page_script_hash = self.page_script_hash
        for widget_id, values in (widgets or {}).items():
            w = state.widget_states.widgets.add()
            w.id = widget_id
            w.string_array_value.data.extend(values)
        ctx = state.context_info
        ctx.timezone, ctx.timezone_offset, ctx.locale = "UTC", 0, "en-US"
        ctx.url = f"{self.public}/{self.path}" + (f"?{query}" if query else "")
        ctx.is_embedded, ctx.color_scheme = False, "light"
        self.query = query
        start = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        return await asyncio.wait_for(self._until_finished(start), self.timeout)

    async def _until_finished(self, start: float) -> Run:
        errors: list[str] = []
        elements: list = []
        runs = 1
        while True:
            data = await self.ws.recv()
            fwd = ForwardMsg()
            fwd.ParseFromString(data)
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                self.session_id = fwd.new_session.initialize.session_id or self.session_id
                self.page_script_hash = fwd.new_session.page_script_hash or self.page_script_hash
                for p in fwd.new_session.app_pages:
                    self.pages[p.url_pathname] = p.page_script_hash
            elif kind == "navigation":
                self.page_script_hash = fwd.navigation.page_script_hash or self.page_script_hash
                for p in fwd.navigation.app_pages:
                    self.pages[p.url_pathname] = p.page_script_hash
            elif kind == "page_not_found":
                errors.append(f"page not found: {fwd.page_not_found.page_name!r}")
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                el = fwd.delta.new_element
                elements.append(el)
                if el.WhichOneof("type") == "exception":
                    errors.append(f"{el.exception.type}: {el.exception.message}")
            elif kind == "script_finished":
                status = FINISHED.Name(fwd.script_finished)
                if fwd.script_finished == FINISHED.FINISHED_EARLY_FOR_RERUN:
                    runs += 1
                    elements = []
                    continue
                if fwd.script_finished == FINISHED.FINISHED_WITH_COMPILE_ERROR:
                    errors.append("compile error")
                return Run(time.perf_counter() - start, status, errors, elements, runs)

    async def reconnect(self) -> Run:
        """A new websocket with the same cookies and the last session id, as the browser opens when
        its socket drops, then a rerun of the current page with the current link. (The browser
        sends that rerun with its next click, not on reconnecting, when it had a session.)"""
        if self.ws is not None:
            with contextlib.suppress(Exception):  # the old socket is already gone
                await self.ws.close()
        self.ws = None
        await self.connect()
        return await self.rerun(self.query)

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
            self.ws = None
