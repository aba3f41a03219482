"""Saved views: a name for a query, listed in the reader's sidebar and by ``lecteur ls``.

A view is kept as the query the reader typed and read again each time it is shown, so it
lists what the query finds now (``since:30d`` moves with the days). Names are one
whatever their case and accents (``Emploi`` and ``emploi`` are the same view), as tags are.
One built-in view needs no saving: ``stale``, the saved articles past their age.
"""

from __future__ import annotations

from typing import NamedTuple

from lecteur.core.clock import stamp
from lecteur.core.errors import InvalidInputError
from lecteur.core.library.database import Database
from lecteur.core.text.sanitize import clean_line, fold

MAX_NAME_LENGTH = 80
MAX_QUERY_LENGTH = 2000
# Built in: "review stale saves" (the saved articles, not archived, past their age).
STALE_VIEW = "stale"
STALE_QUERY = "is:stale saved:yes archived:no"
BUILT_IN = {STALE_VIEW: STALE_QUERY, "perimes": STALE_QUERY}


class SavedView(NamedTuple):
    """A saved view: its id, its name as written, and its query."""

    id: int
    name: str
    query: str


def view_key(name: str) -> str:
    """What makes two view names the same: folded case and accents."""
    return fold(clean_line(name).strip())


def checked_query(text: str) -> str:
    """A query cleaned to one line, or `InvalidInputError` naming its first bad part."""
    query = clean_line(text).strip()
    if not query:
        raise InvalidInputError("views.empty_query")
    if len(query) > MAX_QUERY_LENGTH:
        raise InvalidInputError("views.query_too_long", limit=MAX_QUERY_LENGTH)
    from lecteur.core.library.search import parse_query  # the reader's start lists only

    parsed = parse_query(query, last_is_prefix=False).check()
    if parsed.unknown_views:
        raise InvalidInputError("query.unknown_view", part=parsed.unknown_views[0])
    return query


class SavedViews:
    """The saved_views table."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, name: str, query: str) -> SavedView:
        """Save a query under a name; `InvalidInputError` if the name is taken or the
        query does not read."""
        shown = clean_line(name).strip()[:MAX_NAME_LENGTH].strip()
        key = view_key(shown)
        if not key:
            raise InvalidInputError("views.no_name")
        if key in BUILT_IN:
            raise InvalidInputError("views.built_in", name=shown)
        text = checked_query(query)
        with self._db.write() as conn:
            if conn.execute("SELECT 1 FROM saved_views WHERE key = ?", (key,)).fetchone():
                raise InvalidInputError("views.exists", name=shown)
            cursor = conn.execute(
                "INSERT INTO saved_views (name, key, query, created_at) VALUES (?, ?, ?, ?)",
                (shown, key, text, stamp()))
        return SavedView(int(cursor.lastrowid or 0), shown, text)

    def remove(self, name: str) -> bool:
        """Forget a saved view; False if there is none by that name."""
        with self._db.write() as conn:
            return conn.execute("DELETE FROM saved_views WHERE key = ?",
                                (view_key(name),)).rowcount > 0

    def all(self) -> list[SavedView]:
        """Every saved view, alphabetically."""
        rows = self._db.conn.execute("SELECT id, name, query FROM saved_views ORDER BY key")
        return [SavedView(int(i), str(n), str(q)) for i, n, q in rows]

    def find(self, name: str) -> SavedView | None:
        """The saved view by that name (case and accents aside), a built-in one, or None."""
        key = view_key(name)
        if key in BUILT_IN:
            return SavedView(0, name, BUILT_IN[key])
        row = self._db.conn.execute("SELECT id, name, query FROM saved_views WHERE key = ?",
                                    (key,)).fetchone()
        return SavedView(int(row[0]), str(row[1]), str(row[2])) if row else None

    def get(self, view_id: int) -> SavedView | None:
        """The saved view with that id, or None (removed meanwhile)."""
        row = self._db.conn.execute("SELECT id, name, query FROM saved_views WHERE id = ?",
                                    (view_id,)).fetchone()
        return SavedView(int(row[0]), str(row[1]), str(row[2])) if row else None
