"""Who the library knows: the people quoted in saved articles and their authors.

It answers ``lecteur people`` and the reader's People view and author cards: how often
someone is quoted, in how many articles, what they wrote, and the most complete card the
saved pages give of an author.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from lecteur.core.library.database import Database
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

        Speakers and authors are each grouped along their name-order index
        (``quotes_by_speaker_order``, ``articles_by_author_order``) from `after` on (or,
        `backward`, up to it), `limit` names from each side, merged: a page reads the rows
        of the people on it, not the whole library. `like` matches the folded name
        columns (no folding per row in Python).
        """
        speakers = self._speakers(after, limit, like, backward)
        authors = self._authors(after, limit, like, backward)
        merged: dict[str, list[object]] = {}
        for key, name, quotes, quoted_in, first, last in speakers:
            merged[key] = [name, quotes, quoted_in, 0, first, last]
        for key, name, articles, first, last in authors:
            known = merged.get(key)
            if known is None:
                merged[key] = [name, 0, 0, articles, first, last]
                continue
            known[3] = articles
            firsts = [str(d) for d in (known[4], first) if d is not None]
            lasts = [str(d) for d in (known[5], last) if d is not None]
            known[4] = min(firsts) if firsts else None
            known[5] = max(lasts) if lasts else None
        from lecteur.core.library.records import PersonEntry

        keys = sorted(merged, reverse=backward)[:limit]
        if backward:
            keys.reverse()
        return [(key, PersonEntry(*merged[key])) for key in keys]  # type: ignore[arg-type]

    def _speakers(self, after: str | None, limit: int, like: str | None,
                  backward: bool) -> list[tuple[Any, ...]]:
        clauses, params = _name_filter("quotes.speaker", after, like, backward)
        return self._db.conn.execute(
            "SELECT quotes.speaker_order, quotes.speaker, count(*), "
            "count(DISTINCT quotes.article_id), min(articles.date), max(articles.date) "
            "FROM quotes INDEXED BY quotes_by_speaker_order "
            "JOIN articles ON articles.id = quotes.article_id "
            f"WHERE {' AND '.join(clauses)} AND articles.trashed_at IS NULL "
            "GROUP BY quotes.speaker_order "
            f"ORDER BY quotes.speaker_order {'DESC' if backward else 'ASC'} LIMIT ?",
            (*params, limit)).fetchall()

    def _authors(self, after: str | None, limit: int, like: str | None,
                 backward: bool) -> list[tuple[Any, ...]]:
        clauses, params = _name_filter("author", after, like, backward)
        return self._db.conn.execute(
            "SELECT author_order, author_name, count(*), min(date), max(date) "
            "FROM articles INDEXED BY articles_by_author_order "
            f"WHERE {' AND '.join(clauses)} AND trashed_at IS NULL "
            f"GROUP BY author_order ORDER BY author_order {'DESC' if backward else 'ASC'} "
            "LIMIT ?", (*params, limit)).fetchall()

    def count(self) -> int:
        """How many people the library knows (a scan of both name indexes: ask in a worker)."""
        return int(self._db.conn.execute(
            "SELECT count(*) FROM (SELECT quotes.speaker_order FROM quotes "
            "JOIN articles ON articles.id = quotes.article_id WHERE quotes.speaker IS NOT NULL "
            "AND articles.trashed_at IS NULL GROUP BY quotes.speaker_order UNION "
            "SELECT author_order FROM articles WHERE author_name IS NOT NULL "
            "AND trashed_at IS NULL)").fetchone()[0])

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


def _name_filter(column: str, after: str | None, like: str | None,
                 backward: bool) -> tuple[list[str], list[object]]:
    """The clauses of a page of speakers (`column` ``quotes.speaker``) or of authors."""
    name, key, order = (("quotes.speaker", "quotes.speaker_key", "quotes.speaker_order")
                        if column == "quotes.speaker"
                        else ("author_name", "author_key", "author_order"))
    clauses: list[str] = [f"{name} IS NOT NULL"]
    params: list[object] = []
    if after is not None:
        clauses.append(f"{order} {'<' if backward else '>'} ?")
        params.append(after)
    if like is not None:
        wanted = fold(like).strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        clauses.append(f"{key} LIKE ? ESCAPE '\\'")
        params.append(f"%{wanted}%")
    return clauses, params


def _completeness(author: Author) -> int:
    return sum(bool(x) for x in (author.bio, author.email)) + len(author.links)
