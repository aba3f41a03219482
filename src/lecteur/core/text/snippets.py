"""Where a search matched, in the text as written: marks and a one-line snippet.

Search runs over folded text (`fold`: no case, accents or ligatures), but a reader wants
to see the words as the article spells them, with the match marked. Folding changes
lengths ("œ" is "oe", "ﬁ" is "fi", a decomposed "é" loses its accent), so the folded text
is built with a map back to the original characters; a match found in the folded text is
marked over the characters that produced it.

The results are plain strings and (start, end) spans: the reader styles the spans on a
`Text`, the command line makes them bold on a terminal, JSON carries them as numbers.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from lecteur.core.text.sanitize import fold

SNIPPET_WIDTH = 120
ELLIPSIS = "…"
# One character for one: the snippet is one line, and its marks keep their places.
_NOT_ON_ONE_LINE = re.compile(
    r"[\s\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")

_ACCENTS = re.compile("[\u0300-\u036f]")

Span = tuple[int, int]


class Snippet(NamedTuple):
    """A line of an article around what matched, and where the matches are in it."""

    text: str
    marks: tuple[Span, ...]


def term_pattern(words: Sequence[str], prefix: bool) -> str:
    r"""A regular expression for folded `words` in a row, the last one a prefix if asked.

    It begins with the first word itself, and the word's start is checked after it (by a
    lookbehind: no letter before it): a pattern that begins with a literal is searched for
    in C, like `str.find`, where a leading ``(?<!\w)`` made the engine try every position
    (a common word's search then spent most of a snippet's time there).
    """
    first = re.escape(words[0])
    rest = "".join(r"\W+" + re.escape(word) for word in words[1:])
    pattern = first + rf"(?<!\w{first})" + rest + (r"\w*" if prefix else r"(?!\w)")
    if pattern not in _SCREENS:
        if len(_SCREENS) >= _SCREENS_KEPT:  # a long session types many: the oldest go
            del _SCREENS[next(iter(_SCREENS))]
        _SCREENS[pattern] = re.compile(r"\W+".join(
            _ACCENTS_BETWEEN.join(map(re.escape, word)) for word in words))
    return pattern


# Each term pattern's screen: its words, an accent allowed after each letter, and no check
# at their ends, searched for in a text decomposed with its accents still in it (`_quick_fold`
# but the last step): where the screen finds nothing, the pattern finds nothing once the
# accents are taken out (an accent, like a space, is not a letter), and taking them out of
# every text was half of a snippet's time. A match of the screen is checked by the pattern.
_SCREENS: dict[str, re.Pattern[str]] = {}
_SCREENS_KEPT = 512  # a pattern whose screen was dropped is searched for without one
_ACCENTS_BETWEEN = "[\\u0300-\\u036f]*"


def folded_with_map(text: str) -> tuple[str, list[int]]:
    """`fold(text)`, and for each of its characters the index of the one it came from.

    Character by character, as `fold` folds each (ASCII is lowered); the runs between the
    few characters that fold to more or to none are folded in one step each (`_folded`: a
    snippet is made for every search result).
    """
    folded, origin = _folded(text)
    return folded, list(range(len(text))) if origin is None else origin


def _folded(text: str) -> tuple[str, list[int] | None]:
    """`folded_with_map`, the map None when it is the identity.

    Most characters fold to one: each of an ASCII text, and é, à, ç. Between the few that
    fold to more or to none (œ, …, a lone accent), the text is folded by `fold` in one go,
    in C, and mapped one for one; only those few are folded one by one. (`fold` of a run
    can differ from the folding character by character only in the order of two combining
    marks it keeps, which no term's pattern tells apart: neither is a letter.)
    """
    if text.isascii():
        return text.lower(), None
    odd = frozenset(char for char in set(text)
                    if not char.isascii() and len(_fold_char(char)) != 1)
    if odd and all(map(_starters_only, odd)):
        return _folded_whole(text, odd)
    pieces: list[str] = []
    origin: list[int] = []
    at = 0
    for found in _any_of(odd).finditer(text) if odd else ():
        index = found.start()
        if index > at:
            pieces.append(fold(text[at:index]))
            origin.extend(range(at, index))
        folded = _fold_char(text[index])
        pieces.append(folded)
        origin.extend([index] * len(folded))
        at = index + 1
    pieces.append(fold(text[at:]))
    if not odd:
        return (pieces[0], None) if len(pieces[0]) == len(text) else _one_by_one(text)
    origin.extend(range(at, len(text)))
    folded = "".join(pieces)
    return (folded, origin) if len(folded) == len(origin) else _one_by_one(text)


def _folded_whole(text: str, odd: frozenset[str]) -> tuple[str, list[int] | None]:
    """`_folded` when every character of `odd` and of its folding is a starter (``œ``,
    ``…``, ``ﬁ``, ``ß``, not a lone accent): then no combining mark is reordered across
    one, and `fold` of the whole text is the runs' and the odd characters' foldings one
    after another, so the text is folded in one call, not one a run (the marks of a
    French paragraph were a third of a snippet, most of it folding runs)."""
    origin: list[int] = []
    at = 0
    for found in _any_of(odd).finditer(text):
        index = found.start()
        origin.extend(range(at, index))
        origin.extend([index] * len(_fold_char(text[index])))
        at = index + 1
    origin.extend(range(at, len(text)))
    folded = fold(text)
    return (folded, origin) if len(folded) == len(origin) else _one_by_one(text)


@functools.lru_cache(maxsize=4096)
def _starters_only(char: str) -> bool:
    """Whether `char` and every character of its case folding's NFKD are starters (no
    canonical combining class: NFKD never moves a mark across them)."""
    return not unicodedata.combining(char) and not any(
        map(unicodedata.combining, unicodedata.normalize("NFKD", char.casefold())))


@functools.lru_cache(maxsize=256)
def _any_of(chars: frozenset[str]) -> re.Pattern[str]:
    """A regular expression for any one of `chars`."""
    return re.compile("[" + "".join(re.escape(char) for char in sorted(chars)) + "]")


def _one_by_one(text: str) -> tuple[str, list[int]]:
    """`folded_with_map` character by character (when a run folded to another length)."""
    pieces: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = char.lower() if char.isascii() else _fold_char(char)
        pieces.append(folded)
        origin.extend([index] * len(folded))
    return "".join(pieces), origin


_fold_char = functools.lru_cache(maxsize=4096)(fold)


def find_marks(text: str, patterns: Sequence[re.Pattern[str]]) -> tuple[Span, ...]:
    """The spans of `text` (as written) that the folded `patterns` match, in order, merged."""
    if not patterns or not text:
        return ()
    folded, origin = _folded(text)
    spans = [_original(match.span(), origin, text)
             for pattern in patterns for match in pattern.finditer(folded) if match.end()]
    return _merged(spans)


def make_snippet(texts: Iterable[str], patterns: Sequence[re.Pattern[str]],
                 width: int = SNIPPET_WIDTH) -> Snippet:
    """A line of at most `width` characters from the first text matching most patterns.

    The text chosen is the first that matches every pattern, else the one matching most;
    the line starts a little before the first match. With no match anywhere (the title or
    the author matched), it is the opening of the first text, unmarked.
    """
    chosen, best, first, near = "", 0, "", 0
    for text in texts:
        if not text.strip():
            continue
        first = first or text
        if not patterns:
            break
        found, at = _matching(text, patterns)  # the map is built only for the text chosen
        if found > best:
            chosen, best, near = text, found, at
            if found == len(patterns):
                break
    if not chosen:
        return _window(first, (), width)
    return _window(chosen, _window_marks(chosen, patterns, width, near), width)


def make_screened_snippet(body: str, screen: re.Pattern[str],
                          patterns: Sequence[re.Pattern[str]],
                          holding: Callable[[int], tuple[str, int] | None],
                          texts: Iterable[str], width: int = SNIPPET_WIDTH) -> Snippet:
    """`make_snippet(texts, patterns, width)`, only the texts the screen points to matched.

    `body` is the stored JSON of `texts`, `screen` the patterns' `raw_screen` over it, and
    `holding(offset)` the text of the block holding an offset of `body` and where that
    block ends (`articles.block_holding`; None: it cannot tell, and every text is matched
    as `make_snippet` does). A text whose block holds no match of the screen matches no
    pattern, so it could not be chosen: only the blocks holding one are decoded and
    matched, in order, each once; the opening of the body is read only when nothing
    matched. The result is `make_snippet`'s (tests/test_raw_screen.py compares them).
    """
    if not patterns:
        return make_snippet(texts, patterns, width)
    chosen, best, near, at = "", 0, 0, 0
    while (candidate := screen.search(body, at)) is not None:
        block = holding(candidate.start())
        if block is None:
            return make_snippet(texts, patterns, width)
        text, at = block
        if not text.strip():
            continue
        found, where = _matching(text, patterns)
        if found > best:
            chosen, best, near = text, found, where
            if found == len(patterns):
                break
    if not chosen:
        return _window(next((text for text in texts if text.strip()), ""), (), width)
    return _window(chosen, _window_marks(chosen, patterns, width, near), width)


def _window_marks(text: str, patterns: Sequence[re.Pattern[str]], width: int,
                  near: int) -> tuple[Span, ...]:
    """`find_marks(text, patterns)` as far as `_window` uses them: the first, and those
    before the line's end, which is less than `width` past the first one's start.

    Folding the text with its map was a third of a snippet; most of a long paragraph lies
    past the line. When every pattern is one word (no match holds a space), the text is
    cut at the first space a width and a half past `near` (where the quick folding found
    the first match: about there in the text) or further: each match before the cut is
    the same in the cut text (the space ends a word there as in the whole; folding, NFKD
    included, never joins across a space), so if the first mark lies a width or more
    before the cut, the cut text's marks are the whole's, up to the line's end. Otherwise
    the whole text is folded, as before.
    """
    if all(_one_word(pattern.pattern) for pattern in patterns):
        cut = text.find(" ", near + width + width // 2)
        if 0 < cut < len(text) - width // 2:
            marks = find_marks(text[:cut], patterns)
            if marks and marks[0][0] + width <= cut:
                return marks
    return find_marks(text, patterns)


@functools.lru_cache(maxsize=256)
def _one_word(pattern: str) -> bool:
    """Whether `pattern` (a `term_pattern`) is of one word of letters alone."""
    return _ONE_WORD.fullmatch(pattern) is not None


_ONE_WORD = re.compile(r"(\w+)\(\?<!\\w\1\)(?:\\w\*|\(\?!\\w\))")


def _matching(text: str, patterns: Sequence[re.Pattern[str]]) -> tuple[int, int]:
    """How many of `patterns` match `text` quick-folded (each screened first, `_SCREENS`),
    and where in the quick-folded text the first match begins (0 if none)."""
    decomposed = _decomposed(text)
    folded = ""
    found = 0
    first = len(text)
    for pattern in patterns:
        screen = _SCREENS.get(pattern.pattern)
        if screen is not None and not screen.search(decomposed):
            continue
        folded = folded or _ACCENTS.sub("", decomposed)
        match = pattern.search(folded)
        if match is not None:
            found += 1
            first = min(first, match.start())
    return found, first if found else 0


def _quick_fold(text: str) -> str:
    """`fold`, about three times faster, for choosing a text (not for marking it).

    It drops only the common combining accents (U+0300-U+036F) where `fold` drops every
    combining mark: a text whose match hides behind a rarer mark is merely not chosen.
    """
    return _ACCENTS.sub("", _decomposed(text))


def _decomposed(text: str) -> str:
    """`_quick_fold` but for its last step: the accents are still there, apart."""
    text = text.casefold().replace("œ", "oe").replace("æ", "ae")
    return unicodedata.normalize("NFKD", text)


def _window(text: str, marks: tuple[Span, ...], width: int) -> Snippet:
    """The line of `text` around its first mark, cut at words, with an ellipsis each side.

    At most `width` characters, ellipses included. Its bounds depend only on the length
    and the first mark, so only the characters from one before them to one after are
    made one line (`_NOT_ON_ONE_LINE`, one for one): the whole paragraph's substitution
    was a fifth of a snippet.
    """
    size = len(text)
    start, end = 0, size
    if size > width:
        room = max(8, width - 2)  # an ellipsis at each end
        anchor, anchor_end = marks[0] if marks else (0, 0)
        # From the start of the text when the match fits well in the line, else a little
        # before the match (a quarter of the line of context).
        start = 0 if anchor_end + room // 8 <= room else max(
            0, min(anchor - room // 4, size - room))
        end = start + room
    low = max(0, start - 1)
    part = _NOT_ON_ONE_LINE.sub(" ", text[low:end + 1])  # text[i] is part[i - low]
    if size > width:
        if start > 0:  # begin on a word, if one begins before the match
            space = part.find(" ", start - 1 - low, anchor - low)
            start = space + 1 + low if space >= 0 else start
        if end < size:  # end on a word, if one ends after the match
            space = part.rfind(" ", max(start + 1, anchor_end) - low, end + 1 - low)
            end = space + low if space >= 0 else end
    while start < end and part[start - low] == " ":
        start += 1
    while end > start and part[end - 1 - low] == " ":
        end -= 1
    lead = ELLIPSIS if start > 0 else ""
    tail = ELLIPSIS if end < size else ""
    line, where = _one_space(part[start - low:end - low])
    shift = len(lead)
    kept = tuple((where[max(a, start) - start] + shift, where[min(b, end) - start] + shift)
                 for a, b in marks if a < end and b > start)
    return Snippet(lead + line + tail, kept)


def _one_space(text: str) -> tuple[str, list[int]]:
    """`text` with runs of spaces as one, and where each old offset (and the end) went."""
    if "  " not in text:  # nothing to merge: every offset stays
        return text, list(range(len(text) + 1))
    out: list[str] = []
    where: list[int] = []
    for char in text:
        where.append(len(out))
        if char == " " and out and out[-1] == " ":
            continue
        out.append(char)
    where.append(len(out))
    return "".join(out), where


def _original(span: Span, origin: list[int] | None, text: str) -> Span:
    """A span of the folded text as a span of the text it was folded from (`origin` None:
    the same offsets)."""
    start, end = span
    if origin is None:
        first, last = start, end
    else:
        first = origin[start] if start < len(origin) else len(text)
        last = origin[end - 1] + 1 if end - 1 < len(origin) else len(text)
    # An accent written apart folded to nothing, but it belongs to the letter before it.
    while last < len(text) and unicodedata.combining(text[last]):
        last += 1
    return first, last


def _merged(spans: list[Span]) -> tuple[Span, ...]:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((a, b) for a, b in merged)

