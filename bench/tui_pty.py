"""The reader in a real pseudo-terminal: bytes read from the pty until each frame is drawn.

For each library size, runs, alternately, the real ``python -m lecteur --library DIR`` and a
bare Textual app with the same kinds of widgets (top bar, OptionList sidebar, Line-API
list, key bar; `tui_startup._bare_app`), each in a pty of 100x30 (tests/terminal.py), and
measures from the process's spawn:

- ``first frame``: until the bytes of the first full frame have arrived (the key bar's
  text is in them and the terminal has been quiet for `QUIET_S`);
- ``first key``: from writing Tab just after that frame to its answer's first bytes;
- for lecteur, each view (``Q`` quotes, ``P`` people, ``H`` highlights, and the Saved
  view from the sidebar as the article list's own): from the key to its frame's bytes,
  the first time and again (the views are kept once built);
- in each of the Quotes, Highlights and People views: the p95 of `j`, `k`, PageDown,
  PageUp and far jumps (End and Home, `G` and `g` in People) to their answer's first
  byte, beside the bare app's `down` p95;
- ``rss``: the process's resident memory after visiting every view.

A third app, ``bare+`` (`_bare_app(full=True)`), is the bare one drawing what lecteur's first
screen has beyond its kinds of widgets: the sidebar the height of the screen and a list of
10,000 one-style rows with its scrollbar. The ratios are to the bare app (the goals'
baseline); the first frame and first key are also given against ``bare+``, to show how much
of the difference is a screen full of rows rather than lecteur's own work.

lecteur is byte-compiled first, as an installed package is (pip compiles on install; the
shared venv sets PYTHONDONTWRITEBYTECODE, so a source tree would otherwise be compiled
again by every run, about 70 modules), as `tui_startup` does.

``--compare SRC`` runs a second lecteur from another source tree (main's ``src``, say)
in the same rounds, as a "before" column.

Libraries come from `_tui_library.make_library` with quotations (3 per article, 400
speakers) and a highlight on every tenth article (`_tui_library.add_voices`).

    python bench/tui_pty.py [--runs N] [--sizes 10000 100000] [--generated] [--compare SRC]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent / "tests"))

QUIET_S = 0.15
BARE = r"""
import sys
sys.path.insert(0, sys.argv[1])
from tui_startup import _bare_app
app, _list = _bare_app(full=len(sys.argv) > 2)
app.run()
"""


def _wait_frame(term, marker: bytes, since: int, limit: float = 30.0) -> float:
    """Read until `marker` is in the bytes after `since` and the pty is quiet; return when
    the last byte of that frame arrived (monotonic)."""
    end = time.monotonic() + limit
    last = time.monotonic()
    seen = False
    while time.monotonic() < end:
        if term._read_once(0.01):
            last = time.monotonic()
            seen = seen or marker in term.output[since:]
        elif seen and time.monotonic() - last > QUIET_S:
            return last
    raise TimeoutError(marker)


def _first_bytes(term, since: int, limit: float = 10.0) -> float:
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if term._read_once(0.005) and len(term.output) > since:
            return time.monotonic()
    raise TimeoutError("no answer")


def _keys_p95(term, key: bytes, presses: int = 20) -> float:
    """The 95th percentile of `presses` presses of `key`, each to its answer's first byte."""
    times = []
    for _ in range(presses):
        mark = len(term.output)
        sent = time.monotonic()
        os.write(term.master, key)
        times.append(_first_bytes(term, mark) - sent)
        term.read(0.05)
    times.sort()
    return times[min(len(times) - 1, int(len(times) * 0.95))]


def _far_p95(term, there: bytes, back: bytes, presses: int = 10) -> float:
    """The p95 of `presses` far jumps, alternately `there` and `back` (End, Home)."""
    times = []
    for n in range(presses):
        mark = len(term.output)
        sent = time.monotonic()
        os.write(term.master, back if n % 2 else there)
        times.append(_first_bytes(term, mark) - sent)
        term.read(0.15)
    times.sort()
    return times[min(len(times) - 1, int(len(times) * 0.95))]


# The keys measured in each view: (figure, key, presses) or (figure, (there, back), jumps).
DOWN, UP, PAGE_DOWN, PAGE_UP = b"j", b"k", b"\x1b[6~", b"\x1b[5~"
END, HOME = b"\x1b[F", b"\x1b[H"
VIEW_KEYS = {
    b"Q": (("Q j p95", DOWN, 20), ("Q k p95", UP, 20), ("Q pgdn p95", PAGE_DOWN, 10),
           ("Q pgup p95", PAGE_UP, 6), ("Q end/home p95", (END, HOME), 10)),
    b"H": (("H j p95", DOWN, 20), ("H pgdn p95", PAGE_DOWN, 10),
           ("H end/home p95", (END, HOME), 10)),
    b"P": (("P j p95", DOWN, 20), ("P k p95", UP, 20), ("P G/g p95", (b"G", b"g"), 10)),
}


def _moves_in_views(term) -> dict[str, float]:
    """j, k, page keys and far jumps in the Quotes, Highlights and People views."""
    figures: dict[str, float] = {}
    for view, measures in VIEW_KEYS.items():
        os.write(term.master, view)
        term.read(0.8)
        for name, key, presses in measures:
            if isinstance(key, tuple):
                figures[name] = _far_p95(term, key[0], key[1], presses)
            else:
                figures[name] = _keys_p95(term, key, presses)
        os.write(term.master, b"q")
        term.read(0.5)
    return figures


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run_one(kind: str, library: Path, source: str | None = None) -> dict[str, float]:
    """One process in a pty: its figures in seconds (rss in MB); `source`: lecteur's
    source tree to run (PYTHONPATH), else the one this bench imports."""
    from terminal import Terminal

    with tempfile.TemporaryDirectory() as home:
        if kind in ("bare", "bare+"):
            extra = ["full"] if kind == "bare+" else []
            term = Terminal([str(BENCH), *extra], Path(home),
                            command=[sys.executable, "-c", BARE])
            marker = b"keys"
        else:
            env = {"PYTHONPATH": source} if source else None
            term = Terminal(["--library", str(library.parent)], Path(home), env=env)
            marker = b"help"
            kind = "lecteur"
        with term:
            figures: dict[str, float] = {}
            frame = _wait_frame(term, marker, 0)
            figures["first frame"] = frame - term.started
            mark = len(term.output)
            sent = time.monotonic()
            os.write(term.master, b"\t")  # focus moves: both apps redraw
            figures["first key"] = _first_bytes(term, mark) - sent
            term.read(0.3)
            if kind != "lecteur":  # the OptionList has the focus: down moves its highlight
                figures["keys p95"] = _keys_p95(term, b"\x1b[B")
            os.write(term.master, b"\t")
            term.read(0.3)
            if kind == "lecteur":
                figures["keys p95"] = _keys_p95(term, b"j")
            if kind == "lecteur":
                os.write(term.master, b"\t")  # the sidebar: moving shows the next view
                term.read(0.3)
                mark = len(term.output)
                sent = time.monotonic()
                os.write(term.master, b"\x1b[B")
                figures["list (Saved)"] = _wait_frame(term, b"Saved", mark) - sent
                os.write(term.master, b"\x1b[A\t")
                term.read(0.4)
                for name, keys, back, shown in (("Q quotes", b"Q", b"q", b"Quotes"),
                                                ("P people", b"P", b"q", b"People"),
                                                ("H highlights", b"H", b"q", b"Highlights"),
                                                ("Q again", b"Q", b"q", b"Quotes"),
                                                ("P again", b"P", b"q", b"People"),
                                                ("H again", b"H", b"q", b"Highlights")):
                    mark = len(term.output)
                    sent = time.monotonic()
                    os.write(term.master, keys)
                    figures[name] = _wait_frame(term, shown, mark) - sent
                    os.write(term.master, back)
                    term.read(0.4)
                figures.update(_moves_in_views(term))
                figures["rss MB"] = _rss_mb(term.process.pid)
    return figures


def main() -> None:
    from _tui_library import library_with_voices
    from tui_startup import compile_lecteur

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--generated", action="store_true",
                        help="use bench/generate_library.py's libraries (up to 1M) if present")
    parser.add_argument("--compare", metavar="SRC",
                        help="also run lecteur from this source tree (e.g. main's src), "
                             "alternating with the others, as a 'before' column")
    args = parser.parse_args()
    if args.generated:
        from generate_library import library_path as generated

        library_with_voices = generated  # its libraries have voices already
    compile_lecteur()
    load = os.getloadavg()[0]
    print(f"real pty 100x30, median of {args.runs} runs (load {load:.1f}, "
          f"{os.cpu_count()} cores); times in ms from spawn (views: from the key)")
    for size in args.sizes:
        library = library_with_voices(size)
        kinds = ["bare", "bare+", "lecteur"] + (["before"] if args.compare else [])
        samples: dict[str, list[dict[str, float]]] = {kind: [] for kind in kinds}
        for _ in range(args.runs):
            for kind in kinds:
                source = args.compare if kind == "before" else None
                samples[kind].append(run_one(kind, library, source))
        medians = {kind: {k: statistics.median(r[k] for r in runs) for k in runs[0]}
                   for kind, runs in samples.items()}
        print(f"\n{size} articles")
        _print(medians)


def _print(medians: dict[str, dict[str, float]]) -> None:
    """One line a figure: lecteur's, the bare app's (or, for a view, the ratio to the
    article list's own `list (Saved)`), the fuller bare+ app's for the first frame and
    key, and the 'before' column if measured."""
    bare, ours, before = medians["bare"], medians["lecteur"], medians.get("before")
    full = medians["bare+"]
    for key, value in ours.items():
        if key == "rss MB":
            was = f"   before {before[key]:8.1f}" if before else ""
            print(f"  {key:<16} {value:8.1f}{was}")
            continue
        if key in bare or "p95" in key:
            base = bare.get("keys p95" if "p95" in key else key)
            reference, name = base, "bare"
        else:
            reference, name = ours.get("list (Saved)"), "list"
        ratio = f"{value / reference:6.2f}x {name}" if reference else ""
        line = f"  {key:<16} {value * 1000:8.1f} ms  {ratio}"
        if key in ("first frame", "first key"):  # beside the fuller bare app too
            line += f"   bare+ {full[key] * 1000:7.1f} ms {value / full[key]:5.2f}x"
        if before and key in before:
            was_ref = (bare.get("keys p95" if "p95" in key else key) if name == "bare"
                       else before.get("list (Saved)"))
            was_ratio = f"{before[key] / was_ref:6.2f}x" if was_ref else ""
            line += f"   before {before[key] * 1000:8.1f} ms {was_ratio}"
        print(line)


if __name__ == "__main__":
    main()
