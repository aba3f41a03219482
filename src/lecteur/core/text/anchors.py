"""Finding a passage in an article's text, and anchoring it the W3C TextQuoteSelector way.

A highlight made from the shell names its passage by typing it, so the text typed and the
article's text may differ in white space (a line break pasted as a space) and in the style
of quotation marks and apostrophes (``'`` for ``’``, ``"`` for ``«``); `find_passage`
forgives those, then case, and returns the passage exactly as the article writes it, with
up to `CONTEXT` characters before and after it (the selector's prefix and suffix) and the
index of the block it starts in.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from typing import NamedTuple

CONTEXT = 32  # characters of prefix and suffix, as Hypothesis and the W3C examples use
BLOCK_SEPARATOR = "\n\n"  # as `Article.text` joins blocks

_ALIKE = (
    "'’‘‛′`",
    "\"“”„«»″",
    "-‐‑‒–—−",
)


class Anchor(NamedTuple):
    """Where a passage sits: its block, its exact text, and the text around it."""

    block_index: int
    exact: str
    prefix: str
    suffix: str


def text_digest(text: str) -> str:
    """A short digest of an article's text: the version a highlight was made on."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _pattern(passage: str) -> str:
    """A regular expression for `passage`, loose on white space and quotation marks."""
    parts: list[str] = []
    for char in passage.strip():
        if char.isspace():
            if parts and parts[-1] != r"\s+":
                parts.append(r"\s+")
            continue
        group = next((alike for alike in _ALIKE if char in alike), None)
        if group is _ALIKE[1]:  # French marks take a (narrow) space inside: « ainsi »
            parts.append((r"\s*" if parts else "") + "[" + re.escape(group) + r"]\s*")
        else:
            parts.append(f"[{re.escape(group)}]" if group else re.escape(char))
    return "".join(parts)


def find_passage(blocks: Sequence[str], passage: str) -> Anchor | None:
    """The first place `passage` occurs in the text of `blocks`, or None.

    An exact match is preferred, then one that forgives white space and quotation marks,
    then one that also forgives case.
    """
    if not passage.strip():
        return None
    text = BLOCK_SEPARATOR.join(blocks)
    start = text.find(passage)
    end = start + len(passage)
    if start < 0:
        pattern = _pattern(passage)
        match = re.search(pattern, text) or re.search(pattern, text, re.IGNORECASE)
        if match is None:
            return None
        start, end = match.span()
    return Anchor(_block_at(blocks, start), text[start:end],
                  text[max(0, start - CONTEXT):start], text[end:end + CONTEXT])


def _common_tail(a: str, b: str) -> int:
    """How many characters `a` and `b` share at their ends."""
    count = 0
    while count < min(len(a), len(b)) and a[-1 - count] == b[-1 - count]:
        count += 1
    return count


def _common_head(a: str, b: str) -> int:
    """How many characters `a` and `b` share at their starts."""
    count = 0
    while count < min(len(a), len(b)) and a[count] == b[count]:
        count += 1
    return count


def relocate(blocks: Sequence[str], exact: str, prefix: str = "",
             suffix: str = "") -> Anchor | None:
    """Where a highlight's passage is in a new version of the text, or None if it is gone.

    Of every place the passage occurs (exactly, else as `find_passage` forgives), the one
    whose surroundings best match the recorded `prefix` and `suffix` wins (the first, on a
    tie): a passage that occurs twice keeps pointing at the occurrence the reader chose.
    """
    span = locate(blocks, exact, prefix, suffix)
    return None if span is None else anchor_at(blocks, *span)


def locate(blocks: Sequence[str], exact: str, prefix: str = "",
           suffix: str = "") -> tuple[int, int] | None:
    """The offsets in the joined text of `blocks` where `relocate` finds a passage."""
    if not exact.strip():
        return None
    text = BLOCK_SEPARATOR.join(blocks)
    spans = [(m.start(), m.end()) for m in re.finditer(re.escape(exact), text)]
    if not spans:
        spans = [m.span() for m in re.finditer(_pattern(exact), text)]
    if not spans:
        return None

    def score(span: tuple[int, int]) -> int:
        before = text[max(0, span[0] - CONTEXT):span[0]]
        after = text[span[1]:span[1] + CONTEXT]
        return _common_tail(before, prefix) + _common_head(after, suffix)

    return max(spans, key=score)  # max keeps the first of equal scores


def anchor_at(blocks: Sequence[str], start: int, end: int) -> Anchor:
    """The anchor of the passage at offsets `start`..`end` of the joined text of `blocks`
    (a selection made in the reader): its block, exact text, prefix and suffix."""
    text = BLOCK_SEPARATOR.join(blocks)
    return Anchor(_block_at(blocks, start), text[start:end],
                  text[max(0, start - CONTEXT):start], text[end:end + CONTEXT])


def block_starts(blocks: Sequence[str]) -> list[int]:
    """Where each block begins in the joined text of `blocks`."""
    starts, position = [], 0
    for block in blocks:
        starts.append(position)
        position += len(block) + len(BLOCK_SEPARATOR)
    return starts


def _block_at(blocks: Sequence[str], offset: int) -> int:
    """The index of the block that holds character `offset` of the joined text."""
    position = 0
    for index, block in enumerate(blocks):
        position += len(block) + len(BLOCK_SEPARATOR)
        if offset < position:
            return index
    return max(0, len(blocks) - 1)
