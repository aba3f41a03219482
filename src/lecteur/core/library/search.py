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

The query language's filters (``author:``, ``site:``, ``lang:``, ``minutes:<8``,
``is:unread``, ``since:``, ``until:``, ``feed:``, ``score:``; docs/queries.md) are read by
`lecteur.core.library.query`, and a leading ``-`` excludes a word, a phrase or a filter.
Search, saved views and rules all read queries here.
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from lecteur.core.library.query import (
    FIELDS,
    Field,
    Filter,
    Problem,
    excluded_match,
    read_field,
)
from lecteur.core.text.sanitize import clean_line, fold

_TOKEN = re.compile(
    r'(?P<neg>-)?(?:(?P<field>[^\W\d_][\w-]*):(?!//)(?:"(?P<quoted>[^"]*)"?|(?P<value>\S*))'
    r'|#(?P<hashtag>[^\s#]\S*)'
    r'|"(?P<phrase>[^"]+)(?P<closed>")?'
    r'|(?P<word>[^\s"]\S*))',
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
    """One thing to find: folded words in a row, the last one possibly a prefix; in one
    column of the index only (``author``, ``site``) when `column` says so."""

    words: tuple[str, ...]
    prefix: bool
    column: str | None = None

    def fts(self) -> str:
        """The term as an FTS5 string, quoted so that nothing in it is syntax."""
        phrase = '"' + " ".join(self.words) + '"' + ("*" if self.prefix else "")
        return f"{self.column} : {phrase}" if self.column else phrase


class Query(NamedTuple):
    """A parsed query: what to find, and where (a view, tags)."""

    terms: tuple[Term, ...] = ()
    view: str | None = None
    tags: tuple[str, ...] = ()
    unknown_views: tuple[str, ...] = ()
    short_last: bool = False  # the last word was too short to be a prefix (yet)
    filters: tuple[Filter, ...] = ()  # author:, lang:, minutes:<8, is:unread, -word, ...
    problems: tuple[Problem, ...] = ()  # the parts that could not be read

    @property
    def empty(self) -> bool:
        """Nothing to find and nowhere in particular: no search at all."""
        return not self.terms and self.view is None and not self.tags and not self.filters

    def check(self) -> Query:
        """The query itself, or the `InvalidInputError` of its first bad part."""
        if self.problems:
            raise self.problems[0].error()
        return self

    def match(self) -> str:
        """The FTS5 MATCH expression for the terms ("" when there are none)."""
        return " ".join(term.fts() for term in self.terms)

    def patterns(self) -> list[re.Pattern[str]]:
        """The terms as regular expressions over folded text (to mark what matched)."""
        from lecteur.core.text.snippets import term_pattern

        return [re.compile(term_pattern(term.words, term.prefix)) for term in self.terms
                if term.column is None]


def parse_query(text: str, *, last_is_prefix: bool = True, today: date | None = None) -> Query:
    """Read what was typed into terms, scopes and filters; never raises, whatever the input.

    The last word is a prefix when `last_is_prefix` and it has `MIN_PREFIX` letters,
    unless it ends a phrase whose quote was closed (on purpose); ``"au coe`` is the phrase
    being typed, its last word a prefix (`short_last` says it was too short). An ``in:``
    that names no view is kept in `unknown_views`, so the reader can be told rather than
    shown nothing; a filter that cannot be read (``minutes:<huit``, ``colour:red``) is
    kept in `problems` (`Query.check` raises the first). A leading ``-`` excludes:
    ``-word``, ``-"a phrase"``, ``-tag:x``, ``-lang:en``. `today` is the day relative
    dates count from (``since:30d``; default: the clock's).
    """
    parts = _Parts()
    if today is None:
        from lecteur.core.clock import now

        today = now().date()
    for found in _TOKEN.finditer(text):
        parts.read(found, today)
    terms, short = parts.terms, False
    if terms and parts.last_bare and last_is_prefix and not terms[-1].prefix:
        short = len(terms[-1].words[-1]) < MIN_PREFIX
        terms[-1] = terms[-1]._replace(prefix=not short)
    return Query(tuple(terms), parts.views[-1] if parts.views else None, tuple(parts.tags),
                 tuple(parts.unknown), short, tuple(parts.filters), tuple(parts.problems))


class _Parts:
    """What `parse_query` gathers token by token."""

    def __init__(self) -> None:
        self.terms: list[Term] = []
        self.views: list[str] = []
        self.unknown: list[str] = []
        self.tags: list[str] = []
        self.filters: list[Filter] = []
        self.problems: list[Problem] = []
        self.last_bare = False

    def read(self, found: re.Match[str], today: date) -> None:
        """One token: a scope, a tag, a filter, or words."""
        negated = bool(found["neg"])
        field = fold(found["field"] or "")
        value = found["quoted"] if found["quoted"] is not None else (found["value"] or "")
        if field == "tag" or found["hashtag"]:
            self._tag((found["hashtag"] or value).strip(), negated, found[0])
        elif field in ("in", "dans"):
            self._view(value)
        elif field in FIELDS:
            self._field(read_field(field, value, found[0], negated, today), negated, found[0])
        else:
            if field:  # no such filter: said by `Query.check`, searched as words meanwhile
                self.problems.append(Problem("query.unknown_field",
                                             (("part", clean_line(found[0])[:80]),)))
            self._words(found, negated)

    def _tag(self, name: str, negated: bool, text: str) -> None:
        if not name.strip("#"):
            return
        if not negated:
            self.tags.append(name)
            return
        from lecteur.core.library.tags import tag_key

        self.filters.append(Filter(text, "+id IN (SELECT article_id FROM article_tags JOIN "
                                   "tags ON tags.id = article_tags.tag_id WHERE tags.key = ?)",
                                   (tag_key(name),), negated=True))

    def _view(self, value: str) -> None:
        folded = fold(value).strip()
        if folded in VIEW_NAMES:
            self.views.append(VIEW_NAMES[folded])
        elif folded:
            self.unknown.append(folded)

    def _field(self, read: Field, negated: bool, text: str) -> None:
        if read.problem is not None:
            self.problems.append(read.problem)
        elif read.filter is not None:
            self.filters.append(read.filter)
        elif read.words:
            term = Term(read.words, False, read.column)
            if negated:
                self.filters.append(excluded_match(term.fts(), text))
            else:
                self.terms.append(term)

    def _words(self, found: re.Match[str], negated: bool) -> None:
        raw = found["phrase"] or found["word"] or (found[0].removeprefix("-") if found["field"]
                                                   else "")
        words = tuple(_WORD.findall(fold(raw)))
        if not words:
            return
        bare = found["phrase"] is None or not found["closed"]  # still being typed
        term = Term(words, bare and raw.endswith("*"))
        if negated:
            self.filters.append(excluded_match(term._replace(prefix=False).fts(), found[0]))
            return
        self.terms.append(term)
        self.last_bare = bare


def fts_query(query: str, *, last_is_prefix: bool = True) -> str:
    """Turn what the reader typed into a safe FTS5 query over folded words.

    Every term is quoted, so FTS5 operators and punctuation in the input are never parsed;
    a trailing ``*`` asks for a prefix, and so does the last word.
    """
    return parse_query(query, last_is_prefix=last_is_prefix).match()
