"""Helpers shared by the test modules: the command line in this process, and the clock.

`run_cli` calls `lecteur.cli.main` directly. Most command-line tests run this way (a new
interpreter per command costs about half a second); test_cli_process.py keeps the few that
must prove the real console script, ``python -m lecteur``, exit statuses across a process
boundary and the imports of a fresh interpreter.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import multiprocessing
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

CLOCK_START = datetime(2025, 6, 15, 9, 30, tzinfo=UTC)


def ticking_clock(start: datetime = CLOCK_START, step: float = 1.0) -> Callable[[], datetime]:
    """A clock that reads `start`, then one `step` (seconds) later at every reading.

    conftest's `house` installs one for every test (`lecteur.core.clock.set_clock`).
    """
    ticks = itertools.count()
    return lambda: start + timedelta(seconds=step * next(ticks))


@dataclass(frozen=True)
class Ran:
    """What one run of the command line did."""

    code: int
    out: str
    err: str


def run_cli(*args: str, stdin: bytes = b"", columns: int = 100) -> Ran:
    """Run `lecteur.cli.main(args)` here, as the console script would; return what it did.

    Standard input is `stdin` (a byte stream, not a terminal), standard output and error
    are captured as text, the terminal is `columns` wide without colour. A usage error
    (argparse's `SystemExit`) gives its status like the real command. Fails if the run
    leaves an extraction worker process behind.
    """
    from lecteur.cli import main

    out, err = io.StringIO(), io.StringIO()
    fake_stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    saved = {name: os.environ.get(name) for name in ("COLUMNS", "NO_COLOR")}
    os.environ.update(COLUMNS=str(columns), NO_COLOR="1")
    old_stdin, sys.stdin = sys.stdin, fake_stdin
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exit_:  # argparse: --version, --help, a wrong command line
                code = exit_.code if isinstance(exit_.code, int) else 1
    finally:
        sys.stdin = old_stdin
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    leftover = [p for p in multiprocessing.active_children() if p.name == "lecteur-extract"]
    assert not leftover, f"lecteur {' '.join(args)} left workers running: {leftover}"
    return Ran(code, out.getvalue(), err.getvalue())


def assert_one_sentence(stderr: str) -> None:
    """A failure is reported as plain sentences prefixed 'lecteur:', never a traceback."""
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert lines, "an error must be said"
    for line in lines:
        assert line.startswith("lecteur: ") and line.rstrip().endswith("."), line
