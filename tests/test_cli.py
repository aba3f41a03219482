"""The ``lecteur`` command end to end, as a separate process, on a library in a temp dir."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PAGES = Path(__file__).parent / "pages"
CONSEIL = str(PAGES / "conseil.txt")
HOSTILE = str(PAGES / "hostile.html")


def lecteur(home: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command; LECTEUR_HOME points at a private temp library."""
    env = {**os.environ, "LECTEUR_HOME": str(home), "COLUMNS": "100", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "lecteur", *args], input=stdin, capture_output=True, env=env,
        timeout=120, check=False,
    ) if stdin is not None else subprocess.run(
        [sys.executable, "-m", "lecteur", *args], capture_output=True, text=True, env=env,
        timeout=120, check=False,
    )


def assert_one_sentence(stderr: str) -> None:
    """A failure is reported as plain sentences prefixed 'lecteur:', never a traceback."""
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert lines, "an error must be said"
    for line in lines:
        assert line.startswith("lecteur: ") and line.rstrip().endswith("."), line


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def test_version(home: Path) -> None:
    result = lecteur(home, "--version")
    assert result.returncode == 0
    assert result.stdout.startswith("lecteur ")


def test_read_prints_clean_text_and_saves_nothing(home: Path) -> None:
    result = lecteur(home, "read", CONSEIL)
    assert result.returncode == 0, result.stderr
    assert "Cinq minutes par jour pour entretenir son réseau" in result.stdout
    assert "Retour en haut de la page" not in result.stdout
    assert not (home / "library.sqlite3").exists()


def test_read_json_contract_in_input_order(home: Path) -> None:
    missing = str(PAGES / "nope.html")
    result = lecteur(home, "read", HOSTILE, missing, CONSEIL, "--format", "json")
    assert result.returncode == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
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
    result = lecteur(home, "read", "-", "--format", "json",
                     stdin=Path(CONSEIL).read_bytes())
    assert result.returncode == 0
    assert json.loads(result.stdout)["title"].startswith("Cinq minutes")


def test_hostile_text_never_reaches_the_terminal_as_escapes_or_markup(home: Path) -> None:
    for args in (("read", HOSTILE), ("read", HOSTILE, "--format", "json")):
        result = lecteur(home, *args)
        assert result.returncode == 0, result.stderr
        assert "\x1b" not in result.stdout and "\x9b" not in result.stdout
        assert "[AFP] Le président" in result.stdout
        assert "[@click=app.quit]cliquez ici[/]" in result.stdout


def test_add_ls_show_search_rm(home: Path) -> None:
    added = lecteur(home, "add", CONSEIL, HOSTILE)
    assert added.returncode == 0, added.stderr
    assert "added #1" in added.stdout and "added #2" in added.stdout
    again = lecteur(home, "add", CONSEIL)
    assert "updated #1" in again.stdout

    listing = json.loads(lecteur(home, "ls", "--json").stdout)
    assert [e["id"] for e in listing] == [2, 1]
    assert listing[1]["author"] == "Jeanne Roy" and listing[1]["reading_minutes"] >= 1
    table = lecteur(home, "ls").stdout
    assert "Cinq minutes par jour" in table and "[AFP] Le président" in table

    shown = lecteur(home, "show", "1")
    assert shown.returncode == 0 and "Commencer petit" in shown.stdout
    assert json.loads(lecteur(home, "show", "1", "--json").stdout)["id"] == 1

    for query in ("reseau", "réseau", "RÉSEAU", "felicitations"):
        hits = json.loads(lecteur(home, "search", query, "--json").stdout)
        assert 1 in [h["id"] for h in hits], query
    assert json.loads(lecteur(home, "search", "introuvable", "--json").stdout) == []

    removed = lecteur(home, "rm", "1")
    assert removed.returncode == 0 and "removed #1" in removed.stdout
    assert [e["id"] for e in json.loads(lecteur(home, "ls", "--json").stdout)] == [2]


def test_ls_on_an_empty_library_says_how_to_add(home: Path) -> None:
    result = lecteur(home, "ls")
    assert result.returncode == 0 and "lecteur add" in result.stdout


def test_ls_limit(home: Path) -> None:
    lecteur(home, "add", CONSEIL, HOSTILE)
    result = lecteur(home, "ls", "--limit", "1")
    assert "1 of 2 shown" in result.stdout


def test_library_option_and_dirs(home: Path, tmp_path: Path) -> None:
    other = tmp_path / "other-lib"
    assert lecteur(home, "--library", str(other), "add", CONSEIL).returncode == 0
    assert (other / "library.sqlite3").exists()
    assert json.loads(lecteur(home, "ls", "--json").stdout) == []
    assert len(json.loads(lecteur(home, "--library", str(other), "ls", "--json").stdout)) == 1
    dirs = lecteur(home, "--library", str(other), "dirs").stdout
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
    assert lecteur(home, "add", CONSEIL).returncode == 0
    target = source if ":" in source else str(PAGES / source)
    result = lecteur(home, "add", target)
    assert result.returncode == 1
    assert_one_sentence(result.stderr)
    assert words in result.stderr
    listing = json.loads(lecteur(home, "ls", "--json").stdout)
    assert [e["title"] for e in listing] == ["Cinq minutes par jour pour entretenir son réseau"]


def test_show_and_rm_unknown_id(home: Path) -> None:
    for args in (("show", "42"), ("rm", "42")):
        result = lecteur(home, *args)
        assert result.returncode == 1
        assert_one_sentence(result.stderr)
        assert "#42" in result.stderr


def test_newer_library_is_refused_with_a_sentence(home: Path) -> None:
    import sqlite3

    lecteur(home, "add", CONSEIL)
    conn = sqlite3.connect(home / "library.sqlite3")
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    result = lecteur(home, "ls")
    assert result.returncode == 1
    assert_one_sentence(result.stderr)
    assert "newer lecteur" in result.stderr


def test_shell_commands_do_not_import_textual(home: Path) -> None:
    code = (
        "import sys\n"
        "from lecteur.cli import main\n"
        "for args in (['ls'], ['search', 'x'], ['dirs'], ['read', sys.argv[1]]):\n"
        "    main(args)\n"
        "import pkgutil, importlib, lecteur.core\n"
        "for info in pkgutil.walk_packages(lecteur.core.__path__, 'lecteur.core.'):\n"
        "    importlib.import_module(info.name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual'\n"
        "             or m.startswith(('textual.', 'lecteur.ui')))\n"
        "assert not bad, bad\n"
    )
    env = {**os.environ, "LECTEUR_HOME": str(home)}
    result = subprocess.run([sys.executable, "-c", code, CONSEIL], capture_output=True, text=True,
                            env=env, timeout=120, check=False)
    assert result.returncode == 0, result.stderr


# --- sources on the (loopback) web ------------------------------------------------------


def test_read_url_after_redirects_and_add_it_once(home: Path, site) -> None:
    result = lecteur(home, "read", site.url("/redirect/3"), "--format", "json")
    assert result.returncode == 0, result.stderr
    article = json.loads(result.stdout)
    assert article["url"] == site.url("/articles/fr-reseau.html")
    assert article["language"] == "fr"
    first = lecteur(home, "add", site.url("/articles/fr-reseau.html?utm_source=x#haut"))
    again = lecteur(home, "add", site.url("/redirect/2"))
    assert "added #1" in first.stdout and "updated #1" in again.stdout
    assert len(json.loads(lecteur(home, "ls", "--json").stdout)) == 1


def test_windows_1252_page_without_charset_reads_right(home: Path, site) -> None:
    result = lecteur(home, "read", site.url("/articles/fr-cp1252-sans-declaration.html"),
                     "--format", "json")
    assert result.returncode == 0, result.stderr
    text = json.loads(result.stdout)["text"]
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
    assert lecteur(home, "add", CONSEIL).returncode == 0
    result = lecteur(home, "add", site.url(path))
    assert result.returncode == 1
    assert_one_sentence(result.stderr)
    assert words in result.stderr
    assert [e["id"] for e in json.loads(lecteur(home, "ls", "--json").stdout)] == [1]


def test_one_bad_source_among_good_ones(home: Path, site) -> None:
    sources = [site.url("/articles/fr-reseau.html"), site.url("/status/500"),
               site.url("/articles/en-feedback.html"), "nope.txt"]
    result = lecteur(home, "read", *sources, "--format", "json")
    assert result.returncode == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [("error" in line) for line in lines] == [False, True, False, True]


def test_dead_host_is_one_sentence(home: Path) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = lecteur(home, "read", f"http://127.0.0.1:{port}/article")
    assert result.returncode == 1
    assert_one_sentence(result.stderr)
    assert "Could not reach 127.0.0.1" in result.stderr
