"""The best matches of a search among the whole library, at a bounded cost.

BM25 (FTS5's ``bm25()``) costs a few microseconds per matching article: nothing for a rare
word, seconds for a word in most of a million articles. Ranking only the newest few
thousand matches kept it fast but left the rest of the library out. Here:

- a query matching at most `EXACT_UP_TO` articles (every rare word, and any query with
  one rare word in it) is ranked exactly, every match scored;
- a query matching more keeps its best `DEPTH` matches in ``search_best`` (migration
  ``_search_best``), scored once over the whole library, with the highest article id then
  indexed (``upto``). Next time, only the matches added since (``rowid > upto``) are
  scored and merged with the kept ones: the whole library is ranked, at the cost of the
  new matches. When more than `EXACT_UP_TO` new matches have come, the list is made again.
  An article in the trash or out of the query's scope is filtered out when read; one
  re-saved with another text keeps its old score until the list is made again.

Keeping a list is a write, made only when it costs no wait (``busy_timeout`` 0, and never
on a read-only library): a search never waits for a lock, and without the list it is
ranked exactly.

The first query of a common word would still pay for scoring all its matches (seconds at
a million articles), so `prepare` makes those lists ahead of time, in the reader's
background worker: the words of more than `PREPARE_FROM` articles, guessed from a sample
of bodies and most frequent first, each as the query typing it makes (``"question"*``),
and remakes a list before so many new matches have come that a search would remake it.
"""

from __future__ import annotations

import contextlib
import json
import random
import re
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence

from lecteur.core.clock import stamp

EXACT_UP_TO = 5000  # matches scored one by one (about 20 ms on two loaded cores)
DEPTH = 1000  # best matches kept per query: pages of 50 beyond the twentieth are exact
KEPT_QUERIES = 3000  # the most recently used lists kept (prepared ones too); older dropped
PREPARE_FROM = 4 * EXACT_UP_TO  # matches past which a first query takes more than a frame
PREPARED_MOST = 2000  # words prepared at most (the most frequent), below KEPT_QUERIES
SAMPLE = 400  # bodies read to guess the frequent words
PREPARE_BATCH = 50  # prepared lists written in one transaction at most


def _scored(conn: sqlite3.Connection, match: str, above: int = 0,
            limit: int = DEPTH) -> list[tuple[float, int]]:
    """(bm25, id) of the best `limit` matches with an id above `above`, best first."""
    rows = conn.execute(
        "SELECT bm25(search), rowid FROM search WHERE search MATCH ? AND rowid > ? "
        "ORDER BY bm25(search) LIMIT ?", (match, above, limit))
    return [(float(score), int(rowid)) for score, rowid in rows]


def more_than(conn: sqlite3.Connection, match: str, count: int, above: int = 0) -> bool:
    """Whether more than `count` articles (with an id above `above`) match (reads at most
    count + 1 ids of the index, never scores)."""
    found = conn.execute(
        "SELECT count(*) FROM (SELECT rowid FROM search WHERE search MATCH ? AND rowid > ? "
        "LIMIT ?)", (match, above, count + 1)).fetchone()[0]
    return int(found) > count


def best(conn: sqlite3.Connection, match: str, writable: bool) -> list[tuple[float, int]] | None:
    """The best `DEPTH` matches of the whole library, best first; None when the query
    matches at most `EXACT_UP_TO` articles (rank it exactly instead: it is cheap)."""
    newest = int(conn.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0])
    kept = conn.execute("SELECT upto FROM search_best_queries WHERE query = ?",
                        (match,)).fetchone()
    if kept is not None:
        upto = int(kept[0])
        # Nothing added since: the MATCH is not even evaluated (a prefix's expansion alone
        # costs about 0.4 s at a million articles); else once, for the new matches only.
        new = [] if newest <= upto else _scored(conn, match, upto, EXACT_UP_TO + 1)
        if len(new) <= EXACT_UP_TO:
            old = [(float(s), int(i)) for s, i in conn.execute(
                "SELECT score, article_id FROM search_best WHERE query = ? ORDER BY score",
                (match,))]
            _touch(conn, match, writable)
            return sorted(old + new)[:DEPTH]
    if not more_than(conn, match, EXACT_UP_TO):
        return None
    upto = newest
    scored = _scored(conn, match)
    _keep(conn, match, upto, scored, writable)
    return scored


def _touch(conn: sqlite3.Connection, match: str, writable: bool) -> None:
    """Mark a kept list used today (at most one write a day per query: a search is a read)."""
    today = stamp()[:10]
    if writable and conn.execute("SELECT 1 FROM search_best_queries WHERE query = ? "
                                 "AND used_at < ?", (match, today)).fetchone():
        _quietly(conn, lambda: conn.execute(
            "UPDATE search_best_queries SET used_at = ? WHERE query = ?", (stamp(), match)))


def _keep(conn: sqlite3.Connection, match: str, upto: int,
          scored: Sequence[tuple[float, int]], writable: bool) -> None:
    """Store a query's best matches, if that costs no wait; drop the least recently used."""
    _keep_all(conn, [(match, upto, scored)], writable)


Kept = tuple[str, int, Sequence[tuple[float, int]]]  # a query, its upto, its best matches


def _keep_all(conn: sqlite3.Connection, lists: Sequence[Kept], writable: bool) -> bool:
    """Store queries' best matches in one transaction, if that costs no wait; drop the
    least recently used; whether they were stored."""
    if not writable:
        return False

    def write() -> None:
        for match, upto, scored in lists:
            conn.execute("DELETE FROM search_best WHERE query = ?", (match,))
            conn.execute("INSERT OR REPLACE INTO search_best_queries (query, upto, used_at) "
                         "VALUES (?, ?, ?)", (match, upto, stamp()))
            conn.executemany(
                "INSERT INTO search_best (query, score, article_id) VALUES (?, ?, ?)",
                [(match, score, rowid) for score, rowid in scored])
        old = [q for (q,) in conn.execute(
            "SELECT query FROM search_best_queries ORDER BY used_at DESC LIMIT -1 OFFSET ?",
            (KEPT_QUERIES,))]
        for query in old:
            conn.execute("DELETE FROM search_best WHERE query = ?", (query,))
            conn.execute("DELETE FROM search_best_queries WHERE query = ?", (query,))

    return _quietly(conn, write)


def _quietly(conn: sqlite3.Connection, write: object) -> bool:
    """Run `write` in its own transaction if the lock is free now, else do nothing; whether
    it ran."""
    if conn.in_transaction:
        return False
    (timeout,) = conn.execute("PRAGMA busy_timeout").fetchone()
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            write()  # type: ignore[operator]
            conn.execute("COMMIT")
            return True
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    except sqlite3.Error:
        return False  # busy, read-only, full: the list is only a saving, the search is answered
    finally:
        with contextlib.suppress(sqlite3.Error):
            conn.execute(f"PRAGMA busy_timeout = {int(timeout):d}")


def prepare(conn: sqlite3.Connection, writable: bool,
            stop: Callable[[], bool] = lambda: False) -> int:
    """Make the kept lists of the library's frequent words, or bring one up to date when
    half the new matches that would make a search remake it have come, so that no search
    pays for a ranking of every match; return how many lists were written. Stops between
    two words when `stop()` is true; each list is scored as a read, then written if the
    lock is free at once (`_keep_all`), so it never makes anyone wait: at most
    `PREPARE_BATCH` lists or 15 s of them a transaction, because each commit makes an open
    reader reload what it shows (another connection wrote).
    """
    if not writable:
        return 0
    made = 0
    pending: list[Kept] = []
    since = time.monotonic()
    for match in frequent_queries(conn):
        if stop():
            break
        found = _prepared(conn, match)
        if found is not None:
            pending.append(found)
        if len(pending) >= PREPARE_BATCH or (pending and time.monotonic() - since > 15):
            made += len(pending) if _keep_all(conn, pending, writable) else 0
            pending, since = [], time.monotonic()
    if pending:
        made += len(pending) if _keep_all(conn, pending, writable) else 0
    return made


def _prepared(conn: sqlite3.Connection, match: str) -> Kept | None:
    """One query's list made or updated, if it needs it (to be kept), else None.

    An existing list is brought up to date with the matches added since (`upto`), scored
    alone and merged, as a search would: the cost of the new matches, not of every one.
    It is made again from every match when the library has doubled since its last update
    (a reader long away: the kept scores drift, slowly, as the library grows)."""
    kept = conn.execute("SELECT upto FROM search_best_queries WHERE query = ?",
                        (match,)).fetchone()
    if kept is None:
        if not more_than(conn, match, PREPARE_FROM):
            return None
        newest, scored = _snapshot_scored(conn, match)
    else:
        upto, newest = int(kept[0]), _newest(conn)
        # Fewer articles added than the new matches it takes: the index is not even asked
        # (a prefix's expansion costs, and the reader runs this at every start).
        if newest - upto <= EXACT_UP_TO // 2 or not more_than(
                conn, match, EXACT_UP_TO // 2, above=upto):
            return None
        doubled = newest >= 2 * upto  # ids only grow: about twice the articles
        newest, scored = _snapshot_scored(conn, match, 0 if doubled else upto)
        if not doubled:
            scored = sorted(scored + [(float(score), int(rowid)) for score, rowid in conn.execute(
                "SELECT score, article_id FROM search_best WHERE query = ? AND article_id <= ?",
                (match, upto))])[:DEPTH]
    return match, newest, scored


def _newest(conn: sqlite3.Connection) -> int:
    """The highest article id (0 in an empty library)."""
    return int(conn.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0])


def _snapshot_scored(conn: sqlite3.Connection, match: str,
                     above: int = 0) -> tuple[int, list[tuple[float, int]]]:
    """The highest article id and the best matches above `above`, read in one snapshot
    (an article saved meanwhile is either both scored and covered, or neither)."""
    began = not conn.in_transaction
    if began:
        conn.execute("BEGIN")
    try:
        return _newest(conn), _scored(conn, match, above)
    finally:
        if began:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("COMMIT")


def frequent_queries(conn: sqlite3.Connection, seed: int | None = None) -> list[str]:
    """The queries (as `parse_query` makes them) of the words probably in more than
    `PREPARE_FROM` articles, most frequent first, at most `PREPARED_MOST`.

    Guessed from `SAMPLE` bodies drawn at random: a word in a share p of the articles is
    in about p x `SAMPLE` of them (a word at the threshold of a million articles, 2 %,
    in 8; kept from 4); `_needs_making` then checks the index itself. Reading the
    index's own counts (fts5vocab) would read the whole index: minutes at a million.
    """
    from lecteur.core.library.search import parse_query

    total, newest = conn.execute(
        "SELECT count(*), coalesce(max(id), 0) FROM articles").fetchone()
    if int(total) <= PREPARE_FROM:
        return []
    rng = random.Random(seed)
    ids = rng.sample(range(1, int(newest) + 1), min(int(newest), SAMPLE))
    seen: Counter[str] = Counter()
    for words in _sampled_words(conn, ids):
        seen.update(words)
    least = max(2, int(PREPARE_FROM / int(total) * len(ids) / 2))
    queries = dict.fromkeys(parse_query(word).match()
                            for word, count in seen.most_common() if count >= least)
    return list(queries)[:PREPARED_MOST]


def _sampled_words(conn: sqlite3.Connection, ids: list[int]) -> Iterator[set[str]]:
    """The folded words of each of the articles `ids` that has a body."""
    from lecteur.core.text.sanitize import fold

    for start in range(0, len(ids), 500):
        some = ids[start:start + 500]
        for (blocks,) in conn.execute(
                "SELECT blocks FROM article_bodies WHERE article_id IN "
                f"({', '.join('?' * len(some))})", some):
            texts = (str(block.get("text") or "") for block in json.loads(str(blocks)))
            yield set(_WORD.findall(fold(" ".join(texts))))


_WORD = re.compile(r"\w+")
