"""The CLI's streamed outputs on a generated library: rows a second and peak memory.

    python bench/cli_streams.py --count 100000 [--json] [--rounds 3] [--against ../main]

Runs, through ``python -m lecteur`` with standard output a pipe that this script reads
(and counts lines of): ``ls --limit 0``, ``ls --limit 0 --json``, ``quotes``, ``quotes
--json``, ``people``, ``search COMMON --limit 0``, ``export --format json``, the playbook
(``export --single-file -``, by tag and by speaker; its rows: its lines), each once after
a warm-up of the page cache (``python -c pass`` beside them as the baseline, and ``ls
--limit 1`` for lecteur's own start-up: "past start-up" rates leave it out). Peak RSS is
the child's ``ru_maxrss`` from ``os.wait4``. Targets (issue 13): at least 50,000 rows a
second, under 60 MB whatever the size.

``--rounds N`` runs each command N times and keeps the median of each figure; ``--against
TREE`` runs each one also with TREE/src first on the path (another checkout: main, to
compare before and after in the same run, rounds interleaved so both see the same load).
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import time
from pathlib import Path

import _common as c
from generate_library import library_path

from lecteur.core.library.store import Library

TARGET_ROWS_S = 50_000
ROWS: dict[str, int] = {}  # rows a command writes, where it is not one per line
TARGET_RSS_MB = 60
# Runs lecteur's main, then writes its own peak RSS (VmHWM: this process only; ru_maxrss of
# a child started by fork counts the parent's pages before the exec) on stderr.
_RUN = (
    "import sys\nfrom lecteur.cli import main\nstatus = main(sys.argv[1:])\n"
    "sys.stdout.flush()\n"
    "peak = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]\n"
    "sys.stderr.write('\\nPEAK ' + peak + '\\n')\nsys.exit(status)\n")


def measure(argv: list[str], src: str | None = None) -> dict[str, float]:
    """Wall time, lines written and peak RSS of one command, its output read as it comes
    (`src`: the source tree to import lecteur from, instead of this one)."""
    env = c.clean_env(**({"PYTHONPATH": src} if src else {}))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink, subprocess.Popen(
            argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        lines = nbytes = 0
        while chunk := proc.stdout.read(1 << 16):
            lines += chunk.count(b"\n")
            nbytes += len(chunk)
        errors = proc.stderr.read().decode()
        proc.wait()
        sink.write(b"")
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        raise SystemExit(f"{argv} failed with status {proc.returncode}: {errors[-500:]}")
    peaks = [line for line in errors.splitlines() if line.startswith("PEAK ")]
    rss = int(peaks[-1].split()[1]) / 1024 if peaks else float("nan")
    return {"wall_s": wall, "cpu_s": cpu, "lines": lines, "bytes": nbytes, "rss_mb": rss}


def main() -> None:
    args = c.parse_args(__doc__.split("\n")[0], [
        ("--count", {"type": int, "default": 100_000, "help": "library size"}),
        ("--only", {"default": "", "help": "comma-separated commands to run (by name)"}),
        ("--rounds", {"type": int, "default": 1, "help": "runs of each command (medians)"}),
        ("--against", {"default": "", "help": "another checkout to measure beside this one"}),
    ])
    db = library_path(args.count)
    import compileall  # as an install does (pip compiles): processes then read .pyc files

    compileall.compile_dir(str(c.REPO / "src" / "lecteur"), quiet=1)
    trees = {"": None}
    if args.against:
        other = Path(args.against).resolve() / "src"
        compileall.compile_dir(str(other / "lecteur"), quiet=1)
        trees[f" [{Path(args.against).name}]"] = str(other)
    folder = db.parent
    lib = [c.PYTHON, "-c", _RUN, "--library", str(folder)]
    common = "question"  # in about half of the articles
    commands = {
        "python -c pass": [c.PYTHON, "-c", "pass"],
        "ls --limit 1": [*lib, "ls", "--limit", "1"],  # lecteur's start-up, one row
        "ls --limit 0": [*lib, "ls", "--limit", "0"],
        "ls --limit 0 --json": [*lib, "ls", "--limit", "0", "--json"],
        "quotes": [*lib, "quotes"],
        "quotes --json": [*lib, "quotes", "--json"],
        "people": [*lib, "people"],
        "people --json": [*lib, "people", "--json"],
        f"search {common} --limit 0": [*lib, "search", common, "--limit", "0"],
        "export --format json": [*lib, "export", "--format", "json"],
        "export --single-file -": [*lib, "export", "--single-file", "-"],
        "export --single-file - --group-by speaker": [*lib, "export", "--single-file", "-",
                                                      "--group-by", "speaker"],
    }
    if args.quick:
        for slow in ("export --format json", "export --single-file -",
                     "export --single-file - --group-by speaker"):
            commands.pop(slow)
    if args.only:
        wanted = {"python -c pass", "ls --limit 1", *args.only.split(",")}
        commands = {name: argv for name, argv in commands.items() if name in wanted}
    load = os.getloadavg()[0]
    c.log(f"warming the page cache of {db} ({db.stat().st_size / 1e6:.0f} MB)")
    with db.open("rb") as handle:
        while handle.read(1 << 24):
            pass
    with Library(db, for_writing=False) as library:  # rows each command writes
        conn = library.db.conn
        live = conn.execute("SELECT count(*) FROM articles WHERE trashed_at IS NULL")
        quotes = conn.execute("SELECT count(*) FROM quotes JOIN articles ON articles.id = "
                              "article_id WHERE trashed_at IS NULL")
        ROWS.update({"ls --limit 0": live.fetchone()[0] + 1,
                     "ls --limit 0 --json": conn.execute(
                         "SELECT count(*) FROM articles WHERE trashed_at IS NULL").fetchone()[0],
                     "quotes": quotes.fetchone()[0], "quotes --json": conn.execute(
                         "SELECT count(*) FROM quotes JOIN articles ON articles.id = "
                         "article_id WHERE trashed_at IS NULL").fetchone()[0],
                     "people --json": conn.execute(
                         "SELECT count(*) FROM people WHERE quotes > 0 OR articles > 0"
                     ).fetchone()[0],
                     "export --format json": sum(
                         conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
                         for t in ("articles", "article_bodies", "quotes", "highlights",
                                   "notes", "article_tags"))})
    results = {}
    for name, argv in commands.items():
        runs: dict[str, list[dict[str, float]]] = {tag: [] for tag in trees}
        for round_ in range(args.rounds):
            for tag, src in trees.items():
                c.log(f"{name}{tag} ({round_ + 1}/{args.rounds})")
                runs[tag].append(measure(argv, src))
        for tag, found in runs.items():
            if name != "python -c pass" or not tag:  # (ls --limit 1: each tree's start-up)
                results[name + tag] = {key: statistics.median(r[key] for r in found)
                                       for key in found[0]}
    base = results["python -c pass"]
    rows = []
    for name, r in results.items():
        if name == "python -c pass" or name.startswith("ls --limit 1"):
            rows.append([name, r["wall_s"], r["cpu_s"], 0, "", "", "", "", "", ""])
            continue
        start = results["ls --limit 1" + name[name.index(" ["):] if " [" in name else
                        "ls --limit 1"]
        count = ROWS.get(name.split(" [")[0], r["lines"])
        wall_rate = count / max(1e-9, r["wall_s"] - base["wall_s"])
        cpu_rate = count / max(1e-9, r["cpu_s"] - base["cpu_s"])
        net_rate = count / max(1e-9, r["cpu_s"] - start["cpu_s"])
        ok = ("ok" if cpu_rate >= TARGET_ROWS_S else "SLOW") + " / " + (
            "ok" if r["rss_mb"] < TARGET_RSS_MB else "BIG")
        rows.append([name, r["wall_s"], r["cpu_s"], int(count), f"{r['bytes'] / 1e6:.0f}",
                     f"{wall_rate:,.0f}", f"{cpu_rate:,.0f}", f"{net_rate:,.0f}",
                     f"{r['rss_mb']:.0f}", ok])
    head = (f"cli_streams: {args.count} articles at {folder}; {os.cpu_count()} CPUs; "
            f"load {os.getloadavg()[0]:.2f} (at the start: {load:.2f}); lecteur "
            f"{c.git_state()}; median of {args.rounds} round(s)"
            + (f"; [{Path(args.against).name}]: {args.against}" if args.against else ""))
    table = c.table("streamed commands, stdout a pipe read by the bench (rows a second after "
                    "python start-up, by wall and by CPU time; target >= 50,000 rows/s, "
                    "< 60 MB)", ["command", "wall s", "CPU s", "rows", "MB out", "rows/s wall",
                                 "rows/s CPU", "rows/s CPU past start-up", "peak RSS MB",
                                 "rows/s CPU / RSS"], rows)
    c.emit(args, {"bench": "cli_streams", "count": args.count, "results": results},
           [head, table])


if __name__ == "__main__":
    main()
