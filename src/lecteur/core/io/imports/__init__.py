"""Reading other read-it-later services' exports: Pocket, Instapaper, wallabag, Omnivore,
and browsers' bookmark files, one small module per format.

`open_export` reads a file (or a folder, or standard input's bytes), tells its format from
its content (`detect`; ``--from`` forces one) and hands back an `Export` whose items are
read lazily, one `Item` per saved link. Nothing here touches the library or the network:
`lecteur.core.importing` adds the items. Every parser uses the standard library's JSON,
CSV, HTML or zip readers, never anything that evaluates; every size is bounded.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lecteur.core.errors import InvalidInputError
from lecteur.core.io.imports import bundle as bundles
from lecteur.core.io.imports.items import Item, decode

FORMATS = ("pocket", "instapaper", "wallabag", "omnivore", "bookmarks")
BACKUP = "lecteur"  # lecteur's own JSON backup (`lecteur.core.library.dump`)
MAX_FILE_BYTES = 2 * 1024 * 1024 * 1024  # larger than any export (a backup of 100,000 articles)


@dataclass
class Export:
    """An export being read: its format, the encoding it was read in, its items."""

    format: str
    items: Iterator[Item]
    encoding: str = "utf-8"
    refused: list[str] = field(default_factory=list)  # archive members not read (unsafe)
    text: str = ""  # the whole text, for a lecteur backup
    bundle: bundles.Bundle | None = None

    def close(self) -> None:
        """Let go of the archive, if the export is one."""
        if self.bundle is not None:
            self.bundle.close()


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """A file's bytes, refused before reading when it is larger than `limit`."""
    if path.stat().st_size > limit:
        raise InvalidInputError("import.too_large", megabytes=limit // (1024 * 1024))
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:  # grew while being read, or a special file
        raise InvalidInputError("import.too_large", megabytes=limit // (1024 * 1024))
    return data


def open_export(data: bytes | None = None, folder: Path | None = None,
                forced: str | None = None) -> Export:
    """The export in `data` (a file's bytes) or `folder`; `forced` names its format.

    Raises `InvalidInputError` when the format cannot be told or the file is not of the
    format forced.
    """
    if folder is not None or (data is not None and bundles.is_zip(data)):
        bundle = bundles.open_folder(folder) if folder is not None else bundles.open_zip(
            data or b"")
        return _omnivore(bundle, forced)
    text, encoding = decode(data or b"")
    seen, parsed = _detect(text)
    if forced is not None and seen not in (None, forced):
        raise InvalidInputError("import.looks_like", format=forced, seen=seen)
    kind = forced or seen
    if kind is None:
        raise InvalidInputError("import.unknown_format")
    return Export(kind, _parse(kind, text, parsed), encoding,
                  text=text if kind == BACKUP else "")


def _omnivore(bundle: bundles.Bundle, forced: str | None) -> Export:
    """An export made of many files: only Omnivore's is one."""
    from lecteur.core.io.imports import omnivore

    if forced not in (None, "omnivore") or not omnivore.metadata_files(bundle):
        bundle.close()
        raise InvalidInputError("import.not_format", format=forced or "omnivore")
    return Export("omnivore", omnivore.read(bundle), refused=bundle.refused, bundle=bundle)


def detect(text: str) -> str | None:
    """The format of an export's text, from its content (None: not one lecteur reads)."""
    return _detect(text)[0]


def _detect(text: str) -> tuple[str | None, object]:
    """The format of an export's text, and its JSON data when it is JSON (parsed once)."""
    head = text[:4096].lstrip("\ufeff \t\r\n")
    lowered = head.lower()
    if head.startswith(("{", "[")):
        return _json_kind(text)
    if "netscape-bookmark-file" in lowered:
        return "bookmarks", None
    if "<html" in lowered or "<!doctype" in lowered or "<ul" in lowered:
        return ("pocket" if "time_added" in lowered or "pocket" in lowered else None), None
    from lecteur.core.io.imports.table import header

    columns = set(header(head))
    if {"url", "time_added"} <= columns:
        return "pocket", None
    if {"url", "title", "folder"} <= columns:
        return "instapaper", None
    return None, None


def _json_kind(text: str) -> tuple[str | None, object]:
    """A lecteur backup, a wallabag export or one Omnivore metadata list, by their keys."""
    try:
        data = json.loads(text)
    except RecursionError:  # nested deeper than the parser goes: no export is
        return None, None
    except ValueError:  # said by the backup's restore, as "it is not JSON (why)"
        return (BACKUP if text.lstrip("\ufeff \t\r\n").startswith("{") else None), None
    entries = data
    if isinstance(data, dict):
        if {"format", "tables", "schema"} & set(data):  # the restore says if it is not one
            return BACKUP, None
        entries = (data.get("_embedded") or {}).get("items") or data.get("items")
    if not isinstance(entries, list):
        return None, data
    first = next((entry for entry in entries if isinstance(entry, dict)), {})
    if {"savedAt", "slug"} & set(first):
        return "omnivore", data
    if {"is_archived", "is_starred", "annotations", "content"} & set(first) or not first:
        return "wallabag", data
    return None, data


def _parse(kind: str, text: str, parsed: object) -> Iterator[Item]:
    """The items of a one-file export of format `kind` (`parsed`: its JSON, if read)."""
    from lecteur.core.io.imports import bookmarks, instapaper, pocket, wallabag

    if kind == BACKUP:
        return iter(())
    if kind == "pocket":
        csv_like = not text.lstrip("\ufeff \t\r\n").startswith("<")
        return pocket.read_csv(text) if csv_like else pocket.read_html(text)
    if kind == "instapaper":
        return instapaper.read(text)
    if kind == "wallabag":
        try:
            return wallabag.read(wallabag.entries(text, parsed))
        except (ValueError, RecursionError):
            raise InvalidInputError("import.not_format", format=kind) from None
    if kind == "bookmarks":
        return bookmarks.read(text)
    if kind == "omnivore":  # one metadata file alone, without its pages
        return _omnivore(bundles.Bundle(["metadata_0.json"], _files={"metadata_0.json":
                                         text.encode()}), None).items
    raise InvalidInputError("import.not_format", format=kind)
