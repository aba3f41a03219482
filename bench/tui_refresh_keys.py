"""Key latency in the reader while `r` refreshes 300 feeds, beside the same keys without.

The real app, headless at 120x40, on a fresh library holding 2,000 articles and the 300
feeds of bench/feeds_refresh.py (50 items each, every answer delayed 100 ms, from 50
loopback addresses, ETags). Each ``j``/``k`` press is timed from sending the key to the
first frame rendered after the list handled it (`FrameProbe`). Measured in the same run:

  idle      j/k presses with no refresh running (the baseline);
  first     j/k presses for as long as the first refresh runs (15,000 new items arriving,
            the lists read again every second);
  second    the same during the second refresh (every feed answers 304).

The issue's target: p95 under 50 ms during a refresh. As bench/tui_scroll.py does, the
script sets ``TEXTUAL_FPS=1000`` (unless set) to measure lecteur's work rather than
Textual's 60-frames-a-second slot.

    python bench/tui_refresh_keys.py [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("TEXTUAL_FPS", "1000")  # before Textual is imported
BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import feeds_refresh as feeds  # noqa: E402
from _tui_library import FrameProbe  # noqa: E402
from textual import events  # noqa: E402

from lecteur.core.library.store import Library  # noqa: E402
from lecteur.core.models import Article, Block  # noqa: E402

ARTICLES = 2000


def fill(path: Path, urls: list[str]) -> None:
    """The library: ARTICLES small articles (a list to move in) and the 300 feeds."""
    with Library(path) as library:
        for n in range(ARTICLES):
            library.articles.add(Article(
                source=f"bench-{n}", title=f"Article {n} sur le réseau",
                blocks=(Block("paragraph", f"Texte de l'article {n}."),),
                url=f"https://example.org/bench/{n}"))
        for url in urls:
            library.feeds.add(url)


def warm(app: object) -> None:
    """Start the app's extraction workers (as a reader who added an article has them)."""
    import threading

    from lecteur.core.models import FeedJob

    pool = app.pool  # type: ignore[attr-defined]
    tiny = FeedJob("https://warm.example/feed",
                   b'<?xml version="1.0"?><rss version="2.0"><channel><title>w</title>'
                   b"</channel></rss>")
    threads = [threading.Thread(target=pool.parse_feed, args=(tiny,)) for _ in range(pool.size)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


class Handled:
    """Counts the list's cursor actions, so a press is known handled even when a reload
    (new items arriving above) moves the cursor by itself."""

    def __init__(self, articles: object) -> None:
        self.count = 0
        for name in ("action_cursor_down", "action_cursor_up"):
            original = getattr(articles, name)

            def counted(original=original) -> None:
                original()
                self.count += 1

            setattr(articles, name, counted)


async def press(app: object, probe: FrameProbe, handled: Handled, key: str,
                timeout: float = 5.0) -> float:
    """Send one key; the seconds until the first frame after the list handled it."""
    before = handled.count
    started = time.perf_counter()
    app._driver.send_message(events.Key(key, key))  # type: ignore[attr-defined]
    while handled.count == before:
        await _tick(started, timeout, key)
    seen = probe.count
    while probe.count == seen:
        await _tick(started, timeout, key)
    return probe.last - started


async def _tick(started: float, timeout: float, key: str) -> None:
    if time.perf_counter() - started > timeout:
        raise TimeoutError(f"no frame after {key!r}")
    await asyncio.sleep(0)


async def presses_while(app: object, probe: FrameProbe, handled: Handled,
                        running: object, limit: int) -> list[float]:
    """j and k in turn (10 down, 10 up) while `running()`, at most `limit` presses, with
    a pause of 20 ms between presses as a person's typing has."""
    times: list[float] = []
    n = 0
    while running() and len(times) < limit:  # type: ignore[operator]
        key = "j" if (n // 10) % 2 == 0 else "k"
        times.append(await press(app, probe, handled, key))
        n += 1
        await asyncio.sleep(0.02)
    return times


async def scenario(path: Path, idle_presses: int) -> dict[str, object]:
    from lecteur.core.config import Config
    from lecteur.ui.app import LecteurApp

    library = Library(path)
    app = LecteurApp(library, config=Config(), demo=False, watch_changes=False)
    results: dict[str, object] = {}
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            probe = FrameProbe(app)
            await pilot.pause()
            articles = app.screen.query_one("ArticleList")
            handled = Handled(articles)
            await asyncio.get_running_loop().run_in_executor(None, warm, app)
            results["idle"] = await presses_while(app, probe, handled, lambda: True,
                                                  idle_presses)
            for name in ("first", "second"):
                start = time.perf_counter()
                app.refresher.start()
                results[name] = await presses_while(app, probe, handled,
                                                    lambda: app.refresher.running, 100_000)
                while app.refresher.running:
                    await asyncio.sleep(0.05)
                results[f"{name}_s"] = time.perf_counter() - start
                await pilot.pause(0.5)
            results["items"] = library.articles.count() - ARTICLES
    finally:
        library.close()
    return results


def summary(values: list[float]) -> tuple[float, float, float]:
    ms = sorted(v * 1000 for v in values)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    return statistics.median(ms), p95, ms[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer idle presses")
    args = parser.parse_args()
    server, urls = feeds.start_server()
    try:
        with tempfile.TemporaryDirectory(prefix="lecteur-keys-") as temp:
            path = Path(temp) / "library.sqlite3"
            fill(path, urls)
            results = asyncio.run(scenario(path, 100 if args.quick else 300))
    finally:
        assert server.stdin is not None
        server.stdin.close()
        server.wait(timeout=10)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{feeds.FEEDS} feeds x {feeds.ITEMS} items ({results['items']} stored), "
          f"{feeds.DELAY * 1000:.0f} ms per answer; {ARTICLES} articles; headless 120x40, "
          f"TEXTUAL_FPS={os.environ['TEXTUAL_FPS']}, load average {load:.1f} on "
          f"{os.cpu_count()} cores")
    print(f"first refresh {results['first_s']:.2f} s, second {results['second_s']:.2f} s "
          "(in the reader, keys pressed throughout)")
    idle_p95 = summary(results["idle"])[1]  # type: ignore[arg-type]
    print(f"  {'j/k':<28} {'median ms':>10} {'p95 ms':>8} {'max ms':>8} {'n':>6} "
          f"{'p95 vs idle':>12}")
    for name, label in (("idle", "no refresh"), ("first", "during the first refresh"),
                        ("second", "during the second (304s)")):
        values: list[float] = results[name]  # type: ignore[assignment]
        if not values:
            print(f"  {label:<28} (no press: the refresh ended first)")
            continue
        median, p95, peak = summary(values)
        print(f"  {label:<28} {median:10.2f} {p95:8.2f} {peak:8.2f} {len(values):6d} "
              f"{p95 / idle_p95:11.2f}x")
    print("  target: p95 < 50 ms during a refresh")


if __name__ == "__main__":
    main()
