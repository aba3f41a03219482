"""The query language's filters: ``author:``, ``lang:``, ``minutes:<8``, ``is:unread``,
``since:2024-01-01``... read from what was typed and compiled to parameterised SQL.

`lecteur.core.library.search` reads a query into words and ``field:value`` tokens and
hands each token here (`read_field`). A filter is a condition over the ``articles`` table
with ``?`` placeholders: a value typed by the reader only ever travels as a parameter,
never pasted into the SQL. Filters that name words (``author:``, ``site:Le Devoir``) are
terms of the full-text index, restricted to one column, so case and accents never matter
there either. A filter that cannot be read is a `Problem`, said in one sentence naming
the part that is wrong (``InvalidInputError("query.bad_number", part="minutes:<huit")``).

A few filters depend on the moment and the library: ``is:stale`` on the staleness
settings, ``since:30d`` on the day, ``score:`` on a ``score`` column (the relevance
score, when the library has one); `Context` carries those to `filters_where`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple

from lecteur.core.config import Staleness
from lecteur.core.errors import InvalidInputError
from lecteur.core.text.periods import day_range
from lecteur.core.text.sanitize import clean_line, fold

if TYPE_CHECKING:
    from lecteur.core.library.database import Database

# Field names as typed (folded), in English and French, to the field they mean.
FIELDS: dict[str, str] = {
    "author": "author", "auteur": "author", "by": "author", "par": "author",
    "site": "site", "lang": "lang", "langue": "lang", "language": "lang",
    "minutes": "minutes", "min": "minutes", "duree": "minutes",
    "saved": "saved", "garde": "saved", "starred": "starred", "favori": "starred",
    "archived": "archived", "archive": "archived", "read": "read", "lu": "read",
    "is": "is", "est": "is",
    "since": "since", "depuis": "since", "after": "since", "apres": "since",
    "until": "until", "jusqua": "until", "before": "until", "avant": "until",
    "feed": "feed", "flux": "feed", "score": "score",
}
# What ``is:`` accepts: a flag (column, value), or "stale".
IS_VALUES: dict[str, tuple[str, int] | str] = {
    "unread": ("read", 0), "nonlu": ("read", 0), "non-lu": ("read", 0), "new": ("read", 0),
    "read": ("read", 1), "lu": ("read", 1),
    "starred": ("starred", 1), "favori": ("starred", 1), "favoris": ("starred", 1),
    "saved": ("saved", 1), "garde": ("saved", 1), "gardes": ("saved", 1),
    "archived": ("archived", 1), "archive": ("archived", 1), "archives": ("archived", 1),
    "stale": "stale", "perime": "stale", "perimes": "stale", "old": "stale",
}
_YES = {"yes", "y", "true", "1", "oui", "o", "vrai"}
_NO = {"no", "n", "false", "0", "non", "faux"}
_LANGUAGES = {"french": "fr", "francais": "fr", "english": "en", "anglais": "en"}
_FLAG_SQL = {"saved": "saved = ?", "starred": "starred = ?", "archived": "archived = ?",
             "read": "(read_at IS NOT NULL) = ?"}
_COMPARE = re.compile(r"(<=|>=|<|>|=)?(\d+(?:[.,]\d+)?)")
_RANGE = re.compile(r"(\d+(?:[.,]\d+)?)(?:-|\.\.)(\d+(?:[.,]\d+)?)")
# The day an article's freshness is measured from: its publication, else when it came.
AGE_DAY = "coalesce(date, substr(added_at, 1, 10))"
STALE = "is:stale"  # the marker a stale filter carries until `filters_where` resolves it


class Problem(NamedTuple):
    """A part of a query that could not be read: a catalogue key and its values."""

    key: str
    values: tuple[tuple[str, object], ...]

    def error(self) -> InvalidInputError:
        """The problem as the error that says it (its keys: tests/test_queries.py)."""
        key, values = self.key, dict(self.values)
        return InvalidInputError(key, **values)


class Filter(NamedTuple):
    """One condition over ``articles``: SQL with placeholders, and its parameters.

    `text` is the token as typed (for messages); `negated` (a leading ``-``) keeps the
    articles the condition does not hold for (an unknown value, NULL, counts as "not").
    `needs` names a column the condition reads that only some libraries have (``score``).
    """

    text: str
    sql: str
    params: tuple[object, ...] = ()
    negated: bool = False
    needs: str | None = None


class Context(NamedTuple):
    """What compiling filters needs besides the query: the day, the staleness settings,
    and the columns this library's articles table has."""

    today: date
    staleness: Staleness
    columns: frozenset[str]


class Field(NamedTuple):
    """What `read_field` made of a ``field:value`` token: a filter, words for one column
    of the full-text index (``author``, ``site``), or a problem."""

    filter: Filter | None = None
    column: str | None = None
    words: tuple[str, ...] = ()
    problem: Problem | None = None


def _problem(key: str, **values: object) -> Field:
    return Field(problem=Problem(key, tuple(values.items())))


def read_field(name: str, value: str, text: str, negated: bool, today: date) -> Field:
    """Read one ``name:value`` token (`name` already folded and known in `FIELDS`)."""
    field = FIELDS[name]
    shown = clean_line(text)[:80]
    if not value.strip():
        return _problem("query.empty_value", part=shown)
    reader = _READERS[field]
    return reader(field, value.strip(), shown, negated, today)


def _words_field(field: str, value: str, text: str, negated: bool, today: date) -> Field:
    """``author:"Jane Roe"``, ``site:Le Devoir``: words of one column of the index; a
    ``site:`` with a dot is a web address's host instead (``site:example.org``)."""
    if field == "site" and "." in value and " " not in value.strip():
        return _host_field(value, text, negated)
    words = tuple(re.findall(r"\w+", fold(value)))
    if not words:
        return _problem("query.empty_value", part=text)
    return Field(column=field, words=words)


def _host_field(value: str, text: str, negated: bool) -> Field:
    """The articles whose address is on a host or any of its subdomains."""
    host = fold(value).split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0].strip(".")
    host = host.removeprefix("www.")
    if not host:
        return _problem("query.empty_value", part=text)
    like = "%." + host.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return Field(Filter(text, "(host = ? OR host LIKE ? ESCAPE '\\')", (host, like), negated))


def _lang_field(field: str, value: str, text: str, negated: bool, today: date) -> Field:
    code = _LANGUAGES.get(fold(value), fold(value))
    if not re.fullmatch(r"[a-z]{2,3}", code):
        return _problem("query.bad_lang", part=text)
    return Field(Filter(text, "(language = ? OR language LIKE ?)", (code, code + "-%"), negated))


def _number_field(field: str, value: str, text: str, negated: bool, today: date) -> Field:
    """``minutes:<8``, ``minutes:>=30``, ``minutes:5-10``, ``score:<0.1``."""
    column = "reading_minutes" if field == "minutes" else "score"
    needs = "score" if field == "score" else None
    number = float if field == "score" else int
    squeezed = value.replace(" ", "")
    if found := _RANGE.fullmatch(squeezed):
        low, high = (_number(found[1], number), _number(found[2], number))
        if low is None or high is None:
            return _problem("query.bad_number", part=text)
        return Field(Filter(text, f"{column} BETWEEN ? AND ?", (low, high), negated, needs))
    found = _COMPARE.fullmatch(squeezed)
    amount = _number(found[2], number) if found else None
    if found is None or amount is None:
        return _problem("query.bad_number", part=text)
    return Field(Filter(text, f"{column} {found[1] or '='} ?", (amount,), negated, needs))


def _number(typed: str, kind: type) -> int | float | None:
    try:
        value = float(typed.replace(",", "."))
    except ValueError:
        return None
    if kind is int:
        return int(value) if value == int(value) else None
    return value


def _flag_field(field: str, value: str, text: str, negated: bool, today: date) -> Field:
    """``saved:yes``, ``starred:non``, ``read:no``."""
    folded = fold(value)
    if folded not in _YES | _NO:
        return _problem("query.bad_yes_no", part=text)
    return Field(Filter(text, _FLAG_SQL[field], (int(folded in _YES),), negated))


def _is_field(field: str, value: str, text: str, negated: bool, today: date) -> Field:
    """``is:unread``, ``is:starred``, ``is:stale`` (and their French names)."""
    meaning = IS_VALUES.get(fold(value))
    if meaning is None:
        return _problem("query.bad_is", part=text)
    if isinstance(meaning, str):  # "stale"
        return Field(Filter(text, STALE, (), negated))
    flag, wanted = meaning
    return Field(Filter(text, _FLAG_SQL[flag], (wanted,), negated))


def _date_field(field: str, value: str, text: str, negated: bool, today: date) -> Field:
    """``since:2024-01-01`` (from that day on), ``until:2024-06`` (to the end of June),
    ``since:30d`` (the last thirty days): by the publication date, else the day it came."""
    days = day_range(value, today)
    if days is None:
        return _problem("query.bad_date", part=text)
    first, after = days
    if field == "since":
        return Field(Filter(text, f"{AGE_DAY} >= ?", (first.isoformat(),), negated))
    if value.strip()[-1:].isalpha():  # until:30d is "older than thirty days"
        return Field(Filter(text, f"{AGE_DAY} < ?", (first.isoformat(),), negated))
    return Field(Filter(text, f"{AGE_DAY} < ?", (after.isoformat(),), negated))


def _feed_field(field: str, value: str, text: str, negated: bool, today: date) -> Field:
    """``feed:12`` (its id) or ``feed:Devoir`` (part of its title or address); ``feed:0``
    keeps the articles that came from no feed.

    A feed's id is compared as it is, so SQLite may walk that feed's own index
    (``articles_by_feed``, in the lists' order): ``feed:3 minutes:<8`` on 100,000 articles
    read its page in 0.1 ms instead of 7 and counted in 11 ms instead of 32. (The title's
    form keeps ``coalesce``: several feeds' indexes would need a sort for a page.)"""
    if value.isdigit():
        number = int(value)
        sql = "feed_id = ?" if number else "coalesce(feed_id, 0) = ?"
        return Field(Filter(text, sql, (number,), negated))
    pattern = "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return Field(Filter(
        text, "coalesce(feed_id, 0) IN (SELECT id FROM feeds WHERE title LIKE ? ESCAPE '\\' "
        "OR url LIKE ? ESCAPE '\\')", (pattern, pattern), negated))


_READERS = {
    "author": _words_field, "site": _words_field, "lang": _lang_field,
    "minutes": _number_field, "score": _number_field,
    "saved": _flag_field, "starred": _flag_field, "archived": _flag_field, "read": _flag_field,
    "is": _is_field, "since": _date_field, "until": _date_field, "feed": _feed_field,
}


def excluded_match(fts: str, text: str) -> Filter:
    """``-word``, ``-"a phrase"``, ``-author:Roe``: the articles the index does not match."""
    return Filter(text, "+id IN (SELECT rowid FROM search WHERE search MATCH ?)", (fts,),
                  negated=True)


def stale_where(staleness: Staleness, today: date) -> tuple[str, tuple[object, ...]]:
    """The articles past their age: the age of the fastest-ageing tag they carry that has
    one, else the default age (None: they never go stale).

    One CASE, the tags tried from the fastest-ageing on, so an article's day is computed
    once and its tags looked up at most once each; and two tests by the day alone come
    first: older than every age, an article is stale whatever its tags (no look-up);
    newer than the shortest, it is not. (The first version was an OR of one clause per
    tag: on 100,000 articles its count took 4x a plain scan.)
    """
    from lecteur.core.library.tags import tag_key

    ages = sorted((days, tag_key(name)) for name, days in staleness.by_tag)
    if not ages and staleness.default_days is None:
        return "0", ()

    def cutoff(days: int) -> str:
        return (today - timedelta(days=days)).isoformat()

    every = [days for days, _ in ages] + (
        [staleness.default_days] if staleness.default_days is not None else [])
    whens = " ".join("WHEN +id IN (SELECT article_id FROM article_tags JOIN tags ON tags.id "
                     "= tag_id WHERE tags.key = ?) THEN ?" for _ in ages)
    params: list[object] = []
    for days, key in ages:
        params += [key, cutoff(days)]
    default = cutoff(staleness.default_days) if staleness.default_days is not None else None
    case = f"CASE {whens} ELSE ? END" if ages else "?"
    params.append(default)
    oldest = ("" if staleness.default_days is None
              else f"{AGE_DAY} < ? OR ")  # past every age: stale, whatever its tags
    head: list[object] = [] if staleness.default_days is None else [cutoff(max(every))]
    sql = f"({oldest}({AGE_DAY} < ? AND {AGE_DAY} < {case}))"
    return sql, (*head, cutoff(min(every)), *params)


# How dear a condition is to test on one row, for `cost`: a column's value, a look-up in
# a list made once (a tag's articles, a word's matches), then staleness (the article's
# day and up to one look-up per aged tag).
PLAIN, LOOKUP, MATCH, STALENESS = 0, 1, 2, 3


def cost(sql: str) -> int:
    """How dear the condition `sql` is to test on each row (`PLAIN` to `STALENESS`)."""
    return LOOKUP if "IN (SELECT" in sql else PLAIN


def filters_where(filters: tuple[Filter, ...],
                  context: Context) -> list[tuple[int, str, tuple[object, ...]]]:
    """The filters as SQL conditions (to be ANDed), each with its `cost` and parameters.

    Raises `InvalidInputError` (``query.no_scores``) for a filter on a column this
    library does not have: scores exist once relevance scoring has run.
    """
    clauses: list[tuple[int, str, tuple[object, ...]]] = []
    for one in filters:
        if one.needs is not None and one.needs not in context.columns:
            raise InvalidInputError("query.no_scores", part=one.text)
        if one.sql == STALE:
            (sql, values), dear = stale_where(context.staleness, context.today), STALENESS
        else:
            sql, values, dear = one.sql, one.params, cost(one.sql)
        clauses.append((dear, f"NOT coalesce(({sql}), 0)" if one.negated else f"({sql})",
                        tuple(values)))
    return clauses


def context_of(db: Database) -> Context:
    """The context of a query on this library now: today, its staleness settings, and
    the columns its articles table has (``score`` once relevance scoring added it)."""
    from lecteur.core.clock import now

    columns = frozenset(str(row[1]) for row in db.conn.execute("PRAGMA table_info(articles)"))
    return Context(now().date(), db.staleness, columns)
