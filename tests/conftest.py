"""Shared pytest fixtures.

`site` is a real HTTP/1.1 server on loopback (keep-alive, like real sites), started once per
test session. It serves the fixture pages in ``tests/site/`` and a set of hostile or special
routes built in the handler:

=====================  ============================================================
``/status/N``          status N (404, 500, ...) with an HTML error page
``/redirect/N``        a chain of N 302 redirects ending at ``/articles/fr-reseau.html``
``/loop``              302 to itself, forever
``/to-file``           302 to ``file:///etc/passwd``
``/drip``              headers, then one byte every 0.2 s for up to 30 s
``/huge``              12 MB of HTML streamed without a Content-Length
``/bomb``              ~300 KB of gzip that inflates to 300 MB
``/gzip``              ``/articles/fr-reseau.html`` gzip-compressed
``/doc.pdf``           50 MB of application/pdf, paced to take about 8 s to send
``/image.png``         a PNG padded to 50 MB, paced the same way
``/empty``             200 text/html with an empty body
``/slow-headers``      waits 3 s before answering with an article
``/drip-head``         the status line and headers one byte every 0.2 s (``every``)
=====================  ============================================================

Static files get their content type from their suffix, with no charset parameter (so the
windows-1252 page is undeclared), except the pages listed in `CONTENT_TYPE_OVERRIDES`.
``@BASE@`` in feeds is replaced by the server's base URL. Query strings are ignored for
static files, so ``/articles/fr-reseau.html?utm_source=x`` works. Tests can also publish
their own bytes with `Site.add`, and read what the server received in `Site.requests`.

Two query parameters change any route: ``close`` (e.g. ``/redirect/3?close=1``) answers with
``Connection: close`` and is carried along redirect chains; ``every`` sets the drip interval
in seconds (``/drip?every=1.5``). Small responses leave in one write, headers and body
together, as real servers send them.

Every test also runs in `house`: its own ``LECTEUR_HOME``, an English locale and interface,
and a clock that starts at `CLOCK_START` and ticks one second per reading, all restored
afterwards. `cli` runs the real command line (`lecteur.cli.main`) in this process.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import select
import socket
import struct
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from helpers import CLOCK_START, Ran, run_cli, ticking_clock

TESTS = Path(__file__).parent
SITE_DIR = TESTS / "site"
ARTICLE_PATH = "/articles/fr-reseau.html"

CONTENT_TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".xml": "application/xml",
    ".json": "application/json",
}
CONTENT_TYPE_OVERRIDES = {
    # UTF-8 bytes behind a header that claims latin-1, as misconfigured servers do.
    "/articles/fr-utf8-etiquete-latin1.html": "text/html; charset=iso-8859-1",
}
TEMPLATED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})

MB = 1024 * 1024
CHUNK = 64 * 1024
DRIP_SECONDS = 30.0
DRIP_INTERVAL = 0.2
HUGE_BYTES = 12 * MB
BOMB_BYTES = 300 * MB
PACED_BYTES = 50 * MB
PACED_PAUSE = 0.01  # per 64 KB chunk: 50 MB take about 8 s to send
SLOW_HEADERS_SECONDS = 3.0
SEND_TIMEOUT = 5.0  # a blocked write to a client that stopped reading gives up after this


@dataclass
class RecordedRequest:
    """One request as the server saw it."""

    method: str
    path: str
    query: str
    headers: dict[str, str]  # names in lower case
    client_port: int = 0  # the same port for two requests means one kept-alive connection
    bytes_sent: int = 0
    finished: threading.Event = field(default_factory=threading.Event)


@dataclass(frozen=True)
class _Page:
    body: bytes
    content_type: str
    headers: tuple[tuple[str, str], ...] = ()


class Site:
    """Handle on the running test server."""

    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port
        self.base = f"http://{host}:{port}"
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._requests: list[RecordedRequest] = []
        self._pages: dict[str, _Page] = {}

    def url(self, path: str) -> str:
        """The absolute URL of `path` (which starts with ``/``) on this server."""
        if not path.startswith("/"):
            raise ValueError(f"path must start with '/': {path!r}")
        return self.base + path

    def add(
        self,
        path: str,
        body: bytes,
        content_type: str,
        headers: Iterable[tuple[str, str]] = (),
    ) -> str:
        """Serve `body` at `path` (query string ignored) from now on; return its URL."""
        with self._lock:
            self._pages[path] = _Page(body, content_type, tuple(headers))
        return self.url(path)

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received so far, oldest first."""
        with self._lock:
            return list(self._requests)

    def last_request(self, path: str) -> RecordedRequest:
        """The most recent request for `path` (without its query string)."""
        for request in reversed(self.requests):
            if request.path == path:
                return request
        raise LookupError(f"the server never received a request for {path}")

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self._requests.append(request)

    def _page(self, path: str) -> _Page | None:
        with self._lock:
            return self._pages.get(path)


@functools.cache
def gzip_bomb() -> bytes:
    """A single gzip member of ~300 KB that inflates to 300 MB of spaces.

    Built in well under a second without holding 300 MB: after a full flush a deflate
    block cannot refer back, so the compressed form of one 1 MB block is repeated.
    """
    block = b" " * MB
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    piece = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    count = BOMB_BYTES // MB
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(block, crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    trailer = struct.pack("<II", crc, BOMB_BYTES & 0xFFFFFFFF)
    return header + piece * count + compressor.flush() + trailer


def _png_head() -> bytes:
    """A valid 1x1 grey PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00\x80"))
        + chunk(b"IEND", b"")
    )


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    site: Site

    def handle_error(self, request: object, client_address: object) -> None:
        """Stay quiet: clients hanging up mid-response is what these tests do."""


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "lecteur-test-site"
    sys_version = ""
    timeout = 60  # idle keep-alive connections; the whole session is much shorter
    wbufsize = -1  # buffered: a small response goes out in one write at the end
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        """No request logging on stderr."""

    def version_string(self) -> str:
        return self.server_version

    # -- dispatch -------------------------------------------------------------------

    def do_GET(self) -> None:
        site = self.server.site
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        query = parse_qs(parts.query, keep_blank_values=True)
        self._close = "close" in query
        self._suffix = "?close=1" if self._close else ""
        try:
            self._every = min(5.0, max(0.05, float(query.get("every", [DRIP_INTERVAL])[0])))
        except ValueError:
            self._every = DRIP_INTERVAL
        headers = {name.lower(): value for name, value in self.headers.items()}
        self._record = RecordedRequest(
            method=self.command,
            path=path,
            query=parts.query,
            headers=headers,
            client_port=int(self.client_address[1]),
        )
        site._record(self._record)
        try:
            self._dispatch(site, path)
        except OSError:
            self.close_connection = True  # the client went away; nothing to tell it
        finally:
            self._record.finished.set()

    def _dispatch(self, site: Site, path: str) -> None:
        page = site._page(path)
        if page is not None:
            self._send(200, page.body, page.content_type, page.headers)
            return
        segments = path.strip("/").split("/")
        if len(segments) == 2 and segments[0] in ("status", "redirect"):
            try:
                number = int(segments[1])
            except ValueError:
                number = -1
            if segments[0] == "status" and 100 <= number <= 599:
                self._status(number)
                return
            if segments[0] == "redirect" and 0 <= number <= 100:
                self._redirect_chain(number)
                return
        route = {
            "/loop": lambda: self._redirect("/loop" + self._suffix),
            "/to-file": lambda: self._redirect("file:///etc/passwd"),
            "/drip": self._drip,
            "/huge": self._huge,
            "/bomb": self._bomb,
            "/gzip": self._gzip,
            "/doc.pdf": lambda: self._paced("application/pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"),
            "/image.png": lambda: self._paced("image/png", _png_head()),
            "/empty": lambda: self._send(200, b"", "text/html"),
            "/slow-headers": self._slow_headers,
            "/drip-head": self._drip_head,
        }.get(path)
        if route is not None:
            route()
            return
        self._static(path)

    # -- helpers --------------------------------------------------------------------

    def _write(self, data: bytes) -> None:
        """Write and send now (for streamed bodies)."""
        self.wfile.write(data)
        self.wfile.flush()
        self._record.bytes_sent += len(data)

    def _send(
        self,
        status: int,
        body: bytes,
        content_type: str,
        headers: Iterable[tuple[str, str]] = (),
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        if self._close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        self.wfile.write(body)  # sent with the headers when the handler returns
        self._record.bytes_sent += len(body)

    def _start_stream(self, content_type: str, headers: Iterable[tuple[str, str]] = ()) -> None:
        """Headers for a body of unknown length: it ends when the connection closes."""
        self.close_connection = True
        self.connection.settimeout(SEND_TIMEOUT)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Connection", "close")
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.flush()

    def _client_gone(self, wait: float) -> bool:
        """Wait up to `wait` seconds; True if the client closed its end meanwhile."""
        readable, _, _ = select.select([self.connection], [], [], wait)
        if not readable:
            return False
        try:
            return self.connection.recv(1, socket.MSG_PEEK) == b""
        except OSError:
            return True

    # -- routes ---------------------------------------------------------------------

    def _status(self, status: int) -> None:
        reason = self.responses.get(status, ("Error",))[0]
        body = (
            f"<!DOCTYPE html><html><head><title>{status} {reason}</title></head>"
            f"<body><h1>{status} {reason}</h1><p>Something went wrong.</p></body></html>"
        ).encode()
        self._send(status, body, "text/html; charset=utf-8")

    def _redirect(self, location: str) -> None:
        body = f'<p>Moved to <a href="{location}">{location}</a>.</p>'.encode()
        self._send(302, body, "text/html; charset=utf-8", [("Location", location)])

    def _redirect_chain(self, remaining: int) -> None:
        if remaining <= 0:
            self._static(ARTICLE_PATH)
        elif remaining == 1:
            self._redirect(ARTICLE_PATH + self._suffix)
        elif remaining % 2:
            self._redirect(f"/redirect/{remaining - 1}{self._suffix}")  # relative Location
        else:  # absolute Location
            self._redirect(self.server.site.url(f"/redirect/{remaining - 1}{self._suffix}"))

    def _drip(self) -> None:
        site = self.server.site
        self._start_stream("text/html")
        self._write(b"<!DOCTYPE html><html><body><p>")
        end = time.monotonic() + DRIP_SECONDS
        while time.monotonic() < end and not site.stopping.is_set():
            if self._client_gone(self._every):
                return
            self._write(b"x")

    def _drip_head(self) -> None:
        """The response head itself, one byte at a time: no read ever waits long."""
        site = self.server.site
        self.close_connection = True
        self.connection.settimeout(SEND_TIMEOUT)
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + b"X-Pad: " + b"x" * 400
        for byte in head:
            if site.stopping.is_set() or self._client_gone(self._every):
                return
            self.connection.sendall(bytes([byte]))
            self._record.bytes_sent += 1

    def _huge(self) -> None:
        site = self.server.site
        self._start_stream("text/html; charset=utf-8")
        self._write(b"<!DOCTYPE html><html><body>\n")
        paragraph = b"<p>" + b"Lorem ipsum dolor sit amet, tres long. " * 1600 + b"</p>\n"
        sent = 0
        while sent < HUGE_BYTES and not site.stopping.is_set():
            self._write(paragraph)
            sent += len(paragraph)

    def _bomb(self) -> None:
        site = self.server.site
        bomb = gzip_bomb()
        self.connection.settimeout(SEND_TIMEOUT)
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(bomb)))
        self.end_headers()
        self.wfile.flush()
        for start in range(0, len(bomb), CHUNK):
            if site.stopping.is_set():
                self.close_connection = True
                return
            self._write(bomb[start : start + CHUNK])

    def _gzip(self) -> None:
        body = gzip.compress((SITE_DIR / ARTICLE_PATH.lstrip("/")).read_bytes(), mtime=0)
        self._send(200, body, "text/html; charset=utf-8", [("Content-Encoding", "gzip")])

    def _paced(self, content_type: str, head: bytes) -> None:
        """A large body sent slowly: reading all of it would take about 8 s."""
        site = self.server.site
        self.connection.settimeout(SEND_TIMEOUT)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(PACED_BYTES))
        self.end_headers()
        self._write(head)
        filler = bytes(CHUNK)
        remaining = PACED_BYTES - len(head)
        while remaining > 0:
            if site.stopping.wait(PACED_PAUSE):
                self.close_connection = True
                return
            piece = filler[: min(CHUNK, remaining)]
            self._write(piece)
            remaining -= len(piece)

    def _slow_headers(self) -> None:
        if self.server.site.stopping.wait(SLOW_HEADERS_SECONDS):
            self.close_connection = True
            return
        self._static(ARTICLE_PATH)

    def _static(self, path: str) -> None:
        relative = path.lstrip("/")
        target = (SITE_DIR / relative).resolve()
        hidden = any(part.startswith(".") for part in Path(relative).parts)
        if hidden or not target.is_relative_to(SITE_DIR.resolve()) or not target.is_file():
            self._status(404)
            return
        body = target.read_bytes()
        if target.suffix in TEMPLATED_SUFFIXES:
            body = body.replace(b"@BASE@", self.server.site.base.encode())
        content_type = CONTENT_TYPE_OVERRIDES.get(
            path, CONTENT_TYPES.get(target.suffix, "application/octet-stream")
        )
        self._send(200, body, content_type)


@pytest.fixture(scope="session")
def site() -> Iterator[Site]:
    """A loopback HTTP server for the whole session (see the module docstring)."""
    server = _Server(("127.0.0.1", 0), _Handler)
    host, port = server.server_address[:2]
    server.site = Site(str(host), int(port))
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.1}, name="test-site", daemon=True
    )
    thread.start()
    try:
        yield server.site
    finally:
        server.site.stopping.set()  # ends drips, paced bodies and slow answers
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# --- the house every test runs in --------------------------------------------------------

LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")


@pytest.fixture(autouse=True)
def house(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private ``LECTEUR_HOME``, English everywhere, and a deterministic ticking clock.

    Yields the home folder (not created: lecteur creates it when it needs it).
    """
    from lecteur.core import clock
    from lecteur.ui.i18n import set_language

    home = tmp_path / "home"
    monkeypatch.setenv("LECTEUR_HOME", str(home))
    for name in LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    set_language("en")
    previous = clock.set_clock(ticking_clock())
    try:
        yield home
    finally:
        clock.set_clock(previous)
        set_language("en")


@pytest.fixture
def frozen_clock(house: Path) -> datetime:
    """Stop the clock at `CLOCK_START` for this test (house restores it); return that time."""
    from lecteur.core import clock

    clock.set_clock(lambda: CLOCK_START)
    return CLOCK_START


@pytest.fixture
def cli() -> Callable[..., Ran]:
    """`run_cli`: the command line run in this process (see tests/helpers.py)."""
    return run_cli
