"""A feed item's values prepared in the parse worker are exactly what storing it computes."""

from __future__ import annotations

from pathlib import Path

import pytest

from lecteur.core.library.articles import _article_values, _body_values, _search_values
from lecteur.core.library.feed_items import _article_of, item_key
from lecteur.core.library.store import Library
from lecteur.core.models import Block, FeedItem, FeedJob
from lecteur.core.text.prepared import prepare
from lecteur.core.workers.feeds import read_feed

ITEMS = (
    FeedItem(guid="g1", title="Œuvre Complète : l'ÉTÉ", link="HTTPS://WWW.Example.org/a/?utm_source=x",
             author="Zoé Ærø", date="2026-01-01T00:00:00Z",
             blocks=(Block("paragraph", "Déjà vu, ﬁn."), Block("quote", "« Oui »", cite="Elle"))),
    FeedItem(guid="g2", title="Sans texte", link=None, author=None),
    FeedItem(guid="g3", title="t", link="https://example.org/b", author="",
             blocks=(Block("list", "un\ndeux trois"),)),
)


def test_prepared_values_are_those_of_the_stored_article() -> None:
    for item in ITEMS:
        prep = prepare(item)
        article = _article_of(item, "https://feeds.example/f", "Flux", "fr")
        title, author, _site, text = _search_values(article)
        blocks, links = _body_values(article)
        assert (prep.title, prep.author, prep.text, prep.blocks) == (title, author, text, blocks)
        assert links == "[]"
        assert prep.word_count == article.word_count
        assert _article_values(article, prep.word_count) == _article_values(article)
        expected_key = item_key(7, item)
        assert (prep.key_url or f"feed:7:{item.guid}") == expected_key


def test_the_worker_prepares_every_item() -> None:
    body = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>'
            b"<item><title>\xc3\x89t\xc3\xa9</title><link>https://Example.org/x</link>"
            b"<description>&lt;p&gt;Caf\xc3\xa9 cr\xc3\xa8me&lt;/p&gt;</description></item>"
            b"</channel></rss>")
    parsed = read_feed(FeedJob("https://example.org/feed", body, "application/rss+xml"))
    assert parsed.items and all(item.prepared == prepare(item) for item in parsed.items)


def test_prepared_items_store_as_unprepared_ones(tmp_path: Path) -> None:
    rows = []
    for name, items in (("plain", ITEMS),
                        ("prepared", tuple(FeedItem(i.guid, i.title, i.link, i.author, i.date,
                                                    i.blocks, prepare(i)) for i in ITEMS))):
        with Library(tmp_path / name / "library.sqlite3") as library:
            feed, _ = library.feeds.add("https://feeds.example/f")
            library.feed_items.store(feed, items, feed_url="https://feeds.example/f",
                                     title="Flux", site_url=None, language="fr", etag=None,
                                     last_modified=None, body_hash="h")
            conn = library.db.conn
            rows.append((
                conn.execute("SELECT id, key, url, source, title, author_name, author, "
                             "word_count, reading_minutes, host, author_key FROM articles "
                             "ORDER BY id").fetchall(),
                conn.execute("SELECT * FROM article_bodies ORDER BY article_id").fetchall(),
                conn.execute("SELECT rowid FROM search WHERE search MATCH 'oeuvre OR cafe "
                             "OR zoe OR flux' ORDER BY rowid").fetchall()))
    assert rows[0] == rows[1]
    assert len(rows[0][0]) == 3 and rows[0][2]


@pytest.mark.parametrize("blocks", [
    (),
    (Block("paragraph", "Trois mots ici"),),
    (Block("quote", "Dit-elle ceci.", cite="— Ève Martin, coach"),
     Block("list", "un\ndeux trois")),
])
def test_a_prepared_items_feed_words_are_those_counted_from_its_blocks(blocks) -> None:
    """A refresh asks every new item for its words (does its feed want full articles?):
    the parse worker counts them; the count is the one made from the blocks, cite lines
    left out, and 0 for an item with no text of its own (its body is then its title)."""
    from dataclasses import replace

    plain = FeedItem(guid="g", title="Un titre de cinq mots", blocks=blocks)
    counted = sum(len(block.text.split()) for block in blocks)
    assert plain.words == counted
    assert replace(plain, prepared=prepare(plain)).words == counted


@pytest.mark.parametrize("oldest_first", [True, False])
def test_a_feed_of_more_than_a_thousand_items_keeps_its_newest(oldest_first: bool) -> None:
    """A worker keeps a feed's newest thousand entries: the document's first ones when
    the feed lists its newest first (most do), its last ones when it lists its oldest
    first (generators, archives), read from the dates."""
    from datetime import date, timedelta

    from lecteur.core.workers.feeds import MAX_ITEMS

    days = [date(2020, 1, 1) + timedelta(days=n) for n in range(MAX_ITEMS + 200)]
    if not oldest_first:
        days.reverse()
    items = "".join(
        f"<item><title>Jour {day}</title><link>https://a.example/{day}</link>"
        f"<guid>{day}</guid><pubDate>{day:%a, %d %b %Y} 08:00:00 +0000</pubDate></item>"
        for day in days)
    body = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Archive</title>'
            f"{items}</channel></rss>").encode()
    kept = read_feed(FeedJob("https://a.example/feed", body, "application/rss+xml")).items
    assert len(kept) == MAX_ITEMS
    assert {item.date for item in kept} == {f"{day}" for day in sorted(days)[-MAX_ITEMS:]}
