"""Inserting many articles at once (a feed refresh): their bookkeeping per statement.

Four triggers run on every article inserted one by one: the counters (each view's and
the feed's unread items), the author's folded keys, the author's row in the People view
(and, from that row, their person's counts), and the host (`site:`). Two of them rewrite
the row just inserted; together they cost about 120 us of the 140 us it takes to insert
a feed item. Inside `storing_in_bulk` they stand aside (``storing_in_bulk`` holds a row,
seen only by this transaction): the INSERT writes the keys and the host itself
(`StagedInsert`, `author_keys`), and the counters and people of every article inserted are
counted at the end in a few statements (`count_inserted`), before the row is taken out
again. The result is the same rows and counts the triggers would have left
(``tests/test_bulk.py``).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from lecteur.core.library.migrations import (
    _COUNTED_VIEWS,
    _UNREAD_ITEM,
    _host_expression,
)
from lecteur.core.text.collate import collation_string
from lecteur.core.text.sanitize import fold

_BATCH = "r.id IN (SELECT value FROM json_each(?))"


@contextmanager
def storing_in_bulk(conn: sqlite3.Connection) -> Iterator[list[int]]:
    """Inside a write: the per-row insert triggers stand aside; the ids the caller appends
    to the list yielded are counted when the block ends. An error inside leaves the marker
    row in place: the enclosing write undoes it with everything else."""
    conn.execute("INSERT INTO storing_in_bulk (one) VALUES (1)")
    inserted: list[int] = []
    yield inserted
    count_inserted(conn, inserted)
    conn.execute("DELETE FROM storing_in_bulk")


class StagedInsert:
    """``INSERT INTO articles`` of many rows in one statement, through a staging table.

    Each row of `columns` (then ``author_key`` and ``author_order``, `author_keys`) goes
    into a temporary table by ``executemany``, then every staged row into ``articles`` by
    one ``INSERT ... SELECT``, which also writes ``host``, computed from the `url_column`
    by the host trigger's own expression. Why: a statement on ``articles`` may fire
    triggers, so SQLite gives each one a statement journal holding the first image of
    every page it changes (a row and its fourteen index entries: about 60 KB); one
    statement a row paid it for every item, one statement a feed pays it once for fifty.
    (``sqlite3`` offers no ``RETURNING`` with ``executemany``; the ids are read back by key.)
    """

    def __init__(self, columns: tuple[str, ...], url_column: str = "url") -> None:
        self.columns = (*columns, "author_key", "author_order")
        names = ", ".join(self.columns)
        self._create = f"CREATE TEMP TABLE IF NOT EXISTS staged_articles ({names})"
        self._stage = (f"INSERT INTO temp.staged_articles ({names}) "
                       f"VALUES ({', '.join('?' * len(self.columns))})")
        self._insert = (f"INSERT INTO articles ({names}, host) SELECT {names}, "
                        f"{_host_expression(url_column)} FROM temp.staged_articles "
                        "ORDER BY rowid")
        self._key = self.columns.index("key")

    def insert(self, conn: sqlite3.Connection, rows: list[tuple[object, ...]]) -> list[int]:
        """Insert `rows` (in order, each a distinct key not yet in the library) inside the
        caller's write; return their new ids in the same order."""
        if not rows:
            return []
        conn.execute(self._create)  # dropped when the write's temp_store is set back
        conn.executemany(self._stage, rows)
        before = conn.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0]
        conn.execute(self._insert)
        conn.execute("DELETE FROM temp.staged_articles")
        # The new ids are the largest (AUTOINCREMENT): every row above `before` is one.
        ids = dict(conn.execute("SELECT key, id FROM articles WHERE id > ?", (before,)))
        return [int(ids[row[self._key]]) for row in rows]


def author_keys(name: str | None) -> tuple[str | None, str | None]:
    """What the author-keys trigger writes for an author's name (`lecteur_fold`,
    `lecteur_collate`): nothing without a name."""
    if name is None:
        return None, None
    return (fold(name) if name else ""), collation_string(name)


def count_inserted(conn: sqlite3.Connection, ids: list[int]) -> None:
    """Count the articles `ids` (just inserted, in bulk) as the per-row triggers would:
    the views' counters, their feeds' unread items, and their authors in People."""
    if not ids:
        return
    batch = json.dumps(ids)
    sums = ", ".join(f"coalesce(sum({test}), 0)" for _name, test in _COUNTED_VIEWS)
    row = conn.execute(f"SELECT {sums} FROM articles AS r WHERE {_BATCH}", (batch,)).fetchone()
    conn.executemany("UPDATE counters SET value = value + ? WHERE name = ?",
                     [(int(n), name) for (name, _test), n in zip(_COUNTED_VIEWS, row,
                                                                   strict=True) if n])
    conn.execute("INSERT INTO counters (name, value) SELECT 'feed:' || r.feed_id, count(*) "
                 f"FROM articles AS r WHERE {_BATCH} AND {_UNREAD_ITEM} GROUP BY r.feed_id "
                 "ON CONFLICT (name) DO UPDATE SET value = value + excluded.value", (batch,))
    # An author's row, as `person_wrote` makes it (in the order the rows were inserted);
    # its key is the row's own `author_order` (`StagedInsert` wrote lecteur_collate's value
    # there: calling the Python function again for each row took most of this function).
    conn.execute("INSERT INTO person_articles (order_key, article_id, name, quotes, authored, "
                 "live, date) SELECT r.author_order, r.id, r.author_name, 0, 1, "
                 f"r.trashed_at IS NULL, r.date FROM articles AS r WHERE {_BATCH} "
                 "AND r.author_name IS NOT NULL ORDER BY r.id "
                 "ON CONFLICT (order_key, article_id) DO UPDATE SET authored = 1", (batch,))
    # Their people, as `people_counted` makes them row by row (standing aside in bulk): a
    # new person is named as the first article (by id) names them; each live article
    # counts once; the folded key is the row's own `author_key` (lecteur_fold's value).
    conn.execute("INSERT INTO people (order_key, name, fold_key, quotes, quoted_in, articles) "
                 "SELECT order_key, name, fold_key, 0, 0, live FROM (SELECT r.author_order "
                 "AS order_key, r.author_name AS name, r.author_key AS fold_key, min(r.id), "
                 "sum(r.trashed_at IS NULL) AS live FROM articles AS r WHERE "
                 f"{_BATCH} AND r.author_name IS NOT NULL GROUP BY r.author_order) WHERE true "
                 "ON CONFLICT (order_key) DO UPDATE SET articles = articles + excluded.articles",
                 (batch,))
