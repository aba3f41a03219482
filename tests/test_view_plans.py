"""The sidebar views' first pages are index walks in the list's order at a million
articles: with the generated million's ``sqlite_stat1``, a tag's page walks
``article_tags_by_added`` (it sorted every article of the tag before), Stale saves stay
inside ``articles_by_saved`` (they read each saved article's row for its date), and a
saved view of words asks the full-text index for the matches among the newest articles
only (it listed all 466,000 matches of `carrière` for each page)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lecteur.core.library.saved import STALE_QUERY
from lecteur.core.library.store import Library
from lecteur.core.library.views import View
from test_library import make_article

# sqlite_stat1 of bench/generate_library.py's million (gen-1000000, 4 December), with the
# new migration's indexes as ANALYZE counted them on a copy of its article_tags.
MILLION_STATS = (
    ("articles", "articles_filtered", "997039 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1"),
    ("articles", "articles_by_author_order", "847420 272"),
    ("articles", "articles_by_feed", "699866 700 1 1 1"),
    ("articles", "articles_by_score", "997039 498520 498520 1 1 1 1"),
    ("articles", "articles_by_archived", "997039 498520 1 1 1 1 1"),
    ("articles", "articles_unscored", "1000000 1"),
    ("articles", "articles_unread_by_feed", "349777 350"),
    ("articles", "articles_by_feed_guid", "699866 700 1"),
    ("articles", "articles_in_trash", "2961 1 1 1"),
    ("articles", "articles_by_starred", "997039 498520 1 1 1"),
    ("articles", "articles_by_saved", "997039 498520 249260 1 1 1 1"),
    ("articles", "articles_by_added", "1000000 1 1"),
    ("articles", "sqlite_autoindex_articles_1", "1000000 1"),
    ("tags", "tags_by_key", "200 1"),
    ("tags", "sqlite_autoindex_tags_1", "200 1"),
    ("article_tags", "article_tags_by_tag", "525912 2630 1"),
    ("article_tags", "article_tags_by_added", "525912 2630 1 1"),
    ("article_tags", "article_tags", "525912 2 1"),
)


def _plans(library: Library, view: View) -> list[list[str]]:
    """The plan of every statement the list's first page of `view` runs: of its walk
    (the ``LIST SUBQUERY`` of ids, when the page's rows are read by a statement around
    it, which sorts those 100 rows), or of the whole statement."""
    statements: list[str] = []
    conn = library.db.conn
    conn.set_trace_callback(statements.append)
    try:
        assert library.views.rows(view, 100)
    finally:
        conn.set_trace_callback(None)
    return [_walk(list(conn.execute(f"EXPLAIN QUERY PLAN {sql}")))
            for sql in statements if sql.lstrip().startswith("SELECT")
            and "sqlite_" not in sql and "PRAGMA" not in sql]


def _walk(rows: list[tuple[int, int, int, str]]) -> list[str]:
    """The steps under a statement's first ``LIST SUBQUERY`` (its walk), else all."""
    top = next((row[0] for row in rows if str(row[3]).startswith("LIST SUBQUERY")), None)
    if top is None:
        return [str(row[3]) for row in rows]
    inside, steps = {top}, []
    for node, parent, _, detail in rows:
        if parent in inside:
            inside.add(node)
            steps.append(str(detail))
    return steps


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    path = Path(tmp_path_factory.mktemp("plans")) / "library.sqlite3"
    with Library(path) as opened:
        for n in range(1, 8):
            article_id, _ = opened.articles.add(make_article(
                n, url=f"https://example.org/{n}", body=f"Une carrière ({n})."))
            opened.tags.add(article_id, "emploi")
            opened.views.set_flag(article_id, "saved", True)
        conn = opened.db.conn
        conn.execute("UPDATE articles SET date = '2001-01-01'")  # stale, every one
        conn.execute("ANALYZE")
        conn.execute("DELETE FROM sqlite_stat1")
        conn.executemany("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)",
                         MILLION_STATS)
    with Library(path) as reopened:  # the statistics are read when the library opens
        yield reopened


def test_a_tags_page_walks_its_index_in_the_lists_order(library: Library) -> None:
    tag = library.tags.all()[0].id
    plans = _plans(library, View("tag", tag_id=tag))
    walk = next(plan for plan in plans if any("article_tags" in step for step in plan))
    assert any("article_tags_by_added" in step for step in walk), walk
    assert not any("TEMP B-TREE" in step for step in walk), walk


def test_stale_saves_never_leave_their_index(library: Library) -> None:
    library.db.staleness = library.db.staleness._replace(default_days=365)
    try:
        plans = _plans(library, View("query", query=STALE_QUERY))
    finally:
        library.db.staleness = library.db.staleness._replace(default_days=None)
    walk = next(plan for plan in plans if any("articles_by_saved" in step for step in plan))
    assert any("COVERING INDEX articles_by_saved" in step for step in walk), walk
    assert not any("TEMP B-TREE" in step for step in walk), walk


def test_a_view_of_words_asks_the_index_for_a_range_of_ids(library: Library) -> None:
    plans = _plans(library, View("query", query="carrière since:2000-01-01"))
    searches = [plan for plan in plans if any("VIRTUAL TABLE" in step for step in plan)]
    assert searches
    for plan in searches:  # FTS5's index string: M (the match), then > and < (the range)
        assert any("VIRTUAL TABLE INDEX 0:M" in step and "><" in step for step in plan), plan
        assert not any("TEMP B-TREE" in step for step in plan), plan
