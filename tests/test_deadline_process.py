"""The total deadline and a prompt quit, proved on the real binary with a real clock.

A server that sends its response head one byte at a time never trips a socket time-out;
``lecteur read`` must stop at the total deadline (here ``LECTEUR_FETCH_DEADLINE=1``), and
the reader must quit at once even while an add waits on such a server (issue 10, item 2).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from lecteur.core.library.store import Library
from lecteur.core.models import Article, Block
from terminal import Terminal

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX terminal")


def test_lecteur_read_stops_a_dripping_head_at_the_deadline(site, house: Path) -> None:
    start = time.monotonic()
    ran = subprocess.run([sys.executable, "-m", "lecteur", "read", site.url("/drip-head")],
                         env={**_env(house), "LECTEUR_FETCH_DEADLINE": "1"},
                         capture_output=True, text=True, timeout=60)
    elapsed = time.monotonic() - start
    assert ran.returncode == 1
    assert "took too long to send (over 1 s)" in ran.stderr
    assert elapsed < 5.0, elapsed  # 1 s of deadline plus the interpreter's start


def test_quitting_the_reader_never_waits_on_the_network(site, house: Path) -> None:
    with Library(house / "library.sqlite3") as library:  # not empty: no demo, no welcome
        library.articles.add(Article(source="a.txt", title="Déjà là",
                                     blocks=(Block("paragraph", "Un texte. " * 40),)))
    with Terminal([], house) as terminal:
        assert terminal.read_until("Déjà là".encode())
        terminal.type("u")
        terminal.type(site.url("/drip-head") + "\r", pause=1.5)  # the add now waits
        terminal.type("\x1b", pause=0.5)  # close the dialog: the work goes on
        start = time.monotonic()
        terminal.type("q", pause=0.0)
        status = terminal.wait_exit(15)
        elapsed = time.monotonic() - start
    assert status == 0
    assert elapsed < 3.0, f"the reader took {elapsed:.1f} s to quit"


def _env(house: Path) -> dict[str, str]:
    import os

    return {**os.environ, "LECTEUR_HOME": str(house), "NO_COLOR": "1"}
