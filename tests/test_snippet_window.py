"""The snippet's line made from its window alone: `_window` makes only the characters it
shows one line, `_window_marks` folds a long paragraph only up to a little past the line.
Both are held to what the whole paragraph gives, on random texts full of what folding and
the one-line rule change (accents written apart, ligatures, tabs, runs of spaces)."""

from __future__ import annotations

import random
import re

from lecteur.core.text import snippets
from lecteur.core.text.snippets import Snippet, Span

_ALPHABET = ["e", "é", "E", "É", "a", "à", "œ", "Œ", "ﬁ", "i", "f", "o", "n", "q", "u",
             "s", "t", "\u0301", "\u0327", " ", " ", " ", "  ", "\t", "\n", "-", "'", "…",
             "\u00a0", "\u200b", "ß"]


def _whole_window(text: str, marks: tuple[Span, ...], width: int) -> Snippet:
    """The line as it was made before: the whole text made one line first."""
    text = snippets._NOT_ON_ONE_LINE.sub(" ", text)
    start, end = 0, len(text)
    if len(text) > width:
        room = max(8, width - 2)
        anchor, anchor_end = marks[0] if marks else (0, 0)
        start = 0 if anchor_end + room // 8 <= room else max(
            0, min(anchor - room // 4, len(text) - room))
        end = start + room
        if start > 0:
            space = text.find(" ", start - 1, anchor)
            start = space + 1 if space >= 0 else start
        if end < len(text):
            space = text.rfind(" ", max(start + 1, anchor_end), end + 1)
            end = space if space >= 0 else end
    while start < end and text[start] == " ":
        start += 1
    while end > start and text[end - 1] == " ":
        end -= 1
    lead = snippets.ELLIPSIS if start > 0 else ""
    tail = snippets.ELLIPSIS if end < len(text) else ""
    line, where = snippets._one_space(text[start:end])
    kept = tuple((where[max(a, start) - start] + len(lead),
                  where[min(b, end) - start] + len(lead))
                 for a, b in marks if a < end and b > start)
    return Snippet(lead + line + tail, kept)


def _text(rng: random.Random, size: int) -> str:
    return "".join(rng.choice(_ALPHABET) for _ in range(size))


def test_the_window_alone_is_the_whole_texts_window() -> None:
    rng = random.Random(3)
    for _ in range(3000):
        text = _text(rng, rng.choice([0, 5, 60, 200, 500]))
        marks: list[Span] = []
        at = rng.randint(0, max(0, len(text) - 1))
        for _ in range(rng.randint(0, 3)):
            start = min(len(text), at + rng.randint(0, 80))
            marks.append((start, min(len(text), start + rng.randint(1, 9))))
            at = marks[-1][1] + 1
        kept = tuple(span for span in marks if span[0] < span[1])
        for width in (20, 120):
            assert snippets._window(text, kept, width) == _whole_window(text, kept, width)


def test_the_marks_of_the_window_are_the_whole_texts() -> None:
    rng = random.Random(5)
    for _ in range(1500):
        text = _text(rng, rng.choice([100, 400, 900]))
        words = ["".join(rng.choice("eaoifnqust") for _ in range(rng.randint(1, 3)))
                 for _ in range(rng.randint(1, 2))]
        patterns = [re.compile(snippets.term_pattern([word], rng.random() < 0.5))
                    for word in words]
        whole = snippets._window(text, snippets.find_marks(text, patterns), 120)
        for near in (0, rng.randint(0, len(text)), len(text)):  # a wrong guess costs time only
            cut = snippets._window_marks(text, patterns, 120, near)
            assert snippets._window(text, cut, 120) == whole, (text, words, near)


def test_a_phrase_is_always_folded_whole() -> None:
    text = "mot " * 100 + "de la" + " fin" * 100
    pattern = re.compile(snippets.term_pattern(["de", "la"], False))
    assert snippets._window_marks(text, [pattern], 120, 0) == snippets.find_marks(
        text, [pattern])
    assert not snippets._one_word(pattern.pattern)
