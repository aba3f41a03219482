"""Find verbs of saying in text by looking words up, not by one huge regex.

The lexicons (``lexicons/speech_verbs_*.txt``) hold some nine hundred forms; an
alternation of all of them costs a regex engine hundreds of tries at every position, so
text is cut into words once and each word (and each pair or triple, for ``s'est
félicité``, ``fait valoir``, ``met en garde``) is a set look-up: linear in the text.
A match spans the auxiliary before the verb (``a déclaré``, ``had told``, ``a-t-il
affirmé``) and carries the pronoun an inversion gives (``explique-t-elle``, ``écrit-il``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from lecteur.core.extract.lexicons import speech_verbs

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?(?:-t-(?:il|elle|on)|-(?:il|elle|ils|elles|on))?")
_INVERSION = re.compile(r"^(?P<base>.+?)(?:-t-(?P<p1>il|elle|on)|-(?P<p2>il|elle|ils|elles|on))$")
_AUX = frozenset("has had have would will was is a avait aura aurait ont avaient va vient "
                 "venait".split())
_ADVERBS = frozenset("also then later again aussi encore ensuite alors déjà enfin".split())
_INVERTED_AUX = frozenset(("a", "avait", "aurait"))


@dataclass(frozen=True)
class VerbMatch:
    """Where a verb of saying (with its auxiliary) sits, like a `re.Match`."""

    begin: int
    finish: int
    pronoun: str | None  # "il", "elle", "on"… from an inversion

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish


@functools.cache
def _forms() -> frozenset[str]:
    return frozenset(f.replace("’", "'") for f in speech_verbs())


@functools.cache
def _phrase_starts() -> frozenset[str]:
    """First words of the forms of several words ("s'est", "fait", "met")."""
    return frozenset(f.split()[0] for f in _forms() if " " in f)


@functools.cache
def _starts() -> frozenset[str]:
    """Every word a match can begin with, but an inversion's ("a-t-il")."""
    return _forms() | _phrase_starts()


def _split(word: str) -> tuple[str, str | None]:
    """A word and the pronoun of its inversion: ``explique-t-elle`` → (explique, elle)."""
    if "-" not in word:
        return word, None
    match = _INVERSION.match(word)
    if match and "-" not in match.group("base"):
        return match.group("base"), match.group("p1") or match.group("p2")
    return word, None


class VerbFinder:
    """`search` and `finditer` over verbs of saying, as a compiled pattern offers them."""

    def finditer(self, text: str) -> Iterator[VerbMatch]:
        """Every verb of saying in `text`, in order."""
        if not self._may_hold_verb(text):
            return
        tokens = [(m.start(), m.end(), m.group(0).lower().replace("’", "'"))
                  for m in _TOKEN.finditer(text)]
        forms = _forms()
        index = 0
        while index < len(tokens):
            found = self._at(tokens, index, forms)
            if found is None:
                index += 1
                continue
            first, last, pronoun = found
            yield VerbMatch(self._with_aux(tokens, first), tokens[last][1], pronoun)
            index = last + 1

    @staticmethod
    def _may_hold_verb(text: str) -> bool:
        """Whether a word of `text` could begin a match: a form, the first word of a form
        of several words, or a hyphenated inversion. One set test on the lowered text
        answers for most paragraphs, which hold no verb of saying."""
        lowered = text.lower().replace("’", "'")
        words = set(_TOKEN.findall(lowered))
        return not _starts().isdisjoint(words) or (
            "-" in lowered and any("-" in word for word in words))

    def search(self, text: str) -> VerbMatch | None:
        """The first verb of saying in `text`, or None."""
        return next(self.finditer(text), None)

    @staticmethod
    def _at(tokens: list[tuple[int, int, str]], i: int, forms: frozenset[str],
            ) -> tuple[int, int, str | None] | None:
        """(first token, last token, pronoun) of a verb starting at token i."""
        base, pronoun = _split(tokens[i][2])
        if pronoun and base in _INVERTED_AUX and i + 1 < len(tokens) and \
                tokens[i + 1][2] in forms:
            return i, i + 1, pronoun  # a-t-il affirmé
        for size in (3, 2) if base in _phrase_starts() else ():
            if i + size <= len(tokens):
                phrase = " ".join(t[2] for t in tokens[i:i + size - 1])
                last, last_pronoun = _split(tokens[i + size - 1][2])
                if f"{phrase} {last}" in forms:
                    return i, i + size - 1, last_pronoun
        return (i, i, pronoun) if base in forms else None

    @staticmethod
    def _with_aux(tokens: list[tuple[int, int, str]], first: int) -> int:
        """Where the match begins: at an auxiliary (and adverb) just before the verb."""
        start = tokens[first][0]
        back = first - 1
        if back >= 0 and tokens[back][2] in _ADVERBS:
            back -= 1
        if back >= 0 and tokens[back][2] in _AUX:
            return tokens[back][0]
        return start


@functools.cache
def verb_pattern() -> VerbFinder:
    """The verb finder (one per process)."""
    return VerbFinder()
