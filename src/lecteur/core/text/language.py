"""Guess whether a text is French or English (the two languages lecteur reads for).

Counting very common function words is enough for whole articles and costs microseconds;
a page's own ``lang`` attribute, when present, wins over the guess.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[a-zàâçéèêëîïôûùüÿœæ']+")
_STOPWORDS = {
    "fr": frozenset(
        "le la les des du un une et est dans pour que qui pas sur au aux avec ce cette son sa "
        "ses mais ou vous nous il elle ils sont plus par leur être fait comme".split()
    ),
    "en": frozenset(
        "the and of to in is that for it with as was on are be this by you not or have from "
        "at they but his her an will can their more about".split()
    ),
}
_SAMPLE_CHARS = 20_000


def detect_language(text: str, declared: str | None = None) -> str | None:
    """Return "fr" or "en" (or the page's declared primary language), else None."""
    if declared:
        primary = declared.strip().lower().replace("_", "-").split("-")[0]
        if primary.isalpha() and 2 <= len(primary) <= 3:
            return primary
    words = _WORD.findall(text[:_SAMPLE_CHARS].lower())
    if not words:
        return None
    scores = {lang: sum(w in stop for w in words) for lang, stop in _STOPWORDS.items()}
    best = max(scores, key=lambda lang: scores[lang])
    return best if scores[best] >= 3 else None
