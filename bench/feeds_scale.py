"""Feeds at scale: 10 feeds of 2,000 items against 1,000 feeds of 200,000, in one run.

Issue 11: "1,000 feeds and 200,000 items stay as fast as 10 (the list is paged from
SQLite; counts come from indexes, not scans)". Two libraries are generated once (raw rows
written as a refresh stores them, then the counters and people counted whole; reused from
bench/.work/feeds-scale-N/ afterwards): 10 feeds x 200 items and 1,000 feeds x 200 items,
half of the items read, spread over the last two years (those of the last 30 days in the
Inbox, the older ones aged out of it, as `feed_age_days` does), the items of every feed
interleaved in time. Measured for both, in the same run (medians of the rounds):

  first frame     the reader as a process, headless, to its first frame with rows (the
                  sidebar lists every feed with its unread count): bench/tui_startup.py's
                  child, in process (interpreter start included) and in app;
  sidebar         ``Library.feeds.entries()`` (what the sidebar reads: every feed's title,
                  tags, unread count and last error), ``feeds.all()`` (every column, as a
                  refresh reads them) and the sidebar's whole rebuild in the app;
  open feed       choosing a feed in the sidebar, to the first frame showing its items;
  j / k           a key in a feed's list, to the first frame after the list moved;
  n / N           next / previous unread (in the Inbox), key to frame;
  feeds ls        ``lecteur feeds ls`` as a whole process (its output to a pipe);
  checks          a second refresh's bookkeeping for 10 feeds that answered 304
                  (``record_checks``: one transaction) and reading every feed's state
                  (``feeds.all()``, which a refresh starts with) per feed.

Printed: each figure for both libraries and the ratio big / small (target ~1.2 or less,
per feed where the work is per feed).

``--compare SRC`` also measures lecteur from another source tree (main's ``src``, say) in
the same rounds, as a "before": each library is then measured by a child process per
tree (this bench with ``--measure``, the tree on its PYTHONPATH), the trees alternating,
and both ratios are printed.

    python bench/feeds_scale.py [--quick] [--json] [--compare SRC]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("TEXTUAL_FPS", "1000")  # before Textual is imported, as tui_scroll.py
BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import _common as c  # noqa: E402
from _tui_library import FrameProbe  # noqa: E402

SOURCE = os.environ.get("FEEDS_SCALE_SRC", str(c.REPO / "src"))  # `--compare`'s children
sys.path.insert(0, SOURCE)

from lecteur.core.library.store import Library  # noqa: E402

ITEMS_PER_FEED = 200
SIZES = (10, 1000)
WORDS = ("réseau carrière entretien équipe conseil stratégie télétravail employeur salaire "
         "network career feedback manager mentor promotion candidature").split()


def library_path(feeds: int) -> Path:
    """The generated library of `feeds` feeds (made once, then reused)."""
    path = BENCH / ".work" / f"feeds-scale-{feeds}" / "library.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    with Library(path) as library:
        newest = library.db.conn.execute("SELECT max(added_at) FROM articles").fetchone()[0]
        if library.articles.count() == feeds * ITEMS_PER_FEED and newest and \
                newest > time.strftime("%Y-%m-%d", time.gmtime(time.time() - 7 * 86400)):
            return path
        c.log(f"generating {feeds} feeds x {ITEMS_PER_FEED} items into {path}")
        _generate(library, feeds)
    return path


def _generate(library: Library, feeds: int) -> None:
    from lecteur.core.library.migrations import fill_counters, fill_people
    from lecteur.core.text.sanitize import fold

    rng = random.Random(11)
    with library.db.write() as conn:
        conn.execute("DELETE FROM articles")
        conn.execute("DELETE FROM feed_items_gone")
        conn.execute("DELETE FROM feeds")
        conn.executemany(
            "INSERT INTO feeds (id, key, url, title, added_at, last_success, etag) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(f, f"https://site{f}.example/feed", f"https://site{f}.example/feed",
              f"Flux {f:04d}", "2024-01-01T00:00:00Z", "2026-01-01T00:00:00Z", f'"e{f}"')
             for f in range(1, feeds + 1)])
        conn.execute("INSERT INTO storing_in_bulk (one) VALUES (1)")  # counted whole below
        total = feeds * ITEMS_PER_FEED
        minutes = 2 * 365 * 24 * 60 / total  # two years of items, up to now: those of the
        first = time.time() - 2 * 365 * 24 * 3600  # last 30 days are in the Inbox, the rest aged
        rows, bodies, index = [], [], []
        for n in range(total):
            feed, item = n % feeds + 1, n // feeds
            words = " ".join(rng.choice(WORDS) for _ in range(40))
            title = f"Conseil {item} du flux {feed} : {words[:50]}"
            stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ",
                                  time.gmtime(first + int(n * minutes * 60)))
            url = f"https://site{feed}.example/articles/{item}"
            rows.append((n + 1, url, url, url, title, stamp[:10], "fr", f"Flux {feed:04d}",
                         40, 1, stamp, stamp, feed, f"feed-{feed}-{item}",
                         stamp if rng.random() < 0.5 else None, round(rng.random(), 3)))
            bodies.append((n + 1, json.dumps([{"kind": "paragraph", "text": words}])))
            index.append((n + 1, fold(title), "", fold(f"Flux {feed:04d}"), fold(words)))
            if len(rows) == 20_000 or n == total - 1:
                conn.executemany(
                    "INSERT INTO articles (id, key, url, source, title, date, language, "
                    "sitename, word_count, reading_minutes, added_at, updated_at, feed_id, "
                    "guid, read_at, score) VALUES "
                    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
                conn.executemany("INSERT INTO article_bodies (article_id, blocks) "
                                 "VALUES (?, ?)", bodies)
                conn.executemany("INSERT INTO search (rowid, title, author, site, body) "
                                 "VALUES (?, ?, ?, ?, ?)", index)
                rows, bodies, index = [], [], []
        conn.execute("DELETE FROM storing_in_bulk")
        conn.execute("UPDATE articles SET host = substr(url, 9, instr(substr(url, 9), '/') - 1)")
        fill_counters(conn)
        fill_people(conn)
    library.db.conn.execute("ANALYZE")


# --- in the library ---------------------------------------------------------------------


def timed(action: object, repeat: int) -> float:
    """The median seconds of `repeat` calls of `action`."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return c.median(times)


def library_figures(path: Path, feeds: int, repeat: int) -> dict[str, float]:
    from lecteur.core.library.feed_items import Check
    from lecteur.core.library.views import View

    figures: dict[str, float] = {}
    with Library(path) as library:
        figures["feeds_all"] = timed(library.feeds.all, repeat)
        figures["feeds_all_per_feed"] = figures["feeds_all"] / feeds
        figures["feeds_entries"] = timed(library.feeds.entries, repeat)
        ids = library.feeds.ids()[:10]
        figures["checks_10"] = timed(lambda: library.feed_items.record_checks(
            [Check(i, f'"e{i}"') for i in ids]), repeat)
        middle = library.views.rows(View("inbox"), 1, 1000)
        anchor = (middle[-1].added_at, middle[-1].id) if middle else None
        figures["next_unread_lib"] = timed(
            lambda: library.feeds.unread_beside(View("inbox"), anchor, 1), repeat)
        figures["feed_page_lib"] = timed(
            lambda: library.views.rows(View("feed", feed_id=ids[-1]), 100), repeat)
        figures["feed_count_lib"] = timed(
            lambda: library.views.count(View("feed", feed_id=ids[-1])), repeat)
    return figures


def feeds_ls(path: Path, repeat: int) -> float:
    """`lecteur feeds ls` as a whole process, its output to a pipe."""
    env = c.clean_env(LECTEUR_HOME=str(path.parent))
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "lecteur", "feeds", "ls"], env=env,
                              capture_output=True, check=False, timeout=120)
        times.append(time.perf_counter() - start)
        assert done.returncode == 0, done.stderr[-2000:]
    return c.median(times)


def first_frame(path: Path, repeat: int) -> tuple[float, float]:
    """The reader's first frame with rows, as a process: (in process, in app) seconds."""
    import tui_startup

    runs = [tui_startup.run_child("lecteur", path) for _ in range(repeat)]
    return (c.median([r["process"] for r in runs]), c.median([r["in_app"] for r in runs]))


# --- in the reader ----------------------------------------------------------------------


async def _frame_after(app: object, probe: FrameProbe, done: object, started: float,
                       timeout: float = 10.0) -> float:
    """Seconds from `started` to the first frame rendered once `done()` holds."""
    while not done():  # type: ignore[operator]
        if time.perf_counter() - started > timeout:
            raise TimeoutError("not done")
        await asyncio.sleep(0)
    seen = probe.count
    while probe.count == seen:
        if time.perf_counter() - started > timeout:
            raise TimeoutError("no frame")
        await asyncio.sleep(0)
    return probe.last - started


class Counted:
    """Counts calls of some of an object's methods (a key is handled once it ran)."""

    def __init__(self, owner: object, names: tuple[str, ...]) -> None:
        self.count = 0
        for name in names:
            original = getattr(owner, name)

            def counted(*args: object, original: object = original, **kw: object) -> object:
                result = original(*args, **kw)  # type: ignore[operator]
                self.count += 1
                return result

            setattr(owner, name, counted)


async def _key(app: object, probe: FrameProbe, counted: Counted, key: str) -> float:
    from textual import events

    before = counted.count
    started = time.perf_counter()
    app._driver.send_message(events.Key(key, key))  # type: ignore[attr-defined]
    return await _frame_after(app, probe, lambda: counted.count > before, started)


async def reader_figures(path: Path, presses: int) -> dict[str, float]:
    from lecteur.core.config import Config
    from lecteur.core.library.views import View
    from lecteur.ui.app import LecteurApp
    from lecteur.ui.widgets.sidebar import Sidebar

    library = Library(path)
    app = LecteurApp(library, config=Config(), demo=False, watch_changes=False)
    figures: dict[str, list[float]] = {}
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            probe = FrameProbe(app)
            await pilot.pause()
            screen = app.screen
            sidebar = screen.query_one(Sidebar)
            articles = screen.query_one("ArticleList")
            feed_ids = library.feeds.ids()
            for n in range(presses // 4):  # open feeds, far apart in the sidebar
                feed_id = feed_ids[(n * 7919) % len(feed_ids)]
                if articles.view == View("feed", feed_id=feed_id):
                    continue
                started = time.perf_counter()
                sidebar.choose(f"feed:{feed_id}")
                figures.setdefault("open_feed", []).append(await _frame_after(
                    app, probe, lambda f=feed_id: articles.view == View("feed", feed_id=f),
                    started))
            for _ in range(3):
                started = time.perf_counter()
                sidebar.refresh_counts()
                figures.setdefault("sidebar_rebuild", []).append(time.perf_counter() - started)
                await pilot.pause()
            articles.focus()
            await pilot.pause()
            moved = Counted(articles, ("action_cursor_down", "action_cursor_up"))
            for n in range(presses):
                key = "j" if (n // 10) % 2 == 0 else "k"
                figures.setdefault("j_k", []).append(await _key(app, probe, moved, key))
                await asyncio.sleep(0.01)
            sidebar.choose("view:inbox")
            await pilot.pause(0.2)
            articles.focus()
            await pilot.pause()
            stepped = Counted(screen, ("unread_step",))
            for n in range(presses):
                key = "n" if (n // 10) % 2 == 0 else "N"
                figures.setdefault("n_N", []).append(await _key(app, probe, stepped, key))
                await asyncio.sleep(0.01)
    finally:
        library.close()
    return {name: c.median(values) for name, values in figures.items()}


def measure(path: Path, feeds: int, quick: bool) -> dict[str, float]:
    """Every figure for one library, with the lecteur this process imports."""
    repeat, presses = (5, 20) if quick else (15, 40)
    figures = library_figures(path, feeds, repeat)
    figures["feeds_ls"] = feeds_ls(path, max(2, repeat // 3))
    figures["frame_process"], figures["frame_app"] = first_frame(path, 2)
    figures.update(asyncio.run(reader_figures(path, presses)))
    return figures


def measure_in_child(path: Path, feeds: int, quick: bool, source: str) -> dict[str, float]:
    """`measure` in a process of its own that runs lecteur from `source` (`--compare`):
    its children (the first frame, `feeds ls`) run that tree too, by PYTHONPATH."""
    env = c.clean_env(PYTHONPATH=source, FEEDS_SCALE_SRC=source)
    command = [sys.executable, __file__, "--measure", str(path), "--feeds", str(feeds)]
    done = subprocess.run(command + (["--quick"] if quick else []), env=env,
                          capture_output=True, text=True, check=False, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    figures: dict[str, float] = json.loads(done.stdout)
    return figures


def main() -> None:
    args = c.parse_args(__doc__.splitlines()[0], (
        ("--compare", {"metavar": "SRC", "help": "also measure lecteur from this source "
                       "tree (e.g. main's src), alternating, as a 'before'"}),
        ("--measure", {"metavar": "LIBRARY", "help": argparse.SUPPRESS}),
        ("--feeds", {"type": int, "default": 0, "help": argparse.SUPPRESS}),
        ("--sizes", {"default": ",".join(map(str, SIZES)), "help": "feed counts to measure, "
                     "smallest first (e.g. 10,100,1000: 100 feeds already scroll the "
                     "sidebar); ratios are against the first, and the last against each"})))
    if args.measure:  # a child of `--compare`: one library's figures, as JSON
        print(json.dumps(measure(Path(args.measure), args.feeds, args.quick)))
        return
    rounds = 1 if args.quick else 3
    sizes = tuple(int(size) for size in args.sizes.split(","))
    paths = {feeds: library_path(feeds) for feeds in sizes}
    trees = {"after": str(c.REPO / "src")}
    if args.compare:
        trees = {"before": str(Path(args.compare).resolve()), **trees}
    c.wait_for_quiet(20)
    samples: dict[str, dict[int, dict[str, list[float]]]] = {
        tree: {feeds: {} for feeds in sizes} for tree in trees}
    for number in range(rounds):
        c.log(f"round {number + 1}/{rounds}")
        for feeds, path in paths.items():  # both sizes in each round: the same load
            for tree, source in trees.items():
                figures = (measure_in_child(path, feeds, args.quick, source) if args.compare
                           else measure(path, feeds, args.quick))
                for key, value in figures.items():
                    samples[tree][feeds].setdefault(key, []).append(value)
    tables = [_table(samples[tree], rounds, f" ({tree}: {source})" if args.compare else "",
                     sizes) for tree, source in trees.items()]
    data = {"machine": c.machine(), "rounds": rounds, "trees": trees, "samples": samples,
            "loadavg_at_end": os.getloadavg()}
    c.emit(args, data, tables)


def _table(samples: dict[int, dict[str, list[float]]], rounds: int, tree: str,
           sizes: tuple[int, ...] = SIZES) -> str:
    """The figures of one source tree: each library's medians, and the largest's ratio to
    each smaller one."""
    medians = {f: {k: c.median(v) for k, v in samples[f].items()} for f in sizes}
    big = medians[sizes[-1]]
    labels = (
        ("frame_process", "first frame, whole process (s)"),
        ("frame_app", "first frame, in app (s)"),
        ("sidebar_rebuild", "sidebar rebuilt with counts, in app (s)"),
        ("feeds_entries", "feeds.entries(): the sidebar's read (s)"),
        ("feeds_all", "feeds.all(): every feed with tags and unread (s)"),
        ("feeds_all_per_feed", "feeds.all(), per feed (s)"),
        ("open_feed", "open a feed in the sidebar, to its frame (s)"),
        ("feed_page_lib", "a feed's first 100 rows, library (s)"),
        ("feed_count_lib", "a feed's count, library (s)"),
        ("j_k", "j / k in a feed's list, key to frame (s)"),
        ("n_N", "n / N in the Inbox, key to frame (s)"),
        ("next_unread_lib", "next unread after row 1,000, library (s)"),
        ("feeds_ls", "`lecteur feeds ls`, whole process (s)"),
        ("checks_10", "10 feeds answering 304: their bookkeeping (s)"),
    )
    rows = []
    for key, label in labels:
        if not all(key in medians[f] for f in sizes):
            continue
        values = [medians[f][key] for f in sizes]
        ratios = [big[key] / value if value else 0.0 for value in values[:-1]]
        rows.append((label, *values, *ratios))
    title = (", ".join(f"{f} feeds / {f * ITEMS_PER_FEED:,} items" for f in sizes)
             + f", medians of {rounds}{tree}")
    header = ("measure", *(f"{f} feeds" for f in sizes),
              *(f"{sizes[-1]} / {f}" for f in sizes[:-1]))
    return c.table(title, header, rows)


if __name__ == "__main__":
    main()
