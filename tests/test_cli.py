"""The ``lecteur`` command end to end, in this process (`lecteur.cli.main`), on a library in
a temp dir. test_cli_process.py runs the few cases that need a real process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import assert_one_sentence
from helpers import run_cli as lecteur

PAGES = Path(__file__).parent / "pages"
CONSEIL = str(PAGES / "conseil.txt")
HOSTILE = str(PAGES / "hostile.html")


@pytest.fixture
def home(house: Path) -> Path:
    return house


def test_version(home: Path) -> None:
    result = lecteur("--version")
    assert result.code == 0
    assert result.out.startswith("lecteur ")


def test_read_prints_clean_text_and_saves_nothing(home: Path) -> None:
    result = lecteur("read", CONSEIL)
    assert result.code == 0, result.err
    assert "Cinq minutes par jour pour entretenir son réseau" in result.out
    assert "Retour en haut de la page" not in result.out
    assert not (home / "library.sqlite3").exists()


def test_read_json_contract_in_input_order(home: Path) -> None:
    missing = str(PAGES / "nope.html")
    result = lecteur("read", HOSTILE, missing, CONSEIL, "--format", "json")
    assert result.code == 1
    lines = [json.loads(line) for line in result.out.splitlines()]
    assert [line["source"] for line in lines] == [HOSTILE, missing, CONSEIL]
    assert set(lines[1]) == {"source", "error"} and "does not exist" in lines[1]["error"]
    article = lines[2]
    for key in ("url", "title", "date", "language", "sitename", "author", "word_count",
                "reading_minutes", "blocks", "quotes", "text"):
        assert key in article
    assert article["date"] == "2024-02-03" and article["language"] == "fr"
    assert article["author"]["name"] == "Jeanne Roy"
    assert {b["kind"] for b in article["blocks"]} <= {"heading", "paragraph", "quote", "list",
                                                       "code", "callout"}
    assert article["quotes"] == [{"text": "Le réseau, ça se cultive. Il faut donner avant de "
                                          "recevoir.", "speaker": None, "attribution": None}]
    assert article["word_count"] > 50 and article["reading_minutes"] >= 1


def test_read_from_stdin(home: Path) -> None:
    result = lecteur("read", "-", "--format", "json",
                     stdin=Path(CONSEIL).read_bytes())
    assert result.code == 0
    assert json.loads(result.out)["title"].startswith("Cinq minutes")


def test_hostile_text_never_reaches_the_terminal_as_escapes_or_markup(home: Path) -> None:
    for args in (("read", HOSTILE), ("read", HOSTILE, "--format", "json")):
        result = lecteur(*args)
        assert result.code == 0, result.err
        assert "\x1b" not in result.out and "\x9b" not in result.out
        assert "[AFP] Le président" in result.out
        assert "[@click=app.quit]cliquez ici[/]" in result.out


def test_add_ls_show_search_rm(home: Path) -> None:
    added = lecteur("add", CONSEIL, HOSTILE)
    assert added.code == 0, added.err
    assert "added #1" in added.out and "added #2" in added.out
    again = lecteur("add", CONSEIL)
    assert "updated #1" in again.out

    listing = json.loads(lecteur("ls", "--json").out)
    assert [e["id"] for e in listing] == [2, 1]
    assert listing[1]["author"] == "Jeanne Roy" and listing[1]["reading_minutes"] >= 1
    table = lecteur("ls").out
    assert "Cinq minutes par jour" in table and "[AFP] Le président" in table

    shown = lecteur("show", "1")
    assert shown.code == 0 and "Commencer petit" in shown.out
    assert json.loads(lecteur("show", "1", "--json").out)["id"] == 1

    for query in ("reseau", "réseau", "RÉSEAU", "felicitations"):
        hits = json.loads(lecteur("search", query, "--json").out)
        assert 1 in [h["id"] for h in hits], query
    assert json.loads(lecteur("search", "introuvable", "--json").out) == []

    removed = lecteur("rm", "1")
    assert removed.code == 0 and "moved #1 to the trash: Cinq minutes" in removed.out
    assert [e["id"] for e in json.loads(lecteur("ls", "--json").out)] == [2]


def test_ls_on_an_empty_library_says_how_to_add(home: Path) -> None:
    result = lecteur("ls")
    assert result.code == 0
    assert result.out == "The library is empty: add an article with 'lecteur add URL'.\n"


def test_ls_limit(home: Path) -> None:
    lecteur("add", CONSEIL, HOSTILE)
    result = lecteur("ls", "--limit", "1")
    # Not a terminal: the note stays out of the data, on stderr.
    assert "1 of 2 shown" in result.err and len(result.out.splitlines()) == 2


def test_library_option_and_dirs(home: Path, tmp_path: Path) -> None:
    other = tmp_path / "other-lib"
    assert lecteur("--library", str(other), "add", CONSEIL).code == 0
    assert (other / "library.sqlite3").exists()
    assert json.loads(lecteur("ls", "--json").out) == []
    assert len(json.loads(lecteur("--library", str(other), "ls", "--json").out)) == 1
    dirs = lecteur("--library", str(other), "dirs").out
    assert f"library  {other / 'library.sqlite3'}" in dirs


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("nope.html", "does not exist"),
        ("binary.html", "not text"),
        ("empty.txt", "no text"),
        ("not-an-article.html", "does not look like an article"),
        ("file:///etc/passwd", "only http and https"),
        ("javascript:alert(1)", "only http and https"),
        ("data:text/html,hello", "only http and https"),
        (".", "is a folder"),
    ],
)
def test_bad_input_is_one_sentence_and_loses_nothing(home: Path, source: str, words: str) -> None:
    assert lecteur("add", CONSEIL).code == 0
    target = source if ":" in source else str(PAGES / source)
    result = lecteur("add", target)
    assert result.code == 1
    assert_one_sentence(result.err)
    assert words in result.err
    listing = json.loads(lecteur("ls", "--json").out)
    assert [e["title"] for e in listing] == ["Cinq minutes par jour pour entretenir son réseau"]


def test_show_and_rm_unknown_id(home: Path) -> None:
    for args in (("show", "42"), ("rm", "42")):
        result = lecteur(*args)
        assert result.code == 1
        assert_one_sentence(result.err)
        assert "#42" in result.err


def test_newer_library_is_refused_with_a_sentence(home: Path) -> None:
    import sqlite3

    lecteur("add", CONSEIL)
    conn = sqlite3.connect(home / "library.sqlite3")
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    result = lecteur("ls")
    assert result.code == 1
    assert_one_sentence(result.err)
    assert "newer lecteur" in result.err


# --- sources on the (loopback) web ------------------------------------------------------


def test_read_url_after_redirects_and_add_it_once(home: Path, site) -> None:
    result = lecteur("read", site.url("/redirect/3"), "--format", "json")
    assert result.code == 0, result.err
    article = json.loads(result.out)
    assert article["url"] == site.url("/articles/fr-reseau.html")
    assert article["language"] == "fr"
    first = lecteur("add", site.url("/articles/fr-reseau.html?utm_source=x#haut"))
    again = lecteur("add", site.url("/redirect/2"))
    assert "added #1" in first.out and "updated #1" in again.out
    assert len(json.loads(lecteur("ls", "--json").out)) == 1


def test_windows_1252_page_without_charset_reads_right(home: Path, site) -> None:
    result = lecteur("read", site.url("/articles/fr-cp1252-sans-declaration.html"),
                     "--format", "json")
    assert result.code == 0, result.err
    text = json.loads(result.out)["text"]
    assert "très" in text and "élève" in text
    assert not any(bad in text for bad in ("Ã", "Â", "č", "ŕ", "\ufffd"))


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/status/404", "404"),
        ("/status/500", "500"),
        ("/loop", "redirects"),
        ("/to-file", "will not open"),
        ("/doc.pdf", "not an article"),
        ("/image.png", "not an article"),
        ("/huge", "too large"),
        ("/bomb", "too large"),
        ("/empty", "article"),
    ],
)
def test_bad_urls_are_one_sentence_and_lose_nothing(home: Path, site, path: str,
                                                    words: str) -> None:
    assert lecteur("add", CONSEIL).code == 0
    result = lecteur("add", site.url(path))
    assert result.code == 1
    assert_one_sentence(result.err)
    assert words in result.err
    assert [e["id"] for e in json.loads(lecteur("ls", "--json").out)] == [1]


def test_one_bad_source_among_good_ones(home: Path, site) -> None:
    sources = [site.url("/articles/fr-reseau.html"), site.url("/status/500"),
               site.url("/articles/en-feedback.html"), "nope.txt"]
    result = lecteur("read", *sources, "--format", "json")
    assert result.code == 1
    lines = [json.loads(line) for line in result.out.splitlines()]
    assert [("error" in line) for line in lines] == [False, True, False, True]


def test_dead_host_is_one_sentence(home: Path) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = lecteur("read", f"http://127.0.0.1:{port}/article")
    assert result.code == 1
    assert_one_sentence(result.err)
    assert "Could not reach 127.0.0.1" in result.err


def test_rm_moves_to_the_trash_and_the_trash_says_what_it_does(home: Path) -> None:
    assert lecteur("add", CONSEIL, HOSTILE).code == 0
    assert lecteur("trash").out == "The trash is empty.\n"
    assert lecteur("rm", "2").code == 0
    assert [e["id"] for e in json.loads(lecteur("ls", "--json").out)] == [1]
    listed = lecteur("trash")
    assert "[AFP] Le président" in listed.out and "lecteur trash restore ID" in listed.out
    assert json.loads(lecteur("search", "president", "--json").out) == []
    shown = lecteur("show", "2")
    assert shown.code == 1 and "in the trash" in shown.err
    twice = lecteur("rm", "2")
    assert twice.code == 1 and "already in the trash" in twice.err
    assert_one_sentence(twice.err)

    restored = lecteur("trash", "restore", "2")
    assert restored.code == 0 and restored.out.startswith("restored #2: [AFP] Le président")
    assert [e["id"] for e in json.loads(lecteur("ls", "--json").out)] == [2, 1]
    again = lecteur("trash", "restore", "2", "42")
    assert again.code == 1 and "#2 is not in the trash" in again.err and "#42" in again.err

    assert lecteur("rm", "1", "2").code == 0
    emptied = lecteur("trash", "empty")
    assert emptied.out == "emptied the trash: 2 articles deleted for good\n"
    assert lecteur("trash", "empty").out == "The trash was already empty.\n"
    assert lecteur("trash", "restore", "1").code == 1


def test_rm_purge_deletes_for_good_and_ids_are_not_reused(home: Path) -> None:
    assert lecteur("add", CONSEIL, HOSTILE).code == 0
    purged = lecteur("rm", "--purge", "2")
    assert purged.code == 0 and purged.out == "deleted #2 for good\n"
    assert lecteur("trash").out == "The trash is empty.\n"
    assert lecteur("rm", "--purge", "2").code == 1
    added = lecteur("add", "-", stdin=THIRD)
    assert "added #3" in added.out, added.out + added.err


THIRD = ("A third article about networking\n\n"
         + "Showing up before you need anything is the whole secret of a network. " * 12
         + "\n\nAsk one question, listen, and write down what you heard.\n").encode()
