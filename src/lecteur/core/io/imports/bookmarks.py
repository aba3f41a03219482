"""Netscape bookmark files (``<!DOCTYPE NETSCAPE-Bookmark-file-1>``), as every browser,
Raindrop, Pinboard and linkding export them.

Each ``<DT><A HREF ADD_DATE TAGS>`` is a link; the folders (``<H3>``) it sits in become its
tags, except the browser's own toolbar folder (``PERSONAL_TOOLBAR_FOLDER``), which says
nothing about the link; a ``<DD>`` after a link is its description, kept as a note. Read
with the standard library's HTML parser (the format is not XML: its tags are never closed).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

from lecteur.core.io.imports import items
from lecteur.core.io.imports.items import Item

MAX_DEPTH = 64  # nested folders followed (deeper ones still count, without more tags)


@dataclass
class _Link:
    attrs: dict[str, str | None]
    folders: tuple[str, ...]
    title: list[str] = field(default_factory=list)
    description: list[str] = field(default_factory=list)


class _BookmarkParser(HTMLParser):
    """Walks the nested lists, keeping the folder each link is in."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[_Link] = []
        self._folders: list[str | None] = []
        self._folder_name: list[str] | None = None
        self._next_folder: str | None = None
        self._toolbar = False
        self._in: str | None = None  # "a", "dd", or None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h3":
            self._folder_name, self._in = [], None
            self._toolbar = any(name == "personal_toolbar_folder" for name, _ in attrs)
        elif tag == "dl":
            self._folders.append(self._next_folder)
            self._next_folder, self._in = None, None
        elif tag == "a":
            shown = [f for f in self._folders[:MAX_DEPTH] if f]
            self.links.append(_Link(dict(attrs), tuple(shown)))
            self._in = "a"
        elif tag == "dd" and self.links:
            self._in = "dd"
        elif tag in ("dt", "hr"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._folder_name is not None:
            self._folder_name.append(data)
        elif self._in == "a":
            self.links[-1].title.append(data)
        elif self._in == "dd":
            self.links[-1].description.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "h3" and self._folder_name is not None:
            name = items.line("".join(self._folder_name), items.MAX_TAG_CHARS)
            self._next_folder = None if self._toolbar else name
            self._folder_name = None
        elif tag == "dl":
            if self._folders:
                self._folders.pop()
            self._in = None
        elif tag == "a" and self._in == "a":
            self._in = None


def read(content: str) -> Iterator[Item]:
    """The links of a bookmark file, in the file's order."""
    parser = _BookmarkParser()
    parser.feed(content)
    parser.close()
    for link in parser.links:
        get = link.attrs.get
        yield Item(url=items.url(get("href")), title=items.line("".join(link.title)),
                   tags=items.tags([*items.split_tags(get("tags"), ","), *link.folders]),
                   added_at=items.epoch(get("add_date") or ""),
                   note=items.text("".join(link.description)))
