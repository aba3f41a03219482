"""File names for exported pieces: from the title, safe on every system, stable.

A title is anything a page says, so it is made into a name no system refuses and no path
can escape through (reliability.md H2): NFC, no control characters, none of
``/ \\ : * ? " < > |`` (nor ``# ^ [ ]``, which break Obsidian's links), no leading or
trailing dots and spaces, not a name Windows reserves (``CON``, ``NUL``, ``COM1``...), at
most `MAX_BYTES` bytes of UTF-8. The article's id ends the name, ``Title (12).md``, so a
second export finds the same file even after the title changed, and two pieces with the
same title never share a file.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

MAX_BYTES = 120  # the whole name, extension included; most systems allow 255
SUFFIX = ".md"
_FORBIDDEN = re.compile(r'[\x00-\x1f\x7f-\x9f/\\:*?"<>|#^\[\]\u200b-\u200f\u202a-\u202e'
                        r"\u2066-\u2069]")
_SPACES = re.compile(r"\s+")
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
             *(f"{kind}{n}" for kind in ("COM", "LPT") for n in "0123456789¹²³")}
_ID_AT_END = re.compile(r" \((\d+)\)\.md\Z")


def stem(title: str) -> str:
    """The title as the readable part of a file name (never empty)."""
    text = unicodedata.normalize("NFC", title)
    text = _SPACES.sub(" ", _FORBIDDEN.sub(" ", text)).strip(" .")
    if text.split(".")[0].strip().upper() in _RESERVED:
        text = f"_{text}"
    return text or "untitled"


def _cut(text: str, limit: int) -> str:
    """`text` cut to at most `limit` bytes of UTF-8, at a character boundary."""
    encoded = text.encode("utf-8")[:max(0, limit)]
    return encoded.decode("utf-8", errors="ignore").rstrip(" .")


def file_name(title: str, article_id: int) -> str:
    """``Title (ID).md``, at most `MAX_BYTES` bytes."""
    tail = f" ({article_id:d}){SUFFIX}"
    readable = _cut(stem(title), MAX_BYTES - len(tail.encode("utf-8"))) or "untitled"
    return readable + tail


def id_of(name: str) -> int | None:
    """The article id at the end of an exported file's name, or None."""
    found = _ID_AT_END.search(name)
    return int(found[1]) if found else None


def inside(folder: Path, name: str) -> Path:
    """`folder / name`, checked to be a file directly inside `folder` (never elsewhere)."""
    target = (folder / name).resolve()
    if target.parent != folder.resolve() or target.name != name:
        raise ValueError(f"an export file name left its folder: {name!r}")
    return target
