"""Feed items: what a refresh stores, as articles with a ``feed_id`` and a ``guid``.

An item already stored for the feed (same guid), or whose link is already an article of
the library (same canonical URL, from another feed or saved by hand), is not stored twice;
nor is one the reader deleted for good (``feed_items_gone``, filled by a trigger).
A refresh's results for many feeds are written in one transaction (`record_refresh`): each
commit is an fsync, and a refresh of 300 feeds should not be 300 of them. Items get their
full article in place later (`complete`), keeping their key, feed, guid and marks.
"""

from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import timedelta
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import urlsplit

from lecteur.core import clock
from lecteur.core.clock import stamp
from lecteur.core.library.articles import (
    _ARTICLE_FIELDS,
    _ARTICLE_SETTERS,
    Articles,
    _article_values,
    index_article,
    store_body,
)
from lecteur.core.library.bulk import StagedInsert, author_keys, storing_in_bulk
from lecteur.core.library.database import Database
from lecteur.core.library.feeds import MAX_TITLE_LENGTH
from lecteur.core.library.quotations import Quotations
from lecteur.core.library.versions import annotated, archive
from lecteur.core.text.prepared import Prepared, body_blocks, prepared
from lecteur.core.text.sanitize import clean_line, fold
from lecteur.core.text.urls import canonical_url

_json_string = json.encoder.encode_basestring  # json.dumps(text, ensure_ascii=False)

if TYPE_CHECKING:
    from lecteur.core.models import Article, FeedItem



# Kept: such an item never ages out of the Inbox (`FeedItems.age_out`).
_KEPT = ("saved = 1 OR starred = 1 "
         "OR EXISTS (SELECT 1 FROM article_tags WHERE article_id = articles.id) "
         "OR EXISTS (SELECT 1 FROM notes WHERE article_id = articles.id) "
         "OR EXISTS (SELECT 1 FROM highlights WHERE article_id = articles.id) "
         "OR EXISTS (SELECT 1 FROM quotes WHERE article_id = articles.id AND kept = 1)")
_COME_BACK = f"WHERE aged_at IS NOT NULL AND ({_KEPT})"  # aged, then kept
_AGE_OUT = (f"WHERE feed_id IS NOT NULL AND added_at < ? AND aged_at IS NULL "
            f"AND trashed_at IS NULL AND archived = 0 AND NOT ({_KEPT})")  # ? the cutoff


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


def item_key(feed_id: int, item: FeedItem) -> str:
    """The article key of a feed item: its canonical link, else the feed and its guid."""
    return canonical_url(item.link) if item.link else f"feed:{feed_id}:{item.guid}"


class FeedItems:
    """The items of feeds: stored by refreshes, completed with their full article."""

    def __init__(self, db: Database, quotations: Quotations, articles: Articles) -> None:
        self._db = db
        self._quotations = quotations
        self._articles = articles

    def disposable(self, feed_id: int) -> list[int]:
        """The feed's items nobody kept: not saved, starred, noted nor highlighted."""
        rows = self._db.conn.execute(
            "SELECT id FROM articles WHERE feed_id = ? AND saved = 0 AND starred = 0 "
            "AND NOT EXISTS (SELECT 1 FROM notes WHERE article_id = articles.id) "
            "AND NOT EXISTS (SELECT 1 FROM highlights WHERE article_id = articles.id) "
            "AND NOT EXISTS (SELECT 1 FROM quotes WHERE article_id = articles.id AND kept = 1)",
            (feed_id,))
        return [int(r[0]) for r in rows]

    # --- ageing out of the Inbox -------------------------------------------------------

    def age_out(self, days: int) -> tuple[int, int]:
        """Take out of the Inbox the feed items older than `days` that nobody kept; put
        back those aged out and kept since. Return how many left and came back.

        Kept means saved, starred, tagged, noted, highlighted or with a kept quotation:
        such an item never ages out. An aged item is still in the library (its feed's
        view, search, the export of what it holds); `days` 0 or less: nothing ages.

        The items are judged in a read (seconds at a million articles, every old item's
        keeping checked), and only those that change are written, by id, in a short
        transaction that judges them again: the write lock is held for milliseconds, and
        when nothing changed (most starts) nothing is written at all.
        """
        now = clock.now()
        stamp = now.strftime("%Y-%m-%dT%H:%M:%SZ")
        cutoff = (now - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")
        conn = self._db.conn
        back_ids = [row[0] for row in conn.execute(f"SELECT id FROM articles {_COME_BACK}")]
        gone_ids = [] if days <= 0 else [
            row[0] for row in conn.execute(f"SELECT id FROM articles {_AGE_OUT}", (cutoff,))]
        if not back_ids and not gone_ids:
            return 0, 0
        with self._db.write() as conn:
            back = conn.execute(f"UPDATE articles SET aged_at = NULL {_COME_BACK} "
                                f"AND id IN (SELECT value FROM json_each(?))",
                                (json.dumps(back_ids),)).rowcount
            gone = conn.execute(f"UPDATE articles SET aged_at = ? {_AGE_OUT} "
                                f"AND id IN (SELECT value FROM json_each(?))",
                                (stamp, cutoff, json.dumps(gone_ids))).rowcount
        return gone, back

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
        The reader's rules run on the new items in the same transaction (`rules`).
        """
        now = stamp()
        with self._db.for_many_rows(), self._db.write() as conn:
            for check in checks:
                _record_check(conn, check, now)
            quoted: list[tuple[int, Article]] = []
            with storing_in_bulk(conn) as inserted:
                stored = [self._update(conn, update, now, quoted) for update in updates]
                inserted.extend(new for ids in stored for new in ids)
            for article_id, article in quoted:  # after their rows are counted, as one by one
                self._quotations.store(conn, article_id, article)
            from lecteur.core.library.rules import apply_to_new  # the reader's rules, first

            apply_to_new(self._db, conn, [new for ids in stored for new in ids])
            return stored

    def _update(self, conn: sqlite3.Connection, update: Update, now: str,
                quoted: list[tuple[int, Article]]) -> list[int]:
        found = conn.execute("SELECT title FROM feeds WHERE id = ?",
                             (update.feed_id,)).fetchone()
        if found is None:
            return []  # unsubscribed while it was being fetched
        shown = found[0] or clean_line(update.title)[:MAX_TITLE_LENGTH].rstrip()
        conn.execute(
            "UPDATE feeds SET title = ?, site_url = coalesce(?, site_url), etag = ?, "
            "last_modified = ?, body_hash = ?, last_checked = ?, last_success = ?, "
            "last_error = NULL, retry_until = NULL WHERE id = ?",
            (shown, update.site_url, update.etag, update.last_modified, update.body_hash,
             now, now, update.feed_id))
        fresh = _not_stored(conn, update.feed_id, _oldest_first(update.items))
        if not fresh:
            return []
        scorer = self._articles.curate.scorer(conn)
        rows: list[tuple[object, ...]] = []
        for key, item, prep in fresh:
            scored = scorer.score(item.title, (block.text for block in body_blocks(item)),
                                  item.scan)
            rows.append((key, now, *_item_values(item, prep, update.feed_url, shown,
                                                 update.language),
                         now, 0, update.feed_id, item.guid, scored.score,
                         ", ".join(scored.why), *_author_keys(item.author or None)))
        ids = _ITEM_ROWS.insert(conn, rows)
        site = fold(shown)  # the same for every item of the feed
        bodies: list[tuple[object, ...]] = []
        indexed: list[tuple[object, ...]] = []
        for article_id, (_key, item, prep) in zip(ids, fresh, strict=True):
            bodies.append((article_id, prep.blocks, "[]"))  # a feed item has no links yet
            indexed.append((article_id, prep.title, prep.author, site, prep.text))
            if any(block.kind == "quote" for block in item.blocks):  # feed text has none yet
                quoted.append((article_id, _article_of(item, update.feed_url, shown,
                                                       update.language)))
        conn.executemany("INSERT INTO article_bodies (article_id, blocks, links) "
                         "VALUES (?, ?, ?) ON CONFLICT (article_id) DO UPDATE SET "
                         "blocks = excluded.blocks, links = excluded.links", bodies)
        conn.executemany("INSERT INTO search (rowid, title, author, site, body) "
                         "VALUES (?, ?, ?, ?, ?)", indexed)
        return ids

    def complete(self, article_id: int, article: Article) -> bool:
        """Replace a feed item's text by its full article; False if the item is gone.

        The item keeps its place (key, feed, guid, when it arrived, the reader's marks);
        its body, title, author and dates become the extracted article's, except that a
        page naming no date keeps the feed's date and a page naming no site (the
        extractor's fallback is the bare host) keeps the feed's title. A highlight or
        note the reader already made on the feed's text is carried over as a save carries
        it (`versions.archive`: found again, or kept on the feed's text, kept then as an
        earlier text); an item nobody wrote on keeps no earlier text.
        """
        with self._db.write() as conn:
            row = conn.execute("SELECT date, sitename FROM articles WHERE id = ?",
                               (article_id,)).fetchone()
            if not row:
                return False
            article = _keeping_the_feeds(article, row[0], row[1])
            self._articles._unindex(conn, article_id)
            version = archive(conn, article_id, article) if annotated(conn, article_id) else None
            conn.execute(f"UPDATE articles SET {_ARTICLE_SETTERS} WHERE id = ?",
                         (*_article_values(article), stamp(), article_id))
            store_body(conn, article_id, article)
            index_article(conn, article_id, article)
            self._quotations.store(conn, article_id, article, version)
            self._articles.curate.score_in(conn, article_id, article.title,
                                           (block.text for block in article.blocks))
        return True

    def with_feed_text(self, feed_id: int, most: int) -> list[tuple[int, str]]:
        """The feed's `most` newest items (not in the trash, with a link) that still hold
        the feed's own text, as (article id, link): stored by a refresh and never
        rewritten since (``updated_at`` is still ``added_at``: a full article, or the same
        page added by hand, rewrites it). What ``feeds fulltext ID on`` fetches at once."""
        rows = self._db.conn.execute(
            "SELECT id, url FROM articles WHERE feed_id = ? AND trashed_at IS NULL AND "
            "url IS NOT NULL AND updated_at = added_at ORDER BY added_at DESC, id DESC "
            "LIMIT ?", (feed_id, most))
        return [(int(article_id), str(url)) for article_id, url in rows]

    def links_of(self, article_ids: Iterable[int]) -> dict[int, str]:
        """The links of the given items that have one, by article id."""
        found = {}
        for article_id in article_ids:
            row = self._db.conn.execute("SELECT url FROM articles WHERE id = ?",
                                        (article_id,)).fetchone()
            if row and row[0]:
                found[article_id] = str(row[0])
        return found


def _oldest_first(items: Sequence[FeedItem]) -> list[FeedItem]:
    """The items in the order to store them, so the newest is on top of the list.

    A feed most often lists its newest first, so the document's order reversed; but when
    every item is dated, by date (stable: the same date keeps that order), since some
    feeds list their oldest first and one refresh stores them all at the same moment.
    """
    backwards = list(reversed(items))
    if all(item.date for item in backwards):
        backwards.sort(key=lambda item: str(item.date))
    return backwards


def _keeping_the_feeds(article: Article, date: str | None, site: str | None) -> Article:
    """`article` with the feed item's `date` and `site` where the page named none.

    Without them a full article from a small blog sorted as if published today and
    showed its host (``blog.example.org``) where the feed's title was.
    """
    parts = urlsplit(article.url or article.source or "")
    hosts = {parts.netloc.lower(), (parts.hostname or "").lower()}
    hosts |= {host.removeprefix("www.") for host in hosts}
    page_site = (article.sitename or "").strip().lower()
    return replace(article, date=article.date or date,
                   sitename=site if site and (not page_site or page_site in hosts)
                   else article.sitename)


def _not_stored(conn: sqlite3.Connection, feed_id: int,
                items: Iterable[FeedItem]) -> list[tuple[str, FeedItem, Prepared]]:
    """The items to store, with their keys and prepared values: not in the library under
    their key (from any feed) nor their guid (from this feed), not deleted for good from
    this feed, and not a second time within the feed. Three queries for the whole feed,
    not one an item."""
    keyed = [(prep.key_url or f"feed:{feed_id}:{item.guid}", item, prep)
             for item in items for prep in (prepared(item),)]
    keys = {str(row[0]) for row in conn.execute(
        "SELECT key FROM articles WHERE key IN (SELECT value FROM json_each(?))",
        (json.dumps([key for key, _item, _prep in keyed], ensure_ascii=False),))}
    guids = json.dumps([item.guid for _key, item, _prep in keyed], ensure_ascii=False)
    seen = {str(row[0]) for row in conn.execute(
        "SELECT guid FROM articles WHERE feed_id = ? AND guid IN "
        "(SELECT value FROM json_each(?)) UNION ALL SELECT guid FROM feed_items_gone "
        "WHERE feed_id = ? AND guid IN (SELECT value FROM json_each(?))",
        (feed_id, guids, feed_id, guids))}
    fresh = []
    for key, item, prep in keyed:
        if key in keys or item.guid in seen:
            continue
        keys.add(key)
        seen.add(item.guid)
        fresh.append((key, item, prep))
    return fresh


_ITEM_ROWS = StagedInsert(("key", "added_at", *_ARTICLE_FIELDS, "updated_at", "saved",
                         "feed_id", "guid", "score", "score_why"))


def _item_values(item: FeedItem, prep: Prepared, feed_url: str, sitename: str,
                 language: str | None) -> tuple[object, ...]:
    """`_article_values` of the article a feed item becomes (`_article_of`), made from
    the item without making the article: per item, building it and its author was a
    quarter of storing it (``tests/test_bulk.py`` checks both give the same values)."""
    from lecteur.core.models import reading_minutes  # not at start: the reader's first frame

    words, author = prep.word_count, item.author or None  # "" is no author, as there
    return (item.link, item.link or feed_url, item.title, item.date, language,
            sitename or None, author, _author_json(author), words, reading_minutes(words))


def _author_json(name: str | None) -> str | None:
    """The stored JSON of an author known by name only: ``json.dumps`` of
    ``{"name": name, "bio": None, "email": None, "links": []}`` (``ensure_ascii=False``),
    with only the name encoded (by json's C string encoder): the whole dict through
    ``json.dumps`` was 16 us an item, and most items of a refresh name someone new."""
    if name is None:
        return None
    return f'{{"name": {_json_string(name)}, "bio": null, "email": null, "links": []}}'


_author_keys = functools.lru_cache(maxsize=1024)(author_keys)


def _article_of(item: FeedItem, feed_url: str, sitename: str, language: str | None) -> Article:
    """The article a feed item becomes (its body is the feed's text until full text)."""
    from lecteur.core.models import Article, Author

    return Article(source=item.link or feed_url, title=item.title, blocks=body_blocks(item),
                   url=item.link, date=item.date, language=language,
                   sitename=sitename or None,
                   author=Author(item.author) if item.author else None)
