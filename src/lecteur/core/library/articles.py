"""The articles table and its full-text index: save, remove, fetch, list and search.

Saving the same article twice (same canonical URL, else same title and text) updates the
stored one, keeping its earlier text if it changed (`lecteur.core.library.versions`); the
index is contentless, so removing a row hands FTS5 the values it indexed.
"""

from __future__ import annotations

import functools
import itertools
import json
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, cast

from lecteur.core.clock import stamp
from lecteur.core.library import ranking
from lecteur.core.library.curate import Curate
from lecteur.core.library.database import Database, require_article
from lecteur.core.library.imported import fetched
from lecteur.core.library.quotations import Quotations
from lecteur.core.library.search import Query, parse_query
from lecteur.core.library.versions import archive
from lecteur.core.text.sanitize import fold

if TYPE_CHECKING:  # imported when used: the reader's first frame needs neither
    from lecteur.core.library.query import Context
    from lecteur.core.library.records import Entry, Hit, Stored
    from lecteur.core.library.views import View
    from lecteur.core.models import Article
    from lecteur.core.text.snippets import Snippet

SNIPPET_BATCH = 500  # bodies read at once for snippets
SCREENED_AFTER = SNIPPET_BATCH  # hits whose snippets are made before any screening
PAGE = 500  # rows fetched at once by the streamed listings (`each_entry`, `each_hit`)
# A search with no scope leaves out the trash: its ids, read along their own (small) index.
_OUTSIDE_TRASH = "AND rowid NOT IN (SELECT id FROM articles WHERE trashed_at IS NOT NULL)"
DEMO_LOADED = "demo_loaded"


def article_key(article: Article) -> str:
    """What makes two saves the same article: its canonical URL, else its content."""
    if article.url:
        from lecteur.core.text.urls import canonical_url

        return canonical_url(article.url)
    import hashlib

    digest = hashlib.sha256(f"{article.title}\n{article.text}".encode()).hexdigest()
    return f"sha256:{digest}"


class Articles:
    """Saved articles: their columns, their quotations (kept in step) and the index."""

    def __init__(self, db: Database, quotations: Quotations, curate: Curate) -> None:
        self._db = db
        self._quotations = quotations
        self.curate = curate
        self.kept_version: int | None = None  # the earlier text the last `add` kept, if any

    # --- writing -----------------------------------------------------------------------

    def add(self, article: Article, *, saved: bool = True) -> tuple[int, bool]:
        """Save an article; return its id and whether it is new (False: it was updated).

        `saved` marks it as kept by the reader (``lecteur add``, the reader's add-a-URL);
        False leaves the mark as it was (demo articles, and later feed items).
        """
        key = article_key(article)
        with self._db.write() as conn:
            row = conn.execute("SELECT id FROM articles WHERE key = ?", (key,)).fetchone()
            version = None
            if row:
                article_id = int(row[0])
                self._unindex(conn, article_id)
                # The earlier text is kept, unless it was an imported link's placeholder.
                version = None if fetched(conn, article_id) else archive(conn, article_id,
                                                                          article)
                conn.execute(f"UPDATE articles SET {_ARTICLE_SETTERS} WHERE id = ?",
                             (*_article_values(article), stamp(), article_id))
                store_body(conn, article_id, article)
            else:
                cursor = conn.execute(
                    f"INSERT INTO articles (key, added_at, {_ARTICLE_COLUMNS}, updated_at) "
                    f"VALUES (?, ?, {', '.join('?' * (_COLUMN_COUNT + 1))})",
                    (key, stamp(), *_article_values(article), stamp()),
                )
                article_id = int(cursor.lastrowid or 0)
                store_body(conn, article_id, article)
            if saved:  # saved again: out of the trash, if it was there
                conn.execute("UPDATE articles SET saved = 1, trashed_at = NULL WHERE id = ?",
                             (article_id,))
            index_article(conn, article_id, article)
            self._quotations.store(conn, article_id, article, version)
            self.curate.score_in(conn, article_id, article.title,
                                 (block.text for block in article.blocks))
            if row is None:  # a new article: the reader's rules run before anyone sees it
                from lecteur.core.library.rules import apply_to_new

                apply_to_new(self._db, conn, [article_id])
        self.kept_version = version
        return article_id, row is None

    def remove(self, article_id: int) -> bool:
        """Delete an article for good, with everything attached; False if there was none.

        (Deleting as the reader means it is `trash`: this is the trash's emptying.)
        """
        with self._db.write() as conn:
            if not conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone():
                return False
            self.purge(conn, article_id)
        return True

    def purge(self, conn: sqlite3.Connection, article_id: int) -> None:
        """Inside a write: delete one article, its index entry and (cascading) its annotations."""
        self._unindex(conn, article_id)
        conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))

    # --- the trash ---------------------------------------------------------------------

    def trash(self, article_id: int) -> None:
        """Move an article to the trash; `ArticleGone` if it is not in the library."""
        with self._db.write() as conn:
            require_article(conn, article_id)
            conn.execute("UPDATE articles SET trashed_at = ? WHERE id = ?", (stamp(), article_id))

    def restore(self, article_id: int) -> bool:
        """Bring an article back from the trash; False if it was not in it.

        Raises `ArticleGone` if there is no such article (the trash was emptied).
        """
        with self._db.write() as conn:
            require_article(conn, article_id, in_trash=True)
            return conn.execute("UPDATE articles SET trashed_at = NULL WHERE id = ? "
                                "AND trashed_at IS NOT NULL", (article_id,)).rowcount > 0

    def empty_trash(self) -> int:
        """Delete for good every article in the trash; return how many."""
        with self._db.write() as conn:
            ids = [int(r[0]) for r in
                   conn.execute("SELECT id FROM articles WHERE trashed_at IS NOT NULL")]
            for article_id in ids:
                self.purge(conn, article_id)
        return len(ids)

    def in_trash(self, article_id: int) -> bool:
        """Whether an article is in the trash (False: in the library, or no such article)."""
        found = self._db.conn.execute("SELECT trashed_at IS NOT NULL FROM articles WHERE id = ?",
                                      (article_id,)).fetchone()
        return bool(found and found[0])

    def seed_demo(self, articles: Iterable[Article]) -> list[int]:
        """Fill an empty library, once, with the demo articles; return their ids.

        Does nothing if the library holds anything or if the demo was loaded before (a
        reader who deleted the demo does not want it back).
        """
        if self._db.get_meta(DEMO_LOADED) or not self.is_empty():
            return []
        ids = [self.add(article, saved=False)[0] for article in articles]
        with self._db.write() as conn:
            conn.executemany("UPDATE articles SET demo = 1 WHERE id = ?", [(i,) for i in ids])
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, '1')",
                         (DEMO_LOADED,))
        return ids

    def _unindex(self, conn: sqlite3.Connection, article_id: int) -> None:
        """Remove a row from the contentless index (FTS5 needs the values it indexed)."""
        stored = self.get(article_id)
        if stored:
            conn.execute(
                "INSERT INTO search (search, rowid, title, author, site, body) "
                "VALUES ('delete', ?, ?, ?, ?, ?)",
                (article_id, *_search_values(stored.article)),
            )

    # --- reading -----------------------------------------------------------------------

    def count(self, *, trashed: bool = False) -> int:
        """How many articles the library holds (`trashed`: how many are in the trash)."""
        names = ("trash",) if trashed else ("live",)  # counters: no scan
        marks = ", ".join("?" * len(names))
        found = self._db.conn.execute(
            f"SELECT coalesce(sum(value), 0) FROM counters WHERE name IN ({marks})",
            names).fetchone()
        return int(found[0])

    def is_empty(self) -> bool:
        """Whether the library holds no article (instant, however big it is)."""
        return self._db.conn.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is None

    def entries(self, limit: int | None = None, offset: int = 0, *,
                trashed: bool = False, by_score: bool = False) -> list[Entry]:
        """The listing, newest first (`by_score`: most relevant first); `limit` None means
        all; `trashed`: the trash's."""
        return list(self.each_entry(limit, offset, trashed=trashed, by_score=by_score))

    def each_entry(self, limit: int | None = None, offset: int = 0, *,
                   trashed: bool = False, by_score: bool = False) -> Iterator[Entry]:
        """`entries`, one at a time as the cursor reads them, `PAGE` rows fetched at once:
        ``ls --limit 0`` on a million articles holds one page, never the listing."""
        order = "coalesce(score, -1) DESC" if by_score else "added_at DESC"
        rows = self._db.conn.execute(
            f"SELECT {_ENTRY_COLUMNS} FROM articles WHERE {_trashed(trashed)} "
            f"ORDER BY {order}, id DESC LIMIT ? OFFSET ?",
            (-1 if limit is None else limit, offset),
        )
        from lecteur.core.library.records import Entry

        while page := rows.fetchmany(PAGE):
            for row in page:
                yield Entry(*row)

    def entry_pages(self, *, with_relevance: bool = False) -> Iterator[list[tuple[Any, ...]]]:
        """The live listing, newest first, as pages of raw rows: `Entry`'s fields in order,
        then (`with_relevance`) the stored score and reasons (``score, score_why``). The
        CLI's streams format rows straight from these pages: no record is built per row,
        and ``ls --limit 0`` on a million articles still holds one page."""
        extra = ", score, score_why" if with_relevance else ""
        cursor = self._db.conn.execute(
            f"SELECT {_ENTRY_COLUMNS}{extra} FROM articles WHERE {_trashed(False)} "
            "ORDER BY added_at DESC, id DESC")
        while page := cursor.fetchmany(PAGE):
            yield page

    def get(self, article_id: int) -> Stored | None:
        """One article with its body, or None."""
        return stored_article(self._db.conn, article_id)

    def search(self, query: str | Query, limit: int | None = 50, *,
               view: View | None = None) -> list[Hit]:
        """Articles matching every term of `query`, best match first, each with a snippet.

        Case, accents and ligatures do not matter; ``"two words"`` searches a phrase, and
        the last word (or any ending in ``*``) is a prefix. The query's scopes
        (``in:starred``, ``tag:salary``) and `view` each narrow the search; a query with
        scopes and no words lists what is in them, newest first. Returns [] for a query
        with neither. `limit` None means all. Articles in the trash are left out, unless
        the trash is the scope (``in:trash``, or `view` the trash): then only they are.
        The filters of the query language narrow it too (``lang:fr minutes:<8``,
        `lecteur.core.library.query`); a part that cannot be read is left out (what was
        typed never raises: `Query.check` says what is wrong, for a caller to show), but a
        filter this library cannot answer (``score:`` before there are scores) raises
        `InvalidInputError`.

        The whole library is ranked (bm25). A query matching many articles keeps its best
        matches once found, and later only the matches added since are scored
        (`lecteur.core.library.ranking`); `limit` None scores every match. With filters,
        the articles they keep are read first, from the covering index of filters
        (``articles_filtered``), and the matches are ranked among them: checking each
        match against the filters would read its row, for a common word most of the
        library.
        """
        return list(self.each_hit(query, limit, view=view))

    def prepare_search(self, stop: Callable[[], bool] = lambda: False) -> int:
        """Make ahead the kept best matches of the library's frequent words, so that no
        search pays for its first ranking (`ranking.prepare`; seconds to minutes on a large
        library: a background job, stopped between words when `stop()` is true). Returns
        how many lists were made; on a read-only library, none."""
        return ranking.prepare(self._db.conn, writable=not self._db.read_only, stop=stop)

    def each_hit(self, query: str | Query, limit: int | None = 50, *,
                 view: View | None = None) -> Iterator[Hit]:
        """`search`'s hits one at a time, in order, their snippets made `SNIPPET_BATCH` at a
        time: ``search --limit 0`` on a word in every article holds one batch."""
        parsed = parse_query(query) if isinstance(query, str) else query
        rows = self._hit_rows(parsed, limit, view)
        if rows is not None:
            yield from self._with_snippets(rows, parsed)

    def each_hit_entry(self, query: str | Query, limit: int | None = 50, *,
                       view: View | None = None) -> Iterator[Entry]:
        """`each_hit` without the snippets (a table's widths need only the columns)."""
        from lecteur.core.library.records import Entry

        parsed = parse_query(query) if isinstance(query, str) else query
        for row in self._hit_rows(parsed, limit, view) or ():
            yield Entry(*row)

    def _hit_rows(self, parsed: Query, limit: int | None,
                  view: View | None) -> Iterator[Any] | None:
        """The cursor over the hits' listing columns, best first (None: no search at all)."""
        if parsed.empty and view is None:
            return None
        where, params = self._scope(parsed, view)
        sql_limit = -1 if limit is None else limit
        if not parsed.terms:  # a deferred join: the page found along an index, then read
            return self._db.conn.execute(
                f"SELECT {_ENTRY_COLUMNS} FROM articles WHERE id IN (SELECT id FROM articles "
                f"WHERE {where} ORDER BY added_at DESC, id DESC LIMIT ?) "
                "ORDER BY added_at DESC, id DESC", (*params, sql_limit))
        match = parsed.match()
        if limit is not None and limit <= ranking.DEPTH:
            ranked = ranking.best(self._db.conn, match, writable=not self._db.read_only)
            if ranked is not None:
                found = self._in_scope(ranked, where, params, limit)
                if found is not None:
                    return iter(found)
        return self._every_match(parsed, match, where, params, sql_limit)

    def _every_match(self, parsed: Query, match: str, where: str, params: tuple[object, ...],
                     sql_limit: int) -> Iterator[Any]:
        """Every match within `where` scored, best first (a rare query, or a scope the kept
        best matches do not fill). With filters, the articles they keep are read once
        (``kept``, materialised from the covering index); a view alone is checked per match
        (a rowid look-up, cheap along its index)."""
        from lecteur.core.library.views import LIVE, unpinned

        kept = ""
        kept_params: tuple[object, ...] = ()
        scope_params = params
        if where == LIVE:
            scope, scope_params = _OUTSIDE_TRASH, ()
        elif parsed.filters:
            # A set, in no order: SQLite may start from a tag's or a word's list.
            kept = f"WITH kept AS MATERIALIZED (SELECT id FROM articles WHERE {unpinned(where)}) "
            kept_params, scope, scope_params = params, "AND +rowid IN kept", ()
        else:
            scope = ("AND EXISTS (SELECT 1 FROM articles WHERE articles.id = search.rowid "
                     f"AND {where})")
        # In a scope, the ranks are sorted by SQLite (``+ 0`` hides the order from FTS5):
        # asked to order by rank itself, FTS5 scores every match before the scope drops
        # any, which for a common phrase in a small scope was 80% of the time.
        order = "rank" if where == LIVE else "rank + 0"
        return self._db.conn.execute(
            f"{kept}SELECT {_ENTRY_COLUMNS} FROM articles JOIN ("
            f" SELECT rowid, rank FROM search WHERE search MATCH ? {scope}"
            f" ORDER BY {order} LIMIT ?"
            ") AS hits ON articles.id = hits.rowid ORDER BY hits.rank",
            (*kept_params, match, *scope_params, sql_limit))

    def _in_scope(self, ranked: list[tuple[float, int]], where: str,
                  params: tuple[object, ...], limit: int) -> list[tuple[object, ...]] | None:
        """The listing rows of the best `ranked` matches inside the scope, best first, up to
        `limit`; None if the scope leaves fewer and more matches may lie past the list."""
        rows: dict[int, tuple[object, ...]] = {}
        # A first batch a little larger than the page (most of the best are in scope: the
        # trash is small), then SNIPPET_BATCH at a time: 500 rows read cost 10 ms.
        first = min(SNIPPET_BATCH, limit + limit // 4 + 8)
        for start, end in itertools.pairwise(
                [0, *range(first, len(ranked) + SNIPPET_BATCH, SNIPPET_BATCH)]):
            ids = [rowid for _, rowid in ranked[start:end]]
            if not ids:
                break
            for row in self._db.conn.execute(
                    f"SELECT {_ENTRY_COLUMNS} FROM articles WHERE id IN "
                    f"({', '.join('?' * len(ids))}) AND {where}", (*ids, *params)):
                rows[int(row[0])] = tuple(row)
            if len(rows) >= limit:
                break
        found = [rows[rowid] for _, rowid in ranked if rowid in rows][:limit]
        if len(found) < limit and len(ranked) >= ranking.DEPTH:
            return None
        return found

    def _scope(self, parsed: Query, view: View | None) -> tuple[str, tuple[object, ...]]:
        """The SQL filter over ``articles`` for a query's scopes, filters and a view, ANDed."""
        from lecteur.core.library.query import context_of

        return scope_where(parsed, view, context_of(self._db))

    def _with_snippets(self, rows: Iterator[Any], parsed: Query) -> Iterator[Hit]:
        """The hits, each with a line of its body around what matched.

        Bodies are read a batch at a time (SQLite caps the parameters of one statement,
        and ``--limit 0`` may ask for every article), as the hits are read. Past
        `SCREENED_AFTER` hits, each body is first screened for the words on its JSON text
        (`raw_screen`: only the block it points to is decoded and folded); making the
        screen (a few ms) is not won back by a page of 50 hits, which is left as it was.
        """
        from lecteur.core.library.records import Hit

        patterns = parsed.patterns()
        words = [term.words for term in parsed.terms if term.column is None]
        screen: re.Pattern[str] | None = None
        done = 0
        while batch := list(itertools.islice(rows, SNIPPET_BATCH)):
            ids = [row[0] for row in batch]
            bodies = dict(self._db.conn.execute(
                "SELECT article_id, blocks FROM article_bodies "
                f"WHERE article_id IN ({', '.join('?' * len(ids))})",
                ids))
            if done >= SCREENED_AFTER and screen is None and patterns:
                from lecteur.core.text.raw_screen import raw_screen

                screen = raw_screen(words)
            for row in batch:
                body = str(bodies.get(row[0], "[]"))
                snippet = _snippet(body, patterns, screen)
                ident, title, author, site, date, minutes, added, url = row  # Entry's
                yield Hit(ident, title, author, site, date, minutes, added, url,
                          snippet.text, snippet.marks)
            done += len(batch)


def _snippet(body: str, patterns: list[re.Pattern[str]],
             screen: re.Pattern[str] | None) -> Snippet:
    """A hit's snippet from its stored body, screened when there is a screen."""
    from lecteur.core.text.snippets import make_screened_snippet, make_snippet

    if screen is not None:
        return make_screened_snippet(body, screen, patterns,
                                     functools.partial(block_holding, body), block_texts(body))
    return make_snippet(block_texts(body), patterns)


# The narrow columns, in ``articles``; the body (blocks and links) is in ``article_bodies``,
# so that a page of the list reads a few pages of the file, not 100 bodies' overflow chains.
_ARTICLE_FIELDS = ("url", "source", "title", "date", "language", "sitename", "author_name",
                   "author", "word_count", "reading_minutes")
_BODY_FIELDS = ("blocks", "links")
_ARTICLE_COLUMNS = ", ".join(_ARTICLE_FIELDS)
_COLUMN_COUNT = len(_ARTICLE_FIELDS)
_ARTICLE_SETTERS = ", ".join(f"{name} = ?" for name in (*_ARTICLE_FIELDS, "updated_at"))
_ENTRY_COLUMNS = ("articles.id, title, author_name, sitename, date, reading_minutes, added_at, "
                  "url")


def block_texts(blocks_json: str) -> Iterator[str]:
    """The text of each block of a stored body, each block decoded only when asked for.

    A snippet stops at the first text that matches (for a best match, most often the
    first or second of a dozen): decoding the whole 6 KB body first cost more than the
    rest of the snippet. A body that is not a list of objects is decoded whole; a damaged
    one raises `json.JSONDecodeError` when its damage is reached.
    """
    start = _LIST_START.match(blocks_json)
    if start is None:
        yield from (str(b.get("text") or "") for b in json.loads(blocks_json))
        return
    at = start.end()
    if blocks_json.startswith("]", at):
        return
    while True:
        block, at = _DECODE(blocks_json, at)
        yield str(block.get("text") or "") if isinstance(block, dict) else ""
        between = _BETWEEN.match(blocks_json, at)
        if between is None:
            raise json.JSONDecodeError("expected , or ]", blocks_json, at)
        if between[1] == "]":
            return
        at = between.end()


def block_holding(blocks_json: str, offset: int) -> tuple[str, int] | None:
    """The text of the block of a stored body that holds `offset`, and where the block
    ends; None when it cannot be told without decoding the blocks before it.

    Each block is written ``{"kind": ...`` (`Block.to_dict`, whose links are objects of
    other keys), and inside a JSON string every quote is escaped: so that sequence is
    only ever where a block begins, and the last one at or before `offset` begins the
    block holding it. Decoding only that block (the screen points to one block in six,
    about) leaves out most of a body's decoding.
    """
    start = blocks_json.rfind(_BLOCK_START, 0, offset + len(_BLOCK_START))
    if start < 0:
        return None
    try:
        block, end = _DECODE(blocks_json, start)
    except json.JSONDecodeError:
        return None
    if not isinstance(block, dict) or end <= offset:
        return None
    return str(block.get("text") or ""), end


_BLOCK_START = '{"kind": '
_LIST_START = re.compile(r"\s*\[\s*")
_BETWEEN = re.compile(r"\s*([,\]])\s*")
_DECODE = json.JSONDecoder().raw_decode


def scope_where(parsed: Query, view: View | None, context: Context, *,
                with_terms: bool = False) -> tuple[str, tuple[object, ...]]:
    """The SQL filter over ``articles`` for a query and a view: its ``in:`` and `view`,
    its tags and its filters, ANDed, with their parameters. The trash is left out unless
    it is the scope. `with_terms` adds the query's words as a condition (a saved view's
    list, in the order of the view rather than by relevance)."""
    from lecteur.core.library.query import LOOKUP, MATCH, PLAIN, cost, filters_where
    from lecteur.core.library.tags import tag_key
    from lecteur.core.library.views import LIVE, View, ViewKind, view_filter

    # (cost, condition, parameters): SQLite tests a row's conditions in the order written
    # and stops at the first false one, so the cheap ones go first ('lang:fr -tag:x'
    # counted in half the time of '-tag:x lang:fr' on 100,000 articles).
    parts: list[tuple[int, str, tuple[object, ...]]] = []
    views = [view] if view is not None else []
    if parsed.view:
        views.append(View(cast("ViewKind", parsed.view)))
    if not any(one.kind == "trash" for one in views):
        parts.append((PLAIN, LIVE, ()))  # the trash is searched only when asked (in:trash)
    for one in views:
        if one.kind == "query":  # a saved view: its own query, in the same context
            inner = parse_query(one.query or "", last_is_prefix=False).check()
            sql, values = scope_where(inner, None, context, with_terms=True)
        else:
            sql, values = view_filter(one)
        parts.append((cost(sql), f"({sql})", tuple(values)))
    for name in parsed.tags:
        parts.append((LOOKUP, "+id IN (SELECT article_id FROM article_tags JOIN tags "
                      "ON tags.id = article_tags.tag_id WHERE tags.key = ?)", (tag_key(name),)))
    parts += filters_where(parsed.filters, context)
    if with_terms and parsed.terms:
        parts.append((MATCH, "+id IN (SELECT rowid FROM search WHERE search MATCH ?)",
                      (parsed.match(),)))
    parts.sort(key=lambda part: part[0])  # stable: same cost, the order typed
    return (" AND ".join(sql for _, sql, _ in parts),
            tuple(value for _, _, values in parts for value in values))


def _trashed(trashed: bool) -> str:
    """The filter for the articles in the library, or (`trashed`) in the trash."""
    return "trashed_at IS NOT NULL" if trashed else "trashed_at IS NULL"


def index_article(conn: sqlite3.Connection, article_id: int, article: Article) -> None:
    """Add an article to the full-text index (its row must not be indexed yet)."""
    conn.execute(
        "INSERT INTO search (rowid, title, author, site, body) VALUES (?, ?, ?, ?, ?)",
        (article_id, *_search_values(article)),
    )


def store_body(conn: sqlite3.Connection, article_id: int, article: Article) -> None:
    """Write (or replace) an article's body: its blocks and links, in ``article_bodies``."""
    conn.execute("INSERT INTO article_bodies (article_id, blocks, links) VALUES (?, ?, ?) "
                 "ON CONFLICT (article_id) DO UPDATE SET blocks = excluded.blocks, "
                 "links = excluded.links", (article_id, *_body_values(article)))


def stored_article(conn: sqlite3.Connection, article_id: int) -> Stored | None:
    """One article with its body, read on `conn`, or None (no body row: an empty body)."""
    row = conn.execute(
        f"SELECT id, added_at, {_ARTICLE_COLUMNS}, coalesce(b.blocks, '[]'), "
        "coalesce(b.links, '[]') FROM articles LEFT JOIN article_bodies AS b "
        "ON b.article_id = articles.id WHERE id = ?", (article_id,)
    ).fetchone()
    return _stored(row) if row else None


def _article_values(article: Article, word_count: int | None = None) -> tuple[object, ...]:
    """The column values of `_ARTICLE_FIELDS` for an article (whose `word_count` the
    caller may already know: counting is a split of the whole body)."""
    from lecteur.core.models import reading_minutes

    words = article.word_count if word_count is None else word_count
    return (
        article.url, article.source, article.title, article.date, article.language,
        article.sitename, article.author.name if article.author else None,
        json.dumps(article.author.to_dict(), ensure_ascii=False) if article.author else None,
        words, reading_minutes(words),
    )


def _body_values(article: Article) -> tuple[str, str]:
    """The column values of `_BODY_FIELDS` for an article."""
    return (json.dumps([b.to_dict() for b in article.blocks], ensure_ascii=False),
            json.dumps(list(article.links), ensure_ascii=False))


def _stored(row: tuple[object, ...]) -> Stored:
    """Rebuild a stored article from ``id, added_at``, `_ARTICLE_FIELDS`, `_BODY_FIELDS`."""
    from lecteur.core.library.records import Stored
    from lecteur.core.models import Article, Author, Block

    values = dict(zip(("id", "added_at", *_ARTICLE_FIELDS, *_BODY_FIELDS), row, strict=True))
    author = json.loads(str(values["author"])) if values["author"] else None
    article = Article(
        source=str(values["source"]),
        title=str(values["title"]),
        blocks=tuple(Block.from_dict(b) for b in json.loads(str(values["blocks"]))),
        url=_opt(values["url"]),
        date=_opt(values["date"]),
        language=_opt(values["language"]),
        sitename=_opt(values["sitename"]),
        author=Author.from_dict(author) if author else None,
        links=tuple(json.loads(str(values["links"]))),
    )
    return Stored(id=int(str(values["id"])), article=article, added_at=str(values["added_at"]))


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def _search_values(article: Article) -> tuple[str, str, str, str]:
    """What the search index holds for an article: folded title, author, site and body."""
    author = article.author.name if article.author else ""
    return (fold(article.title), fold(author), fold(article.sitename or ""), fold(article.text))
