"""What every importer hands back: one `Item` per saved link, in plain, cleaned data.

Every string an export holds is untrusted (anyone could have written the file): titles,
tags and addresses pass `clean_line`, notes and quoted passages `clean_text`, before they
leave this package. Dates become the library's own stamps (UTC, ISO 8601, to the second);
a date that cannot be read is dropped (the article is then dated by the import), never
guessed. An entry that cannot be read at all is still an item, with its `problem`, so the
report names it and nothing is lost silently.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from lecteur.core.text.sanitize import clean_line, clean_text

MAX_TAGS = 64  # tags kept per item (a hostile file can list thousands)
MAX_TAG_CHARS = 100
MAX_TITLE_CHARS = 500
MAX_URL_CHARS = 4096
MAX_NOTE_CHARS = 100_000


@dataclass(frozen=True)
class Passage:
    """A passage the reader highlighted elsewhere (its exact text), and their note on it."""

    quote: str
    note: str = ""


@dataclass(frozen=True)
class Item:
    """One saved link of an export, with what the reader did to it there.

    `html` is the article's content when the export carries it (wallabag, Omnivore): it is
    read from there rather than fetched. `problem` is the sentence saying why the entry
    could not be read (the rest of the item is then empty); `skipped` why it is left out on
    purpose (deleted in the service it came from).
    """

    url: str
    title: str = ""
    tags: tuple[str, ...] = ()
    added_at: str | None = None
    archived: bool = False
    starred: bool = False
    html: str | None = None
    passages: tuple[Passage, ...] = ()
    note: str = ""
    problem: str | None = None
    skipped: str | None = None


def line(value: object, limit: int = MAX_TITLE_CHARS) -> str:
    """A one-line field from an export, cleaned and cut at `limit` characters ("" for
    anything but a string or a number: a list or an object where a title goes)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    return clean_line(value if isinstance(value, str) else "")[:limit]


def text(value: object) -> str:
    """A multi-line field (a note, a quoted passage), cleaned, trimmed and bounded."""
    if not isinstance(value, str):
        return ""
    return clean_text(value).strip()[:MAX_NOTE_CHARS]


def url(value: object) -> str:
    """An address from an export, as one clean line (checked later, before any fetch)."""
    return line(value, MAX_URL_CHARS)


def tags(values: object) -> tuple[str, ...]:
    """Tag names, cleaned, without empties or repeats, at most `MAX_TAGS`."""
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, (list, tuple)):
        return ()
    found: dict[str, str] = {}
    for value in values:
        if isinstance(value, dict):  # {"label": ...} (wallabag), {"name": ...} (Omnivore)
            value = value.get("label") or value.get("name") or value.get("slug")
        name = line(value, MAX_TAG_CHARS).lstrip("#").strip()
        if name and name.casefold() not in found:
            found[name.casefold()] = name
    return tuple(found.values())[:MAX_TAGS]


def split_tags(raw: object, separators: str = ",|") -> tuple[str, ...]:
    """Tags written in one field: ``a,b``, ``a|b``, or a JSON list (``["a", "b"]``)."""
    if not isinstance(raw, str) or not raw.strip():
        return ()
    stripped = raw.strip()
    if stripped.startswith("["):
        try:
            return tags(json.loads(stripped))
        except (ValueError, RecursionError):
            pass
    parts = [stripped]
    for separator in separators:
        parts = [piece for part in parts for piece in part.split(separator)]
    return tags(parts)


def truth(value: object) -> bool:
    """An export's flag: ``1``, ``true``, ``"1"``, ``"yes"`` are true; anything else false."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value == 1
    return isinstance(value, str) and value.strip().lower() in ("1", "true", "yes")


def epoch(value: object) -> str | None:
    """A Unix time (seconds; milliseconds and microseconds are recognised) as a stamp."""
    try:
        seconds = float(str(value).strip())
    except ValueError:
        return None
    while seconds > 100_000_000_000:  # milliseconds, microseconds (Chrome writes both)
        seconds /= 1000
    return _stamp(seconds)


def iso(value: object) -> str | None:
    """An ISO 8601 date (``2024-03-01T10:00:00+0100``, ``...Z``, a date alone) as a stamp."""
    if not isinstance(value, str) or not value.strip():
        return None
    raw = value.strip()
    if raw.endswith("Z"):
        raw = raw[:-1] + "+00:00"
    try:
        when = datetime.fromisoformat(raw)
    except ValueError:
        try:
            when = datetime.strptime(raw, "%Y-%m-%dT%H:%M:%S%z")
        except ValueError:
            return epoch(raw)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return _stamp(when.timestamp())


def _stamp(seconds: float) -> str | None:
    """`seconds` since 1970 as a library stamp; None outside 1990-2100 (not a save date)."""
    if not 631_152_000 <= seconds < 4_102_444_800:
        return None
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def decode(data: bytes) -> tuple[str, str]:
    """An export's text and the encoding it was read in.

    UTF-8 (with or without its byte-order mark) and UTF-16 with a mark are read as such;
    anything else is read as Windows-1252, the encoding spreadsheets on Windows save CSV
    in, where every byte is a character: the caller says so in its report.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "windows-1252"
