"""Inserting many articles at once (a feed refresh): their bookkeeping per statement.

Four triggers run on every article inserted one by one: the counters (each view's and
the feed's unread items), the author's folded keys, the author's row in the People view
(and, from that row, their person's counts), and the host (`site:`). Two of them rewrite
the row just inserted; together they cost about 120 us of the 140 us it takes to insert
a feed item. Inside `storing_in_bulk` they stand aside (``storing_in_bulk`` holds a row,
seen only by this transaction): the INSERT writes the keys and the host itself
(`insert_sql`, `author_keys`), and the counters and people of every article inserted are
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


def insert_sql(columns: tuple[str, ...], url_column: str = "url") -> str:
    """``INSERT INTO articles`` of `columns` (numbered parameters, in that order), then
    ``author_key``, ``author_order`` (two more parameters, `author_keys`) and ``host``,
    computed from the `url_column` parameter by the host trigger's own expression."""
    at = columns.index(url_column) + 1
    marks = ", ".join(f"?{n}" for n in range(1, len(columns) + 3))
    return (f"INSERT INTO articles ({', '.join(columns)}, author_key, author_order, host) "
            f"VALUES ({marks}, {_host_expression(f'?{at}')})")


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
    # its key is the row's own `author_order` (`insert_sql` wrote lecteur_collate's value
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
