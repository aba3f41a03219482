"""The UI thread's CPU time per key in the Quotes, Highlights and People views, headless.

On a shared machine the wall-clock figures of `tui_pty.py` move by 2x with the load; the
CPU time the UI thread spends from a key to the frame that shows it (``thread_time``)
moves much less, so it compares two trees (``--compare SRC``: another source tree, run
in a subprocess with that PYTHONPATH) in the same minutes. Measured at 100x30 with
``TEXTUAL_FPS=1000``, on `_tui_library`'s libraries with voices (as `tui_pty.py`):

- ``list view``: the article list showing another view (the sidebar moved), the
  reference the views are held to;
- ``X open`` (the first time), ``X again`` (kept screens), then ``j``, ``k``,
  PageDown, End and Home (``G`` and ``g`` in People) in each view;
- ``bare down``: `down` in the bare Textual app of `tui_startup.py` (its OptionList).

    python bench/tui_views_cpu.py [--size 10000] [--rounds 3] [--compare /work/main/src]
    python bench/tui_views_cpu.py --generated --size 1000000 --rounds 2   # generate_library's
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("TEXTUAL_FPS", "1000")  # before Textual is imported

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from _tui_library import FrameProbe, library_with_voices  # noqa: E402
from textual import events  # noqa: E402
from textual.css.query import NoMatches  # noqa: E402

KEYS = (("j", 15), ("k", 5), ("pagedown", 5), ("end", 1), ("home", 1))
FAR = {"end": "G", "home": "g"}  # People's far jumps


async def press(app, probe: FrameProbe, key: str, state, timeout: float = 5.0) -> float:
    """The UI thread's CPU seconds from sending `key` to the frame that shows it."""
    before = state()
    started, wall = time.thread_time(), time.perf_counter()
    app._driver.send_message(events.Key(key, key if len(key) == 1 else None))
    while state() == before:
        if time.perf_counter() - wall > timeout:
            raise TimeoutError(key)
        await asyncio.sleep(0)
    seen = probe.count
    while probe.count == seen:
        if time.perf_counter() - wall > timeout:
            raise TimeoutError(key)
        await asyncio.sleep(0)
    return time.thread_time() - started


async def scenario(size: int, rounds: int, generated: bool = False) -> dict[str, list[float]]:
    from lecteur.core.config import Config
    from lecteur.core.library.store import Library
    from lecteur.ui.app import LecteurApp

    if generated:
        from generate_library import library_path
        library = Library(library_path(size))
    else:
        library = Library(library_with_voices(size))
    app = LecteurApp(library, config=Config(), demo=False, watch_changes=False)
    out: dict[str, list[float]] = {}
    async with app.run_test(size=(100, 30)) as pilot:
        probe = FrameProbe(app)
        await pilot.pause()

        def state() -> tuple[object, ...]:
            screen = app.screen
            try:  # (a screen being composed has no list yet)
                current = getattr(screen, "current_id", None)
                table = getattr(screen, "table", None)
                return (type(screen).__name__, current() if current else None,
                        getattr(table, "cursor_row", None))
            except NoMatches:
                return (type(screen).__name__,)

        for number in range(rounds):
            for view in "QHP":
                name = f"{view} {'open' if number == 0 else 'again'}"
                out.setdefault(name, []).append(await press(app, probe, view, state))
                await pilot.pause()
                # The view's own workers (its count, a page); not the app's long ones
                # (the search's lists, minutes at a million articles).
                await app.workers.wait_for_complete(
                    [w for w in app.workers if w.group in ("counts", "pages")])
                await pilot.pause()
                for key, presses in KEYS:
                    sent = FAR.get(key, key) if view == "P" else key
                    for _ in range(presses):
                        with contextlib.suppress(TimeoutError):  # at an end: nothing moved
                            out.setdefault(f"{view} {key}", []).append(
                                await press(app, probe, sent, state))
                await press(app, probe, "q", state)
                await pilot.pause()
        await pilot.press("tab")
        await pilot.pause()
        shown = lambda: app.screen.query_one("ArticleList").view  # noqa: E731
        for _ in range(5 * rounds):
            for key in ("down", "up"):
                out.setdefault("list view", []).append(await press(app, probe, key, shown))
                await pilot.pause()
    library.close()
    return out


async def bare(presses: int = 30) -> list[float]:
    """`down` in the bare Textual app's OptionList (`tui_startup._bare_app`), the figure
    the views' keys are held to (there in a pty, here in CPU)."""
    from textual.widgets import OptionList
    from tui_startup import _bare_app

    app, _list = _bare_app()
    times = []
    async with app.run_test(size=(100, 30)) as pilot:
        probe = FrameProbe(app)
        options = app.query_one(OptionList)
        options.focus()
        await pilot.pause()
        for number in range(presses):
            key = "up" if number % 8 >= 4 else "down"  # back and forth over the options
            times.append(await press(app, probe, key, lambda: options.highlighted))
            await pilot.pause()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--compare", metavar="SRC", help="another source tree, as 'before'")
    parser.add_argument("--generated", action="store_true",
                        help="generate_library's libraries (bench/.work/gen-N), as tui_pty's")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    ours = asyncio.run(scenario(args.size, args.rounds, args.generated))
    ours["bare down"] = asyncio.run(bare())
    if args.json:
        print(json.dumps(ours))
        return
    before = None
    if args.compare:
        found = subprocess.run(
            [sys.executable, __file__, "--size", str(args.size), "--rounds", str(args.rounds),
             "--json", *(["--generated"] if args.generated else [])],
            env={**os.environ, "PYTHONPATH": args.compare},
            capture_output=True, text=True, check=True)
        before = json.loads(found.stdout.splitlines()[-1])
    print(f"{args.size} articles, headless 100x30, UI thread CPU ms (median, max), "
          f"load {os.getloadavg()[0]:.1f}")
    reference = statistics.median(ours["list view"])
    ms = sorted(ours["bare down"])
    print(f"  (bare Textual app, down: p95 {ms[int(len(ms) * 0.95)] * 1000:.1f} ms)")
    for name, values in ours.items():
        line = f"  {name:<12} {_stats(values)}  {statistics.median(values) / reference:5.2f}x list"
        if before and name in before:
            was = before[name]
            line += (f"   before {_stats(was)}  "
                     f"{statistics.median(was) / statistics.median(before['list view']):5.2f}x")
        print(line)


def _stats(values: list[float]) -> str:
    ms = sorted(v * 1000 for v in values)
    return f"{statistics.median(ms):6.1f} {ms[-1]:6.1f}"


if __name__ == "__main__":
    main()
