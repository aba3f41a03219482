"""A fast path for plain RSS 2.0 feeds: the fields lecteur keeps, read with expat.

feedparser is the floor of a refresh (about 19 ms for a 50-item feed on one core of the
test machine, where reading the same document into a tree with expat takes about 1 ms):
it dispatches every element through Python and normalises dozens of fields lecteur never
reads. Most feeds on the web are plain RSS 2.0, so those are read here, and only when
nothing in them could make the result differ from feedparser's; anything else (Atom, RDF,
a DOCTYPE, an encoding other than UTF-8, markup or entities in a title, an element of an
item this reader does not know, a date it cannot read, a guid standing for the link, C1
controls (which feedparser reads as windows-1252), ``xml:lang`` or ``xml:base`` (which it
inherits), a document that is not well-formed) returns None and goes to feedparser as before.
``tests/test_feed_fast.py`` checks, on every feed of the tests and on feedparser's own
2,242 test files, that the fields are feedparser's whenever this path accepts a feed.

The document is parsed by `defusedxml` with DTDs forbidden: no entity expansion, no
external resource, whatever the document says.
"""

from __future__ import annotations

import re
from datetime import UTC
from email.utils import parsedate_to_datetime
from typing import Any
from xml.etree.ElementTree import Element

_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
_DC = "{http://purl.org/dc/elements/1.1/}"
# What an item may hold for this path; anything else sends the feed to feedparser.
_ITEM_TAGS = frozenset({"title", "link", "guid", "pubDate", "description", "author", "enclosure",
                        "category", "comments", _CONTENT, f"{_DC}creator"})
# What a channel may hold (beside its items) for this path.
_CHANNEL_TAGS = frozenset({
    "title", "link", "description", "language", "copyright", "managingEditor", "webMaster",
    "pubDate", "lastBuildDate", "category", "generator", "docs", "ttl", "image", "item",
    "{http://www.w3.org/2005/Atom}link",
    "{http://purl.org/rss/1.0/modules/syndication/}updatePeriod",
    "{http://purl.org/rss/1.0/modules/syndication/}updateFrequency"})
_DECLARED = re.compile(rb"^\s*<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
_C1 = re.compile(rb"\xc2[\x80-\x9f]")  # feedparser reads C1 controls as windows-1252
_C1_TEXT = re.compile("[\x80-\x9f]")
_DATE_ZONES = re.compile(r"(?:[+-]\d{4}|GMT|UTC|UT|Z)$")


class _NotPlain(Exception):
    """The feed is not one this path reads exactly as feedparser would."""


def parse_rss(body: bytes, content_type: str = "") -> dict[str, Any] | None:
    """The feed's fields (``title``, ``link``, ``language``, ``entries``: dicts of ``id``,
    ``title``, ``link``, ``author``, ``date`` (YYYY-MM-DD, UTC), ``content`` and
    ``summary``), or None when feedparser must read it."""
    if (not _utf8(body, content_type) or b"<!DOCTYPE" in body[:4096].upper()
            or _C1.search(body) or b"xml:lang" in body or b"xml:base" in body):
        return None  # feedparser reads these its own way (languages and bases inherited)
    try:
        root = _tree(body)
        if root.tag != "rss" or root.get("version") != "2.0" or len(root) != 1:
            return None
        channel = root[0]
        if channel.tag != "channel":
            return None
        if any(child.tag not in _CHANNEL_TAGS for child in channel):
            return None
        items = channel.findall("item")
        if len(items) != sum(1 for _ in root.iter("item")):
            return None  # items elsewhere in the tree, which feedparser would find
        entries = [_item(item) for item in items]
        heads = {tag: _single(channel, tag) for tag in ("title", "link", "language")}
        return {"title": _plain(heads["title"]),
                "link": heads["link"].strip() or None,
                "language": heads["language"].strip() or None,
                "entries": entries}
    except _NotPlain:
        return None


def _single(channel: Element, tag: str) -> str:
    """The text of the channel's one `tag` ("" if none); two of them are not plain."""
    found = channel.findall(tag)
    if len(found) > 1 or (found and len(found[0])):
        raise _NotPlain
    return found[0].text or "" if found else ""


def _utf8(body: bytes, content_type: str) -> bool:
    """Whether the document is UTF-8 by every account (its declaration, the HTTP charset)."""
    charset = re.search(r"charset\s*=\s*\"?([\w.-]+)", content_type, re.IGNORECASE)
    if charset and charset.group(1).lower() not in ("utf-8", "utf8"):
        return False
    if body.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return False
    declared = _DECLARED.match(body)
    return declared is None or declared.group(1).lower() in (b"utf-8", b"utf8")


def _tree(body: bytes) -> Element:
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        root: Element = fromstring(body, forbid_dtd=True, forbid_entities=True,
                                   forbid_external=True)
        return root
    except (ParseError, DefusedXmlException, ValueError) as error:
        raise _NotPlain from error


def _item(item: Element) -> dict[str, Any]:
    fields: dict[str, list[Element]] = {}
    for child in item:
        if child.tag not in _ITEM_TAGS or len(child):
            raise _NotPlain  # an element feedparser may read into a field lecteur uses
        fields.setdefault(str(child.tag), []).append(child)
    guid = _one(fields, "guid")
    link = _text(_one(fields, "link")).strip() or None
    if guid is not None and link is None:
        raise _NotPlain  # feedparser would take a permalink guid for the link
    creators = fields.get("author", []) + fields.get(f"{_DC}creator", [])
    if len(creators) > 1:
        raise _NotPlain
    entry = {"id": _text(guid).strip() or None,
             "title": _plain(_text(_one(fields, "title"))), "link": link,
             "author": _text(creators[0]).strip() or None if creators else None,
             "date": _date(_text(_one(fields, "pubDate"))),
             "content": _text(_one(fields, _CONTENT)).strip(),
             "summary": _text(_one(fields, "description")).strip()}
    if any(_C1_TEXT.search(value) for value in entry.values() if value):
        raise _NotPlain  # a character reference to a C1 control: windows-1252 to feedparser
    return entry


def _one(fields: dict[str, list[Element]], tag: str) -> Element | None:
    found = fields.get(tag)
    if not found:
        return None
    if len(found) > 1:
        raise _NotPlain  # feedparser keeps one of them, by rules of its own
    return found[0]


def _text(element: Element | None) -> str:
    return (element.text or "") if element is not None else ""


def _plain(text: str | None) -> str:
    """A title as feedparser gives it: stripped; one holding markup is not plain."""
    text = (text or "").strip()
    if "<" in text or "&" in text or ">" in text or _C1_TEXT.search(text):
        raise _NotPlain
    return text


def _date(text: str) -> str | None:
    """An RFC 822 date as the UTC day, the way feedparser's ``published_parsed`` gives it."""
    text = text.strip()
    if not text:
        return None
    if not _DATE_ZONES.search(text):
        raise _NotPlain  # a zone feedparser reads by its own table (EST, CEST...)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError) as error:
        raise _NotPlain from error
    if when.tzinfo is None:
        raise _NotPlain
    day = when.astimezone(UTC)
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"
