"""Words as the relevance model sees them: folded, light-stemmed, stop words left out.

Folding agrees with the search's `fold` (case, accents and ligatures aside), so
"Réseautage" and "reseautage" are one term. Stemming is deliberately light and shared by French and
English: plural and a few common endings go ("entrevues" -> "entrevu", "networking" ->
"network", "négociations" -> "negoci"), never so much that a root shorter than four
letters is left. It only has to make the profile's terms meet their inflections; it is
not a linguistic stemmer.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_WORD = re.compile(r"[a-z0-9]+")
_MARKS = re.compile("[\u0300-\u036f]")  # the combining marks NFKD splits accents into
# Longest first; each ending is stripped once, if at least four letters remain.
_ENDINGS = (
    "issements", "issement", "ements", "ement", "ations", "ation", "ateurs", "atrices",
    "ateur", "atrice", "euses", "euse", "eurs", "eur", "ments", "ment", "ings", "ing",
    "ies", "ers", "er", "ees", "ee", "es", "ed", "ly", "s", "x", "e",
)
STOP_WORDS = frozenset("""
a au aux avec ce ces cette dans de des du elle en et eux il ils je la le les leur lui ma
mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur
ta te tes toi ton tu un une vos votre vous c d j l m n s t y est sont ete etre avoir fait
plus tout tous toutes comme sans si aussi bien tres
the an and or of to in on at for with by from as is are was were be been being it its
this that these those you your we our they their he she his her i my me not no but if so
do does did have has had will would can could should may might than then there here what
which who whom how when where why all any some more most other into about over after
before also just very only
""".split())
MIN_LENGTH = 2


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The light stem of one folded word (cached: words repeat across items)."""
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            root = word[: -len(ending)]
            if ending.startswith("er") and root.endswith("e"):
                continue  # "career" is not "care"
            return root
    return word


def ascii_fold(text: str) -> str:
    """`fold` for words, four times faster on French text: lower case, ligatures spelled
    out, accents dropped after NFKD, and whatever else is outside ASCII (a typographic
    apostrophe, a dash, Cyrillic) turned into a separator. Only ASCII letters and digits
    make words here, so what `fold` would have kept beyond them is nothing the profile or
    the model could match anyway."""
    folded = text.lower()
    if folded.isascii():
        return folded
    folded = folded.replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")
    bare = _MARKS.sub("", unicodedata.normalize("NFKD", folded))
    return bare.encode("ascii", "replace").decode("ascii")  # "l’entrevue": two words


def words(text: str) -> list[str]:
    """Every folded word of `text`, in order (stop words included: phrases need them)."""
    return _WORD.findall(ascii_fold(text))


def stems(text: str) -> list[str]:
    """The stems of `text`'s words, in order (phrases are matched on these)."""
    return [stem(word) for word in words(text)]


@functools.lru_cache(maxsize=65536)
def word_info(word: str) -> tuple[str, bool]:
    """A folded word's stem, and whether it is content (both cached: words repeat)."""
    return stem(word), is_content(word)


def is_content(word: str) -> bool:
    """Whether a folded word earns a weight of its own: not a stop word, not one letter."""
    return len(word) >= MIN_LENGTH and word not in STOP_WORDS
