"""Omnivore's export: a zip (or the folder it unpacks to) holding ``metadata_*.json`` lists
(``id, slug, title, description, author, url, state, labels, savedAt, publishedAt``), the
saved pages as ``content/<slug>.html`` and the reader's highlights as
``highlights/<slug>.md``.

A highlight file holds each passage as a Markdown block quote (``> the passage``, often
ending in a ``[⤴️](link)`` back to Omnivore), followed by the reader's note on it, if any,
as plain paragraphs. Slugs are only ever looked up among the bundle's own names
(`lecteur.core.io.imports.bundle`), never joined to a path. An item Omnivore marks deleted
is reported as skipped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import PurePosixPath

from lecteur.core.catalogue import say
from lecteur.core.io.imports import items
from lecteur.core.io.imports.bundle import Bundle
from lecteur.core.io.imports.items import Item, Passage

_BACK_LINK = re.compile(r"\s*\[[^\]]{0,16}\]\([^)\s]*\)\s*$")


def metadata_files(bundle: Bundle) -> list[str]:
    """The bundle's ``metadata_*.json`` files, in their natural order (``_0_to_9`` first)."""
    found = [n for n in bundle.names
             if PurePosixPath(n).name.startswith("metadata_") and n.endswith(".json")]
    return sorted(found, key=lambda n: [int(d) for d in re.findall(r"\d+", n)] or [0])


def read(bundle: Bundle) -> Iterator[Item]:
    """Every item of an Omnivore export, file after file."""
    for name in metadata_files(bundle):
        folder = PurePosixPath(name).parent
        data = bundle.read(name) or b""
        try:
            entries = json.loads(items.decode(data)[0])
        except (ValueError, RecursionError):
            yield Item(url="", problem=say("import.bad_member", name=items.line(name)))
            continue
        if not isinstance(entries, list):
            entries = [entries]
        for number, entry in enumerate(entries, 1):
            yield _item(bundle, folder, entry, number)


def _member(bundle: Bundle, folder: PurePosixPath, kind: str, slug: str, suffix: str) -> str:
    """The text of ``<kind>/<slug><suffix>`` next to the metadata file ("" if absent)."""
    if not slug:
        return ""
    name = (folder / kind / f"{slug}{suffix}").as_posix()
    data = bundle.read(name.removeprefix("./"))
    return items.decode(data)[0] if data else ""


def _item(bundle: Bundle, folder: PurePosixPath, entry: object, number: int) -> Item:
    """One metadata entry, with its page and highlights from the bundle."""
    if not isinstance(entry, dict):
        return Item(url="", problem=say("import.bad_entry", number=number))
    slug = str(entry.get("slug") or entry.get("id") or "")
    state = str(entry.get("state") or "").lower()
    url = items.url(entry.get("url") or entry.get("originalUrl"))
    title = items.line(entry.get("title"))
    if "delet" in state:
        return Item(url=url, title=title, skipped=say("import.deleted_there", source="Omnivore"))
    html = _member(bundle, folder, "content", slug, ".html")
    passages = list(_listed(entry.get("highlights")))
    passages += _from_markdown(_member(bundle, folder, "highlights", slug, ".md"))
    return Item(url=url, title=title, tags=items.tags(entry.get("labels")),
                added_at=items.iso(entry.get("savedAt")), archived="archiv" in state,
                starred=False, html=html if html.strip() else None,
                passages=tuple(_unique(passages)))


def _listed(highlights: object) -> Iterator[Passage]:
    """Highlights listed in the metadata itself (``quote``, ``annotation``)."""
    if not isinstance(highlights, list):
        return
    for highlight in highlights:
        if isinstance(highlight, dict):
            quote = items.text(highlight.get("quote"))
            note = items.text(highlight.get("annotation") or highlight.get("note"))
            if quote or note:
                yield Passage(quote, note)


def _from_markdown(markdown: str) -> list[Passage]:
    """The passages of a highlights file: block quotes, each followed by its note."""
    found: list[tuple[list[str], list[str]]] = []
    for block in re.split(r"\n\s*\n", markdown.replace("\r\n", "\n")):
        lines = block.strip("\n").split("\n")
        if lines and lines[0].lstrip().startswith(">"):
            quote = [re.sub(r"^\s*>\s?", "", ln) for ln in lines]
            found.append((quote, []))
        elif found and block.strip():
            found[-1][1].append(block.strip())
    passages = []
    for quote, note in found:
        exact = _BACK_LINK.sub("", "\n".join(quote))
        passages.append(Passage(items.text(exact), items.text("\n\n".join(note))))
    return [p for p in passages if p.quote]


def _unique(passages: list[Passage]) -> Iterator[Passage]:
    """Each passage once (the metadata and the highlight file may both list it), with
    the note either gives."""
    found: dict[str, Passage] = {}
    for passage in passages:
        key = " ".join(passage.quote.split()) or passage.note
        kept = found.get(key)
        if kept is None or (passage.note and not kept.note):
            found[key] = passage
    yield from found.values()
