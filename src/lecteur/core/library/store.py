"""The one place that opens the SQLite library.

Settings chosen for a personal library that must never lose a note:
- WAL with ``synchronous=FULL``: readers never block the writer, and a commit survives a
  crash or a power cut (writes happen at human pace, so the fsync costs nothing felt);
- autocommit mode plus explicit ``BEGIN IMMEDIATE`` for every write, with a busy timeout:
  Python's default deferred transactions fail at once when a second lecteur is writing;
- the folder is 0700 and the database 0600 (its -wal and -shm files inherit that);
- a contentless FTS5 index over folded text (case, accents and ligatures), so "reseau"
  finds "réseau" and "coeur" finds "cœur".

A `Library` belongs to the thread that opened it; open one per thread or worker.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from lecteur.core.library.annotations import Annotations
from lecteur.core.library.migrations import NewerLibraryError, migrate
from lecteur.core.library.quotations import Voices
from lecteur.core.library.views import ReadingState
from lecteur.core.paths import ensure_private_dir
from lecteur.core.text.sanitize import fold

if TYPE_CHECKING:  # imported when used: the reader's first frame needs neither
    from lecteur.core.library.records import Entry, Stored
    from lecteur.core.models import Article

BUSY_TIMEOUT_MS = 5000
RANK_WINDOW = 5000  # matches ranked by relevance, newest first (see `Library.search`)
_TERM = re.compile(r'"([^"]+)"|(\S+)')
_WORD = re.compile(r"\w+")


class LibraryError(Exception):
    """The library cannot do what was asked; the message is one plain sentence."""


def article_key(article: Article) -> str:
    """What makes two saves the same article: its canonical URL, else its content."""
    if article.url:
        from lecteur.core.text.urls import canonical_url

        return canonical_url(article.url)
    import hashlib

    digest = hashlib.sha256(f"{article.title}\n{article.text}".encode()).hexdigest()
    return f"sha256:{digest}"


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Library(ReadingState, Annotations, Voices):
    """A lecteur library: one SQLite file (reading state and annotations are mixins)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        ensure_private_dir(path.parent)
        if not path.exists():
            # Created here with 0600 so that SQLite's -wal and -shm files inherit it.
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        try:
            self._conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
            self._configure()
            migrate(self._conn)
        except NewerLibraryError as error:
            self.close()
            raise LibraryError(str(error)) from None
        except sqlite3.DatabaseError as error:
            self.close()
            raise LibraryError(f"Cannot open the library at {path}: {error}.") from None

    def _configure(self) -> None:
        for pragma in (
            f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
            "PRAGMA journal_mode = WAL",
            "PRAGMA synchronous = FULL",
            "PRAGMA foreign_keys = ON",
        ):
            self._conn.execute(pragma)

    def close(self) -> None:
        """Close the connection (safe to call twice)."""
        with contextlib.suppress(AttributeError, sqlite3.Error):
            self._conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction, taken at once (``BEGIN IMMEDIATE``), committed or undone."""
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            if "locked" in str(error) or "busy" in str(error):
                raise LibraryError(
                    "The library is busy: another lecteur is writing to it. Try again."
                ) from None
            raise
        try:
            yield self._conn
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    # --- writing -----------------------------------------------------------------------

    def add(self, article: Article, *, saved: bool = True) -> tuple[int, bool]:
        """Save an article; return its id and whether it is new (False: it was updated).

        `saved` marks it as kept by the reader (``lecteur add``, the reader's add-a-URL);
        False leaves the mark as it was (demo articles, and later feed items).
        """
        key = article_key(article)
        with self.write() as conn:
            row = conn.execute("SELECT id FROM articles WHERE key = ?", (key,)).fetchone()
            if row:
                article_id = int(row[0])
                self._unindex(conn, article_id)
                conn.execute(f"UPDATE articles SET {_ARTICLE_SETTERS} WHERE id = ?",
                             (*_article_values(article), _now(), article_id))
            else:
                cursor = conn.execute(
                    f"INSERT INTO articles (key, added_at, {_ARTICLE_COLUMNS}, updated_at) "
                    f"VALUES (?, ?, {', '.join('?' * (_COLUMN_COUNT + 1))})",
                    (key, _now(), *_article_values(article), _now()),
                )
                article_id = int(cursor.lastrowid or 0)
            if saved:
                conn.execute("UPDATE articles SET saved = 1 WHERE id = ?", (article_id,))
            self._index(conn, article_id, article)
            self._store_quotes(conn, article_id, article)
        return article_id, row is None

    def remove(self, article_id: int) -> bool:
        """Delete an article and everything attached to it; False if there was none."""
        with self.write() as conn:
            if not conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone():
                return False
            self._unindex(conn, article_id)
            conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
        return True

    @staticmethod
    def _index(conn: sqlite3.Connection, article_id: int, article: Article) -> None:
        conn.execute(
            "INSERT INTO search (rowid, title, author, site, body) VALUES (?, ?, ?, ?, ?)",
            (article_id, *_search_values(article)),
        )

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

    def count(self) -> int:
        """How many articles the library holds."""
        return int(self._conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def entries(self, limit: int | None = None, offset: int = 0) -> list[Entry]:
        """The listing, newest first; `limit` None means all."""
        rows = self._conn.execute(
            f"SELECT {_ENTRY_COLUMNS} FROM articles ORDER BY added_at DESC, id DESC "
            "LIMIT ? OFFSET ?",
            (-1 if limit is None else limit, offset),
        )
        from lecteur.core.library.records import Entry

        return [Entry(*row) for row in rows]

    def get(self, article_id: int) -> Stored | None:
        """One article with its body, or None."""
        row = self._conn.execute(
            f"SELECT id, added_at, {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return _stored(row) if row else None

    def search(self, query: str, limit: int = 50) -> list[Entry]:
        """Articles matching every word of `query`, best match first.

        Case, accents and ligatures do not matter; ``"two words"`` searches a phrase and a
        trailing ``*`` a prefix. Returns [] for a query with no words.

        Ranking (bm25) costs a computation per matching article, which for a word in every
        article of a 100,000-article library is 200-400 ms; so the best matches are taken
        among the `RANK_WINDOW` most recently added matches (20 ms), which for any word
        rarer than that is all of them.
        """
        match = fts_query(query)
        if not match:
            return []
        rows = self._conn.execute(
            f"SELECT {_ENTRY_COLUMNS} FROM articles JOIN ("
            " SELECT rowid, rank FROM search WHERE search MATCH :match AND rowid >= ("
            "  SELECT coalesce(min(rowid), 0) FROM (SELECT rowid FROM search"
            "   WHERE search MATCH :match ORDER BY rowid DESC LIMIT :window))"
            " ORDER BY rank LIMIT :limit"
            ") AS hits ON articles.id = hits.rowid ORDER BY hits.rank",
            {"match": match, "window": RANK_WINDOW, "limit": limit},
        )
        from lecteur.core.library.records import Entry

        return [Entry(*row) for row in rows]


_ARTICLE_FIELDS = ("url", "source", "title", "date", "language", "sitename", "author_name",
                   "author", "blocks", "links", "word_count", "reading_minutes")
_ARTICLE_COLUMNS = ", ".join(_ARTICLE_FIELDS)
_COLUMN_COUNT = len(_ARTICLE_FIELDS)
_ARTICLE_SETTERS = ", ".join(f"{name} = ?" for name in (*_ARTICLE_FIELDS, "updated_at"))
_ENTRY_COLUMNS = ("articles.id, title, author_name, sitename, date, reading_minutes, added_at, "
                  "url")


def _article_values(article: Article) -> tuple[object, ...]:
    """The column values of `_ARTICLE_FIELDS` for an article."""
    return (
        article.url, article.source, article.title, article.date, article.language,
        article.sitename, article.author.name if article.author else None,
        json.dumps(article.author.to_dict(), ensure_ascii=False) if article.author else None,
        json.dumps([b.to_dict() for b in article.blocks], ensure_ascii=False),
        json.dumps(list(article.links), ensure_ascii=False),
        article.word_count, article.reading_minutes,
    )


def _stored(row: tuple[object, ...]) -> Stored:
    """Rebuild a stored article from ``id, added_at`` and `_ARTICLE_FIELDS`."""
    from lecteur.core.library.records import Stored
    from lecteur.core.models import Article, Author, Block

    values = dict(zip(("id", "added_at", *_ARTICLE_FIELDS), row, strict=True))
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


def fts_query(query: str) -> str:
    """Turn what the reader typed into a safe FTS5 query over folded words.

    Every term is quoted, so FTS5 operators and punctuation in the input are never parsed.
    """
    terms: list[str] = []
    for phrase, word in _TERM.findall(query):
        words = _WORD.findall(fold(phrase or word))
        if not words:
            continue
        prefix = "*" if word.endswith("*") else ""
        terms.append('"' + " ".join(words) + '"' + prefix)
    return " ".join(terms)
