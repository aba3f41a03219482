"""Pocket's exports: ``ril_export.html`` (lists "Unread" and "Read Archive" of links whose
``time_added`` and ``tags`` are attributes) and the later ``part_000000.csv``
(``title,url,time_added,tags,status``, tags joined by ``|``, status ``unread``/``archive``).

Pocket exported no text and no highlights: each item is a link, its title, its tags, when it
was saved and whether it was archived. Parsed with the standard library's HTML parser and
CSV reader, which never evaluate anything.
"""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser

from lecteur.core.io.imports import items
from lecteur.core.io.imports.items import Item
from lecteur.core.io.imports.table import rows


class _PocketParser(HTMLParser):
    """Collects the links, each with the heading of the list it is in."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Item] = []
        self._heading: list[str] | None = None
        self._archive = False
        self._link: dict[str, str | None] | None = None
        self._title: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h1", "h2"):
            self._heading = []
        elif tag == "a":
            self._link, self._title = dict(attrs), []

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading.append(data)
        if self._link is not None:
            self._title.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h1", "h2") and self._heading is not None:
            self._archive = "archive" in "".join(self._heading).lower()
            self._heading = None
        elif tag == "a" and self._link is not None:
            link, self._link = self._link, None
            self.found.append(Item(
                url=items.url(link.get("href")), title=items.line("".join(self._title)),
                tags=items.split_tags(link.get("tags")),
                added_at=items.epoch(link.get("time_added") or ""), archived=self._archive))


def read_html(content: str) -> Iterator[Item]:
    """The links of a ``ril_export.html``, in the file's order."""
    parser = _PocketParser()
    parser.feed(content)
    parser.close()
    yield from parser.found


def read_csv(content: str) -> Iterator[Item]:
    """The links of a Pocket CSV export, in the file's order."""
    for row in rows(content):
        if row.problem:
            yield Item(url="", problem=row.problem)
            continue
        yield Item(url=items.url(row.get("url")), title=items.line(row.get("title")),
                   tags=items.split_tags(row.get("tags"), "|"),
                   added_at=items.epoch(row.get("time_added")),
                   archived=row.get("status").strip().lower() in ("archive", "archived", "read"))
