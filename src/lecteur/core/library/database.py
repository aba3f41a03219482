"""The connection every family of tables shares: settings, write transactions, facts.

Settings chosen for a personal library that must never lose a note:
- WAL with ``synchronous=FULL``: readers never block the writer, and a commit survives a
  crash or a power cut (writes happen at human pace, so the fsync costs nothing felt);
- autocommit mode plus explicit ``BEGIN IMMEDIATE`` for every write, with a busy timeout:
  Python's default deferred transactions fail at once when a second lecteur is writing;
- the folder is 0700 and the database 0600 (its -wal and -shm files inherit that).

A `Database` belongs to the thread that opened it; open one per thread or worker.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from lecteur.core.errors import ArticleGone, LibraryBusyError, LibraryError, NewerLibraryError
from lecteur.core.library.migrations import migrate
from lecteur.core.paths import ensure_private_dir

BUSY_TIMEOUT_MS = 5000
StorageError = sqlite3.Error  # what a read of a damaged or vanished file raises


def require_article(conn: sqlite3.Connection, article_id: int, *,
                    in_trash: bool = False) -> None:
    """Raise `ArticleGone` unless the article is in the library (or, `in_trash`, in the trash).

    Called inside the write transaction that changes the article, so a deletion by another
    lecteur cannot slip between the check and the change.
    """
    found = conn.execute("SELECT trashed_at IS NOT NULL FROM articles WHERE id = ?",
                         (article_id,)).fetchone()
    if found is None or (found[0] and not in_trash):
        raise ArticleGone("library.article_gone", id=article_id)


def _is_busy(error: sqlite3.OperationalError) -> bool:
    return "locked" in str(error) or "busy" in str(error)


class Database:
    """One SQLite connection to a library file, migrated to the current schema."""

    def __init__(self, path: Path, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS,
                 wait_seconds: float = 0.0, on_wait: Callable[[], None] | None = None) -> None:
        """Open (creating if needed) and migrate the library at `path`.

        A write waits `busy_timeout_ms` for another connection's lock, then keeps trying
        for `wait_seconds` more, calling `on_wait` once when it starts to wait (the reader
        says that its change will be saved when the other lecteur is done).
        """
        self.path = path
        self.busy_timeout_ms = busy_timeout_ms
        self.wait_seconds = wait_seconds
        self.on_wait = on_wait
        ensure_private_dir(path.parent)
        if not path.exists():
            # Created here with 0600 so that SQLite's -wal and -shm files inherit it.
            with contextlib.suppress(FileExistsError):  # another lecteur made it first
                os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        try:
            self.conn = sqlite3.connect(path, isolation_level=None,
                                        timeout=busy_timeout_ms / 1000,
                                        check_same_thread=True)
            self._configure()
            migrate(self.conn)
        except NewerLibraryError:
            self.close()
            raise
        except sqlite3.DatabaseError as error:
            self.close()
            raise LibraryError("library.open_failed", path=path, reason=str(error)) from None

    def _configure(self) -> None:
        for pragma in (
            f"PRAGMA busy_timeout = {self.busy_timeout_ms:d}",
            "PRAGMA journal_mode = WAL",
            "PRAGMA synchronous = FULL",
            "PRAGMA foreign_keys = ON",
        ):
            self.conn.execute(pragma)

    def close(self) -> None:
        """Close the connection (safe to call twice)."""
        with contextlib.suppress(AttributeError, sqlite3.Error):
            self.conn.close()

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction, taken at once (``BEGIN IMMEDIATE``), committed or undone.

        Raises `LibraryBusyError` when another connection held the write lock for longer
        than the busy timeout (and `wait_seconds`), and `LibraryError` when SQLite refuses
        the write (a full disk, a damaged file, a broken constraint).
        """
        self._begin()
        try:
            yield self.conn
        except sqlite3.Error as error:
            self._rollback()
            raise LibraryError("library.save_failed", reason=str(error)) from error
        except BaseException:
            self._rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as error:
            self._rollback()
            raise LibraryError("library.save_failed", reason=str(error)) from error

    def _begin(self) -> None:
        """Take the write lock, waiting as `__init__` says; raise `LibraryBusyError` if not."""
        deadline = time.monotonic() + self.wait_seconds
        told = False
        while True:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                if not _is_busy(error):
                    raise LibraryError("library.write_failed", reason=str(error)) from error
                if time.monotonic() >= deadline:
                    raise LibraryBusyError("library.busy") from None
                if not told and self.on_wait is not None:
                    self.on_wait()
                    told = True

    def _rollback(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("ROLLBACK")

    def data_version(self) -> int:
        """A number that changes when another connection commits to the library.

        Cheap enough to poll every second: the reader refreshes its list when it changes,
        so two lecteurs open on one library each see what the other did.
        """
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def interrupt_when(self, stop: Callable[[], bool] | None, every: int = 10_000) -> None:
        """Abandon a statement as soon as `stop()` is true (asked every `every` VM steps).

        The abandoned statement raises `StorageError` ("interrupted"). Search as you type
        uses it: a query made stale by the next key stops instead of running to its end.
        None removes the check.
        """
        if stop is None:
            self.conn.set_progress_handler(None, every)
        else:
            self.conn.set_progress_handler(lambda: 1 if stop() else 0, every)

    def get_meta(self, key: str) -> str | None:
        """A library-wide fact (e.g. that the demo was loaded), or None."""
        found = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if found is None else str(found[0])

    def set_meta(self, key: str, value: str) -> None:
        """Record a library-wide fact."""
        with self.write() as conn:
            conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) "
                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))
