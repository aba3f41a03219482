"""``lecteur search`` (prefixes, snippets, scopes, limits) and ``tag``/``untag``/``tags``.

Most run in-process (`helpers.run_cli`); the real console script proves the exit statuses
and, in a pty, that only a terminal gets the bold marks.
"""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import assert_one_sentence
from helpers import run_cli as lecteur

CORPUS = Path(__file__).parent / "corpus"
PAGES = [str(CORPUS / "fr" / name) for name in (
    "01-reseauter-introverti-cinq-strategies.html", "09-5-a-7-reseautage-mode-emploi.html",
    "15-syndrome-imposteur-carriere.txt")] + [
    str(CORPUS / "en" / "02-cold-emails-that-get-answers.html")]


@pytest.fixture
def library(house: Path) -> Path:
    added = lecteur("add", *PAGES)
    assert added.code == 0, added.err
    return house


def ids(*args: str) -> list[int]:
    result = lecteur("search", *args, "--json")
    assert result.code == 0, result.err
    return [hit["id"] for hit in json.loads(result.out)]


def test_the_last_word_is_a_prefix(library: Path) -> None:
    assert set(ids("réseau")) == {1, 2, 3}  # the README's example finds "réseautage"
    assert set(ids("rése")) == {1, 2, 3}
    assert ids("réseau", "cold") == []  # only the last word is a prefix
    assert ids("cold", "emai") == [4]


def test_a_snippet_line_per_result(library: Path) -> None:
    hits = json.loads(lecteur("search", "réseau", "--json").out)
    for hit in hits:
        marked = [hit["snippet"][a:b] for a, b in hit["marks"]]
        assert marked and all(word.casefold().startswith("réseau") for word in marked), hit
    out = lecteur("search", "réseau", columns=100).out
    lines = out.splitlines()
    assert "\x1b" not in out  # not a terminal: plain
    assert lines[0].split("\t") == ["id", "date", "title", "author", "site", "min", "snippet"]
    assert all(len(line.split("\t")) == 7 for line in lines)  # one line per result
    row = next(line for line in lines if "Les cocktails de réseautage" in line).split("\t")
    assert row[0] == "1" and row[6].startswith("Les cocktails de réseautage")
    assert row[6].endswith("épreuve pour…")
    assert len(row[6]) > 100  # a pipe gets the whole snippet, not one cut to the width


def test_a_pipe_gets_the_snippet_column_in_french(library: Path) -> None:
    lines = lecteur("--lang", "fr", "search", "réseau").out.splitlines()
    assert lines[0].split("\t")[-1] == "extrait"


def test_limit_zero_is_all_and_negative_is_refused(library: Path) -> None:
    assert len(ids("e", "--limit", "0")) == len(ids("e", "--limit", "100"))
    assert len(ids("genev", "--limit", "0")) == 3
    assert len(ids("genev", "-n", "1")) == 1
    shown = lecteur("search", "genev", "-n", "1")
    assert shown.err == "The first 1 shown; use --limit 0 for all.\n"  # a pipe: not in the data
    assert len(shown.out.splitlines()) == 2
    assert "use --limit" not in lecteur("search", "genev", "-n", "3").err
    for command in ("search", "ls", "quotes"):
        refused = lecteur(command, *(["x"] if command == "search" else []), "--limit", "-1")
        assert refused.code == 2
        assert refused.err.startswith(
            f"lecteur: {command}: argument -n/--limit: -1 is too small (at least 0) (usage: ")
        assert len(refused.err.splitlines()) == 1  # main's one-line usage error
    assert "invalid int value: 'many'" in lecteur("search", "x", "-n", "many").err


def test_scopes_by_view_and_tag(library: Path) -> None:
    assert lecteur("tag", "2", "Réseau, 5 à 7").code == 0
    assert lecteur("tag", "3", "#reseau").code == 0
    assert set(ids("réseau", "--tag", "RESEAU")) == {2, 3}
    assert ids("réseau", "--tag", "reseau", "--tag", "5 à 7") == [2]
    assert ids('tag:"5 a 7"', "réseau") == [2]
    assert ids("#réseau", "frein") == [3]
    assert ids("--tag", "reseau") == [3, 2]  # no words: the tag's articles, newest first
    assert ids("réseau", "--view", "starred") == []
    assert lecteur("search", "--view", "starred").out == "No article is in the starred view.\n"
    assert ids("in:archive", "réseau") == []
    assert set(ids("in:inbox", "réseau")) == {1, 2, 3}
    unknown = lecteur("search", "x", "--tag", "absent")
    assert unknown.code == 1 and unknown.err == "lecteur: There is no tag #absent in the library.\n"
    no_view = lecteur("search", "in:starrd", "x")
    assert no_view.code == 1 and "There is no view 'starrd'" in no_view.err
    nothing = lecteur("search")
    assert nothing.code == 1
    assert_one_sentence(nothing.err)


@pytest.mark.parametrize("typed", ['"', "*", "NEAR(", "-", "'", '"x', "x*", "(", "^", "5:30"])
def test_fts_syntax_never_fails(library: Path, typed: str) -> None:
    result = lecteur("search", typed)
    assert result.code == 0 and not result.err, result.err
    assert result.out.startswith(("id", "Nothing in the library matches"))


def test_tag_untag_and_tags(library: Path) -> None:
    tagged = lecteur("tag", "1", "salary,", "pay", "#Réseau")
    assert (tagged.code, tagged.out) == (0, "#1 tagged #salary #pay #Réseau\n")
    assert lecteur("tag", "2", "reseau", "PAY").out == "#2 tagged #Réseau #pay\n"
    assert lecteur("tags").out == "#pay\t2\n#Réseau\t2\n#salary\t1\n"  # a pipe: tabs
    assert json.loads(lecteur("tags", "--json").out) == [
        {"name": "pay", "count": 2}, {"name": "Réseau", "count": 2},
        {"name": "salary", "count": 1}]
    untagged = lecteur("untag", "1", "SALARY", "absent")
    assert untagged.code == 1 and untagged.out == "#1 untagged #salary\n"
    assert untagged.err == "lecteur: Article #1 has no tag #absent.\n"
    missing = lecteur("tag", "99", "x")
    assert missing.code == 1 and missing.err == "lecteur: There is no article #99 in the library.\n"
    empty = lecteur("tag", "1", "#", ",")
    assert empty.code == 1
    assert_one_sentence(empty.err)


def test_tags_rename_and_delete_say_how_many_articles(library: Path) -> None:
    lecteur("tag", "1", "Réseau, salary")
    lecteur("tag", "2", "reseau")
    lecteur("tag", "3", "paie")
    renamed = lecteur("tags", "rename", "RESEAU", "Networking")
    assert (renamed.code, renamed.out) == (0, "renamed #Réseau to #Networking on 2 articles\n")
    merged = lecteur("tags", "rename", "salary", "Paie")
    assert merged.out == "renamed #salary to #paie on 1 article\n"
    assert lecteur("tags").out == "#Networking\t2\n#paie\t2\n"
    deleted = lecteur("tags", "delete", "#networking")
    assert (deleted.code, deleted.out) == (0, "deleted #Networking from 2 articles\n")
    assert lecteur("tags").out == "#paie\t2\n"
    gone = lecteur("tags", "delete", "networking")
    assert gone.code == 1 and gone.err == "lecteur: There is no tag #networking.\n"
    assert lecteur("tags", "rename", "nope", "x").code == 1
    assert lecteur("tags", "delete", "paie").out == "deleted #paie from 2 articles\n"
    assert lecteur("tags").out == "No tags yet: tag an article with 'lecteur tag ID TAG'.\n"


def test_search_leaves_the_trash_out_unless_asked(library: Path) -> None:
    assert lecteur("tag", "2", "reseau").code == 0
    assert lecteur("rm", "2").code == 0
    assert set(ids("réseau")) == {1, 3}
    assert ids("--tag", "reseau") == []  # a tag's articles: those in the library
    assert ids("réseau", "--view", "trash") == [2]
    assert ids("in:trash", "réseau") == ids("in:corbeille", "réseau") == [2]
    assert ids("in:trash", "#reseau") == [2]
    assert ids("in:trash", "cold") == []
    assert ids("--view", "trash") == [2]  # no words: what the trash holds
    assert lecteur("trash", "restore", "2").code == 0
    assert set(ids("réseau")) == {1, 2, 3} and ids("in:trash", "réseau") == []


def test_an_article_in_the_trash_is_not_tagged(library: Path) -> None:
    assert lecteur("rm", "1").code == 0
    refused = lecteur("tag", "1", "x")
    assert refused.code == 1
    assert refused.err == ("lecteur: Article #1 is in the trash; 'lecteur trash restore 1' "
                           "brings it back.\n")
    assert lecteur("untag", "1", "x").code == 1


def test_tag_commands_speak_french(library: Path) -> None:
    assert lecteur("--lang", "fr", "tag", "1", "paie").out == "#1 étiqueté #paie\n"
    deleted = lecteur("--lang", "fr", "tags", "delete", "paie")
    assert deleted.out == "#paie retirée d’un article\n"
    gone = lecteur("--lang", "fr", "tags", "delete", "paie")
    assert gone.err == "lecteur: Il n’y a pas d’étiquette #paie.\n"
    assert "étiqueter un article" in lecteur("--lang", "fr", "--help").out


def test_the_cli_views_are_the_libraries() -> None:
    from typing import get_args

    from lecteur.cli import VIEWS
    from lecteur.core.library.search import VIEW_NAMES
    from lecteur.core.library.views import ViewKind

    # A tag, a feed and a saved query are views by id, not by name.
    named = set(get_args(ViewKind)) - {"tag", "feed", "query"}
    assert set(VIEWS) == named == set(VIEW_NAMES.values())


def test_marks_are_bold_on_a_terminal_only(library: Path) -> None:
    """The real console script, in a pty: bold marks; the same command in a pipe: none."""
    command = [sys.executable, "-m", "lecteur", "search", "réseau"]
    env = {**os.environ, "COLUMNS": "100"}
    piped = subprocess.run(command, capture_output=True, env=env, timeout=60, check=False)
    assert piped.returncode == 0 and b"\x1b" not in piped.stdout
    leader, follower = pty.openpty()
    process = subprocess.Popen(command, stdin=follower, stdout=follower, stderr=follower,
                               env=env)
    os.close(follower)
    out = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    assert process.wait(timeout=30) == 0
    os.close(leader)
    text = out.decode("utf-8")
    assert "\x1b[1mréseautage\x1b[22m" in text
    for line in text.splitlines():
        plain = line.replace("\x1b[1m", "").replace("\x1b[22m", "").rstrip("\r")
        assert len(plain) <= 100, plain  # cut to the terminal's width
