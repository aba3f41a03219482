"""One total deadline over every phase of a fetch: connect, response head and body.

Socket time-outs bound one read each, so a server that sends its status line one byte a
second never trips them: http.client reads the head with a blocking ``readline`` that
lecteur cannot interrupt from outside. The watchdog can: while a fetch runs, the
connections it opens or reuses register their socket with the fetch's `Watch`, and a
timer shuts that socket down when the deadline passes. The blocked read then ends at once
(the peer "closed"), and `lecteur.core.net.fetch` reports the deadline, not a broken
connection.

The body is read by lecteur's own loop, which also checks the deadline between reads;
the watchdog covers the phases inside urllib3 and http.client that no loop of lecteur's
sees. A TLS handshake is bounded by the connect time-out only (the raw socket is detached
into the TLS one before lecteur can see it).
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

_local = threading.local()


class Watch:
    """The deadline of one fetch and the socket it is waiting on right now."""

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        self.expired = False
        self._sock: socket.socket | None = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(0.0, deadline - time.monotonic()), self._expire)
        self._timer.daemon = True
        self._timer.name = "lecteur-deadline"

    def watch(self, sock: Any) -> None:
        """Cut `sock` when the deadline passes (at once if it has already passed)."""
        if not isinstance(sock, socket.socket):
            return
        with self._lock:
            self._sock = sock
            expired = self.expired
        if expired:
            _cut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            sock = self._sock
        if sock is not None:
            _cut(sock)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.cancel()


def _cut(sock: socket.socket) -> None:
    """Shut a socket down so that a read blocked on it returns now."""
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


@contextlib.contextmanager
def watching(deadline: float) -> Iterator[Watch]:
    """Run a fetch under `deadline` (a `time.monotonic()` value) on this thread."""
    watch = Watch(deadline)
    previous = getattr(_local, "watch", None)
    _local.watch = watch
    watch.start()
    try:
        yield watch
    finally:
        watch.stop()
        _local.watch = previous


def _register(sock: Any) -> None:
    watch: Watch | None = getattr(_local, "watch", None)
    if watch is not None:
        watch.watch(sock)


class _WatchedMixin:
    """Registers the connection's socket when it is made and before each response head."""

    sock: Any

    def _new_conn(self) -> socket.socket:
        sock: socket.socket = super()._new_conn()  # type: ignore[misc]
        _register(sock)
        return sock

    def getresponse(self) -> Any:
        _register(self.sock)
        return super().getresponse()  # type: ignore[misc]


class WatchedHTTPConnection(_WatchedMixin, HTTPConnection):
    """An HTTP connection under the current fetch's deadline."""


class WatchedHTTPSConnection(_WatchedMixin, HTTPSConnection):
    """An HTTPS connection under the current fetch's deadline."""


class WatchedHTTPPool(HTTPConnectionPool):
    """Connection pool making watched HTTP connections."""

    ConnectionCls = WatchedHTTPConnection


class WatchedHTTPSPool(HTTPSConnectionPool):
    """Connection pool making watched HTTPS connections."""

    ConnectionCls = WatchedHTTPSConnection


POOL_CLASSES: dict[str, type[HTTPConnectionPool]] = {
    "http": WatchedHTTPPool, "https": WatchedHTTPSPool,
}
