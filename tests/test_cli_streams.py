"""The streamed outputs in a pipe are the bytes the record-by-record paths give.

``ls --limit 0``, ``quotes`` and their ``--json`` are written from raw rows
(`lecteur.cli.stream`), not records; these tests hold them to what the slower, plainer
paths write on a library full of awkward values (escapes, tabs, newlines, runs of spaces,
missing dates and speakers, scores with reasons): ``ls --limit N`` (a list of `Entry`),
``json.dumps`` of the sanitised records, and Rich's own layout of the quotations.
"""

from __future__ import annotations

import dataclasses
import io
import json
import sqlite3
from pathlib import Path

import pytest

from helpers import run_cli
from lecteur.core.library.store import Library
from lecteur.core.models import Article, Author, Block

_ODD = ["Plain words", "  spaced   out  ", "tab\there", "two\nlines", "esc \x1b[31mred\x1b[0m",
        "e\u0301cole", "Cœur 漢字 wide", "zero\u200bwidth", "bidi\u202eevil", "soft\u00adhyphen"]


@pytest.fixture(scope="module")
def odd(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A library of 30 articles whose titles, names, quotations and scores are awkward
    (written straight into SQLite, as an old or hostile library could hold them)."""
    home = tmp_path_factory.mktemp("odd")
    with Library(home / "library.sqlite3") as library:
        for n in range(30):
            blocks = (Block("paragraph", f"Texte {n}."),
                      Block("quote", f"Citation {n}.", speaker=f"Orateur {n % 4}"),
                      Block("quote", f"Autre {n}.", speaker=None if n % 3 else "Zoé"))
            library.articles.add(Article(source=f"p{n}.html", title=f"Article {n}",
                                         blocks=blocks, author=Author(f"Auteur {n % 5}"),
                                         sitename="Le Site", date="2024-02-03"))
    conn = sqlite3.connect(home / "library.sqlite3", isolation_level=None)
    from lecteur.core.library.migrations import register_name_functions

    register_name_functions(conn)
    for n, value in enumerate(_ODD * 3, start=1):
        conn.execute("UPDATE articles SET title = ?, author_name = ?, sitename = ?, "
                     "date = ?, score = ?, score_why = ? WHERE id = ?",
                     (value, value if n % 2 else None, value if n % 3 else None,
                      None if n % 4 == 0 else "2024-01-0" + str(n % 9),
                      None if n % 5 == 0 else n / 7, f"{value}, mot" if n % 2 else "", n))
        conn.execute("UPDATE quotes SET text = ?, speaker = ? WHERE id = ?",
                     (value + (" !", "   ", "  \n  \n")[n % 3], value if n % 3 else None, n))
    conn.close()
    return home


def _cli(home: Path, *args: str) -> str:
    ran = run_cli("--library", str(home), *args)
    assert ran.code == 0, ran.err
    return ran.out


def test_ls_streamed_is_the_limited_listing(odd: Path) -> None:
    assert _cli(odd, "ls", "--limit", "0") == _cli(odd, "ls", "--limit", "1000")


def test_ls_json_streamed_is_the_limited_listing(odd: Path) -> None:
    streamed = _cli(odd, "ls", "--limit", "0", "--json")
    assert streamed == _cli(odd, "ls", "--limit", "1000", "--json")
    assert any(entry["why"] for entry in json.loads(streamed)), "reasons were listed"


def test_quotes_json_is_json_dumps_of_the_sanitised_records(odd: Path) -> None:
    from lecteur.cli.commands import sanitised

    with Library(odd / "library.sqlite3", for_writing=False) as library:
        quotes = library.quotations.find()
    expected = json.dumps(sanitised([dataclasses.asdict(q) for q in quotes]),
                          ensure_ascii=False) + "\n"
    assert _cli(odd, "quotes", "--json") == expected
    assert _cli(odd, "quotes", "--json", "--speaker", "orateur") == json.dumps(
        sanitised([dataclasses.asdict(q) for q in quotes if "Orateur" in (q.speaker or "")]),
        ensure_ascii=False) + "\n"


def test_quotes_in_a_pipe_are_rich_s_layout_unwrapped(odd: Path) -> None:
    from rich.console import Console

    from lecteur.cli.render import UNWRAPPED, quotes_renderable

    with Library(odd / "library.sqlite3", for_writing=False) as library:
        quotes = library.quotations.find()
    wide = Console(file=io.StringIO(), width=UNWRAPPED, color_system=None, highlight=False,
                   markup=False, emoji=False)
    with wide.capture() as captured:
        wide.print(quotes_renderable(quotes))
    expected = "\n".join(line.rstrip() for line in captured.get().split("\n"))
    assert _cli(odd, "quotes") == expected
    assert "\x1b" not in expected and "\t" not in expected


def test_a_chunked_write_is_one_write_a_chunk() -> None:
    from lecteur.cli.stream import write_chunked

    class Counting(io.StringIO):
        writes = 0

        def write(self, text: str) -> int:
            Counting.writes += 1
            return super().write(text)

    out = Counting()
    write_chunked((f"line {n}\n" for n in range(10_000)), out, size=1 << 12)
    assert out.getvalue() == "".join(f"line {n}\n" for n in range(10_000))
    assert Counting.writes <= len(out.getvalue()) // (1 << 12) + 1
