"""A loopback server for feed tests: conditional requests, throttling, delays, counting.

Each route is a `Route`: the body, its content type, an optional ETag and Last-Modified
(answered with 304 when the request's validators match), a status (429 with a Retry-After,
500, ...), and a delay before answering. The server counts requests per path, keeps the
headers of the last one, and records the most connections it ever served at once per path
prefix (to check the per-host limit).
"""

from __future__ import annotations

import http.server
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class Route:
    """What one path answers."""

    body: bytes
    content_type: str = "application/rss+xml; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0


@dataclass
class FeedServer:
    """Handle on a running server."""

    base: str
    routes: dict[str, Route] = field(default_factory=dict)
    hits: Counter[str] = field(default_factory=Counter)
    last_headers: dict[str, dict[str, str]] = field(default_factory=dict)
    active: int = 0
    most_active: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, path: str, route: Route) -> str:
        """Serve `route` at `path`; return its URL."""
        self.routes[path] = route
        return self.base + path


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""

    def do_GET(self) -> None:
        state = self.server.state
        path = self.path.split("?", 1)[0]
        with state.lock:
            state.hits[path] += 1
            state.last_headers[path] = {k.lower(): v for k, v in self.headers.items()}
            state.active += 1
            state.most_active = max(state.most_active, state.active)
        try:
            self._answer(state.routes.get(path))
        finally:
            with state.lock:
                state.active -= 1

    def _answer(self, route: Route | None) -> None:
        if route is None:
            self._send(404, b"<html><body>Not found</body></html>", "text/html", ())
            return
        if route.delay:
            time.sleep(route.delay)
        etag_match = route.etag and self.headers.get("If-None-Match") == route.etag
        date_match = (route.last_modified and not route.etag
                      and self.headers.get("If-Modified-Since") == route.last_modified)
        validators = tuple((name, value) for name, value in
                           (("ETag", route.etag), ("Last-Modified", route.last_modified))
                           if value)
        if etag_match or date_match:
            self._send(304, b"", route.content_type, validators)
            return
        self._send(route.status, route.body, route.content_type, validators + route.headers)

    def _send(self, status: int, body: bytes, content_type: str,
              headers: tuple[tuple[str, str], ...]) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        if status != 304:
            self.wfile.write(body)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    state: FeedServer


@contextmanager
def feed_server(host: str = "127.0.0.1") -> Iterator[FeedServer]:
    """A `FeedServer` on `host` (a loopback address) for the duration of the block."""
    server = _Server((host, 0), _Handler)
    server.state = FeedServer(base=f"http://{host}:{server.server_address[1]}")
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield server.state
    finally:
        server.shutdown()
        server.server_close()


def rss(title: str, items: int, prefix: str = "https://example.org/posts",
        words: int = 150) -> bytes:
    """An RSS 2.0 document with `items` entries (newest first), `words` long (150: not a
    feed of summaries, so no full article is fetched)."""
    entries = "".join(
        f"<item><title>{title} {i}</title><link>{prefix}/{i}</link>"
        f"<guid isPermaLink=\"false\">{title}-{i}</guid>"
        f"<pubDate>Mon, {1 + i % 28:02d} Jun 2025 10:00:00 GMT</pubDate>"
        f"<description>&lt;p&gt;{' '.join(['mot'] * words)} {i}&lt;/p&gt;</description></item>"
        for i in range(items, 0, -1))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{title}</title><link>https://example.org/</link><language>fr</language>"
            f"{entries}</channel></rss>").encode()
