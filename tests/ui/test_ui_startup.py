"""The reader's start: what its first frame waits for, measured on the real ``lecteur``.

The first frame and the first key are measured against a bare Textual app
(bench/tui_pty.py, docs/performance.md); these tests pin what made them faster, so that
it cannot come back unseen: the modules imported before the first frame, the command line
read without building the whole parser.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from ui_helpers import fill

from lecteur.cli import build_parser, reader_arguments
from lecteur.core.library.store import Library
from terminal import Terminal

# Runs `lecteur --library DIR` in the pty as `python -m lecteur` does, and writes the
# modules imported when the main screen's first frame is drawn, then quits.
_CHILD = r"""
import json, runpy, sys
import textual.app

out, folder = sys.argv[1], sys.argv[2]
original = textual.app.App._display

def display(self, screen, renderable):
    original(self, screen, renderable)
    if renderable is not None and type(screen).__name__ == "MainScreen":
        with open(out, "w") as handle:
            json.dump(sorted(sys.modules), handle)
        self.exit()

textual.app.App._display = display
sys.argv = ["lecteur", "--library", folder]
runpy.run_module("lecteur", run_name="__main__", alter_sys=True)
"""

# Nothing the list and the sidebar do not need: extraction, feeds parsing, curation, the
# records and models of articles (read, saved), the other commands' parsers.
NOT_BEFORE_THE_FIRST_FRAME = (
    "trafilatura", "lxml", "feedparser", "urllib3", "lecteur.core.curate",
    "lecteur.core.extract", "lecteur.core.net", "lecteur.core.workers",
    "lecteur.core.models", "lecteur.core.library.records", "lecteur.data",
    "lecteur.cli.annotate", "lecteur.cli.queries", "lecteur.cli.transfer", "shlex",
)


def test_the_first_frame_imports_nothing_it_does_not_show(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    with Library(folder / "library.sqlite3") as library:
        fill(library, 3)
        library.feeds.add("https://example.org/feed.xml", "Un flux", tags=["presse"])
    out = tmp_path / "modules.json"
    with Terminal([str(out), str(folder)], tmp_path / "home",
                  command=[sys.executable, "-c", _CHILD]) as term:
        status = term.wait_exit(60)
    assert status == 0, term.output[-2000:]
    modules = json.loads(out.read_text())
    assert "lecteur.ui.screens.main" in modules and "lecteur.core.library.feed_rows" in modules
    early = sorted(m for m in modules
                   if any(m == bad or m.startswith(bad + ".")
                          for bad in NOT_BEFORE_THE_FIRST_FRAME))
    assert early == []


@pytest.mark.parametrize("argv", [
    [], ["--library", "x"], ["--library=x"], ["--lang", "fr"], ["--lang=en", "--library", "y"],
    ["--library", "a", "--library", "b"], ["--library", "dossier avec espaces"],
])
def test_the_reader_s_command_line_reads_as_the_parser_reads_it(argv: list[str]) -> None:
    assert reader_arguments(argv) == build_parser().parse_args(argv)


@pytest.mark.parametrize("argv", [
    ["ls"], ["--library"], ["--library", "--lang", "fr"], ["--lang", "de"], ["--lang="],
    ["--library="], ["--lib", "x"], ["--help"], ["--version"], ["-h"], ["x"],
    ["--library", "x", "ls"],
])
def test_any_other_command_line_goes_to_the_parser(argv: list[str]) -> None:
    assert reader_arguments(argv) is None
