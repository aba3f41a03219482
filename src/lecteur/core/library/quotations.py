"""The quotations table: every block quotation of the saved articles, with its speaker.

It answers ``lecteur quotes`` and the reader's Quotes view. Speakers are matched with case
and accents folded, so ``--speaker tremblay`` finds "Marie Tremblay" and ``--speaker
"helene"`` finds "Hélène Marcoux". A quotation the reader kept keeps its mark when its
article is saved again, as long as its text is still there.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import TYPE_CHECKING

from lecteur.core.library.database import Database
from lecteur.core.text.collate import collation_string
from lecteur.core.text.sanitize import fold

if TYPE_CHECKING:  # imported when used: opening the library needs none of them
    from lecteur.core.library.records import QuoteEntry
    from lecteur.core.models import Article


_QUOTE_COLUMNS = ("quotes.id, quotes.article_id, quotes.text, quotes.speaker, articles.title, "
                  "articles.date, articles.author_name, quotes.kept, quotes.block_index")


def register_folding(conn: sqlite3.Connection) -> None:
    """Register ``lecteur_fold`` (case, accents, ligatures) and ``lecteur_collate`` (the
    sort key of a name, `collation_string`) on a connection."""
    conn.create_function("lecteur_fold", 1, _fold_or_empty, deterministic=True)
    conn.create_function("lecteur_collate", 1, collation_string, deterministic=True)


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
        """`find`'s quotations one at a time, `page` rows fetched at once (``lecteur
        quotes`` on a million articles holds one page, never every quotation)."""
        register_folding(self._db.conn)
        clauses, params = ["articles.trashed_at IS NULL"], []
        if speaker:
            clauses.append("lecteur_fold(quotes.speaker) LIKE ? ESCAPE '\\'")
            params.append("%" + _like_escape(fold(speaker)) + "%")
        if kept_only:
            clauses.append("quotes.kept = 1")
        where = "WHERE " + " AND ".join(clauses)
        rows = self._db.conn.execute(
            f"SELECT {_QUOTE_COLUMNS} FROM quotes JOIN articles ON articles.id = quotes.article_id "
            f"{where} ORDER BY quotes.speaker IS NULL, lecteur_collate(quotes.speaker), "
            "articles.date, quotes.article_id, quotes.position LIMIT ?",
            (*params, -1 if limit is None else limit),
        )
        while found := rows.fetchmany(page):
            for row in found:
                yield _quote_entry(row)

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


def _fold_or_empty(value: str | None) -> str:
    return fold(value) if value else ""


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
