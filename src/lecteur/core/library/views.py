"""Reading state: the reader's lists, the saved/starred/archived flags and progress.

The reader shows lists of up to hundreds of thousands of articles one screen at a time, so
every list query here is a page (``LIMIT``/``OFFSET``) walked along an index that matches
the view's filter and order: the offset is skipped inside the index (a deferred join), and
only the page's rows are read from the table.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from sqlite3 import Connection
from typing import Literal, NamedTuple

from lecteur.core.clock import stamp
from lecteur.core.errors import InvalidInputError
from lecteur.core.library.curate import Curate
from lecteur.core.library.database import Database, require_article
from lecteur.core.library.windows import MATCH, Seek, window_ids

ViewKind = Literal["inbox", "saved", "starred", "archive", "trash", "tag", "dismissed", "feed",
                   "query"]
Order = Literal["added", "score"]
Flag = Literal["saved", "starred", "archived"]
FLAGS: tuple[Flag, ...] = ("saved", "starred", "archived")
FIXED_KINDS: tuple[ViewKind, ...] = ("inbox", "saved", "starred", "archive", "trash")

# Each view's filter; tags are filtered through article_tags (see `_where`). An article in
# the trash is in no view but the trash (the indexes of the others leave it out).
LIVE = "trashed_at IS NULL"
_VIEW_FILTERS: dict[str, str] = {
    # A feed item nobody kept leaves the Inbox when it ages out (FeedItems.age_out).
    "inbox": f"{LIVE} AND archived = 0 AND dismissed_at IS NULL AND aged_at IS NULL",
    "saved": f"{LIVE} AND saved = 1 AND archived = 0",
    "starred": f"{LIVE} AND starred = 1",
    "archive": f"{LIVE} AND archived = 1",
    "trash": "trashed_at IS NOT NULL",
    "dismissed": f"dismissed_at IS NOT NULL AND {LIVE}",
}
# What a list is sorted by (newest first, or most relevant first), the id breaking ties.
_ORDER_KEYS: dict[str, str] = {"added": "added_at", "score": "coalesce(score, -1)"}
_ROW_COLUMNS = ("id, title, author_name, sitename, date, reading_minutes, added_at, url, "
                "saved, starred, archived, read_at IS NOT NULL, progress, position, demo, "
                "trashed_at IS NOT NULL, coalesce(score, -1), score_why")


class View(NamedTuple):  # not a dataclass: needed at start-up (~1 ms less)
    """Which articles a list shows: a fixed view, the articles carrying one tag, the
    items of one feed (`feed_id`), or those a query finds (a saved view:
    ``View("query", query="lang:fr is:unread")``)."""

    kind: ViewKind = "inbox"
    tag_id: int | None = None
    order: Order = "added"
    feed_id: int | None = None
    query: str | None = None


class ListRow(NamedTuple):
    """One row of the reader's list: what the list shows, plus the reading state.

    A NamedTuple rather than a frozen dataclass: rows are built by the hundred at each
    page the list reads, and a tuple is built ~4x faster (as the class is, at start-up).
    """

    id: int
    title: str
    author: str | None
    sitename: str | None
    date: str | None
    reading_minutes: int
    added_at: str
    url: str | None
    saved: bool
    starred: bool
    archived: bool
    read: bool
    progress: float
    position: int
    demo: bool
    trashed: bool = False
    score: float = -1.0  # the relevance (0 to 1), -1 before it is scored
    why: str = ""  # the terms that made the score, comma separated


def _row(values: tuple[object, ...]) -> ListRow:
    (id_, title, author, site, date, minutes, added, url, saved, starred, archived, read,
     progress, position, demo, trashed, score, why) = values
    return ListRow(
        id=int(str(id_)), title=str(title), author=_opt(author), sitename=_opt(site),
        date=_opt(date), reading_minutes=int(str(minutes)), added_at=str(added), url=_opt(url),
        saved=bool(saved), starred=bool(starred), archived=bool(archived), read=bool(read),
        progress=float(str(progress)), position=int(str(position)), demo=bool(demo),
        trashed=bool(trashed), score=float(str(score)), why=str(why or ""),
    )


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def _key(view: View) -> str:
    """The column (or expression) a view is sorted by, newest or best first."""
    return _ORDER_KEYS[view.order]


def _anchor(view: View, row: ListRow) -> object:
    """A row's value of its view's sort key (for the seeks of `rows_after`/`rows_before`)."""
    return row.score if view.order == "score" else row.added_at


def _where(view: View, db: Database | None = None) -> tuple[str, tuple[object, ...]]:
    """The SQL filter (over ``articles``) and its parameters for a view (a query's needs
    the library's `db`, for its staleness settings and columns)."""
    if view.kind == "query":
        return _query_where(view.query or "", db)
    if view.kind == "tag":
        return (f"{LIVE} AND id IN (SELECT article_id FROM article_tags WHERE tag_id = ?)",
                (view.tag_id if view.tag_id is not None else -1,))
    if view.kind == "feed":  # along the index of each feed's items (articles_by_feed)
        return f"{LIVE} AND feed_id = ?", (view.feed_id if view.feed_id is not None else -1,)
    return _VIEW_FILTERS[view.kind], ()


def _windowable(view: View) -> bool:
    """Whether a view's pages may be looked for among the newest articles first
    (`lecteur.core.library.windows`): a saved view in the list's order of arrival."""
    return view.kind == "query" and view.order == "added"


def windowed(db: Database, view: View, direction: str, seek: Seek | None,
             need: int) -> list[int] | None:
    """A saved view's next `need` ids from `seek`, found within a window of the newest
    articles when its query has words (`window_ids`); None: walk the whole view."""
    where, params = _where(view, db)
    if MATCH not in where:
        return None
    return window_ids(db.conn, where, params, direction, seek, need)


def counter_name(view: View) -> str:
    """The name of the counter that holds a view's size (``inbox``, ``tag:3``)."""
    return f"tag:{view.tag_id}" if view.kind == "tag" else view.kind


def counter(db: Database, name: str) -> int:
    """The value of one counter (0 for one never set: a tag no article ever carried)."""
    found = db.conn.execute("SELECT value FROM counters WHERE name = ?", (name,)).fetchone()
    return int(found[0]) if found else 0


def _query_where(text: str, db: Database | None) -> tuple[str, tuple[object, ...]]:
    """A saved view's filter: its query's scopes, filters and words, as one condition.

    A query that no longer reads (a view saved by a newer lecteur) raises its sentence."""
    from lecteur.core.library.articles import scope_where
    from lecteur.core.library.query import Context, context_of
    from lecteur.core.library.search import parse_query

    parsed = parse_query(text, last_is_prefix=False).check()
    if db is not None:
        context = context_of(db)
    else:
        from lecteur.core.clock import now
        from lecteur.core.config import Staleness

        context = Context(now().date(), Staleness(), frozenset())
    return scope_where(parsed, None, context, with_terms=True)


def view_filter(view: View) -> tuple[str, tuple[object, ...]]:
    """The SQL filter over ``articles`` for a view, and its parameters (search uses it)."""
    return _where(view)


PINNED = "+id IN ("  # a membership the planner may not start from (see `unpinned`)


def unpinned(where: str) -> str:
    """A filter's memberships freed for the planner to start from, where no order is
    needed (a count): ``+id IN (SELECT ...)`` becomes ``id IN (SELECT ...)``, the same
    condition."""
    return where.replace(PINNED, "id IN (")


MARK_CHUNK = 2_000  # read marks a write, for a whole view (`Views.mark_view_read`)


class Views:
    """Lists by view, flags, read marks and reading positions."""

    def __init__(self, db: Database, curate: Curate) -> None:
        self._db = db
        self._curate = curate

    # --- lists -------------------------------------------------------------------------

    def check(self, view: View) -> None:
        """Raise `InvalidInputError` if this library cannot answer a view's query (a
        ``score:`` before there are scores), reading no row: compiling its filter is
        enough (reading a page to know was a second page of the view, 160 ms at 1M for a
        query of a common word)."""
        _where(view, self._db)

    def rows(self, view: View, limit: int, offset: int = 0,
             total: int | None = None) -> list[ListRow]:
        """One page of a view, newest first.

        With the view's `total` given, a page in the older half is read from the other end
        of the index, so no page skips more than half the view.
        """
        offset = max(0, offset)
        if total is not None and offset > total // 2:
            start = total - offset - limit
            limit, start = (limit + start, 0) if start < 0 else (limit, start)
            return self._page(view, "ASC", None, max(0, limit), start)
        return self._page(view, "DESC", None, limit, offset)

    def rows_after(self, view: View, anchor: ListRow, limit: int) -> list[ListRow]:
        """The page that follows `anchor` in a view (older articles): an index seek."""
        return self._page(view, "DESC", ("<", _anchor(view, anchor), anchor.id), limit, 0)

    def rows_before(self, view: View, anchor: ListRow, limit: int) -> list[ListRow]:
        """The page that precedes `anchor` in a view (newer articles): an index seek."""
        return self._page(view, "ASC", (">", _anchor(view, anchor), anchor.id), limit, 0)

    def _page(self, view: View, direction: str, seek: Seek | None, limit: int,
              offset: int) -> list[ListRow]:
        """Rows of a view walked in `direction` along its index, returned newest first."""
        key = _key(view)
        ids = self._page_ids(view, direction, seek, limit, offset)
        if ids is not None:
            marks = ", ".join("?" * len(ids))
            found = self._db.conn.execute(
                f"SELECT {_ROW_COLUMNS} FROM articles WHERE id IN ({marks}) "
                f"ORDER BY {key} DESC, id DESC", ids)
            return [_row(r) for r in found]
        inner, params = self._walk(view, direction, seek)
        query = (f"SELECT {_ROW_COLUMNS} FROM articles WHERE id IN ({inner} LIMIT ? OFFSET ?) "
                 f"ORDER BY {key} DESC, id DESC")
        found = self._db.conn.execute(query, (*params, limit, offset))
        return [_row(r) for r in found]

    def _walk(self, view: View, direction: str,
              seek: Seek | None) -> tuple[str, tuple[object, ...]]:
        """The ids of a view in `direction` from `seek` (its ``LIMIT`` to come): a walk
        along the index the view's filter and order match. A tag's articles in the
        list's order are a walk of ``article_tags_by_added`` (which carries each
        article's ``added_at``), each one's row looked up for the trash: no sort."""
        if view.kind == "tag" and view.order == "added":
            after = f"AND (t.added_at, t.article_id) {seek[0]} (?, ?)" if seek else ""
            return (f"SELECT t.article_id FROM article_tags AS t CROSS JOIN articles AS a "
                    f"ON a.id = t.article_id WHERE t.tag_id = ? AND a.{LIVE} {after} "
                    f"ORDER BY t.added_at {direction}, t.article_id {direction}",
                    (view.tag_id if view.tag_id is not None else -1, *(seek or ())[1:]))
        where, params = _where(view, self._db)
        after = f"AND ({_key(view)}, id) {seek[0]} (?, ?)" if seek else ""
        return (f"SELECT id FROM articles WHERE {where} {after} "
                f"ORDER BY {_key(view)} {direction}, id {direction}",
                (*params, *(seek or ())[1:]))

    def _page_ids(self, view: View, direction: str, seek: Seek | None, limit: int,
                  offset: int) -> list[int] | None:
        """A saved view's page found within the newest articles (`windowed`), or None
        (not a query of words, a far page, or not found there: the whole walk)."""
        if offset or not _windowable(view):
            return None
        return windowed(self._db, view, direction, seek, limit)

    def count(self, view: View) -> int:
        """How many articles a view holds: its counter, kept by triggers (no scan); a
        feed's items are counted along that feed's own index (``articles_by_feed``), which
        holds only them."""
        if view.kind in ("feed", "query"):  # no counter: a saved view is any query
            return self.count_by_scan(view)
        return counter(self._db, counter_name(view))

    def count_upto(self, view: View, cap: int) -> int:
        """How many articles a view holds, counting no further than `cap` + 1: a number
        above `cap` says "more than `cap`". The view's counter when it has one; a saved
        view's count stops at the `cap` + 1st article found, so a broad query answers in
        the time of a few pages (its exact count, a walk of every live article, can come
        later: the reader's list counts it in a worker)."""
        if view.kind not in ("feed", "query"):
            return self.count(view)
        if _windowable(view) and (found := windowed(self._db, view, "DESC", None,
                                                     cap + 1)) is not None:
            return len(found)
        where, params = _where(view, self._db)
        row = self._db.conn.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM articles WHERE {unpinned(where)} LIMIT ?)",
            (*params, cap + 1))
        return int(row.fetchone()[0])

    def unread(self) -> int:
        """How many articles outside the trash are unread (a counter)."""
        return counter(self._db, "unread")

    def count_by_scan(self, view: View) -> int:
        """How many articles a view holds, counted row by row (to check the counters).

        Memberships (a tag's articles, a word's matches) are written ``+id IN (...)`` for
        the lists, which must walk the filters' index in their order; a count has no
        order, so here SQLite may instead start from the membership's list and look each
        article up (`unpinned`): 'is:unread tag:réseautage' counted in 58 ms instead of
        135 on 100,000 articles (load 10)."""
        where, params = _where(view, self._db)
        row = self._db.conn.execute(f"SELECT count(*) FROM articles WHERE {unpinned(where)}",
                                    params)
        return int(row.fetchone()[0])

    def recount(self) -> None:
        """Count every counter again from the tables (a repair; the triggers keep them)."""
        from lecteur.core.library.migrations import fill_counters

        with self._db.write() as conn:
            fill_counters(conn)

    def stale_among(self, article_ids: list[int]) -> set[int]:
        """Which of these articles are past their age (the list's badge; `query.stale_where`)."""
        if not article_ids:
            return set()
        from lecteur.core.clock import now
        from lecteur.core.library.query import stale_where

        sql, params = stale_where(self._db.staleness, now().date())
        marks = ", ".join("?" * len(article_ids))
        found = self._db.conn.execute(
            f"SELECT id FROM articles WHERE id IN ({marks}) AND {sql}", (*article_ids, *params))
        return {int(r[0]) for r in found}

    def row(self, article_id: int) -> ListRow | None:
        """One article's list row (in the trash or not), or None if there is no such article."""
        found = self._db.conn.execute(f"SELECT {_ROW_COLUMNS} FROM articles WHERE id = ?",
                                   (article_id,)).fetchone()
        return _row(found) if found else None

    def index_in(self, view: View, article_id: int) -> int | None:
        """Where an article sits in a view (0 is the top), or None if it is not in it.

        Counted along the view's index from the nearer end: the newer rows are counted up
        to half the view (the view's size is its counter); past that, the older ones are,
        so no lookup walks more than half the index.
        """
        where, params = _where(view, self._db)
        found = self._db.conn.execute(
            f"SELECT {_key(view)} FROM articles WHERE id = ? AND {where}",
            (article_id, *params)).fetchone()
        if not found:
            return None
        total = self.count(view)
        half = total // 2 + 1
        newer = self._count_beyond(view, ">", found[0], article_id, half)
        if newer < half:
            return newer
        return total - 1 - self._count_beyond(view, "<", found[0], article_id, total)

    def _count_beyond(self, view: View, side: str, key: object, article_id: int,
                      limit: int) -> int:
        """How many rows of a view lie beyond (its sort key, id) on `side`, counting at
        most `limit` of them (an index walk that stops)."""
        where, params = _where(view, self._db)
        found = self._db.conn.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM articles WHERE {where} "
            f"AND ({_key(view)}, id) {side} (?, ?) LIMIT ?)",
            (*params, key, article_id, limit))
        return int(found.fetchone()[0])

    # --- flags and reading -------------------------------------------------------------

    def set_flag(self, article_id: int, flag: Flag, value: bool) -> None:
        """Set saved, starred or archived on one article."""
        if flag not in FLAGS:
            raise InvalidInputError("views.unknown_flag", flag=flag)
        with self._db.write() as conn:
            require_article(conn, article_id)
            conn.execute(f"UPDATE articles SET {flag} = ? WHERE id = ?", (int(value), article_id))
            self._learn(conn, article_id, flag)

    def toggle_flag(self, article_id: int, flag: Flag) -> bool:
        """Flip saved, starred or archived; return the new value.

        Raises `ArticleGone` if the article left the library (deleted, or in the trash).
        """
        if flag not in FLAGS:
            raise InvalidInputError("views.unknown_flag", flag=flag)
        with self._db.write() as conn:
            require_article(conn, article_id)
            conn.execute(f"UPDATE articles SET {flag} = 1 - {flag} WHERE id = ?", (article_id,))
            found = conn.execute(f"SELECT {flag} FROM articles WHERE id = ?",
                                 (article_id,)).fetchone()
            self._learn(conn, article_id, flag)
        return bool(found and found[0])

    def _learn(self, conn: Connection, article_id: int, flag: Flag) -> None:
        """Inside a write: a save or a star is a keep for the relevance model; taking the
        last of them back takes the keep back (a dismissal is left as it is)."""
        if flag == "archived":
            return
        kept = conn.execute("SELECT saved OR starred FROM articles WHERE id = ?",
                            (article_id,)).fetchone()
        if kept and kept[0]:
            self._curate.learn_in(conn, article_id, keep=True)
        elif conn.execute("SELECT 1 FROM curate_decisions WHERE article_id = ? AND label = 1",
                          (article_id,)).fetchone():
            self._curate.unlearn_in(conn, article_id)

    def mark_read(self, article_id: int, read: bool = True) -> None:
        """Mark an article read (keeping the first time it was read) or unread.

        Raises `ArticleGone` if the article left the library.
        """
        with self._db.write() as conn:
            require_article(conn, article_id, in_trash=True)
            if read:
                conn.execute("UPDATE articles SET read_at = coalesce(read_at, ?) WHERE id = ?",
                             (stamp(), article_id))
            else:
                conn.execute("UPDATE articles SET read_at = NULL WHERE id = ?", (article_id,))

    def mark_view_read(self, view: View) -> list[int]:
        """Mark every unread article of `view` read (newsboat's ``A`` on a feed, ``C`` on
        everything); return their ids, for `mark_unread_again` to take it back.

        The unread ids are read along the view's filter, then marked `MARK_CHUNK` at a time,
        each chunk its own short write: a read mark runs the counters' trigger on each row
        (about 30 us), and a whole Inbox of a big library in one transaction would hold
        the write lock, and every other writer, for seconds."""
        where, params = _where(view, self._db)
        ids = [int(row[0]) for row in self._db.conn.execute(
            f"SELECT id FROM articles WHERE ({unpinned(where)}) AND read_at IS NULL", params)]
        self._mark_in_chunks(ids, stamp())
        return ids

    def mark_unread_again(self, article_ids: list[int]) -> None:
        """Mark these articles unread (what `mark_view_read` marked, taken back)."""
        self._mark_in_chunks(article_ids, None)

    def _mark_in_chunks(self, article_ids: list[int], read_at: str | None) -> None:
        """Set the read mark of these articles (None: unread), `MARK_CHUNK` a write; a
        first read keeps its time."""
        keep_first = "" if read_at is None else "read_at IS NULL AND "
        for start in range(0, len(article_ids), MARK_CHUNK):
            with self._db.write() as conn:
                conn.execute(f"UPDATE articles SET read_at = ? WHERE {keep_first}id IN "
                             "(SELECT value FROM json_each(?))",
                             (read_at, json.dumps(article_ids[start:start + MARK_CHUNK])))

    def toggle_read(self, article_id: int) -> bool:
        """Mark an article unread if it was read, else read; return whether it is now read."""
        with self._db.write() as conn:
            require_article(conn, article_id)
            conn.execute("UPDATE articles SET read_at = CASE WHEN read_at IS NULL THEN ? END "
                         "WHERE id = ?", (stamp(), article_id))
            found = conn.execute("SELECT read_at IS NOT NULL FROM articles WHERE id = ?",
                                 (article_id,)).fetchone()
        return bool(found[0])

    def save_progress(self, article_id: int, progress: float, position: int) -> None:
        """Remember how far the reader got (0 to 1) and where (a block index) in an article."""
        progress = min(1.0, max(0.0, progress))
        with self._db.write() as conn:
            conn.execute("UPDATE articles SET progress = ?, position = ? WHERE id = ?",
                         (progress, max(0, position), article_id))

    def kept_by_reader(self, tag: str | None = None) -> list[int]:
        """`each_kept_by_reader`, as a list."""
        return list(self.each_kept_by_reader(tag))

    def each_kept_by_reader(self, tag: str | None = None, *,
                            written_on: bool = False) -> Iterator[int]:
        """The ids of the articles an export writes, oldest saved first: those the reader
        saved or wrote on (a tag, a note, a highlight, a kept quotation); with `tag`, only
        those carrying it (case, accents and a leading # aside, as tags are one). The trash
        is left out. Read as they are used (an export of a million articles never holds
        their ids). `written_on`: only those with a note, a highlight or a kept quotation
        (the playbook's passages come from nothing else)."""
        clauses = ["trashed_at IS NULL",
                   "(saved = 1 OR id IN (SELECT article_id FROM article_tags) "
                   "OR id IN (SELECT article_id FROM notes) "
                   "OR id IN (SELECT article_id FROM highlights) "
                   "OR id IN (SELECT article_id FROM quotes WHERE kept = 1))"]
        if written_on:
            clauses.append("(id IN (SELECT article_id FROM notes) "
                           "OR id IN (SELECT article_id FROM highlights) "
                           "OR id IN (SELECT article_id FROM quotes WHERE kept = 1))")
        params: list[object] = []
        if tag is not None:
            from lecteur.core.library.tags import tag_key

            clauses.append("id IN (SELECT article_id FROM article_tags JOIN tags "
                           "ON tags.id = tag_id WHERE tags.key = ?)")
            params.append(tag_key(tag))
        rows = self._db.conn.execute(
            f"SELECT id FROM articles WHERE {' AND '.join(clauses)} ORDER BY added_at, id",
            params)
        for row in rows:
            yield int(row[0])
