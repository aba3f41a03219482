"""What opening each sidebar view costs in-process, on a library opened read-only.

Each view as the reader opens it: a saved view's check (`Views.check`, or on an older
tree the one-row page it read instead), the first page of 100 (`RowPages.reset`), the
count up to `COUNT_CAP` + 1 when that page is full, and the page's stale marks; medians
of `--rounds`. The library is opened with a ``mode=ro`` URI, never through `Library`
(which migrates what it opens), so that a branch with a new migration can be measured on
a shared library; run it with ``PYTHONPATH=`` each tree to compare, alternating::

    PYTHONPATH=src python bench/views_open.py bench/.work/gen-1000000/library.sqlite3
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import time
from pathlib import Path

from lecteur.core.config import Staleness
from lecteur.core.library.saved import STALE_QUERY
from lecteur.core.library.views import View, ViewKind, Views


class ReadOnly:
    """The two things `Views` reads of a `Database`, on a read-only connection."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        self.staleness = Staleness()


def sidebar_views(conn: sqlite3.Connection) -> dict[str, View]:
    """The sidebar's views: the fixed ones, Stale saves, each saved view, the first tag,
    the last two feeds (as `bench/tui_pty.py` walks them)."""
    kinds: tuple[ViewKind, ...] = ("saved", "starred", "archive", "trash", "dismissed", "inbox")
    views = {kind: View(kind) for kind in kinds}
    views["stale saves"] = View("query", query=STALE_QUERY)
    for name, query in conn.execute("SELECT name, query FROM saved_views ORDER BY key"):
        views[str(name)] = View("query", query=str(query))
    tag = conn.execute("SELECT id FROM tags ORDER BY key LIMIT 1").fetchone()
    if tag:
        views["first tag"] = View("tag", tag_id=int(tag[0]))
    for n, (feed,) in enumerate(conn.execute("SELECT id FROM feeds ORDER BY id DESC LIMIT 2")):
        views[f"feed -{n + 1}"] = View("feed", feed_id=int(feed))
    return views


def open_once(views: Views, view: View) -> tuple[float, float, float, float, int]:
    """(check, page, count, stale) seconds and the count, as the reader opens `view`."""
    start = time.perf_counter()
    if view.kind == "query":
        if hasattr(views, "check"):
            views.check(view)
        else:  # an older tree read a page of one row instead
            views.rows(view, 1)
    checked = time.perf_counter()
    rows = views.rows(view, 100)
    paged = time.perf_counter()
    if view.kind != "query":
        total = views.count(view)
    else:
        total = views.count_upto(view, 1000) if len(rows) == 100 else len(rows)
    counted = time.perf_counter()
    views.stale_among([row.id for row in rows])
    marked = time.perf_counter()
    return checked - start, paged - checked, counted - paged, marked - counted, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("library", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    db = ReadOnly(args.library)
    views = Views(db, None)  # reads only: no curation (a Curate is never called)
    for name, view in sidebar_views(db.conn).items():
        try:
            runs = [open_once(views, view) for _ in range(args.rounds)]
        except sqlite3.OperationalError as error:  # a tree whose migration it lacks
            print(f"{name:18} {error}", flush=True)
            continue
        check, page, count, stale = (statistics.median(run[i] for run in runs) * 1000
                                     for i in range(4))
        print(f"{name:18} n={runs[-1][4]:>7}  check {check:6.1f}  page {page:6.1f}  "
              f"count {count:6.1f}  stale {stale:5.1f}  all {check + page + count + stale:7.1f} ms",
              flush=True)


if __name__ == "__main__":
    main()
