"""Subscriptions: the feeds table, their tags, and feed items stored as articles.

A feed is known by its canonical URL (so ``http://Example.org/feed?utm_source=x`` and
``http://example.org/feed`` are one subscription). Its items are ordinary articles with a
``feed_id`` and a ``guid``: an item already stored for the feed (same guid), or whose link
is already an article of the library (same canonical URL, from another feed or saved by
hand), is not stored twice. Unread counts come from the partial index of unread feed items.

Every string from a feed has been cleaned before it gets here (`lecteur.core.text.sanitize`),
and titles and tags given by the reader are cleaned again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from lecteur.core.clock import stamp
from lecteur.core.library.articles import (
    _ARTICLE_COLUMNS,
    _ARTICLE_SETTERS,
    _COLUMN_COUNT,
    Articles,
    _article_values,
    _index,
)
from lecteur.core.library.database import Database
from lecteur.core.library.quotations import Quotations
from lecteur.core.library.tags import tag_name
from lecteur.core.text.sanitize import clean_line
from lecteur.core.text.urls import canonical_url

if TYPE_CHECKING:
    from lecteur.core.library.records import FeedRow
    from lecteur.core.models import Article, FeedItem

MAX_TITLE_LENGTH = 300
_FEED_COLUMNS = ("id, url, title, site_url, last_success, last_error, retry_until, full_text, "
                 "etag, last_modified, body_hash, added_at")


def feed_key(url: str) -> str:
    """What makes two subscriptions the same feed: the canonical form of its URL."""
    return canonical_url(url)


def item_key(feed_id: int, item: FeedItem) -> str:
    """The article key of a feed item: its canonical link, else the feed and its guid."""
    return canonical_url(item.link) if item.link else f"feed:{feed_id}:{item.guid}"


class Check(NamedTuple):
    """A refresh that stored no items: unchanged (no `error`), or failed."""

    feed_id: int
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    retry_until: str | None = None


class Update(NamedTuple):
    """A refresh that parsed the feed: its items and the answer's validators."""

    feed_id: int
    items: tuple[FeedItem, ...]
    feed_url: str
    title: str
    site_url: str | None
    language: str | None
    etag: str | None
    last_modified: str | None
    body_hash: str


def _record_check(conn: sqlite3.Connection, check: Check, now: str) -> None:
    """One feed that stored nothing: a success (validators kept) or a failure."""
    if check.error is None:
        conn.execute(
            "UPDATE feeds SET last_checked = ?, last_success = ?, last_error = NULL, "
            "retry_until = NULL, etag = coalesce(?, etag), "
            "last_modified = coalesce(?, last_modified) WHERE id = ?",
            (now, now, check.etag, check.last_modified, check.feed_id))
    else:
        conn.execute("UPDATE feeds SET last_checked = ?, last_error = ?, retry_until = ? "
                     "WHERE id = ?", (now, clean_line(check.error), check.retry_until,
                                      check.feed_id))


class Feeds:
    """The feeds table, feed tags, and the items of each feed."""

    def __init__(self, db: Database, quotations: Quotations, articles: Articles) -> None:
        self._db = db
        self._quotations = quotations
        self._articles = articles

    # --- subscriptions -----------------------------------------------------------------

    def add(self, url: str, title: str = "", site_url: str | None = None,
            tags: Iterable[str] = ()) -> tuple[int, bool]:
        """Subscribe to `url` (already checked as http(s)); return its id and whether new.

        An existing subscription keeps its title unless it had none, and gains `tags`.
        """
        names = [tag_name(tag) for tag in tags]
        title = clean_line(title)[:MAX_TITLE_LENGTH]
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
        the library, detached; `Library.remove_feed` deletes the others first.
        """
        with self._db.write() as conn:
            return conn.execute("DELETE FROM feeds WHERE id = ?", (feed_id,)).rowcount > 0

    def disposable_items(self, feed_id: int) -> list[int]:
        """The feed's items nobody kept: not saved, starred, noted nor highlighted."""
        rows = self._db.conn.execute(
            "SELECT id FROM articles WHERE feed_id = ? AND saved = 0 AND starred = 0 "
            "AND NOT EXISTS (SELECT 1 FROM notes WHERE article_id = articles.id) "
            "AND NOT EXISTS (SELECT 1 FROM highlights WHERE article_id = articles.id) "
            "AND NOT EXISTS (SELECT 1 FROM quotes WHERE article_id = articles.id AND kept = 1)",
            (feed_id,))
        return [int(r[0]) for r in rows]

    def rename(self, feed_id: int, title: str) -> str | None:
        """Give a feed the reader's title; return it as stored, None if no such feed."""
        cleaned = clean_line(title)[:MAX_TITLE_LENGTH]
        if not cleaned:
            from lecteur.core.errors import InvalidInputError

            raise InvalidInputError("A title needs at least one visible character.")
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
        name = clean_line(raw_name)
        with self._db.write() as conn:
            found = conn.execute("SELECT id FROM tags WHERE name = ?", (name,)).fetchone()
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

    def ids(self) -> list[int]:
        """Every feed's id, in `all` order."""
        rows = self._db.conn.execute("SELECT id FROM feeds ORDER BY title COLLATE NOCASE, id")
        return [int(r[0]) for r in rows]

    def unread_counts(self) -> dict[int, int]:
        """Unread items per feed id (from the partial index: no table scan)."""
        rows = self._db.conn.execute(
            "SELECT feed_id, count(*) FROM articles INDEXED BY articles_unread_by_feed "
            "WHERE feed_id IS NOT NULL AND read_at IS NULL GROUP BY feed_id")
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

    def _rows(self, where: str, params: tuple[object, ...]) -> list[FeedRow]:
        from lecteur.core.library.records import FeedRow

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
                last_success=success, last_error=error, retry_until=retry,
                full_text=None if full is None else bool(full), etag=etag,
                last_modified=modified, body_hash=digest, added_at=str(added)))
        return result

    # --- refresh results ---------------------------------------------------------------

    def record_unchanged(self, feed_id: int, etag: str | None = None,
                         last_modified: str | None = None) -> None:
        """The feed answered but had nothing new (304, or the same body as last time)."""
        self.record_checks([Check(feed_id, etag, last_modified)])

    def record_error(self, feed_id: int, message: str, retry_until: str | None = None) -> None:
        """The feed failed (one sentence), or asked to be left alone until `retry_until`."""
        self.record_checks([Check(feed_id, error=message, retry_until=retry_until)])

    def record_checks(self, checks: Sequence[Check]) -> None:
        """Record many feeds that had nothing new or failed, in one transaction."""
        self.record_refresh(checks, ())

    def store(self, feed_id: int, items: Sequence[FeedItem], *, feed_url: str, title: str,
              site_url: str | None, language: str | None, etag: str | None,
              last_modified: str | None, body_hash: str) -> list[int]:
        """Record a successful fetch and store its new items; return their article ids."""
        update = Update(feed_id, tuple(items), feed_url, title, site_url, language, etag,
                        last_modified, body_hash)
        return self.record_refresh((), [update])[0]

    def record_refresh(self, checks: Sequence[Check],
                       updates: Sequence[Update]) -> list[list[int]]:
        """Record what a refresh found for many feeds, in one transaction.

        Each transaction is one fsync (``synchronous=FULL``), so a refresh writes feeds in
        batches rather than one by one. Either every feed of the batch lands (validators
        and new items together) or none does, and the next refresh asks again instead of
        believing it has them. Returns the new article ids of each update, in order. A
        feed's title comes from the feed only while the reader has not given one.
        """
        now = stamp()
        with self._db.write() as conn:
            for check in checks:
                _record_check(conn, check, now)
            return [self._update(conn, update, now) for update in updates]

    def _update(self, conn: sqlite3.Connection, update: Update, now: str) -> list[int]:
        found = conn.execute("SELECT title FROM feeds WHERE id = ?",
                             (update.feed_id,)).fetchone()
        if found is None:
            return []  # unsubscribed while it was being fetched
        shown = found[0] or clean_line(update.title)[:MAX_TITLE_LENGTH]
        conn.execute(
            "UPDATE feeds SET title = ?, site_url = coalesce(?, site_url), etag = ?, "
            "last_modified = ?, body_hash = ?, last_checked = ?, last_success = ?, "
            "last_error = NULL, retry_until = NULL WHERE id = ?",
            (shown, update.site_url, update.etag, update.last_modified, update.body_hash,
             now, now, update.feed_id))
        # The feed lists the newest first; store the oldest first so the newest is on top.
        return [new for item in reversed(update.items)
                if (new := self._insert(conn, update.feed_id, item, update.feed_url, shown,
                                        update.language))]

    def complete(self, article_id: int, article: Article) -> bool:
        """Replace a feed item's text by its full article; False if the item is gone.

        The item keeps its place (key, feed, guid, when it arrived, the reader's marks);
        its body, title, author and dates become the extracted article's.
        """
        with self._db.write() as conn:
            if not conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone():
                return False
            self._articles._unindex(conn, article_id)
            conn.execute(f"UPDATE articles SET {_ARTICLE_SETTERS} WHERE id = ?",
                         (*_article_values(article), stamp(), article_id))
            _index(conn, article_id, article)
            self._quotations.store(conn, article_id, article)
        return True

    def links_of(self, article_ids: Iterable[int]) -> dict[int, str]:
        """The links of the given items that have one, by article id."""
        found = {}
        for article_id in article_ids:
            row = self._db.conn.execute("SELECT url FROM articles WHERE id = ?",
                                        (article_id,)).fetchone()
            if row and row[0]:
                found[article_id] = str(row[0])
        return found

    def _insert(self, conn: sqlite3.Connection, feed_id: int, item: FeedItem, feed_url: str,
                sitename: str, language: str | None) -> int | None:
        """Store one item as an article unless the library has it; return its id or None."""
        key = item_key(feed_id, item)
        if conn.execute("SELECT 1 FROM articles WHERE key = ? OR (feed_id = ? AND guid = ?)",
                        (key, feed_id, item.guid)).fetchone():
            return None
        article = _article_of(item, feed_url, sitename, language)
        cursor = conn.execute(
            f"INSERT INTO articles (key, added_at, {_ARTICLE_COLUMNS}, updated_at, saved, "
            f"feed_id, guid) VALUES (?, ?, {', '.join('?' * (_COLUMN_COUNT + 1))}, 0, ?, ?)",
            (key, stamp(), *_article_values(article), stamp(), feed_id, item.guid))
        article_id = int(cursor.lastrowid or 0)
        _index(conn, article_id, article)
        if any(block.kind == "quote" for block in article.blocks):  # feed text has none yet
            self._quotations.store(conn, article_id, article)
        return article_id


def _article_of(item: FeedItem, feed_url: str, sitename: str, language: str | None) -> Article:
    """The article a feed item becomes (its body is the feed's text until full text)."""
    from lecteur.core.models import Article, Author, Block

    blocks = item.blocks or (Block("paragraph", item.title),)
    return Article(source=item.link or feed_url, title=item.title, blocks=blocks,
                   url=item.link, date=item.date, language=language,
                   sitename=sitename or None,
                   author=Author(item.author) if item.author else None)


def _link_tag(conn: sqlite3.Connection, feed_id: int, name: str) -> str:
    """Create the tag if needed and put it on the feed; return its stored name."""
    conn.execute("INSERT INTO tags (name) VALUES (?) ON CONFLICT (name) DO NOTHING", (name,))
    tag_id, stored = conn.execute("SELECT id, name FROM tags WHERE name = ?",
                                  (name,)).fetchone()
    conn.execute("INSERT OR IGNORE INTO feed_tags (feed_id, tag_id) VALUES (?, ?)",
                 (feed_id, tag_id))
    return str(stored)
