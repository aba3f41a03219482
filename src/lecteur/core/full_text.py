"""The second phase of a refresh: full articles for feed items that carry only a summary.

Per feed, `FeedRow.full_text` decides: True fetches every new item's article, False none,
None (automatic) fetches them when the feed's text is short (a median under
`SHORT_WORDS` words an item: a feed of summaries). The article goes through the same
pipeline as ``lecteur add`` (fetch, then extraction in the killable worker pool) and
replaces the item's text in place, so the reading view, quotations and author cards work
for feed items too.

Links come from feed content, so they obey the address rule of
`lecteur.core.net.feeds.item_link_guard`: a link (or a redirect) to a loopback, private or
link-local address is followed only when the feed itself lives on that host.
"""

from __future__ import annotations

import statistics
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from lecteur.core.catalogue import say
from lecteur.core.errors import LecteurError
from lecteur.core.models import Article, FeedItem, Job
from lecteur.core.net.feeds import item_link_guard
from lecteur.core.net.fetch import fetch
from lecteur.core.net.sources import TEXT_TYPES

if TYPE_CHECKING:
    from lecteur.core.library.records import FeedRow
    from lecteur.core.library.store import Library
    from lecteur.core.workers.pool import ExtractorPool

SHORT_WORDS = 100
MAX_PER_FEED = 20  # full articles fetched per feed and refresh, at most
THREADS = 8


@dataclass(frozen=True)
class Completed:
    """What became of one item's full article."""

    article_id: int
    feed_id: int
    url: str
    error: str | None = None


def wants_full_text(feed: FeedRow, items: Sequence[FeedItem]) -> bool:
    """Whether the new items of `feed` should get their full article (see the module)."""
    if feed.full_text is not None:
        return feed.full_text
    if not items:
        return False
    return statistics.median(item.words for item in items) < SHORT_WORDS


def pending(library: Library, feed: FeedRow, items: Sequence[FeedItem],
            new_ids: Sequence[int]) -> list[tuple[FeedRow, int, str]]:
    """The (feed, article id, link) of the new items to complete, at most `MAX_PER_FEED`."""
    if not new_ids or not wants_full_text(feed, items):
        return []
    links = library.feed_items.links_of(new_ids)
    newest_first = sorted(links, reverse=True)[:MAX_PER_FEED]
    return [(feed, article_id, links[article_id]) for article_id in newest_first]


def complete_iter(library: Library, pool: ExtractorPool,
                  work: Sequence[tuple[FeedRow, int, str]],
                  threads: int = THREADS,
                  stop: threading.Event | None = None) -> Iterator[Completed]:
    """Fetch and extract each item's article in threads; store each in the calling thread.

    Once `stop` is set, articles not yet asked for are not fetched.
    """
    if not work:
        return
    ex = ThreadPoolExecutor(max_workers=max(1, min(threads, len(work))),
                            thread_name_prefix="lecteur-full-text")
    try:
        futures: dict[Future[Article | str], tuple[FeedRow, int, str]] = {
            ex.submit(_article, feed.url, link, pool): (feed, article_id, link)
            for feed, article_id, link in work
        }
        for future in as_completed(futures):
            if stop is not None and stop.is_set():
                return
            feed, article_id, link = futures[future]
            yield _store(library, feed, article_id, link, future.result())
    finally:
        ex.shutdown(wait=True, cancel_futures=True)  # stopped or interrupted: no new fetch


def _store(library: Library, feed: FeedRow, article_id: int, link: str,
           outcome: Article | str) -> Completed:
    """Put one item's full article in place (or report why there is none)."""
    if isinstance(outcome, str):
        return Completed(article_id, feed.id, link, error=outcome)
    try:
        library.feed_items.complete(article_id, outcome)
    except LecteurError as error:
        return Completed(article_id, feed.id, link, error=str(error))
    return Completed(article_id, feed.id, link)


def _article(feed_url: str, link: str, pool: ExtractorPool) -> Article | str:
    """The extracted article at `link`, or the sentence saying why not; never raises."""
    try:
        page = fetch(link, guard=item_link_guard(feed_url))
        kind: Literal["html", "text"] = "text" if page.media_type in TEXT_TYPES else "html"
        return pool.extract(Job(kind=kind, content=page.text, source=link, url=page.url))
    except LecteurError as error:
        return str(error)
    except Exception as error:  # one item's bug must not stop the others
        return say("feeds.bug", url=link, kind=type(error).__name__)
