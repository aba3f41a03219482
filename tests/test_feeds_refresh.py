"""Refreshing feeds against a real server on 127.0.0.1: conditional requests, unchanged
bodies not parsed again, 429 and Retry-After, a per-host connection limit, one bad feed
among good ones, progress reported in the calling thread, and discovery from a page."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from feed_server import FeedServer, Route, feed_server, rss
from lecteur.core.errors import FeedError, FetchError
from lecteur.core.library.store import Library
from lecteur.core.refresh import Progress, refresh
from lecteur.core.subscriptions import import_opml, subscribe
from lecteur.core.workers.pool import ExtractorPool


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


def _subscribe_all(library: Library, *urls: str) -> list[int]:
    return [library.feeds.add(url)[0] for url in urls]


def test_etag_gives_a_304_and_the_feed_is_not_parsed_again(
        library: Library, pool: ExtractorPool, server: FeedServer) -> None:
    url = server.add("/a.rss", Route(rss("A", 3), etag='"v1"'))
    _subscribe_all(library, url)
    first = refresh(library, pool)
    assert [(r.status, len(r.new_items)) for r in first] == [("new", 3)]
    assert library.feeds.all()[0].title == "A"
    second = refresh(library, pool)
    assert [r.status for r in second] == ["unchanged"]
    assert server.last_headers["/a.rss"]["if-none-match"] == '"v1"'
    assert library.articles.count() == 3


def test_last_modified_is_sent_back_as_if_modified_since(
        library: Library, pool: ExtractorPool, server: FeedServer) -> None:
    stamp = "Mon, 02 Jun 2025 10:00:00 GMT"
    url = server.add("/m.rss", Route(rss("M", 1), last_modified=stamp))
    _subscribe_all(library, url)
    refresh(library, pool)
    assert [r.status for r in refresh(library, pool)] == ["unchanged"]
    assert server.last_headers["/m.rss"]["if-modified-since"] == stamp


def test_an_identical_body_without_validators_is_not_parsed_again(
        library: Library, pool: ExtractorPool, server: FeedServer,
        monkeypatch: pytest.MonkeyPatch) -> None:
    url = server.add("/same.rss", Route(rss("Same", 2)))
    _subscribe_all(library, url)
    refresh(library, pool)
    parsed = []
    original = pool.parse_feed
    monkeypatch.setattr(pool, "parse_feed", lambda job: parsed.append(job) or original(job))
    assert [r.status for r in refresh(library, pool)] == ["unchanged"]
    assert parsed == [] and server.hits["/same.rss"] == 2
    server.routes["/same.rss"] = Route(rss("Same", 3))
    assert [len(r.new_items) for r in refresh(library, pool)] == [1]


def test_429_with_retry_after_skips_the_feed_until_then(
        library: Library, pool: ExtractorPool, server: FeedServer) -> None:
    url = server.add("/busy.rss", Route(b"slow down", "text/plain", status=429,
                                        headers=(("Retry-After", "3600"),)))
    _subscribe_all(library, url)
    (first,) = refresh(library, pool)
    assert first.status == "failed" and "come back later" in (first.error or "")
    feed = library.feeds.all()[0]
    assert feed.retry_until and feed.last_error
    (second,) = refresh(library, pool)
    assert second.status == "skipped" and server.hits["/busy.rss"] == 1
    # The time is written as `feeds ls` writes its times, not as the stored ISO stamp.
    until = feed.retry_until.replace("T", " ").rstrip("Z")[:16]
    assert until in (second.error or "") and feed.retry_until not in (second.error or "")


def test_one_bad_feed_among_good_ones_says_its_error_and_the_others_carry_on(
        library: Library, pool: ExtractorPool, server: FeedServer) -> None:
    good = [server.add(f"/good{i}.rss", Route(rss(f"Good{i}", 2, f"https://g{i}.example")))
            for i in range(6)]
    bad = [
        server.add("/error.rss", Route(b"<html><body>Oops</body></html>", "text/html",
                                       status=500)),
        server.add("/page.rss", Route(b"<!DOCTYPE html><html><body>A page</body></html>",
                                      "text/html")),
        server.add("/image.rss", Route(b"\x89PNG\r\n", "image/png")),
        server.add("/broken.rss", Route(b"<?xml version='1.0'?><rss><channel><title>x")),
        server.base + "/missing.rss",
    ]
    _subscribe_all(library, *good, *bad)
    results = refresh(library, pool)
    by_url = {r.url: r for r in results}
    assert all(by_url[u].status == "new" and len(by_url[u].new_items) == 2 for u in good)
    for url in bad:
        result = by_url[url]
        assert result.status == "failed" or result.new_items == (), url
        if result.status == "failed":
            assert result.error and result.error.endswith("."), result.error
    assert library.feeds.find(bad[0]).last_error  # type: ignore[union-attr]


def test_a_50_mb_feed_is_stopped_by_the_size_limit(
        library: Library, pool: ExtractorPool, server: FeedServer) -> None:
    padding = b"<!--" + b"x" * (50 * 1024 * 1024) + b"-->"
    url = server.add("/big.rss", Route(rss("Big", 1).replace(b"</channel>",
                                                             padding + b"</channel>")))
    _subscribe_all(library, url)
    (result,) = refresh(library, pool)
    assert result.status == "failed" and "too large" in (result.error or "")
    assert library.articles.count() == 0


def test_a_gzip_bomb_feed_stops_at_the_size_limit(
        library: Library, pool: ExtractorPool, server: FeedServer) -> None:
    import gzip

    bomb = gzip.compress(rss("Bombe", 1).replace(b"</channel>", b" " * (40 * 1024 * 1024)
                                                 + b"</channel>"), compresslevel=9)
    url = server.add("/bomb.rss", Route(bomb, headers=(("Content-Encoding", "gzip"),)))
    _subscribe_all(library, url)
    (result,) = refresh(library, pool)
    assert len(bomb) < 100 * 1024 and result.status == "failed"
    assert "too large" in (result.error or "")


def test_progress_comes_in_the_calling_thread_for_each_feed(
        library: Library, pool: ExtractorPool, server: FeedServer) -> None:
    urls = [server.add(f"/p{i}.rss", Route(rss(f"P{i}", 1, f"https://p{i}.example")))
            for i in range(4)]
    _subscribe_all(library, *urls)
    seen: list[tuple[int, int, str]] = []

    def on_progress(progress: Progress) -> None:
        seen.append((progress.done, progress.total, threading.current_thread().name))

    refresh(library, pool, on_progress=on_progress)
    here = threading.current_thread().name
    assert seen == [(i, 4, here) for i in range(1, 5)]


def test_a_refresh_can_be_stopped_and_the_rest_waits_for_next_time(
        library: Library, pool: ExtractorPool, server: FeedServer) -> None:
    urls = [server.add(f"/stop{i}.rss", Route(rss(f"Stop{i}", 1, f"https://t{i}.example"),
                                              delay=0.2)) for i in range(10)]
    _subscribe_all(library, *urls)
    stop = threading.Event()
    results = refresh(library, pool, on_progress=lambda _: stop.set(), stop=stop,
                      per_host=1)
    asked = sum(server.hits[f"/stop{i}.rss"] for i in range(10))
    assert 1 <= len(results) < 10 and asked < 10
    assert sum(1 for feed in library.feeds.all() if feed.last_success) == len(results)
    assert len(refresh(library, pool)) == 10  # next time, every feed is asked


def test_connections_to_one_host_are_limited(
        library: Library, pool: ExtractorPool, server: FeedServer) -> None:
    urls = [server.add(f"/slow{i}.rss", Route(rss(f"S{i}", 1, f"https://s{i}.example"),
                                              delay=0.2)) for i in range(8)]
    _subscribe_all(library, *urls)
    results = refresh(library, pool, per_host=2)
    assert len(results) == 8 and server.most_active <= 2


def test_refreshing_an_unknown_id_is_a_sentence(library: Library, pool: ExtractorPool) -> None:
    with pytest.raises(FeedError, match="no feed #42"):
        refresh(library, pool, [42])


def test_a_page_that_names_its_feed_is_discovered(
        library: Library, pool: ExtractorPool, server: FeedServer) -> None:
    feed = server.add("/blog/feed.xml", Route(rss("Blog", 2), "application/rss+xml"))
    page = server.add("/blog/", Route(
        b'<!DOCTYPE html><html><head><title>Blog</title><link rel="alternate" '
        b'type="application/rss+xml" title="RSS" href="feed.xml"></head><body>Hi</body></html>',
        "text/html; charset=utf-8"))
    done = subscribe(library, page, pool, tags=["Carrière"])
    assert (done.new, done.url, done.new_items) == (True, feed, 2)
    assert library.feeds.get(done.feed_id).tags == ("Carrière",)  # type: ignore[union-attr]
    again = subscribe(library, feed, pool)
    assert (again.feed_id, again.new, again.new_items) == (done.feed_id, False, 0)


def test_a_page_without_a_feed_is_a_sentence(
        library: Library, pool: ExtractorPool, server: FeedServer) -> None:
    page = server.add("/plain/", Route(b"<!DOCTYPE html><html><body>x</body></html>",
                                       "text/html"))
    with pytest.raises(FeedError, match="names no feed"):
        subscribe(library, page, pool)


SCHEMES = ["file:///etc/passwd", "ftp://example.org/feed", "data:text/xml,<rss/>",
           "javascript:alert(1)", "feed:https://example.org/feed", "gopher://example.org/",
           "example.org/feed", "\\\\host\\share\\feed.xml", "~/feed.xml", "/etc/passwd"]


@pytest.mark.parametrize("url", SCHEMES)
def test_other_schemes_are_refused_when_adding(
        url: str, library: Library, pool: ExtractorPool) -> None:
    with pytest.raises(FetchError, match="Refused"):
        subscribe(library, url, pool)
    assert library.feeds.all() == []


def test_other_schemes_are_refused_in_opml(library: Library) -> None:
    outlines = "".join(f'<outline type="rss" text="x" xmlUrl="{u}"/>'
                       for u in SCHEMES).replace("&", "&amp;").replace("<rss/>", "")
    opml = (f'<?xml version="1.0"?><opml version="2.0"><head/><body>{outlines}'
            '<outline type="rss" text="ok" xmlUrl="https://example.org/feed"/></body></opml>')
    results = import_opml(library, opml.encode())
    refused = [r for r in results if r.error]
    assert len(refused) == len(SCHEMES) and all("Refused" in (r.error or "") for r in refused)
    assert [f.url for f in library.feeds.all()] == ["https://example.org/feed"]


def test_a_malformed_feed_is_read_and_its_warning_said_in_the_language_in_force(
        library: Library, pool: ExtractorPool, server: FeedServer) -> None:
    """The worker only flags the document; the refresh says it, in English or French."""
    from lecteur.core import catalogue

    broken = rss("Cassé", 2).replace(b"</channel></rss>", b"<item><title>x & y</title></item>")
    url = server.add("/broken.rss", Route(broken))
    _subscribe_all(library, url)
    catalogue.set_language("fr")
    try:
        (result,) = refresh(library, pool, full_text=False)
    finally:
        catalogue.set_language("en")
    assert result.status == "new" and len(result.new_items) >= 2
    assert result.warning == f"{url} est mal formé ; lecteur en a lu ce qu’il a pu."


def test_a_batch_is_due_from_its_oldest_answer_not_from_when_it_was_taken(tmp_path) -> None:
    """Answers that came while the storing thread stored the batch before are stored at
    once, not `BATCH_SECONDS` after that thread took them."""
    import time as clock

    from lecteur.core import refresh as refreshing
    from lecteur.core.library.store import Library

    with Library(tmp_path / "library.sqlite3") as library:
        batch = refreshing._Batch(library)
        waited = refreshing._Answer(ready_at=clock.monotonic() - refreshing.BATCH_SECONDS)
        batch.add(object(), waited)  # type: ignore[arg-type]
        assert batch.due()
        fresh = refreshing._Batch(library)
        fresh.add(object(), refreshing._Answer())  # type: ignore[arg-type]
        assert not fresh.due()


def test_young_collections_are_rarer_while_feeds_are_stored_and_as_before_after(
        library: Library, pool: ExtractorPool, server: FeedServer) -> None:
    """The collector's young threshold is raised for the feeds phase (each stored feed is
    seen with it) and set back when the refresh ends, even when it ends by an error."""
    import gc

    from lecteur.core import refresh as refreshing

    before = gc.get_threshold()
    _subscribe_all(library, server.add("/g.rss", Route(rss("G", 2))),
                   server.add("/h.rss", Route(rss("H", 2))))
    seen: list[tuple[int, int, int]] = []
    refresh(library, pool, on_progress=lambda progress: seen.append(gc.get_threshold()))
    assert seen and all(t[0] >= refreshing.YOUNG_OBJECTS for t in seen)
    assert gc.get_threshold() == before

    def stop_at_once(progress: Progress) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        refresh(library, pool, on_progress=stop_at_once)
    assert gc.get_threshold() == before


def test_a_feeds_last_error_reads_in_the_language_it_is_shown_in(
        library: Library, pool: ExtractorPool, server: FeedServer) -> None:
    """A refresh made in English (the reader's refresh child, a cron job) stores the
    failure; ``lecteur feeds ls`` and the sidebar in French must not show it in English
    (a feed told to wait an hour keeps that sentence until it is asked again)."""
    from lecteur.core import catalogue

    url = server.add("/busy.rss", Route(b"slow down", "text/plain", status=429,
                                        headers=(("Retry-After", "3600"),)))
    _subscribe_all(library, url)
    catalogue.set_language("en")
    refresh(library, pool)
    assert "come back later" in str(library.feeds.all()[0].last_error)
    catalogue.set_language("fr")
    try:
        (row,) = library.feeds.all()
        (entry,) = library.feeds.entries()
        assert row.last_error == entry.last_error
        assert row.last_error is not None and "revenir plus tard" in row.last_error
    finally:
        catalogue.set_language("en")


def test_subscribing_to_a_feed_that_answers_429_subscribes_and_waits(
        library: Library, pool: ExtractorPool, server: FeedServer) -> None:
    """A site that asks to come back later (Reddit's feeds often do) is a feed that
    exists: refusing it left the reader to remember to try again in an hour. It is
    subscribed, told when it is asked again, and the next refresh waits as asked."""
    url = server.add("/busy.rss", Route(b"slow down", "text/plain", status=429,
                                        headers=(("Retry-After", "3600"),)))
    done = subscribe(library, url, pool, tags=["Forums"])
    assert done.new and done.new_items == 0 and done.warning is not None
    assert "3600" in done.warning or "come back later" in done.warning
    (feed,) = library.feeds.all()
    assert feed.tags == ("Forums",) and feed.retry_until is not None
    assert [r.status for r in refresh(library, pool)] == ["skipped"]
    assert server.hits["/busy.rss"] == 1  # asked once, when subscribing
    # Added again meanwhile (a second tag): still waiting, so the site is not asked again.
    again = subscribe(library, url, pool, tags=["Reddit"])
    assert not again.new and again.feed_id == feed.id and again.warning is not None
    assert library.feeds.all()[0].tags == ("Forums", "Reddit")
    assert server.hits["/busy.rss"] == 1
