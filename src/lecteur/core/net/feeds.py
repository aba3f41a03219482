"""Feeds on the wire: conditional fetches, telling a feed from a page, discovery, parsing.

Fetching goes through `fetch_bytes` (http(s) only, deadlines, the size cap, checked
redirects). A refresh sends the validators the feed gave last time (If-None-Match,
If-Modified-Since); a 304 means nothing changed. A body whose hash equals the last one
is unchanged too, and is not parsed again.

Parsing is `feedparser.parse` on a `BytesIO` of the body, never on a string (a string
that looks like a path or a URL makes feedparser open it). feedparser leaves custom
entities unexpanded and does not resolve external entities, and expat stops billion-laughs
amplification; the parse still runs in a killable worker (`lecteur.core.workers`). A
malformed but readable feed (``bozo``) gives its entries and a warning; anything that is
not a feed says so in one sentence.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any, NamedTuple
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from lecteur.core.errors import FeedError, FetchError
from lecteur.core.net.feed_fast import parse_rss
from lecteur.core.net.fetch import DEFAULT_LIMITS, Limits, check_url, fetch_bytes

FEED_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
    "text/xml", "application/x-rss+xml", "application/x-atom+xml", "application/feed+json",
    "text/rss+xml", "text/atom+xml",
    # Some servers send feeds as these; the bytes decide (see `kind_of`).
    "text/plain", "application/octet-stream", "binary/octet-stream",
    "text/html", "application/xhtml+xml",  # a page: discovery, or a clear refusal
})
_ALTERNATE_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml",
                    "application/feed+json")
_FEED_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
                         rb"(?:<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>\s*)?(?:<!--.*?-->\s*)*"
                         rb"<(?:rss|feed|rdf:RDF|RDF)\b", re.DOTALL | re.IGNORECASE)
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)
# feedparser runs a quadratic e-mail regex over author fields (feedparser#562: 64 KB take
# ~10 s), so the text of every element that can hold an author is cut before parsing.
MAX_AUTHOR = 1024
_AUTHOR_TEXT = re.compile(
    rb"(<(?:[\w.-]+:)?(?:author|creator|contributor|managingEditor|webMaster|name|email|"
    rb"publisher)\b[^>]*>(?:\s*<!\[CDATA\[)?)([^<\]]{%d})[^<\]]+" % MAX_AUTHOR,
    re.IGNORECASE)


@dataclass(frozen=True)
class FeedFetch:
    """What one conditional fetch of a feed found.

    `changed` False means a 304: `body` is empty and the stored items stand.
    """

    url: str
    changed: bool
    body: bytes
    etag: str | None
    last_modified: str | None
    content_type: str = ""

    @property
    def body_hash(self) -> str:
        """A digest of the body, to tell an unchanged body from a changed one."""
        return hashlib.sha256(self.body).hexdigest()


def fetch_feed(url: str, etag: str | None = None, last_modified: str | None = None,
               limits: Limits = DEFAULT_LIMITS) -> FeedFetch:
    """Fetch a feed, conditionally when validators are given; raise FetchError on failure."""
    headers = {"Accept": "application/rss+xml, application/atom+xml, application/rdf+xml, "
                         "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    response = fetch_bytes(url, headers=headers, accept=FEED_TYPES, what="feed",
                           limits=limits)
    return FeedFetch(url=response.url, changed=response.status != 304, body=response.body,
                     etag=response.headers.get("etag") or etag,
                     last_modified=response.headers.get("last-modified") or last_modified,
                     content_type=response.headers.get("content-type", ""))


def kind_of(body: bytes) -> str:
    """"feed", "html" or "other", from the first bytes of a document (UTF-16 too)."""
    head = body[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    if _FEED_START.match(head):
        return "feed"
    if _HTML_START.search(head[:1024]):
        return "html"
    return "other"


def refuse_non_feed(url: str, body: bytes) -> None:
    """Raise FeedError unless the body looks like a feed document."""
    kind = kind_of(body)
    if kind == "html":
        raise FeedError("feeds.web_page", url=url)
    if kind == "other":
        if not body.strip():
            raise FeedError("feeds.empty", url=url)
        raise FeedError("feeds.not_feed", url=url)


# --- the address rule for links found in feeds ----------------------------------------------


def is_private_host(host: str) -> bool:
    """Whether `host` is, or resolves to, a loopback, private, link-local or CGNAT address.

    A name that does not resolve is not private (the fetch then fails on its own).
    """
    import ipaddress
    import socket

    try:
        addresses = {ipaddress.ip_address(host.strip("[]"))}
    except ValueError:
        try:
            infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
        except (OSError, UnicodeError):
            return False
        addresses = {ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos}
    shared = ipaddress.ip_network("100.64.0.0/10")
    return any(a.is_loopback or a.is_private or a.is_link_local or a.is_reserved
               or a.is_multicast or a.is_unspecified
               or (a.version == 4 and a in shared) for a in addresses)


def item_link_guard(feed_url: str) -> Callable[[str], None]:
    """A fetch guard for links found in a feed: a private address only on the feed's host.

    A public feed cannot make lecteur reach the reader's router or a service on their
    machine; a feed the reader subscribed to on their own intranet host (or on loopback)
    may still have its items fetched from that same host. The check runs on the first URL
    and on every redirect hop.
    """
    feed_host = (urlsplit(feed_url).hostname or "").lower()

    def guard(url: str) -> None:
        host = (urlsplit(url).hostname or "").lower()
        if host != feed_host and is_private_host(host):
            raise FetchError("feeds.private_link", url=url)

    return guard


# --- discovery ----------------------------------------------------------------------------


class _AlternateLinks(HTMLParser):
    """Collects ``<link rel="alternate" type="application/rss+xml" href=...>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "link":
            return
        values = {name.lower(): (value or "") for name, value in attrs}
        rels = values.get("rel", "").lower().split()
        kind = values.get("type", "").lower().split(";")[0].strip()
        if "alternate" in rels and kind in _ALTERNATE_TYPES and values.get("href"):
            self.found.append(values["href"].strip())


def discover(page_url: str, body: bytes) -> list[str]:
    """The feed URLs a page names in its ``<head>``, absolute and checked, in page order."""
    parser = _AlternateLinks()
    head = body[:512 * 1024].decode("utf-8", errors="replace")
    try:
        parser.feed(head)
        parser.close()
    except Exception:  # a broken page simply names no feed
        return []
    found: list[str] = []
    for href in parser.found:
        joined = _joined(page_url, href)
        try:
            url = check_url(joined or "")
        except FetchError:
            continue
        if url not in found:
            found.append(url)
    return found


# --- parsing (runs in a worker process) ---------------------------------------------------


class RawEntry(NamedTuple):
    """One feed entry as feedparser gave it, before cleaning."""

    guid: str
    title: str
    link: str | None
    author: str | None
    date: str | None
    html: str


class RawFeed(NamedTuple):
    """A feed document as feedparser gave it, before cleaning."""

    title: str
    site_url: str | None
    language: str | None
    entries: list[RawEntry]
    malformed: bool


def parse_feed(url: str, body: bytes, content_type: str = "") -> RawFeed:
    """Parse feed bytes; raise FeedError when they hold no feed at all."""
    import feedparser

    refuse_non_feed(url, body)
    body = _AUTHOR_TEXT.sub(rb"\1\2", body)
    fast = parse_rss(body, content_type)  # plain RSS 2.0, read as feedparser would
    if fast is not None:
        return _fast_feed(fast, url)
    headers = {"content-type": content_type or "application/xml"}  # no base: raw guids
    try:
        # No HTML sanitising or URI rewriting inside feedparser (each is another HTML
        # parse of every entry, +45% of the parse): lecteur keeps only the text of an
        # entry's HTML (`lecteur.core.extract.feed_text`, scripts and styles dropped, then
        # the terminal sanitiser) and resolves the entry's link itself.
        parsed = feedparser.parse(io.BytesIO(body), response_headers=headers,
                                  sanitize_html=False, resolve_relative_uris=False)
    except Exception:  # feedparser raises on some hostile inputs (D3)
        raise FeedError("feeds.too_malformed", url=url) from None
    if not parsed.get("version") and not parsed.get("entries"):
        raise FeedError("feeds.malformed_xml", url=url)
    info: Any = parsed.get("feed", {})
    benign = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
    malformed = bool(parsed.get("bozo")) and not isinstance(parsed.get("bozo_exception"), benign)
    entries = [_entry(entry, url) for entry in parsed.get("entries", [])]
    site = info.get("link")
    return RawFeed(title=str(info.get("title") or ""),
                   site_url=_http(_joined(url, str(site).strip())) if site else None,
                   language=str(info.get("language") or "")[:2].lower() or None,
                   entries=entries, malformed=malformed)


def _fast_feed(fast: dict[str, Any], url: str) -> RawFeed:
    """A feed read by the fast path (`lecteur.core.net.feed_fast`), as `parse_feed` gives it."""
    entries = []
    for entry in fast["entries"]:
        link = _http(_joined(url, entry["link"])) if entry["link"] else None
        content, summary, title = entry["content"], entry["summary"], entry["title"]
        html = summary if len(summary) > len(content) else content
        guid = entry["id"] or link or "sha1:" + hashlib.sha1(
            f"{url}\n{title}\n{html}".encode(errors="replace"), usedforsecurity=False
        ).hexdigest()
        entries.append(RawEntry(guid=guid[:2048], title=title, link=link,
                                author=entry["author"], date=entry["date"], html=html))
    site = fast["link"]
    return RawFeed(title=fast["title"], site_url=_http(_joined(url, site)) if site else None,
                   language=str(fast["language"] or "")[:2].lower() or None,
                   entries=entries, malformed=False)


def _entry(entry: Any, feed_url: str) -> RawEntry:
    """One entry's fields, as strings; a relative link is resolved against the feed's URL."""
    raw_link = entry.get("link")
    link = _http(_joined(feed_url, str(raw_link).strip())) if raw_link else None
    html = ""
    for content in entry.get("content") or ():
        value = str(content.get("value") or "")
        if len(value) > len(html):
            html = value
    summary = str(entry.get("summary") or "")
    if len(summary) > len(html):
        html = summary
    title = str(entry.get("title") or "")
    guid = str(entry.get("id") or "") or link or "sha1:" + hashlib.sha1(
        f"{feed_url}\n{title}\n{html}".encode(errors="replace"), usedforsecurity=False
    ).hexdigest()
    return RawEntry(guid=guid[:2048], title=title, link=link,
                    author=str(entry.get("author") or "") or None, date=_date(entry),
                    html=html)


def _date(entry: Any) -> str | None:
    """The entry's publication (else update) date as YYYY-MM-DD."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return f"{value.tm_year:04d}-{value.tm_mon:02d}-{value.tm_mday:02d}"
            except AttributeError:
                continue
    return None


def _joined(base: str, href: str) -> str | None:
    """`href` made absolute against `base`, or None when it cannot be parsed at all (a
    feed's ``http://[::1/x``: `urljoin` raises on a bracket left open, which took the
    whole feed down with it, where only that one link is lost now)."""
    try:
        return urljoin(base, href)
    except ValueError:
        return None


def _http(value: object) -> str | None:
    """`value` if it is an http(s) URL lecteur would open, else None.

    Spaces and other characters a URL cannot hold in its path, query or fragment (a feed
    that writes "/Garçon, un café" as a link) are percent-encoded, so what is stored is one
    URL that any program reading it takes whole.
    """
    if not value:
        return None
    try:
        checked = check_url(str(value))
    except FetchError:
        return None
    parts = urlsplit(checked)
    return urlunsplit((parts.scheme, parts.netloc, quote(parts.path, safe=_URL_SAFE),
                       quote(parts.query, safe=_URL_SAFE), quote(parts.fragment, safe=_URL_SAFE)))


_URL_SAFE = "/:@!$&'()*+,;=%~?-._"  # RFC 3986's reserved and unreserved marks, and escapes
