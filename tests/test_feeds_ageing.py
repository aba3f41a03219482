"""Feed items nobody kept age out of the Inbox (issue 11): after ``feed_age_days`` they
leave it, but stay in their feed's view and in search; never while saved, starred,
tagged, noted, highlighted or holding a kept quotation; one kept after ageing comes back.
Real SQLite files in tmp_path; the clock is moved, not slept."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from lecteur.core import clock
from lecteur.core.config import FEED_AGE_DAYS, load_config
from lecteur.core.library.store import Library
from lecteur.core.library.views import View
from lecteur.core.models import Article, Block, FeedItem

START = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    previous = clock.set_clock(lambda: START)
    with Library(tmp_path / "lib.sqlite3") as lib:
        yield lib
    clock.set_clock(previous)


def _items(library: Library, count: int, word: str = "ruisseau") -> tuple[int, list[int]]:
    feed_id = library.feeds.add("https://example.org/feed.rss", "Flux")[0]
    items = [FeedItem(f"g{n}", f"Élément {n}", f"https://example.org/i/{n}",
                      blocks=(Block("paragraph", f"Un {word} numéro {n}."),))
             for n in range(count)]
    ids = library.feed_items.store(feed_id, items, feed_url="https://example.org/feed.rss",
                                   title="Flux", site_url=None, language="fr", etag=None,
                                   last_modified=None, body_hash="h")
    return feed_id, ids


def _later(days: float) -> None:
    clock.set_clock(lambda: START + timedelta(days=days))


def _inbox(library: Library) -> set[int]:
    return {row.id for row in library.views.rows(View("inbox"), 100)}


def test_items_nobody_kept_leave_the_inbox_after_the_days_and_stay_found(
        library: Library) -> None:
    feed_id, ids = _items(library, 3)
    own = library.articles.add(Article(source="x.html", title="Mine",
                                       blocks=(Block("paragraph", "un ruisseau à moi"),)))[0]
    _later(29)
    assert library.feed_items.age_out(30) == (0, 0)
    assert _inbox(library) == {*ids, own}
    _later(31)
    assert library.feed_items.age_out(30) == (3, 0)
    assert _inbox(library) == {own}  # an article added by hand never ages
    assert library.views.count(View("inbox")) == 1
    # Still in the library: its feed's view, and search.
    assert library.views.count(View("feed", feed_id=feed_id)) == 3
    found = {hit.id for hit in library.articles.search("ruisseau")}
    assert set(ids) <= found
    assert library.feed_items.age_out(30) == (0, 0)  # once


def test_kept_items_never_age_and_one_kept_after_ageing_comes_back(library: Library) -> None:
    _feed_id, ids = _items(library, 7)
    saved, starred, tagged, noted, lit, later, plain = ids
    library.views.set_flag(saved, "saved", True)
    library.views.set_flag(starred, "starred", True)
    library.tags.add(tagged, "à relire")
    library.notes.add(noted, "Une note.")
    library.highlights.add(lit, 0, "Un ruisseau")
    _later(40)
    assert library.feed_items.age_out(30) == (2, 0)
    assert _inbox(library) == {saved, starred, tagged, noted, lit}
    library.views.set_flag(later, "starred", True)  # starred once aged: back in the Inbox
    assert library.feed_items.age_out(30) == (0, 1)
    assert later in _inbox(library) and plain not in _inbox(library)


def test_zero_days_ages_nothing_and_archived_or_trashed_items_are_left_alone(
        library: Library) -> None:
    _feed_id, ids = _items(library, 3)
    library.views.set_flag(ids[0], "archived", True)
    library.articles.trash(ids[1])
    _later(400)
    assert library.feed_items.age_out(0) == (0, 0)
    assert _inbox(library) == {ids[2]}
    assert library.feed_items.age_out(30) == (1, 0)
    assert library.views.count(View("archive")) == 1
    assert library.views.count(View("trash")) == 1


def test_the_setting_is_read_and_a_bad_value_is_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("feed_age_days = 7\n", encoding="utf-8")
    assert load_config(path).feed_age_days == 7 and load_config(path).problem is None
    assert load_config(tmp_path / "absent.toml").feed_age_days == FEED_AGE_DAYS == 30
    path.write_text('feed_age_days = "a month"\n', encoding="utf-8")
    config = load_config(path)
    assert config.feed_age_days == FEED_AGE_DAYS
    assert config.problem and "feed_age_days" in config.problem and "\n" not in config.problem


def test_the_inbox_and_a_feeds_view_are_counted_and_paged_from_their_indexes(
        library: Library) -> None:
    """Ageing adds a column to the Inbox's filter; its index still covers it, and a feed's
    view (the sidebar's feeds) reads only its own index, whatever the library's size."""
    from lecteur.core.library.views import view_filter

    for view in (View("inbox"), View("feed", feed_id=1)):
        where, params = view_filter(view)
        for query in (f"SELECT count(*) FROM articles WHERE {where}",
                      f"SELECT id FROM articles WHERE {where} "
                      "ORDER BY added_at DESC, id DESC LIMIT 100 OFFSET 50"):
            plan = " ".join(str(row[-1]) for row in library.db.conn.execute(
                f"EXPLAIN QUERY PLAN {query}", params))
            assert "COVERING INDEX" in plan and "TEMP B-TREE" not in plan, (view, plan)


def test_judging_the_items_takes_no_write_lock_and_nothing_changed_writes_nothing(
        library: Library, tmp_path: Path) -> None:
    """The items are judged in a read: with another lecteur holding the write lock, a run
    that changes nothing answers at once instead of waiting for it (at a million articles
    the judging takes seconds, and the reader's writes waited behind it)."""
    import sqlite3
    import time

    _items(library, 3)
    _later(31)
    assert library.feed_items.age_out(30) == (3, 0)
    other = sqlite3.connect(tmp_path / "lib.sqlite3", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # a second writer holds the lock
    try:
        with Library(tmp_path / "lib.sqlite3", busy_timeout_ms=3000) as second:
            started = time.monotonic()
            assert second.feed_items.age_out(30) == (0, 0)
            assert time.monotonic() - started < 1.0
    finally:
        other.execute("ROLLBACK")
        other.close()
    before = library.db.conn.total_changes
    assert library.feed_items.age_out(30) == (0, 0)
    assert library.db.conn.total_changes == before
