"""Key-press latency in the reader's list, and opening a 10,000-word article.

Runs the reader headless at 120x40 on a generated library (100,000 articles by default)
and times, for each key press, from sending the key to the frame that shows its effect
(`FrameProbe`: the compositor has rendered it):

- ``j`` / ``k``: the cursor down or up one row, 300 presses each;
- ``pagedown`` / ``pageup``: one page, 150 presses each (every page is a new one to read);
- ``G`` then ``g``: the far end and back (a read by offset from the nearer end);
- ``enter`` on a 10,000-word article: the first screen of its text (15 times, back with
  Escape in between).

Textual draws at most ``TEXTUAL_FPS`` frames a second (60 by default), so a key's frame
can wait up to 16.7 ms for its slot whatever the app does. The script sets
``TEXTUAL_FPS=1000`` (unless it is already set) to measure lecteur's own work per key;
run it with ``TEXTUAL_FPS=60`` to see the latency including that wait.

    python bench/tui_scroll.py [--quick] [--size 100000]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("TEXTUAL_FPS", "1000")  # before Textual is imported
BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from _tui_library import FrameProbe, library_path  # noqa: E402
from textual import events  # noqa: E402

from lecteur.core.library.store import Library  # noqa: E402
from lecteur.core.models import Article, Author, Block  # noqa: E402


async def press(app: object, probe: FrameProbe, key: str, state: Callable[[], object],
                timeout: float = 2.0) -> float:
    """Send one key; return the seconds until the frame that shows its effect.

    `state` reads what the key changes (a cursor, the screen): the key has been handled
    when it differs, and the next frame rendered after that shows it.
    """
    before = state()
    started = time.perf_counter()
    character = key if len(key) == 1 else None
    app._driver.send_message(events.Key(key, character))  # type: ignore[attr-defined]
    while state() == before:
        await _tick(started, timeout, key)
    seen = probe.count
    while probe.count == seen:
        await _tick(started, timeout, key)
    return probe.last - started


async def _tick(started: float, timeout: float, key: str) -> None:
    if time.perf_counter() - started > timeout:
        raise TimeoutError(f"no frame after {key!r}")
    await asyncio.sleep(0)


def big_article() -> Article:
    """An article of exactly 10,000 words in 100 paragraphs, with a quotation."""
    words = ("le réseautage est une affaire de patience de générosité et de méthode "
             "networking is a matter of patience generosity and method").split()
    blocks = [Block("paragraph", " ".join(words[(p + w) % len(words)] for w in range(100)))
              for p in range(100)]
    blocks.insert(3, Block("quote", "Donner avant de recevoir.", speaker="Marie Tremblay"))
    return Article(source="bench-10000-words", title="Dix mille mots sur le réseau",
                   blocks=tuple(blocks), author=Author("Jeanne Roy", bio="Journaliste."),
                   url="https://example.org/bench/10000", date="2030-01-01")


def summary(values: list[float]) -> str:
    ms = sorted(v * 1000 for v in values)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    return (f"median {statistics.median(ms):6.2f}  p95 {p95:6.2f}  max {ms[-1]:6.2f} ms"
            f"  (n={len(ms)})")


async def scenario(size: int, rows: int, pages: int, opens: int) -> dict[str, list[float]]:
    from lecteur.core.config import Config
    from lecteur.ui.app import LecteurApp

    library = Library(library_path(size))
    article_id, _ = library.articles.add(big_article(), saved=True)
    library.views.save_progress(article_id, 0.0, 0)
    app = LecteurApp(library, config=Config(), demo=False, watch_changes=False)
    results: dict[str, list[float]] = {}
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            probe = FrameProbe(app)
            await pilot.pause()
            articles = app.screen.query_one("ArticleList")
            in_list = lambda: (articles.cursor, articles.scroll_offset.y)  # noqa: E731
            screen = lambda: type(app.screen).__name__  # noqa: E731
            for key, count in (("j", rows), ("k", rows), ("pagedown", pages),
                               ("pageup", pages)):
                results[key] = [await press(app, probe, key, in_list) for _ in range(count)]
            results["G, g"] = [await press(app, probe, "G", in_list),
                               await press(app, probe, "g", in_list)]
            opened = []
            for _ in range(opens):
                opened.append(await press(app, probe, "enter", screen))
                await press(app, probe, "escape", screen)
                await pilot.pause()
            results["enter (10,000 words)"] = opened
            await press(app, probe, "enter", screen)
            await pilot.pause()
            view = app.screen.query_one("ArticleView")
            in_text = lambda: (view.cursor, view.scroll_offset.y)  # noqa: E731
            results["j in the article"] = [await press(app, probe, "j", in_text)
                                           for _ in range(50)]
    finally:
        library.articles.remove(article_id)
        library.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--quick", action="store_true", help="fewer presses")
    args = parser.parse_args()
    rows, pages, opens = (60, 30, 5) if args.quick else (300, 150, 15)
    results = asyncio.run(scenario(args.size, rows, pages, opens))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{args.size} articles, headless 120x40, TEXTUAL_FPS={os.environ['TEXTUAL_FPS']}, "
          f"load average {load:.1f} on {os.cpu_count()} cores")
    for name, values in results.items():
        print(f"  {name:<22} {summary(values)}")
    peak = Path("/proc/self/status").read_text().split("VmHWM:")[1].split()[0]
    print(f"  peak RSS {int(peak) / 1024:.1f} MB")


if __name__ == "__main__":
    main()
