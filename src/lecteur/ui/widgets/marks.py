"""What the reading view marks inside blocks: finer highlights and the selection.

Both are offsets into the article's text as the anchors count it (blocks' ``full_text``
joined by a blank line, `lecteur.core.text.anchors`); `Marks` cuts them into per-block
ranges of each block's own text, which the view draws on the characters that show them
(`lecteur.ui.widgets.document.source_offsets`). No Textual here.
"""

from __future__ import annotations

from bisect import bisect_right

from lecteur.core.models import Article
from lecteur.core.text.anchors import block_starts
from lecteur.core.text.sentences import Span

Range = tuple[int, int, str]  # start, end in a block's text, and "highlight" or "selection"


class Marks:
    """The finer highlights (id -> span) and the selection of the article shown."""

    def __init__(self) -> None:
        self.passages: dict[int, Span] = {}
        self.selection: Span | None = None
        self.ranges: dict[int, list[Range]] = {}  # block -> its marked text
        self._starts: list[int] = []
        self._lengths: list[int] = []

    def reset(self, article: Article, passages: dict[int, Span] | None) -> None:
        """Another article: its finer highlights, no selection."""
        self._starts = block_starts([block.full_text for block in article.blocks])
        self._lengths = [len(block.text) for block in article.blocks]
        self.passages, self.selection = dict(passages or {}), None
        self._cut()

    def set_passages(self, passages: dict[int, Span]) -> None:
        self.passages = dict(passages)
        self._cut()

    def set_selection(self, span: Span | None) -> None:
        self.selection = span
        self._cut()

    def block_of(self, offset: int) -> int:
        """The block that holds `offset` of the article's text."""
        return max(0, bisect_right(self._starts, offset) - 1)

    def passage_at(self, span: Span) -> int | None:
        """The id of the finer highlight whose passage is exactly `span`, if any."""
        return next((hid for hid, shown in self.passages.items() if shown == span), None)

    def passages_in(self, block: int) -> list[int]:
        """The ids of the finer highlights that start in `block`, in reading order."""
        found = sorted((span, hid) for hid, span in self.passages.items()
                       if self.block_of(span[0]) == block)
        return [hid for _span, hid in found]

    def next_passage(self, span: Span) -> Span | None:
        """The first finer highlight after `span` (None: there is none)."""
        return min((shown for shown in self.passages.values() if shown > span), default=None)

    def _cut(self) -> None:
        ranges: dict[int, list[Range]] = {}
        marked = [(span, "highlight") for span in self.passages.values()]
        if self.selection is not None:
            marked.append((self.selection, "selection"))
        for (start, end), role in marked:
            for index in range(self.block_of(start), self.block_of(max(start, end - 1)) + 1):
                if index >= len(self._starts):
                    break
                first = self._starts[index]
                local = (max(start, first) - first, min(end, first + self._lengths[index]) - first)
                if local[0] < local[1]:
                    ranges.setdefault(index, []).append((*local, role))
        self.ranges = ranges


def split_marked(text: str, found: tuple[int | None, ...],
                 ranges: list[Range]) -> list[tuple[str, str]]:
    """A piece of a line cut where a mark starts or ends: ``(text, mark)``, the mark
    "selection", "highlight" or "" (the selection shows over a highlight)."""
    def mark(at: int | None) -> str:
        if at is None:
            return ""
        roles = {kind for start, end, kind in ranges if start <= at < end}
        return "selection" if "selection" in roles else ("highlight" if roles else "")

    pieces: list[tuple[str, str]] = []
    start, current = 0, mark(found[0] if found else None)
    for position in range(1, len(text) + 1):
        here = mark(found[position]) if position < len(text) else None
        if here != current:
            pieces.append((text[start:position], current))
            start, current = position, here or ""
    return pieces
