"""The fast path for plain RSS 2.0 (`lecteur.core.net.feed_fast`) gives exactly what the
feedparser path gives, on every feed it accepts: the seeds and mutants of the feeds
battery (1,200 here; 3,000 gave the same), the site's feeds, the feeds of
bench/feeds_refresh.py and hand-written edge cases; and it refuses (so feedparser reads
them) the documents it cannot read as feedparser would."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from feed_mutants import SEEDS, mutate
from feed_server import rss
from lecteur.core.errors import FeedError
from lecteur.core.net import feeds
from lecteur.core.net.feed_fast import parse_rss

URL = "https://example.org/feed.rss"
TYPE = "application/rss+xml; charset=utf-8"
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))


def _both(body: bytes, content_type: str = TYPE) -> tuple[object, object]:
    """The fast path's result (None if it refused) and feedparser's, as parse_feed gives."""
    try:
        slow: object = _slow(body, content_type)
    except FeedError as error:
        slow = error.key
    except ValueError as error:  # urljoin on a broken site link: both paths alike
        slow = type(error).__name__
    fast = parse_rss(feeds._AUTHOR_TEXT.sub(rb"\1\2", body), content_type)
    try:
        return (feeds.parse_feed(URL, body, content_type) if fast is not None else None), slow
    except FeedError as error:
        return error.key, slow
    except ValueError as error:
        return type(error).__name__, slow


def _slow(body: bytes, content_type: str) -> object:
    original = feeds.parse_rss
    feeds.parse_rss = lambda *_args: None  # type: ignore[assignment]
    try:
        return feeds.parse_feed(URL, body, content_type)
    finally:
        feeds.parse_rss = original


def _corpus() -> list[bytes]:
    import feeds_refresh

    site = Path(__file__).resolve().parent / "site" / "feeds"
    return [*SEEDS, *(path.read_bytes() for path in sorted(site.iterdir())),
            rss("Simple", 5), rss("Vide", 0), *(feeds_refresh.feed_body(i) for i in range(3)),
            *(mutate(SEEDS, seed)[0] for seed in range(1200))]


def test_every_feed_the_fast_path_accepts_reads_as_feedparser_reads_it() -> None:
    accepted = 0
    for body in _corpus():
        fast, slow = _both(body)
        if fast is not None:
            accepted += 1
            assert fast == slow, body[:300]
    assert accepted >= 40  # the plain RSS among them, mutated or not


@pytest.mark.skipif(not os.environ.get("LECTEUR_FEEDPARSER_CORPUS"),
                    reason="feedparser's test feeds are absent: set LECTEUR_FEEDPARSER_CORPUS "
                           "(see tests/test_feeds_battery.py)")
def test_feedparsers_own_test_feeds_read_the_same_by_both_paths() -> None:
    """On 2026-12-03: 2,242 files, 239 accepted by the fast path, none read differently
    (this found C1 character references, xml:lang and xml:base, and stripped text)."""
    root = Path(os.environ["LECTEUR_FEEDPARSER_CORPUS"])
    accepted = 0
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        try:
            fast, slow = _both(path.read_bytes())
        except LookupError:  # an encoding Python does not know: feedparser's own matter
            continue
        if fast is not None:
            accepted += 1
            assert fast == slow, path
    assert accepted >= 100


EDGES = {
    "an entity in a title": b"<item><title>A &amp; B</title><link>https://e.org/1</link></item>",
    "markup in a title": b"<item><title>&lt;b&gt;Gras&lt;/b&gt;</title></item>",
    "a permalink guid and no link": b"<item><title>T</title><guid>https://e.org/2</guid></item>",
    "an unknown element": b"<item><title>T</title><media:thumbnail xmlns:media='m' /></item>",
    "a zone by name": b"<item><title>T</title><pubDate>Mon, 01 Sep 2025 08:00:00 EST</pubDate>"
                      b"</item>",
    "two descriptions": b"<item><description>a</description><description>b</description></item>",
}


@pytest.mark.parametrize("name", list(EDGES))
def test_what_the_fast_path_refuses_goes_to_feedparser(name: str) -> None:
    body = (b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>F'
            b"</title>" + EDGES[name] + b"</channel></rss>")
    assert parse_rss(body, TYPE) is None
    assert feeds.parse_feed(URL, body, TYPE) == _slow(body, TYPE)


@pytest.mark.parametrize("body, content_type", [
    (b'<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel></channel></rss>',
     TYPE),
    (b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>',
     "application/rss+xml; charset=windows-1252"),
    (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "b">]><rss version="2.0"><channel>'
     b"<title>&a;</title></channel></rss>", TYPE),
    (b'<rss version="0.91"><channel><title>Old</title></channel></rss>', TYPE),
    (b'<rss version="2.0"><channel><title>Cut', TYPE),
])
def test_other_encodings_doctypes_versions_and_broken_documents_go_to_feedparser(
        body: bytes, content_type: str) -> None:
    assert parse_rss(body, content_type) is None
