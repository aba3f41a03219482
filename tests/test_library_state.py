"""Reading state and annotations in the library: views, flags, tags, notes, drafts."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from lecteur.core.errors import InvalidInputError
from lecteur.core.library import migrations
from lecteur.core.library.store import Library, LibraryError
from lecteur.core.library.views import View
from lecteur.core.models import Article, Author, Block


def make_article(n: int) -> Article:
    return Article(
        source=f"page-{n}.html", title=f"Article {n}", url=f"https://example.org/{n}",
        blocks=(Block("paragraph", f"Le réseautage, épisode {n}."),
                Block("quote", "Donner avant de recevoir.", speaker="Marie Tremblay")),
        author=Author("Jeanne Roy"), sitename="Le Devoir", language="fr", date="2024-02-03",
    )


@pytest.fixture
def library(tmp_path: Path):
    with Library(tmp_path / "lib" / "library.sqlite3") as lib:
        yield lib


def fill(library: Library, count: int) -> list[int]:
    return [library.articles.add(make_article(n))[0] for n in range(count)]


def test_add_marks_saved_unless_asked_not_to(library: Library) -> None:
    kept, _ = library.articles.add(make_article(1))
    other, _ = library.articles.add(make_article(2), saved=False)
    first, second = library.views.row(kept), library.views.row(other)
    assert first and first.saved and not first.read and not first.archived
    assert second and not second.saved
    assert library.views.row(12345) is None


def test_views_page_and_count(library: Library) -> None:
    ids = fill(library, 12)
    newest_first = list(reversed(ids))
    inbox = View("inbox")
    assert library.views.count(inbox) == 12
    assert [r.id for r in library.views.rows(inbox, 5)] == newest_first[:5]
    assert [r.id for r in library.views.rows(inbox, 5, 10)] == newest_first[10:]
    library.views.set_flag(ids[0], "archived", True)
    library.views.set_flag(ids[1], "starred", True)
    assert library.views.count(inbox) == 11
    assert [r.id for r in library.views.rows(View("archive"), 10)] == [ids[0]]
    assert [r.id for r in library.views.rows(View("starred"), 10)] == [ids[1]]
    assert library.views.count(View("saved")) == 11
    assert library.views.index_in(inbox, ids[0]) is None
    assert library.views.index_in(inbox, ids[-1]) == 0
    assert library.views.index_in(inbox, ids[1]) == 10


def test_pages_from_either_end_and_by_seek_agree(library: Library) -> None:
    ids = fill(library, 23)
    inbox = View("inbox")
    everything = library.views.rows(inbox, 100)
    assert [r.id for r in everything] == list(reversed(ids))
    for offset in range(0, 25, 3):
        assert library.views.rows(inbox, 5, offset, total=23) == everything[offset:offset + 5]
    anchor = everything[10]
    assert library.views.rows_after(inbox, anchor, 4) == everything[11:15]
    assert library.views.rows_before(inbox, anchor, 4) == everything[6:10]
    assert library.views.rows_before(inbox, everything[0], 4) == []


def test_toggle_flags(library: Library) -> None:
    (article_id,) = fill(library, 1)
    assert library.views.toggle_flag(article_id, "starred") is True
    assert library.views.toggle_flag(article_id, "starred") is False
    assert library.views.toggle_flag(article_id, "saved") is False
    with pytest.raises(InvalidInputError):
        library.views.toggle_flag(article_id, "deleted")  # type: ignore[arg-type]


def test_read_progress_and_position(library: Library) -> None:
    (article_id,) = fill(library, 1)
    library.views.mark_read(article_id)
    library.views.save_progress(article_id, 1.7, 3)
    row = library.views.row(article_id)
    assert row and row.read and row.progress == 1.0 and row.position == 3
    library.views.mark_read(article_id, read=False)
    row = library.views.row(article_id)
    assert row and not row.read


def test_tags(library: Library) -> None:
    first, second = fill(library, 2)
    assert library.tags.add(first, "  Réseau\x1b[2J ") == "Réseau␛"
    assert library.tags.add(second, "réseau␛") == "Réseau␛"  # NOCASE for ASCII only
    library.tags.add(first, "Carrière")
    assert library.tags.of(first) == ["Carrière", "Réseau␛"]
    tags = {t.name: t for t in library.tags.all()}
    assert tags["Carrière"].count == 1
    view = View("tag", tags["Carrière"].id)
    assert [r.id for r in library.views.rows(view, 10)] == [first]
    assert library.views.count(view) == 1
    assert library.tags.remove(first, "Carrière")
    assert not library.tags.remove(first, "Carrière")
    assert "Carrière" not in library.tags.names()
    with pytest.raises(InvalidInputError):
        library.tags.add(first, " \u200b ")


def test_highlights_toggle_and_cascade(library: Library) -> None:
    (article_id,) = fill(library, 1)
    assert library.highlights.toggle(article_id, 1, "Donner avant de recevoir.")
    assert [h.block_index for h in library.highlights.of(article_id)] == [1]
    assert not library.highlights.toggle(article_id, 1, "x")
    highlight = library.highlights.add(article_id, 0, "Le réseautage")
    assert library.highlights.remove(highlight)
    library.highlights.add(article_id, 0, "Le réseautage")
    library.notes.add(article_id, "À relire.")
    library.tags.add(article_id, "x")
    library.articles.remove(article_id)
    assert library.highlights.of(article_id) == [] and library.notes.of(article_id) == []
    assert library.tags.of(article_id) == []


def test_notes(library: Library) -> None:
    (article_id,) = fill(library, 1)
    on_block = library.notes.add(article_id, "Sur le bloc.", block_index=1)
    on_article = library.notes.add(article_id, "Sur l'article\x1b]52;c;eA==\x07.")
    notes = library.notes.of(article_id)
    assert [n.id for n in notes] == [on_article, on_block]
    assert notes[0].text == "Sur l'article␛."
    assert library.notes.update(on_block, "Corrigé.")
    assert library.notes.of(article_id)[1].text == "Corrigé."
    assert library.notes.delete(on_block) and not library.notes.delete(on_block)
    assert not library.notes.update(on_block, "x")


def test_drafts(library: Library) -> None:
    assert library.drafts.get("note:1") is None
    library.drafts.put("note:1", "premier jet")
    library.drafts.put("note:1", "deuxième jet")
    assert library.drafts.get("note:1") == "deuxième jet"
    library.drafts.clear("note:1")
    assert library.drafts.get("note:1") is None


def test_two_connections_see_each_others_changes(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    with Library(path) as first, Library(path) as second:
        before = first.data_version()
        article_id, _ = second.articles.add(make_article(1))
        assert first.data_version() != before
        assert [r.id for r in first.views.rows(View(), 10)] == [article_id]
        steady = first.data_version()
        assert first.data_version() == steady
        first.views.toggle_flag(article_id, "starred")
        row = second.views.row(article_id)
        assert row and row.starred
        second.drafts.put("note:1", "de l'autre côté")
        assert first.drafts.get("note:1") == "de l'autre côté"


def test_seed_demo_once(library: Library) -> None:
    ids = library.articles.seed_demo([make_article(1), make_article(2)])
    assert len(ids) == 2
    rows = library.views.rows(View(), 10)
    assert sorted(r.id for r in rows) == sorted(ids)
    assert all(r.demo and not r.saved for r in rows)
    for article_id in ids:
        library.articles.remove(article_id)
    assert library.articles.seed_demo([make_article(3)]) == []


def test_lists_use_indexes(library: Library) -> None:
    fill(library, 3)
    from lecteur.core.library.views import _VIEW_FILTERS

    for where in _VIEW_FILTERS.values():  # the views' own filters, the trash's included
        plan = library.db.conn.execute(
            f"EXPLAIN QUERY PLAN SELECT id FROM articles WHERE {where} "
            "ORDER BY added_at DESC, id DESC LIMIT 10 OFFSET 5").fetchall()
        details = " ".join(str(row[-1]) for row in plan)
        assert "USING COVERING INDEX" in details and "TEMP B-TREE" not in details, details


def test_version_one_library_is_migrated_and_keeps_its_articles(tmp_path: Path,
                                                               monkeypatch) -> None:
    path = tmp_path / "library.sqlite3"
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:1])
    with Library(path) as old:
        article_id, _ = _add_v1(old, make_article(1))
    monkeypatch.undo()
    with Library(path) as lib:
        row = lib.views.row(article_id)
        assert row and row.saved
        assert lib.db.conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST_VERSION


def _add_v1(library: Library, article: Article) -> tuple[int, bool]:
    """Insert as the version-1 code did (no reading-state columns)."""
    library.db.conn.execute(
        "INSERT INTO articles (key, source, title, blocks, word_count, reading_minutes, "
        "added_at, updated_at) VALUES ('k', ?, ?, '[]', 0, 1, '2024', '2024')",
        (article.source, article.title))
    return int(library.db.conn.execute("SELECT max(id) FROM articles").fetchone()[0]), True


def test_write_failure_says_busy(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    with Library(path) as lib:
        (article_id,) = fill(lib, 1)
        blocker = sqlite3.connect(path, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")
        lib.db.conn.execute("PRAGMA busy_timeout = 50")
        try:
            with pytest.raises(LibraryError, match="busy"):
                lib.notes.add(article_id, "perdu ?")
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        assert lib.notes.of(article_id) == []
