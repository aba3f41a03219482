"""A selection in an article's text, grown and shrunk by words and sentences (``v``).

Offsets are those of the anchors (`lecteur.core.text.anchors`): into the article's blocks
joined by a blank line (each block's ``full_text``), so a selection becomes a highlight
with `anchor_at` as it is. Only a block's own text is selectable (not a quotation's
attribution line), and a selection may run over several blocks: growing by a sentence at
the end of a paragraph takes the next paragraph's first sentence. Pure, no Textual.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from lecteur.core.text.anchors import block_starts
from lecteur.core.text.sentences import Span, sentence_spans, word_spans


@dataclass(frozen=True)
class Units:
    """An article's words and sentences, as offsets into its joined text."""

    starts: tuple[int, ...]  # where each block begins
    words: tuple[Span, ...]
    sentences: tuple[Span, ...]

    @classmethod
    def of(cls, texts: Sequence[str], full_texts: Sequence[str]) -> Units:
        """The units of an article: `texts` each block's own text, `full_texts` the text
        the anchors join (with a quotation's attribution line)."""
        starts = block_starts(full_texts)
        words: list[Span] = []
        sentences: list[Span] = []
        for start, text in zip(starts, texts, strict=True):
            words += [(start + a, start + b) for a, b in word_spans(text)]
            sentences += [(start + a, start + b) for a, b in sentence_spans(text)]
        return cls(tuple(starts), tuple(words), tuple(sentences))

    def block_of(self, offset: int) -> int:
        """The block that holds `offset`."""
        return max(0, bisect_right(self.starts, offset) - 1)

    def first_sentence(self, block: int) -> Span | None:
        """The first sentence of `block` (None: the block has no text)."""
        at = bisect_left(self.sentences, (self.starts[block], -1))
        if at < len(self.sentences) and self.block_of(self.sentences[at][0]) == block:
            return self.sentences[at]
        return None

    def grow(self, span: Span, unit: str, steps: int) -> Span:
        """`span` with its end moved by `steps` words or sentences (``unit``: "word" or
        "sentence"); it never grows past the text nor shrinks below its first word."""
        ends = [end for _start, end in (self.words if unit == "word" else self.sentences)]
        start, end = span
        if steps > 0:
            at = min(bisect_right(ends, end) + steps - 1, len(ends) - 1)
            return (start, ends[at]) if at >= 0 and ends[at] > end else span
        at = bisect_left(ends, end) + steps
        floor = self._first_word_end(start)
        if at >= 0 and ends[at] >= floor:
            return (start, ends[at])
        return (start, min(end, floor))

    def move_start(self, span: Span, steps: int) -> Span:
        """`span` with its start moved to the next (or previous) sentence's start; the end
        follows when the start passes it, so the selection holds at least that sentence."""
        starts = [start for start, _end in self.sentences]
        start, end = span
        at = bisect_right(starts, start) if steps > 0 else bisect_left(starts, start) - 1
        if not 0 <= at < len(starts):
            return span
        sentence = self.sentences[at]
        return (sentence[0], max(end, sentence[1]) if steps > 0 else end)

    def _first_word_end(self, start: int) -> int:
        at = bisect_right(self.words, (start, 1 << 62)) - 1
        word = self.words[at] if at >= 0 else (start, start)
        if word[1] <= start:  # the start is not in a word: the next one
            word = self.words[min(at + 1, len(self.words) - 1)]
        return word[1]
