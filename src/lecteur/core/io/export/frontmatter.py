"""YAML front matter, written by a small serialiser of quoted scalars (never by f-strings).

Every string is a double-quoted YAML scalar, escaped the JSON way plus the characters YAML
reads as line breaks or refuses (NEL, LINE/PARAGRAPH SEPARATOR, BOM, non-characters): a
title holding a newline, ``---``, a colon, ``#`` or ``{`` stays one value, and any YAML
parser gives back the same string (tests/test_export.py checks this with PyYAML and
Hypothesis). Keys are fixed by lecteur. Lists are block lists, as Obsidian reads them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence

Value = str | int | float | bool | None | Sequence["Value"] | Mapping[str, "Value"]

# YAML's printable set (1.2, 5.1) less the characters it takes for line breaks.
_UNSAFE = re.compile("[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufdcf\ufdf0-\ufefe"
                     "\uff00-\ufffd\U00010000-\U0010ffff]")
_KEY = re.compile(r"[a-z][a-z0-9_]*")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def quoted(text: str) -> str:
    """`text` as one double-quoted YAML scalar that every parser reads back unchanged."""
    return _UNSAFE.sub(_escape, json.dumps(text, ensure_ascii=False))


def _scalar(value: Value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return quoted(value)
    raise TypeError(f"not a scalar: {type(value).__name__}")


def _lines(key: str, value: Value, indent: str) -> list[str]:
    if not _KEY.fullmatch(key):
        raise ValueError(f"not a front-matter key: {key!r}")
    if isinstance(value, Mapping):
        if not value:
            return [f"{indent}{key}: {{}}"]
        return [f"{indent}{key}:", *_mapping(value, indent + "  ")]
    if isinstance(value, Sequence) and not isinstance(value, str):
        if not value:
            return [f"{indent}{key}: []"]
        lines = [f"{indent}{key}:"]
        for item in value:
            if isinstance(item, Mapping):
                inner = _mapping(item, indent + "    ")
                lines.append(f"{indent}  - {inner[0].lstrip()}")
                lines.extend(inner[1:])
            else:
                lines.append(f"{indent}  - {_scalar(item)}")
        return lines
    return [f"{indent}{key}: {_scalar(value)}"]


def _mapping(fields: Mapping[str, Value], indent: str) -> list[str]:
    return [line for key, value in fields.items() for line in _lines(key, value, indent)]


def front_matter(fields: Mapping[str, Value]) -> str:
    """The front-matter block (``---`` lines included, a newline at the end)."""
    return "---\n" + "".join(f"{line}\n" for line in _mapping(fields, "")) + "---\n"


def streamed_front_matter(fields: Mapping[str, Value], key: str,
                          items: Iterable[Mapping[str, Value]]) -> Iterator[str]:
    """`front_matter` of `fields` and, last, `key`: the list of `items`, written as they
    come (the playbook's sources: tens of thousands in a large library, never held)."""
    if not _KEY.fullmatch(key):
        raise ValueError(f"not a front-matter key: {key!r}")
    yield "---\n" + "".join(f"{line}\n" for line in _mapping(fields, ""))
    empty = True
    for item in items:
        if empty:
            yield f"{key}:\n"
            empty = False
        inner = _mapping(item, "    ")
        yield "".join(f"{line}\n" for line in [f"  - {inner[0].lstrip()}", *inner[1:]])
    if empty:
        yield f"{key}: []\n"
    yield "---\n"
