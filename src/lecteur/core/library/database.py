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
from collections.abc import Iterator
from pathlib import Path

from lecteur.core.errors import LibraryBusyError, LibraryError, NewerLibraryError
from lecteur.core.library.migrations import migrate
from lecteur.core.paths import ensure_private_dir

BUSY_TIMEOUT_MS = 5000


class Database:
    """One SQLite connection to a library file, migrated to the current schema."""

    def __init__(self, path: Path, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
        self.path = path
        self.busy_timeout_ms = busy_timeout_ms
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
            raise LibraryError(f"Cannot open the library at {path}: {error}.") from None

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
        than the busy timeout.
        """
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            if "locked" in str(error) or "busy" in str(error):
                raise LibraryBusyError(
                    "The library is busy: another lecteur is writing to it. Try again."
                ) from None
            raise
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def data_version(self) -> int:
        """A number that changes when another connection commits to the library.

        Cheap enough to poll every second: the reader refreshes its list when it changes,
        so two lecteurs open on one library each see what the other did.
        """
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def get_meta(self, key: str) -> str | None:
        """A library-wide fact (e.g. that the demo was loaded), or None."""
        found = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if found is None else str(found[0])

    def set_meta(self, key: str, value: str) -> None:
        """Record a library-wide fact."""
        with self.write() as conn:
            conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) "
                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))
