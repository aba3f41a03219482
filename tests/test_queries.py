"""The query language: the parser, table by table, then every filter over a real library.

The parser turns each ``field:value`` into a condition with placeholders; the tests check
what it reads (and that no typed value ever lands in the SQL text), which part a bad
query names, and what each filter finds among a handful of articles whose fields differ.
"""

from __future__ import annotations

import ast
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from lecteur.core.catalogue import en, fr
from lecteur.core.config import Staleness
from lecteur.core.errors import InvalidInputError
from lecteur.core.library.search import Term, parse_query
from lecteur.core.library.store import Library
from lecteur.core.library.views import View
from lecteur.core.models import Article, Author, Block
from lecteur.core.text.periods import day_range, period_days

TODAY = date(2025, 6, 15)  # the tests' clock (tests/helpers.py)


# --- the parser ---------------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "sql", "params", "negated"), [
    ("lang:fr", "(language = ? OR language LIKE ?)", ("fr", "fr-%"), False),
    ("langue:français", "(language = ? OR language LIKE ?)", ("fr", "fr-%"), False),
    ("-lang:en", "(language = ? OR language LIKE ?)", ("en", "en-%"), True),
    ("minutes:<8", "reading_minutes < ?", (8,), False),
    ("minutes:>=30", "reading_minutes >= ?", (30,), False),
    ("min:5", "reading_minutes = ?", (5,), False),
    ("minutes:5-10", "reading_minutes BETWEEN ? AND ?", (5, 10), False),
    ("saved:yes", "saved = ?", (1,), False),
    ("garde:non", "saved = ?", (0,), False),
    ("is:unread", "(read_at IS NOT NULL) = ?", (0,), False),
    ("est:nonlu", "(read_at IS NOT NULL) = ?", (0,), False),
    ("is:starred", "starred = ?", (1,), False),
    ("is:archived", "archived = ?", (1,), False),
    ("-is:read", "(read_at IS NOT NULL) = ?", (1,), True),
    ("site:example.org", "(host = ? OR host LIKE ? ESCAPE '\\')",
     ("example.org", "%.example.org"), False),
    ("site:https://www.Example.org/path", "(host = ? OR host LIKE ? ESCAPE '\\')",
     ("example.org", "%.example.org"), False),
    ("since:2024-01-01", "coalesce(date, substr(added_at, 1, 10)) >= ?", ("2024-01-01",), False),
    ("since:2024", "coalesce(date, substr(added_at, 1, 10)) >= ?", ("2024-01-01",), False),
    ("until:2024-02", "coalesce(date, substr(added_at, 1, 10)) < ?", ("2024-03-01",), False),
    ("until:2024-12-31", "coalesce(date, substr(added_at, 1, 10)) < ?", ("2025-01-01",), False),
    ("since:30d", "coalesce(date, substr(added_at, 1, 10)) >= ?", ("2025-05-16",), False),
    ("depuis:2s", "coalesce(date, substr(added_at, 1, 10)) >= ?", ("2025-06-01",), False),
    ("until:1y", "coalesce(date, substr(added_at, 1, 10)) < ?", ("2024-06-15",), False),
    ("feed:7", "feed_id = ?", (7,), False),  # along the feed's own index
    ("feed:0", "coalesce(feed_id, 0) = ?", (0,), False),  # from no feed
    ("score:<0.1", "score < ?", (0.1,), False),
    ("score:>=0,5", "score >= ?", (0.5,), False),
    ("-tag:bruit", "+id IN (SELECT article_id FROM article_tags JOIN tags ON tags.id = "
     "article_tags.tag_id WHERE tags.key = ?)", ("bruit",), True),
    ("-exclu", "+id IN (SELECT rowid FROM search WHERE search MATCH ?)", ('"exclu"',), True),
    ('-"deux mots"', "+id IN (SELECT rowid FROM search WHERE search MATCH ?)", ('"deux mots"',),
     True),
    ("-author:Roe", "+id IN (SELECT rowid FROM search WHERE search MATCH ?)",
     ('author : "roe"',), True),
])
def test_each_filter_reads_into_a_parameterised_condition(typed: str, sql: str,
                                                          params: tuple[object, ...],
                                                          negated: bool) -> None:
    parsed = parse_query(typed, today=TODAY)
    assert parsed.problems == () and parsed.terms == ()
    (one,) = parsed.filters
    assert (one.sql, one.params, one.negated) == (sql, params, negated)


@pytest.mark.parametrize(("typed", "terms"), [
    ('author:"Jane Roe"', (Term(("jane", "roe"), False, "author"),)),
    ("auteur:Léa", (Term(("lea",), False, "author"),)),
    ('site:"Le Devoir"', (Term(("le", "devoir"), False, "site"),)),
    ('"phrase exacte"', (Term(("phrase", "exacte"), False),)),
    ("réseau lang:fr", (Term(("reseau",), True),)),  # the last word is still a prefix
    ("RÉSEAU -exclu", (Term(("reseau",), True),)),
    ("5:30", (Term(("5", "30"), False),)),  # not a field: it starts with a digit
    ("http://example.org/a", (Term(("http", "example", "org", "a"), False),)),
])
def test_words_and_column_words(typed: str, terms: tuple[Term, ...]) -> None:
    parsed = parse_query(typed, today=TODAY)
    assert parsed.terms == terms and parsed.problems == ()


def test_the_whole_example_of_the_issue_reads() -> None:
    parsed = parse_query('author:"Jane Roe" tag:réseautage lang:fr minutes:<8 saved:yes '
                         'is:unread site:example.org "phrase exacte" -exclu since:2024-01-01',
                         today=TODAY).check()
    assert parsed.tags == ("réseautage",)
    assert [term.column for term in parsed.terms] == ["author", None]
    assert len(parsed.filters) == 7


@pytest.mark.parametrize(("typed", "key", "part"), [
    ("minutes:<huit", "query.bad_number", "minutes:<huit"),
    ("minutes:2.5", "query.bad_number", "minutes:2.5"),
    ("colour:red réseau", "query.unknown_field", "colour:red"),
    ("is:maybe", "query.bad_is", "is:maybe"),
    ("saved:perhaps", "query.bad_yes_no", "saved:perhaps"),
    ("since:2024-02-30", "query.bad_date", "since:2024-02-30"),
    ("until:yesterday", "query.bad_date", "until:yesterday"),
    ("lang:français-du-québec", "query.bad_lang", "lang:français-du-québec"),
    ("lang:", "query.empty_value", "lang:"),
    ('author:""', "query.empty_value", 'author:""'),
    ("ok lang:fr minutes:x is:y", "query.bad_number", "minutes:x"),  # the first bad part
])
def test_a_bad_query_names_its_bad_part(typed: str, key: str, part: str) -> None:
    parsed = parse_query(typed, today=TODAY)
    with pytest.raises(InvalidInputError) as raised:
        parsed.check()
    assert raised.value.key == key and raised.value.values["part"] == part
    sentence = str(raised.value)
    assert part in sentence and sentence.count(".") >= 1 and "\n" not in sentence


def test_every_problem_key_is_in_both_catalogues() -> None:
    """The parser's problems are built from keys the AST test cannot follow: checked here."""
    source = Path(__file__).parent.parent / "src/lecteur/core/library"
    keys = set()
    for name in ("query.py", "search.py", "saved.py", "rules.py"):
        for node in ast.walk(ast.parse((source / name).read_text())):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and node.value.split(".")[0] in ("query", "views", "rules")
                    and " " not in node.value and node.value.count(".") == 1):
                keys.add(node.value)
    assert len(keys) > 15
    assert keys <= set(en.SENTENCES) and keys <= set(fr.SENTENCES)


@pytest.mark.parametrize("typed", ["lang:fr", "site:x.org", "minutes:<3", "feed:abc",
                                   "author:o'brien", "-\"x'; DROP TABLE articles; --\""])
def test_no_typed_value_is_pasted_into_the_sql(typed: str) -> None:
    for one in parse_query(typed, today=TODAY).filters:
        for value in one.params:
            assert str(value).strip("%") not in one.sql or str(value) in ("", "0", "1")


def test_periods_and_days() -> None:
    assert [period_days(t) for t in ("180d", "2w", "6m", "1y", "3j", "2a", "x", "")] == [
        180, 14, 180, 365, 3, 730, None, None]
    assert day_range("2024-12", TODAY) == (date(2024, 12, 1), date(2025, 1, 1))
    assert day_range("2024-13", TODAY) is None


# --- over a real library ------------------------------------------------------------------

def _article(n: int, title: str, *, url: str | None, language: str | None = "fr",
             author: str | None = None, site: str | None = None, date: str | None = None,
             words: int = 100, text: str = "") -> Article:
    body = (text + " " + " ".join(["mot"] * words)).strip()
    return Article(source=f"page-{n}.html", title=title, url=url, language=language,
                   blocks=(Block("paragraph", body),), sitename=site, date=date,
                   author=Author(author) if author else None)


@pytest.fixture
def library(tmp_path: Path):
    with Library(tmp_path / "lib" / "library.sqlite3") as lib:
        yield lib


@pytest.fixture
def shelf(library: Library) -> dict[str, int]:
    """Six articles that differ in every field a filter reads."""
    ids = {
        "short_fr": library.articles.add(_article(
            1, "Réseauter sans gêne", url="https://www.example.org/a", author="Jane Roe",
            site="Le Devoir", date="2024-03-01", words=300,
            text="Le réseautage en phrase exacte."))[0],
        "long_en": library.articles.add(_article(
            2, "Networking at length", url="https://blog.example.org/b", language="en",
            author="Sam Okafor", date="2023-05-01", words=9000, text="A networking guide."))[0],
        "other_site": library.articles.add(_article(
            3, "Salaire", url="https://autre.ca/c", author="Jane Doe", site="La Presse",
            date="2025-06-01", words=500, text="Négocier son salaire, exclu du réseau."))[0],
        "no_date": library.articles.add(_article(
            4, "Sans date", url="https://notexample.org/d", words=200, text="Mentorat."))[0],
        "regional": library.articles.add(_article(
            5, "Québec", url=None, language="fr-CA", date="2024-01-01", words=2000,
            text="Le réseautage au Québec."))[0],
        "trashed": library.articles.add(_article(
            6, "Jeté", url="https://example.org/f", words=100, text="réseautage"))[0],
    }
    library.articles.trash(ids["trashed"])
    library.views.set_flag(ids["long_en"], "starred", True)
    library.views.set_flag(ids["other_site"], "archived", True)
    library.views.mark_read(ids["short_fr"])
    library.tags.add(ids["short_fr"], "Réseautage")
    library.tags.add(ids["regional"], "réseautage")
    library.tags.add(ids["other_site"], "salaire")
    with library.db.write() as conn:  # one came from a feed, one was not saved by the reader
        conn.execute("INSERT INTO feeds (key, url, title, added_at) VALUES "
                     "('k', 'https://devoir.example/rss', 'Le Devoir — Emploi', 'now')")
        conn.execute("UPDATE articles SET feed_id = 1, saved = 0 WHERE id = ?", (ids["no_date"],))
    return ids


@pytest.mark.parametrize(("query", "names"), [
    ('author:"Jane Roe"', {"short_fr"}),
    ("author:jane", {"short_fr", "other_site"}),
    ("author:JANE -author:doe", {"short_fr"}),
    ("tag:réseautage", {"short_fr", "regional"}),
    ("#RESEAUTAGE lang:fr", {"short_fr", "regional"}),
    ("lang:fr", {"short_fr", "other_site", "no_date", "regional"}),
    ("lang:en", {"long_en"}),
    ("-lang:fr", {"long_en"}),
    ("minutes:<8", {"short_fr", "other_site", "no_date"}),
    ("minutes:>30", {"long_en"}),
    ("minutes:5-10", {"regional"}),
    ("saved:yes", {"short_fr", "long_en", "other_site", "regional"}),
    ("saved:no", {"no_date"}),
    ("is:unread", {"long_en", "other_site", "no_date", "regional"}),
    ("is:read", {"short_fr"}),
    ("is:starred", {"long_en"}),
    ("is:archived", {"other_site"}),
    ("site:example.org", {"short_fr", "long_en"}),  # not notexample.org, not the trash
    ("site:blog.example.org", {"long_en"}),
    ('site:"Le Devoir"', {"short_fr"}),
    ('"phrase exacte"', {"short_fr"}),
    ("réseautage -exclu", {"short_fr", "regional"}),
    ("-réseautage", {"long_en", "other_site", "no_date"}),
    ("since:2024-01-01", {"short_fr", "other_site", "regional", "no_date"}),  # no date: added
    ("until:2023", {"long_en"}),
    ("since:2024 until:2024-02", {"regional"}),
    ("since:30d", {"other_site", "no_date"}),
    ("feed:devoir", {"no_date"}),
    ("feed:1", {"no_date"}),
    ("feed:0 minutes:<8", {"short_fr", "other_site"}),
    ("-feed:0", {"no_date"}),
    ("-feed:1 minutes:<8", {"short_fr", "other_site"}),
    ("in:trash réseautage", {"trashed"}),
    ('author:"Jane Roe" tag:réseautage lang:fr minutes:<8 saved:yes is:read '
     'site:example.org "phrase exacte" -exclu since:2024-01-01', {"short_fr"}),
])
def test_each_filter_finds_what_it_says(library: Library, shelf: dict[str, int], query: str,
                                        names: set[str]) -> None:
    by_id = {article_id: name for name, article_id in shelf.items()}
    found = {by_id[hit.id] for hit in library.articles.search(query, limit=None)}
    assert found == names
    # The same query as a saved view's list, paged from SQLite, finds the same articles.
    view = View("query", query=query)
    assert {by_id[row.id] for row in library.views.rows(view, 100)} == names
    assert library.views.count(view) == len(names)


def test_score_filters_by_the_relevance_column(library: Library,
                                               shelf: dict[str, int]) -> None:
    """``score:`` reads the relevance the curation stores (values set here by hand)."""
    with library.db.write() as conn:
        conn.execute("UPDATE articles SET score = 0.5")
        conn.execute("UPDATE articles SET score = 0.05 WHERE id = ?", (shelf["long_en"],))
        conn.execute("UPDATE articles SET score = 0.9 WHERE id = ?", (shelf["short_fr"],))
    assert [hit.id for hit in library.articles.search("score:<0.1")] == [shelf["long_en"]]
    assert [hit.id for hit in library.articles.search("score:>0.8 réseau")] == [shelf["short_fr"]]


def test_stale_follows_the_fastest_ageing_tag_then_the_default(library: Library,
                                                               shelf: dict[str, int]) -> None:
    def stale() -> set[int]:
        return {hit.id for hit in library.articles.search("is:stale", limit=None)}

    library.db.staleness = Staleness(by_tag=(("salaire", 10),), default_days=None)
    assert stale() == {shelf["other_site"]}  # published 2025-06-01, salaire ages in 10 days
    library.db.staleness = Staleness(by_tag=(("Salaire", 30), ("réseautage", 400)),
                                     default_days=700)
    assert stale() == {shelf["short_fr"], shelf["regional"], shelf["long_en"]}
    library.db.staleness = Staleness(by_tag=(("réseautage", 400), ("reseautage", 10000)),
                                     default_days=None)
    assert stale() == {shelf["short_fr"], shelf["regional"]}  # the faster of two ages wins
    library.db.staleness = Staleness((), None)
    assert stale() == set()


def test_the_filters_use_no_string_pasting(library: Library, shelf: dict[str, int]) -> None:
    """Hostile values are values: the table survives and nothing is found."""
    for typed in ("lang:fr'--", "feed:%'; DROP TABLE articles; --", 'site:"a.org\' OR 1=1"',
                  "author:x\"", "tag:\"'); DELETE FROM articles; --\""):
        library.articles.search(typed)
    assert library.articles.count() == 5
    assert library.articles.search("feed:%") == []  # LIKE's wildcards are escaped


def test_a_library_without_the_filter_index_is_migrated(tmp_path: Path) -> None:
    """The migration adds ``host`` for rows already there (a generated column)."""
    from lecteur.core.library.migrations import MIGRATIONS, migrate, register_name_functions

    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    register_name_functions(conn)  # the folded-names triggers call them
    for number, migration in enumerate(MIGRATIONS[:-1], start=1):
        conn.execute("BEGIN")
        migration.apply(conn)
        conn.execute(f"PRAGMA user_version = {number}")
        conn.execute("COMMIT")
    conn.execute("INSERT INTO articles (key, url, source, title, word_count, "
                 "reading_minutes, added_at, updated_at) VALUES ('k', 'http://WWW.A.org:80/x', "
                 "'s', 't', 1, 1, 'now', 'now')")
    migrate(conn)
    assert conn.execute("SELECT host FROM articles").fetchone() == ("a.org",)
    conn.close()


def test_a_tag_that_ages_slower_than_the_default_keeps_its_articles_fresh(
        library: Library, shelf: dict[str, int]) -> None:
    """Older than the default age but younger than its tag's: not stale (the CASE's
    shortcut by the day alone must not take the default for every article)."""
    library.db.staleness = Staleness(by_tag=(("réseautage", 10000),), default_days=700)
    found = {hit.id for hit in library.articles.search("is:stale", limit=None)}
    assert found == {shelf["long_en"]}
    assert library.views.count(View("query", query="-is:stale")) == 4


def test_a_scoped_search_scores_only_the_matches_in_its_scope(tmp_path: Path) -> None:
    """bm25 reads each scored match's size (``search_docsize``): in a small scope, only the
    matches in it are scored, not every match of the word (FTS5's own ORDER BY rank did,
    before the scope dropped any)."""
    with Library(tmp_path / "lib" / "library.sqlite3") as library:
        for n in range(120):
            library.articles.add(_article(n, f"Titre {n}", url=f"https://x.org/{n}",
                                          text="commun"))
        starred = [hit.id for hit in library.articles.search("commun", limit=5)]
        for article_id in starred:
            library.views.set_flag(article_id, "starred", True)
        traced: list[str] = []
        library.db.conn.set_trace_callback(traced.append)
        try:
            found = library.articles.search("commun is:starred", limit=50)
        finally:
            library.db.conn.set_trace_callback(None)
        assert sorted(hit.id for hit in found) == sorted(starred)
        assert sum("search_docsize" in sql for sql in traced) <= 2 * len(starred)


def test_a_count_may_start_from_a_membership(library: Library, shelf: dict[str, int]) -> None:
    """A saved view's count has no order to keep: its memberships (a tag, words) are
    left free for the planner to start from (``id IN``, not the lists' ``+id IN``), and
    it counts what its list holds."""
    view = View("query", query="tag:réseautage is:unread réseautage")
    traced: list[str] = []
    library.db.conn.set_trace_callback(traced.append)
    try:
        counted = library.views.count(view)
    finally:
        library.db.conn.set_trace_callback(None)
    (sql,) = [one for one in traced if one.startswith("SELECT count(*)")]
    assert "+id IN" not in sql and "id IN (SELECT article_id" in sql
    assert counted == len(library.views.rows(view, 100)) == 1  # regional: unread, tagged


def test_a_filtered_search_ranks_every_match_in_its_scope(tmp_path: Path) -> None:
    """With filters, the best match is found wherever it is in the library: the oldest
    article, the word in its title and all through its text, comes first."""
    with Library(tmp_path / "lib" / "library.sqlite3") as library:
        best = library.articles.add(_article(0, "Commun commun", url="https://x.org/0",
                                             words=20, text="commun " * 40))[0]
        for n in range(1, 80):
            library.articles.add(_article(n, f"Titre {n}", url=f"https://x.org/{n}",
                                          words=200, text="commun"))
        found = library.articles.search("commun lang:fr minutes:<8", limit=5)
        assert found[0].id == best and len(found) == 5
