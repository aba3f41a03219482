"""The voices of the library: every quotation with its speaker, and every person.

A mixin of `lecteur.core.library.store.Library` (like `state` and `annotations`), kept in its own
module so each stays short. It answers ``lecteur quotes`` and ``lecteur people`` and the
reader's Quotes and People views: who is quoted, how often, in which articles, and who
wrote what. Names are matched with case and accents folded, so ``--speaker tremblay``
finds "Marie Tremblay" and ``--speaker "helene"`` finds "Hélène Marcoux".
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from typing import TYPE_CHECKING

from lecteur.core.text.sanitize import fold

if TYPE_CHECKING:  # imported when used: opening the library needs none of them
    from lecteur.core.library.records import AuthorCard, PersonEntry, QuoteEntry
    from lecteur.core.models import Article, Author


_QUOTE_COLUMNS = ("quotes.id, quotes.article_id, quotes.text, quotes.speaker, articles.title, "
                  "articles.date, articles.author_name, quotes.kept, quotes.block_index")


class Voices:
    """Quotations and people (mixed into `Library`)."""

    _conn: sqlite3.Connection

    def _folding(self) -> None:
        """Register ``lecteur_fold`` (case, accents, ligatures) on this connection."""
        self._conn.create_function("lecteur_fold", 1, _fold_or_empty, deterministic=True)

    def write(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        """A write transaction (provided by `Library`)."""
        raise NotImplementedError

    def _store_quotes(self, conn: sqlite3.Connection, article_id: int, article: Article) -> None:
        """Record an article's quotations, keeping the reader's marks on those that stay.

        Called inside `Library.add`'s transaction. A quotation is the same one again when
        its text is: its row (and its kept mark) survive a re-save; the others go.
        """
        known = {text: quote_id for quote_id, text in conn.execute(
            "SELECT id, text FROM quotes WHERE article_id = ?", (article_id,))}
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
        gone = [quote_id for text, quote_id in known.items() if text not in seen]
        conn.executemany("DELETE FROM quotes WHERE id = ?", [(q,) for q in gone])

    def keep_quote(self, quote_id: int, kept: bool = True) -> bool:
        """Mark a quotation as kept (or not); False if there is no such quotation."""
        with self.write() as conn:
            cursor = conn.execute("UPDATE quotes SET kept = ? WHERE id = ?", (int(kept), quote_id))
        return cursor.rowcount > 0

    def quotations(self, speaker: str | None = None, limit: int | None = None,
                   kept_only: bool = False) -> list[QuoteEntry]:
        """Saved quotations, grouped by speaker then in article order.

        `speaker` keeps the quotations whose speaker's name contains it (folded);
        `kept_only` those the reader kept.
        """
        self._folding()
        clauses, params = [], []
        if speaker:
            clauses.append("lecteur_fold(quotes.speaker) LIKE ? ESCAPE '\\'")
            params.append("%" + _like_escape(fold(speaker)) + "%")
        if kept_only:
            clauses.append("quotes.kept = 1")
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        rows = self._conn.execute(
            f"SELECT {_QUOTE_COLUMNS} FROM quotes JOIN articles ON articles.id = quotes.article_id "
            f"{where} ORDER BY quotes.speaker IS NULL, lecteur_fold(quotes.speaker), "
            "articles.date, quotes.article_id, quotes.position LIMIT ?",
            (*params, -1 if limit is None else limit),
        )
        return [_quote_entry(row) for row in rows]

    def people(self) -> list[PersonEntry]:
        """Every speaker and author, most present first."""
        rows = self._conn.execute(
            """SELECT name, sum(quotes), sum(quoted_in), sum(articles), min(first), max(last)
            FROM (
                SELECT quotes.speaker AS name, count(*) AS quotes,
                       count(DISTINCT quotes.article_id) AS quoted_in, 0 AS articles,
                       min(articles.date) AS first, max(articles.date) AS last
                FROM quotes JOIN articles ON articles.id = quotes.article_id
                WHERE quotes.speaker IS NOT NULL GROUP BY quotes.speaker
                UNION ALL
                SELECT author_name, 0, 0, count(*), min(date), max(date)
                FROM articles WHERE author_name IS NOT NULL GROUP BY author_name
            ) GROUP BY name
            ORDER BY sum(quotes) + sum(articles) DESC, name"""
        )
        from lecteur.core.library.records import PersonEntry

        return [PersonEntry(*row) for row in rows]

    def author_card(self, name: str) -> AuthorCard | None:
        """The most complete card saved for an author, and their saved pieces, oldest first."""
        rows = self._conn.execute(
            "SELECT id, title, date, author FROM articles WHERE author_name = ? "
            "ORDER BY date, added_at",
            (name,),
        ).fetchall()
        if not rows:
            return None
        from lecteur.core.library.records import AuthorCard
        from lecteur.core.models import Author

        cards = [Author.from_dict(json.loads(row[3])) for row in rows if row[3]]
        best = max(cards, key=_completeness, default=Author(name))
        return AuthorCard(best, [(int(r[0]), str(r[1]), r[2]) for r in rows])


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


def _completeness(author: Author) -> int:
    return sum(bool(x) for x in (author.bio, author.email)) + len(author.links)
