"""What the reader types into search, made into a safe FTS5 query over folded words.

The index (``search``, contentless FTS5) holds titles, authors, sites and bodies folded for
case, accents and ligatures, so "reseau" finds "réseau" and "coeur" finds "cœur".
"""

from __future__ import annotations

import re

_TERM = re.compile(r'"([^"]+)"|(\S+)')
_WORD = re.compile(r"\w+")


def fts_query(query: str) -> str:
    """Turn what the reader typed into a safe FTS5 query over folded words.

    Every term is quoted, so FTS5 operators and punctuation in the input are never parsed;
    a trailing ``*`` asks for a prefix.
    """
    from lecteur.core.text.sanitize import fold

    terms: list[str] = []
    for phrase, word in _TERM.findall(query):
        words = _WORD.findall(fold(phrase or word))
        if not words:
            continue
        prefix = "*" if word.endswith("*") else ""
        terms.append('"' + " ".join(words) + '"' + prefix)
    return " ".join(terms)
