"""``lecteur`` with no command: the reader in a real pseudo-terminal, and --lang.

Without a terminal it lists the commands instead: test_cli_process.py checks that.
"""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lecteur.cli import build_parser

ROOT = Path(__file__).parents[2]


def test_lang_option_is_parsed() -> None:
    assert build_parser().parse_args(["--lang", "fr"]).lang == "fr"
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--lang", "de"])


def _read_until(fd: int, needle: bytes, seconds: float) -> bytes:
    seen = b""
    deadline = time.monotonic() + seconds
    while needle not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
    return seen


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_the_reader_runs_in_a_terminal_in_french_and_quits(tmp_path: Path) -> None:
    master, slave = pty.openpty()
    env = {**os.environ, "LECTEUR_HOME": str(tmp_path), "TERM": "xterm-256color",
           "COLUMNS": "100", "LINES": "30", "LANG": "en_US.UTF-8"}
    process = subprocess.Popen([sys.executable, "-m", "lecteur", "--lang", "fr"], env=env,
                               stdin=slave, stdout=slave, stderr=slave, close_fds=True)
    os.close(slave)
    try:
        screen = _read_until(master, b"Bienvenue", 30)
        assert b"Bienvenue" in screen
        os.write(master, b"\r")  # close the welcome
        screen += _read_until(master, "À lire".encode(), 10)  # keep reading: never block it
        os.write(master, b"q")
        deadline = time.monotonic() + 20
        while process.poll() is None and time.monotonic() < deadline:
            screen += _read_until(master, b"\x00", 0.2)
        assert process.wait(timeout=1) == 0
        assert "À lire".encode() in screen
        assert b"\x1b]52" not in screen  # no clipboard write from content
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
    assert (tmp_path / "library.sqlite3").exists()


HOSTILE = ("Titre\x1b]52;c;Y3VybCBldmlsLnNofHNo\x07 [AFP] \x1b]0;pwned\x07\x1b[6n\x1b[21t"
           "\x1b]8;;https://phish.example\x1b\\lien\x1b]8;;\x1b\\ \x9b2J fin")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_hostile_escapes_in_the_library_never_reach_the_terminal(tmp_path: Path) -> None:
    """A library holding raw escapes (as an old or tampered one could): none is drawn."""
    import re

    from lecteur.core.library.store import Library
    from lecteur.core.models import Article, Author, Block

    with Library(tmp_path / "library.sqlite3") as library:
        library.articles.add(Article(source="x.html", title=HOSTILE, url="https://example.org/x",
                            blocks=(Block("paragraph", HOSTILE * 3),
                                    Block("quote", HOSTILE, speaker=HOSTILE)),
                            author=Author(HOSTILE, bio=HOSTILE), sitename=HOSTILE))
    master, slave = pty.openpty()
    env = {**os.environ, "LECTEUR_HOME": str(tmp_path), "TERM": "xterm-256color"}
    process = subprocess.Popen([sys.executable, "-m", "lecteur"], env=env, stdin=slave,
                               stdout=slave, stderr=slave, close_fds=True)
    os.close(slave)
    try:
        screen = _read_until(master, b"[AFP]", 30)
        os.write(master, b"\r")  # open it
        screen += _read_until(master, b"fin", 10)
        os.write(master, b"q")
        os.write(master, b"q")
        deadline = time.monotonic() + 20
        while process.poll() is None and time.monotonic() < deadline:
            screen += _read_until(master, b"\x00", 0.2)
        assert process.wait(timeout=1) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
    assert b"[AFP]" in screen and "␛".encode() in screen
    oscs = set(re.findall(rb"\x1b\](\d+)", screen))
    assert oscs <= {b"22"}, oscs  # Textual's own pointer-shape sequence only
    for forbidden in (b"\x1b]52", b"\x1b]0;pwned", b"phish.example", b"\x1b[6n", b"\x1b[21t",
                      b"\xc2\x9b"):
        assert forbidden not in screen, forbidden


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_d_in_the_real_reader_moves_to_the_trash_before_it_quits(tmp_path: Path) -> None:
    """The real binary in a terminal: d, then q at once; the move has landed on exit."""
    from lecteur.core.library.store import Library

    master, slave = pty.openpty()
    env = {**os.environ, "LECTEUR_HOME": str(tmp_path), "TERM": "xterm-256color",
           "COLUMNS": "100", "LINES": "30", "LANG": "en_US.UTF-8"}
    process = subprocess.Popen([sys.executable, "-m", "lecteur"], env=env,
                               stdin=slave, stdout=slave, stderr=slave, close_fds=True)
    os.close(slave)
    try:
        screen = _read_until(master, b"Welcome", 30)
        os.write(master, b"\r")  # close the welcome
        screen += _read_until(master, b"Inbox", 10)
        os.write(master, b"d")
        screen += _read_until(master, b"Moved to the trash", 10)
        assert b"Moved to the trash" in screen
        os.write(master, b"q")
        deadline = time.monotonic() + 20
        while process.poll() is None and time.monotonic() < deadline:
            _read_until(master, b"\x00", 0.2)
        assert process.wait(timeout=1) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
    with Library(tmp_path / "library.sqlite3") as library:
        assert library.articles.count(trashed=True) == 1
