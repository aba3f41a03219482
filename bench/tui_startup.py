"""Time to the reader's first frame, as a process, headless, on generated libraries.

For each library size, the script starts fresh Python processes that run either lecteur's
reader or a bare Textual app with the same widgets (top bar, an OptionList sidebar, a
Line-API list, a key bar) and no data, alternately, and reports for each:

- ``process``: wall time from spawning the process to the first frame showing list rows
  (interpreter start, imports, app start-up, the library query, the first render);
- ``in app``: the same, counted from the call to ``App.run`` (imports excluded);
- ``rss``: the process's peak resident memory at that point.

lecteur is byte-compiled first, as an installed package is (pip compiles on install), so
that the comparison with Textual (installed, compiled) is fair.

The first frame is the first one Textual renders after the list has drawn its rows
(headless: the compositor renders, nothing is written to a terminal).

    python bench/tui_startup.py [--quick] [--runs N] [--sizes 10000 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))


def child(kind: str, library: str, out: str) -> None:
    """Run one app until its first frame with rows; write the timings to `out`."""
    from rich.segment import Segment  # noqa: F401  (imported by both apps anyway)

    started = time.perf_counter()
    marks: dict[str, float] = {}
    if kind == "bare":
        app, list_class = _bare_app()
    else:
        app, list_class = _lecteur_app(Path(library))
    original_render = list_class.render_line

    def render_line(self, y):  # type: ignore[no-untyped-def]
        marks.setdefault("rows", time.perf_counter())
        return original_render(self, y)

    list_class.render_line = render_line
    original_display = app._display

    def display(screen, renderable):  # type: ignore[no-untyped-def]
        original_display(screen, renderable)
        if renderable is not None and "rows" in marks and "frame" not in marks:
            marks["frame"] = time.perf_counter()
            marks["frame_wall"] = time.time()
            app.call_later(app.exit)

    app._display = display
    run_at = time.perf_counter()
    app.run(headless=True, size=(120, 40))
    Path(out).write_text(json.dumps({
        "frame_wall": marks["frame_wall"], "in_app": marks["frame"] - run_at,
        "in_process": marks["frame"] - started, "rss_mb": peak_rss_mb(),
    }))


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, reset by exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _lecteur_app(library: Path):  # type: ignore[no-untyped-def]
    from lecteur.core.config import Config
    from lecteur.core.library.store import Library
    from lecteur.ui.app import LecteurApp
    from lecteur.ui.widgets.article_list import ArticleList

    return LecteurApp(Library(library), config=Config(), demo=False), ArticleList


def _bare_app(full: bool = False):  # type: ignore[no-untyped-def]
    """The bare Textual app: lecteur's kinds of widgets, no data.

    `full` (tui_pty's ``bare+``, for comparison only) draws what lecteur's first screen
    has beyond the widgets: the sidebar the height of the screen, and a list of 10,000
    one-style rows with its scrollbar, the first row highlighted.
    """
    from rich.segment import Segment
    from rich.style import Style
    from textual.app import App, ComposeResult
    from textual.containers import Horizontal
    from textual.geometry import Size
    from textual.scroll_view import ScrollView
    from textual.strip import Strip
    from textual.widgets import OptionList, Static
    from textual.widgets.option_list import Option

    row_style, cursor_style = Style(color="grey82"), Style(color="white", bgcolor="grey30")

    class BareList(ScrollView, can_focus=True):
        def on_mount(self) -> None:
            if full:
                self.virtual_size = Size(0, 10_000)

        def render_line(self, y: int) -> Strip:
            if not full:
                return Strip.blank(self.size.width)
            index = int(self.scroll_offset.y) + y
            width = self.scrollable_content_region.width
            text = f" ●   Row {index} of the list, a title of some words  2024-01-01  5 min"
            style = cursor_style if index == 0 else row_style
            return Strip([Segment(text[:width].ljust(width), style)], width)

    class BareApp(App[None]):
        CSS = ("OptionList { width: 24; } BareList { width: 1fr; } .bar { height: 1; }"
               + (" OptionList { height: 1fr; }" if full else ""))

        def compose(self) -> ComposeResult:
            yield Static("lecteur", classes="bar")
            with Horizontal():
                yield OptionList(*[Option(name) for name in ("Inbox", "Saved", "Starred",
                                                             "Archive")], None,
                                 Option("Tags", disabled=True))
                yield BareList()
            yield Static("keys", classes="bar")

        def on_mount(self) -> None:
            self.query_one(BareList).focus()

    return BareApp(), BareList


def run_child(kind: str, library: Path) -> dict[str, float]:
    """Spawn one measured process; return its timings (process wall time included)."""
    with tempfile.TemporaryDirectory() as home:
        out = Path(home) / "out.json"
        env = {**os.environ, "LECTEUR_HOME": home}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        spawned = time.time()
        subprocess.run([sys.executable, __file__, "--child", kind, "--library", str(library),
                        "--out", str(out)], env=env, check=True, stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        result: dict[str, float] = json.loads(out.read_text())
    result["process"] = result.pop("frame_wall") - spawned
    return result


def compile_lecteur() -> None:
    """Byte-compile lecteur as an install does (pip compiles; a source tree may not have)."""
    import compileall

    import lecteur

    compileall.compile_dir(Path(lecteur.__file__).parent, quiet=1)


def measure(size: int, runs: int) -> dict[str, dict[str, float]]:
    """Median figures for the bare app and lecteur on a library of `size` articles."""
    from _tui_library import library_path

    library = library_path(size)
    samples: dict[str, list[dict[str, float]]] = {"bare": [], "lecteur": []}
    for _ in range(runs):
        for kind in ("bare", "lecteur"):
            samples[kind].append(run_child(kind, library))
    return {kind: {key: statistics.median(run[key] for run in runs_)
                   for key in runs_[0]} for kind, runs_ in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", choices=("bare", "lecteur"))
    parser.add_argument("--library", default="")
    parser.add_argument("--out", default="")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--quick", action="store_true", help="3 runs per size")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.library, args.out)
        return
    runs = 3 if args.quick else args.runs
    compile_lecteur()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"first frame of the list, headless 120x40, median of {runs} runs "
          f"(load average {load:.1f} on {os.cpu_count()} cores)")
    print(f"{'articles':>9} {'app':>8} {'process s':>10} {'in app s':>9} {'rss MB':>7} "
          f"{'ratio':>6}")
    for size in args.sizes:
        figures = measure(size, runs)
        bare = figures["bare"]
        for kind, row in figures.items():
            ratio = row["process"] / bare["process"]
            print(f"{size:>9} {kind:>8} {row['process']:>10.3f} {row['in_app']:>9.3f} "
                  f"{row['rss_mb']:>7.1f} {ratio:>6.2f}")


if __name__ == "__main__":
    main()
