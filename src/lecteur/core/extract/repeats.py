"""Whether a pull quote repeats words the body already gives.

A pull quote is a short quotation set apart from the text (a ``<blockquote>``, a
paragraph of quoted words) that repeats a testimony of the body, often shortened: cut at
either end with "…", with "[…]" or "(...)" where words were left out, with other
quotation marks and punctuation, in other case. It is shown once (in the body, where its
speaker is named), never given to whoever the article names next.

The test works on words: both texts are folded (case, accents, ligatures) and cut into
words, so quotation marks, punctuation and white space do not count. The pull quote is
cut into fragments at its ellipses; each fragment must be found, in order, as a run of
words of one longer block, within a short span. A fragment of four words or more may also
be broken once by a few words of the body (an incise the pull quote leaves out: "…,
dit-elle, …"), one side of the break three words long at least.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator, Sequence

_ELLIPSIS = re.compile(r"\s*(?:[\[(]\s*(?:…|\.{2,})\s*[\])]|…|\.{3,})\s*")
_WORD = re.compile(r"\w+")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
MIN_WORDS = 4  # fewer words in all are too common a phrase to call a repeat
_MIN_FRAGMENT = 2  # a lone word between two ellipses is not looked for
_INCISE = 6  # words of the body a fragment may skip once ("…, explique-t-elle, …")
_SPAN = 3  # the fragments must lie within this many times their words in the body
_FEW_HOLDERS = 8  # blocks holding a pull quote's longest word, compared one by one
_NO_BLOCKS: frozenset[int] = frozenset()


def plain(text: str) -> str:
    """`text` folded: case, accents and other combining marks, ligatures decomposed."""
    if text.isascii():
        return text.lower()
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text.casefold()))


def words(text: str) -> str:
    """The folded words of `text`, each followed by one space, a space first: " a b "."""
    found = _WORD.findall(plain(text))
    return f" {' '.join(found)} " if found else ""


class Joined:
    """An article's block texts joined by NULs (sanitised text never holds one), asked
    which of them hold a string: one search in C over the whole, not a Python step per
    block for each pull quote looked for."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = texts
        self.whole = "\0".join(texts)
        self.starts = list(itertools.accumulate((len(t) + 1 for t in texts[:-1]), initial=0))

    def holding(self, needle: str) -> Iterator[int]:
        """The indexes of the texts that hold `needle` (no NUL in it), in order, each once."""
        at = self.whole.find(needle) if self.texts else -1
        while at >= 0:
            index = bisect_right(self.starts, at) - 1
            yield index
            at = self.whole.find(needle, self.starts[index] + len(self.texts[index]) + 1)


class Folded:
    """The folded forms of an article's blocks, worked out when first asked for: a pull
    quote's words are looked for only in the blocks that hold every one of its words
    (an index of the blocks holding each word, built once per article: a page of a
    hundred similar quotations compares each with the few blocks sharing all its words,
    not with the hundred) and whose folded text holds its longest word (block texts are
    sanitised: they never hold a NUL, which keeps them apart while they are folded in
    one pass)."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = texts
        self._plain: list[str] = []
        self._words: dict[int, str] = {}
        self._joined: Joined | None = None
        self._holding: dict[str, set[int]] | None = None  # word -> the blocks holding it

    def plain(self, index: int) -> str:
        if not self._plain:
            self._plain = plain("\0".join(self.texts)).split("\0")
            self._joined = Joined(self._plain)
        return self._plain[index]

    def words(self, index: int) -> str:
        if index not in self._words:
            self._words[index] = words(self.texts[index])
        return self._words[index]

    def holding_all(self, tokens: set[str]) -> list[int]:
        """The blocks whose words (`words`) include every one of `tokens`, in order.

        The index keeps a set of blocks per word, and the intersection starts from the
        smallest: each step looks at no more blocks than the rarest word's (a list given
        to ``set.intersection`` is read whole, every block of a common word each time)."""
        if self._holding is None:
            self._holding = {}
            for block in range(len(self.texts)):
                for word in set(self.words(block).split()):
                    self._holding.setdefault(word, set()).add(block)
        sets = sorted((self._holding.get(token, _NO_BLOCKS) for token in tokens), key=len)
        if not sets:
            return []
        return sorted(sets[0].intersection(*sets[1:]))

    def repeated(self, index: int, quote: str) -> int | None:
        """The first block longer than block `index` that `quote` (its text, or part of
        it) repeats, or None."""
        parts = fragments(quote)
        wanted = sum(part.count(" ") - 1 for part in parts)
        if wanted < MIN_WORDS:
            return None
        anchor = max((word for part in parts for word in part.split()), key=len)
        size = len(self.plain(index))
        assert self._joined is not None
        others = list(itertools.islice(self._joined.holding(anchor), _FEW_HOLDERS))
        if len(others) == _FEW_HOLDERS:  # a common word: the blocks holding every word
            # (every word of the fragments is a whole word of the block repeating them)
            others = self.holding_all({word for part in parts for word in part.split()})
        for other in others:
            if len(self._plain[other]) > size and other != index and \
                    anchor in self._plain[other] and \
                    _found_in_order(parts, self.words(other), wanted * _SPAN):
                return other
        return None


def fragments(text: str) -> list[str]:
    """The runs of words between the ellipses of a pull quote, as `words` gives them;
    runs of a single word are left out."""
    runs = (words(part) for part in _ELLIPSIS.split(text))
    return [run for run in runs if run.count(" ") > _MIN_FRAGMENT]


def repeats(quote: str, others: Sequence[str]) -> bool:
    """Whether the pull quote `quote` repeats one of `others` (texts as `words` gives
    them, each longer than the quote)."""
    return repeated_in(quote, others) is not None


def repeated_in(quote: str, others: Sequence[str]) -> int | None:
    """The index of the first of `others` that the pull quote `quote` repeats, or None."""
    parts = fragments(quote)
    wanted = sum(part.count(" ") - 1 for part in parts)
    if wanted < MIN_WORDS:
        return None
    return next((index for index, other in enumerate(others)
                 if _found_in_order(parts, other, wanted * _SPAN)), None)


def _found_in_order(parts: list[str], text: str, span: int) -> bool:
    """Whether every fragment is in `text`, in order, within `span` words of the first."""
    begin = position = -1
    for part in parts:
        found = _find(part, text, max(position, 0))
        if found is None:
            return False
        start, position = found
        begin = start if begin < 0 else begin
    return text.count(" ", begin, position) <= span


def _find(part: str, text: str, start: int) -> tuple[int, int] | None:
    """Where a fragment is in `text` from `start` on, (first, end), as a run of words or
    broken once by at most `_INCISE` words; None if it is not there."""
    at = text.find(part, start)
    if at >= 0:
        return at, at + len(part) - 1
    tokens = part.split()
    side = _MIN_FRAGMENT + 1  # the longer side of the break: its words are all there
    if len(tokens) < MIN_WORDS or (f" {' '.join(tokens[:side])} " not in text
                                   and f" {' '.join(tokens[-side:])} " not in text):
        return None
    for cut in range(1, len(tokens)):  # the incise after the first words, or later
        if max(cut, len(tokens) - cut) <= _MIN_FRAGMENT:
            continue
        head, tail = f" {' '.join(tokens[:cut])} ", f" {' '.join(tokens[cut:])} "
        at = text.find(head, start)
        while at >= 0:
            after = at + len(head) - 1
            window = text[after:_nth_space(text, after, _INCISE + 1) + len(tail)]
            if tail in window:
                return at, after + window.index(tail) + len(tail) - 1
            at = text.find(head, at + 1)
    return None


def _nth_space(text: str, start: int, count: int) -> int:
    """The index of the `count`-th space after `start` (the end of the text if fewer)."""
    index = start
    for _ in range(count):
        index = text.find(" ", index + 1)
        if index < 0:
            return len(text)
    return index
