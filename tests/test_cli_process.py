"""The few command-line cases that need a real process (the rest run in-process, test_cli.py).

They prove what an in-process call cannot: the installed ``lecteur`` console script and
``python -m lecteur`` start and hand their exit status to the shell, standard input is a
real pipe, and a fresh interpreter running the shell commands never imports Textual.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from helpers import assert_one_sentence
from lecteur import __version__

PAGES = Path(__file__).parent / "pages"
CONSEIL = str(PAGES / "conseil.txt")


def run(command: list[str], stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """Run `command` with this test's environment (its LECTEUR_HOME, see conftest.house)."""
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    if stdin is None:
        return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120,
                              stdin=subprocess.DEVNULL, check=False)
    done = subprocess.run(command, input=stdin, capture_output=True, env=env, timeout=120,
                          check=False)
    return subprocess.CompletedProcess(done.args, done.returncode,
                                       done.stdout.decode("utf-8"), done.stderr.decode("utf-8"))


def console_script() -> str:
    """The ``lecteur`` script pip installed next to this interpreter."""
    script = shutil.which("lecteur", path=sysconfig.get_path("scripts"))
    if script is None:
        pytest.fail("the lecteur console script is not installed (pip install -e '.[test]')")
    return script


def test_console_script_runs_and_gives_its_exit_status(house: Path) -> None:
    version = run([console_script(), "--version"])
    assert (version.returncode, version.stdout) == (0, f"lecteur {__version__}\n")
    added = run([console_script(), "add", CONSEIL])
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith("added #1: Cinq minutes par jour")
    missing = run([console_script(), "show", "42"])
    assert missing.returncode == 1 and missing.stdout == ""
    assert_one_sentence(missing.stderr)
    usage = run([console_script(), "ls", "--limit", "many"])
    assert usage.returncode == 2 and "invalid int value" in usage.stderr
    assert (house / "library.sqlite3").is_file()


def test_python_m_lecteur_reads_a_pipe_and_fails_with_status_1(house: Path) -> None:
    missing = str(PAGES / "nope.html")
    done = run([sys.executable, "-m", "lecteur", "read", "-", missing, "--format", "json"],
               stdin=Path(CONSEIL).read_bytes())
    assert done.returncode == 1
    first, second = (json.loads(line) for line in done.stdout.splitlines())
    assert first["title"] == "Cinq minutes par jour pour entretenir son réseau"
    assert second == {"source": missing, "error": second["error"]}
    assert "does not exist" in second["error"]
    assert not (house / "library.sqlite3").exists()


def test_python_m_lecteur_without_a_terminal_lists_the_commands(house: Path) -> None:
    done = run([sys.executable, "-m", "lecteur"])
    assert done.returncode == 0 and done.stdout.startswith("usage: lecteur")
    assert not house.exists()


def test_shell_commands_do_not_import_textual() -> None:
    code = (
        "import sys\n"
        "from lecteur.cli import main\n"
        "for args in (['ls'], ['search', 'x'], ['dirs'], ['read', sys.argv[1]]):\n"
        "    assert main(args) == 0, args\n"
        "import pkgutil, importlib, lecteur.core\n"
        "for info in pkgutil.walk_packages(lecteur.core.__path__, 'lecteur.core.'):\n"
        "    importlib.import_module(info.name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual'\n"
        "             or m.startswith(('textual.', 'lecteur.ui')))\n"
        "assert not bad, bad\n"
    )
    result = run([sys.executable, "-c", code, CONSEIL])
    assert result.returncode == 0, result.stderr


def test_ids_are_never_reused_across_processes(house: Path) -> None:
    """``add a b``, ``rm 2``, ``trash empty``, ``add c``: c is #3, never #2 again."""
    lecteur = console_script()
    added = run([lecteur, "add", CONSEIL, str(PAGES / "hostile.html")])
    assert added.returncode == 0 and "added #2" in added.stdout, added.stderr
    removed = run([lecteur, "rm", "2"])
    assert removed.returncode == 0 and removed.stdout.startswith("moved #2 to the trash")
    emptied = run([lecteur, "trash", "empty"])
    assert emptied.stdout == "emptied the trash: 1 article deleted for good\n"
    third = ("A third article about networking\n\n"
             + "Showing up before you need anything is the whole secret of a network. " * 12
             + "\n\nAsk one question, listen, and write down what you heard.\n").encode()
    again = run([lecteur, "add", "-"], stdin=third)
    assert again.returncode == 0 and again.stdout.startswith("added #3"), again.stderr
    gone = run([lecteur, "show", "2"])
    assert gone.returncode == 1
    assert_one_sentence(gone.stderr)
