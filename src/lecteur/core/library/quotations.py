"""The quotations table: every block quotation of the saved articles, with its speaker.

It answers ``lecteur quotes`` and the reader's Quotes view. Speakers are matched with case
and accents folded, so ``--speaker tremblay`` finds "Marie Tremblay" and ``--speaker
"helene"`` finds "Hélène Marcoux". A quotation the reader kept keeps its mark when its
article is saved again, as long as its text is still there.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from lecteur.core.library.database import Database
from lecteur.core.library.migrations import register_name_functions
from lecteur.core.text.collate import collation_string
from lecteur.core.text.sanitize import fold

if TYPE_CHECKING:  # imported when used: opening the library needs none of them
    from lecteur.core.library.records import QuoteEntry
    from lecteur.core.models import Article


_QUOTE_COLUMNS = ("quotes.id, quotes.article_id, quotes.text, quotes.speaker, articles.title, "
                  "articles.date, articles.author_name, quotes.kept, quotes.block_index")
# The Quotes view's order: speakers by name (`collation_string`, unknown last), then each
# one's quotations in article order; the index quotes_by_speaker_order walks it.
_ORDER_KEY = ("quotes.speaker_order", "quotes.article_id", "quotes.position", "quotes.id")
QuoteKey = tuple[str, int, int, int]


def register_folding(conn: sqlite3.Connection) -> None:
    """Register ``lecteur_fold`` and ``lecteur_collate`` on a connection (`migrate` does)."""
    register_name_functions(conn)


class QuoteFilter(NamedTuple):
    """Which quotations a page holds: one speaker's (exactly), those whose speaker's name
    contains `speaker_like` (folded), those whose speaker, text or title hold every word of
    `words` (folded), and only the kept ones."""

    speaker: str | None = None
    speaker_like: str | None = None
    words: str = ""
    kept_only: bool = False

    def slow(self) -> bool:
        """Whether a page may scan many rows to fill (words or a part of a name)."""
        return bool(self.words.strip() or self.speaker_like)


ALL_QUOTES = QuoteFilter()


class Quotations:
    """Quotations of saved articles: stored with their article, kept, listed by speaker."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def store(self, conn: sqlite3.Connection, article_id: int, article: Article,
              version: int | None = None) -> None:
        """Record an article's quotations, keeping the reader's marks on those that stay.

        Called inside the transaction that saves the article. A quotation is the same one
        again when its text is: its row (and its kept mark) survive a re-save; the others go,
        except a kept one, which stays pinned to `version`, the earlier text it was kept on.
        """
        known = {text: quote_id for quote_id, text in conn.execute(
            "SELECT id, text FROM quotes WHERE article_id = ? AND text_version IS NULL",
            (article_id,))}
        seen = set()
        position = 0
        for block_index, block in enumerate(article.blocks):
            if block.kind != "quote":
                continue
            values = (position, block.speaker, block_index)
            if block.text in known and block.text not in seen:
                conn.execute("UPDATE quotes SET position = ?, speaker = ?, block_index = ? "
                             "WHERE id = ?", (*values, known[block.text]))
            else:
                conn.execute("INSERT INTO quotes (article_id, text, position, speaker, block_index)"
                             " VALUES (?, ?, ?, ?, ?)", (article_id, block.text, *values))
            seen.add(block.text)
            position += 1
        gone = [(quote_id,) for text, quote_id in known.items() if text not in seen]
        if version is not None:
            conn.executemany("UPDATE quotes SET text_version = ? WHERE id = ? AND kept = 1",
                             [(version, quote_id) for (quote_id,) in gone])
        conn.executemany("DELETE FROM quotes WHERE id = ? AND text_version IS NULL", gone)

    def keep(self, quote_id: int, kept: bool = True) -> bool:
        """Mark a quotation as kept (or not); False if there is no such quotation."""
        with self._db.write() as conn:
            cursor = conn.execute("UPDATE quotes SET kept = ? WHERE id = ?", (int(kept), quote_id))
        return cursor.rowcount > 0

    def find(self, speaker: str | None = None, limit: int | None = None,
             kept_only: bool = False) -> list[QuoteEntry]:
        """Saved quotations, grouped by speaker then in article order.

        `speaker` keeps the quotations whose speaker's name contains it (folded);
        `kept_only` those the reader kept.
        """
        return list(self.each(speaker, limit, kept_only))

    def each(self, speaker: str | None = None, limit: int | None = None,
             kept_only: bool = False, page: int = 500) -> Iterator[QuoteEntry]:
        """`find`'s quotations one at a time, read `page` at once along the Quotes view's
        index (``lecteur quotes`` on a million articles holds one page, never them all)."""
        wanted = QuoteFilter(speaker_like=speaker or None, kept_only=kept_only)
        after: QuoteKey | None = None
        left = limit
        while left is None or left > 0:
            size = page if left is None else min(page, left)
            found = self.page(wanted, after, limit=size)
            for _key, entry in found:
                yield entry
            if len(found) < size:
                return
            after = found[-1][0]
            left = None if left is None else left - len(found)

    def row_pages(self, speaker: str | None = None, limit: int | None = None,
                  kept_only: bool = False, page: int = 500) -> Iterator[list[tuple[Any, ...]]]:
        """`each`'s quotations as pages of raw rows (`QuoteEntry`'s fields in order, `kept`
        as SQLite's 0 or 1), read by one cursor along ``quotes_by_speaker_order``: the
        CLI's streams format them with no record built per row."""
        clauses, params = _filter_sql(QuoteFilter(speaker_like=speaker or None,
                                                  kept_only=kept_only))
        cursor = self._db.conn.execute(
            f"SELECT {_QUOTE_COLUMNS} FROM quotes "
            "JOIN articles ON articles.id = quotes.article_id "
            f"WHERE {' AND '.join(clauses)} ORDER BY {', '.join(_ORDER_KEY)} LIMIT ?",
            (*params, -1 if limit is None else limit))
        while rows := cursor.fetchmany(page):
            yield rows

    def page(self, wanted: QuoteFilter = ALL_QUOTES, after: QuoteKey | None = None, *,
             limit: int = 50, backward: bool = False) -> list[tuple[QuoteKey, QuoteEntry]]:
        """One page of quotations in the Quotes view's order, each with its keyset key.

        The page starts after the quotation whose key is `after` (None: at the start), or,
        `backward`, ends before it (None: at the very end); it is returned in view order
        either way. An index seek along ``quotes_by_speaker_order``: the same few
        milliseconds on the first page and the millionth.
        """
        clauses, params = _filter_sql(wanted)
        if after is not None:
            clauses.append(f"({', '.join(_ORDER_KEY)}) {'<' if backward else '>'} (?, ?, ?, ?)")
            params.extend(after)
        else:
            # True of every row (the triggers always fill it), but without a range on the
            # index SQLite builds a Bloom filter over every article before the first row:
            # 100-250 ms at 100,000 articles for the first or last page, against 1 ms.
            clauses.append("quotes.speaker_order >= ''")
        direction = "DESC" if backward else "ASC"
        # LEFT JOIN (every quotation has its article: the foreign key cascades), so that
        # SQLite does not build a Bloom filter of every live article before the first row:
        # with a large library's statistics it did, for each page (2.5 s at 1M articles).
        rows = self._db.conn.execute(
            f"SELECT {', '.join(_ORDER_KEY)}, {_QUOTE_COLUMNS} FROM quotes "
            "LEFT JOIN articles ON articles.id = quotes.article_id "
            f"WHERE {' AND '.join(clauses)} "
            f"ORDER BY {', '.join(f'{c} {direction}' for c in _ORDER_KEY)} LIMIT ?",
            (*params, limit)).fetchall()
        found = [((str(r[0]), int(r[1]), int(r[2]), int(r[3])), _quote_entry(r[4:]))
                 for r in rows]
        return found[::-1] if backward else found

    def count(self, wanted: QuoteFilter = ALL_QUOTES) -> int:
        """How many quotations a filter holds (the Quotes view asks in a worker).

        Without words (the only part of a filter that reads the article), the quotations
        are counted alone and those of trashed articles taken off: a count along an index
        of quotes and a seek per article in the trash (9 ms at a million articles), where
        joining every quotation to its article to test the trash took 0.6-1.4 s.
        """
        if fold(wanted.words).split():
            clauses, params = _filter_sql(wanted)
            return int(self._db.conn.execute(
                "SELECT count(*) FROM quotes JOIN articles ON articles.id = quotes.article_id "
                f"WHERE {' AND '.join(clauses)}", params).fetchone()[0])
        clauses, params = _filter_sql(wanted, trash=False)
        where = " AND ".join(clauses) or "1"
        every = self._db.conn.execute(f"SELECT count(*) FROM quotes WHERE {where}",
                                      params).fetchone()[0]
        trashed = self._db.conn.execute(
            f"SELECT count(*) FROM quotes WHERE {where} AND quotes.article_id IN "
            "(SELECT id FROM articles WHERE trashed_at IS NOT NULL)", params).fetchone()[0]
        return int(every) - int(trashed)


    def get(self, quote_id: int) -> QuoteEntry | None:
        """One quotation with its article, or None."""
        row = self._db.conn.execute(
            f"SELECT {_QUOTE_COLUMNS} FROM quotes JOIN articles ON articles.id = quotes.article_id"
            " WHERE quotes.id = ?", (quote_id,)).fetchone()
        return _quote_entry(row) if row else None

    def of_article(self, article_id: int) -> list[QuoteEntry]:
        """One article's quotations, in the order it gives them."""
        rows = self._db.conn.execute(
            f"SELECT {_QUOTE_COLUMNS} FROM quotes JOIN articles ON articles.id = quotes.article_id"
            " WHERE quotes.article_id = ? ORDER BY quotes.position, quotes.id", (article_id,))
        return [_quote_entry(row) for row in rows]


def _quote_entry(row: tuple[object, ...]) -> QuoteEntry:
    """A `QuoteEntry` from a row of `_QUOTE_COLUMNS`."""
    from lecteur.core.library.records import QuoteEntry

    quote_id, article_id, text, speaker, title, date, author, kept, block_index = row
    return QuoteEntry(int(str(quote_id)), int(str(article_id)), str(text), _text(speaker),
                      str(title), _text(date), _text(author), bool(kept),
                      None if block_index is None else int(str(block_index)))


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _filter_sql(wanted: QuoteFilter, *, trash: bool = True) -> tuple[list[str], list[object]]:
    """The WHERE clauses and parameters of a `QuoteFilter` (the trash left out; `trash`
    False: no clause on the article's trash, for a count that takes it off itself)."""
    clauses: list[str] = ["articles.trashed_at IS NULL"] if trash else []
    params: list[object] = []
    if wanted.speaker is not None:
        clauses.append("quotes.speaker_order = ?")
        params.append(collation_string(wanted.speaker))
    if wanted.speaker_like:
        clauses.append("quotes.speaker_key LIKE ? ESCAPE '\\'")
        params.append("%" + _like_escape(fold(wanted.speaker_like)) + "%")
    for word in fold(wanted.words).split():
        # Folded per row: only the filter typed in the Quotes view, which runs in a worker.
        clauses.append("(quotes.speaker_key || ' ' || lecteur_fold(quotes.text) || ' ' || "
                       "lecteur_fold(articles.title)) LIKE ? ESCAPE '\\'")
        params.append("%" + _like_escape(word) + "%")
    if wanted.kept_only:
        clauses.append("quotes.kept = 1")
    return clauses, params


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
