"""Counts kept by triggers: every view's, each tag's, the unread articles' and each feed's
unread items stay exact through every change, and a library made before them gets them."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from lecteur.core.library import migrations
from lecteur.core.library.store import Library
from lecteur.core.library.views import FIXED_KINDS, View
from lecteur.core.models import Article, Block, FeedItem

COUNTED = (*FIXED_KINDS, "dismissed")


def make_article(n: int) -> Article:
    return Article(source=f"page-{n}.html", title=f"Article {n}", url=f"https://example.org/{n}",
                   blocks=(Block("paragraph", f"Le réseautage, épisode {n}."),))


def scanned(library: Library) -> dict[str, int]:
    """Every counter as a count of the rows would give it."""
    conn = library.db.conn
    counts = {kind: library.views.count_by_scan(View(kind)) for kind in COUNTED}
    counts["unread"] = conn.execute("SELECT count(*) FROM articles WHERE trashed_at IS NULL "
                                    "AND read_at IS NULL").fetchone()[0]
    for (tag_id,) in conn.execute("SELECT id FROM tags").fetchall():
        counts[f"tag:{tag_id}"] = library.views.count_by_scan(View("tag", tag_id))
    for feed_id, unread in conn.execute(
            "SELECT feed_id, count(*) FROM articles WHERE feed_id IS NOT NULL AND read_at IS "
            "NULL AND trashed_at IS NULL GROUP BY feed_id").fetchall():
        counts[f"feed:{feed_id}"] = unread
    return counts


def kept(library: Library) -> dict[str, int]:
    """Every counter as the library keeps it (zeros left out, as `scanned` has none)."""
    counts = {kind: library.views.count(View(kind)) for kind in COUNTED}
    counts["unread"] = library.views.unread()
    for (tag_id,) in library.db.conn.execute("SELECT id FROM tags").fetchall():
        counts[f"tag:{tag_id}"] = library.views.count(View("tag", tag_id))
    counts.update({f"feed:{f}": n for f, n in library.feeds.unread_counts().items()})
    return counts


def assert_exact(library: Library) -> None:
    assert kept(library) == scanned(library)
    assert library.articles.count() == library.db.conn.execute(
        "SELECT count(*) FROM articles WHERE trashed_at IS NULL").fetchone()[0]
    assert library.articles.count(trashed=True) == scanned(library)["trash"]
    carried = {tag.id: tag.count for tag in library.tags.all()}
    assert all(carried[t] == library.views.count_by_scan(View("tag", t)) for t in carried)


@pytest.fixture
def library(tmp_path: Path):
    with Library(tmp_path / "lib" / "library.sqlite3") as lib:
        yield lib


def _store_items(library: Library, feed_id: int, guids: list[str]) -> list[int]:
    items = [FeedItem(guid=g, title=f"Item {g}", link=f"https://a.example/{g}",
                      blocks=(Block("paragraph", "Texte."),)) for g in guids]
    return library.feed_items.store(feed_id, items, feed_url="https://a.example/feed",
                                    title="A", site_url=None, language="fr", etag=None,
                                    last_modified=None, body_hash="h")


def test_counts_stay_exact_through_every_kind_of_change(library: Library) -> None:
    ids = [library.articles.add(make_article(n))[0] for n in range(12)]
    assert_exact(library)
    feed_id, _ = library.feeds.add("https://a.example/feed")
    items = _store_items(library, feed_id, ["a", "b", "c"])
    ids += items
    assert_exact(library)
    assert library.feeds.unread_counts() == {feed_id: 3}
    rng = random.Random(3)
    steps = [
        lambda i: library.views.toggle_flag(i, "starred"),
        lambda i: library.views.toggle_flag(i, "archived"),
        lambda i: library.views.toggle_flag(i, "saved"),
        lambda i: library.views.set_flag(i, "saved", True),
        lambda i: library.views.toggle_read(i),
        lambda i: library.views.mark_read(i, False),
        lambda i: library.tags.add(i, rng.choice(["Réseau", "pay", "salaire"])),
        lambda i: library.tags.remove(i, rng.choice(["reseau", "pay"])),
        lambda i: library.articles.trash(i),
        lambda i: library.articles.restore(i),
        lambda i: library.curate.dismiss(i),
        lambda i: library.curate.undismiss(i),
    ]
    for _ in range(250):
        live = [i for i in ids if library.views.row(i) is not None]
        article_id = rng.choice(live)
        step = rng.choice(steps)
        try:
            step(article_id)
        except Exception as error:  # ArticleGone for a trashed one: a change refused
            assert type(error).__name__ == "ArticleGone", error
        assert_exact(library)
    library.tags.rename("pay", "Réseau")  # a merge
    assert_exact(library)
    library.tags.delete("salaire")
    assert_exact(library)
    for article_id in ids[:3]:
        library.articles.restore(article_id)
        library.articles.trash(article_id)
    library.articles.remove(ids[4])  # for good
    assert_exact(library)
    library.articles.empty_trash()
    assert_exact(library)
    library.remove_feed(feed_id)  # its items stay, no longer feed items
    assert_exact(library)


def test_counts_after_purging_tagged_articles_in_and_out_of_the_trash(library: Library) -> None:
    ids = [library.articles.add(make_article(n))[0] for n in range(4)]
    for article_id in ids:
        library.tags.add(article_id, "réseau")
    library.articles.trash(ids[0])
    tag = library.tags.find("reseau")
    assert tag is not None and library.views.count(View("tag", tag.id)) == 3
    library.articles.empty_trash()  # a trashed one purged: the tag's count does not move
    assert library.views.count(View("tag", tag.id)) == 3
    library.articles.remove(ids[1])
    with library.db.write() as conn:  # purged straight from the library (`rm --purge`)
        library.articles.purge(conn, ids[2])
    assert library.views.count(View("tag", tag.id)) == 1
    assert_exact(library)


def test_counting_a_view_reads_one_row_not_the_table(library: Library) -> None:
    plan = library.db.conn.execute(
        "EXPLAIN QUERY PLAN SELECT value FROM counters WHERE name = 'inbox'").fetchall()
    assert "articles" not in str(plan)
    library.articles.add(make_article(1))
    with library.db.write() as conn:  # a counter skewed by hand: the view believes it
        conn.execute("UPDATE counters SET value = 41 WHERE name = 'inbox'")
    assert library.views.count(View("inbox")) == 41
    library.views.recount()
    assert library.views.count(View("inbox")) == 1


def test_a_library_made_before_counters_gets_them_exact(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "library.sqlite3"
    ours = [m.apply for m in migrations.MIGRATIONS].index(migrations._counters)
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:ours])
    monkeypatch.setattr(migrations, "LATEST_VERSION", ours)
    with Library(path) as old:
        ids = [old.articles.add(make_article(n))[0] for n in range(9)]
        old.views.toggle_flag(ids[0], "starred")
        old.views.toggle_flag(ids[1], "archived")
        old.views.mark_read(ids[2])
        old.tags.add(ids[3], "pay")
        old.tags.add(ids[4], "pay")
        old.articles.trash(ids[4])
        feed_id, _ = old.feeds.add("https://a.example/feed")
        with old.db.write() as conn:  # feed items as that schema stored them
            for guid in ("a", "b"):
                conn.execute("INSERT INTO articles (key, source, title, url, word_count, "
                             "reading_minutes, added_at, updated_at, feed_id, guid) VALUES "
                             "(?, 'feed', ?, ?, 1, 1, '2026-01-01T00:00:00Z', "
                             "'2026-01-01T00:00:00Z', ?, ?)",
                             (f"https://a.example/{guid}", f"Item {guid}",
                              f"https://a.example/{guid}", feed_id, guid))
    monkeypatch.undo()
    raw = sqlite3.connect(path)
    assert "counters" not in {r[0] for r in raw.execute("SELECT name FROM sqlite_master")}
    raw.close()
    with Library(path) as lib:
        assert lib.db.conn.execute("PRAGMA user_version").fetchone()[0] == \
            migrations.LATEST_VERSION
        assert_exact(lib)
        assert lib.views.count(View("trash")) == 1 and lib.views.unread() == 9
        lib.articles.add(make_article(50))
        assert_exact(lib)


def test_where_an_article_sits_is_counted_from_the_nearer_end(library: Library) -> None:
    ids = [library.articles.add(make_article(n))[0] for n in range(31)]
    for article_id in ids[::4]:
        library.views.toggle_flag(article_id, "starred")
    library.articles.trash(ids[5])
    for view in (View("inbox"), View("starred"), View("trash")):
        order = [row.id for row in library.views.rows(view, 100)]
        assert [library.views.index_in(view, i) for i in order] == list(range(len(order)))
    assert library.views.index_in(View("inbox"), ids[5]) is None
    assert library.views.index_in(View("starred"), ids[1]) is None


def people_by_scan(library: Library) -> list[tuple[object, ...]]:
    """Everybody with their counts and dates, grouped from the tables (the old query)."""
    from lecteur.core.text.collate import collation_key

    rows = library.db.conn.execute(
        """SELECT name, sum(quotes), sum(quoted_in), sum(articles), min(first), max(last)
        FROM (
            SELECT quotes.speaker AS name, count(*) AS quotes,
                   count(DISTINCT quotes.article_id) AS quoted_in, 0 AS articles,
                   min(articles.date) AS first, max(articles.date) AS last
            FROM quotes JOIN articles ON articles.id = quotes.article_id
            WHERE quotes.speaker IS NOT NULL AND articles.trashed_at IS NULL
            GROUP BY quotes.speaker
            UNION ALL
            SELECT author_name, 0, 0, count(*), min(date), max(date)
            FROM articles WHERE author_name IS NOT NULL AND trashed_at IS NULL
            GROUP BY author_name
        ) GROUP BY name""").fetchall()
    return sorted((tuple(r) for r in rows), key=lambda r: collation_key(str(r[0])))


def voiced(n: int, speakers: tuple[str | None, ...], author: str | None,
           date: str = "2024-01-01") -> Article:
    from lecteur.core.models import Author

    blocks = tuple(Block("quote", f"Citation {n}-{i}.", speaker=s) for i, s in enumerate(speakers))
    return Article(source=f"page-{n}.html", title=f"Article {n}", url=f"https://example.org/{n}",
                   date=date, author=Author(author) if author else None,
                   blocks=(Block("paragraph", "Texte."), *blocks))


def test_people_stay_exact_through_saves_trash_and_purges(library: Library) -> None:
    names = ("Hélène Côté", "helene cote", "Étienne Roy", "Zoé Ruiz", None)
    rng = random.Random(5)

    def check() -> None:
        paged = [(p.name, p.quotes, p.quoted_in, p.articles, p.first, p.last)
                 for p in library.people.all()]
        assert paged == people_by_scan(library)
        assert library.people.count() == len(paged)

    ids = []
    for n in range(25):
        speakers = tuple(rng.choice(names) for _ in range(rng.randint(0, 4)))
        ids.append(library.articles.add(voiced(n, speakers, rng.choice(names),
                                               f"2024-0{rng.randint(1, 9)}-01"))[0])
    check()
    for step in range(60):
        n = rng.randrange(25)
        action = rng.choice(("resave", "trash", "restore", "purge"))
        if action == "resave":  # new quotations, another author, another date
            speakers = tuple(rng.choice(names) for _ in range(rng.randint(0, 4)))
            library.articles.add(voiced(n, speakers, rng.choice(names),
                                        f"2023-1{rng.randint(0, 2)}-0{step % 9 + 1}"))
        elif action == "trash" and library.views.row(ids[n]) and not \
                library.articles.in_trash(ids[n]):
            library.articles.trash(ids[n])
        elif action == "restore" and library.views.row(ids[n]):
            library.articles.restore(ids[n])
        elif action == "purge":
            library.articles.remove(ids[n])
        check()
    found = {p.name for p in library.people.matching("HELENE")}
    assert found == {name for name, *_counts in people_by_scan(library)} & {"helene cote",
                                                                           "Hélène Côté"}


def test_a_page_of_people_groups_nothing(library: Library) -> None:
    plan = " ".join(str(r[3]) for r in library.db.conn.execute(
        "EXPLAIN QUERY PLAN SELECT order_key FROM people WHERE order_key > 'a' "
        "ORDER BY order_key LIMIT 100"))
    assert "TEMP B-TREE" not in plan and "quotes" not in plan


def test_an_imported_backup_has_its_counts_and_people_exact(library: Library,
                                                             tmp_path: Path) -> None:
    from lecteur.core.library.dump import dump, restore

    ids = [library.articles.add(voiced(n, ("Hélène Côté", "Zoé Ruiz"), "Étienne Roy"))[0]
           for n in range(6)]
    library.tags.add(ids[0], "pay")
    library.articles.trash(ids[1])
    library.views.toggle_flag(ids[2], "starred")
    saved = dump(library.db)
    assert "counters" not in saved["tables"] and "people" not in saved["tables"]
    assert "speaker_order" not in saved["tables"]["quotes"]["columns"]
    with Library(tmp_path / "other" / "library.sqlite3") as other:
        restore(other.db, saved)
        assert_exact(other)
        assert kept(other) == kept(library)
        assert [(p.name, p.quotes, p.articles) for p in other.people.all()] == [
            (p.name, p.quotes, p.articles) for p in library.people.all()]
        assert other.quotations.page()[0][0] == library.quotations.page()[0][0]


def test_a_whole_view_marked_read_then_unread_again_keeps_every_count_exact(
        library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    """`A` in the reader: every unread article of one feed (not another's, not one in the
    trash) is marked read in one write, and taken back; the counters follow."""
    first = library.feeds.add("https://a.example/feed")[0]
    second = library.feeds.add("https://b.example/feed")[0]
    mine = _store_items(library, first, ["a1", "a2", "a3"])
    others = _store_items(library, second, ["b1"])
    library.views.mark_read(mine[0])
    library.articles.trash(mine[1])
    from lecteur.core.library import views

    monkeypatch.setattr(views, "MARK_CHUNK", 1)  # one write a mark: the chunks add up
    marked = library.views.mark_view_read(View("feed", feed_id=first))
    assert marked == [mine[2]]  # the one already read, and the trashed one, left alone
    assert library.feeds.unread_counts() == {second: 1}
    assert_exact(library)
    library.views.mark_unread_again(marked)
    assert library.feeds.unread_counts() == {first: 1, second: 1}
    assert sorted(library.views.mark_view_read(View("inbox"))) == sorted([mine[2], others[0]])
    assert library.views.mark_view_read(View("inbox")) == []
    assert_exact(library)
