"""Words as the relevance model sees them: folded, light-stemmed, stop words left out.

Folding is the search's `fold` (case, accents and ligatures aside), so "Réseautage" and
"reseautage" are one term. Stemming is deliberately light and shared by French and English:
plural and a few common endings go ("entrevues" -> "entrevu", "networking" -> "network",
"négociations" -> "negoci"), never so much that a root shorter than four letters is left
(three for -ing, -ed and -s: "asking" -> "ask", "jobs" -> "job").
It only has to make the profile's terms meet their inflections; it is not a linguistic
stemmer.
"""

from __future__ import annotations

import functools
import re

from lecteur.core.text.sanitize import fold

_WORD = re.compile(r"[^\W_]+")  # letters and digits of any script
# Longest first; each ending is stripped once, if at least four letters remain.
_ENDINGS = (
    "issements", "issement", "ements", "ement", "ations", "ation", "ateurs", "atrices",
    "ateur", "atrice", "euses", "euse", "eurs", "eur", "ments", "ment", "ings", "ing",
    "ies", "ers", "er", "ees", "ee", "es", "ed", "ly", "s", "x", "e",
)
_SHORT_ROOTS = {"ing": 3, "ed": 3, "s": 3}  # "asking" -> "ask", "jobs" -> "job"
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
        if word.endswith(ending) and len(word) - len(ending) >= _SHORT_ROOTS.get(ending, 4):
            root = word[: -len(ending)]
            if ending.startswith("er") and root.endswith("e"):
                continue  # "career" is not "care"
            return root
    return word


Info = tuple[str, str, bool]  # a word folded, its stem, whether it is content
_WORDS: dict[str, Info] = {}
_TOKENS: dict[str, tuple[Info, ...]] = {}
CACHE_BOUND = 200_000  # distinct words and tokens kept; real vocabularies stay far below


def word_info(word: str) -> Info:
    """A lower-cased word's folded form, its stem, and whether it is content (cached:
    folding letter by letter is the slow part, and words repeat across items)."""
    found = _WORDS.get(word)
    if found is None:
        if len(_WORDS) > CACHE_BOUND:
            _WORDS.clear()
        folded = word if word.isascii() else fold(word)
        found = _WORDS[word] = (folded, stem(folded), is_content(folded))
    return found


def token_info(token: str) -> tuple[Info, ...]:
    """The words of one lower-cased, space-separated token ("l’entrevue," is two words,
    "5" one, "—" none), each as `word_info` gives it; cached like it."""
    found = _TOKENS.get(token)
    if found is None:
        if len(_TOKENS) > CACHE_BOUND:
            _TOKENS.clear()
        found = _TOKENS[token] = tuple(word_info(word) for word in _WORD.findall(token))
    return found


def cached_tokens() -> dict[str, tuple[Info, ...]]:
    """`token_info`'s cache itself, for the one loop that reads it by the million."""
    return _TOKENS


def tokens(text: str) -> list[str]:
    """`text` lower-cased and split at white space (in C: the fast first cut)."""
    return text.lower().split()


def words(text: str) -> list[str]:
    """Every folded word of `text`, in order (stop words included: phrases need them)."""
    return [info[0] for token in tokens(text) for info in token_info(token)]


def stems(text: str) -> list[str]:
    """The stems of `text`'s words, in order (phrases are matched on these)."""
    return [info[1] for token in tokens(text) for info in token_info(token)]


def is_content(word: str) -> bool:
    """Whether a folded word earns a weight of its own: not a stop word, not one letter."""
    return len(word) >= MIN_LENGTH and word not in STOP_WORDS
