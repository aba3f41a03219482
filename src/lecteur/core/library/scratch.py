"""A scratch store on disk, to regroup more rows than memory should hold (an export that
writes its rows in another order than it reads them: the playbook, grouped by tag or by
speaker, from pieces read oldest first).

A private temporary SQLite database (deleted when closed; its pages spill to a file, not
to memory): rows are appended to named lists, each with an optional two-part key, and read
back in the order they came, or key by key (keys in SQLite's order, byte order of UTF-8,
which is Python's order of code points). Only `lecteur.core.library` touches SQLite.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

_BATCH = 100  # rows appended in one executemany (more, held longer, fragment the heap)
_CACHE_PAGES = 64  # of 4 KB: SQLite's default (2 MB) would be 2 MB more of the process


class Scratch:
    """Lists of text rows kept on disk; `close` (or ``with``) deletes them."""

    def __init__(self) -> None:
        self._conn = sqlite3.connect("", isolation_level=None)  # "": a temporary file
        self._conn.execute("PRAGMA temp_store = FILE")
        self._conn.execute(f"PRAGMA cache_size = {_CACHE_PAGES}")  # the OS caches the file
        self._conn.execute("PRAGMA journal_mode = OFF")
        self._conn.execute("PRAGMA synchronous = OFF")
        self._conn.execute("CREATE TABLE rows (seq INTEGER PRIMARY KEY, list TEXT NOT NULL, "
                           "k1 TEXT NOT NULL, k2 TEXT NOT NULL, data TEXT NOT NULL)")
        self._pending: list[tuple[str, str, str, str]] = []
        self._indexed = False

    def __enter__(self) -> Scratch:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self._pending.clear()
        self._conn.close()

    def add(self, name: str, data: str, key: tuple[str, str] = ("", "")) -> None:
        """Append `data` to list `name`, under `key`."""
        if self._indexed:
            raise RuntimeError("the scratch store is being read")
        self._pending.append((name, key[0], key[1], data))
        if len(self._pending) >= _BATCH:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            self._conn.execute("BEGIN")
            self._conn.executemany("INSERT INTO rows (list, k1, k2, data) VALUES (?, ?, ?, ?)",
                                   self._pending)
            self._conn.execute("COMMIT")
            self._pending.clear()

    def _ready(self) -> sqlite3.Connection:
        """The connection, every row written and the reading index built (once)."""
        if not self._indexed:
            self._flush()
            self._conn.execute("CREATE INDEX rows_by_key ON rows (list, k1, k2, seq)")
            self._indexed = True
        return self._conn

    def rows(self, name: str, key: tuple[str, str] | None = None) -> Iterator[str]:
        """List `name`'s rows (only those under `key`, if given), in the order they came."""
        conn = self._ready()
        if key is None:
            found = conn.execute("SELECT data FROM rows WHERE list = ? ORDER BY seq", (name,))
        else:
            found = conn.execute("SELECT data FROM rows WHERE list = ? AND k1 = ? AND k2 = ? "
                                 "ORDER BY seq", (name, *key))
        for (data,) in found:
            yield data

    def count(self, name: str, key: tuple[str, str] | None = None) -> int:
        """How many rows list `name` holds (under `key`, if given)."""
        conn = self._ready()
        if key is None:
            return int(conn.execute("SELECT count(*) FROM rows WHERE list = ?",
                                    (name,)).fetchone()[0])
        return int(conn.execute("SELECT count(*) FROM rows WHERE list = ? AND k1 = ? "
                                "AND k2 = ?", (name, *key)).fetchone()[0])

    def keys(self, name: str) -> Iterator[tuple[str, str]]:
        """List `name`'s keys, each once, in order (along the index: nothing is sorted in
        memory)."""
        yield from self._ready().execute(
            "SELECT DISTINCT k1, k2 FROM rows WHERE list = ? ORDER BY k1, k2", (name,))

    def key_count(self, name: str) -> int:
        """How many keys list `name` holds."""
        return int(self._ready().execute(
            "SELECT count(*) FROM (SELECT DISTINCT k1, k2 FROM rows WHERE list = ?)",
            (name,)).fetchone()[0])
