"""Rules: a query and what to do to the articles it finds, ``minutes:>30 -> archive``.

A rule is written ``QUERY -> ACTION``; the actions are ``tag:NAME``, ``archive``,
``star``, ``save``, ``read``, ``dismiss`` (as triage dismisses: out of the Inbox, in the
Dismissed view, still found by search) and ``trash`` (French names too: ``archiver``,
``favori``, ``garder``, ``lire``, ``écarter``, ``corbeille``, ``étiquette:NOM``). Rules
live in the library (``rules`` table, kept as typed and read again each time), in the
order they were written, and run on every new article inside the transaction that
stores it (`apply_to_new`: ``lecteur add``, the reader's add, a feed refresh), so an
article never shows before its rules ran. ``lecteur rules test`` shows what each would
do to the library as it is, and ``lecteur rules apply`` does it.

Each rule is one SQL statement over the articles the query finds that the action would
change (an archived article is not archived again), the new ones passed as one JSON
array (``json_each``), so 10,000 new items cost one statement per rule.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import NamedTuple

from lecteur.core.clock import stamp
from lecteur.core.errors import InvalidInputError, LecteurError
from lecteur.core.library.database import Database
from lecteur.core.library.saved import checked_query
from lecteur.core.library.search import parse_query
from lecteur.core.text.sanitize import clean_line, fold

ARROW = "->"
# Actions as typed (folded) -> the action; "tag" takes a name after a colon.
ACTION_NAMES = {
    "archive": "archive", "archiver": "archive",
    "star": "star", "favori": "star", "etoile": "star",
    "save": "save", "garder": "save",
    "read": "read", "lire": "read", "lu": "read",
    "dismiss": "dismiss", "ecarter": "dismiss", "rejeter": "dismiss",
    "trash": "trash", "corbeille": "trash", "delete": "trash", "supprimer": "trash",
}
TAG_PREFIXES = ("tag:", "etiquette:", "#")
# What each action sets, and the condition of an article it would still change.
_ACTION_SQL: dict[str, tuple[str, str]] = {
    "archive": ("archived = 1", "archived = 0"),
    "star": ("starred = 1", "starred = 0"),
    "save": ("saved = 1", "saved = 0"),
    "read": ("read_at = coalesce(read_at, :now)", "read_at IS NULL"),
    "dismiss": ("dismissed_at = coalesce(dismissed_at, :now)", "dismissed_at IS NULL"),
    "trash": ("trashed_at = :now", "trashed_at IS NULL"),
}
_TAGGED = ("id IN (SELECT article_id FROM article_tags JOIN tags ON tags.id = tag_id "
           "WHERE tags.key = :tag)")


class Rule(NamedTuple):
    """A rule as stored: its number, its query, and its action (``tag:emploi``...)."""

    id: int
    query: str
    action: str

    @property
    def text(self) -> str:
        """The rule as the reader writes it."""
        return f"{self.query} {ARROW} {self.action}"


class Outcome(NamedTuple):
    """What a rule did, or would do: the articles it changes, or why it could not run."""

    rule: Rule
    ids: tuple[int, ...] = ()
    problem: str | None = None


def parse_rule(text: str) -> tuple[str, str]:
    """``"site:example.org -> tag:emploi"`` -> its query and its action, both checked;
    `InvalidInputError` naming what is wrong."""
    line = clean_line(text).strip()
    query, arrow, action = line.rpartition(ARROW)
    if not arrow:
        raise InvalidInputError("rules.no_arrow", rule=line[:120])
    if not query.strip():
        raise InvalidInputError("rules.no_query", rule=line[:120])
    return checked_query(query), normal_action(action)


def normal_action(typed: str) -> str:
    """An action as stored (``archive``, ``tag:NAME``); `InvalidInputError` if none."""
    text = typed.strip()
    folded = fold(text)
    for prefix in TAG_PREFIXES:
        if folded.startswith(prefix):
            name = text[len(prefix):].strip().strip('"').strip()
            if not name:
                raise InvalidInputError("rules.no_tag", action=text[:80])
            return f"tag:{name}"
    if folded in ACTION_NAMES:
        return ACTION_NAMES[folded]
    raise InvalidInputError("rules.bad_action", action=text[:80])


class Rules:
    """The rules table, and running rules over the library."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, text: str) -> Rule:
        """Write a rule down (last in order); `InvalidInputError` if it does not read."""
        query, action = parse_rule(text)
        with self._db.write() as conn:
            cursor = conn.execute("INSERT INTO rules (query, action, created_at) "
                                  "VALUES (?, ?, ?)", (query, action, stamp()))
        return Rule(int(cursor.lastrowid or 0), query, action)

    def remove(self, rule_id: int) -> bool:
        """Forget a rule; False if there is no rule by that number."""
        with self._db.write() as conn:
            return conn.execute("DELETE FROM rules WHERE id = ?", (rule_id,)).rowcount > 0

    def all(self) -> list[Rule]:
        """Every rule, in the order they run."""
        return all_rules(self._db.conn)

    def preview(self, rule_ids: Sequence[int] = ()) -> list[Outcome]:
        """What each rule (or those numbered) would change in the library now; writes
        nothing. Rules are previewed each on the library as it is (not one after another)."""
        return [_run(self._db, self._db.conn, rule, None, write=False)
                for rule in _chosen(self.all(), rule_ids)]

    def apply(self, rule_ids: Sequence[int] = ()) -> list[Outcome]:
        """Run each rule (or those numbered) over the whole library, in order, in one
        transaction; return what each changed."""
        with self._db.write() as conn:
            return [_run(self._db, conn, rule, None, write=True)
                    for rule in _chosen(all_rules(conn), rule_ids)]


def all_rules(conn: sqlite3.Connection) -> list[Rule]:
    """Every rule on `conn`, in order."""
    rows = conn.execute("SELECT id, query, action FROM rules ORDER BY id")
    return [Rule(int(i), str(q), str(a)) for i, q, a in rows]


def _chosen(rules: list[Rule], rule_ids: Sequence[int]) -> list[Rule]:
    if not rule_ids:
        return rules
    known = {rule.id for rule in rules}
    for rule_id in rule_ids:
        if rule_id not in known:
            raise InvalidInputError("rules.none", id=rule_id)
    return [rule for rule in rules if rule.id in rule_ids]


def apply_to_new(db: Database, conn: sqlite3.Connection, article_ids: Sequence[int]) -> None:
    """Inside the write that stored them: run every rule on the new articles, in order.

    A rule that cannot run (its query needs scores this library has not got) is passed
    over: storing an article never fails because of a rule (``rules test`` says why).
    """
    if not article_ids:
        return
    try:
        rules = all_rules(conn)
    except sqlite3.OperationalError:  # a library opened before its rules table (in tests
        return  # that build an older schema): no rules to run
    for rule in rules:
        _run(db, conn, rule, list(article_ids), write=True)


def _run(db: Database, conn: sqlite3.Connection, rule: Rule, only: list[int] | None, *,
         write: bool) -> Outcome:
    """One rule: the ids it changes (changed, if `write`), among `only` if given."""
    from lecteur.core.library.articles import scope_where
    from lecteur.core.library.query import context_of

    try:
        parsed = parse_query(rule.query, last_is_prefix=False).check()
        where, params = scope_where(parsed, None, context_of(db), with_terms=True)
    except LecteurError as error:
        return Outcome(rule, problem=str(error))
    named: dict[str, object] = {f"p{i}": value for i, value in enumerate(params)}
    where = _named(where)
    action, _, tag = rule.action.partition(":")
    if action == "tag":
        from lecteur.core.library.tags import tag_key, tag_name

        named["tag"] = tag_key(tag)
        pending = f"NOT {_TAGGED}"
    else:
        pending = _ACTION_SQL[action][1]
    if only is not None:
        where += " AND id IN (SELECT value FROM json_each(:only))"
        named["only"] = json.dumps(only)
    found = tuple(int(r[0]) for r in conn.execute(
        f"SELECT id FROM articles WHERE {where} AND {pending} ORDER BY id", named))
    if write and found:
        ids = json.dumps(list(found))
        if action == "tag":
            name = tag_name(tag)
            conn.execute("INSERT INTO tags (name, key) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
                         (name, named["tag"]))
            conn.execute("INSERT OR IGNORE INTO article_tags (article_id, tag_id) SELECT "
                         "value, (SELECT id FROM tags WHERE key = ?) FROM json_each(?)",
                         (named["tag"], ids))
        else:
            conn.execute(f"UPDATE articles SET {_ACTION_SQL[action][0]} "
                         "WHERE id IN (SELECT value FROM json_each(:ids))",
                         {"now": stamp(), "ids": ids})
    return Outcome(rule, found)


def _named(sql: str) -> str:
    """`sql` with its ``?`` placeholders numbered ``:p0, :p1...`` (mixed with named ones).

    The conditions the query language builds never hold a ``?`` inside a literal."""
    pieces = sql.split("?")
    return "".join(piece + (f":p{i}" if i < len(pieces) - 1 else "")
                   for i, piece in enumerate(pieces))
