"""The trash and lasting ids: a deleted article waits in the trash, and no id is given twice.

Also the typed `ArticleGone` that every change on an article raises once the article has
left the library (deleted for good, or moved to the trash by another lecteur).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from lecteur.core.errors import ArticleGone
from lecteur.core.library import migrations
from lecteur.core.library.store import Library
from lecteur.core.library.views import View
from lecteur.core.models import Article, Author, Block


def make_article(n: int, speaker: str = "Marie Tremblay") -> Article:
    return Article(
        source=f"page-{n}.html", title=f"Article {n}", url=f"https://example.org/{n}",
        blocks=(Block("paragraph", f"Le réseautage, épisode {n}."),
                Block("quote", "Donner avant de recevoir.", speaker=speaker)),
        author=Author(f"Auteur {n}"), sitename="Le Devoir", language="fr", date="2024-02-03",
    )


@pytest.fixture
def library(tmp_path: Path):
    with Library(tmp_path / "lib" / "library.sqlite3") as lib:
        yield lib


def test_an_id_is_never_given_twice(library: Library) -> None:
    first, second = (library.articles.add(make_article(n))[0] for n in (1, 2))
    assert library.articles.remove(second)
    third, _ = library.articles.add(make_article(3))
    assert (first, second, third) == (1, 2, 3)
    library.articles.trash(third)
    assert library.articles.empty_trash() == 1
    assert library.articles.add(make_article(4))[0] == 4


def test_the_trash_hides_an_article_everywhere_but_in_the_trash(library: Library) -> None:
    kept, gone = (library.articles.add(make_article(n, speaker=f"Voix {n}"))[0] for n in (1, 2))
    library.tags.add(gone, "réseau")
    library.articles.trash(gone)
    assert [e.id for e in library.articles.entries()] == [kept]
    assert library.articles.count() == 1 and library.articles.count(trashed=True) == 1
    assert [e.id for e in library.articles.search("reseautage")] == [kept]
    assert {q.article_id for q in library.quotations.find()} == {kept}
    assert [p.name for p in library.people.all()] == ["Auteur 1", "Voix 1"]
    assert library.people.author_card("Auteur 2") is None
    for kind in ("inbox", "saved", "archive", "starred"):
        assert gone not in [r.id for r in library.views.rows(View(kind), 10)]
    (tag,) = library.tags.all()
    assert tag.count == 0 and library.views.count(View("tag", tag.id)) == 0
    trash = library.views.rows(View("trash"), 10)
    assert [r.id for r in trash] == [gone] and trash[0].trashed
    assert [e.id for e in library.articles.entries(trashed=True)] == [gone]
    # Restored, it is back with its tag; saved again (lecteur add), it leaves the trash too.
    assert library.articles.restore(gone) and not library.articles.restore(gone)
    assert library.tags.of(gone) == ["réseau"] and library.views.count(View("tag", tag.id)) == 1
    library.articles.trash(gone)
    assert library.articles.add(make_article(2)) == (gone, False)
    assert not library.articles.in_trash(gone)


def test_emptying_the_trash_deletes_for_good(library: Library) -> None:
    ids = [library.articles.add(make_article(n))[0] for n in range(1, 4)]
    library.notes.add(ids[0], "À relire")
    for article_id in ids[:2]:
        library.articles.trash(article_id)
    assert library.articles.empty_trash() == 2
    assert library.articles.empty_trash() == 0
    assert library.articles.get(ids[0]) is None and library.notes.of(ids[0]) == []
    assert [e.id for e in library.articles.search("reseautage")] == [ids[2]]
    with pytest.raises(ArticleGone):
        library.articles.restore(ids[0])


@pytest.mark.parametrize("how", ["purged", "trashed"])
def test_every_change_on_an_article_that_left_raises_article_gone(library: Library,
                                                                  how: str) -> None:
    article_id, _ = library.articles.add(make_article(1))
    note = library.notes.add(article_id, "Une note")
    other = Library(library.path)  # another lecteur, or `lecteur rm`
    try:
        if how == "purged":
            other.articles.remove(article_id)
        else:
            other.articles.trash(article_id)
    finally:
        other.close()
    changes = [
        lambda: library.views.toggle_flag(article_id, "saved"),
        lambda: library.views.set_flag(article_id, "starred", True),
        lambda: library.views.toggle_read(article_id),
        lambda: library.tags.add(article_id, "réseau"),
        lambda: library.tags.remove(article_id, "réseau"),
        lambda: library.highlights.toggle(article_id, 0, "texte"),
        lambda: library.highlights.add(article_id, 0, "texte"),
        lambda: library.notes.add(article_id, "Une autre"),
        lambda: library.notes.update(note, "Changée", article_id=article_id),
        lambda: library.notes.delete(note, article_id=article_id),
        lambda: library.articles.trash(article_id),
    ]
    for change in changes:
        with pytest.raises(ArticleGone) as raised:
            change()
        assert raised.value.article_id == article_id
        assert str(raised.value) == f"Article #{article_id} is no longer in the library."
    library.views.save_progress(article_id, 0.5, 1)  # leaving the reader stays silent


def _previous_schema_library(path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """A library made by the schema before this one: ids 1, 3 (2 deleted), with annotations.

    Written with plain SQL, as the code of that schema wrote it (today's code knows the
    trash, which that schema has not).
    """
    previous = next(i for i, m in enumerate(migrations.MIGRATIONS)
                    if m.apply is migrations._trash_and_lasting_ids)
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:previous])
    with Library(path) as old:
        with old.db.write() as conn:
            for n in (1, 2, 3):
                conn.execute(
                    "INSERT INTO articles (key, url, source, title, blocks, word_count, "
                    "reading_minutes, added_at, updated_at, saved) VALUES (?, ?, ?, ?, ?, 3, 1,"
                    " ?, ?, 1)",
                    (f"k{n}", f"https://example.org/{n}", f"page-{n}.html", f"Article {n}",
                     '[{"kind": "paragraph", "text": "épisode"},'
                     ' {"kind": "quote", "text": "Donner."}]', f"2024-0{n}", f"2024-0{n}"))
                conn.execute("INSERT INTO search (rowid, title, author, site, body) "
                             "VALUES (?, ?, '', '', 'episode')", (n, f"article {n}"))
                conn.execute("INSERT INTO quotes (article_id, position, text, block_index) "
                             "VALUES (?, 0, 'Donner.', 1)", (n,))
            conn.execute("INSERT INTO search (search, rowid, title, author, site, body) "
                         "VALUES ('delete', 2, 'article 2', '', '', 'episode')")
            conn.execute("DELETE FROM articles WHERE id = 2")
            conn.execute("INSERT INTO notes (article_id, text, created_at, updated_at) "
                         "VALUES (3, 'Note sur l''article 3', 'x', 'x')")
            conn.execute("INSERT INTO highlights (article_id, block_index, text, created_at) "
                         "VALUES (3, 1, 'Donner.', 'x')")
            conn.execute("INSERT INTO tags (name) VALUES ('réseau')")
            conn.execute("INSERT INTO article_tags (article_id, tag_id) VALUES (1, 1)")
            conn.execute("UPDATE articles SET starred = 1 WHERE id = 3")
            conn.execute("UPDATE quotes SET kept = 1 WHERE article_id = 3")
            quote = conn.execute("SELECT id FROM quotes WHERE article_id = 3").fetchone()[0]
        columns = {r[1] for r in old.db.conn.execute("PRAGMA table_info(articles)")}
        assert "trashed_at" not in columns
    monkeypatch.undo()
    return {"ids": [1, 2, 3], "quote": quote}


def test_migration_keeps_ids_notes_highlights_quotations(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "library.sqlite3"
    made = _previous_schema_library(path, monkeypatch)
    first, _deleted, third = made["ids"]  # type: ignore[misc]
    with Library(path) as lib:
        conn = lib.db.conn
        assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST_VERSION
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert "AUTOINCREMENT" in conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'articles'").fetchone()[0]
        assert [e.id for e in lib.articles.entries()] == [third, first]
        assert [n.text for n in lib.notes.of(third)] == ["Note sur l'article 3"]
        assert [h.block_index for h in lib.highlights.of(third)] == [1]
        assert lib.tags.of(first) == ["réseau"]
        assert lib.views.row(third).starred  # type: ignore[union-attr]
        assert [q.id for q in lib.quotations.find(kept_only=True)] == [made["quote"]]
        assert sorted(e.id for e in lib.articles.search("episode")) == [first, third]
        # The next id follows the highest one kept; a purge cascades as before.
        assert lib.articles.add(make_article(4))[0] == third + 1
        assert lib.articles.remove(third) and lib.notes.of(third) == []
        assert lib.articles.add(make_article(5))[0] == third + 2
        indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        assert {"articles_by_added", "articles_by_archived", "articles_by_saved",
                "articles_by_starred", "articles_in_trash"} <= indexes


def test_a_failed_rebuild_leaves_the_library_as_it_was(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "library.sqlite3"
    made = _previous_schema_library(path, monkeypatch)

    def broken(conn: sqlite3.Connection) -> None:
        migrations._trash_and_lasting_ids(conn)
        raise RuntimeError("power cut in the middle of the rebuild")

    swapped = tuple(m._replace(apply=broken) if m.apply is migrations._trash_and_lasting_ids
                    else m for m in migrations.MIGRATIONS)
    monkeypatch.setattr(migrations, "MIGRATIONS", swapped)
    with pytest.raises(RuntimeError):
        Library(path)
    monkeypatch.undo()
    with Library(path) as lib:  # the real migration then runs on the untouched library
        third = made["ids"][2]  # type: ignore[index]
        assert [n.text for n in lib.notes.of(third)] == ["Note sur l'article 3"]
        assert lib.db.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_the_rebuild_keeps_what_another_migration_gave_the_table(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A column, an index or a trigger another migration added before this one survive it."""
    def other(conn: sqlite3.Connection) -> None:  # not the feeds' names: they come later
        conn.execute("ALTER TABLE articles ADD COLUMN other_id INTEGER")
        conn.execute("CREATE INDEX articles_by_other ON articles (other_id)")
        conn.execute("CREATE TABLE touched (id INTEGER)")
        conn.execute("CREATE TRIGGER articles_touched AFTER UPDATE ON articles "
                     "BEGIN INSERT INTO touched VALUES (new.id); END")

    shipped = migrations.MIGRATIONS
    ours = next(i for i, m in enumerate(shipped) if m.apply is migrations._trash_and_lasting_ids)
    before = (*shipped[:ours], migrations.Migration("another", other))
    path = tmp_path / "library.sqlite3"
    monkeypatch.setattr(migrations, "MIGRATIONS", before)
    with Library(path) as old, old.db.write() as conn:
        conn.execute("INSERT INTO articles (key, source, title, blocks, word_count, "
                     "reading_minutes, added_at, updated_at, other_id) "
                     "VALUES ('k', 's', 't', '[]', 0, 1, 'x', 'x', 7)")
    monkeypatch.setattr(migrations, "MIGRATIONS", (*before, *shipped[ours:]))
    monkeypatch.setattr(migrations, "LATEST_VERSION", len(shipped) + 1)
    with Library(path) as lib:
        conn = lib.db.conn
        assert conn.execute("SELECT id, other_id FROM articles").fetchall() == [(1, 7)]
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert {"articles_by_other", "articles_touched", "articles_in_trash"} <= names
        lib.articles.trash(1)
        assert conn.execute("SELECT id FROM touched").fetchall() == [(1,)]


def test_each_table_has_one_id_sequence(tmp_path: Path) -> None:
    """A fresh library and one upgraded from before the trash both end with one
    ``sqlite_sequence`` row per table, at the highest id given."""
    with Library(tmp_path / "fresh.sqlite3") as library:
        library.articles.add(make_article(1))
        rows = library.db.conn.execute("SELECT name, seq FROM sqlite_sequence").fetchall()
    assert sorted(rows) == [("articles", 1)]
    old = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(old, isolation_level=None)
    number = next(i for i, m in enumerate(migrations.MIGRATIONS)
                  if m.apply is migrations._trash_and_lasting_ids)
    for step in migrations.MIGRATIONS[:number]:
        step.apply(conn)
    conn.execute(f"PRAGMA user_version = {number:d}")
    for n in (1, 2, 3):
        conn.execute("INSERT INTO articles (id, key, source, title, blocks, word_count, "
                     "reading_minutes, added_at, updated_at) VALUES (?, ?, 's', 't', '[]', 0, "
                     "1, 'a', 'a')", (n, f"k{n}"))
    conn.close()
    with Library(old) as library:
        rows = library.db.conn.execute("SELECT name, seq FROM sqlite_sequence").fetchall()
        assert rows == [("articles", 3)]
        new_id, _ = library.articles.add(make_article(9))
    assert new_id == 4
