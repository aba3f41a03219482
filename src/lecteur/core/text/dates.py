"""Find a publication date written in French or English text.

Used when a page's metadata has no date, and for plain-text articles: ``15 mars 2017``,
``le 3 février 2024``, ``1er mai 2020``, ``March 15, 2017``, ``15 March 2017`` and
``2017-03-15`` all become ``2017-03-15``.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

_MONTHS = {
    # French (accents folded before matching)
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
    # English, with the usual abbreviations
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(\d{1,2})(?:er|st|nd|rd|th)?"
_YEAR = r"((?:19|20)\d\d)"
_PATTERNS = (
    (re.compile(r"\b" + _YEAR + r"-(\d\d)-(\d\d)\b"), ("y", "m", "d")),
    (re.compile(r"\b" + _DAY + r"\s+" + _MONTH + r",?\s+" + _YEAR + r"\b"), ("d", "M", "y")),
    (re.compile(r"\b" + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + r"\b"), ("M", "d", "y")),
)
_SEARCH_CHARS = 3000


def _fold(text: str) -> str:
    if text.isascii():  # nothing to decompose
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def find_date(text: str) -> str | None:
    """The first valid date in the start of `text`, as ISO ``YYYY-MM-DD``, else None."""
    folded = _fold(text[:_SEARCH_CHARS])
    found: list[tuple[int, str]] = []
    for pattern, order in _PATTERNS:
        for match in pattern.finditer(folded):
            iso = _to_iso(dict(zip(order, match.groups(), strict=True)))
            if iso:
                found.append((match.start(), iso))
                break
    return min(found)[1] if found else None


def _to_iso(parts: dict[str, str]) -> str | None:
    """Build an ISO date from named parts, or None if it is not a real date."""
    month = _MONTHS[parts["M"]] if "M" in parts else int(parts["m"])
    try:
        return date(int(parts["y"]), month, int(parts["d"])).isoformat()
    except ValueError:
        return None
