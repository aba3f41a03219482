"""The cost of lecteur's extraction against the trafilatura call alone, page by page.

On the 400 real pages of ../shared/corpus/textkeep (trafilatura's own evaluation set,
median about 100 KB), in one process and the same run, each page goes through:

- ``trafilatura``: the call lecteur makes, alone: the file read and decoded as lecteur
  reads it (`lecteur.core.net.sources.load`), then ``trafilatura.bare_extraction`` with
  lecteur's options (XML structure and metadata, `lecteur.core.extract.html._options`);
- ``trafilatura.extract``: ``trafilatura.extract(bytes, output_format="xml",
  with_metadata=True)``, the plain library call asking for the same things;
- ``lecteur``: lecteur's whole extraction of the file (``analyse(load(path))``: read,
  decode, one parse, trafilatura's pass, the body, quotations, speakers, the author card).

Every call is timed in CPU seconds of this process (`time.process_time`), which other
work on the machine inflates far less than wall time. The calls alternate (their order
flips from page to page and from round to round), every page is timed once per call per
round, and each page keeps its median over the rounds: the machine is shared, and the
median of interleaved runs is what survives other load.
Printed: total time per call, lecteur's total ratio to each baseline (of the medians, and
of each page's fastest run), the distribution of per-page ratios (each page's median of
its within-round ratios: median, p95, worst with its page, the ten worst), then the top
costs of lecteur's own analysis from a cProfile of one pass (trafilatura's internals
folded away), and for each of the ten worst pages its size, its two times and a cProfile
of lecteur's part beyond the trafilatura call (the profiler is paused during
``bare_extraction``), over a few passes of that page alone.

``--names a.html,b.html`` measures only those pages (with more rounds, the way to settle
one page's ratio: small ratios are noisy).

    python bench/extract_cost.py [--rounds 5] [--limit N] [--names A,B] [--top 25]
                                 [--worst 10] [--no-profile] [--json]
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import json
import os
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import _common as c

CORPUS = c.REPO.parent / "shared" / "corpus" / "textkeep" / "pages"
BUDGET = 1.20  # lecteur's whole extraction against the trafilatura call (issue 13)
WORST_BUDGET = 1.50  # the slowest page against its own trafilatura time


def _calls() -> dict[str, Callable[[Path], object]]:
    """The three measured calls, each taking a page's path."""
    import trafilatura

    from lecteur.core.errors import ExtractError, SourceError
    from lecteur.core.extract.html import _options
    from lecteur.core.net.sources import load
    from lecteur.core.workers.pool import analyse

    def lecteur(path: Path) -> object:
        with contextlib.suppress(ExtractError, SourceError):
            return analyse(load(str(path)))
        return None

    def alone(path: Path) -> object:
        return trafilatura.bare_extraction(load(str(path)).content, options=_options(None))

    def extract(path: Path) -> object:
        return trafilatura.extract(path.read_bytes(), output_format="xml", with_metadata=True)

    return {"lecteur": lecteur, "trafilatura": alone, "trafilatura.extract": extract}


def measure(paths: list[Path], rounds: int) -> dict[str, list[list[float]]]:
    """Each call's CPU seconds per page and round (`rounds` interleaved rounds).

    CPU time of this process, not wall time: on a machine shared with other work, a
    call's wall time counts whatever else ran meanwhile; its CPU time does not (caches
    and the other core's load still weigh on it, hence the rounds and the medians)."""
    calls = _calls()
    for call in calls.values():  # warm every path once (imports, caches, lexicons)
        call(paths[0])
    times: dict[str, list[list[float]]] = {n: [[] for _ in paths] for n in calls}
    names = list(calls)
    for round_ in range(rounds):
        c.log(f"round {round_ + 1}/{rounds}")
        for index, path in enumerate(paths):
            order = names if (index + round_) % 2 == 0 else names[::-1]
            for name in order:
                started = time.process_time()
                calls[name](path)
                times[name][index].append(time.process_time() - started)
    return times


def ratios(paths: list[Path], times: dict[str, list[list[float]]], base: str) -> dict[str, Any]:
    """lecteur's total ratio to `base` (sums of per-page medians; and of per-page minima,
    what the code costs when nothing else runs), and the distribution of per-page ratios.

    A page's ratio is the median over the rounds of the two calls' ratio within a round:
    the calls of one round ran a few milliseconds apart, under the same load, so their
    ratio is steadier than the ratio of medians taken over minutes of changing load.
    """
    ours, theirs = times["lecteur"], times[base]
    per_page = [statistics.median(a / b for a, b in zip(mine, other, strict=True))
                for mine, other in zip(ours, theirs, strict=True)]
    worst = sorted(range(len(paths)), key=lambda i: per_page[i], reverse=True)
    return {"total": sum(map(statistics.median, ours)) / sum(map(statistics.median, theirs)),
            "total of minima": sum(map(min, ours)) / sum(map(min, theirs)),
            "median": c.median(per_page), "p95": c.quantile(per_page, 0.95),
            "worst": per_page[worst[0]], "worst page": paths[worst[0]].name,
            "worst ms": 1000 * statistics.median(ours[worst[0]]),
            "worst base ms": 1000 * statistics.median(theirs[worst[0]]),
            "pages over 1.5x": sum(r > WORST_BUDGET for r in per_page),
            "per page": {path.name: round(r, 3) for path, r in zip(paths, per_page, strict=True)},
            "ten worst": [(paths[i].name, round(per_page[i], 3),
                           round(paths[i].stat().st_size / 1024)) for i in worst[:10]]}


def profile(paths: list[Path], top: int) -> list[tuple[str, float, float, int]]:
    """The functions of lecteur's own analysis that cost most over one pass of the pages:
    (function, own seconds, cumulative seconds, calls), by cumulative time, trafilatura's
    pass (``bare_extraction``) and the reading of files left out."""
    lecteur = _calls()["lecteur"]
    profiler = cProfile.Profile()
    profiler.enable()
    for path in paths:
        lecteur(path)
    profiler.disable()
    stats: Any = pstats.Stats(profiler).stats
    rows = []
    for (filename, line, function), (_cc, calls, own, cumulative, _callers) in stats.items():
        if "/lecteur/" not in filename or function in ("analyse", "extract_html", "lecteur"):
            continue
        short = filename.split("/lecteur/", 1)[1]
        rows.append((f"{short}:{line} {function}", own, cumulative, calls))
    rows.sort(key=lambda row: row[2], reverse=True)
    return rows[:top]


def page_profile(path: Path, passes: int, top: int) -> list[tuple[str, float, float, int]]:
    """Where lecteur's time beyond the trafilatura call goes on one page: cProfile of
    `passes` runs of lecteur's extraction, paused while ``bare_extraction`` runs, as
    (function, own seconds, cumulative seconds, calls) per pass, by own time; lxml's and
    the regular expressions' C functions are listed too (they are where the time is)."""
    import trafilatura

    lecteur = _calls()["lecteur"]
    profiler = cProfile.Profile()
    original = trafilatura.bare_extraction

    def paused(*args: Any, **kwargs: Any) -> Any:
        profiler.disable()
        try:
            return original(*args, **kwargs)
        finally:
            profiler.enable()

    trafilatura.bare_extraction = paused
    try:
        lecteur(path)  # warm
        profiler.enable()
        for _ in range(passes):
            lecteur(path)
        profiler.disable()
    finally:
        trafilatura.bare_extraction = original
    stats: Any = pstats.Stats(profiler).stats
    rows = []
    for (filename, line, function), (_cc, calls, own, cumulative, _callers) in stats.items():
        if function in ("analyse", "extract_html", "lecteur", "paused") or "cProfile" in filename:
            continue
        where = filename.split("/lecteur/", 1)[1] + f":{line} " if "/lecteur/" in filename \
            else ("" if filename == "~" else Path(filename).name + f":{line} ")
        rows.append((where + function, own / passes, cumulative / passes, calls // passes))
    rows.sort(key=lambda row: row[1], reverse=True)
    return rows[:top]


def worst_pages(paths: list[Path], times: dict[str, list[list[float]]], count: int,
                top: int) -> list[dict[str, Any]]:
    """The `count` pages with the highest ratio to the trafilatura call: name, size,
    both medians, the ratio, and the profile of lecteur's part beyond that call."""
    ours, theirs = times["lecteur"], times["trafilatura"]
    ratio = [statistics.median(a / b for a, b in zip(mine, other, strict=True))
             for mine, other in zip(ours, theirs, strict=True)]
    worst = sorted(range(len(paths)), key=lambda i: ratio[i], reverse=True)[:count]
    out = []
    for index in worst:
        base = statistics.median(theirs[index])
        passes = max(3, min(20, int(0.5 / max(base, 1e-3))))
        out.append({"page": paths[index].name, "kb": paths[index].stat().st_size / 1024,
                    "ratio": ratio[index], "lecteur ms": 1000 * statistics.median(ours[index]),
                    "trafilatura ms": 1000 * base,
                    "profile": page_profile(paths[index], passes, top)})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--worst", type=int, default=10, help="worst pages profiled")
    parser.add_argument("--names", default=None, help="only these pages (comma-separated)")
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--pages", type=Path, default=CORPUS)
    args = parser.parse_args()
    if not args.pages.is_dir():
        sys.exit(f"extract_cost: {args.pages} not found (the corpus lives beside the repository)")
    paths = sorted(p for p in args.pages.iterdir() if p.is_file())[:args.limit]
    if args.names:
        paths = [args.pages / name for name in args.names.split(",")]
    figures: dict[str, Any] = {"machine": c.machine(), "pages": len(paths),
                               "rounds": args.rounds}
    load = c.OtherLoad()
    times = measure(paths, args.rounds)
    figures["other cores busy"] = load.cores()
    figures["seconds"] = {name: sum(map(statistics.median, per_page))
                          for name, per_page in times.items()}
    figures["against trafilatura"] = ratios(paths, times, "trafilatura")
    figures["against trafilatura.extract"] = ratios(paths, times, "trafilatura.extract")
    if not args.no_profile:
        c.log("profile")
        figures["profile"] = profile(paths, args.top)
        c.log("worst pages")
        figures["worst pages"] = worst_pages(paths, times, args.worst, 12)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        _print(figures)


def _print(figures: dict[str, Any]) -> None:
    print(f"{figures['pages']} pages, {figures['rounds']} rounds, median per page; "
          f"other load {figures['other cores busy']:.2f} cores; git {figures['machine']['git']}")
    for name, seconds in figures["seconds"].items():
        print(f"  {name:22}{seconds:8.2f} s")
    for base in ("trafilatura", "trafilatura.extract"):
        r = figures[f"against {base}"]
        verdict = "within" if r["total"] <= BUDGET else "OVER"
        print(f"lecteur / {base}: total {r['total']:.3f} ({verdict} the {BUDGET:.2f} budget; "
              f"fastest runs {r['total of minima']:.3f}); per page median {r['median']:.3f}, "
              f"p95 {r['p95']:.3f}, worst {r['worst']:.3f} ({r['worst page']}: "
              f"{r['worst ms']:.1f} ms against {r['worst base ms']:.1f} ms); "
              f"{r['pages over 1.5x']} page(s) over {WORST_BUDGET}x")
        print("  ten worst: " + ", ".join(f"{n} {v:.2f} ({kb} KB)"
                                          for n, v, kb in r["ten worst"]))
    if "profile" in figures:
        print("\nlecteur's own analysis, one pass, by cumulative time (cProfile)")
        print(f"  {'own s':>7} {'cum s':>7} {'calls':>9}  function")
        for function, own, cumulative, calls in figures["profile"]:
            print(f"  {own:7.3f} {cumulative:7.3f} {calls:9d}  {function}")
    for page in figures.get("worst pages", []):
        print(f"\n{page['page']}: {page['kb']:.0f} KB, lecteur {page['lecteur ms']:.1f} ms, "
              f"trafilatura {page['trafilatura ms']:.1f} ms, ratio {page['ratio']:.2f}; "
              "lecteur's part beyond the trafilatura call, per pass (cProfile):")
        print(f"  {'own ms':>7} {'cum ms':>7} {'calls':>7}  function")
        for function, own, cumulative, calls in page["profile"]:
            print(f"  {1000 * own:7.2f} {1000 * cumulative:7.2f} {calls:7d}  {function}")


if __name__ == "__main__":
    os.environ.setdefault("LECTEUR_HOME", str(c.WORK / "extract-cost-home"))
    main()
