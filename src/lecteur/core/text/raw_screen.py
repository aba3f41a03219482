"""Which parts of a stored body may hold a search's words, read on its JSON as stored.

A snippet is taken from the first paragraph whose quick folding (`snippets._quick_fold`:
case, œ/æ, NFKD, the common accents out) the terms' patterns match. Folding each paragraph
to find it was most of a ``search --limit 0`` hit's time, and most paragraphs hold none of
the words. A *raw screen* is a regular expression over the text as written that matches
wherever a word's quick folding could occur: each letter of the word may be written by
any character that quick-folds to it (``é``, ``É``, ``ｅ``), a character that quick-folds
to several letters may write several (``œ`` for ``oe``, ``ﬁ`` for ``fi``, also at either
end of the word: ``cœ`` for a prefix ``co``), and one that quick-folds to nothing (an
accent written apart) may come anywhere inside. So where the screen finds nothing, no
pattern matches, and that paragraph need not be decoded or folded; where it finds
something, the paragraph is folded and matched as before.

It is searched on the body's JSON text itself (``json.dumps(..., ensure_ascii=False)``):
inside a word nothing is escaped (only quotes, backslashes and control characters are,
and none of them folds to a letter or to nothing), so a match in a paragraph is a match
in its stretch of the JSON text. A ``\\u`` escape (a body written with ``ensure_ascii``,
or a control character) is a match of every screen: the block holding it is matched as
it decodes (checking each body for escapes first was a tenth of a hit's time).

The screen needs every character's quick folding that holds a letter or a digit, or is
empty: about 1,500 characters, written in `_foldings` (folding the whole of Unicode takes
0.2 s, done only by a Python whose Unicode is not the one the table was made with).
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Sequence

from lecteur.core.text.snippets import _quick_fold

# A word whose screen would be larger than this is not screened (each letter that several
# characters' foldings share may double the expression).
_LARGEST = 50_000
_PHRASE_WORD = 4
_ESCAPE = r"(?<=\\)u"  # after the leading class's backslash
_WORD = re.compile("[a-z0-9]+")
_LETTER_OR_DIGIT = re.compile("[a-z0-9]")


class _Folds:
    """Unicode's non-ASCII characters by their quick folding, as a screen needs them."""

    def __init__(self) -> None:
        self.empty: list[str] = []
        self.by_folding: dict[str, list[str]] = defaultdict(list)
        for start in range(0x80, sys.maxunicode + 1, _CHUNK):  # a few MB at a time
            self._fold(start, min(start + _CHUNK, sys.maxunicode + 1))

    def _fold(self, start: int, stop: int) -> None:
        """Keep the characters from `start` to `stop` (excluded) that a screen needs."""
        chars = [chr(code) for code in range(start, stop) if not 0xD800 <= code < 0xE000]
        # One string, one character a piece: NFKD only reorders runs of combining marks,
        # and the separator (a starter) ends each run, so each piece is that character's.
        pieces = _quick_fold("\x00".join(chars)).split("\x00")
        for char, folded in zip(chars, pieces, strict=True):
            if not folded:
                self.empty.append(char)
            elif _LETTER_OR_DIGIT.search(folded):  # folded: no capital can match a word
                self.by_folding[folded].append(char)


_CHUNK = 1 << 14


@functools.cache
def _table() -> _Folds:
    """The foldings a screen needs: those written in `_foldings` (made by `table_source`
    for the Unicode of the Python that made it), else folded here, once."""
    from lecteur.core.text import _foldings

    if unicodedata.unidata_version != _foldings.UNIDATA_VERSION:
        return _Folds()
    table = _Folds.__new__(_Folds)
    table.empty = list(_foldings.EMPTY)
    table.by_folding = defaultdict(list, {folded: list(chars)
                                         for folded, chars in _foldings.BY_FOLDING.items()})
    return table


def table_source() -> str:
    """The text of `_foldings`, for this Python's Unicode (tests/test_raw_screen.py checks
    the module is this; ``python -m lecteur.core.text.raw_screen`` writes it)."""
    folds = _Folds()
    lines = ['"""Which characters quick-fold to nothing, and which to each string of ASCII',
             "letters and digits (made by `raw_screen.table_source`: do not edit).\"\"\"",
             "", f"UNIDATA_VERSION = {unicodedata.unidata_version!r}",
             "EMPTY = (", *_wrapped("".join(folds.empty), "    "), ")", "BY_FOLDING = {"]
    for folded, chars in sorted(folds.by_folding.items()):
        lines += [f"    {folded!a}: (", *_wrapped("".join(chars), "        "), "    ),"]
    return "\n".join([*lines, "}", ""])


def raw_screen(words_of_patterns: Sequence[Sequence[str]]) -> re.Pattern[str] | None:
    """One expression over raw text that matches wherever any of the patterns could.

    Each pattern is given by its folded words (`snippets.term_pattern`'s); a pattern is
    screened by its longest word (the others can only narrow it). None when a word is not
    of ASCII letters and digits alone, or its screen would be too large, or a phrase's
    longest word is shorter than `_PHRASE_WORD` (``"de la"``: nearly every paragraph holds
    "de", and each would be matched after the screen): then nothing is screened.
    """
    firsts: list[str] = []
    follows: list[str] = []
    for words in words_of_patterns:
        if not words or (len(words) > 1 and max(map(len, words)) < _PHRASE_WORD):
            return None
        part = _word_screen(max(words, key=len))
        if part is None:
            return None
        firsts += part[0]
        follows.append(part[1])
    if not follows:
        return None
    # One leading class for all (an alternation of screens would try every position); a
    # ``\\u`` escape is a match too, so that a text whose letters are escaped is matched.
    follows.append(_ESCAPE)
    return re.compile(_leading([*firsts, "\\"]) + "(?:" + "|".join(sorted(set(follows))) + ")")


@functools.lru_cache(maxsize=256)
def _word_screen(word: str) -> tuple[tuple[str, ...], str] | None:
    """The screen of one folded `word`: the characters it may begin with, and what must
    follow, told apart by the class of the first (None: not screened)."""
    if not _WORD.fullmatch(word):
        return None
    folds = _table()
    between = _class(folds.empty)
    size = len(word)
    # Characters whose folding lies inside the word (several letters), and those it
    # begins with a part of it (at the word's start) or ends with (at its end).
    inner: dict[tuple[int, int], list[str]] = defaultdict(list)
    starts: dict[int, list[str]] = defaultdict(list)  # the word's first n letters
    ends: dict[int, list[str]] = defaultdict(list)  # the word from letter n on
    whole: list[str] = []
    singles: dict[str, list[str]] = defaultdict(list)
    for folded, chars in folds.by_folding.items():
        if word in folded:
            whole += chars
        if len(folded) == 1:
            singles[folded] += chars
            continue
        at = word.find(folded)
        while at >= 0:
            inner[at, at + len(folded)] += chars
            at = word.find(folded, at + 1)
        for n in range(1, min(size, len(folded))):
            if folded.endswith(word[:n]):
                starts[n] += chars
            if folded.startswith(word[size - n:]):
                ends[size - n] += chars

    def letter(index: int) -> list[str]:
        """The characters that quick-fold to the word's letter `index` alone."""
        char = word[index]
        return [char, char.upper(), *singles.get(char, [])]

    @functools.cache
    def rest(index: int) -> str:
        """From the word's letter `index` on to its end, each letter after any accents."""
        if index == size:
            return ""
        options = [_class(letter(index)) + rest(index + 1)]
        options += [_class(chars) + rest(end) for (start, end), chars in sorted(inner.items())
                    if start == index]
        if index in ends:
            options.append(_class(ends[index]))
        body = options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"
        return (between + "*" if index else "") + body

    # The first character is looked for alone (a leading class is searched for in C, a
    # character at a time without the engine; a leading alternation tried every
    # position: 70 µs a body), then what follows it checked by the class it is in.
    firsts: list[tuple[list[str], str]] = [(letter(0), rest(1))]
    firsts += [(chars, rest(end)) for (start, end), chars in sorted(inner.items())
               if start == 0]
    firsts += [(chars, rest(n)) for n, chars in sorted(starts.items())]
    if whole:
        firsts.append((whole, ""))
    follow = "|".join(f"(?<={_class(chars)}){after}" for chars, after in firsts)
    if len(follow) > _LARGEST:
        return None
    return tuple(char for chars, _ in firsts for char in chars), follow


def _leading(chars: Sequence[str]) -> str:
    """A class of `chars` that the engine tests with one look-up a character: those past
    the Basic Multilingual Plane as one range of them all (each outside it was one more
    test for every character searched: 60 µs a body), told apart by what follows."""
    inside = [char for char in chars if ord(char) <= 0xFFFF]
    past = "\U00010000-\U0010ffff" if len(inside) < len(chars) else ""
    return _class(inside)[:-1] + past + "]"


def _class(chars: Sequence[str]) -> str:
    """A character class of `chars`, runs of code points as ranges."""
    codes = sorted(set(map(ord, chars)))
    ranges: list[str] = []
    index = 0
    while index < len(codes):
        last = index
        while last + 1 < len(codes) and codes[last + 1] == codes[last] + 1:
            last += 1
        first = re.escape(chr(codes[index]))
        ranges.append(first if last == index else f"{first}-{re.escape(chr(codes[last]))}")
        index = last + 1
    return "[" + "".join(ranges) + "]"


def _wrapped(text: str, indent: str) -> list[str]:
    """`text` as ASCII string literals of lines under 100 characters, one after another."""
    lines, piece = [], ""
    for char in text:
        if len(indent) + len(ascii(piece + char)) > 96:
            lines.append(indent + ascii(piece))
            piece = ""
        piece += char
    return [*lines, indent + ascii(piece)]


if __name__ == "__main__":
    from pathlib import Path

    Path(__file__).with_name("_foldings.py").write_text(table_source(), encoding="ascii")
