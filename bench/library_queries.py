"""Library at scale: ``ls`` and ``search`` on 100,000 French articles, whole process and FTS.

Generates (once, then reuses) bench/.work/lib100k/library.sqlite3: 100,000 articles of
about 6 KB of French text each (see bench/_french.py), saved by the shipped
``Library.add`` itself, 500 to a transaction: for the length of a batch ``library.db.write()``
hands back one open ``BEGIN IMMEDIATE`` transaction instead of opening (and fsyncing) one
per article; two processes generate the articles meanwhile. ``added_at`` is then spread
over ten years. ``add()`` one by one is timed on a small sample to show why it is not
used. The lecteur on disk may be newer than the library: its first open (migrations) is
timed apart.

Then measures, in the same run:
  - whole-process wall time of ``lecteur --library DIR ls`` / ``ls --json`` /
    ``search RARE`` / ``search COMMON``, through the console script and through
    ``python -m lecteur`` (LECTEUR_HOME unset, stdout to /dev/null), beside
    ``python -c "import rich.console"`` and ``python -c pass``, runs interleaved;
  - ``Library.search`` in-process for rare, medium and common words (p50/p95), and the
    listing (``entries(limit=50)`` + ``count()``, what ``ls`` does).
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import random
import shutil
import sqlite3
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import _common as c

TARGET_PROCESS_S = 0.2
TARGET_RARE_P95_S = 0.020
TARGET_COMMON_P95_S = 0.060
BATCH = 500

# --- generation -------------------------------------------------------------------------

_GEN: Any = None


def _init_worker() -> None:
    global _GEN
    import _french

    _GEN = _french.Generator()


def _make_articles(bounds: tuple[int, int]) -> list[tuple[Any, str]]:
    """Articles [start, stop) and the times they were added (spread over ten years)."""
    return [_GEN.article(i) for i in range(*bounds)]


@contextlib.contextmanager
def _batched(library: Any) -> Iterator[sqlite3.Connection]:
    """One real write transaction in which `library.add` runs unchanged, many times.

    ``Library.add`` opens its own ``BEGIN IMMEDIATE`` through ``library.db.write()``; for the
    length of the batch, ``write`` hands back the open transaction instead, so every add
    runs exactly the statements the shipped code runs, without one fsync'd commit each.
    """
    with library.db.write() as conn:
        real_write = library.db.write
        library.db.write = lambda: contextlib.nullcontext(conn)  # type: ignore[method-assign]
        try:
            yield conn
        finally:
            library.db.write = real_write  # type: ignore[method-assign]


def time_add_one_by_one(n: int) -> dict[str, float]:
    """Library.add for n articles into an empty library (one fsync'd commit each, as shipped)."""
    import _french

    from lecteur.core.library.store import Library

    folder = c.WORK / "add_sample"
    shutil.rmtree(folder, ignore_errors=True)
    gen = _french.Generator(tail_size=20_000)
    articles = [gen.article(i)[0] for i in range(n)]
    start = c.Usage.now()
    with Library(folder / "library.sqlite3") as library:
        for article in articles:
            library.articles.add(article)
    used = c.Usage.now().since(start)
    shutil.rmtree(folder, ignore_errors=True)
    return {"articles": n, "wall_s": used.wall, "cpu_s": used.self_cpu,
            "per_s": n / used.wall}


def generate(folder: Path, n: int) -> dict[str, Any]:
    """Build folder/library.sqlite3 with n articles through Library.add; return the manifest."""
    from lecteur.core.library.store import Library

    shutil.rmtree(folder, ignore_errors=True)
    building = folder / "library.building"
    c.log(f"generating {n} articles into {folder} (Library.add in transactions of {BATCH}, "
          "two processes writing the articles)")
    start = c.Usage.now()
    ctx = multiprocessing.get_context("fork")
    done = 0
    with ctx.Pool(2, initializer=_init_worker) as pool:  # forked before the library opens
        library = Library(building)
        chunks = [(s, min(s + BATCH, n)) for s in range(0, n, BATCH)]
        for batch in pool.imap(_make_articles, chunks):
            with _batched(library) as conn:
                ids = [library.articles.add(article)[0] for article, _ in batch]
                # add() stamps "now"; a real library was filled over years
                conn.executemany("UPDATE articles SET added_at = ? WHERE id = ?",
                                 [(added, i) for (_, added), i in zip(batch, ids, strict=True)])
            done += len(batch)
            if done % 10_000 == 0:
                c.log(f"  {done} articles, {time.perf_counter() - start.wall:.0f} s")
    library.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    count = library.articles.count()
    schema = library.db.conn.execute("PRAGMA user_version").fetchone()[0]
    library.close()
    used = c.Usage.now().since(start)
    os.replace(building, folder / "library.sqlite3")
    for suffix in ("-wal", "-shm"):
        Path(f"{building}{suffix}").unlink(missing_ok=True)
    return {"articles": count, "schema_at_generation": schema,
            "generation_wall_s": used.wall, "generation_cpu_s": used.self_cpu + used.children_cpu,
            "bytes": (folder / "library.sqlite3").stat().st_size,
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%S")}


def choose_words(db: Path, seed: int = 7) -> dict[str, Any]:
    """Query words by measured document frequency: rare, medium and common."""
    import _french

    from lecteur.core.text.sanitize import fold

    gen = _french.Generator()
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)

    def df(word: str) -> int:
        return int(conn.execute("SELECT count(*) FROM search WHERE search MATCH ?",
                                (f'"{fold(word)}"',)).fetchone()[0])

    rng = random.Random(seed)
    total = int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    rare: list[tuple[str, int]] = []
    for word in rng.sample(gen.tail, 600):
        d = df(word)
        if d >= 1:
            rare.append((word, d))
        if len(rare) == 200:
            break
    medium = [(w, df(w)) for w in rng.sample(gen.vocab[1500:], 200)]
    # common: in at least half of the articles; function words ("de") and content words
    common = [(w, d) for w in gen.vocab[:300] if (d := df(w)) >= total // 2]
    content = [(w, d) for w, d in common if w not in _french.FUNCTION_WORDS]
    conn.close()
    return {"rare": rare, "medium": medium, "common": common,
            "cli_rare": rare[0], "cli_common": content[0] if content else common[0],
            "common_content": content}


def ensure_library(folder: Path, n: int, rebuild: bool) -> dict[str, Any]:
    manifest_path = folder / "manifest.json"
    db = folder / "library.sqlite3"
    if manifest_path.exists() and db.exists() and not rebuild:
        manifest = json.loads(manifest_path.read_text())
        if manifest.get("articles") == n and "words" in manifest:
            manifest["reused"] = True
            return manifest
    manifest = generate(folder, n)
    c.log("choosing query words by document frequency")
    manifest["words"] = choose_words(db)
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
    manifest["reused"] = False
    return manifest


# --- measuring ----------------------------------------------------------------------------


def whole_process(folder: Path, words: dict[str, Any], runs: int,
                  other: list[float]) -> dict[str, list[float]]:
    lecteur = str(Path(c.PYTHON).parent / "lecteur")
    lib = ["--library", str(folder)]
    module = [c.PYTHON, "-m", "lecteur", *lib]
    rare, common = words["cli_rare"][0], words["cli_common"][0]
    commands: dict[str, list[str]] = {
        "python -c pass": [c.PYTHON, "-c", "pass"],
        'python -c "import rich.console"': [c.PYTHON, "-c", "import rich.console"],
        "lecteur ls": [lecteur, *lib, "ls"],
        "lecteur ls --json": [lecteur, *lib, "ls", "--json"],
        f"lecteur search {rare} (rare)": [lecteur, *lib, "search", rare],
        f"lecteur search {common} (common)": [lecteur, *lib, "search", common],
        "python -m lecteur ls": [*module, "ls"],
        "python -m lecteur ls --json": [*module, "ls", "--json"],
        f"python -m lecteur search {rare} (rare)": [*module, "search", rare],
        f"python -m lecteur search {common} (common)": [*module, "search", common],
    }
    env = c.clean_env()
    times: dict[str, list[float]] = {name: [] for name in commands}
    for name, argv in commands.items():  # one warm-up each, checked
        run = c.run_process(argv, env=env)
        if run.returncode != 0:
            raise SystemExit(f"{name!r} failed with status {run.returncode}")
    for r in range(runs):
        names = list(commands)
        random.Random(r).shuffle(names)  # interleaved, in a different order each round
        for name in names:
            run = c.run_process(commands[name], env=env)
            times[name].append(run.wall)
            other.append(run.other_cores)
    return times


def in_process(folder: Path, queries: int) -> dict[str, list[float]]:
    """Run in a fresh child (so that it imports the lecteur on disk now): query timings."""
    from lecteur.core.library.store import Library

    words = json.loads((folder / "manifest.json").read_text())["words"]
    tiers = {k: [w for w, _ in words[k]] for k in ("rare", "medium", "common")}
    times: dict[str, list[float]] = {"rare": [], "medium": [], "common": [], "ls": []}
    with Library(folder / "library.sqlite3") as library:
        for tier in tiers.values():  # warm-up
            library.articles.search(tier[0])
        for q in range(queries):
            for tier, pool in tiers.items():
                word = pool[q % len(pool)]
                t = time.perf_counter()
                library.articles.search(word, limit=50)
                times[tier].append(time.perf_counter() - t)
            if q % 4 == 0:
                t = time.perf_counter()
                entries = library.articles.entries(limit=50)
                if len(entries) == 50:
                    library.articles.count()
                times["ls"].append(time.perf_counter() - t)
    return times


def in_process_child(folder: Path, queries: int) -> dict[str, list[float]]:
    run = c.run_process([c.PYTHON, __file__, "--child-fts", str(folder), str(queries)],
                        capture=True)
    if run.returncode != 0:
        raise SystemExit(f"the in-process query child failed with status {run.returncode}")
    data: dict[str, list[float]] = json.loads(run.stdout.decode().strip().splitlines()[-1])
    data["other_cores"] = [run.other_cores]
    return data


_OPEN = ("import sys; from pathlib import Path; from lecteur.core.library.store import Library; "
         "Library(Path(sys.argv[1])).close()")


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--child-fts":
        print(json.dumps(in_process(Path(sys.argv[2]), int(sys.argv[3]))))
        return
    args = c.parse_args(__doc__.split("\n")[0], [
        ("--articles", {"type": int, "default": None,
                        "help": "library size (default 100000; --quick 5000 unless the "
                                "100000 one is already built)"}),
        ("--rebuild", {"action": "store_true", "help": "regenerate the library"}),
    ])
    began = time.perf_counter()
    info = c.machine()
    n = args.articles or 100_000
    if args.quick and not args.articles and not (c.WORK / "lib100k" / "manifest.json").exists():
        n = 5_000
    folder = c.WORK / ("lib100k" if n == 100_000 else f"lib{n // 1000}k")
    runs, queries = (5, 30) if args.quick else (15, 200)

    add_sample = time_add_one_by_one(50 if args.quick else 200)
    manifest = ensure_library(folder, n, args.rebuild)
    words = manifest["words"]
    # the lecteur on disk may be newer than the one that built the library: its first open
    # migrates the schema (timed here, outside every other figure)
    first_open = c.run_process([c.PYTHON, "-c", _OPEN, str(folder / "library.sqlite3")],
                               env=c.clean_env())
    c.log(f"whole-process runs ({runs} each, interleaved)")
    waits = [c.wait_for_quiet(3 if args.quick else 45)]
    other: list[float] = []
    proc = whole_process(folder, words, runs, other)
    c.log(f"in-process queries ({queries} per tier)")
    waits.append(c.wait_for_quiet(3 if args.quick else 45))
    fts = in_process_child(folder, queries)
    fts_other = fts.pop("other_cores")[0]
    elapsed = time.perf_counter() - began

    rich_med = c.median(proc['python -c "import rich.console"'])
    proc_rows = []
    for name, values in proc.items():
        med, p95 = c.median(values), c.quantile(values, 0.95)
        is_lecteur = "lecteur" in name
        proc_rows.append([name, med, p95, min(values), f"{med / rich_med:.2f}x",
                          ("ok" if p95 < TARGET_PROCESS_S else "MISSED") if is_lecteur else ""])
    ms = 1000.0
    dfs = {k: [d for _, d in words[k]] for k in ("rare", "medium", "common")}
    targets = {"rare": TARGET_RARE_P95_S, "common": TARGET_COMMON_P95_S}
    fts_rows = []
    for tier in ("rare", "medium", "common", "ls"):
        values = fts[tier]
        p95 = c.quantile(values, 0.95)
        if tier == "ls":
            label, df_range, target = "entries(limit=50) + count() (ls)", "-", None
        else:
            label = f"Library.search, {tier} words ({len(words[tier])} distinct)"
            df_range = f"{min(dfs[tier])}/{int(c.median(dfs[tier]))}/{max(dfs[tier])}"
            target = targets.get(tier)
        fts_rows.append([label, df_range, len(values), c.median(values) * ms, p95 * ms,
                         max(values) * ms,
                         "" if target is None else
                         f"< {target * ms:.0f} " + ("ok" if p95 < target else "MISSED")])

    gen_s = manifest["generation_wall_s"]
    head = (f"library_queries: {manifest['articles']} articles, "
            f"{manifest['bytes'] / 1e6:.0f} MB at {folder.relative_to(c.REPO)} "
            f"({'reused' if manifest['reused'] else 'generated'}; generation took "
            f"{gen_s:.0f} s wall, {manifest['generation_cpu_s']:.0f} s CPU); "
            f"{os.cpu_count()} CPUs; load at start {info['loadavg_at_start']}; "
            f"lecteur {info['git']}; run took {elapsed:.0f} s")
    add_line = (f"Library.add one by one ({add_sample['articles']} articles, empty library, "
                f"one fsync'd transaction each): {add_sample['per_s']:.0f} articles/s, so "
                f"{n / add_sample['per_s'] / 60:.1f} min for {n} (batched generation: "
                f"{gen_s / 60:.1f} min)")
    load_line = (f"other processes' load (cores): whole-process runs median "
                 f"{c.median(other):.2f}, max {max(other):.2f}; in-process queries "
                 f"{fts_other:.2f}; waited {sum(w['waited_s'] for w in waits):.0f} s for quiet")
    open_line = (f"first open of the library by the lecteur on disk (migrations, if any): "
                 f"{first_open.wall:.2f} s")
    tables = [
        head,
        add_line,
        open_line,
        load_line,
        c.table(f"whole process, {runs} runs each (s; stdout to /dev/null; target p95 < "
                f"{TARGET_PROCESS_S} s)",
                ["command", "median", "p95", "min", "vs rich import", "target"], proc_rows),
        c.table("in-process FTS and listing (ms), one connection, queries interleaved",
                ["query", "doc freq min/med/max", "n", "p50", "p95", "max", "target p95"],
                fts_rows),
    ]
    data = {
        "bench": "library_queries", "machine": info, "elapsed_s": elapsed,
        "library": {k: v for k, v in manifest.items() if k != "words"},
        "folder": str(folder), "add_one_by_one": add_sample,
        "first_open_s": first_open.wall, "quiet_waits": waits,
        "other_load_cores": {"whole_process_median": c.median(other),
                             "whole_process_max": max(other), "in_process": fts_other},
        "words": {"cli_rare": words["cli_rare"], "cli_common": words["cli_common"],
                  "df": {k: [min(v), c.median(v), max(v)] for k, v in dfs.items()}},
        "whole_process_s": {name: {"median": c.median(v), "p95": c.quantile(v, 0.95),
                                   "min": min(v), "runs": v} for name, v in proc.items()},
        "in_process_ms": {k: {"p50": c.median(v) * ms, "p95": c.quantile(v, 0.95) * ms,
                              "max": max(v) * ms, "n": len(v)} for k, v in fts.items()},
        "targets": {"process_s": TARGET_PROCESS_S, "rare_p95_s": TARGET_RARE_P95_S,
                    "common_p95_s": TARGET_COMMON_P95_S},
    }
    c.emit(args, data, tables)


if __name__ == "__main__":
    main()
