"""The reader's extraction workers, started on first use and closed when it quits.

Extraction runs in `lecteur.core.workers.pool` worker processes (killable, memory-capped), but
a reader that is only read never needs them, so they start with the first article added.

Starting a ``spawn`` child inside a running Textual app needs care: Textual replaces
``sys.stderr`` by an object whose ``fileno()`` is -1, and multiprocessing launches its
resource tracker with ``sys.stderr``'s descriptor ("bad value(s) in fds_to_keep"). So the
tracker is started first, with the real stderr.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lecteur.core.workers.pool import ExtractorPool


class LazyPool:
    """An `ExtractorPool` made on the first `get` (from any thread)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._pool: ExtractorPool | None = None
        self._lock = threading.Lock()

    @property
    def started(self) -> bool:
        """Whether the pool was ever needed."""
        return self._pool is not None

    def get(self) -> ExtractorPool:
        """The pool, made now if needed."""
        with self._lock:
            if self._pool is None:
                from lecteur.core.workers.pool import ExtractorPool

                start_resource_tracker()
                self._pool = ExtractorPool(size=self.size)
            return self._pool

    def close(self) -> None:
        """Stop the workers, if any were started."""
        with self._lock:
            if self._pool is not None:
                self._pool.close()
                self._pool = None


def start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with the real stderr (see above)."""
    from multiprocessing import resource_tracker

    real = sys.__stderr__
    if real is None:
        return
    with contextlib.redirect_stderr(real):
        resource_tracker.ensure_running()
