"""Tags in the library: one tag whatever its case and accents, lists, rename, delete."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from lecteur.core.errors import InvalidInputError
from lecteur.core.library import migrations
from lecteur.core.library.store import Library
from lecteur.core.library.tags import split_tags, tag_key, tag_name
from lecteur.core.models import Article, Block


def make_article(n: int) -> Article:
    return Article(source=f"page-{n}.html", title=f"Article {n}", url=f"https://example.org/{n}",
                   blocks=(Block("paragraph", f"Le réseautage, épisode {n}."),))


@pytest.fixture
def library(tmp_path: Path):
    with Library(tmp_path / "lib" / "library.sqlite3") as lib:
        yield lib


def fill(library: Library, count: int) -> list[int]:
    return [library.articles.add(make_article(n))[0] for n in range(count)]


@pytest.mark.parametrize(("typed", "tags"), [
    ("salary, pay", ["salary", "pay"]),
    ("  salary ,pay ,, ", ["salary", "pay"]),
    ("#salary", ["salary"]),
    ("##salary, #pay", ["salary", "pay"]),
    ("Réseau, reseau, RÉSEAU", ["Réseau"]),
    (" , # ,", []),
    ("job search", ["job search"]),
])
def test_split_tags(typed: str, tags: list[str]) -> None:
    assert split_tags(typed) == tags


def test_a_leading_hash_is_not_kept() -> None:
    assert tag_name("#salary") == "salary"
    assert tag_name("  ## pay ") == "pay"
    with pytest.raises(InvalidInputError):
        tag_name("#")


def test_one_tag_whatever_case_accents_and_ligatures(library: Library) -> None:
    first, second, third = fill(library, 3)
    assert library.tags.add(first, "Réseau") == "Réseau"
    assert library.tags.add(second, "reseau") == "Réseau"
    assert library.tags.add(third, "#RÉSEAU") == "Réseau"
    library.tags.add(first, "Cœur")
    assert library.tags.add(second, "coeur") == "Cœur"
    assert [(t.name, t.count) for t in library.tags.all()] == [("Cœur", 2), ("Réseau", 3)]
    assert library.tags.remove(third, "réseau")
    assert library.tags.of(third) == []
    found = library.tags.find("RESEAU")
    assert found and (found.name, found.count) == ("Réseau", 2)


def test_tags_sort_without_regard_to_accents(library: Library) -> None:
    (article_id,) = fill(library, 1)
    for name in ("zèbre", "Écriture", "emploi", "Carrière"):
        library.tags.add(article_id, name)
    assert library.tags.of(article_id) == ["Carrière", "Écriture", "emploi", "zèbre"]


def test_rename_across_the_library(library: Library) -> None:
    first, second, third = fill(library, 3)
    for article_id in (first, second):
        library.tags.add(article_id, "salary")
    library.tags.add(third, "other")
    assert library.tags.rename("#Salary", "Salaire") == ("Salaire", 2)
    assert library.tags.of(first) == ["Salaire"] and library.tags.of(second) == ["Salaire"]
    assert library.tags.find("salary") is None
    assert library.tags.rename("salaire", "SALAIRE") == ("SALAIRE", 2)  # a new spelling
    with pytest.raises(InvalidInputError, match="no tag #absent"):
        library.tags.rename("absent", "x")
    with pytest.raises(InvalidInputError):
        library.tags.rename("salaire", "  # ")


def test_rename_onto_an_existing_tag_merges(library: Library) -> None:
    first, second, third = fill(library, 3)
    library.tags.add(first, "pay")
    library.tags.add(second, "Paie")
    library.tags.add(third, "Paie")
    library.tags.add(third, "pay")
    assert library.tags.rename("pay", "paie") == ("Paie", 2)
    assert [(t.name, t.count) for t in library.tags.all()] == [("Paie", 3)]
    assert library.tags.of(third) == ["Paie"]


def test_delete_across_the_library(library: Library) -> None:
    first, second, _ = fill(library, 3)
    library.tags.add(first, "salary")
    library.tags.add(second, "Salary")
    library.tags.add(second, "keep")
    assert library.tags.delete("SALARY") == 2
    assert library.tags.names() == ["keep"]
    assert library.tags.of(first) == [] and library.tags.of(second) == ["keep"]
    with pytest.raises(InvalidInputError):
        library.tags.delete("salary")


def test_migration_merges_tags_that_differ_by_case_or_accents(tmp_path: Path,
                                                               monkeypatch) -> None:
    path = tmp_path / "library.sqlite3"
    before = [m.apply for m in migrations.MIGRATIONS].index(migrations._tag_keys)
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:before])
    with Library(path) as old, old.db.write() as conn:  # rows as that schema held them
        for n in (1, 2, 3):
            conn.execute("INSERT INTO articles (id, key, source, title, blocks, word_count, "
                         "reading_minutes, added_at, updated_at) VALUES (?, ?, 's', ?, '[]', "
                         "0, 1, 'x', 'x')", (n, f"k{n}", f"Article {n}"))
    first, second, third = 1, 2, 3
    monkeypatch.undo()
    raw = sqlite3.connect(path)
    raw.executemany("INSERT INTO tags (id, name) VALUES (?, ?)",
                    [(1, "Réseau"), (2, "reseau"), (3, "#pay"), (4, "pay"), (5, "RÉSEAU"),
                     (6, "##x")])
    raw.executemany("INSERT INTO article_tags (article_id, tag_id) VALUES (?, ?)",
                    [(first, 1), (second, 2), (first, 5), (third, 3), (second, 4),
                     (third, 6)])
    raw.commit()
    raw.close()
    with Library(path) as lib:
        assert [(t.name, t.count) for t in lib.tags.all()] == [
            ("pay", 2), ("Réseau", 2), ("x", 1)]
        assert lib.tags.of(first) == ["Réseau"] and lib.tags.of(second) == ["pay", "Réseau"]
        assert lib.tags.add(third, "réseau") == "Réseau"
        version = lib.db.conn.execute("PRAGMA user_version").fetchone()[0]
        assert version == migrations.LATEST_VERSION


def test_tag_key_is_the_migrations_folding() -> None:
    from lecteur.core.text.sanitize import fold

    for name in ("Réseau", "Cœur", "ﬁnance", "Straße"):
        assert tag_key(name) == fold(name)
