"""The one place in lecteur that opens sockets.

One urllib3 pool for the whole program (chosen by measurement: see docs/performance.md),
used from threads. Every fetch is bounded: http and https only, certificates always
checked, connect and read timeouts plus one total deadline over every phase (connect,
response head, body: `lecteur.core.net.watchdog`), no user name or password in the
address, at most five redirects with the scheme checked again on every hop (and never
from https down to http), the content type checked before the body is read, and a cap on
the decoded body enforced while streaming, with lecteur doing the decompression itself so
that a gzip bomb stops at the cap instead of filling memory.

Failures raise `FetchError` with one plain sentence a reader can act on.
"""

from __future__ import annotations

import functools
import os
import re
import socket
import time
import unicodedata
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urljoin, urlsplit

import urllib3

from lecteur import __version__
from lecteur.core.errors import FetchError, ThrottledError
from lecteur.core.net.encoding import decode_bytes
from lecteur.core.net.watchdog import POOL_CLASSES, Watch, watching
from lecteur.core.text.urls import without_credentials

USER_AGENT = f"lecteur/{__version__} (terminal reader; +https://pypi.org/project/lecteur/)"
ARTICLE_TYPES = frozenset(
    {"text/html", "application/xhtml+xml", "text/plain", "text/markdown", "text/x-markdown"}
)
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Limits:
    """How long and how much one fetch may take."""

    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    total_deadline: float = 20.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5


DEADLINE_VARIABLE = "LECTEUR_FETCH_DEADLINE"


def _default_limits() -> Limits:
    """The limits, with the total deadline from ``LECTEUR_FETCH_DEADLINE`` (seconds) if set:
    for slow links, and for tests that prove the deadline without waiting 20 s."""
    raw = os.environ.get(DEADLINE_VARIABLE, "").strip()
    try:
        seconds = float(raw) if raw else 0.0
    except ValueError:
        seconds = 0.0
    if not 0.0 < seconds <= 3600.0:
        return Limits()
    return Limits(total_deadline=seconds, read_timeout=min(10.0, seconds),
                  connect_timeout=min(5.0, seconds))


DEFAULT_LIMITS = _default_limits()


@dataclass(frozen=True)
class Fetched:
    """A successful fetch: the final URL, the media type and the decoded text."""

    url: str
    media_type: str
    text: str
    encoding: str


# Unicode's category Cc, exactly (a test checks every code point): a feed's worker checks
# each item's link, and a per-character category lookup was most of that check.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")


def check_url(raw: str) -> str:
    """Return `raw` as a safe http(s) URL to fetch, or raise FetchError saying why not.

    White space is trimmed and the URL is NFKC-normalised first, so that look-alike
    characters cannot smuggle another scheme past the check. Credentials
    (``user:password@``) are dropped first: they are never sent, stored or shown.
    """
    raw = without_credentials(raw)
    url = unicodedata.normalize("NFKC", raw.strip())
    url = url.replace("\t", "").replace("\n", "").replace("\r", "")  # as browsers do
    if url.startswith("-"):
        raise FetchError("fetch.dash", raw=raw)
    if _CONTROLS.search(url):
        raise FetchError("fetch.controls", raw=raw)
    try:
        parts = urlsplit(url)
        hostname = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        raise FetchError("fetch.malformed", raw=raw) from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        if not scheme:
            raise FetchError("fetch.no_scheme", raw=raw)
        raise FetchError("fetch.scheme", raw=raw, scheme=scheme)
    if not hostname:
        raise FetchError("fetch.no_host", raw=raw)
    if not hostname.isprintable() or " " in hostname:  # white space is not printable
        raise FetchError("fetch.malformed", raw=raw)  # no host name holds a space
    return url


@functools.cache
def _pool() -> urllib3.PoolManager:
    """The program's single connection pool (thread-safe, created on first use)."""
    manager = urllib3.PoolManager(
        num_pools=32,
        maxsize=8,
        retries=False,
        headers={
            "User-Agent": USER_AGENT,
            "Accept-Encoding": "gzip, deflate",
            "Accept-Language": "fr, en;q=0.9, *;q=0.5",
        },
    )
    manager.pool_classes_by_scheme = POOL_CLASSES  # connections under the fetch's deadline
    return manager


HopGuard = Callable[[str], None]  # raises FetchError to refuse a URL (first or redirected)


def fetch(
    url: str, accept: frozenset[str] = ARTICLE_TYPES, limits: Limits = DEFAULT_LIMITS,
    guard: HopGuard | None = None,
) -> Fetched:
    """Fetch `url` and return its decoded text; raise FetchError on any failure.

    `guard`, when given, is called with the URL and with every redirect target before
    it is requested (feeds use it to keep feed content off private addresses).
    """
    response = fetch_bytes(url, accept=accept, limits=limits, guard=guard)
    body, media_type = response.body, response.media_type
    if not media_type:
        media_type = "text/html" if b"<" in body[:2048] else "text/plain"
    text, encoding = decode_bytes(body, response.charset, html=media_type != "text/plain")
    return Fetched(url=response.url, media_type=media_type, text=text, encoding=encoding)


@dataclass(frozen=True)
class Response:
    """A successful fetch as bytes: final URL, status (200, or 304 when asked), headers.

    `headers` keeps the few response headers callers need, names in lower case: etag,
    last-modified, content-type.
    """

    url: str
    status: int
    media_type: str
    charset: str | None
    body: bytes
    headers: dict[str, str]


_KEPT_HEADERS = ("etag", "last-modified", "content-type")


def fetch_bytes(
    url: str,
    *,
    headers: dict[str, str] | None = None,
    accept: frozenset[str] | None = ARTICLE_TYPES,
    what: Literal["article", "feed"] = "article",
    limits: Limits = DEFAULT_LIMITS,
    guard: HopGuard | None = None,
) -> Response:
    """Fetch `url` as bytes, with extra request `headers` (e.g. conditional ones).

    `accept` None takes any content type. A 304 answer (to If-None-Match or
    If-Modified-Since) is returned with an empty body; 429, and 503 with Retry-After,
    raise `ThrottledError`; other failures raise FetchError, saying the page is not an
    article (or a feed: `what`) when its content type is not accepted. One total deadline,
    kept by the watchdog, covers every hop and every phase of each.
    """
    current = start = check_url(url)
    with watching(time.monotonic() + limits.total_deadline) as watch:
        for _hop in range(limits.max_redirects + 1):
            if guard is not None:
                guard(current)
            response = _open(current, limits, watch, headers)
            try:
                if response.status in _REDIRECTS:
                    current = _next_hop(current, response)
                    continue
                return _read_response(current, response, accept, what, limits, watch)
            finally:
                if not response.closed:
                    # The body was left unread (redirect, error, refusal): this connection
                    # must not be reused, or the next request reads this response's leftovers.
                    response.close()
                response.release_conn()
    raise FetchError("fetch.redirects", url=start, count=limits.max_redirects)


def _too_slow(url: str, limits: Limits) -> FetchError:
    return FetchError("fetch.too_slow", url=url, seconds=limits.total_deadline)


def _open(url: str, limits: Limits, watch: Watch,
          headers: dict[str, str] | None = None) -> urllib3.BaseHTTPResponse:
    """Send the request and return the response with its body still unread."""
    try:
        return _request(url, limits, watch.deadline, headers)
    except FetchError:
        if watch.expired:
            raise _too_slow(url, limits) from None
        raise


def _request(url: str, limits: Limits, deadline: float,
             headers: dict[str, str] | None = None) -> urllib3.BaseHTTPResponse:
    """The request itself, its failures said in one sentence."""
    remaining = max(0.1, deadline - time.monotonic())
    timeout = urllib3.Timeout(
        connect=min(limits.connect_timeout, remaining), read=min(limits.read_timeout, remaining)
    )
    host = urlsplit(url).hostname
    try:
        return _pool().request(
            "GET", url, headers=_with_defaults(headers), preload_content=False,
            decode_content=False, redirect=False, timeout=timeout,
        )
    except urllib3.exceptions.SSLError:
        raise FetchError("fetch.certificate", url=url) from None
    # NameResolutionError < NewConnectionError < ConnectTimeoutError in urllib3 2.x:
    # the most specific must come first.
    except urllib3.exceptions.NameResolutionError:
        raise FetchError("fetch.unknown_host", host=host) from None
    except urllib3.exceptions.NewConnectionError:
        raise FetchError("fetch.connection_failed", host=host) from None
    except urllib3.exceptions.ConnectTimeoutError:
        raise FetchError("fetch.connect_timeout", host=host) from None
    except urllib3.exceptions.ReadTimeoutError:
        raise FetchError("fetch.head_timeout", host=host) from None
    except urllib3.exceptions.HTTPError:
        raise FetchError("fetch.connection_failed", host=host) from None


def _next_hop(url: str, response: urllib3.BaseHTTPResponse) -> str:
    """The checked target of a redirect."""
    location = response.headers.get("Location")
    if not location:
        raise FetchError("fetch.redirect_nowhere", url=url)
    target = urljoin(url, location.strip())
    try:
        checked = check_url(target)
    except FetchError:
        raise FetchError("fetch.redirect_refused", url=url) from None
    if urlsplit(url).scheme.lower() == "https" and urlsplit(checked).scheme.lower() != "https":
        raise FetchError("fetch.insecure_redirect", url=url)
    return checked


def _with_defaults(extra: dict[str, str] | None) -> dict[str, str] | None:
    """The pool's default headers plus `extra` (urllib3 replaces them when given any)."""
    if not extra:
        return None
    return {**_pool().headers, **extra}


def _read_response(
    url: str,
    response: urllib3.BaseHTTPResponse,
    accept: frozenset[str] | None,
    what: Literal["article", "feed"],
    limits: Limits,
    watch: Watch,
) -> Response:
    """Check the status and content type, then stream the body."""
    kept = {name: value for name in _KEPT_HEADERS
            if (value := response.headers.get(name)) is not None}
    if response.status == 304:
        return Response(url, 304, "", None, b"", kept)
    if response.status == 429 or (response.status == 503 and "Retry-After" in response.headers):
        wait = retry_after_seconds(response.headers.get("Retry-After"))
        if wait is None:
            raise ThrottledError("fetch.throttled", url=url)
        raise ThrottledError("fetch.throttled_wait", url=url, seconds=wait)
    if response.status >= 400:
        reason = response.reason or "error"
        raise FetchError("fetch.status", status=response.status, reason=reason, url=url)
    media_type, charset = _parse_content_type(response.headers.get("Content-Type", ""))
    if media_type and accept is not None and media_type not in accept:
        if what == "feed":
            raise FetchError("fetch.not_feed", url=url, media_type=media_type)
        raise FetchError("fetch.not_article", url=url, media_type=media_type)
    body = _read_body(url, response, limits, watch)
    return Response(url, response.status, media_type, charset, body, kept)


def retry_after_seconds(value: str | None) -> float | None:
    """A Retry-After header (seconds, or an HTTP date) as seconds from now, or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    from lecteur.core.clock import now

    if when.tzinfo is None:
        return None
    return max(0.0, (when - now()).total_seconds())


def _parse_content_type(value: str) -> tuple[str, str | None]:
    """Split ``text/html; charset=UTF-8`` into ("text/html", "utf-8")."""
    media_type, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, raw = param.partition("=")
        if key.strip().lower() == "charset":
            charset = raw.strip().strip("\"'").lower() or None
    return media_type.strip().lower(), charset


def _read_body(
    url: str, response: urllib3.BaseHTTPResponse, limits: Limits, watch: Watch
) -> bytes:
    """Stream the body, decompressing it ourselves, within the size cap and the deadline."""
    decoder = _Decompressor(response.headers.get("Content-Encoding", ""), limits.max_bytes)
    chunks: list[bytes] = []
    try:
        while True:
            remaining = watch.deadline - time.monotonic()
            if remaining <= 0 or watch.expired:
                raise _too_slow(url, limits)
            # The socket timeout bounds one read; shrink it so no read outlives the deadline.
            sock = _socket_of(response)
            if sock is not None:
                sock.settimeout(min(limits.read_timeout, remaining))
            raw = response.read1(_CHUNK, decode_content=False)
            if not raw:
                if watch.expired:  # the watchdog cut the socket: not the end of the page
                    raise _too_slow(url, limits)
                break
            chunks.append(decoder.feed(raw))
        chunks.append(decoder.flush())
    except urllib3.exceptions.ReadTimeoutError:
        if watch.expired or time.monotonic() >= watch.deadline:
            raise _too_slow(url, limits) from None
        raise FetchError("fetch.stalled", url=url) from None
    except urllib3.exceptions.ProtocolError:
        if watch.expired:
            raise _too_slow(url, limits) from None
        raise FetchError("fetch.broken", url=url) from None
    except _TooLarge:
        mb = limits.max_bytes // (1024 * 1024)
        raise FetchError("fetch.too_large", url=url, mb=mb) from None
    except zlib.error:
        raise FetchError("fetch.damaged", url=url) from None
    return b"".join(chunks)


def _socket_of(response: urllib3.BaseHTTPResponse) -> socket.socket | None:
    """The socket a response reads from, or None if it cannot be found.

    Not `response.connection.sock`: after a ``Connection: close`` answer http.client hands
    the socket to the response and the connection forgets it.
    """
    fp = getattr(response, "_fp", None)  # http.client.HTTPResponse
    raw = getattr(getattr(fp, "fp", None), "raw", None)  # BufferedReader -> SocketIO
    sock = getattr(raw, "_sock", None)
    return sock if isinstance(sock, socket.socket) else None


class _TooLarge(Exception):
    """The decoded body passed the cap."""


class _Decompressor:
    """Undo gzip or deflate chunk by chunk, never producing more than `cap` bytes in all."""

    def __init__(self, content_encoding: str, cap: int) -> None:
        encoding = content_encoding.strip().lower()
        self._cap = cap
        self._total = 0
        self._zlib = None
        if encoding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS)

    def feed(self, raw: bytes) -> bytes:
        """Return the decoded bytes of one raw chunk."""
        if self._zlib is None:
            data = raw
        else:
            data = self._zlib.decompress(raw, self._cap - self._total + 1)
            if self._zlib.unconsumed_tail:
                raise _TooLarge
        self._total += len(data)
        if self._total > self._cap:
            raise _TooLarge
        return data

    def flush(self) -> bytes:
        """Whatever the decompressor still holds (within the cap)."""
        if self._zlib is None:
            return b""
        data = self._zlib.flush(self._cap - self._total + 1)
        self._total += len(data)
        if self._total > self._cap:
            raise _TooLarge
        return data
