"""The reader's start in a real pty: first frame and first key, in wall time and CPU time.

`tui_pty` measures wall time, which on the shared 2 cores moves by up to 2x with the load.
This runs the same start (``python -m lecteur --library DIR`` in a pty of 100x30, the
frame's last byte, then Tab and its answer's first byte) beside the bare app and ``bare+``
(`tui_startup._bare_app`), and also reads the CPU time the process's main thread has used
(``/proc/PID/task/PID/schedstat``): at the first frame (everything before it, and the
frames that follow it within `tui_pty.QUIET_S`), and from Tab to 0.3 s after its answer.
The main thread is the one the reader waits for; work moved to another thread (the
library's early check) is not counted, as the reader does not wait for it.

With ``--base SRC`` (another checkout's ``src``, e.g. a ``git worktree`` of main), that
lecteur runs too, alternating, so that a change is measured against what it changes in
the same minutes. Both trees are byte-compiled first, as an installed package is.

    python bench/tui_pty_start.py [--runs 7] [--sizes 10000 100000] [--base ../main/src]
                                  [--generated]
"""

from __future__ import annotations

import argparse
import compileall
import os
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent / "tests"))


def _cpu_ms(pid: int) -> float:
    """CPU time used so far by the process's main thread, in ms."""
    return int(Path(f"/proc/{pid}/task/{pid}/schedstat").read_text().split()[0]) / 1e6


def run_one(kind: str, library: Path, trees: dict[str, str]) -> dict[str, float]:
    """One start: first frame (wall, CPU), first key (wall, CPU), bytes written."""
    import tui_pty

    from terminal import Terminal

    with tempfile.TemporaryDirectory() as home:
        if kind in ("bare", "bare+"):
            extra = ["full"] if kind == "bare+" else []
            term = Terminal([str(BENCH), *extra], Path(home),
                            command=[sys.executable, "-c", tui_pty.BARE])
            marker = b"keys"
        else:
            term = Terminal(["--library", str(library.parent)], Path(home),
                            env={"PYTHONPATH": trees[kind], "PYTHONFAULTHANDLER": "1"})
            marker = b"help"
        with term:
            try:
                frame = tui_pty._wait_frame(term, marker, 0)
            except TimeoutError:  # no first frame: say which, keep the stacks, go on
                os.kill(term.process.pid, signal.SIGABRT)
                term.read(1.0)
                stacks = BENCH / ".work" / f"tui_pty_start-hang-{kind}-{time.time():.0f}.txt"
                stacks.write_bytes(term.output)
                print(f"  {kind}: no first frame within the limit; stacks in {stacks}")
                return {}
            pid = term.process.pid
            cpu_frame = _cpu_ms(pid)
            mark = len(term.output)
            sent = time.monotonic()
            os.write(term.master, b"\t")
            key = tui_pty._first_bytes(term, mark) - sent
            term.read(0.3)
            return {"frame ms": (frame - term.started) * 1000, "frame cpu ms": cpu_frame,
                    "key ms": key * 1000, "key cpu ms": _cpu_ms(pid) - cpu_frame,
                    "bytes": float(len(term.output))}


def main() -> None:
    from _tui_library import library_with_voices

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--base", help="another lecteur tree's src, measured alongside")
    parser.add_argument("--generated", action="store_true",
                        help="use bench/generate_library.py's libraries (up to 1M) if present")
    args = parser.parse_args()
    if args.generated:
        from generate_library import library_path as generated
        from tui_pty import add_missing_views

        def library_with_voices(size: int) -> Path:
            library = generated(size)
            add_missing_views(library)
            return library
    trees = {"lecteur": str(BENCH.parent / "src")}
    if args.base:
        trees = {"base": str(Path(args.base).resolve()), **trees}
    for tree in trees.values():
        compileall.compile_dir(Path(tree) / "lecteur", quiet=1)
    print(f"real pty 100x30, median of {args.runs} runs (load {os.getloadavg()[0]:.1f}, "
          f"{os.cpu_count()} cores); cpu: the main thread's")
    for size in args.sizes:
        library = library_with_voices(size)
        kinds = ["bare", "bare+", *trees]
        samples: dict[str, list[dict[str, float]]] = {kind: [] for kind in kinds}
        for _ in range(args.runs):
            for kind in kinds:
                if figures := run_one(kind, library, trees):
                    samples[kind].append(figures)
        medians = {kind: {key: statistics.median(run[key] for run in runs)
                          for key in runs[0]} for kind, runs in samples.items()}
        bare = medians["bare"]
        print(f"\n{size} articles (load now {os.getloadavg()[0]:.1f})")
        for kind, row in medians.items():
            cells = "  ".join(f"{key} {row[key]:7.1f} ({row[key] / bare[key]:4.2f}x)"
                              for key in ("frame ms", "frame cpu ms", "key ms", "key cpu ms"))
            print(f"  {kind:8} {cells}  bytes {row['bytes']:.0f}")


if __name__ == "__main__":
    main()
