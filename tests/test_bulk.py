"""Feed items stored in bulk leave exactly the rows the per-row triggers would have left:
counters, people, authors' folded keys, hosts; and what was stored is not stored again."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from lecteur.core.errors import LecteurError
from lecteur.core.library import migrations
from lecteur.core.library.feed_items import Update
from lecteur.core.library.store import Library
from lecteur.core.models import Article, Author, Block, FeedItem


@pytest.fixture
def library(tmp_path: Path):
    with Library(tmp_path / "library.sqlite3") as lib:
        yield lib


def item(guid: str, link: str | None, author: str | None = None) -> FeedItem:
    return FeedItem(guid=guid, title=f"Item {guid}", link=link, author=author,
                    date="2026-01-0%sT08:00:00Z" % (1 + len(guid) % 9),
                    blocks=(Block("paragraph", f"Le réseau, épisode {guid}."),))


def update(feed_id: int, items: list[FeedItem]) -> Update:
    return Update(feed_id, tuple(items), f"https://feeds.example/{feed_id}", "Flux", None,
                  "fr", None, None, f"h{feed_id}")


def derived(conn: sqlite3.Connection) -> dict[str, list[tuple[object, ...]]]:
    """What the triggers keep: the counters, people, and each article's keys and host."""
    return {
        "counters": conn.execute("SELECT name, value FROM counters WHERE value != 0 "
                                 "ORDER BY name").fetchall(),
        "people": conn.execute("SELECT * FROM people ORDER BY order_key").fetchall(),
        "person_articles": conn.execute(
            "SELECT * FROM person_articles ORDER BY order_key, article_id").fetchall(),
        "articles": conn.execute("SELECT id, author_key, author_order, host FROM articles "
                                 "ORDER BY id").fetchall(),
    }


def remade(conn: sqlite3.Connection) -> dict[str, list[tuple[object, ...]]]:
    """The same, made again from the rows by the migrations' own definitions."""
    conn.execute("BEGIN")
    try:
        migrations.fill_counters(conn)
        migrations.fill_people(conn)
        conn.execute("UPDATE articles SET author_key = CASE WHEN author_name IS NULL THEN NULL "
                     "ELSE lecteur_fold(author_name) END, author_order = CASE WHEN "
                     "author_name IS NULL THEN NULL ELSE lecteur_collate(author_name) END, "
                     f"host = {migrations._host_expression('url')}")
        return derived(conn)
    finally:
        conn.execute("ROLLBACK")


def test_items_stored_in_bulk_leave_what_the_triggers_would(library: Library) -> None:
    library.articles.add(Article(
        source="page.html", title="Gardé", url="https://www.Example.org:8080/kept",
        blocks=(Block("paragraph", "Texte."),), author=Author("Émile Zola")))
    library.rules.add("site:b.example -> archive")
    one, _ = library.feeds.add("https://feeds.example/1")
    two, _ = library.feeds.add("https://feeds.example/2")
    stored = library.feed_items.record_refresh((), [
        update(one, [item("a", "https://A.example/1", "émile zola"),
                     item("b", "https://b.example/2", "Jeanne"),
                     item("a", "https://a.example/other"),  # the same guid again
                     item("c", None, ""),
                     item("d", "https://www.example.org:8080/kept")]),  # the saved one
        update(two, [item("a", "https://a.example/other"),  # another feed's link
                     item("e", "https://b.example/3", "JEANNE"),
                     item("f", "http://[::1]:8/x", "Zoé")]),
    ])
    assert [len(ids) for ids in stored] == [3, 2]
    conn = library.db.conn
    assert conn.execute("SELECT count(*) FROM storing_in_bulk").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM articles WHERE archived = 1").fetchone()[0] == 2
    kept = derived(conn)
    assert kept == remade(conn)
    assert ("feed:1", 3) in kept["counters"] and ("feed:2", 2) in kept["counters"]
    assert {row[1] for row in kept["people"]} == {"Émile Zola", "Jeanne", "JEANNE", "Zoé"}
    assert library.articles.count() == 6
    assert library.feed_items.record_refresh((), [update(one, [item("g", None)])]) == [[6 + 1]]
    assert derived(conn) == remade(conn)
    # People already known (from a save, from an earlier refresh) gain their new articles.
    library.feed_items.record_refresh((), [update(two, [
        item("h", "https://c.example/1", "Émile Zola"), item("i", None, "Jeanne"),
        item("j", "https://c.example/2", "Jeanne")])])
    assert derived(conn) == remade(conn)
    assert conn.execute("SELECT articles FROM people WHERE name = 'Jeanne'").fetchone() == (3,)


def test_items_already_stored_or_deleted_are_not_stored_again(library: Library) -> None:
    feed, _ = library.feeds.add("https://feeds.example/1")
    first = library.feed_items.record_refresh((), [update(feed, [item("a", None),
                                                                  item("b", None)])])
    library.articles.trash(first[0][0])
    library.articles.empty_trash()  # deleted for good: never stored again
    again = library.feed_items.record_refresh((), [update(feed, [item("a", None),
                                                                  item("b", None),
                                                                  item("c", None)])])
    assert len(again[0]) == 1
    assert library.articles.count() == 2
    assert derived(library.db.conn) == remade(library.db.conn)


def test_a_failed_bulk_store_leaves_nothing(library: Library, monkeypatch) -> None:
    feed, _ = library.feeds.add("https://feeds.example/1")
    from lecteur.core.library import bulk

    def broken(conn: sqlite3.Connection, ids: list[int]) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(bulk, "count_inserted", broken)
    with pytest.raises(LecteurError):
        library.feed_items.record_refresh((), [update(feed, [item("a", None)])])
    conn = library.db.conn
    assert conn.execute("SELECT count(*) FROM storing_in_bulk").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    monkeypatch.undo()
    library.articles.add(Article(source="p", title="Saved", blocks=(Block("paragraph", "x"),),
                                 author=Author("Jeanne")))
    assert derived(conn) == remade(conn)  # the triggers run again for a save


def test_a_refresh_write_keeps_statement_journals_in_memory_then_the_default(library: Library,
                                                                           monkeypatch) -> None:
    """An insert that can fire triggers opens a statement journal; a feed item's changes
    pass SQLite's spill threshold, so with the default each insert wrote a temporary file.
    During a refresh's write they are in memory; after it (even after a failure) the default
    is back, for the big statements elsewhere."""
    from lecteur.core.library import bulk

    feed, _ = library.feeds.add("https://feeds.example/1")
    conn = library.db.conn
    seen: list[int] = []
    counted = bulk.count_inserted

    def watching(conn: sqlite3.Connection, ids: list[int]) -> None:
        seen.append(conn.execute("PRAGMA temp_store").fetchone()[0])
        seen.append(conn.execute("PRAGMA cache_size").fetchone()[0])
        counted(conn, ids)

    monkeypatch.setattr(bulk, "count_inserted", watching)
    library.feed_items.record_refresh((), [update(feed, [item("a", None)])])
    default_cache = -2000  # SQLite's
    assert seen == [2, -32 * 1024]  # MEMORY, and a larger cache
    assert conn.execute("PRAGMA temp_store").fetchone()[0] == 0
    assert conn.execute("PRAGMA cache_size").fetchone()[0] == default_cache

    def broken(conn: sqlite3.Connection, ids: list[int]) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(bulk, "count_inserted", broken)
    with pytest.raises(LecteurError):
        library.feed_items.record_refresh((), [update(feed, [item("b", None)])])
    assert conn.execute("PRAGMA temp_store").fetchone()[0] == 0
    assert conn.execute("PRAGMA cache_size").fetchone()[0] == default_cache


@pytest.mark.parametrize("author", [None, "", "Jeanne Dupont", "Ève « la Plume »",
                                    'Jo "JJ" O\\Neil', "A\u2028B\u0007\ud83d\ude00"])
@pytest.mark.parametrize("link", [None, "https://site.example/a?utm_source=x"])
@pytest.mark.parametrize("sitename, language", [("", None), ("Flux", "fr")])
def test_an_items_values_are_those_of_the_article_it_becomes(author, link, sitename,
                                                              language) -> None:
    """Storing a feed item writes its columns without building its article; they must be
    what `_article_values` gives for that article."""
    from lecteur.core.library.articles import _article_values
    from lecteur.core.library.feed_items import _article_of, _item_values
    from lecteur.core.text.prepared import prepare

    feed_item = FeedItem(guid="g", title="Un titre", link=link, author=author,
                         date="2026-01-02T08:00:00Z" if link else None,
                         blocks=(Block("paragraph", "Le réseau " * 300),
                                 Block("quote", "Dit-elle.", speaker="Ève")))
    prep = prepare(feed_item)
    article = _article_of(feed_item, "https://feeds.example/1", sitename, language)
    assert _item_values(feed_item, prep, "https://feeds.example/1", sitename, language) == \
        _article_values(article, prep.word_count)
    assert prep.word_count == article.word_count


def test_the_data_a_worker_sends_back_survives_pickling_whole() -> None:
    """Blocks, authors, feed items and parsed feeds are pickled as their fields in order
    (`models._pickled_by_fields`): every field, default or not, comes back."""
    import pickle

    from lecteur.core.models import ParsedFeed
    from lecteur.core.text.prepared import prepare

    block = Block("quote", "Dit-elle.", speaker="Ève", cite="— Ève, coach",
                  attribution="une coach", links=(("ici", "https://a.example/"),))
    entry = FeedItem(guid="g", title="T", link="https://a.example/1", author="Ève",
                     date="2026-01-02T08:00:00Z", blocks=(block,), scan=("any", 1))
    entry = FeedItem(**{**{name: getattr(entry, name) for name in entry.__slots__},
                        "prepared": prepare(entry)})
    parsed = ParsedFeed("Flux", "https://a.example/", "fr", (entry,), malformed=True)
    author = Author("Ève", bio="Coach.", email="eve@a.example", links=("https://a.example/",))
    for value in (block, entry, parsed, author):
        assert value.__reduce__()[0] is type(value)  # a call, not the slots' state
        again = pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        assert type(again) is type(value)
        assert all(getattr(again, name) == getattr(value, name) for name in value.__slots__)
