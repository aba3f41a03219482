"""OPML subscription lists: read them safely, write them as OPML 2.0.

Reading uses defusedxml, which refuses entity declarations and external references, so a
hostile OPML file can neither expand into gigabytes nor make lecteur read a local file.
Folders (outlines without an ``xmlUrl``) become tags: a feed inside ``Career > Français``
gets both tags. Writing puts each feed at the top level if it has no tag, else once inside
a folder per tag; reading that file back gives the same feeds, titles, site URLs and tags.

newsboat's ``urls`` file (a URL a line, then its tags, ``"~title"`` and ``!``) is read too,
since it is the list a newsboat user has: see `read_url_list`.
"""

from __future__ import annotations

import re
import shlex
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field

from lecteur.core.catalogue import say
from lecteur.core.errors import FeedError
from lecteur.core.text.sanitize import clean_line

MAX_OPML_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 32
# The attribute that carries ``lecteur feeds fulltext`` (on/off; absent: automatic), so
# that the round trip keeps it; other readers ignore attributes they do not know.
FULL_TEXT = "lecteurFullText"
_FULL_TEXT_VALUES = {"on": True, "off": False}


@dataclass(frozen=True)
class OpmlFeed:
    """One subscription of an OPML list (its URL is not checked here)."""

    url: str
    title: str = ""
    site_url: str | None = None
    tags: tuple[str, ...] = field(default=())
    full_text: bool | None = None  # `FULL_TEXT`: lecteur's own per-feed setting


def read_opml(data: bytes, source: str | None = None) -> list[OpmlFeed]:
    """The subscriptions of an OPML document, merged by URL; raise FeedError if malformed.

    `source` names the document in those sentences (default: "the file", translated).
    """
    source = source or say("opml.the_file")
    listed = read_url_list(data)
    if listed is not None:
        return listed
    import defusedxml.ElementTree as SafeET
    from defusedxml import DefusedXmlException

    if len(data) > MAX_OPML_BYTES:
        raise FeedError("opml.too_large", source=source)
    try:
        root = SafeET.fromstring(data)
    except DefusedXmlException:
        raise FeedError("opml.entities", source=source) from None
    except ET.ParseError as error:
        raise FeedError("opml.malformed", source=source, reason=str(error)) from None
    if _local(root.tag) != "opml":
        raise FeedError("opml.not_opml", source=source, root=_local(root.tag))
    body = next((child for child in root if _local(child.tag) == "body"), None)
    if body is None:
        raise FeedError("opml.no_body", source=source)
    found: dict[str, OpmlFeed] = {}
    _walk(body, (), found, 0)
    return list(found.values())


_URL_LINE = re.compile(r'"?[a-z][a-z0-9+.-]*:', re.IGNORECASE)


def read_url_list(data: bytes) -> list[OpmlFeed] | None:
    """The feeds of a newsboat ``urls`` file, merged by URL; None if `data` is not one.

    Each line: a URL, then its tags (quoted when they hold spaces), ``"~title"`` for its
    title and ``!`` to hide it (ignored); ``#`` starts a comment. Its first line that is
    neither blank nor a comment starts with a scheme (``https:``, ``query:``, ``exec:``);
    an OPML document starts with ``<``. The URLs are not checked here: ``query:`` and
    ``exec:`` are refused line by line, as an OPML list's ``file:`` is.
    """
    if len(data) > MAX_OPML_BYTES:
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line and not line.startswith("#")]
    if not lines or not _URL_LINE.match(lines[0]):
        return None
    found: dict[str, OpmlFeed] = {}
    for line in lines:
        try:
            words = shlex.split(line)  # not comments=True: it cut ``#`` in URLs
        except ValueError:  # an unclosed quote: the words as they are
            words = line.split()
        if not words:
            continue
        url, rest = words[0], words[1:]
        title = next((clean_line(word[1:]) for word in rest if word.startswith("~")), "")
        tags = tuple(clean_line(word) for word in rest
                     if word != "!" and not word.startswith("~") and clean_line(word))
        previous = found.get(url)
        found[url] = OpmlFeed(url=url, title=previous.title if previous else title,
                              tags=tuple(dict.fromkeys((*(previous.tags if previous else ()),
                                                        *tags))))
    return list(found.values())


def _walk(node: ET.Element, folders: tuple[str, ...], found: dict[str, OpmlFeed],
          depth: int) -> None:
    """Collect the feeds under `node`, each tagged with the folders it sits in."""
    if depth > MAX_DEPTH:
        return
    for outline in node:
        if _local(outline.tag) != "outline":
            continue
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        named = outline.get("title") if "title" in outline.attrib else outline.get("text")
        name = clean_line(named or "")
        if url:
            previous = found.get(url)
            tags = tuple(dict.fromkeys((*(previous.tags if previous else ()), *folders)))
            found[url] = OpmlFeed(url=url, title=previous.title if previous else name,
                                  site_url=clean_line(outline.get("htmlUrl")) or None,
                                  tags=tags,
                                  full_text=_FULL_TEXT_VALUES.get(
                                      (outline.get(FULL_TEXT) or "").strip().lower()))
            _walk(outline, folders, found, depth + 1)
        else:
            _walk(outline, (*folders, name) if name else folders, found, depth + 1)


def _local(tag: object) -> str:
    """An element's name without its namespace."""
    return str(tag).rsplit("}", 1)[-1].lower()


def write_opml(feeds: Iterable[OpmlFeed], title: str = "lecteur subscriptions",
               created: str | None = None) -> str:
    """An OPML 2.0 document of `feeds`, tags as folders (see the module docstring)."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    if created:
        ET.SubElement(head, "dateCreated").text = created
    body = ET.SubElement(root, "body")
    folders: dict[str, ET.Element] = {}
    feeds = list(feeds)
    for name in sorted({tag for feed in feeds for tag in feed.tags}, key=str.casefold):
        folders[name] = ET.Element("outline", text=name, title=name)
    for feed in feeds:
        parents = [folders[tag] for tag in feed.tags] or [body]
        for parent in parents:
            parent.append(_outline(feed))
    body.extend(folders.values())
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _outline(feed: OpmlFeed) -> ET.Element:
    attributes = {"type": "rss", "text": feed.title or feed.url, "title": feed.title,
                  "xmlUrl": feed.url}
    if feed.site_url:
        attributes["htmlUrl"] = feed.site_url
    if feed.full_text is not None:
        attributes[FULL_TEXT] = "on" if feed.full_text else "off"
    return ET.Element("outline", attributes)
