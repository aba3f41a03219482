"""Reading state: the reader's lists, the saved/starred/archived flags and progress.

The reader shows lists of up to hundreds of thousands of articles one screen at a time, so
every list query here is a page (``LIMIT``/``OFFSET``) walked along an index that matches
the view's filter and order: the offset is skipped inside the index (a deferred join), and
only the page's rows are read from the table.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from lecteur.core.clock import stamp
from lecteur.core.errors import InvalidInputError
from lecteur.core.library.database import Database, require_article

ViewKind = Literal["inbox", "saved", "starred", "archive", "trash", "tag", "query"]
Flag = Literal["saved", "starred", "archived"]
FLAGS: tuple[Flag, ...] = ("saved", "starred", "archived")

# Each view's filter; tags are filtered through article_tags (see `_where`). An article in
# the trash is in no view but the trash (the indexes of the others leave it out).
LIVE = "trashed_at IS NULL"
_VIEW_FILTERS: dict[str, str] = {
    "inbox": f"{LIVE} AND archived = 0",
    "saved": f"{LIVE} AND saved = 1 AND archived = 0",
    "starred": f"{LIVE} AND starred = 1",
    "archive": f"{LIVE} AND archived = 1",
    "trash": "trashed_at IS NOT NULL",
}
_ORDER = "ORDER BY added_at DESC, id DESC"
_ROW_COLUMNS = ("id, title, author_name, sitename, date, reading_minutes, added_at, url, "
                "saved, starred, archived, read_at IS NOT NULL, progress, position, demo, "
                "trashed_at IS NOT NULL")


class View(NamedTuple):  # not a dataclass: needed at start-up (~1 ms less)
    """Which articles a list shows: a fixed view, the articles carrying one tag, or
    those a query finds (a saved view: ``View("query", query="lang:fr is:unread")``)."""

    kind: ViewKind = "inbox"
    tag_id: int | None = None
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


def _row(values: tuple[object, ...]) -> ListRow:
    (id_, title, author, site, date, minutes, added, url, saved, starred, archived, read,
     progress, position, demo, trashed) = values
    return ListRow(
        id=int(str(id_)), title=str(title), author=_opt(author), sitename=_opt(site),
        date=_opt(date), reading_minutes=int(str(minutes)), added_at=str(added), url=_opt(url),
        saved=bool(saved), starred=bool(starred), archived=bool(archived), read=bool(read),
        progress=float(str(progress)), position=int(str(position)), demo=bool(demo),
        trashed=bool(trashed),
    )


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def _where(view: View, db: Database | None = None) -> tuple[str, tuple[object, ...]]:
    """The SQL filter (over ``articles``) and its parameters for a view (a query's needs
    the library's `db`, for its staleness settings and columns)."""
    if view.kind == "query":
        return _query_where(view.query or "", db)
    if view.kind == "tag":
        return (f"{LIVE} AND id IN (SELECT article_id FROM article_tags WHERE tag_id = ?)",
                (view.tag_id if view.tag_id is not None else -1,))
    return _VIEW_FILTERS[view.kind], ()


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


class Views:
    """Lists by view, flags, read marks and reading positions."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # --- lists -------------------------------------------------------------------------

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
            return self._page(view, "ASC", "", (), max(0, limit), start)
        return self._page(view, "DESC", "", (), limit, offset)

    def rows_after(self, view: View, anchor: ListRow, limit: int) -> list[ListRow]:
        """The page that follows `anchor` in a view (older articles): an index seek."""
        return self._page(view, "DESC", "AND (added_at, id) < (?, ?)",
                          (anchor.added_at, anchor.id), limit, 0)

    def rows_before(self, view: View, anchor: ListRow, limit: int) -> list[ListRow]:
        """The page that precedes `anchor` in a view (newer articles): an index seek."""
        return self._page(view, "ASC", "AND (added_at, id) > (?, ?)",
                          (anchor.added_at, anchor.id), limit, 0)

    def _page(self, view: View, direction: str, seek: str, seek_params: tuple[object, ...],
              limit: int, offset: int) -> list[ListRow]:
        """Rows of a view walked in `direction` along its index, returned newest first."""
        where, params = _where(view, self._db)
        inner = (f"SELECT id FROM articles WHERE {where} {seek} "
                 f"ORDER BY added_at {direction}, id {direction} LIMIT ? OFFSET ?")
        query = f"SELECT {_ROW_COLUMNS} FROM articles WHERE id IN ({inner}) {_ORDER}"
        found = self._db.conn.execute(query, (*params, *seek_params, limit, offset))
        return [_row(r) for r in found]

    def count(self, view: View) -> int:
        """How many articles a view holds."""
        where, params = _where(view, self._db)
        row = self._db.conn.execute(f"SELECT count(*) FROM articles WHERE {where}", params)
        return int(row.fetchone()[0])

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
        """Where an article sits in a view (0 is the top), or None if it is not in it."""
        found = self._db.conn.execute("SELECT added_at FROM articles WHERE id = ?",
                                   (article_id,)).fetchone()
        if not found:
            return None
        where, params = _where(view, self._db)
        inside = self._db.conn.execute(f"SELECT 1 FROM articles WHERE id = ? AND {where}",
                                    (article_id, *params)).fetchone()
        if not inside:
            return None
        before = self._db.conn.execute(
            f"SELECT count(*) FROM articles WHERE {where} "
            "AND (added_at > ? OR (added_at = ? AND id > ?))",
            (*params, found[0], found[0], article_id),
        )
        return int(before.fetchone()[0])

    # --- flags and reading -------------------------------------------------------------

    def set_flag(self, article_id: int, flag: Flag, value: bool) -> None:
        """Set saved, starred or archived on one article."""
        if flag not in FLAGS:
            raise InvalidInputError("views.unknown_flag", flag=flag)
        with self._db.write() as conn:
            require_article(conn, article_id)
            conn.execute(f"UPDATE articles SET {flag} = ? WHERE id = ?", (int(value), article_id))

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
        return bool(found and found[0])

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
        """The ids of the articles an export writes, oldest saved first: those the reader
        saved or wrote on (a tag, a note, a highlight, a kept quotation); with `tag`, only
        those carrying it (case, accents and a leading # aside, as tags are one). The trash
        is left out."""
        clauses = ["trashed_at IS NULL",
                   "(saved = 1 OR id IN (SELECT article_id FROM article_tags) "
                   "OR id IN (SELECT article_id FROM notes) "
                   "OR id IN (SELECT article_id FROM highlights) "
                   "OR id IN (SELECT article_id FROM quotes WHERE kept = 1))"]
        params: list[object] = []
        if tag is not None:
            from lecteur.core.library.tags import tag_key

            clauses.append("id IN (SELECT article_id FROM article_tags JOIN tags "
                           "ON tags.id = tag_id WHERE tags.key = ?)")
            params.append(tag_key(tag))
        rows = self._db.conn.execute(
            f"SELECT id FROM articles WHERE {' AND '.join(clauses)} ORDER BY added_at, id",
            params)
        return [int(r[0]) for r in rows]
