"""The voices of the library: every quotation with its speaker, and every person.

A mixin of `lecteur.core.library.Library` (like `state` and `annotations`), kept in its own
module so each stays short. It answers ``lecteur quotes`` and ``lecteur people`` and the
reader's Quotes and People views: who is quoted, how often, in which articles, and who
wrote what. Names are matched with case and accents folded, so ``--speaker tremblay``
finds "Marie Tremblay" and ``--speaker "helene"`` finds "Hélène Marcoux".
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from lecteur.core.models import Author
from lecteur.core.sanitize import fold


@dataclass(frozen=True)
class QuoteEntry:
    """One saved quotation, with the article it comes from."""

    id: int
    article_id: int
    text: str
    speaker: str | None
    title: str
    date: str | None
    author: str | None


@dataclass(frozen=True)
class PersonEntry:
    """Someone the library knows: quoted by, or author of, saved articles."""

    name: str
    quotes: int
    quoted_in: int
    articles: int
    first: str | None
    last: str | None


@dataclass(frozen=True)
class AuthorCard:
    """What the library knows about an author: the card and the saved pieces."""

    author: Author
    articles: list[tuple[int, str, str | None]]  # (id, title, date)


_QUOTE_COLUMNS = ("quotes.id, quotes.article_id, quotes.text, quotes.speaker, articles.title, "
                  "articles.date, articles.author_name")


class Voices:
    """Quotations and people (mixed into `Library`)."""

    _conn: sqlite3.Connection

    def _folding(self) -> None:
        """Register ``lecteur_fold`` (case, accents, ligatures) on this connection."""
        self._conn.create_function("lecteur_fold", 1, _fold_or_empty, deterministic=True)

    def quotations(self, speaker: str | None = None, limit: int | None = None) -> list[QuoteEntry]:
        """Saved quotations, grouped by speaker then in article order.

        `speaker` keeps the quotations whose speaker's name contains it (folded).
        """
        self._folding()
        where, params = "", []
        if speaker:
            where = "WHERE lecteur_fold(quotes.speaker) LIKE ? ESCAPE '\\'"
            params.append("%" + _like_escape(fold(speaker)) + "%")
        rows = self._conn.execute(
            f"SELECT {_QUOTE_COLUMNS} FROM quotes JOIN articles ON articles.id = quotes.article_id "
            f"{where} ORDER BY quotes.speaker IS NULL, lecteur_fold(quotes.speaker), "
            "articles.date, quotes.article_id, quotes.position LIMIT ?",
            (*params, -1 if limit is None else limit),
        )
        return [QuoteEntry(*row) for row in rows]

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
        cards = [Author.from_dict(json.loads(row[3])) for row in rows if row[3]]
        best = max(cards, key=_completeness, default=Author(name))
        return AuthorCard(best, [(int(r[0]), str(r[1]), r[2]) for r in rows])


def _fold_or_empty(value: str | None) -> str:
    return fold(value) if value else ""


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _completeness(author: Author) -> int:
    return sum(bool(x) for x in (author.bio, author.email)) + len(author.links)
