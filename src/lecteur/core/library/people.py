"""Who the library knows: the people quoted in saved articles and their authors.

It answers ``lecteur people`` and the reader's People view and author cards: how often
someone is quoted, in how many articles, what they wrote, and the most complete card the
saved pages give of an author.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

from lecteur.core.library.database import Database
from lecteur.core.library.quotations import register_folding
from lecteur.core.text.collate import collation_key
from lecteur.core.text.sanitize import fold

if TYPE_CHECKING:  # imported when used: opening the library needs none of them
    from lecteur.core.library.records import AuthorCard, PersonEntry
    from lecteur.core.models import Author


class People:
    """Speakers and authors, read from the quotations and the articles."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def all(self) -> list[PersonEntry]:
        """Every speaker and author, in name order (`collation_key`: Denis, Étienne, François)."""
        rows = self._db.conn.execute(_PEOPLE)
        from lecteur.core.library.records import PersonEntry

        return sorted((PersonEntry(*row) for row in rows),
                      key=lambda person: collation_key(person.name))

    def each(self, page: int = 500) -> Iterator[PersonEntry]:
        """`all`, one person at a time, sorted by SQLite on the same key (``lecteur people``
        writes each as it is read; SQLite's sorter spills to disk, Python holds a page)."""
        register_folding(self._db.conn)
        rows = self._db.conn.execute(f"{_PEOPLE} ORDER BY lecteur_collate(name)")
        from lecteur.core.library.records import PersonEntry

        while found := rows.fetchmany(page):
            for row in found:
                yield PersonEntry(*row)

    def matching(self, name: str) -> list[PersonEntry]:
        """The people whose name contains `name`, case and accents folded, as ``quotes
        --speaker`` matches: ``tremblay`` finds "Marie Tremblay", ``helene`` "Hélène"."""
        wanted = fold(name).strip()
        return [person for person in self.all() if wanted in fold(person.name)]

    def author_card(self, name: str) -> AuthorCard | None:
        """The most complete card saved for an author, and their saved pieces, oldest first."""
        rows = self._db.conn.execute(
            "SELECT id, title, date, author FROM articles WHERE author_name = ? "
            "AND trashed_at IS NULL "
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


_PEOPLE = """SELECT name, sum(quotes), sum(quoted_in), sum(articles), min(first), max(last)
    FROM (
        SELECT quotes.speaker AS name, count(*) AS quotes,
               count(DISTINCT quotes.article_id) AS quoted_in, 0 AS articles,
               min(articles.date) AS first, max(articles.date) AS last
        FROM quotes JOIN articles ON articles.id = quotes.article_id
        WHERE quotes.speaker IS NOT NULL AND articles.trashed_at IS NULL
        GROUP BY quotes.speaker
        UNION ALL
        SELECT author_name, 0, 0, count(*), min(date), max(date)
        FROM articles WHERE author_name IS NOT NULL AND trashed_at IS NULL
        GROUP BY author_name
    ) GROUP BY name"""


def _completeness(author: Author) -> int:
    return sum(bool(x) for x in (author.bio, author.email)) + len(author.links)
