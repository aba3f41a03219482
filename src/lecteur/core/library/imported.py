"""Links imported from other services (`lecteur.core.importing`): which article each export
address became, and which are still waiting for their text.

An item kept as a link (offline, or the fetch failed) is an article whose body says it was
not fetched yet, marked ``pending`` here with the reason. Whatever fetches it later, the
same import run again or ``lecteur add URL``, goes through `Articles.add`, which asks
`fetched` whether the text it replaces was such a placeholder: then it is not kept as an
earlier text (there is nothing of the reader's in it) and the mark goes.
"""

from __future__ import annotations

import sqlite3
from typing import NamedTuple

from lecteur.core.clock import stamp
from lecteur.core.library.database import Database


def canonical_url(url: str) -> str:
    """`lecteur.core.text.urls.canonical_url`, imported when used (the reader's first
    frame needs no import)."""
    from lecteur.core.text.urls import canonical_url as canonical

    return canonical(url)


class Known(NamedTuple):
    """An export address already in the library: its article, and why it has no text yet."""

    article_id: int
    pending: str | None
    trashed: bool


def fetched(conn: sqlite3.Connection, article_id: int) -> bool:
    """Inside a save: clear the article's pending mark; whether it was a placeholder."""
    return conn.execute("UPDATE imported_links SET pending = NULL WHERE article_id = ? "
                        "AND pending IS NOT NULL", (article_id,)).rowcount > 0


class Imports:
    """The imported_links table."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def find(self, url: str) -> Known | None:
        """The article an export address names: imported before, or saved by the reader."""
        key = canonical_url(url)
        row = self._db.conn.execute(
            "SELECT a.id, (SELECT pending FROM imported_links WHERE article_id = a.id "
            "AND pending IS NOT NULL LIMIT 1), a.trashed_at IS NOT NULL FROM articles AS a "
            "WHERE a.id = (SELECT article_id FROM imported_links WHERE url_key = ?) "
            "OR a.key = ? ORDER BY a.key = ? LIMIT 1", (key, key, key)).fetchone()
        if row is None:
            return None
        return Known(int(row[0]), None if row[1] is None else str(row[1]), bool(row[2]))

    def record(self, url: str, article_id: int, *, added_at: str | None = None,
               archived: bool = False, starred: bool = False,
               pending: str | None = None) -> None:
        """Say which article an export address became, in one write: its save date (for a
        new article), archived and starred when the export says so, and why it has no text
        yet (`pending`). A flag the export does not set is left as it is."""
        with self._db.write() as conn:
            conn.execute("INSERT INTO imported_links (url_key, article_id, pending, imported_at)"
                         " VALUES (?, ?, ?, ?) ON CONFLICT (url_key) DO UPDATE SET "
                         "article_id = excluded.article_id, pending = excluded.pending",
                         (canonical_url(url), article_id, pending, stamp()))
            if added_at:
                conn.execute("UPDATE articles SET added_at = ? WHERE id = ?",
                             (added_at, article_id))
            for flag, wanted in (("archived", archived), ("starred", starred)):
                if wanted:
                    conn.execute(f"UPDATE articles SET {flag} = 1 WHERE id = ?", (article_id,))

    def adopt(self, placeholder_id: int, key: str) -> int | None:
        """Before a placeholder is filled with a page stored under another address: give the
        placeholder that key, so the save updates it in place and its id is kept. Returns
        the other article already holding that key, if one does (then see `merge`)."""
        with self._db.write() as conn:
            other = conn.execute("SELECT id FROM articles WHERE key = ?", (key,)).fetchone()
            if other is not None:
                return None if int(other[0]) == placeholder_id else int(other[0])
            conn.execute("UPDATE articles SET key = ? WHERE id = ?", (key, placeholder_id))
        return None

    def merge(self, placeholder_id: int, article_id: int) -> None:
        """Move a placeholder's tags, notes, flags and export addresses to `article_id`, the
        article its page turned out to be (the caller then removes the placeholder)."""
        with self._db.write() as conn:
            conn.execute("INSERT OR IGNORE INTO article_tags (article_id, tag_id) SELECT ?, "
                         "tag_id FROM article_tags WHERE article_id = ?",
                         (article_id, placeholder_id))
            conn.execute("UPDATE notes SET article_id = ?, block_index = NULL "
                         "WHERE article_id = ? AND highlight_id IS NULL",
                         (article_id, placeholder_id))
            conn.execute("UPDATE articles SET archived = max(archived, (SELECT archived FROM "
                         "articles WHERE id = ?)), starred = max(starred, (SELECT starred "
                         "FROM articles WHERE id = ?)) WHERE id = ?",
                         (placeholder_id, placeholder_id, article_id))
            conn.execute("UPDATE imported_links SET article_id = ?, pending = NULL "
                         "WHERE article_id = ?", (article_id, placeholder_id))

    def pending_links(self) -> list[tuple[str, str]]:
        """The address and title of every imported link still waiting for its text, in
        the order they were imported (the trash's left out)."""
        rows = self._db.conn.execute(
            "SELECT a.url, a.title FROM articles AS a WHERE a.trashed_at IS NULL AND a.url "
            "IS NOT NULL AND a.id IN (SELECT article_id FROM imported_links WHERE pending IS "
            "NOT NULL) ORDER BY a.id")
        return [(str(url), str(title)) for url, title in rows]

    def pending(self) -> int:
        """How many imported links still wait for their text."""
        return int(self._db.conn.execute(
            "SELECT count(*) FROM imported_links WHERE pending IS NOT NULL").fetchone()[0])
