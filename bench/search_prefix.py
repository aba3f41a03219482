"""Search as you type on 100,000 articles: each prefix of a word, with snippets and scopes.

Uses the library ``bench/library_queries.py`` builds (bench/.work/lib100k; run that first,
or pass ``--articles N`` for another it built). For words of each tier (rare, medium,
common: how many articles hold them), times ``Library.search`` on every prefix of the word
as the reader's search screen asks for it (100 results, each with its snippet), then the
same search narrowed to a view and to a tag, and the time a query made stale takes to stop
(`Database.interrupt_when`). Prints p50/p95 per prefix length.
"""

from __future__ import annotations

import contextlib
import json
import sys
import threading
import time
from pathlib import Path

import _common as c

RESULTS = 100  # the reader's MAX_RESULTS


def timed(action, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return times


def main() -> None:
    args = c.parse_args(__doc__.split("\n")[0], [
        ("--articles", {"type": int, "default": 100_000, "help": "library size (built)"}),
    ])
    from lecteur.core.library.store import Library, StorageError
    from lecteur.core.library.views import View

    n = args.articles
    folder = c.WORK / ("lib100k" if n == 100_000 else f"lib{n // 1000}k")
    manifest = json.loads((folder / "manifest.json").read_text())
    runs = 3 if args.quick else 10
    rows: list[list[object]] = []
    with Library(folder / "library.sqlite3") as library:
        tag = "bench-tag"
        if library.tags.find(tag) is None:  # a tag on one article in ten
            ids = [row[0] for row in library.db.conn.execute("SELECT id FROM articles")]
            with library.db.write() as conn:
                conn.execute("INSERT INTO tags (name, key) VALUES (?, ?)", (tag, tag))
                tag_id = conn.execute("SELECT id FROM tags WHERE key = ?", (tag,)).fetchone()[0]
                conn.executemany("INSERT INTO article_tags VALUES (?, ?)",
                                 [(i, tag_id) for i in ids[::10]])
        found = library.tags.find(tag)
        assert found is not None
        by_length: dict[tuple[str, int], list[float]] = {}
        for tier in ("rare", "medium", "common"):
            for word, _df in manifest["words"][tier][:2 if args.quick else 4]:
                for length in range(1, min(len(word), 6) + 1):
                    prefix = word[:length]
                    library.articles.search(prefix, limit=RESULTS)  # warm
                    by_length.setdefault((tier, length), []).extend(
                        timed(lambda p=prefix: library.articles.search(p, limit=RESULTS), runs))
        for (tier, length), values in sorted(by_length.items()):
            rows.append([f"{tier}, {length} letter(s)", c.median(values) * 1000,
                         c.quantile(values, 0.95) * 1000])
        word = manifest["words"]["common"][0][0]
        for label, kwargs in (("in a view (inbox)", {"view": View("inbox")}),
                              ("in a tag (1 in 10)", {"view": View("tag", found.id)})):
            values = timed(lambda k=kwargs: library.articles.search(word, limit=RESULTS, **k),
                           runs)
            rows.append([f"common word {label}", c.median(values) * 1000,
                         c.quantile(values, 0.95) * 1000])
        stop = threading.Event()
        library.db.interrupt_when(stop.is_set)
        stops = []
        for _ in range(runs):
            stop.clear()
            timer = threading.Timer(0.005, stop.set)
            timer.start()
            began = time.perf_counter()
            with contextlib.suppress(StorageError):  # interrupted, as it should be
                library.articles.search(word[0] + "*", limit=None)
            stops.append(time.perf_counter() - began - 0.005)
        library.db.interrupt_when(None)
        rows.append(["a stale 'x*' search stops after", c.median(stops) * 1000,
                     c.quantile(stops, 0.95) * 1000])
    if args.json:
        print(json.dumps({"articles": n, "rows": rows, "machine": c.machine()}))
        return
    print(f"Library.search, {n} articles, {RESULTS} results with snippets, {runs} runs each")
    print(f"{'query':<42} {'p50 ms':>8} {'p95 ms':>8}")
    for label, p50, p95 in rows:
        print(f"{label:<42} {p50:>8.1f} {p95:>8.1f}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
