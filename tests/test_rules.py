"""Rules and saved views: stored in the library, from the shell, and rules run on new
articles (``lecteur add`` from a real local site, a refresh from a real feed server)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from feed_server import Route, feed_server, rss
from helpers import Ran, assert_one_sentence
from lecteur.core.errors import InvalidInputError
from lecteur.core.library.rules import parse_rule
from lecteur.core.library.store import Library
from lecteur.core.library.views import View
from lecteur.core.models import Article, Block
from lecteur.core.refresh import refresh
from lecteur.core.workers.pool import ExtractorPool


def _article(n: int, minutes: int, url: str) -> Article:
    return Article(source=url, title=f"Article {n}", url=url, language="fr",
                   blocks=(Block("paragraph", " ".join(["réseautage"] * (minutes * 230))),))


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with Library(tmp_path / "lib.sqlite3") as lib:
        yield lib


@pytest.mark.parametrize(("typed", "query", "action"), [
    ("site:example.org -> tag:emploi", "site:example.org", "tag:emploi"),
    ("minutes:>30 -> archive", "minutes:>30", "archive"),
    ("score:<0.1 -> dismiss", "score:<0.1", "dismiss"),
    ("lang:en->Star", "lang:en", "star"),
    ('tag:a -> tag:"deux mots"', "tag:a", "tag:deux mots"),
    ("is:unread -> #Réseau", "is:unread", "tag:Réseau"),
    ("x -> corbeille", "x", "trash"),
    ("x -> écarter", "x", "dismiss"),
    ("a -> b -> archiver", "a -> b", "archive"),  # the last arrow splits
])
def test_rules_read(typed: str, query: str, action: str) -> None:
    assert parse_rule(typed) == (query, action)


@pytest.mark.parametrize(("typed", "key"), [
    ("minutes:>30 archive", "rules.no_arrow"),
    (" -> archive", "rules.no_query"),
    ("x -> explode", "rules.bad_action"),
    ("x -> tag:", "rules.no_tag"),
    ("minutes:>trente -> archive", "query.bad_number"),
    ("in:nowhere -> archive", "query.unknown_view"),
])
def test_a_bad_rule_is_one_sentence(typed: str, key: str) -> None:
    with pytest.raises(InvalidInputError) as raised:
        parse_rule(typed)
    assert raised.value.key == key
    assert_one_sentence("lecteur: " + str(raised.value) + "\n")


def test_rules_run_on_new_articles_only_in_order(library: Library) -> None:
    old, _ = library.articles.add(_article(1, 40, "https://example.org/old"))
    library.rules.add("site:example.org -> tag:emploi")
    library.rules.add("minutes:>30 -> archive")
    library.rules.add("tag:emploi -> star")  # sees the tag the first rule gave
    library.rules.add("score:<0.1 -> dismiss")  # no scores here: passed over, add still works
    new, _ = library.articles.add(_article(2, 40, "https://jobs.example.org/new"))
    short, _ = library.articles.add(_article(3, 2, "https://ailleurs.ca/x"))
    row = library.views.row(new)
    assert row is not None and row.archived and row.starred
    assert library.tags.of(new) == ["emploi"]
    old_row = library.views.row(old)
    assert old_row is not None and not old_row.archived and library.tags.of(old) == []
    short_row = library.views.row(short)
    assert short_row is not None and not (short_row.archived or short_row.starred)
    updated, is_new = library.articles.add(_article(1, 40, "https://example.org/old"))
    assert (updated, is_new) == (old, False) and library.tags.of(old) == []  # not new


def test_preview_writes_nothing_and_apply_does_it(library: Library) -> None:
    ids = [library.articles.add(_article(n, m, f"https://example.org/{n}"))[0]
           for n, m in ((1, 40), (2, 3), (3, 50))]
    library.rules.add("minutes:>30 -> archive")
    library.rules.add("minutes:>30 -> dismiss")
    preview = library.rules.preview()
    assert [outcome.ids for outcome in preview] == [(ids[0], ids[2]), (ids[0], ids[2])]
    assert not any(row.archived for row in map(library.views.row, ids) if row)
    done = library.rules.apply([1])
    assert [outcome.ids for outcome in done] == [(ids[0], ids[2])]
    assert library.rules.preview([1])[0].ids == ()  # nothing left to change
    assert library.rules.preview([2])[0].ids == (ids[0], ids[2])  # not dismissed yet
    library.rules.apply()
    row = library.views.row(ids[0])
    assert row is not None and row.archived
    assert library.views.count(View("dismissed")) == 2  # dismissed as triage dismisses
    with pytest.raises(InvalidInputError):
        library.rules.apply([9])


def test_trash_rule_and_removal(library: Library) -> None:
    rule = library.rules.add("lang:fr -> trash")
    article, _ = library.articles.add(_article(1, 1, "https://a.org/1"))
    assert library.articles.in_trash(article)
    assert library.rules.remove(rule.id) and not library.rules.remove(rule.id)
    assert library.rules.all() == []


def test_a_refresh_from_a_real_feed_server_applies_the_rules(library: Library) -> None:
    with feed_server() as server, ExtractorPool(size=1, timeout=10) as pool:
        url = server.add("/emploi.rss", Route(rss("Emploi", 4)))
        library.feeds.add(url)
        library.rules.add("site:example.org -> tag:emploi")
        library.rules.add("feed:Emploi mot -> read")
        library.rules.add('"mot 3" -> star')
        results = refresh(library, pool, full_text=False)
    new = results[0].new_items
    assert len(new) == 4
    rows = [library.views.row(article_id) for article_id in new]
    assert all(row is not None and row.read for row in rows)
    assert all(library.tags.of(article_id) == ["emploi"] for article_id in new)
    assert [row.title for row in rows if row and row.starred] == ["Emploi 3"]


# --- from the shell -------------------------------------------------------------------------

@pytest.fixture
def lecteur(tmp_path: Path, cli: Callable[..., Ran]) -> Callable[..., Ran]:
    folder = str(tmp_path / "shell")
    return lambda *args: cli("--library", folder, *args)


def _seed(folder: Path) -> list[int]:
    with Library(folder / "library.sqlite3") as library:
        ids = [library.articles.add(_article(n, m, f"https://example.org/{n}"))[0]
               for n, m in ((1, 40), (2, 3))]
        library.views.mark_read(ids[1])
    return ids


def test_rules_from_the_shell(tmp_path: Path, lecteur: Callable[..., Ran]) -> None:
    ids = _seed(tmp_path / "shell")
    assert lecteur("rules").out == lecteur("rules", "ls").out
    added = lecteur("rules", "add", "minutes:>30 -> archive")
    assert (added.code, added.out) == (0, "Rule 1: minutes:>30 -> archive\n")
    bad = lecteur("rules", "add", "minutes:>30 archive")
    assert bad.code == 1 and "has no ->" in bad.err
    assert_one_sentence(bad.err)
    assert lecteur("rules", "ls").out == "1\tminutes:>30 -> archive\n"
    assert json.loads(lecteur("rules", "ls", "--json").out) == [
        {"id": 1, "query": "minutes:>30", "action": "archive", "rule": "minutes:>30 -> archive"}]
    test = lecteur("rules", "test", "--dry-run")
    assert test.out.splitlines() == [
        "Rule 1 (minutes:>30 -> archive) would change 1 article(s).", f"  #{ids[0]}  Article 1"]
    assert lecteur("rules", "apply", "--dry-run").out == test.out
    applied = lecteur("rules", "apply")
    assert applied.out.startswith("Rule 1 (minutes:>30 -> archive) changed 1 article(s).")
    assert lecteur("rules", "test").out.startswith("Rule 1 (minutes:>30 -> archive) would "
                                                   "change 0 article(s).")
    assert lecteur("search", "is:archived").out.splitlines()[1].startswith(str(ids[0]))
    missing = lecteur("rules", "rm", "7")
    assert missing.code == 1 and "no rule 7" in missing.err
    assert lecteur("rules", "rm", "1").out == "Rule 1 removed.\n"
    french = lecteur("--lang", "fr", "rules", "add", "x -> exploser")
    assert french.code == 1 and "n’est pas une action" in french.err


def test_views_from_the_shell(tmp_path: Path, lecteur: Callable[..., Ran]) -> None:
    ids = _seed(tmp_path / "shell")
    added = lecteur("views", "add", "Longs", "minutes:>30", "is:unread")
    assert (added.code, added.out) == (0, "Saved view 'Longs': minutes:>30 is:unread\n")
    again = lecteur("views", "add", "longs", "x")
    assert again.code == 1 and "already a saved view" in again.err
    bad = lecteur("views", "add", "x", "minutes:<huit")
    assert bad.code == 1 and "'minutes:<huit'" in bad.err
    assert_one_sentence(bad.err)
    assert lecteur("views", "add", "stale", "x").code == 1  # built in
    assert lecteur("views", "ls").out == "Longs\tminutes:>30 is:unread\n"
    listed = lecteur("ls", "--view", "LONGS")
    assert [line.split("\t")[0] for line in listed.out.splitlines()[1:]] == [str(ids[0])]
    assert lecteur("ls", "--view", "nope").code == 1
    assert lecteur("ls", "--view", "stale").out == "Nothing is in the view 'stale' now.\n"
    assert lecteur("views", "rm", "longs").out == "Saved view 'longs' removed.\n"
    assert lecteur("views", "ls").out.startswith("No saved views yet")


def test_stale_saves_from_the_shell_follow_the_settings(tmp_path: Path,
                                                         lecteur: Callable[..., Ran]) -> None:
    folder = tmp_path / "shell"
    with Library(folder / "library.sqlite3") as library:
        old, _ = library.articles.add(Article(
            source="a", title="Salaires 2023", url="https://a.org/1", date="2023-01-10",
            blocks=(Block("paragraph", "chiffres"),)))
        kept, _ = library.articles.add(Article(
            source="b", title="Merci", url="https://a.org/2", date="2023-01-10",
            blocks=(Block("paragraph", "merci"),)))
        library.tags.add(old, "salaire")
        library.tags.add(kept, "remerciements")
    from lecteur.core import paths

    config = paths.dirs(str(folder)).config
    config.mkdir(parents=True, exist_ok=True)
    (config / "config.toml").write_text(
        '[staleness]\nsalaire = "180d"\nremerciements = "5y"\ndefault = "never"\n')
    listed = lecteur("ls", "--view", "stale")
    assert [line.split("\t")[2] for line in listed.out.splitlines()[1:]] == ["Salaires 2023"]
    (config / "config.toml").write_text('[staleness]\ndefault = "1y"\n')
    assert len(lecteur("ls", "--view", "stale").out.splitlines()) == 3  # a header, two rows
    assert len(lecteur("search", "is:stale").out.splitlines()) == 3  # a header, two rows
