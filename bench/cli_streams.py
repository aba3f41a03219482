"""The CLI's streamed outputs on a generated library: rows a second and peak memory.

    python bench/cli_streams.py --count 100000 [--json]

Runs, through ``python -m lecteur`` with standard output a pipe that this script reads
(and counts lines of): ``ls --limit 0``, ``ls --limit 0 --json``, ``quotes``, ``quotes
--json``, ``people``, ``search COMMON --limit 0``, ``export --format json``, each once after
a warm-up of the page cache (``python -c pass`` beside them as the baseline). Peak RSS is
the child's ``ru_maxrss`` from ``os.wait4``. Targets (issue 13): at least 50,000 rows a
second, under 60 MB whatever the size.
"""

from __future__ import annotations

import os
import subprocess
import time

import _common as c
from generate_library import library_path

TARGET_ROWS_S = 50_000
TARGET_RSS_MB = 60


def measure(argv: list[str]) -> dict[str, float]:
    """Wall time, lines written and peak RSS of one command, its output read as it comes."""
    env = c.clean_env()
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    assert proc.stdout is not None
    lines = nbytes = 0
    while chunk := proc.stdout.read(1 << 16):
        lines += chunk.count(b"\n")
        nbytes += len(chunk)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{argv} failed with status {proc.returncode}")
    return {"wall_s": wall, "lines": lines, "bytes": nbytes, "rss_mb": usage.ru_maxrss / 1024}


def main() -> None:
    args = c.parse_args(__doc__.split("\n")[0], [
        ("--count", {"type": int, "default": 100_000, "help": "library size"}),
    ])
    db = library_path(args.count)
    folder = db.parent
    lib = [c.PYTHON, "-m", "lecteur", "--library", str(folder)]
    common = "travail"  # in about half of the French articles
    commands = {
        "python -c pass": [c.PYTHON, "-c", "pass"],
        "ls --limit 0": [*lib, "ls", "--limit", "0"],
        "ls --limit 0 --json": [*lib, "ls", "--limit", "0", "--json"],
        "quotes": [*lib, "quotes"],
        "quotes --json": [*lib, "quotes", "--json"],
        "people": [*lib, "people"],
        f"search {common} --limit 0": [*lib, "search", common, "--limit", "0"],
        "export --format json": [*lib, "export", "--format", "json"],
    }
    if args.quick:
        commands.pop("export --format json")
    c.log(f"warming the page cache of {db} ({db.stat().st_size / 1e6:.0f} MB)")
    with db.open("rb") as handle:
        while handle.read(1 << 24):
            pass
    results = {}
    for name, argv in commands.items():
        c.log(name)
        results[name] = measure(argv)
    base = results["python -c pass"]["wall_s"]
    rows = []
    for name, r in results.items():
        per_s = r["lines"] / max(1e-9, r["wall_s"] - base) if name != "python -c pass" else 0
        ok = "" if name == "python -c pass" else (
            ("ok" if per_s >= TARGET_ROWS_S else "SLOW") + " / "
            + ("ok" if r["rss_mb"] < TARGET_RSS_MB else "BIG"))
        rows.append([name, r["wall_s"], int(r["lines"]), f"{r['bytes'] / 1e6:.0f}",
                     f"{per_s:,.0f}", f"{r['rss_mb']:.0f}", ok])
    head = (f"cli_streams: {args.count} articles at {folder}; {os.cpu_count()} CPUs; "
            f"load {os.getloadavg()[0]:.2f}; lecteur {c.git_state()}")
    table = c.table("streamed commands, stdout a pipe read by the bench (lines/s after "
                    "python start-up; target >= 50,000 lines/s and < 60 MB)",
                    ["command", "wall s", "lines", "MB out", "lines/s", "peak RSS MB",
                     "rows/s / RSS"], rows)
    c.emit(args, {"bench": "cli_streams", "count": args.count, "results": results},
           [head, table])


if __name__ == "__main__":
    main()
