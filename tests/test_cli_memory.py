"""The CLI's long outputs stream: peak memory does not grow with the library.

A library of 20,000 articles (each with a body, two kept quotations, an author) is made with
raw inserts; each long command then runs as a real process, its standard output a pipe,
and reports its own peak resident size (``VmHWM`` from /proc, read as it exits). Each is
compared with ``ls --limit 1`` on the same library: holding the rows (the old ``ls``,
``quotes``, ``export``, the playbook's passages regrouped) costs tens of megabytes at this
size, streaming costs a page.
No timing is asserted.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from lecteur.core.library.store import Library

ARTICLES = 20_000
GROWTH_MB = 8  # what a page of rows may add; the whole listing would be far more
JINJA_MB = 6  # importing Jinja2 (and OpenSSL, which jinja2.bccache's hashlib loads): 5.4 MB
SRC = Path(__file__).resolve().parent.parent / "src"

_RUN = """
import sys
from lecteur.cli import main
status = main(sys.argv[1:])
sys.stdout.flush()
peak = [l for l in open("/proc/self/status") if l.startswith("VmHWM")][0].split()[1]
sys.stderr.write("\\nPEAK " + peak + "\\n")
sys.exit(status)
"""


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("big")
    path = folder / "library.sqlite3"
    Library(path).close()
    body = json.dumps([{"kind": "paragraph", "text": "Le réseau se cultive. " * 40,
                        "speaker": None, "cite": None, "attribution": None, "links": []}])
    conn = sqlite3.connect(path, isolation_level=None)
    from lecteur.core.library.migrations import register_name_functions

    register_name_functions(conn)  # the folded-names triggers call them
    conn.execute("BEGIN")
    for n in range(1, ARTICLES + 1):
        title = f"Article {n} : conseils pour entretenir son réseau professionnel " * 2
        conn.execute("INSERT INTO articles (id, key, url, source, title, date, sitename, "
                     "author_name, word_count, reading_minutes, added_at, updated_at, saved) "
                     "VALUES (?, ?, ?, ?, ?, '2024-01-01', 'Le Devoir', ?, 160, 1, ?, ?, 1)",
                     (n, f"k{n}", f"https://example.org/{n}", f"s{n}", title,
                      f"Personne {n % 3000}", f"2024-{n:07d}", "x"))
        conn.execute("INSERT INTO article_bodies (article_id, blocks) VALUES (?, ?)", (n, body))
        conn.execute("INSERT INTO search (rowid, title, author, site, body) "
                     "VALUES (?, ?, '', 'le devoir', 'le reseau se cultive')", (n, title.lower()))
        conn.executemany("INSERT INTO quotes (article_id, position, text, speaker, block_index, "
                         "kept) VALUES (?, ?, ?, ?, 0, 1)",  # kept: passages of the playbook
                         [(n, p, f"« Citation {p} de l'article {n}, assez longue. »" * 3,
                           f"Orateur {(n + p) % 2000}") for p in (0, 1)])
    conn.execute("COMMIT")
    conn.close()
    return folder


def _peak_mb(folder: Path, *args: str) -> tuple[float, int]:
    """Run ``lecteur --library folder ARGS``; its peak RSS (MB) and lines written."""
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    env.pop("LECTEUR_HOME", None)
    done = subprocess.run([sys.executable, "-c", _RUN, "--library", str(folder), *args],
                          capture_output=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    peak = [line for line in done.stderr.decode().splitlines() if line.startswith("PEAK ")]
    return int(peak[-1].split()[1]) / 1024, done.stdout.count(b"\n")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
@pytest.mark.parametrize("args", [
    ("ls", "--limit", "0"),
    ("ls", "--limit", "0", "--json"),
    ("quotes",),
    ("quotes", "--json"),
    ("people",),
    ("people", "--json"),
    ("search", "reseau", "--limit", "0"),
    ("search", "reseau", "--limit", "0", "--json"),
    ("export", "--format", "json"),
], ids=" ".join)
def test_a_long_output_holds_a_page_not_the_library(big: Path, args: tuple[str, ...]) -> None:
    small, _ = _peak_mb(big, "ls", "--limit", "1")
    peak, lines = _peak_mb(big, *args)
    assert lines >= 1
    assert peak - small < GROWTH_MB, f"{' '.join(args)}: {peak:.0f} MB vs {small:.0f} MB"


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
@pytest.mark.parametrize("target", ["-", "LIBRARY/playbook.md"])
@pytest.mark.parametrize("group_by", ["tag", "speaker"])
def test_the_playbook_holds_a_page_not_the_library(big: Path, target: str,
                                                   group_by: str) -> None:
    """The playbook regroups the library's 40,000 kept quotations (held, they took 180 MB
    more than ``ls --limit 1``): streamed, it is held to a page over the same export of no
    passage at all (a tag no article has), which loads what the playbook renders with
    (Jinja2) and reads no row, and to that page and Jinja2's import over ``ls --limit 1``."""
    command = ("export", "--group-by", group_by, "--single-file")
    empty, _ = _peak_mb(big, *command, target.replace("playbook", "none").replace(
        "LIBRARY", str(big)), "--tag", "no-such-tag")
    small, _ = _peak_mb(big, "ls", "--limit", "1")
    peak, lines = _peak_mb(big, *command, target.replace("LIBRARY", str(big)))
    assert lines >= 1
    assert peak - empty < GROWTH_MB, f"{peak:.0f} MB vs {empty:.0f} MB with no passage"
    assert peak - small < GROWTH_MB + JINJA_MB, f"{peak:.0f} MB vs {small:.0f} MB (ls)"
