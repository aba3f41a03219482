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
from lecteur.core.text.sanitize import fold

if TYPE_CHECKING:  # imported when used: opening the library needs none of them
    from lecteur.core.library.records import AuthorCard, PersonEntry
    from lecteur.core.models import Author


_DATES = ("WHERE pa.order_key = p.order_key AND pa.live = 1 AND pa.date IS NOT NULL")


class People:
    """Speakers and authors, read from the quotations and the articles."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def all(self) -> list[PersonEntry]:
        """Every speaker and author, in name order (`collation_key`: Denis, Étienne, François)."""
        return list(self.each())

    def matching(self, name: str) -> list[PersonEntry]:
        """The people whose name contains `name`, case and accents folded, as ``quotes
        --speaker`` matches: ``tremblay`` finds "Marie Tremblay", ``helene`` "Hélène"."""
        return list(self.each(like=name))

    def each(self, like: str | None = None, page: int = 500) -> Iterator[PersonEntry]:
        """Everybody (or those whose name contains `like`, folded), page by page."""
        after: str | None = None
        while True:
            found = self.page(after, limit=page, like=like)
            yield from (person for _key, person in found)
            if len(found) < page:
                return
            after = found[-1][0]

    def page(self, after: str | None = None, *, limit: int = 100, like: str | None = None,
             backward: bool = False) -> list[tuple[str, PersonEntry]]:
        """One page of people in name order, each with its key (the name's sort key).

        Read from ``people`` (counts kept by triggers) from `after` on (or, `backward`, up
        to it) along its key, and each person's first and last dates from the index of
        ``person_articles``: a page costs the same at ten people or a million quotations.
        `like` matches the folded names (no folding per row in Python).
        """
        clauses, params = ["(quotes > 0 OR articles > 0)"], []
        if after is not None:
            clauses.append(f"order_key {'<' if backward else '>'} ?")
            params.append(after)
        if like is not None:
            wanted = fold(like).strip()
            escaped = wanted.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            clauses.append("fold_key LIKE ? ESCAPE '\\'")
            params.append(f"%{escaped}%")
        rows = self._db.conn.execute(
            "SELECT order_key, name, quotes, quoted_in, articles, "
            f"(SELECT min(date) FROM person_articles AS pa {_DATES}), "
            f"(SELECT max(date) FROM person_articles AS pa {_DATES}) "
            f"FROM people AS p WHERE {' AND '.join(clauses)} "
            f"ORDER BY order_key {'DESC' if backward else 'ASC'} LIMIT ?",
            (*params, limit)).fetchall()
        from lecteur.core.library.records import PersonEntry

        found = [(str(r[0]), PersonEntry(str(r[1]), int(r[2]), int(r[3]), int(r[4]),
                                         r[5], r[6])) for r in rows]
        return found[::-1] if backward else found

    def count(self) -> int:
        """How many people the library knows (one row each in ``people``: ask in a worker)."""
        return int(self._db.conn.execute(
            "SELECT count(*) FROM people WHERE quotes > 0 OR articles > 0").fetchone()[0])

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


def _completeness(author: Author) -> int:
    return sum(bool(x) for x in (author.bio, author.email)) + len(author.links)
