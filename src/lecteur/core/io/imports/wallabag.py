"""wallabag's JSON export: a list of entries with ``title``, ``url``, ``content`` (the
article's HTML as wallabag kept it), ``tags``, ``is_archived``, ``is_starred``,
``created_at`` and ``annotations`` (``quote``, the passage; ``text``, the reader's note on
it; ``ranges``, XPath positions lecteur does not need: the quote is found again by its
text, with `lecteur.core.text.anchors`).

Parsed with `json`; an entry that is not an object, or has no address, is an item with its
problem, so the report names it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from lecteur.core.catalogue import say
from lecteur.core.io.imports import items
from lecteur.core.io.imports.items import Item, Passage


def entries(content: str, parsed: object = None) -> list[object]:
    """The entries of a wallabag export (a JSON list, or an object holding one);
    `parsed`: the content's JSON, when it was read already."""
    data = json.loads(content) if parsed is None else parsed
    if isinstance(data, dict):  # the API's paginated shape: {"_embedded": {"items": [...]}}
        data = (data.get("_embedded") or {}).get("items", data.get("items"))
    if not isinstance(data, list):
        raise ValueError(say("import.not_a_list"))
    return data


def read(found: list[object]) -> Iterator[Item]:
    """The entries of a wallabag JSON export (`entries`), in the file's order."""
    for number, entry in enumerate(found, 1):
        if not isinstance(entry, dict):
            yield Item(url="", problem=say("import.bad_entry", number=number))
            continue
        html = entry.get("content")
        yield Item(
            url=items.url(entry.get("url") or entry.get("given_url")),
            title=items.line(entry.get("title")), tags=items.tags(entry.get("tags")),
            added_at=items.iso(entry.get("created_at")),
            archived=items.truth(entry.get("is_archived")),
            starred=items.truth(entry.get("is_starred")),
            html=html if isinstance(html, str) and html.strip() else None,
            passages=tuple(_passages(entry.get("annotations"))))


def _passages(annotations: object) -> Iterator[Passage]:
    """The highlights of one entry: each annotation's quote and note."""
    if not isinstance(annotations, list):
        return
    for annotation in annotations:
        if not isinstance(annotation, dict):
            continue
        quote, note = items.text(annotation.get("quote")), items.text(annotation.get("text"))
        if quote or note:
            yield Passage(quote, note)
