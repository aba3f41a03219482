"""Cutting a text into sentences and words, in French and in English, as offsets.

The reading view's selection (``v``) grows and shrinks by these units, so they must fall
where a reader expects: "M. Dupont", "Dr. Lee", "p. ex." and "J. K. Rowling" do not end
a sentence; « Vraiment ? » demanda-t-il does not either (a small letter follows); a
sentence ends after its closing guillemet or quotation mark, and at "…" when a capital
follows. A line break always ends one (list items, lines of a quotation). Pure functions
on strings; spans are ``(start, end)`` offsets, white space left out.
"""

from __future__ import annotations

import re

Span = tuple[int, int]

# Words before a full stop that do not end a sentence (case matters: "Me" is Maître,
# "me." ends "Call me."). Single letters are initials or "p." and never end one either.
ABBREVIATIONS = frozenset({
    "M", "MM", "Mme", "Mmes", "Mlle", "Mlles", "Me", "Dr", "Pr", "Mgr", "St", "Ste",
    "Mr", "Mrs", "Ms", "Prof", "Sr", "Jr", "Gen", "Gén", "Lt", "Col", "Sgt", "Capt", "Gov",
    "Sen", "Rep", "Rev", "Hon", "Inc", "Ltd", "Corp", "No", "Nos", "Vol", "Fig", "Art",
    "Chap", "vs", "cf", "ex", "env", "ca", "approx", "pp", "éd", "ed", "eds", "dir", "coll",
    "janv", "févr", "fév", "avr", "juil", "sept", "oct", "nov", "déc", "Jan", "Feb", "Mar",
    "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "av", "bd",
})
OPENING = "«“‘\"'([—–-¿¡"
CLOSING = "»”’\"')]"
_TERMINATOR = re.compile(r"(?:[.!?…]+)(?:[»”’\"')\]]|[ \u00a0\u202f]+»)*")
_SPACE = re.compile(r"\s+")


def sentence_spans(text: str) -> list[Span]:
    """The sentences of `text`, in order, each without the white space around it."""
    spans: list[Span] = []
    line_start = 0
    for line in text.split("\n"):
        spans += [(line_start + a, line_start + b) for a, b in _line_sentences(line)]
        line_start += len(line) + 1
    return spans


def _line_sentences(line: str) -> list[Span]:
    spans: list[Span] = []
    start = 0
    for match in _TERMINATOR.finditer(line):
        end = match.end()
        if end < len(line) and not line[end].isspace():
            continue  # "3.5", "e.g.", "www.example.org", "?!»x"
        if not _ends_sentence(line, match.start(), match.group(), end):
            continue
        spans.append(_trimmed(line, start, end))
        start = end
    if line[start:].strip():
        spans.append(_trimmed(line, start, len(line)))
    return [span for span in spans if span[0] < span[1]]


def _ends_sentence(line: str, at: int, mark: str, end: int) -> bool:
    """Whether the terminator `mark` at `at` (ending at `end`) closes a sentence."""
    rest = line[end:].lstrip()
    if not rest:
        return True
    follower = rest[0]
    if follower.islower():
        return False  # « Vraiment ? » demanda-t-il ; p. ex. ; etc. et la suite
    if mark.rstrip(CLOSING + " \u00a0\u202f") == ".":
        word = line[:at].split()[-1] if line[:at].split() else ""
        word = word.lstrip(OPENING)
        if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            return False  # M. Dupont, Dr. Lee, J. K. Rowling, p. 12
        if "." in word and all(len(part) <= 3 for part in re.split(r"[.\-]", word)):
            return False  # U.S. Army, c.-à-d. Ceci, i.e. That
    return follower.isupper() or follower.isdigit() or follower in OPENING


def _trimmed(line: str, start: int, end: int) -> Span:
    piece = line[start:end]
    left = len(piece) - len(piece.lstrip())
    right = len(piece.rstrip())
    return (start + left, start + right)


def word_spans(text: str) -> list[Span]:
    """The words of `text`, punctuation that stands alone kept on its word.

    "réseau," is one word; so are « ainsi » (the guillemets written with spaces join the
    word they open or close) and "cela ?" (French punctuation after a space).
    """
    runs = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    words: list[Span] = []
    pending: int | None = None  # the start of an opening mark waiting for its word
    for start, end in runs:
        piece = text[start:end]
        if any(char.isalnum() for char in piece):
            words.append((pending if pending is not None else start, end))
            pending = None
        elif piece[0] in OPENING and piece not in CLOSING:
            pending = start if pending is None else pending
        elif words:
            words[-1] = (words[-1][0], end)
        else:
            pending = start if pending is None else pending
    if pending is not None:  # marks with no word after them: on the last word
        last_end = runs[-1][1]
        words = [*words[:-1], (words[-1][0], last_end)] if words else [(pending, last_end)]
    return words
