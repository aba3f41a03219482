"""Search ranks the whole library (`lecteur.core.library.ranking`), on real SQLite files.

The sizes that make the kept lists worth it (thousands of matches) are shrunk here by
setting `EXACT_UP_TO` and `DEPTH` small, so that every path runs on a few dozen articles:
exact ranking, a list made, a list merged with what was added since, remade once too
many were added, the trash and scopes filtered, a read-only library answered without one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lecteur.core.library import ranking
from lecteur.core.library.store import Library
from lecteur.core.library.views import View
from lecteur.core.models import Article, Block


def article(n: int, text: str) -> Article:
    return Article(source=f"p{n}", title=f"Article {n}", url=f"https://example.org/{n}",
                   blocks=(Block("paragraph", text),), language="fr")


FILLER = "Le réseau, " + "un mot parmi d'autres sur la carrière et les collègues. " * 8
BEST = "Réseau réseau réseau : le réseau."  # short and dense: bm25's best match


@pytest.fixture
def small(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ranking, "EXACT_UP_TO", 4)
    monkeypatch.setattr(ranking, "DEPTH", 6)


def _kept(library: Library) -> list[tuple[str, int]]:
    return [(str(q), int(u)) for q, u in
            library.db.conn.execute("SELECT query, upto FROM search_best_queries")]


def test_the_oldest_article_can_be_the_best_match(tmp_path: Path, small: None) -> None:
    """Before, only the newest 5,000 matches were ranked: the best one, older, was lost."""
    with Library(tmp_path / "library.sqlite3") as library:
        best_id, _ = library.articles.add(article(0, BEST))
        for n in range(1, 40):
            library.articles.add(article(n, FILLER))
        hits = library.articles.search("reseau", limit=5)
        assert hits[0].id == best_id
        assert _kept(library) == [('"reseau"*', 40)]


def test_articles_added_later_are_merged_and_the_list_remade(tmp_path: Path,
                                                             small: None) -> None:
    with Library(tmp_path / "library.sqlite3") as library:
        for n in range(20):
            library.articles.add(article(n, FILLER))
        library.articles.search("reseau", limit=3)
        newest, _ = library.articles.add(article(100, BEST))
        assert library.articles.search("reseau", limit=3)[0].id == newest  # merged
        assert _kept(library)[0][1] == 20  # not remade: one new match
        for n in range(101, 110):  # more new matches than EXACT_UP_TO: the list is remade
            library.articles.add(article(n, FILLER))
        assert library.articles.search("reseau", limit=3)[0].id == newest
        assert _kept(library)[0][1] == 30


def test_the_trash_and_scopes_are_filtered_from_the_kept_best(tmp_path: Path,
                                                              small: None) -> None:
    with Library(tmp_path / "library.sqlite3") as library:
        best_id, _ = library.articles.add(article(0, BEST))
        starred = []
        for n in range(1, 30):
            article_id, _ = library.articles.add(article(n, FILLER))
            if n % 10 == 0:
                library.views.set_flag(article_id, "starred", True)
                starred.append(article_id)
        library.articles.search("reseau", limit=5)
        library.articles.trash(best_id)
        assert best_id not in [hit.id for hit in library.articles.search("reseau", limit=5)]
        # three starred matches, none of them in the six kept: scored exactly instead
        found = library.articles.search("reseau", limit=5, view=View("starred"))
        assert sorted(hit.id for hit in found) == sorted(starred)
        assert [hit.id for hit in library.articles.search("in:trash reseau", limit=5)] \
            == [best_id]


def test_a_read_only_library_is_ranked_without_a_kept_list(tmp_path: Path,
                                                           small: None) -> None:
    path = tmp_path / "library.sqlite3"
    with Library(path) as library:
        best_id, _ = library.articles.add(article(0, BEST))
        for n in range(1, 20):
            library.articles.add(article(n, FILLER))
    path.chmod(0o444)
    path.parent.chmod(0o555)
    try:
        with Library(path, for_writing=False) as library:
            if not library.read_only:
                pytest.skip("running as a user who can write anyway (root)")
            assert library.articles.search("reseau", limit=3)[0].id == best_id
            assert _kept(library) == []
    finally:
        path.parent.chmod(0o755)
        path.chmod(0o644)


def test_a_busy_library_is_answered_without_waiting(tmp_path: Path, small: None) -> None:
    path = tmp_path / "library.sqlite3"
    with Library(path) as library, Library(path) as other:
        best_id, _ = library.articles.add(article(0, BEST))
        for n in range(1, 20):
            library.articles.add(article(n, FILLER))
        with other.db.write():  # another lecteur holds the write lock
            assert library.articles.search("reseau", limit=3)[0].id == best_id
        assert _kept(library) == []  # nothing kept: the lock was taken
        library.articles.search("reseau", limit=3)
        assert len(_kept(library)) == 1


@pytest.fixture
def prepared_small(monkeypatch: pytest.MonkeyPatch, small: None) -> None:
    monkeypatch.setattr(ranking, "PREPARE_FROM", 10)


def test_frequent_words_are_ranked_ahead_of_their_first_search(tmp_path: Path,
                                                              prepared_small: None) -> None:
    """`prepare` makes the lists a first search would have made (the reader's background
    worker runs it): the search then reads them, and the list is remade, in the background
    again, before so many new matches have come that a search would remake it."""
    with Library(tmp_path / "library.sqlite3") as library:
        best_id, _ = library.articles.add(article(0, BEST))
        for n in range(1, 30):
            library.articles.add(article(n, FILLER))
        assert library.articles.prepare_search(stop=lambda: True) == 0
        made = library.articles.prepare_search()
        kept = dict(_kept(library))
        assert made == len(kept) and kept['"reseau"*'] == 30
        assert '"zz"*' not in kept and not any("article" in q for q in kept)  # body words
        assert library.articles.search("reseau", limit=3)[0].id == best_id
        assert library.articles.prepare_search() == 0  # nothing new: nothing to make
        for n in range(30, 33):  # more than EXACT_UP_TO // 2 new matches
            library.articles.add(article(n, FILLER))
        assert library.articles.prepare_search() >= 1
        assert dict(_kept(library))['"reseau"*'] == 33


def test_a_small_library_prepares_nothing(tmp_path: Path, small: None) -> None:
    with Library(tmp_path / "library.sqlite3") as library:
        for n in range(30):
            library.articles.add(article(n, FILLER))
        assert library.articles.prepare_search() == 0 and _kept(library) == []


def test_a_prepared_list_is_updated_with_the_new_matches_alone(tmp_path: Path,
                                                              prepared_small: None) -> None:
    """Past half the new matches that remake a list, `prepare` scores only those and
    merges them: the best of the old ones stay, the new best comes first."""
    with Library(tmp_path / "library.sqlite3") as library:
        for n in range(30):
            library.articles.add(article(n, FILLER))
        library.articles.prepare_search()
        old = library.db.conn.execute("SELECT score, article_id FROM search_best WHERE "
                                      "query = '\"reseau\"*' ORDER BY score").fetchall()
        newest, _ = library.articles.add(article(100, BEST))
        for n in range(101, 103):
            library.articles.add(article(n, FILLER))
        assert library.articles.prepare_search() >= 1
        now = library.db.conn.execute("SELECT score, article_id FROM search_best WHERE "
                                      "query = '\"reseau\"*' ORDER BY score").fetchall()
        assert now[0][1] == newest and len(now) == ranking.DEPTH
        assert set(now[1:]) <= set(old) | {row for row in now if row[1] > 30}


def test_prepared_lists_are_written_a_batch_a_transaction(tmp_path: Path, prepared_small: None,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Each commit makes an open reader reload what it shows: the lists go in batches."""
    monkeypatch.setattr(ranking, "PREPARE_BATCH", 5)
    with Library(tmp_path / "library.sqlite3") as library:
        for n in range(30):
            library.articles.add(article(n, FILLER))
        statements: list[str] = []
        library.db.conn.set_trace_callback(statements.append)
        made = library.articles.prepare_search()
        library.db.conn.set_trace_callback(None)
        assert made == len(_kept(library)) > 5
        writes = sum(1 for sql in statements if sql == "BEGIN IMMEDIATE")
        assert writes == -(-made // 5)  # (each read is a plain BEGIN: one snapshot)
