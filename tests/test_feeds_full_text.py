"""Full articles for feeds of summaries, through the `lecteur add` pipeline, and the
address rule: a link from a feed reaches a loopback, private or link-local address only
when the feed itself lives on that host (reliability.md C4)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from feed_server import FeedServer, Route, feed_server, rss
from lecteur.core.errors import FetchError
from lecteur.core.library.store import Library
from lecteur.core.net.feeds import item_link_guard
from lecteur.core.refresh import Progress, refresh
from lecteur.core.workers.pool import ExtractorPool

ARTICLE = (Path(__file__).parent / "site" / "articles" / "fr-reseau.html").read_bytes()


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with Library(tmp_path / "lib.sqlite3") as lib:
        yield lib


@pytest.fixture(scope="module")
def pool() -> Iterator[ExtractorPool]:
    with ExtractorPool(size=2, timeout=10) as workers:
        yield workers


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with feed_server() as running:
        yield running


@pytest.fixture
def other_host() -> Iterator[FeedServer]:
    """A second loopback host (127.0.0.2): private, and not where the feed lives."""
    with feed_server("127.0.0.2") as running:
        yield running


def _summary_feed(server: FeedServer, path: str, links: list[str]) -> str:
    items = "".join(f"<item><title>Résumé {i}</title><link>{link}</link><guid>s{i}</guid>"
                    f"<description>Quelques mots seulement.</description></item>"
                    for i, link in enumerate(links))
    body = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Résumés</title>'
            f"{items}</channel></rss>").encode()
    return server.add(path, Route(body))


def test_a_feed_of_summaries_gets_the_full_articles(
        library: Library, pool: ExtractorPool, server: FeedServer) -> None:
    page = server.add("/articles/reseau.html", Route(ARTICLE, "text/html; charset=utf-8"))
    feed = _summary_feed(server, "/summaries.rss", [page])
    library.feeds.add(feed)
    phases: list[str] = []
    (result,) = refresh(library, pool, on_progress=lambda p: phases.append(p.phase))
    assert phases == ["feeds", "full text"]
    stored = library.articles.get(result.new_items[0])
    assert stored is not None and stored.article.word_count > 100
    assert library.feeds.all()[0].unread == 1  # still the feed's item, in place
    row = library.db.conn.execute("SELECT feed_id, guid FROM articles").fetchone()
    assert row == (library.feeds.all()[0].id, "s0")


def test_a_refresh_that_can_be_stopped_still_fetches_the_full_articles(
        library: Library, pool: ExtractorPool, server: FeedServer) -> None:
    """The reader's refresh child passes a `stop` event (set when the reader quits); the
    feeds phase ending must not set it, or feed items never get their full article in
    the reader while ``lecteur feeds refresh`` gives them one."""
    page = server.add("/articles/reseau.html", Route(ARTICLE, "text/html; charset=utf-8"))
    library.feeds.add(_summary_feed(server, "/summaries.rss", [page]))
    stop = threading.Event()
    phases: list[str] = []
    (result,) = refresh(library, pool, on_progress=lambda p: phases.append(p.phase),
                        stop=stop)
    assert phases == ["feeds", "full text"]
    assert not stop.is_set()
    stored = library.articles.get(result.new_items[0])
    assert stored is not None and stored.article.word_count > 100


def test_full_text_off_keeps_the_feed_text_and_on_fetches_long_feeds_too(
        library: Library, pool: ExtractorPool, server: FeedServer) -> None:
    page = server.add("/articles/long.html", Route(ARTICLE, "text/html; charset=utf-8"))
    short = _summary_feed(server, "/short.rss", [page])
    feed_id, _ = library.feeds.add(short)
    library.feeds.set_full_text(feed_id, False)
    refresh(library, pool)
    assert server.hits["/articles/long.html"] == 0
    long_feed = server.add("/long.rss", Route(rss("Long", 1, page.rsplit("/", 1)[0])))
    long_id, _ = library.feeds.add(long_feed)
    server.routes["/articles/1"] = Route(ARTICLE, "text/html; charset=utf-8")
    refresh(library, pool, [long_id])
    assert server.hits["/articles/1"] == 0  # automatic: the feed's text is long enough
    library.feeds.set_full_text(long_id, True)
    server.routes["/long.rss"] = Route(rss("Long", 2, page.rsplit("/", 1)[0]))
    server.routes["/articles/2"] = Route(ARTICLE, "text/html; charset=utf-8")
    refresh(library, pool, [long_id])
    assert server.hits["/articles/2"] == 1


def test_a_feed_cannot_send_lecteur_to_another_private_host(
        library: Library, pool: ExtractorPool, server: FeedServer,
        other_host: FeedServer) -> None:
    target = other_host.add("/admin/reboot", Route(ARTICLE, "text/html"))
    bounce = server.add("/bounce", Route(b"", "text/html", status=302,
                                         headers=(("Location", target),)))
    feed = _summary_feed(server, "/ssrf.rss", [target, bounce])
    library.feeds.add(feed)
    errors: list[str] = []

    def on_progress(progress: Progress) -> None:
        if progress.completed is not None and progress.completed.error:
            errors.append(progress.completed.error)

    refresh(library, pool, on_progress=on_progress)
    assert other_host.hits["/admin/reboot"] == 0
    assert server.hits["/bounce"] == 1  # the feed's own host may be asked; its redirect not
    assert len(errors) == 2 and all("private address" in e for e in errors)


@pytest.mark.parametrize(("feed", "link", "allowed"), [
    ("https://example.org/feed", "http://192.168.1.1/reboot", False),
    ("https://example.org/feed", "http://10.0.0.8/", False),
    ("https://example.org/feed", "http://169.254.169.254/latest/meta-data/", False),
    ("https://example.org/feed", "http://127.0.0.1:8080/", False),
    ("https://example.org/feed", "http://[::1]/", False),
    ("https://example.org/feed", "http://100.64.0.1/", False),
    ("https://example.org/feed", "http://localhost/", False),
    ("http://192.168.1.10/feed", "http://192.168.1.10/post/1", True),
    ("http://192.168.1.10/feed", "http://192.168.1.11/post/1", False),
    ("http://127.0.0.1:9000/feed", "http://127.0.0.1:9001/post", True),
    ("https://example.org/feed", "https://203.0.113.9.nip.invalid/", True),
])
def test_the_address_rule(feed: str, link: str, allowed: bool) -> None:
    guard = item_link_guard(feed)
    if allowed:
        guard(link)
    else:
        with pytest.raises(FetchError, match="private address"):
            guard(link)


def test_a_full_article_without_a_date_or_site_keeps_the_feeds(
        library: Library, pool: ExtractorPool, server: FeedServer) -> None:
    """A page that names neither its date nor its site (most small blogs' article pages)
    must not take the item's date away (it sorted as if published today, and the
    feed's list lost its order) nor put the bare host where the feed's title was."""
    paragraphs = "".join(f"<p>Le conseil numéro {i} : un réseau se construit lentement, "
                         f"avec patience, sincérité et {i} cafés partagés.</p>"
                         for i in range(30))
    page = server.add("/articles/plain.html", Route(
        f"<html><head><title>Sans date</title></head><body><article><h1>Sans date</h1>"
        f"{paragraphs}</article></body></html>".encode(), "text/html; charset=utf-8"))
    body = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Résumés</title>'
            f"<item><title>Court</title><link>{page}</link><guid>p1</guid>"
            f"<pubDate>Tue, 03 Nov 2026 10:00:00 GMT</pubDate>"
            f"<description>Quelques mots.</description></item></channel></rss>").encode()
    library.feeds.add(server.add("/plain.rss", Route(body)))
    (result,) = refresh(library, pool)
    stored = library.articles.get(result.new_items[0])
    assert stored is not None and stored.article.word_count > 100  # the full article
    assert stored.article.date is not None and stored.article.date.startswith("2026-11-03")
    assert stored.article.sitename == "Résumés"
