"""Feeds in the library and feed documents in the parser: schema, dedup, unread counts,
RSS 2.0 / Atom / RDF, malformed but readable feeds, and hostile documents (reliability.md
D1-D5: bombs, external entities, bodies that look like paths, inputs that make the parser
raise), each an error sentence or entries, never a crash and never a read of a local file."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from feed_server import rss
from lecteur.core.errors import FeedError
from lecteur.core.library import migrations
from lecteur.core.library.store import Library
from lecteur.core.models import Article, Block, FeedItem, FeedJob
from lecteur.core.workers.feeds import read_feed
from lecteur.core.workers.pool import ExtractorPool

SITE = Path(__file__).parent / "site"


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with Library(tmp_path / "lib.sqlite3") as lib:
        yield lib


@pytest.fixture(scope="module")
def pool() -> Iterator[ExtractorPool]:
    with ExtractorPool(size=1, timeout=10) as workers:
        yield workers


def _item(guid: str, link: str | None = None, title: str = "Titre") -> FeedItem:
    return FeedItem(guid=guid, title=title, link=link, blocks=(Block("paragraph", "Texte."),))


def _article(n: int) -> Article:
    return Article(source=f"page-{n}.html", title=f"Article {n}", url=f"https://example.org/{n}",
                   blocks=(Block("paragraph", f"Le réseautage, épisode {n}."),))


def _store(library: Library, feed_id: int, items: list[FeedItem]) -> list[int]:
    return library.feed_items.store(feed_id, items, feed_url="https://example.org/feed",
                               title="Exemple", site_url=None, language="fr", etag=None,
                               last_modified=None, body_hash="x")


# --- schema and library ---------------------------------------------------------------------


def test_the_feeds_migration_is_the_last_and_the_library_is_at_the_latest(
        library: Library) -> None:
    version = library.db.conn.execute("PRAGMA user_version").fetchone()[0]
    assert version == len(migrations.MIGRATIONS)
    assert any("feeds" in m.name for m in migrations.MIGRATIONS)
    tables = {r[0] for r in library.db.conn.execute("SELECT name FROM sqlite_master")}
    assert {"feeds", "feed_tags", "articles_unread_by_feed"} <= tables


def test_a_library_with_a_trash_gets_feeds_keeping_its_ids_and_its_trash(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A library made before feeds (ids AUTOINCREMENT, a trash) takes the feeds migration:
    the rebuilt table keeps its AUTOINCREMENT, its live-only indexes and what is in its
    trash, and feed items go on from the highest id ever given."""
    ours = next(i for i, m in enumerate(migrations.MIGRATIONS) if m.apply is migrations._feeds)
    trash = next(i for i, m in enumerate(migrations.MIGRATIONS)
                 if m.apply is migrations._trash_and_lasting_ids)
    assert trash < ours  # the unread index needs trashed_at
    path = tmp_path / "lib.sqlite3"
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:ours])
    with Library(path) as old:  # rows as that schema held them (today's add writes more)
        conn = old.db.conn
        for n in (1, 2):
            conn.execute("INSERT INTO articles (key, source, title, blocks, word_count, "
                         "reading_minutes, added_at, updated_at) VALUES (?, 's', 't', '[]', "
                         "0, 1, 'a', 'a')", (f"k{n}",))
        kept, gone = (row[0] for row in conn.execute("SELECT id FROM articles ORDER BY id"))
        conn.execute("UPDATE articles SET trashed_at = 'x' WHERE id = ?", (kept,))
        conn.execute("DELETE FROM articles WHERE id = ?", (gone,))
        conn.commit()
    monkeypatch.undo()
    with Library(path) as lib:
        conn = lib.db.conn
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(migrations.MIGRATIONS)
        assert "AUTOINCREMENT" in conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'articles'").fetchone()[0]
        columns = {r[1] for r in conn.execute("PRAGMA table_info(articles)")}
        assert {"trashed_at", "feed_id", "guid"} <= columns
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert {"articles_in_trash", "articles_by_saved", "articles_unread_by_feed"} <= names
        assert lib.articles.entries() == []  # the trashed one is still in the trash
        feed_id, _ = lib.feeds.add("https://a.example/feed")
        assert _store(lib, feed_id, [_item("g1", "https://a.example/1")]) == [gone + 1]
        assert lib.feeds.unread_counts() == {feed_id: 1}


def test_one_feed_per_canonical_url(library: Library) -> None:
    first, new = library.feeds.add("https://Example.org/feed?utm_source=x", tags=["Carrière"])
    again, new_again = library.feeds.add("https://example.org/feed", tags=["Réseau"])
    assert (first, new, new_again) == (again, True, False)
    assert library.feeds.get(first).tags == ("Carrière", "Réseau")  # type: ignore[union-attr]


def test_items_are_deduplicated_by_guid_and_by_canonical_link(library: Library) -> None:
    one, _ = library.feeds.add("https://a.example/feed")
    two, _ = library.feeds.add("https://b.example/feed")
    assert len(_store(library, one, [_item("g1", "https://x.example/p?utm_source=rss"),
                                     _item("g2")])) == 2
    assert _store(library, one, [_item("g1", "https://x.example/p"), _item("g2")]) == []
    # Another feed carrying the same article (same canonical link) does not add it again.
    assert _store(library, two, [_item("other", "https://x.example/p#comments")]) == []
    assert library.articles.count() == 2


def test_unread_counts_come_from_the_partial_index(library: Library) -> None:
    feed_id, _ = library.feeds.add("https://a.example/feed")
    ids = _store(library, feed_id, [_item(f"g{i}", f"https://a.example/{i}") for i in range(5)])
    library.views.mark_read(ids[0])
    assert library.feeds.unread_counts() == {feed_id: 4}
    assert library.feeds.get(feed_id).unread == 4  # type: ignore[union-attr]
    plan = " ".join(str(r) for r in library.db.conn.execute(
        "EXPLAIN QUERY PLAN SELECT feed_id, count(*) FROM articles INDEXED BY "
        "articles_unread_by_feed WHERE feed_id IS NOT NULL AND read_at IS NULL "
        "AND trashed_at IS NULL GROUP BY feed_id"))
    assert "articles_unread_by_feed" in plan and "SCAN articles" not in plan


def test_the_sidebars_entries_are_every_feed_as_all_lists_it(library: Library) -> None:
    """`entries` (what the sidebar reads) is `all`'s order and its title, tags, unread
    count and last error, for a failing feed and a feed in folders too."""
    beta, _ = library.feeds.add("https://b.example/feed", "beta", tags=["z", "Carrière"])
    alpha, _ = library.feeds.add("https://a.example/feed", "Alpha")
    library.feeds.add("https://c.example/feed")
    _store(library, beta, [_item(f"g{i}", f"https://b.example/{i}") for i in range(3)])
    with library.db.write() as conn:
        conn.execute("UPDATE feeds SET last_error = 'HTTP 500' WHERE id = ?", (alpha,))
    entries = library.feeds.entries()
    assert [(f.id, f.url, f.title, f.tags, f.unread, f.last_error)
            for f in library.feeds.all()] == [tuple(entry) for entry in entries]
    assert [(e.title, e.tags, e.unread, e.last_error) for e in entries][1:] == [
        ("Alpha", (), 0, "HTTP 500"), ("beta", ("Carrière", "z"), 3, None)]


def test_items_in_the_trash_are_not_counted_unread(library: Library) -> None:
    feed_id, _ = library.feeds.add("https://a.example/feed")
    ids = _store(library, feed_id, [_item(f"g{i}", f"https://a.example/{i}") for i in range(3)])
    library.articles.trash(ids[0])
    assert library.feeds.unread_counts() == {feed_id: 2}
    # Still the feed's: a refresh listing it again does not bring it back from the trash.
    assert _store(library, feed_id, [_item("g0", "https://a.example/0")]) == []
    assert library.feeds.get(feed_id).unread == 2  # type: ignore[union-attr]
    assert library.articles.restore(ids[0])
    assert library.feeds.unread_counts() == {feed_id: 3}


def test_an_item_deleted_for_good_does_not_come_back_while_the_feed_lists_it(
        library: Library) -> None:
    feed_id, _ = library.feeds.add("https://a.example/feed")
    items = [_item(f"g{i}", f"https://a.example/{i}") for i in range(3)]
    first, second, _third = _store(library, feed_id, items)
    library.articles.trash(first)
    assert library.articles.empty_trash() == 1  # the trash emptied
    assert library.articles.remove(second)  # rm --purge
    assert _store(library, feed_id, items) == []
    assert library.feeds.unread_counts() == {feed_id: 1}
    # Unsubscribing forgets them: subscribing again brings the feed's items back.
    assert library.remove_feed(feed_id)
    again, _ = library.feeds.add("https://a.example/feed")
    assert len(_store(library, again, items)) == 3


def test_items_are_stored_oldest_first_so_the_newest_is_on_top(library: Library) -> None:
    feed_id, _ = library.feeds.add("https://a.example/feed")
    _store(library, feed_id, [_item("new", "https://a.example/new", "Newest"),
                              _item("old", "https://a.example/old", "Oldest")])
    assert [e.title for e in library.articles.entries()] == ["Newest", "Oldest"]


def test_a_feed_that_lists_its_oldest_item_first_still_shows_its_newest_on_top(
        library: Library, pool: ExtractorPool) -> None:
    """Most feeds list the newest first, but some (generators, archives) list the oldest
    first: the items of one refresh arrive together, so the list showed those oldest on
    top. Dated items are stored by their dates, whatever order the feed writes them in."""
    items = "".join(f"<item><title>Billet {day}</title><link>https://a.example/{day}</link>"
                    f"<guid>b{day}</guid><pubDate>{day:02d} Nov 2026 10:00:00 GMT</pubDate>"
                    f"<description>Texte.</description></item>" for day in (1, 2, 3))
    body = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Ancien d’abord</title>'
            f"{items}</channel></rss>").encode()
    parsed = pool.parse_feed(FeedJob("https://a.example/feed", body))
    feed_id, _ = library.feeds.add("https://a.example/feed")
    _store(library, feed_id, list(parsed.items))
    assert [e.title for e in library.articles.entries()] == ["Billet 3", "Billet 2", "Billet 1"]


def test_removing_a_feed_keeps_the_items_the_reader_kept(library: Library) -> None:
    feed_id, _ = library.feeds.add("https://a.example/feed")
    kept, dropped = _store(library, feed_id, [_item("a", "https://a.example/1"),
                                              _item("b", "https://a.example/2")])
    library.views.set_flag(kept, "starred", True)
    assert library.remove_feed(feed_id)
    assert library.articles.get(kept) is not None and library.articles.get(dropped) is None
    assert library.feeds.all() == [] and not library.remove_feed(feed_id)


def test_untagging_an_article_keeps_a_tag_a_feed_carries(library: Library) -> None:
    feed_id, _ = library.feeds.add("https://a.example/feed", tags=["Carrière"])
    article = _store(library, feed_id, [_item("a", "https://a.example/1")])[0]
    library.tags.add(article, "Carrière")
    library.tags.remove(article, "Carrière")
    assert library.feeds.get(feed_id).tags == ("Carrière",)  # type: ignore[union-attr]
    assert library.feeds.untag(feed_id, "Carrière")
    assert "Carrière" not in library.tags.names()


def test_rename_and_full_text_setting(library: Library) -> None:
    feed_id, _ = library.feeds.add("https://a.example/feed")
    assert library.feeds.rename(feed_id, "Mon \x1b[31mflux") == "Mon ␛flux"
    assert library.feeds.rename(999, "x") is None
    assert library.feeds.set_full_text(feed_id, True)
    assert library.feeds.get(feed_id).full_text is True  # type: ignore[union-attr]


# --- parsing --------------------------------------------------------------------------------


def _parse(body: bytes, content_type: str = "application/xml"):  # type: ignore[no-untyped-def]
    return read_feed(FeedJob("https://example.org/feed", body, content_type))


def test_rss_atom_and_rdf_are_read() -> None:
    for name in ("carnet.rss", "carnet.atom"):
        body = (SITE / "feeds" / name).read_bytes().replace(b"@BASE@", b"https://example.org")
        parsed = _parse(body)
        assert not parsed.malformed and len(parsed.items) == 2
        assert parsed.items[0].link and parsed.items[0].link.startswith("https://example.org/")
    rdf = b"""<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
      xmlns="http://purl.org/rss/1.0/"><channel rdf:about="https://example.org/"><title>RDF</title>
      <link>https://example.org/</link></channel><item rdf:about="https://example.org/1">
      <title>Un</title><link>https://example.org/1</link><description>Texte</description></item>
      </rdf:RDF>"""
    parsed = _parse(rdf)
    assert parsed.title == "RDF" and [i.title for i in parsed.items] == ["Un"]


def test_item_text_becomes_paragraphs_and_fields_are_cleaned() -> None:
    body = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>T \xc2\x9b2J</title>'
            b"<item><title>[AFP] Le pr\xc3\xa9sident</title><link>javascript:alert(1)</link>"
            b"<description>&lt;p&gt;Un&lt;/p&gt;&lt;script&gt;x()&lt;/script&gt;&lt;p&gt;Deux"
            b"&lt;/p&gt;</description></item></channel></rss>")
    item = _parse(body).items[0]
    assert item.title == "[AFP] Le président" and item.link is None
    assert [b.text for b in item.blocks] == ["Un", "Deux"]



@pytest.mark.parametrize("kind", ["rss", "atom"])  # the fast path, and feedparser's
def test_a_link_that_cannot_be_parsed_loses_only_itself(kind: str) -> None:
    """``http://[::1/x`` (a bracket left open) made urljoin raise, and the whole feed with
    it; now that item has no link, and the feed, its other items and their links stay."""
    bad = "http://[::1/x"
    if kind == "rss":
        body = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
                f"<link>{bad}</link><item><title>A</title><link>{bad}</link><guid>a</guid>"
                f"</item><item><title>B</title><link>https://example.org/b</link>"
                f"<guid>b</guid></item></channel></rss>")
    else:
        body = (f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T'
                f'</title><link href="{bad}"/><entry><title>A</title><link href="{bad}"/>'
                f'<id>a</id></entry><entry><title>B</title><link href="https://example.org/b"'
                f"/><id>b</id></entry></feed>")
    parsed = read_feed(FeedJob("https://example.org/feed.xml", body.encode(),
                               "application/xml"))
    assert [(item.title, item.link) for item in parsed.items] == [
        ("A", None), ("B", "https://example.org/b")]
    assert parsed.site_url is None


def test_discovery_skips_an_address_that_cannot_be_parsed() -> None:
    from lecteur.core.net.feeds import discover

    page = (b'<html><head><link rel="alternate" type="application/rss+xml" '
            b'href="http://[::1/feed"><link rel="alternate" type="application/rss+xml" '
            b'href="/feed.xml"></head></html>')
    assert discover("https://example.org/", page) == ["https://example.org/feed.xml"]

def test_a_malformed_but_readable_feed_gives_entries_and_a_warning() -> None:
    body = rss("Cassé", 3).replace(b"</channel></rss>", b"<item><title>x & y</title></item>")
    parsed = _parse(body)
    assert len(parsed.items) >= 3
    assert parsed.malformed


@pytest.mark.parametrize(("body", "says"), [
    (b"<!DOCTYPE html><html><head><title>500</title></head><body>Error</body></html>",
     "web page"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "not a feed"),
    (b"", "empty"),
    (b"<?xml version='1.0'?><rss version='2.0'><channel><title>t", None),
])
def test_what_is_not_a_feed_is_one_sentence(body: bytes, says: str | None) -> None:
    try:
        parsed = _parse(body)
    except FeedError as error:
        assert str(error).endswith(".") and (says is None or says in str(error))
    else:
        assert says is None and parsed.items == ()


def test_billion_laughs_is_not_expanded(pool: ExtractorPool) -> None:
    entities = "".join(
        f'<!ENTITY lol{i} "{(f"&lol{i - 1};" if i > 1 else "lol") * 10}">'
        for i in range(1, 10))
    body = (f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]><rss version="2.0"><channel>'
            f"<title>&lol9;</title><item><title>&lol9;</title></item></channel></rss>").encode()
    started = time.monotonic()
    try:
        parsed = pool.parse_feed(FeedJob("https://example.org/feed", body))
    except FeedError:
        pass
    else:
        assert "lollollol" not in parsed.title + "".join(i.title for i in parsed.items)
    assert time.monotonic() - started < 5


def test_external_entities_and_path_bodies_never_read_a_local_file(
        tmp_path: Path, pool: ExtractorPool) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("MARQUEUR-SECRET", encoding="utf-8")
    uri = secret.as_uri()
    bodies = [
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "{uri}">]><rss version="2.0">'
        f"<channel><title>&x;</title><item><title>a &x;</title><description>&x;"
        f"</description></item></channel></rss>",
        f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "{uri}"><rss version="2.0"><channel>'
        f"<title>t</title></channel></rss>",
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % p SYSTEM "{uri}"> %p;]>'
        f'<rss version="2.0"><channel><title>t</title></channel></rss>',
        str(secret),  # the body is a path: feedparser given a str would open it
        uri,
    ]
    for body in bodies:
        try:
            parsed = pool.parse_feed(FeedJob("https://example.org/feed", body.encode()))
        except FeedError as error:
            assert "MARQUEUR" not in str(error)
            continue
        assert "MARQUEUR" not in repr(parsed)


@pytest.mark.parametrize("payload", ["&#xD800;", "&#x110000;", "&#99999999999;",
                                     '<!ENTITY p "C:\\data">', "\x00\x1b]52;c;eA==\x07"])
def test_inputs_that_make_feedparser_raise_give_a_sentence_or_entries(
        payload: str, pool: ExtractorPool) -> None:
    body = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>t{payload}</title>'
            f"<item><title>a{payload}</title></item></channel></rss>").encode()
    try:
        parsed = pool.parse_feed(FeedJob("https://example.org/feed", body))
    except FeedError as error:
        assert str(error).endswith(".")
    else:
        text = parsed.title + "".join(i.title for i in parsed.items)
        assert "\x1b" not in text and "\x00" not in text


@pytest.mark.parametrize("wrap", ["{}", "<![CDATA[{}]]>"])
def test_a_64_kb_author_does_not_make_the_parser_crawl(wrap: str, pool: ExtractorPool) -> None:
    author = wrap.format("a@" + "a." * 32000 + "!")  # feedparser#562: quadratic e-mail regex
    body = ('<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/'
            f'1.1/"><channel><title>t</title><item><title>x</title><author>{author}</author>'
            f"</item><item><title>y</title><dc:creator>{author}</dc:creator></item>"
            "</channel></rss>").encode()
    started = time.monotonic()
    parsed = pool.parse_feed(FeedJob("https://example.org/feed", body))
    assert time.monotonic() - started < 2
    assert [len(i.author or "") <= 200 for i in parsed.items] == [True, True]


def test_a_tag_only_feeds_carry_is_not_an_article_tag(library: Library) -> None:
    library.feeds.add("https://a.example/feed", tags=["Careers"])
    assert library.tags.all() == []  # the sidebar's tags are articles' tags
    feed_id = library.feeds.ids()[0]
    article = _store(library, feed_id, [_item("a", "https://a.example/1")])[0]
    library.tags.add(article, "careers")
    assert [(t.name, t.count) for t in library.tags.all()] == [("Careers", 1)]


def test_declared_and_undeclared_encodings_keep_french_accents() -> None:
    text = ('<?xml version="1.0" encoding="{}"?><rss version="2.0"><channel><title>Carrière'
            "</title><item><title>Réseauter sans s’épuiser</title><description>Très bien."
            "</description></item></channel></rss>")
    cp1252 = _parse(text.format("windows-1252").encode("cp1252"), "application/rss+xml")
    utf16 = _parse(text.format("utf-16").encode("utf-16"), "application/rss+xml")
    utf8 = _parse(text.format("utf-8").encode(), "text/xml; charset=utf-8")
    for parsed in (cp1252, utf16, utf8):
        assert parsed.title == "Carrière"
        assert parsed.items[0].title == "Réseauter sans s’épuiser"


def test_huge_feeds_keep_their_newest_thousand_items_and_short_titles(
        pool: ExtractorPool) -> None:
    many = pool.parse_feed(FeedJob("https://example.org/feed", rss("Beaucoup", 10_000,
                                                                     words=3)))
    assert len(many.items) == 1000 and many.items[0].title == "Beaucoup 10000"
    long_title = rss("T", 1).replace(b"<title>T 1</title>", b"<title>" + b"x" * 1_000_000
                                     + b"</title>")
    parsed = pool.parse_feed(FeedJob("https://example.org/feed", long_title))
    assert len(parsed.items[0].title) <= 1000


@pytest.mark.parametrize(("written", "stored"), [
    ("https://example.org/Garçon, un café crème.",
     "https://example.org/Gar%C3%A7on,%20un%20caf%C3%A9%20cr%C3%A8me."),
    ("/a b?q=c d#e f", "https://example.org/a%20b?q=c%20d#e%20f"),
    ("https://exemple.é é.net/0", None),  # no host name holds a space
    ("https://example.org/déjà%20vu", "https://example.org/d%C3%A9j%C3%A0%20vu"),
])
def test_an_item_link_is_stored_as_one_url(written: str, stored: str | None) -> None:
    from lecteur.core.net.feeds import parse_feed

    body = (f'<rss version="2.0"><channel><title>T</title><item><title>I</title>'
            f'<link>{written}</link><guid>g</guid></item></channel></rss>').encode()
    (entry,) = parse_feed("https://example.org/feed", body).entries
    assert entry.link == stored


def test_an_item_link_whose_port_is_not_a_number_is_no_link() -> None:
    from lecteur.core.net.feeds import parse_feed

    body = (b'<rss version="2.0"><channel><title>T</title><item><title>I</title>'
            b'<link>https://ent.exemple:warning: :smile:/a</link><guid>g</guid></item>'
            b'</channel></rss>')
    (entry,) = parse_feed("https://example.org/feed", body).entries
    assert entry.link is None
