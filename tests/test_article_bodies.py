"""Article bodies live apart from the list's columns (migration ``_article_bodies``).

A page of the list must read a few pages of the file, not the overflow chains of the
bodies: with bodies in ``articles`` every row of 6 KB spilled over several overflow pages
and the columns after the body were behind them. These tests check, with SQLite's own
page accounting (``dbstat``), that an articles row is now small, and that moving the
bodies loses nothing: the text, the links, the search index, annotations and backups made
before the move.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from lecteur.core.library import migrations
from lecteur.core.library.store import Library
from lecteur.core.library.views import View
from lecteur.core.models import Article, Block

BODY = [{"kind": "paragraph", "text": f"Paragraphe {n} sur le réseautage et la carrière. " * 12,
         "speaker": None, "cite": None, "attribution": None, "links": []} for n in range(10)]
BODY.append({"kind": "quote", "text": "« Donnez avant de demander. »", "speaker": "Léa Roy",
             "cite": None, "attribution": None, "links": []})
BEFORE = next(i for i, m in enumerate(migrations.MIGRATIONS)
              if m.apply is migrations._article_bodies)


def _old_library(path: Path, count: int) -> None:
    """A library at the version before the move, rows written as that code wrote them."""
    conn = sqlite3.connect(path, isolation_level=None)
    for step in migrations.MIGRATIONS[:BEFORE]:
        step.apply(conn)
    conn.execute(f"PRAGMA user_version = {BEFORE:d}")
    conn.execute("BEGIN")
    for n in range(1, count + 1):
        conn.execute(
            "INSERT INTO articles (id, key, source, title, blocks, links, word_count, "
            "reading_minutes, added_at, updated_at, saved) VALUES (?, ?, 's', ?, ?, ?, 900, 4,"
            " ?, ?, 1)", (n, f"k{n}", f"Article {n}", json.dumps(BODY, ensure_ascii=False),
                          json.dumps([f"https://example.org/{n}"]), f"2024-{n:05d}", "x"))
        conn.execute("INSERT INTO search (rowid, title, author, site, body) "
                     "VALUES (?, ?, '', '', ?)", (n, f"article {n}", "reseautage carriere"))
        conn.execute("INSERT INTO highlights (article_id, block_index, text, created_at) "
                     "VALUES (?, 10, 'Donnez', 'c')", (n,))
    conn.execute("COMMIT")
    conn.close()


def _pages(conn: sqlite3.Connection, table: str) -> dict[str, int]:
    return {str(kind): int(count) for kind, count in conn.execute(
        "SELECT pagetype, count(*) FROM dbstat WHERE name = ? GROUP BY pagetype", (table,))}


def test_moving_the_bodies_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    _old_library(path, 40)
    with Library(path) as library:
        assert library.db.conn.execute("PRAGMA user_version").fetchone()[0] \
            == migrations.LATEST_VERSION
        columns = [r[1] for r in library.db.conn.execute("PRAGMA table_info(articles)")]
        assert "blocks" not in columns and "links" not in columns
        for n in (1, 17, 40):
            stored = library.articles.get(n)
            assert stored is not None
            assert [b.to_dict() for b in stored.article.blocks] == BODY
            assert stored.article.links == (f"https://example.org/{n}",)
            assert stored.article.title == f"Article {n}"
        hits = library.articles.search("carriere", limit=None)
        assert len(hits) == 40 and all("carrière" in hit.snippet for hit in hits)
        assert len(library.highlights.of(17)) == 1
        assert library.db.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert library.db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_page_of_the_list_reads_no_body(tmp_path: Path) -> None:
    """Every article row fits in its leaf page: no overflow page in ``articles`` at all,
    and the 200 rows take a handful of leaf pages (the bodies take hundreds)."""
    path = tmp_path / "library.sqlite3"
    _old_library(path, 200)
    conn = sqlite3.connect(path)
    assert _pages(conn, "articles").get("overflow", 0) >= 200  # the old layout: chains
    conn.close()
    with Library(path) as library:
        library.db.conn.execute("VACUUM")
        narrow = _pages(library.db.conn, "articles")
        bodies = _pages(library.db.conn, "article_bodies")
        assert narrow.get("overflow", 0) == 0
        assert narrow["leaf"] <= 200 // 5  # at least five rows a page
        assert bodies.get("overflow", 0) >= 200  # the bodies went with their chains
        assert len(library.views.rows(View(), 100)) == 100


def test_saving_writes_the_body_apart_and_replaces_it(tmp_path: Path) -> None:
    article = Article(source="s", title="T", url="https://example.org/a",
                      blocks=(Block("paragraph", "Premier texte."),), links=("https://x.org",))
    with Library(tmp_path / "library.sqlite3") as library:
        article_id, _ = library.articles.add(article)
        library.articles.add(Article(source="s", title="T", url="https://example.org/a",
                                     blocks=(Block("paragraph", "Second texte."),)))
        stored = library.articles.get(article_id)
        assert stored is not None and stored.article.text == "Second texte."
        assert stored.article.links == ()
        (earlier,) = library.versions.of(article_id)  # the replaced body, read from its table
        kept = library.versions.get(earlier.id)
        assert kept is not None and kept.text == "Premier texte."
        assert kept.links == ("https://x.org",)
        assert library.db.conn.execute("SELECT count(*) FROM article_bodies").fetchone()[0] == 1
        library.articles.remove(article_id)
        assert library.db.conn.execute("SELECT count(*) FROM article_bodies").fetchone()[0] == 0


@pytest.mark.parametrize("with_links", [True, False])
def test_a_backup_made_before_the_move_loads_whole(tmp_path: Path, with_links: bool,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from lecteur.core import transfer

    old = tmp_path / "old" / "library.sqlite3"
    old.parent.mkdir()
    _old_library(old, 3)
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:BEFORE])
    monkeypatch.setattr(migrations, "LATEST_VERSION", BEFORE)
    from lecteur.core.library import dump

    monkeypatch.setattr(dump, "LATEST_VERSION", BEFORE)
    with Library(old) as library:
        data = json.loads(transfer.backup_text(library))
    monkeypatch.undo()
    if not with_links:  # a backup from before links existed has no links column
        table = data["tables"]["articles"]
        at = table["columns"].index("links")
        table["columns"].pop(at)
        for row in table["rows"]:
            row.pop(at)
    with Library(tmp_path / "new" / "library.sqlite3") as library:
        counts = transfer.restore_text(library, json.dumps(data))
        assert counts["articles"] == 3 and counts["article_bodies"] == 3
        stored = library.articles.get(2)
        assert stored is not None and [b.to_dict() for b in stored.article.blocks] == BODY
        assert stored.article.links == (("https://example.org/2",) if with_links else ())
        assert len(library.articles.search("reseautage")) == 3
