"""A saved view of words, looked for among the newest articles first.

A query's words are a membership in the full-text index's matches (``+id IN (SELECT
rowid FROM search WHERE search MATCH ?)``), which SQLite builds whole before the first
row: a word found in half of a million articles is 466,000 rowids put in a b-tree, 160 ms
for every page and again for the count (`carrière since:2024-01-01` opened in 842 ms at
1M). The first rows of such a view in the list's order are most often among the newest
articles, so `window_ids` takes a window of the next `WINDOWS[0]` articles in that order
(``articles_by_added``), the range of their ids, and asks the index only for the matches
in that range (FTS5 seeks its doclists to it), the view's filter tested on the window's
rows only. Every article of the window has its id in the range, so the rows found are
exactly the view's next ones when they are as many as asked, or when the window reached
the end; else a window eight times wider is tried, then the caller's whole walk. How
fast this is depends on ids following the order of arrival (they do, but for imports
that keep another service's dates): a window whose ids spread over the whole library
asks for every match, as the whole walk does.
"""

from __future__ import annotations

from sqlite3 import Connection

MATCH = "+id IN (SELECT rowid FROM search WHERE search MATCH ?)"
WINDOWS = (4096, 32768)
Seek = tuple[str, object, int]  # ("<" older or ">" newer, the anchor's added_at, its id)


def window_ids(conn: Connection, where: str, params: tuple[object, ...], direction: str,
               seek: Seek | None, need: int) -> list[int] | None:
    """The ids of the first `need` articles that `where` (over ``articles``, holding
    `MATCH`) keeps, in the list's order (``added_at`` then id, `direction`) from `seek`:
    found within a window of the newest, or None (not there: walk them all)."""
    after = f"AND (added_at, id) {seek[0]} (?, ?)" if seek else ""
    anchor = tuple(seek[1:]) if seek else ()
    order = f"ORDER BY added_at {direction}, id {direction}"
    for size in WINDOWS:
        low, high, count = conn.execute(
            f"SELECT min(id), max(id), count(*) FROM (SELECT id FROM articles WHERE 1 {after} "
            f"{order} LIMIT ?)", (*anchor, size)).fetchone()
        if not count:
            return []
        edge = ""
        edge_params: tuple[object, ...] = ()
        if count == size:  # short of the end: the window's last article bounds the walk
            last = conn.execute(f"SELECT added_at, id FROM articles WHERE 1 {after} {order} "
                                "LIMIT 1 OFFSET ?", (*anchor, size - 1)).fetchone()
            edge = f"AND (added_at, id) {'>=' if direction == 'DESC' else '<='} (?, ?)"
            edge_params = (last[0], last[1])
        bounded = where.replace(MATCH, "+id IN (SELECT rowid FROM search WHERE search MATCH ? "
                                       f"AND rowid BETWEEN {int(low)} AND {int(high)})")
        found = [int(row[0]) for row in conn.execute(
            f"SELECT id FROM articles WHERE {bounded} {after} {edge} {order} LIMIT ?",
            (*params, *anchor, *edge_params, need))]
        if len(found) >= need or count < size:
            return found
    return None
