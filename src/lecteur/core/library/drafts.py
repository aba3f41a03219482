"""Drafts: the text of a note being written, autosaved every few seconds.

Notes are the one thing in the library that only the reader can write again, so the note
being edited is kept as a draft (a key and its text); the draft is cleared only once the
note itself has been committed, and a failed save keeps it.
"""

from __future__ import annotations

from lecteur.core.clock import stamp
from lecteur.core.library.database import Database
from lecteur.core.text.sanitize import clean_text


class Drafts:
    """The drafts table: one text per key (``note:12:3`` is a note on block 3 of #12)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def put(self, key: str, text: str) -> None:
        """Autosave the text being edited under `key`."""
        with self._db.write() as conn:
            conn.execute(
                "INSERT INTO drafts (key, text, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) "
                "DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
                (key, clean_text(text), stamp()))

    def get(self, key: str) -> str | None:
        """The autosaved text under `key`, or None."""
        found = self._db.conn.execute("SELECT text FROM drafts WHERE key = ?",
                                      (key,)).fetchone()
        return None if found is None else str(found[0])

    def clear(self, key: str) -> None:
        """Forget a draft (once what it held has been saved for good)."""
        with self._db.write() as conn:
            conn.execute("DELETE FROM drafts WHERE key = ?", (key,))
