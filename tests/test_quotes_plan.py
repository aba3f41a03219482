"""The Quotes view's page is an index walk at any size: with a million articles'
statistics, SQLite must not build a Bloom filter of every live article before the page's
first row (it did for the inner join: 2.5 s a page on the generated million)."""

from __future__ import annotations

from pathlib import Path

from lecteur.core.library.store import Library
from test_library import make_article

# sqlite_stat1 of bench/generate_library.py's million (quotes and articles' indexes).
MILLION_STATS = (
    ("articles", "articles_in_trash", "2961 1 1 1"),
    ("articles", "articles_by_saved", "997039 498520 249260 1 1 1"),
    ("articles", "articles_by_added", "1000000 1 1"),
    ("articles", "sqlite_autoindex_articles_1", "1000000 1"),
    ("quotes", "quotes_by_speaker_order", "1199251 384 1 1 1"),
    ("quotes", "quotes_by_speaker", "1199251 384"),
    ("quotes", "quotes_by_article", "1199251 2"),
)


def test_a_quotes_page_walks_the_index_without_a_bloom_filter(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    with Library(path) as library:
        for n in range(1, 6):
            library.articles.add(make_article(n, url=f"https://example.org/{n}"))
        conn = library.db.conn
        conn.execute("ANALYZE")
        conn.execute("DELETE FROM sqlite_stat1")
        conn.executemany("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)",
                         MILLION_STATS)
    with Library(path) as library:  # the statistics are read when the library opens
        statements: list[str] = []
        library.db.conn.set_trace_callback(statements.append)
        first = library.quotations.page(limit=50)
        last = library.quotations.page(limit=50, backward=True)
        library.db.conn.set_trace_callback(None)
        assert len(first) == len(last) == 5
        pages = [sql for sql in statements if "LIMIT" in sql and "FROM quotes" in sql]
        assert len(pages) == 2
        for sql in pages:
            plan = [str(row[3]) for row in library.db.conn.execute(f"EXPLAIN QUERY PLAN {sql}")]
            assert not any("BLOOM" in step for step in plan), plan
            assert any("quotes_by_speaker_order" in step for step in plan), plan
