"""The feeds battery: feedparser's own test feeds and mutated feeds through lecteur's ingest.

Ingest is the path ``lecteur feeds refresh`` takes: `lecteur.core.refresh.refresh` fetches
each feed, parses it in the killable worker pool (`read_feed`: feedparser on the bytes, then
every field cleaned) and stores the results in batches (`record_refresh`). The feedparser
corpus is served from a loopback server; the mutants skip the socket (the refresh module's
`fetch_feed` hands over the bytes) so tens of thousands of them stay quick. The oracle:
no exception leaves the refresh, no parse outlives the pool's deadline, every stored title,
author, site and link is one clean line (no C0, C1, ESC, bidi or invisible character), every
stored link is http(s), every body text is control-free.

Sizes: 1,500 mutants in CI, 50,000 with ``LECTEUR_FULL_BATTERY=1``. feedparser's test feeds
are not in this repository (about 2,250 files in its source distribution); point
``LECTEUR_FEEDPARSER_CORPUS`` at the ``tests`` folder of the unpacked sdist, or unpack it
under ``~/.cache/lecteur-battery/feedparser-VERSION/``:

    pip download --no-binary :all: --no-deps feedparser==6.0.14 -d /tmp/fp
    tar xzf /tmp/fp/feedparser-6.0.14.tar.gz -C /tmp/fp
    LECTEUR_FEEDPARSER_CORPUS=/tmp/fp/feedparser-6.0.14/tests python -m pytest -q -s \
        -p no:randomly tests/test_feeds_battery.py
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from feed_mutants import SEEDS, mutate
from feed_server import FeedServer, Route, feed_server, rss
from lecteur.core import refresh as refresh_module
from lecteur.core.library.store import Library
from lecteur.core.models import FeedJob, ParsedFeed
from lecteur.core.net.feeds import FeedFetch
from lecteur.core.refresh import FeedResult, refresh
from lecteur.core.workers.pool import ExtractorPool

FULL = (os.environ.get("LECTEUR_FULL_BATTERY") == "1"
        or os.environ.get("LECTEUR_BATTERY") == "full")
MUTANTS = 50_000 if FULL else 1_500
CHUNK = 500  # feeds refreshed at once (the same rows, new bodies each round)
DEADLINE = 5.0  # the pool's time limit for one parse in this battery
SLACK = 10.0  # what killing and replacing a worker may add to it on 2 loaded cores (CI)
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
LINE_FORBIDDEN = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060-\u2064"
    "\u2066-\u2069\ufeff\U000e0000-\U000e007f\ud800-\udfff]")


class TimedPool(ExtractorPool):
    """The real pool, timing every parse from the moment a worker takes it to the moment
    its answer (or its kill at the deadline) is in: the slowest one is the deadline oracle.
    Neither the wait for a free worker (the refresh's queueing) nor the start of a worker
    replacing a killed one (the pool's housekeeping) is a parse outliving its deadline."""

    def __init__(self) -> None:
        super().__init__(size=2, timeout=DEADLINE)
        self.slowest = 0.0
        self.parsed = 0
        self._count = threading.Lock()
        self._taken = threading.local()

    def _borrow(self) -> Any:
        worker = super()._borrow()
        self._taken.at = time.perf_counter()
        return worker

    def _give_back(self, worker: Any) -> None:
        taken, self._taken.at = getattr(self._taken, "at", None), None
        if taken is not None:
            with self._count:
                self.slowest = max(self.slowest, time.perf_counter() - taken)
        super()._give_back(worker)

    def parse_feed(self, job: FeedJob) -> ParsedFeed:
        try:
            return super().parse_feed(job)
        finally:
            with self._count:
                self.parsed += 1


@pytest.fixture
def pool() -> Iterator[TimedPool]:
    with TimedPool() as running:
        yield running


def _line_ok(value: str | None, what: str) -> None:
    if value is None:
        return
    assert isinstance(value, str), (what, value)
    assert not LINE_FORBIDDEN.search(value), (what, value)
    assert value == value.strip(), (what, value)


def _link_ok(value: str | None, what: str) -> None:
    if value is None:
        return
    _line_ok(value, what)
    assert value.startswith(("http://", "https://")), (what, value)
    assert not re.search(r"\s", value), (what, value)


def check_stored(conn: sqlite3.Connection, article_ids: list[int], feed_ids: list[int]) -> int:
    """Assert every stored field of these items and feeds is clean; return how many items."""
    checked = 0
    for start in range(0, len(article_ids), 500):
        ids = article_ids[start:start + 500]
        marks = ",".join("?" * len(ids))
        for row in conn.execute(f"SELECT title, author_name, sitename, url, source, blocks, "
                                f"author FROM articles JOIN article_bodies ON article_id = id "
                                f"WHERE id IN ({marks})", ids):
            title, author, sitename, url, source, blocks, author_json = row
            _line_ok(title, "title")
            assert title, "an item always has a title"
            _line_ok(author, "author")
            _line_ok(sitename, "sitename")
            _link_ok(url, "url")
            _link_ok(source, "source")
            for block in json.loads(blocks):
                text = block.get("text") or ""
                assert not CONTROLS.search(text), ("body", text[:200])
                assert "\x1b" not in text
            if author_json:
                _line_ok(json.loads(author_json).get("name"), "author name")
            checked += 1
    marks = ",".join("?" * len(feed_ids))
    for title, site_url, error in conn.execute(
            f"SELECT title, site_url, last_error FROM feeds WHERE id IN ({marks})", feed_ids):
        _line_ok(title, "feed title")
        _link_ok(site_url, "site_url")
        _line_ok(error, "last_error")
    return checked


def _results_ok(results: list[FeedResult], count: int, tally: Counter[str]) -> list[int]:
    """Every feed has a result, each failure one sentence; the new item ids."""
    assert len(results) == count
    new: list[int] = []
    for result in results:
        tally[result.status] += 1
        assert result.status in ("new", "unchanged", "failed"), result
        if result.status == "failed":
            assert result.error and result.error.strip().endswith("."), result.error
            _line_ok(result.error, "error")
            tally["bug" if "went wrong" in result.error or "bug" in result.error else "ok"] += 0
        new.extend(result.new_items)
    return new


# --- mutants ------------------------------------------------------------------------------


def test_mutated_feeds_through_the_refresh_leave_only_clean_text(
        tmp_path: Path, pool: TimedPool, monkeypatch: pytest.MonkeyPatch) -> None:
    library = Library(tmp_path / "lib" / "library.sqlite3")
    slots = [library.feeds.add(f"https://mutant.example/{n}.xml")[0]
             for n in range(min(CHUNK, MUTANTS))]
    url_of = {feed.id: feed.url for feed in library.feeds.all()}
    bodies: dict[str, bytes] = {}
    made: dict[str, str] = {}

    def fake_fetch(url: str, etag: str | None = None, last_modified: str | None = None,
                   limits: object = None) -> FeedFetch:
        return FeedFetch(url, True, bodies[url], None, None, "application/xml")

    monkeypatch.setattr(refresh_module, "fetch_feed", fake_fetch)
    tally: Counter[str] = Counter()
    items = 0
    start = time.perf_counter()
    for first in range(0, MUTANTS, CHUNK):
        seeds = range(first, min(first + CHUNK, MUTANTS))
        chosen = slots[:len(seeds)]
        for feed_id, seed in zip(chosen, seeds, strict=True):
            bodies[url_of[feed_id]], made[url_of[feed_id]] = mutate(SEEDS, seed)
        try:
            results = refresh(library, pool, chosen, full_text=False)
        except Exception as error:  # pragma: no cover - the oracle's failure message
            pytest.fail(f"mutants {first}..{first + CHUNK}: {error!r} escaped the refresh")
        new = _results_ok(results, len(chosen), tally)
        items += check_stored(library.db.conn, new, chosen)
        for result in results:
            assert "(" not in (result.error or "") or "went wrong" not in (result.error or ""), (
                made[result.url], result.error)
    elapsed = time.perf_counter() - start
    library.close()
    assert pool.slowest <= DEADLINE + SLACK, pool.slowest
    assert tally["new"] > MUTANTS // 4  # most mutants still hold entries: the test reads
    print(f"\n{MUTANTS} mutated feeds in {elapsed:.1f} s: {dict(tally)}, {items} items "
          f"stored and checked, slowest parse {pool.slowest:.2f} s (deadline {DEADLINE} s)")


def test_the_mutants_are_hostile_and_reproducible() -> None:
    kinds = Counter(name for seed in range(2_000) for name in mutate(SEEDS, seed)[1].split("+"))
    assert len(kinds) >= 14, kinds  # every mutation is drawn
    assert mutate(SEEDS, 123) == mutate(SEEDS, 123)


# --- feedparser's own test feeds ----------------------------------------------------------


def _corpus() -> Path | None:
    import feedparser

    given = os.environ.get("LECTEUR_FEEDPARSER_CORPUS")
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    for folder in ([Path(given)] if given else []) + [
            cache / "lecteur-battery" / f"feedparser-{feedparser.__version__}" / "tests"]:
        if folder.is_dir() and any(folder.rglob("*.xml")):
            return folder
    return None


def test_feedparsers_own_test_feeds_through_the_refresh(tmp_path: Path, pool: TimedPool) -> None:
    folder = _corpus()
    if folder is None:
        pytest.skip("feedparser's test feeds are absent: set LECTEUR_FEEDPARSER_CORPUS to the "
                    "tests folder of its unpacked source distribution (see this module's "
                    "docstring); the mutants test runs in their place")
    files = sorted(p for p in folder.rglob("*")
                   if p.is_file() and p.suffix in (".xml", ".gz", ".z"))
    library = Library(tmp_path / "lib" / "library.sqlite3")
    tally: Counter[str] = Counter()
    start = time.perf_counter()
    with feed_server() as server:
        ids = [library.feeds.add(server.add(f"/{n}.xml", Route(path.read_bytes(),
                                                                "application/xml")))[0]
               for n, path in enumerate(files)]
        results = refresh(library, pool, full_text=False)
    new = _results_ok(results, len(files), tally)
    items = check_stored(library.db.conn, new, ids)
    library.close()
    elapsed = time.perf_counter() - start
    assert pool.slowest <= DEADLINE + SLACK, pool.slowest
    print(f"\nfeedparser corpus: {len(files)} files in {elapsed:.1f} s: {dict(tally)}, "
          f"{items} items stored and checked, slowest parse {pool.slowest:.2f} s")


# --- one hostile feed among twenty, with the real binary ----------------------------------

_LAUGHS = b"".join(b"<!ENTITY %c '%s'>" % (98 + i, (b"&%c;" % (97 + i)) * 10)
                   for i in range(8))
HOSTILE = {
    "billion laughs": SEEDS[0].replace(
        b"<rss", b"<!DOCTYPE rss [<!ENTITY a 'aaaaaaaaaa'>" + _LAUGHS + b"]><rss", 1)
    .replace(b"Premier", b"&i;", 1),
    "raising references": b"<?xml version='1.0'?><rss version='2.0'><channel><title>&#xD800;"
                          b"&#x110000;&#99999999999;</title><item><title>x&#0;</title>"
                          b"<link>https://h.example/1</link></item></channel></rss>",
    "64 KB author": SEEDS[0].replace(b"<dc:creator>",
                                     b"<dc:creator>a@" + b"a." * 32_000 + b"!", 1),
    "escape title": SEEDS[0].replace(b"Le Journal d'essai",
                                     b"\x1b]52;c;ZXZpbA==\x07\x1b[2J"
                                     b"\xc2\x9b6nPwned\xe2\x80\xae", 1),
    "not a feed": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40,
    "truncated": SEEDS[1][:len(SEEDS[1]) // 2],
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_one_hostile_feed_among_twenty_and_the_nineteen_update(
        tmp_path: Path, kind: str) -> None:
    home = tmp_path / "home"
    with feed_server() as server:
        urls = [_good(server, n) for n in range(19)]
        hostile = server.add("/hostile.xml", Route(HOSTILE[kind], "application/rss+xml"))
        urls.insert(7, hostile)
        with Library(home / "library.sqlite3") as library:
            for url in urls:
                library.feeds.add(url)
        env = {**os.environ, "LECTEUR_FETCH_DEADLINE": "5"}
        start = time.perf_counter()
        ran = subprocess.run(["lecteur", "--library", str(home), "feeds", "refresh",
                              "--no-full-text"], capture_output=True, text=True, env=env,
                             timeout=90)
        elapsed = time.perf_counter() - start
    out = ran.stdout + ran.stderr
    assert "went wrong" not in out and "Traceback" not in out, out
    assert not CONTROLS.search(out), out
    with Library(home / "library.sqlite3") as library:
        by_url = {feed.url: feed for feed in library.feeds.all()}
        counts = library.feeds.unread_counts()
        for url in urls:
            if url != hostile:
                assert counts.get(by_url[url].id) == 3, (url, out)
                assert by_url[url].last_error is None
        bad = by_url[hostile]
        stored = [row[0] for row in library.db.conn.execute(
            "SELECT id FROM articles WHERE feed_id = ?", (bad.id,))]
        assert bad.last_error or stored, out  # a sentence, or what could be read of it
        check_stored(library.db.conn, stored, [bad.id])
    assert elapsed < 60, elapsed
    assert ran.returncode in (0, 1), out


def _good(server: FeedServer, n: int) -> str:
    return server.add(f"/good{n}.rss", Route(rss(f"Bon{n}", 3, f"https://bon{n}.example")))


def test_feedparsers_test_feeds_summaries_read_quickly_as_lxml_reads_them(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Every entry's HTML in feedparser's ~2,250 test feeds (real-world oddities: nested
    markup, entities, broken tags) gives the same paragraphs through the quick reading of
    simple fragments as through lxml."""
    from lecteur.core.extract import feed_text
    from lecteur.core.net.feeds import parse_feed

    folder = _corpus()
    if folder is None:
        pytest.skip("feedparser's test feeds are absent (LECTEUR_FEEDPARSER_CORPUS)")
    fragments = []
    for path in sorted(p for p in folder.rglob("*.xml") if p.is_file()):
        try:
            fragments.extend(entry.html for entry in parse_feed(path.name, path.read_bytes(),
                                                                "application/xml").entries)
        except Exception:  # a feed lecteur refuses has no summaries to compare
            continue
    quick = [feed_text.feed_blocks(fragment) for fragment in fragments]
    monkeypatch.setattr(feed_text, "_simple_html_text", lambda fragment: None)
    assert quick == [feed_text.feed_blocks(fragment) for fragment in fragments]
    assert len(fragments) > 500
