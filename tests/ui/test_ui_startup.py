"""The reader's start: what its first frame waits for, measured on the real ``lecteur``.

The first frame and the first key are measured against a bare Textual app
(bench/tui_pty.py, docs/performance.md); these tests pin what made them faster, so that
it cannot come back unseen: the modules imported before the first frame, the command line
read without building the whole parser.
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

import pytest
from ui_helpers import fill, run_app

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
# records and models of articles (read, saved), the article store, search, versions and
# the other families of tables the first screen does not read, the other commands' parsers.
NOT_BEFORE_THE_FIRST_FRAME = (
    "trafilatura", "lxml", "feedparser", "urllib3", "lecteur.core.curate",
    "lecteur.core.extract", "lecteur.core.net", "lecteur.core.workers",
    "lecteur.core.models", "lecteur.core.library.records", "lecteur.data",
    "lecteur.core.library.articles", "lecteur.core.library.search",
    "lecteur.core.library.versions", "lecteur.core.library.quotations",
    "lecteur.core.library.feed_items", "lecteur.core.library.people",
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


def _frames(app) -> list[tuple[str, object]]:  # type: ignore[no-untyped-def]
    """Record each frame the app draws: its kind, and which widget had the focus."""
    frames: list[tuple[str, object]] = []
    original = app._display

    def display(screen, renderable):  # type: ignore[no-untyped-def]
        original(screen, renderable)
        if renderable is not None:
            frames.append((type(renderable).__name__, app.focused))

    app._display = display
    return frames


def test_the_first_frame_is_the_list_focused_with_its_scrollbar(library, make_app) -> None:
    fill(library, 60)  # more rows than the screen: a scrollbar
    app = make_app(demo=False)
    frames = _frames(app)

    async def scenario(app, pilot) -> None:
        import asyncio

        from lecteur.ui.widgets.article_list import ArticleList

        listing = app.screen.query_one(ArticleList)
        await asyncio.sleep(0.5)  # the frames of the start are all drawn
        assert frames and frames[0][1] is listing  # focused in the first frame, not a later one
        assert listing.vertical_scrollbar.styles.get_rule("scrollbar_size_vertical") is not None
        layouts = []
        screen = app.screen
        arrange = screen._refresh_layout
        screen._refresh_layout = lambda *a, **k: (layouts.append(1), arrange(*a, **k))
        await pilot.press("tab")  # the first key after the frame: the sidebar takes the focus
        await pilot.pause()
        assert app.focused is not listing
        assert layouts == []  # repainted (Textual repaints on focus), not laid out again

    run_app(app, scenario)


def test_the_key_bar_is_drawn_again_only_when_its_keys_change(library, make_app) -> None:
    fill(library, 3)
    app = make_app(demo=False)

    async def scenario(app, pilot) -> None:
        from lecteur.ui.widgets.keybar import KeyBar

        bar = app.screen.query_one(KeyBar)
        before = bar._drawn
        drawn = []
        bar.refresh = lambda *a, **k: drawn.append(1)  # type: ignore[method-assign]
        bar._bindings_changed(app.screen)  # the same keys: nothing to draw
        assert drawn == []
        bar._drawn = before[:-1] if before else ()
        bar._bindings_changed(app.screen)  # other keys: drawn again
        assert drawn == [1]

    run_app(app, scenario)


def test_a_row_writes_one_style_change_per_run_of_one_style(library, make_app) -> None:
    ids = fill(library, 3)
    for article_id in ids:  # saved and starred, read: marks and title beside their like
        library.views.set_flag(article_id, "saved", True)
        library.views.set_flag(article_id, "starred", True)
        library.views.mark_read(article_id, True)
    app = make_app(demo=False)

    async def scenario(app, pilot) -> None:
        from lecteur.ui.widgets.article_list import ArticleList

        listing = app.screen.query_one(ArticleList)
        strip = listing._row_strip(listing.pages.row(1), 90, selected=False)
        styles = [segment.style for segment in strip]
        assert all(a != b for a, b in itertools.pairwise(styles))
        assert "◆★" in strip.text  # the marks, one segment

    run_app(app, scenario)


def test_the_start_up_objects_are_out_of_the_collector_before_the_first_frame(
        library: Library) -> None:
    """The app freezes the objects made by the imports when it is made, not only after
    its first frame: 1,000 feeds' sidebar entries set off a full collection, which
    scanned every one of them inside the first frame (50-75 ms, issue 11)."""
    import gc

    from lecteur.core.config import Config
    from lecteur.ui.app import LecteurApp

    gc.unfreeze()
    try:
        LecteurApp(library, config=Config(), demo=False, watch_changes=False, freeze_gc=False)
        assert gc.get_freeze_count() == 0  # the tests' apps leave the collector alone
        LecteurApp(library, config=Config(), demo=False, watch_changes=False)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
