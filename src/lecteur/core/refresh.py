"""Refreshing feeds: all at once, politely, reporting each feed as it is stored.

Every feed is fetched concurrently in threads (at most `PER_HOST` connections to one host
at a time, hosts interleaved so that one slow site does not hold the others up); changed
bodies are parsed in the killable worker pool; the results are stored in the calling
thread, on the caller's `Library` connection, the feeds done within `BATCH_SECONDS` of
each other in one transaction. So a refresh runs from any thread that owns a `Library`
(the CLI's main thread, a Textual worker in the reader), and reports each feed as it is
done: `refresh_iter` yields a `FeedResult` per feed, `refresh` calls `on_progress` with a
`Progress`, then runs the full-text phase (`lecteur.core.full_text`) with its own progress.

Politeness: the validators of the last answer are sent (ETag, Last-Modified); a 304 or a
body identical to the last one is not parsed again; a site that answers 429 (or 503 with
Retry-After) is not asked again before the time it gave. One failing feed records its
sentence and the others carry on.
"""

from __future__ import annotations

import contextlib
import gc
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import timedelta
from itertools import chain, zip_longest
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlsplit

from lecteur.core import clock
from lecteur.core.catalogue import kept, say, shown
from lecteur.core.errors import FeedError, FetchError, LecteurError, ThrottledError
from lecteur.core.full_text import Completed, complete_iter, pending
from lecteur.core.library.feed_items import Check, Update
from lecteur.core.models import FeedJob, ParsedFeed
from lecteur.core.net.feeds import FeedFetch, fetch_feed
from lecteur.core.net.fetch import DEFAULT_LIMITS, Limits

if TYPE_CHECKING:
    from lecteur.core.library.records import FeedRow
    from lecteur.core.library.store import Library
    from lecteur.core.workers.pool import ExtractorPool

THREADS = 150  # requests in flight (6 a host at most): 300 feeds answering in 100 ms: 2 rounds
PER_HOST = 6
DEFAULT_RETRY = timedelta(hours=1)  # a 429 without Retry-After: leave the site an hour
MAX_RETRY = timedelta(days=2)
BATCH_SECONDS = 0.2
Status = Literal["new", "unchanged", "failed", "skipped"]


@dataclass(frozen=True)
class FeedResult:
    """What became of one feed in a refresh."""

    feed_id: int
    title: str
    url: str
    status: Status
    new_items: tuple[int, ...] = ()
    error: str | None = None
    warning: str | None = None


@dataclass(frozen=True)
class Progress:
    """A refresh's progress: `done` of `total` in its `phase`, the last one done being
    `result` (phase "feeds": one feed fetched and stored) or `completed` (phase "full
    text": one item's full article fetched, extracted and stored, or its error)."""

    done: int
    total: int
    result: FeedResult | None = None
    completed: Completed | None = None
    phase: Literal["feeds", "full text"] = "feeds"


def refresh(library: Library, pool: ExtractorPool, feed_ids: Iterable[int] | None = None,
            on_progress: Callable[[Progress], None] | None = None, *,
            full_text: bool = True, stop: threading.Event | None = None,
            threads: int = THREADS, per_host: int = PER_HOST,
            limits: Limits = DEFAULT_LIMITS) -> list[FeedResult]:
    """Refresh feeds (all when `feed_ids` is None); return every feed's result.

    Then, unless `full_text` is False, fetch the full articles of the new items of feeds
    that carry only summaries (`lecteur.core.full_text`). `on_progress` is called in the
    calling thread after each feed is stored, then after each full article. Setting
    `stop` (the reader quits, or the person cancels) ends the refresh early: feeds not yet
    asked are left for next time, what was already fetched is stored, requests in flight
    are let finish (within their deadline) and discarded.
    """
    feeds = _chosen(library, feed_ids)
    work: list[tuple[FeedRow, int, str]] = []
    results = []
    with _fewer_collections():
        for result in refresh_iter(library, pool, feeds,
                                   full_text_work=work if full_text else None, stop=stop,
                                   threads=threads, per_host=per_host, limits=limits):
            results.append(result)
            if on_progress is not None:
                on_progress(Progress(len(results), len(feeds), result))
    if stop is not None and stop.is_set():
        return results
    for done, completed in enumerate(complete_iter(library, pool, work, stop=stop), start=1):
        if on_progress is not None:
            on_progress(Progress(done, len(work), completed=completed, phase="full text"))
    return results


YOUNG_OBJECTS = 20_000  # the young generation's threshold while feeds are stored


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """Run the garbage collector's young collections less often while feeds are stored.

    A refresh unpickles about 400 container objects a feed (items, their blocks and
    prepared values) and keeps them until their batch is stored: at the default threshold
    (700) the collector ran 260 young collections and 24 middle ones, walking the held
    items again and again, 0.3 s of a 300-feed refresh, for no garbage (none of them is
    in a cycle; they go when their batch is stored). The threshold is set back after.
    """
    young, middle, old = gc.get_threshold()
    gc.set_threshold(max(young, YOUNG_OBJECTS), middle, old)
    try:
        yield
    finally:
        gc.set_threshold(young, middle, old)


def refresh_iter(library: Library, pool: ExtractorPool, feeds: list[FeedRow], *,
                 full_text_work: list[tuple[FeedRow, int, str]] | None = None,
                 stop: threading.Event | None = None,
                 threads: int = THREADS, per_host: int = PER_HOST,
                 limits: Limits = DEFAULT_LIMITS) -> Iterator[FeedResult]:
    """Refresh `feeds`, yielding each one's result as soon as it is stored.

    With `full_text_work`, the new items that should get their full article are appended
    to it as (feed, article id, link), for `lecteur.core.full_text.complete_iter`. Once
    `stop` is set, no new request starts and only what is already fetched is stored.
    """
    due, waiting = _split_throttled(feeds)
    for feed in waiting:
        yield FeedResult(feed.id, feed.title, feed.url, "skipped",
                         error=say("feeds.waiting", until=minute(feed.retry_until)))
    if not due:
        return
    gates = _HostGates(per_host)
    topics = library.curate.profile.source or None  # the workers scan items with it
    learned = library.curate.learned() if topics else None  # ... and score them with it
    # The threads' own event: setting `stop` sets it, but the feeds phase ending (the
    # `finally` below) must not set `stop`, which the full-text phase still reads.
    halt = threading.Event()
    ex = ThreadPoolExecutor(max_workers=max(1, min(threads, len(due))),
                            thread_name_prefix="lecteur-feeds")
    try:
        futures: dict[Future[_Answer], FeedRow] = {
            ex.submit(_fetch_and_parse, feed, pool, gates, limits, halt, topics, learned): feed
            for feed in _interleaved_by_host(due)
        }
        batch = _Batch(library)
        running = set(futures)
        while running:
            done, running = wait(running, timeout=BATCH_SECONDS, return_when=FIRST_COMPLETED)
            for future in done:
                # Each answer is let go once stored: 300 parsed feeds kept to the end
                # were 15,000 items for the garbage collector to walk again and again.
                feed = futures.pop(future)
                if not future.cancelled() and not future.result().stopped:
                    batch.add(feed, future.result())
            if stop is not None and stop.is_set():
                halt.set()
            if halt.is_set():
                running = set()  # what is in flight finishes unheard
            if not batch.due() and running:
                continue
            for feed, answer, result in batch.flush():
                if full_text_work is not None and answer.parsed is not None:
                    full_text_work.extend(pending(library, feed, answer.parsed.items,
                                                  result.new_items))
                yield result
    finally:
        # Stopped, interrupted (Ctrl-C) or done: nothing queued starts any more, threads
        # waiting for their host's turn ask nothing, requests in flight end by their deadline.
        halt.set()
        ex.shutdown(wait=True, cancel_futures=True)


def _chosen(library: Library, feed_ids: Iterable[int] | None) -> list[FeedRow]:
    """The feeds to refresh; raises FeedError naming ids that are not feeds."""
    if feed_ids is None:
        return library.feeds.all()
    feeds: list[FeedRow] = []
    missing: list[int] = []
    for feed_id in feed_ids:
        feed = library.feeds.get(feed_id)
        if feed is None:
            missing.append(feed_id)
        else:
            feeds.append(feed)
    if missing:
        raise FeedError("feeds.no_such", ids=", ".join(f"#{i}" for i in missing))
    return feeds


def _split_throttled(feeds: list[FeedRow]) -> tuple[list[FeedRow], list[FeedRow]]:
    """Feeds that may be asked now, and those whose site asked to wait until later."""
    now = clock.stamp()
    due = [f for f in feeds if not f.retry_until or f.retry_until <= now]
    return due, [f for f in feeds if f.retry_until and f.retry_until > now]


def minute(stamp: str | None) -> str:
    """A stored UTC stamp as `lecteur feeds ls` shows times: ``2026-12-04 22:04``."""
    return (stamp or "").replace("T", " ").rstrip("Z")[:16]


def _interleaved_by_host(feeds: list[FeedRow]) -> list[FeedRow]:
    """The feeds, one host after another in turn, so no host's queue blocks the rest."""
    by_host: dict[str, list[FeedRow]] = defaultdict(list)
    for feed in feeds:
        by_host[_host(feed.url)].append(feed)
    rounds = zip_longest(*by_host.values())
    return [feed for feed in chain.from_iterable(rounds) if feed is not None]


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


class _HostGates:
    """A semaphore per host: at most `per_host` requests to one host at a time."""

    def __init__(self, per_host: int) -> None:
        self._per_host = max(1, per_host)
        self._lock = threading.Lock()
        self._gates: dict[str, threading.BoundedSemaphore] = {}

    def of(self, url: str) -> threading.BoundedSemaphore:
        host = _host(url)
        with self._lock:
            gate = self._gates.get(host)
            if gate is None:
                gate = self._gates[host] = threading.BoundedSemaphore(self._per_host)
            return gate


@dataclass(frozen=True)
class _Answer:
    """What a fetch thread found for one feed (the calling thread stores it)."""

    fetched: FeedFetch | None = None
    parsed: ParsedFeed | None = None
    error: str | None = None  # `kept`: stored as it is, said in the reader's language
    retry_after: float | None = None
    throttled: bool = False
    stopped: bool = False  # not asked: the refresh was stopped first
    # When the thread had it (`_Batch` waits from the oldest answer it holds, not from
    # when the storing thread, busy with the batch before, took it).
    ready_at: float = field(default_factory=time.monotonic)


def _fetch_and_parse(feed: FeedRow, pool: ExtractorPool, gates: _HostGates,
                     limits: Limits, stop: threading.Event | None = None,
                     topics: str | None = None, learned: object = None) -> _Answer:
    """Fetch one feed (conditionally) and parse it if it changed; never raises.

    A thread that gets its host's turn after `stop` was set asks nothing. `topics`, the
    topic profile's text, lets the worker scan the items for relevance.
    """
    try:
        with gates.of(feed.url):
            if stop is not None and stop.is_set():
                return _Answer(stopped=True)
            fetched = fetch_feed(feed.url, feed.etag, feed.last_modified, limits)
        if not fetched.changed or fetched.body_hash == feed.body_hash:
            return _Answer(fetched=fetched)
        job = FeedJob(feed.url, fetched.body, fetched.content_type, topics, learned)
        return _Answer(fetched=fetched, parsed=pool.parse_feed(job))
    except ThrottledError as error:
        return _Answer(error=error.kept(), retry_after=error.retry_after, throttled=True)
    except (FetchError, FeedError, LecteurError) as error:
        return _Answer(error=error.kept())
    except Exception as error:  # a bug in one feed's handling must not stop the others
        return _Answer(error=kept("feeds.bug", url=feed.url, kind=type(error).__name__))


class _Batch:
    """Feeds fetched (and parsed) but not yet stored, written together.

    Each write transaction is an fsync (the library runs ``synchronous=FULL``), so the
    feeds done within `BATCH_SECONDS` of each other are stored in one transaction: 300
    feeds answering 304 take a few commits rather than 300.
    """

    def __init__(self, library: Library) -> None:
        self._library = library
        self._held: list[tuple[FeedRow, _Answer]] = []
        self._since = 0.0

    def add(self, feed: FeedRow, answer: _Answer) -> None:
        """Hold a feed's answer; the batch is due `BATCH_SECONDS` after its oldest answer
        was ready. (Counted from when the storing thread took it, each batch that took
        longer than that to store made the answers that came meanwhile wait 0.2 s more:
        a fifth of a second of idle storing per batch on a first refresh.)"""
        if not self._held or answer.ready_at < self._since:
            self._since = answer.ready_at
        self._held.append((feed, answer))

    def due(self) -> bool:
        return bool(self._held) and time.monotonic() - self._since >= BATCH_SECONDS

    def flush(self) -> list[tuple[FeedRow, _Answer, FeedResult]]:
        """Store what is held in one transaction; return each feed's result."""
        held, self._held = self._held, []
        checks: list[Check] = []
        updates: list[Update] = []
        for feed, answer in held:
            if answer.error is not None:
                until = retry_until(answer.retry_after) if answer.throttled else None
                checks.append(Check(feed.id, error=answer.error, retry_until=until))
            elif answer.parsed is None:
                assert answer.fetched is not None
                checks.append(Check(feed.id, answer.fetched.etag, answer.fetched.last_modified))
            else:
                assert answer.fetched is not None
                updates.append(_update(feed.id, answer.fetched, answer.parsed))
        try:
            new_ids = iter(self._library.feed_items.record_refresh(checks, updates))
        except LecteurError as error:
            return [(feed, answer, FeedResult(feed.id, feed.title, feed.url, "failed",
                                              error=str(error))) for feed, answer in held]
        return [(feed, answer, _result(feed, answer, new_ids)) for feed, answer in held]


def _result(feed: FeedRow, answer: _Answer, new_ids: Iterator[list[int]]) -> FeedResult:
    """The result of one stored feed (`new_ids` yields the ids of each update in turn)."""
    if answer.error is not None:
        return FeedResult(feed.id, feed.title, feed.url, "failed", error=shown(answer.error))
    if answer.parsed is None:
        return FeedResult(feed.id, feed.title, feed.url, "unchanged")
    return FeedResult(feed.id, feed.title or answer.parsed.title, feed.url, "new",
                      tuple(next(new_ids)),
                      warning=say("feeds.not_well_formed", url=feed.url)
                      if answer.parsed.malformed else None)


def _update(feed_id: int, fetched: FeedFetch, parsed: ParsedFeed) -> Update:
    return Update(feed_id, parsed.items, fetched.url, parsed.title, parsed.site_url,
                  parsed.language, fetched.etag, fetched.last_modified, fetched.body_hash)


def retry_until(seconds: float | None) -> str:
    """When a throttled site may be asked again, as a library time stamp."""
    wait = DEFAULT_RETRY if seconds is None else timedelta(seconds=seconds)
    when = clock.now() + min(wait, MAX_RETRY)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")
