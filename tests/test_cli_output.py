"""The pieces of the command line's output: the meta line, sanitised JSON, URLs without
secrets, the early reading of ``--lang``, and the listing for a pipe."""

from __future__ import annotations

from pathlib import Path

import pytest

from lecteur.cli.arguments import early_options
from lecteur.cli.commands import sanitised
from lecteur.cli.render import meta_line
from lecteur.cli.table import render_tabbed
from lecteur.core.library.records import Entry
from lecteur.core.models import Article, Author, Block
from lecteur.core.net.sources import as_source
from lecteur.core.text.urls import without_credentials


def _article(**fields: object) -> Article:
    return Article("s", "Titre", (Block("paragraph", "un deux trois"),), **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize("fields, expected", [
    ({}, "1 min"),
    ({"sitename": "\u200b", "date": None}, "1 min"),  # nothing left once cleaned
    ({"author": Author(name=" \u202e "), "sitename": "Le Devoir"}, "Le Devoir · 1 min"),
    ({"date": "2025-01-02", "url": "https://x.org/a"}, "2025-01-02 · 1 min · https://x.org/a"),
    ({"date": "2025-01-02", "language": "fr"}, "2025-01-02 · fr · 1 min"),  # freshness shown
])
def test_the_meta_line_never_dangles(fields: dict[str, object], expected: str) -> None:
    line = meta_line(_article(**fields))
    assert line == expected
    assert meta_line(_article(**fields), 7) == f"#7 · {expected}"


def test_every_json_string_is_sanitised_however_deep() -> None:
    value = {"source": "a\x1b]0;x\x07b\u202e", "error": "Not\x9b31m Found\x07",
             "blocks": [{"text": "one\n\x1b[2Jtwo\u202e", "cite": "\x85—\tSam"}],
             "id": 3, "kept": True, "links": ["https://x.org/\x1b"]}
    assert sanitised(value) == {
        "source": "a␛b", "error": "Not␛ Found", "id": 3, "kept": True,
        "blocks": [{"text": "one\n␛two\u202e", "cite": "— Sam"}], "links": ["https://x.org/␛"],
    }


@pytest.mark.parametrize("url, expected", [
    ("https://user:pass@example.org/x", "https://example.org/x"),
    ("http://user@example.org:8080/x?y=1", "http://example.org:8080/x?y=1"),
    ("https://a:b@c@example.org/", "https://example.org/"),
    ("https://example.org/@name?to=a@b#c@d", "https://example.org/@name?to=a@b#c@d"),
    ("HTTPS://u:p@Example.org", "HTTPS://Example.org"),
    ("notes@home.txt", "notes@home.txt"),
    ("./dir://u:p@x", "./dir://u:p@x"),
])
def test_credentials_are_dropped_from_urls_only(url: str, expected: str) -> None:
    assert without_credentials(url) == expected


def test_a_www_address_is_https_unless_it_is_a_file(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    assert as_source("www.example.org/x") == "https://www.example.org/x"
    assert as_source("WWW.example.org") == "https://WWW.example.org"
    monkeypatch.chdir(tmp_path)
    (tmp_path / "www.notes.txt").write_text("x")
    assert as_source("www.notes.txt") == "www.notes.txt"
    assert as_source("https://u:p@www.x.org") == "https://www.x.org"


@pytest.mark.parametrize("argv, expected", [
    (["--lang", "fr", "ls"], ("fr", None)),
    (["--lang=fr", "--library", "/l", "ls"], ("fr", "/l")),
    (["--la", "fr", "--lib=/l"], ("fr", "/l")),
    (["ls", "--lang", "fr"], (None, None)),  # after the command: the parser refuses it
    (["--lang", "de", "ls"], (None, None)),
    (["--lang"], (None, None)),
    ([], (None, None)),
])
def test_the_language_is_read_before_parsing(argv: list[str],
                                             expected: tuple[str | None, str | None]) -> None:
    assert early_options(argv) == expected


def test_the_listing_for_a_pipe_is_whole_and_dated_by_the_page() -> None:
    long_title = "Un titre très long " * 10
    entries = [Entry(1, long_title.strip(), "Une Autrice", "Le Site", None, 4,
                     "2025-06-15T09:30:00Z", None),
               Entry(2, "Court\ttitre", None, None, "2024-03-01", 1, "2025-06-15T09:30:01Z",
                     "https://x.org")]
    lines = render_tabbed(entries).split("\n")
    assert lines == ["id\tdate\ttitle\tauthor\tsite\tmin",
                     f"1\t\t{long_title.strip()}\tUne Autrice\tLe Site\t4",
                     "2\t2024-03-01\tCourt titre\t\t\t1"]
