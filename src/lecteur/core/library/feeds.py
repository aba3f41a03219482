"""Subscriptions: the feeds table and their tags (a feed's items: `feed_items`).

A feed is known by its canonical URL (so ``http://Example.org/feed?utm_source=x`` and
``http://example.org/feed`` are one subscription). Unread counts come from counters kept
by triggers (migration "counts kept by triggers"), so listing a thousand feeds never
counts the articles table.

Every string from a feed has been cleaned before it gets here (`lecteur.core.text.sanitize`),
and titles and tags given by the reader are cleaned again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING

from lecteur.core.catalogue import shown
from lecteur.core.clock import stamp
from lecteur.core.library.database import Database
from lecteur.core.library.tags import tag_key, tag_name
from lecteur.core.library.views import View, view_filter
from lecteur.core.text.sanitize import clean_line
from lecteur.core.text.urls import canonical_url

if TYPE_CHECKING:
    from lecteur.core.library.feed_rows import FeedEntry, FeedRow

MAX_TITLE_LENGTH = 300
_FEED_COLUMNS = ("id, url, title, site_url, last_success, last_error, retry_until, full_text, "
                 "etag, last_modified, body_hash, added_at")


def feed_key(url: str) -> str:
    """What makes two subscriptions the same feed: the canonical form of its URL."""
    return canonical_url(url)


class Feeds:
    """The feeds table, feed tags, and the items of each feed."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # --- subscriptions -----------------------------------------------------------------

    def add(self, url: str, title: str = "", site_url: str | None = None,
            tags: Iterable[str] = ()) -> tuple[int, bool]:
        """Subscribe to `url` (already checked as http(s)); return its id and whether new.

        An existing subscription keeps its title unless it had none, and gains `tags`.
        """
        names = [tag_name(tag) for tag in tags]
        title = clean_line(title)[:MAX_TITLE_LENGTH].rstrip()
        with self._db.write() as conn:
            row = conn.execute("SELECT id, title FROM feeds WHERE key = ?",
                               (feed_key(url),)).fetchone()
            if row:
                feed_id = int(row[0])
                if title and not row[1]:
                    conn.execute("UPDATE feeds SET title = ? WHERE id = ?", (title, feed_id))
            else:
                cursor = conn.execute(
                    "INSERT INTO feeds (key, url, title, site_url, added_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (feed_key(url), url, title, clean_line(site_url) or None, stamp()))
                feed_id = int(cursor.lastrowid or 0)
            for name in names:
                _link_tag(conn, feed_id, name)
        return feed_id, row is None

    def remove(self, feed_id: int) -> bool:
        """Unsubscribe; False if there was no such feed.

        The feed's items the reader kept (saved, starred, noted or highlighted) stay in
        the library, detached; `Library.remove_feed` deletes the others first
        (`FeedItems.disposable`).
        """
        with self._db.write() as conn:
            return conn.execute("DELETE FROM feeds WHERE id = ?", (feed_id,)).rowcount > 0

    def rename(self, feed_id: int, title: str) -> str | None:
        """Give a feed the reader's title; return it as stored, None if no such feed."""
        cleaned = clean_line(title)[:MAX_TITLE_LENGTH].rstrip()
        if not cleaned:
            from lecteur.core.errors import InvalidInputError

            raise InvalidInputError("feeds.title_empty")
        with self._db.write() as conn:
            done = conn.execute("UPDATE feeds SET title = ? WHERE id = ?", (cleaned, feed_id))
        return cleaned if done.rowcount else None

    def tag(self, feed_id: int, raw_name: str) -> str | None:
        """Tag a feed; return the tag's stored name, None if there is no such feed."""
        name = tag_name(raw_name)
        with self._db.write() as conn:
            if not conn.execute("SELECT 1 FROM feeds WHERE id = ?", (feed_id,)).fetchone():
                return None
            return _link_tag(conn, feed_id, name)

    def untag(self, feed_id: int, raw_name: str) -> bool:
        """Remove a tag from a feed; a tag nothing carries any more is forgotten."""
        key = tag_key(raw_name)
        with self._db.write() as conn:
            found = conn.execute("SELECT id FROM tags WHERE key = ?", (key,)).fetchone()
            if not found:
                return False
            gone = conn.execute("DELETE FROM feed_tags WHERE feed_id = ? AND tag_id = ?",
                                (feed_id, found[0])).rowcount
            conn.execute("DELETE FROM tags WHERE id = ? "
                         "AND NOT EXISTS (SELECT 1 FROM article_tags WHERE tag_id = ?) "
                         "AND NOT EXISTS (SELECT 1 FROM feed_tags WHERE tag_id = ?)",
                         (found[0], found[0], found[0]))
        return gone > 0

    def set_full_text(self, feed_id: int, value: bool | None) -> bool:
        """Fetch full articles for this feed's items: True, False, or None (automatic)."""
        with self._db.write() as conn:
            done = conn.execute("UPDATE feeds SET full_text = ? WHERE id = ?",
                                (None if value is None else int(value), feed_id))
        return done.rowcount > 0

    # --- reading -----------------------------------------------------------------------

    def get(self, feed_id: int) -> FeedRow | None:
        """One feed, or None."""
        found = self._rows("WHERE id = ?", (feed_id,))
        return found[0] if found else None

    def find(self, url: str) -> FeedRow | None:
        """The subscription to `url` (compared canonically), or None."""
        found = self._rows("WHERE key = ?", (feed_key(url),))
        return found[0] if found else None

    def all(self) -> list[FeedRow]:
        """Every feed, by title (case ignored) then id."""
        return self._rows("ORDER BY title COLLATE NOCASE, id", ())

    def entries(self) -> list[FeedEntry]:
        """Every feed as the sidebar shows it (title, tags, unread count, last error), in
        `all` order: four columns read, a tuple per feed (a third of `all`'s time)."""
        from lecteur.core.library.feed_rows import FeedEntry

        rows = self._db.conn.execute(
            "SELECT id, url, title, last_error FROM feeds ORDER BY title COLLATE NOCASE, id"
        ).fetchall()
        if not rows:
            return []
        unread, tags = self.unread_counts(), self.tags_of()
        return [FeedEntry(int(id_), str(url), str(title), tags.get(int(id_), ()),
                          unread.get(int(id_), 0), _said(error))
                for id_, url, title, error in rows]

    def ids(self) -> list[int]:
        """Every feed's id, in `all` order."""
        rows = self._db.conn.execute("SELECT id FROM feeds ORDER BY title COLLATE NOCASE, id")
        return [int(r[0]) for r in rows]

    def unread_counts(self) -> dict[int, int]:
        """Unread items per feed id, the trash left out (the feeds' counters: no count)."""
        rows = self._db.conn.execute(
            "SELECT substr(name, 6), value FROM counters WHERE name >= 'feed:' AND name < 'feed;'"
            " AND value > 0")
        return {int(f): int(c) for f, c in rows}

    def tags_of(self) -> dict[int, tuple[str, ...]]:
        """Every feed's tags, alphabetically, by feed id."""
        rows = self._db.conn.execute(
            "SELECT feed_id, name FROM feed_tags JOIN tags ON tags.id = feed_tags.tag_id "
            "ORDER BY name COLLATE NOCASE")
        tags: dict[int, list[str]] = {}
        for feed_id, name in rows:
            tags.setdefault(int(feed_id), []).append(str(name))
        return {feed_id: tuple(names) for feed_id, names in tags.items()}

    # --- unread items, for n and N -----------------------------------------------------

    def unread_beside(self, view: View, anchor: tuple[str, int] | None,
                      delta: int) -> int | None:
        """The nearest unread article of `view` after `anchor` (its ``(added_at, id)``):
        older with `delta` > 0, newer with `delta` < 0; None if there is none.

        Without an anchor the walk starts at the top (`delta` > 0) or the bottom. It goes
        along the view's own index (a feed's: ``articles_by_feed``) and stops at the first
        unread row.
        """
        where, params = view_filter(view)
        forward = delta > 0
        seek: str = ""
        seek_params: tuple[object, ...] = ()
        if anchor is not None:
            seek = "AND (added_at, id) < (?, ?)" if forward else "AND (added_at, id) > (?, ?)"
            seek_params = (anchor[0], anchor[1])
        direction = "DESC" if forward else "ASC"
        found = self._db.conn.execute(
            f"SELECT id FROM articles WHERE {where} AND read_at IS NULL {seek} "
            f"ORDER BY added_at {direction}, id {direction} LIMIT 1",
            (*params, *seek_params)).fetchone()
        return int(found[0]) if found else None

    def _rows(self, where: str, params: tuple[object, ...]) -> list[FeedRow]:
        from lecteur.core.library.feed_rows import FeedRow

        rows = self._db.conn.execute(f"SELECT {_FEED_COLUMNS} FROM feeds {where}", params)
        found = list(rows)
        if not found:
            return []
        unread, tags = self.unread_counts(), self.tags_of()
        result = []
        for (id_, url, title, site, success, error, retry, full, etag, modified, digest,
             added) in found:
            result.append(FeedRow(
                id=int(id_), url=str(url), title=str(title), site_url=site,
                tags=tags.get(int(id_), ()), unread=unread.get(int(id_), 0),
                last_success=success, last_error=_said(error), retry_until=retry,
                full_text=None if full is None else bool(full), etag=etag,
                last_modified=modified, body_hash=digest, added_at=str(added)))
        return result

def _link_tag(conn: sqlite3.Connection, feed_id: int, name: str) -> str:
    """Create the tag if needed and put it on the feed; return its stored name."""
    key = tag_key(name)  # one tag whatever its case and accents, as for articles
    conn.execute("INSERT INTO tags (name, key) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
                 (name, key))
    tag_id, stored = conn.execute("SELECT id, name FROM tags WHERE key = ?", (key,)).fetchone()
    conn.execute("INSERT OR IGNORE INTO feed_tags (feed_id, tag_id) VALUES (?, ?)",
                 (feed_id, tag_id))
    return str(stored)


def _said(error: str | None) -> str | None:
    """A feed's stored last error as a sentence in the current language (a refresh keeps
    it as a key and values, `lecteur.core.catalogue.kept`), on one clean line."""
    return clean_line(shown(error)) or None
