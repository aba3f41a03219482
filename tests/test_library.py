"""The SQLite library: durable, private, searchable without accents, safe with two writers."""

from __future__ import annotations

import multiprocessing
import sqlite3
import stat
from pathlib import Path

import pytest

from lecteur.core.library import migrations
from lecteur.core.library.store import Library, LibraryError, fts_query
from lecteur.core.models import Article, Author, Block


def make_article(n: int = 1, url: str | None = None, body: str | None = None, **kw) -> Article:
    blocks = (
        Block("paragraph", body or f"Le réseautage, ça se cultive au cœur de l'hiver ({n})."),
        Block("quote", "Il faut donner avant de recevoir.", speaker="Marie Tremblay"),
    )
    return Article(
        source=url or f"page-{n}.html", title=kw.pop("title", f"Article {n}"), blocks=blocks,
        url=url, author=Author("Jeanne Roy", bio="Journaliste."), sitename="Le Devoir",
        language="fr", date="2024-02-03", **kw,
    )


@pytest.fixture
def library(tmp_path: Path):
    with Library(tmp_path / "lib" / "library.sqlite3") as lib:
        yield lib


def test_round_trip(library: Library) -> None:
    article = make_article(url="https://example.org/a")
    article_id, new = library.articles.add(article)
    assert new
    stored = library.articles.get(article_id)
    assert stored is not None
    assert stored.article == article
    assert library.articles.count() == 1


def test_same_url_saved_twice_is_one_article(library: Library) -> None:
    first, _ = library.articles.add(make_article(url="https://Example.org/a?id=3&utm_source=x#top"))
    again, new = library.articles.add(make_article(url="https://example.org:443/a?id=3&fbclid=abc",
                                          title="Nouveau titre"))
    assert (again, new) == (first, False)
    assert library.articles.count() == 1
    stored = library.articles.get(first)
    assert stored and stored.article.title == "Nouveau titre"
    other, new = library.articles.add(make_article(url="https://example.org/a?id=4"))
    assert new and other != first


def test_same_file_content_saved_twice_is_one_article(library: Library) -> None:
    assert library.articles.add(make_article())[1]
    assert not library.articles.add(make_article())[1]
    assert library.articles.count() == 1


@pytest.mark.parametrize(
    ("query", "found"),
    [("reseau", True), ("reseaux", False), ('"reseau"', False), ("reseautage", True),
     ("réseautage", True), ("RESEAUTAGE", True),
     ("coeur", True), ("cœur", True), ("hiver coeur", True), ("hiver absent", False),
     ('"au coeur"', True), ('"coeur au"', False), ("reseau*", True), ("jeanne", True),
     ("devoir", True), ("tremblay", False)],
)
def test_search_folds_accents_and_ligatures(library: Library, query: str, found: bool) -> None:
    library.articles.add(make_article(url="https://example.org/a"))
    assert bool(library.articles.search(query)) is found


def test_search_finds_plain_e_for_accented(library: Library) -> None:
    library.articles.add(make_article(body="Le réseau des élèves."))
    assert library.articles.search("reseau") and library.articles.search("eleves")


@pytest.mark.parametrize(
    ("query", "match", "found"),
    [('"', "", False), ("(", "", False), ("*", "", False), ("^", "", False), ("", "", False),
     ("AND", '"and"*', True), ("a OR", '"a" "or"', True), ("NEAR(", '"near"*', True),
     ("NEAR(a b)", '"near a" "b"', False), ("a NEAR b", '"a" "near" "b"', False),
     ("col:x", '"col x"', True), ("title:x", '"title x"', False),
     ('"col x', '"col x"', True), ("x*", '"x"*', True),
     ('"col x"', '"col x"', True), ("reseau*", '"reseau"*', True), ("r*seau", '"r seau"*', False),
     ("'", "", False), ("\\", "", False), ("a'b", '"a b"', False), ("a'bcd", '"a bcd"*', False)],
)
def test_fts_syntax_is_searched_as_words(library: Library, query: str, match: str,
                                         found: bool) -> None:
    """FTS5 operators and punctuation are words or nothing, never syntax: no query raises,
    ``AND`` finds the word "and", ``col:x`` is no column filter (an unknown filter of the
    query language, searched as words; ``Query.check`` says so), and a query without words
    finds nothing. (``-x`` excludes: tests/test_queries.py.)"""
    article_id, _ = library.articles.add(make_article(
        body="Réseau: a and, or, near, col x."))
    library.articles.add(make_article(2, body="Rien à voir."))
    assert fts_query(query) == match
    hits = [entry.id for entry in library.articles.search(query)]
    assert hits == ([article_id] if found else [])


def test_update_reindexes(library: Library) -> None:
    article_id, _ = library.articles.add(
        make_article(url="https://example.org/a", body="ancien texte"))
    library.articles.add(make_article(url="https://example.org/a", body="nouveau contenu"))
    assert not library.articles.search("ancien")
    assert [e.id for e in library.articles.search("nouveau")] == [article_id]


def test_remove_deletes_article_quotes_and_index(library: Library, tmp_path: Path) -> None:
    article_id, _ = library.articles.add(make_article(url="https://example.org/a"))
    keep_id, _ = library.articles.add(make_article(2, url="https://example.org/b"))
    assert library.articles.remove(article_id)
    assert not library.articles.remove(article_id)
    assert library.articles.get(article_id) is None
    assert [e.id for e in library.articles.search("reseautage")] == [keep_id]
    raw = sqlite3.connect(library.path)
    assert raw.execute("SELECT count(*) FROM quotes WHERE article_id = ?",
                       (article_id,)).fetchone()[0] == 0
    raw.close()


def test_entries_newest_first_and_paged(library: Library) -> None:
    ids = [library.articles.add(make_article(n, url=f"https://example.org/{n}"))[0]
           for n in range(5)]
    assert [e.id for e in library.articles.entries()] == ids[::-1]
    assert [e.id for e in library.articles.entries(limit=2, offset=1)] == ids[::-1][1:3]


def test_files_are_private(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "lib" / "library.sqlite3"
    with Library(path) as lib:
        lib.articles.add(make_article())
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        for suffix in ("", "-wal", "-shm"):
            file = Path(str(path) + suffix)
            assert file.exists(), suffix
            assert stat.S_IMODE(file.stat().st_mode) == 0o600, suffix


def test_library_settings(library: Library) -> None:
    conn = library.db.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST_VERSION


def test_newer_library_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    with Library(path) as lib:
        lib.articles.add(make_article())
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA user_version = 99")
    raw.close()
    before = path.read_bytes()
    with pytest.raises(LibraryError, match="newer lecteur"):
        Library(path)
    assert path.read_bytes() == before


def test_failed_migration_leaves_the_previous_schema(tmp_path: Path, monkeypatch) -> None:
    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("crash in the middle of a migration")

    path = tmp_path / "library.sqlite3"
    Library(path).close()
    monkeypatch.setattr(migrations, "MIGRATIONS",
                        (*migrations.MIGRATIONS, migrations.Migration("broken", broken)))
    with pytest.raises(RuntimeError):
        Library(path)
    with pytest.raises(RuntimeError):  # a new library is made whole or not at all
        Library(tmp_path / "new" / "library.sqlite3")
    assert not (tmp_path / "new" / "library.sqlite3").exists()
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == len(migrations.MIGRATIONS) - 1
    tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "half_done" not in tables and "articles" in tables
    raw.close()


def _writer(path: str, start: int, count: int, errors) -> None:
    lib = Library(Path(path))
    try:
        for n in range(start, start + count):
            try:
                lib.articles.add(make_article(n, url=f"https://example.org/{n}"))
            except Exception as error:  # counted, not raised: the test asserts there are none
                errors.put(repr(error))
    finally:
        lib.close()


def test_two_processes_writing_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    Library(path).close()
    ctx = multiprocessing.get_context("spawn")
    errors = ctx.Queue()
    per_process = 250
    workers = [ctx.Process(target=_writer, args=(str(path), i * per_process, per_process, errors))
               for i in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    found = []
    while not errors.empty():
        found.append(errors.get())
    assert found == []
    with Library(path) as lib:
        assert lib.articles.count() == 2 * per_process
        assert len(lib.articles.search("reseautage", limit=1000)) == 2 * per_process
