"""Rules on 10,000 new feed items: what they add to storing them, measured in one run.

On the library of bench/query_filters.py (100,000 articles; built there), stores 10,000
new items of one feed with ``FeedItems.record_refresh`` (what a refresh runs in its
storing thread) in a transaction that is then rolled back, then runs five rules on them
(``site:``, ``minutes:``, words, ``lang:``+``is:unread``, a tag rule) as the refresh does
when rules exist (``rules.apply_to_new``), timing each.
The baseline is storing alone: a refresh also fetches and parses the items, so the share
of the whole refresh is smaller than the share printed here.
"""

from __future__ import annotations

import contextlib
import sys
import time

import _common as c

sys.path.insert(0, str(c.REPO / "src"))

from lecteur.core.library.feed_items import Update
from lecteur.core.library.store import Library
from lecteur.core.models import Block, FeedItem

RULES = ("site:example.org -> tag:emploi", "minutes:>3 -> archive",
         "linkedin réseautage -> star", "lang:fr is:unread -> read",
         "tag:emploi -> save")
ITEMS = 10_000


class _Undo(Exception):
    """Raised to roll the measured transaction back."""


def _items(run: int) -> tuple[FeedItem, ...]:
    hosts = ("example.org", "jobs.example.org", "ailleurs.ca", "hbr.org")
    return tuple(FeedItem(
        guid=f"run{run}-{i}", title=f"Nouvel article {i} sur le réseautage",
        link=f"https://{hosts[i % 4]}/new/{run}/{i}", date="2025-06-01",
        blocks=(Block("paragraph", " ".join(["linkedin réseautage mot"] * (50 + i % 400))),))
        for i in range(ITEMS))


def _store(library: Library, items: tuple[FeedItem, ...]) -> tuple[float, float]:
    """Seconds to store the items, then to run the five rules on them; then undone."""
    from lecteur.core.library.rules import apply_to_new

    timings = (0.0, 0.0)
    with contextlib.suppress(_Undo), library.db.write() as conn:
        real_write = library.db.write
        library.db.write = lambda: contextlib.nullcontext(conn)  # type: ignore[method-assign]
        try:
            update = Update(1, items, "https://f1.example/rss", "Flux 1", None, "fr", None,
                            None, "hash")
            started = time.perf_counter()
            (new,) = library.feed_items.record_refresh((), [update])  # no rules yet
            stored = time.perf_counter() - started
            conn.executemany("INSERT INTO rules (query, action, created_at) VALUES (?, ?, 'x')",
                             [tuple(rule.split(" -> ")) for rule in RULES])
            started = time.perf_counter()
            apply_to_new(library.db, conn, new)  # what record_refresh runs when rules exist
            timings = (stored, time.perf_counter() - started)
        finally:
            library.db.write = real_write  # type: ignore[method-assign]
        raise _Undo
    return timings


def main() -> None:
    args = c.parse_args(__doc__ or "")
    path = c.WORK / "query100k" / "library.sqlite3"
    if not path.exists():
        sys.exit("run bench/query_filters.py first (it builds the library)")
    runs = 2 if args.quick else 4
    storing, ruling = [], []
    with Library(path) as library:
        for run in range(runs):
            stored, ruled = _store(library, _items(run))
            storing.append(stored)
            ruling.append(ruled)
    plain, rules = c.median(storing), c.median(ruling)
    rows = [("store 10,000 new items (record_refresh)", plain, 1.0),
            ("five rules on them (apply_to_new)", rules, rules / plain)]
    c.emit(args, {"machine": c.machine(), "storing": storing, "rules": ruling},
           [c.table(f"rules on {ITEMS:,} new items ({runs} runs, medians)",
                    ("measure", "s", "vs storing"), rows)])


if __name__ == "__main__":
    main()
