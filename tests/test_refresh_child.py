"""The reader's refresh child (`lecteur.core.refresh_child`) run as the reader runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from lecteur.core.library.store import Library


def test_the_child_exits_cleanly_while_the_reader_keeps_its_stdin_open(
        tmp_path: Path) -> None:
    """The reader keeps the child's stdin open until it quits. The child's thread that
    waits for that stdin to close must not make the interpreter abort at exit (SIGABRT,
    "could not acquire lock for <stdin>"): a status the reader would take for a crash."""
    path = tmp_path / "lib.sqlite3"
    with Library(path):
        pass
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")}
    child = subprocess.Popen([sys.executable, "-m", "lecteur.core.refresh_child", str(path),
                              "en", "30"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env=env)
    assert child.stdin is not None and child.stdout is not None and child.stderr is not None
    try:
        out = child.stdout.read()  # until the child closes it: stdin stays open meanwhile
        child.wait(timeout=60)
        err = child.stderr.read()
    finally:
        child.stdin.close()
    lines = [json.loads(line) for line in out.splitlines()]
    assert lines[-1]["end"] is True
    assert child.returncode == 0, err.decode(errors="replace")
