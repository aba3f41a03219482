"""What the reader types into search: words, phrases, and where to look.

The index (``search``, contentless FTS5) holds titles, authors, sites and bodies folded for
case, accents and ligatures, so "reseau" finds "réseau" and "coeur" finds "cœur".

A query is words (each must match), ``"a phrase"``, ``word*`` (a prefix), and scopes:
``in:VIEW`` (``inbox``, ``saved``, ``starred``, ``archive``, ``trash``, ``dismissed``, or
their French names; the trash is searched only when named) and
``tag:NAME`` or ``#NAME`` (``tag:"two words"`` for a tag with a space). The last word is
a prefix once it has `MIN_PREFIX` letters, so results come as the reader types: ``rés``
finds *réseautage*. Shorter, it is a whole word: a one- or two-letter prefix matches
thousands of index terms, and merging them costs about a second on 100,000 articles
(bench/search_prefix.py), while the third letter brings that under 30 ms for most
prefixes. Every term is quoted in the FTS5 query, so nothing typed is ever parsed as FTS5
syntax.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from lecteur.core.text.sanitize import fold

_TOKEN = re.compile(
    r'(?P<scope>in|tag|dans):(?:"(?P<quoted>[^"]*)"?|(?P<value>\S*))'
    r'|#(?P<hashtag>[^\s#]\S*)'
    r'|"(?P<phrase>[^"]+)(?P<closed>")?'
    r'|(?P<word>\S+)',
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")
MIN_PREFIX = 3  # letters before the last word is also a prefix (an explicit * needs none)

# What ``in:`` accepts, folded: each view's id, and its French names.
VIEW_NAMES: dict[str, str] = {
    "inbox": "inbox", "alire": "inbox", "a-lire": "inbox", "lire": "inbox",
    "saved": "saved", "gardes": "saved",
    "starred": "starred", "favoris": "starred",
    "archive": "archive", "archives": "archive", "archived": "archive",
    "trash": "trash", "corbeille": "trash",
    "dismissed": "dismissed", "ecartes": "dismissed", "ecarte": "dismissed",
}


class Term(NamedTuple):
    """One thing to find: folded words in a row, the last one possibly a prefix."""

    words: tuple[str, ...]
    prefix: bool

    def fts(self) -> str:
        """The term as an FTS5 string, quoted so that nothing in it is syntax."""
        return '"' + " ".join(self.words) + '"' + ("*" if self.prefix else "")


class Query(NamedTuple):
    """A parsed query: what to find, and where (a view, tags)."""

    terms: tuple[Term, ...] = ()
    view: str | None = None
    tags: tuple[str, ...] = ()
    unknown_views: tuple[str, ...] = ()
    short_last: bool = False  # the last word was too short to be a prefix (yet)

    @property
    def empty(self) -> bool:
        """Nothing to find and nowhere in particular: no search at all."""
        return not self.terms and self.view is None and not self.tags

    def match(self) -> str:
        """The FTS5 MATCH expression for the terms ("" when there are none)."""
        return " ".join(term.fts() for term in self.terms)

    def patterns(self) -> list[re.Pattern[str]]:
        """The terms as regular expressions over folded text (to mark what matched)."""
        from lecteur.core.text.snippets import term_pattern

        return [re.compile(term_pattern(term.words, term.prefix)) for term in self.terms]


def parse_query(text: str, *, last_is_prefix: bool = True) -> Query:
    """Read what was typed into terms and scopes; never raises, whatever the input.

    The last word is a prefix when `last_is_prefix` and it has `MIN_PREFIX` letters,
    unless it ends a phrase whose quote was closed (on purpose); ``"au coe`` is the phrase
    being typed, its last word a prefix (`short_last` says it was too short). An ``in:``
    that names no view is kept in `unknown_views`, so the reader can be told rather than
    shown nothing.
    """
    terms: list[Term] = []
    views: list[str] = []
    unknown: list[str] = []
    tags: list[str] = []
    last_bare = False
    for found in _TOKEN.finditer(text):
        scope = (found["scope"] or "").casefold()
        if scope == "tag" or found["hashtag"]:
            name = (found["hashtag"] or found["quoted"] or found["value"] or "").strip()
            if name.strip("#"):
                tags.append(name)
            continue
        if scope:  # in: (dans: in French)
            value = fold(found["quoted"] or found["value"] or "").strip()
            if value in VIEW_NAMES:
                views.append(VIEW_NAMES[value])
            elif value:
                unknown.append(value)
            continue
        raw = found["phrase"] or found["word"] or ""
        words = tuple(_WORD.findall(fold(raw)))
        if not words:
            continue
        bare = found["word"] is not None or not found["closed"]  # still being typed
        terms.append(Term(words, bare and raw.endswith("*")))
        last_bare = bare
    short = False
    if terms and last_bare and last_is_prefix and not terms[-1].prefix:
        short = len(terms[-1].words[-1]) < MIN_PREFIX
        terms[-1] = terms[-1]._replace(prefix=not short)
    return Query(tuple(terms), views[-1] if views else None, tuple(tags), tuple(unknown),
                 short)


def fts_query(query: str, *, last_is_prefix: bool = True) -> str:
    """Turn what the reader typed into a safe FTS5 query over folded words.

    Every term is quoted, so FTS5 operators and punctuation in the input are never parsed;
    a trailing ``*`` asks for a prefix, and so does the last word.
    """
    return parse_query(query, last_is_prefix=last_is_prefix).match()
