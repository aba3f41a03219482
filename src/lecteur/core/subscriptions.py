"""Feeds, end to end: subscribe (with discovery), import and export OPML.

What both front ends call to manage subscriptions; refreshing them is `lecteur.core.refresh`.
Subscribing fetches the feed (or the page that names it), parses it in the worker pool and
stores its current items (with their full articles for feeds of summaries). Importing an
OPML list fetches nothing: every feed whose address lecteur will open is added with its
folders as tags, and the others are refused one by one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lecteur.core import clock
from lecteur.core.catalogue import say
from lecteur.core.errors import FeedError, FetchError, LecteurError, ThrottledError
from lecteur.core.full_text import complete_iter, pending
from lecteur.core.library.feed_items import Check
from lecteur.core.models import FeedJob, ParsedFeed
from lecteur.core.net.feeds import FeedFetch, discover, fetch_feed, kind_of
from lecteur.core.net.fetch import DEFAULT_LIMITS, Limits, check_url
from lecteur.core.refresh import minute, retry_until

if TYPE_CHECKING:
    from lecteur.core.library.store import Library
    from lecteur.core.workers.pool import ExtractorPool


@dataclass(frozen=True)
class Subscribed:
    """A feed added by `subscribe`: its id, whether it is new, and its first items."""

    feed_id: int
    new: bool
    url: str
    title: str
    new_items: int
    warning: str | None = None


def subscribe(library: Library, url: str, pool: ExtractorPool, tags: Iterable[str] = (),
              limits: Limits = DEFAULT_LIMITS, full_text: bool = True) -> Subscribed:
    """Subscribe to a feed URL, or to the feed a page names; store its current items
    (with their full articles when the feed carries only summaries, unless `full_text`
    is False, which the feed then keeps as its setting for every later refresh).

    Raises `FetchError` or `FeedError` (one sentence) when nothing can be subscribed to.
    """
    checked = check_url(url)
    waiting = library.feeds.find(checked)
    if waiting is not None and waiting.retry_until and waiting.retry_until > clock.stamp():
        # Subscribed already, and its site asked to be left until then: not asked again.
        feed_id, _new = library.feeds.add(checked, "", None, tags)
        return _waiting(feed_id, False, checked, waiting.title, waiting.retry_until)
    try:
        fetched = fetch_feed(checked, limits=limits)
    except ThrottledError as error:
        return _subscribed_waiting(library, checked, tags, error)
    if kind_of(fetched.body) == "html":
        found = discover(fetched.url, fetched.body)
        if not found:
            raise FeedError("feeds.names_no_feed", url=fetched.url)
        fetched = fetch_feed(found[0], limits=limits)
    parsed = pool.parse_feed(FeedJob(fetched.url, fetched.body, fetched.content_type,
                                     library.curate.profile.source or None))
    feed_id, new = library.feeds.add(fetched.url, "", parsed.site_url, tags)
    if not full_text:
        library.feeds.set_full_text(feed_id, False)
    items = _store(library, feed_id, fetched, parsed)
    stored = library.feeds.get(feed_id)
    if full_text and stored is not None:
        for _done in complete_iter(library, pool, pending(library, stored, parsed.items, items)):
            pass  # an item whose article cannot be had keeps the feed's text
    return Subscribed(feed_id, new, fetched.url, stored.title if stored else parsed.title,
                      len(items), _warning(fetched.url, parsed))


def _subscribed_waiting(library: Library, url: str, tags: Iterable[str],
                        error: ThrottledError) -> Subscribed:
    """Subscribe to `url`, whose site asked lecteur to come back later (429), unfetched.

    The site answered, so the address exists; refusing it left the reader to remember to
    try again. The feed waits as asked (its ``retry_until``), and the first refresh
    after that fetches its title and items.
    """
    feed_id, new = library.feeds.add(url, "", None, tags)
    until = retry_until(error.retry_after)
    library.feed_items.record_refresh([Check(feed_id, error=error.kept(),
                                             retry_until=until)], [])
    stored = library.feeds.get(feed_id)
    return _waiting(feed_id, new, url, stored.title if stored else "", until)


def _waiting(feed_id: int, new: bool, url: str, title: str, until: str) -> Subscribed:
    """A subscription nothing was fetched for, waiting until `until` as its site asked."""
    return Subscribed(feed_id, new, url, title, 0,
                      say("feeds.subscribed_waiting", url=url, until=minute(until)))


@dataclass(frozen=True)
class Imported:
    """One subscription of an OPML list: added (new or not), or refused with a sentence."""

    url: str
    feed_id: int | None = None
    new: bool = False
    error: str | None = None


def import_opml(library: Library, data: bytes, source: str | None = None) -> list[Imported]:
    """Subscribe to every feed of an OPML list (folders become tags); nothing is fetched.

    Raises FeedError when the list itself is malformed; a feed whose address lecteur will
    not open (``file:``, ``javascript:``, a bare path) is refused on its own line.
    """
    from lecteur.core.io.opml import read_opml

    results = []
    for entry in read_opml(data, source):
        try:
            url = check_url(entry.url)
            feed_id, new = library.feeds.add(url, entry.title, _site(entry.site_url),
                                             entry.tags)
            if new and entry.full_text is not None:  # an existing feed keeps its own
                library.feeds.set_full_text(feed_id, entry.full_text)
        except LecteurError as error:
            results.append(Imported(entry.url, error=str(error)))
            continue
        results.append(Imported(url, feed_id, new))
    return results


def export_opml(library: Library) -> str:
    """Every subscription as an OPML 2.0 document, tags as folders."""
    from lecteur.core.io.opml import OpmlFeed, write_opml

    feeds = [OpmlFeed(f.url, f.title, f.site_url, f.tags, f.full_text)
             for f in library.feeds.all()]
    return write_opml(feeds, title=say("feeds.opml_title"),
                      created=clock.now().strftime("%a, %d %b %Y %H:%M:%S GMT"))


def starter_opml() -> bytes:
    """The starter pack shipped with lecteur: public networking and career-advice feeds."""
    from importlib import resources

    return (resources.files("lecteur.data") / "starter.opml").read_bytes()


def _warning(url: str, parsed: ParsedFeed) -> str | None:
    """The sentence saying that a feed was malformed but readable, or None."""
    return say("feeds.not_well_formed", url=url) if parsed.malformed else None


def _site(url: str | None) -> str | None:
    """A site URL from a list, kept only if it is one lecteur would open."""
    if not url:
        return None
    try:
        return check_url(url)
    except FetchError:
        return None


def _store(library: Library, feed_id: int, fetched: FeedFetch, parsed: ParsedFeed) -> list[int]:
    """Store a parsed feed's new items and its validators."""
    return library.feed_items.store(
        feed_id, parsed.items, feed_url=fetched.url, title=parsed.title,
        site_url=parsed.site_url, language=parsed.language, etag=fetched.etag,
        last_modified=fetched.last_modified, body_hash=fetched.body_hash)
