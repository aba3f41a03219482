"""The reader's writes, off the UI thread: one thread, one connection, one queue, in order.

Every change the reader makes (a star, a tag, a note, a read mark, a reading position) is a
small job submitted here; the UI thread never waits for SQLite's write lock, which another
lecteur (or a feed refresh) may hold for seconds. Jobs run in the order they were
submitted, each against the writer's own `Library` connection, and the result comes back
to the UI as a message (`WriteDone`, or `WriteFailed`), so only message handlers touch
widgets.

Why a thread of its own rather than one Textual worker per write: writes must land in the
order they were made (star, then unstar), one connection must carry them all, and quitting
must flush what is queued before the process ends.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from textual.message import Message

from lecteur.core.library.store import Library, LibraryError
from lecteur.ui.background import lower_this_threads_priority
from lecteur.ui.messages import LibraryWaiting, WriteDone, WriteFailed

T = TypeVar("T")
Job = Callable[[Library], Any]
WRITER_BUSY_TIMEOUT_MS = 250  # then say "waiting", and keep trying for WAIT_SECONDS
WAIT_SECONDS = 120.0
CLOSE_SECONDS = 10.0  # what quitting waits, at most, for queued writes to land
_STOP = object()


class LibraryWriter:
    """Runs write jobs in order on a thread with its own connection; posts the outcomes."""

    def __init__(self, path: Path, post: Callable[[Message], object], *,
                 wait_seconds: float = WAIT_SECONDS) -> None:
        self.path = path
        self._post = post
        self._wait_seconds = wait_seconds
        self._jobs: queue.Queue[Any] = queue.Queue()
        self._thread: threading.Thread | None = None
        self.pending = 0  # submitted and not yet answered on the UI thread (UI thread only)
        self.submitted = 0  # jobs submitted so far; each failure says which one it was

    def submit(self, job: Callable[[Library], T], then: Callable[[T], None] | None = None,
               otherwise: Callable[[BaseException], None] | None = None) -> None:
        """Queue `job`; `then(result)` or `otherwise(error)` runs later on the UI thread."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="lecteur-writer",
                                            daemon=True)
            self._thread.start()
        self.pending += 1
        self.submitted += 1
        self._jobs.put((job, then, otherwise, self.submitted))

    def answered(self) -> None:
        """One job's outcome was handled on the UI thread."""
        self.pending = max(0, self.pending - 1)

    def close(self, timeout: float = CLOSE_SECONDS) -> bool:
        """Let queued writes land (up to `timeout`), then stop; False if some did not."""
        if self._thread is None:
            return True
        self._jobs.put(_STOP)
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _say_waiting(self) -> None:
        self._post(LibraryWaiting())

    def _run(self) -> None:
        library: Library | None = None
        try:
            library = Library(self.path, busy_timeout_ms=WRITER_BUSY_TIMEOUT_MS,
                              wait_seconds=self._wait_seconds,
                              on_wait=self._say_waiting)
        except Exception as error:  # every job will say why (a damaged or missing library)
            opening_error: BaseException | None = error
        else:
            opening_error = None
            threading.Thread(target=_daily_backup, args=(self.path,), name="lecteur-backup",
                             daemon=True).start()
        try:
            while (item := self._jobs.get()) is not _STOP:
                job, then, otherwise, number = item
                if library is None:
                    self._post(WriteFailed(opening_error or RuntimeError("no library"),
                                           otherwise, number))
                    continue
                self._post(self._outcome(library, job, then, otherwise, number))
        finally:
            if library is not None:
                library.close()

    @staticmethod
    def _outcome(library: Library, job: Job, then: Callable[[Any], None] | None,
                 otherwise: Callable[[BaseException], None] | None, number: int) -> Message:
        try:
            return WriteDone(then, job(library))
        except Exception as error:  # handed to the UI thread, which decides what it means
            return WriteFailed(error, otherwise, number)


def _daily_backup(path: Path) -> None:
    """The daily backup, on a thread and a connection of its own.

    It copies and fully checks the whole library (minutes at a million articles): run
    before the writer's jobs, on its thread, every write of the session queued behind it,
    and quitting within `CLOSE_SECONDS` lost them. Apart, the writes never wait for it and
    quitting does not either (a copy cut short is a hidden file the next backup removes).
    """
    lower_this_threads_priority()  # a copy of the whole file: never a core from the keys
    with contextlib.suppress(LibraryError), Library(
            path, busy_timeout_ms=WRITER_BUSY_TIMEOUT_MS) as library:
        library.backup_if_due()
