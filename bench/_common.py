"""Shared helpers for the benchmark scripts in bench/ (not a benchmark itself).

Every script is run as ``python bench/NAME.py [--quick] [--json]``: figures are printed as a
small plain-text table, or as one JSON document with ``--json``. Generated data lives in
``bench/.work/`` (git-ignored) and is reused across runs.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
WORK = BENCH_DIR / ".work"
PYTHON = sys.executable


def parse_args(
    description: str, extra: Sequence[tuple[str, dict[str, object]]] = ()
) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--quick", action="store_true", help="a short run (under a minute)")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    for flag, options in extra:
        parser.add_argument(flag, **options)  # type: ignore[arg-type]
    return parser.parse_args()


def log(message: str) -> None:
    """Progress goes to stderr, so that stdout holds only the table (or the JSON)."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def git_state() -> str:
    """The commit measured, and whether src/ had uncommitted changes (others edit it live)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, text=True,
                              capture_output=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "src"], cwd=REPO,
                               text=True, capture_output=True, timeout=10).stdout.splitlines()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    changes = f" + {len(dirty)} uncommitted file(s) in src/" if dirty else ""
    return f"{head or 'unknown'}{changes}"


def machine() -> dict[str, object]:
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "loadavg_at_start": [round(x, 2) for x in os.getloadavg()],
        "git": git_state(),
    }


def quantile(values: Sequence[float], q: float) -> float:
    """Linear-interpolated quantile (q in [0, 1]); p95 of 15 runs lies between the two worst."""
    data = sorted(values)
    if not data:
        return math.nan
    pos = (len(data) - 1) * q
    lo, hi = math.floor(pos), math.ceil(pos)
    return data[lo] + (data[hi] - data[lo]) * (pos - lo)


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else math.nan


@dataclass
class Usage:
    """Wall clock plus CPU seconds (user + system) for this process and its reaped children."""

    wall: float
    self_cpu: float
    children_cpu: float

    @classmethod
    def now(cls) -> Usage:
        me = resource.getrusage(resource.RUSAGE_SELF)
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)
        return cls(time.perf_counter(), me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime)

    def since(self, start: Usage) -> Usage:
        return Usage(self.wall - start.wall, self.self_cpu - start.self_cpu,
                     self.children_cpu - start.children_cpu)


def busy_cpu_s() -> float:
    """CPU seconds the machine's cores were not ours to take since boot, from /proc/stat:
    busy running something, or stolen by the hypervisor for another virtual machine."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
        user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    except (OSError, ValueError):
        return math.nan
    return (user + nice + system + irq + softirq + steal) / _CLK_TCK


def pids_cpu_s(pids: Sequence[int]) -> float:
    """CPU seconds (user + system) used so far by live processes."""
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / _CLK_TCK
        except (OSError, IndexError, ValueError):
            continue
    return total


class OtherLoad:
    """How many cores others kept busy while we measured (the machine is shared): other
    processes, and the hypervisor's steal time.

    Whole-machine busy time from /proc/stat, less what this process, its reaped children
    and the live processes named in `pids` used over the same interval.
    """

    def __init__(self, pids: Sequence[int] = ()) -> None:
        self.pids = list(pids)
        self.start = (Usage.now(), busy_cpu_s(), pids_cpu_s(self.pids))

    def cores(self, pids: Sequence[int] | None = None) -> float:
        usage, busy, live = Usage.now(), busy_cpu_s(), pids_cpu_s(
            self.pids if pids is None else pids)
        u0, b0, l0 = self.start
        own = (usage.self_cpu - u0.self_cpu) + (usage.children_cpu - u0.children_cpu) + (live - l0)
        wall = usage.wall - u0.wall
        return max(0.0, (busy - b0) - own) / wall if wall > 0 else math.nan


@dataclass
class ProcessRun:
    """One finished child process: wall time, its own CPU, its descendants' CPU."""

    returncode: int
    wall: float
    self_cpu: float
    descendants_cpu: float
    stdout: bytes
    other_cores: float = math.nan

    @property
    def total_cpu(self) -> float:
        return self.self_cpu + self.descendants_cpu


_CLK_TCK = os.sysconf("SC_CLK_TCK")


def run_process(argv: Sequence[str], env: dict[str, str] | None = None,
                capture: bool = False, timeout: float = 600) -> ProcessRun:
    """Run a command and measure it from fork to exit.

    The child's own CPU is read from /proc/PID/stat while it is a zombie (``waitid`` with
    ``WNOWAIT``), which separates it from the CPU of the workers it started and reaped
    (``cutime``/``cstime``). Wall time runs from just before the fork to the exit.
    """
    start = time.perf_counter()
    me0, busy0 = Usage.now(), busy_cpu_s()
    proc = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, cwd=REPO)
    out = b""
    if capture:
        assert proc.stdout is not None
        out = proc.stdout.read()
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    try:
        os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT)  # exited, not yet reaped
    finally:
        timer.cancel()
    wall = time.perf_counter() - start
    me1, busy1 = Usage.now(), busy_cpu_s()
    try:
        fields = Path(f"/proc/{proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        # after the ")": state is fields[0]; utime, stime, cutime, cstime are fields 11..14
        utime, stime, cutime, cstime = (int(x) / _CLK_TCK for x in fields[11:15])
    except (OSError, IndexError, ValueError):
        utime = stime = cutime = cstime = math.nan
    proc.wait()
    own = (me1.self_cpu - me0.self_cpu) + utime + stime + cutime + cstime
    other = max(0.0, (busy1 - busy0) - own) / wall if wall > 0 else math.nan
    return ProcessRun(proc.returncode, wall, utime + stime, cutime + cstime, out, other)


def clean_env(**extra: str) -> dict[str, str]:
    """The environment for measured child processes: LECTEUR_HOME unset."""
    env = {k: v for k, v in os.environ.items() if k != "LECTEUR_HOME"}
    env.update(extra)
    return env


def fmt(value: object, digits: int = 3) -> str:
    if isinstance(value, float):
        if math.isnan(value):
            return "-"
        if value != 0 and abs(value) < 10 ** -digits:
            return f"{value:.2e}"
        return f"{value:.{digits}f}"
    return "-" if value is None else str(value)


def table(title: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain-text table: first column left-aligned, the others right-aligned."""
    cells = [list(header)] + [[fmt(c) for c in row] for row in rows]
    widths = [max(len(str(r[i])) for r in cells) for i in range(len(header))]
    lines = [title, "-" * len(title)]
    for n, row in enumerate(cells):
        parts = [str(c).ljust(widths[i]) if i == 0 else str(c).rjust(widths[i])
                 for i, c in enumerate(row)]
        lines.append("  ".join(parts).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def emit(args: argparse.Namespace, data: dict[str, object], tables: Sequence[str]) -> None:
    if args.json:
        json.dump(data, sys.stdout, indent=2, ensure_ascii=False, default=str)
        sys.stdout.write("\n")
    else:
        print("\n\n".join(tables))


def wait_for_quiet(max_wait: float, limit: float = 0.15, sample: float = 1.0) -> dict[str, float]:
    """Wait (at most `max_wait` s) until other processes leave both cores alone.

    The machine is shared: a speed-up on two cores means nothing while something else
    keeps one of them busy. Returns how long we waited and the last load seen (cores).
    """
    start = time.perf_counter()
    while True:
        probe = OtherLoad()
        time.sleep(sample)
        load = probe.cores()
        waited = time.perf_counter() - start
        if load <= limit or waited >= max_wait:
            if waited > sample * 1.5:
                log(f"waited {waited:.0f} s for other processes to calm down (load {load:.2f})")
            return {"waited_s": waited, "load_cores": load}
