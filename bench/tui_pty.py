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
- ``rss``: the process's resident memory after visiting every view.

Then, after those (names unchanged above, so earlier outputs compare), `_more_lecteur`:

- in the list, ``k`` p95 (to the first byte, as ``j``), and *page* (PageDown/PageUp in
  turn) and *far* (G, g, End, Home in turn) p95 to the last byte of each frame; the same
  four in Quotes, People and Highlights (their End/Home read the far page), beside the
  bare app's up, PageDown/PageUp and End/Home in its OptionList, measured the same way;
- every other sidebar view, from the key that moves onto it to its frame (``view
  Starred``, ``view Archive``, ``view Trash``, ``view Dismissed``, ``view Stale saves``,
  each saved view, the first tag, the last and the one before it of the feeds, Inbox
  again), to compare with ``list (Saved)``;
- ``quit``: from ``q`` to the process's end, and ``left``: how many of its child
  processes (workers, fork server, resource tracker) are still alive a second later.

``--generated`` libraries have no saved view and nothing dismissed: `add_missing_views`
adds two saved views and dismisses 1% of the live feed items, once (the same rows every
time). A step that gets no answer within its limit is said on stderr with the app's
threads' stacks (faulthandler, SIGABRT) in bench/.work/tui_pty-hang-*.txt; the run's
later figures are then missing from its median.

A third app, ``bare+`` (`_bare_app(full=True)`), is the bare one drawing what lecteur's first
screen has beyond its kinds of widgets: the sidebar the height of the screen and a list of
10,000 one-style rows with its scrollbar. The ratios are to the bare app (the goals'
baseline); the first frame and first key are also given against ``bare+``, to show how much
of the difference is a screen full of rows rather than lecteur's own work.

lecteur is byte-compiled first, as an installed package is (pip compiles on install; the
shared venv sets PYTHONDONTWRITEBYTECODE, so a source tree would otherwise be compiled
again by every run, about 70 modules), as `tui_startup` does. ``--compare SRC`` runs a
second lecteur from another source tree (main's ``src``, say) in the same rounds, as a
"before" column.

Libraries come from `_tui_library.make_library` with quotations (3 per article, 400
speakers) and a highlight on every tenth article (`_tui_library.add_voices`).

    python bench/tui_pty.py [--runs N] [--sizes 10000 100000] [--generated] [--json FILE]
                            [--compare SRC]
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import os
import signal
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent / "tests"))

QUIET_S = 0.15
STACKS = {"PYTHONFAULTHANDLER": "1"}  # SIGABRT then writes every thread's stack (hangs)
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


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _frames_p95(term, keys: list[bytes]) -> float:
    """The 95th percentile of pressing each of `keys` in turn, each to the last byte of
    its frame (a page or a far jump draws a whole list: its first byte is not the end)."""
    times = []
    for key in keys:
        mark = len(term.output)
        sent = time.monotonic()
        os.write(term.master, key)
        times.append(_wait_frame(term, b"", mark, limit=30.0) - sent)
    times.sort()
    return times[min(len(times) - 1, int(len(times) * 0.95))]


PAGE_KEYS = [b"\x1b[6~", b"\x1b[5~"] * 5  # PageDown, PageUp
FAR_KEYS = [b"G", b"g", b"\x1b[F", b"\x1b[H"] * 3  # G, g, End, Home: each a far jump
ENDS = [b"\x1b[F", b"\x1b[H"] * 5  # End, Home (the paged views' far jumps)


def _more_bare(term, figures: dict[str, float]) -> None:
    """The bare app's up, page and far keys in its OptionList (which has the focus)."""
    figures["k p95"] = _keys_p95(term, b"\x1b[A")
    figures["page p95"] = _frames_p95(term, PAGE_KEYS)
    figures["far p95"] = _frames_p95(term, ENDS)


def _more_lecteur(term, figures: dict[str, float], plan: list[tuple[str, bytes, bytes]]) -> None:
    """Every key kind in the list and in each paged view, then every sidebar view (the
    list has the focus, on the Inbox, at the start and at the end)."""
    figures["list k p95"] = _keys_p95(term, b"k", presses=15)  # the cursor is 20 rows down
    figures["list page p95"] = _frames_p95(term, PAGE_KEYS)
    figures["list far p95"] = _frames_p95(term, FAR_KEYS)
    for key, shown, name in ((b"Q", b"Quotes", "Q"), (b"P", b"People", "P"),
                             (b"H", b"Highlights", "H")):
        mark = len(term.output)
        os.write(term.master, key)
        _wait_frame(term, shown, mark)
        term.read(0.3)
        # From the top (a view is kept as it was left: Quotes at its end, after "Q end"),
        # a few rows down: no key below is a no-op that draws nothing and is never answered.
        os.write(term.master, b"\x1b[H")
        term.read(0.3)
        if name == "Q":
            os.write(term.master, b"j" * 20)
            term.read(0.5)
        if name != "Q":  # Quotes' j: "Q j p95" above
            figures[f"{name} j p95"] = _keys_p95(term, b"j")
        figures[f"{name} k p95"] = _keys_p95(term, b"k", presses=15)
        figures[f"{name} page p95"] = _frames_p95(term, PAGE_KEYS)
        figures[f"{name} far p95"] = _frames_p95(term, ENDS)
        os.write(term.master, b"q")
        term.read(0.5)
    os.write(term.master, b"\t")  # the sidebar, on the Inbox
    term.read(0.4)
    for name, key, marker in plan:
        mark = len(term.output)
        sent = time.monotonic()
        os.write(term.master, key)
        if marker:
            figures[name] = _wait_frame(term, marker, mark) - sent
        else:  # Quotes and People: moving onto them only moves the highlight
            term.read(0.4)
    os.write(term.master, b"\t")  # back to the list
    term.read(0.4)


def _children(pid: int) -> list[int]:
    """Every process descended from `pid` (workers, a fork server, a resource tracker)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        kids = [child for child, its in parents.items() if its == parent]
        found += kids
        todo += kids
    return found


def _quit(term, figures: dict[str, float], key: bytes = b"q") -> None:
    """`key` (``q`` in the list): the time to the process's end, its children still alive."""
    children = _children(term.process.pid)
    sent = time.monotonic()
    os.write(term.master, key)
    if term.wait_exit(15.0) is None:
        raise TimeoutError(b"quit")
    figures["quit"] = time.monotonic() - sent
    time.sleep(1.0)
    figures["left"] = float(sum(Path(f"/proc/{child}").exists() for child in children))


@functools.cache
def sidebar_plan(library: Path) -> list[tuple[str, bytes, bytes]]:
    """(figure, key, marker) walking the sidebar from the Inbox as it orders its entries
    (`Sidebar.rebuild`): j down to the first tag, End to the last feed, k, Home."""
    from lecteur.core.library.store import Library
    from lecteur.core.library.views import View
    from lecteur.ui.i18n import t

    with Library(library, for_writing=False, check=False) as opened:
        dismissed = opened.views.count(View("dismissed"))
        saved = [view.name for view in opened.saved_views.all()]
        tags = [tag.name for tag in opened.tags.all()]
        feeds = [feed.title or feed.url for feed in opened.feeds.all()]
    # j from the Inbox: the fixed views, Quotes and People (b"": nothing shown), the
    # Trash, Dismissed (once anything is), Stale saves, the saved views, the first tag
    plan = [(f"view {name}", b"j", name.encode()) for name in ("Saved", "Starred", "Archive")]
    plan += [("move Quotes", b"j", b""), ("move People", b"j", b""),
             ("view Trash", b"j", b"Trash")]
    plan += [("view Dismissed", b"j", b"Dismissed")] * bool(dismissed)
    plan += [(f"view {name}", b"j", name.encode()) for name in ("Stale saves", *saved)]
    plan += [("view first tag", b"j", tag.encode()) for tag in tags[:1]]
    if len(feeds) > 1:  # the sidebar's own order (folders aside: the generator has none)
        plan += [("view last feed", b"\x1b[F", feeds[-1].encode()),
                 ("view feed before", b"k", feeds[-2].encode())]
    plan.append(("view Inbox", b"\x1b[H", t("view.inbox").encode()))
    return plan


# What generate_library does not make, so that every sidebar view has rows: two saved
# views (a flag-only query; a word and a date) and 1% of the live feed items dismissed.
SAVED_VIEWS = (("Courts non lus", "is:unread minutes:<6"),
               ("Carrière récente", "carrière since:2024-01-01"))


def add_missing_views(library: Path) -> None:
    """Add `SAVED_VIEWS` and dismiss 1% of the feed items, once (the same rows each time)."""
    from lecteur.core.library.store import Library
    from lecteur.core.library.views import View

    with Library(library) as opened:
        known = {view.name for view in opened.saved_views.all()}
        for name, query in SAVED_VIEWS:
            if name not in known:
                opened.saved_views.add(name, query)
        if not opened.views.count(View("dismissed")):
            with opened.db.write() as conn:
                conn.execute("UPDATE articles SET dismissed_at = '2025-06-01T00:00:00Z' "
                             "WHERE feed_id IS NOT NULL AND trashed_at IS NULL "
                             "AND id % 100 = 7")


@contextlib.contextmanager
def _diagnosed(term, figures: dict[str, float]) -> Iterator[None]:
    """A step with no answer: its stacks (SIGABRT to faulthandler) kept; the run goes on."""
    try:
        yield
    except TimeoutError as error:
        figures["timeouts"] = figures.get("timeouts", 0.0) + 1
        if term.process.poll() is None:
            os.kill(term.process.pid, signal.SIGABRT)
            term.read(2.0)
        BENCH.joinpath(".work").mkdir(exist_ok=True)
        out = BENCH / ".work" / f"tui_pty-hang-{time.strftime('%Y%m%d-%H%M%S')}.txt"
        out.write_bytes(b"no answer to: %r\n\n" % (error.args,) + term.output[-20000:])
        print(f"  (no answer: {error.args}; stacks in {out})", file=sys.stderr)


def run_one(kind: str, library: Path, source: str | None = None) -> dict[str, float]:
    """One process in a pty: its figures in seconds (rss in MB); `source`: lecteur's
    source tree to run (PYTHONPATH), else the one this bench imports."""
    from terminal import Terminal

    with tempfile.TemporaryDirectory() as home:
        if kind in ("bare", "bare+"):
            extra = ["full"] if kind == "bare+" else []
            term = Terminal([str(BENCH), *extra], Path(home),
                            command=[sys.executable, "-c", BARE], env=STACKS)
            marker = b"keys"
            kind = "bare"
        else:
            env = {**STACKS, "PYTHONPATH": source} if source else STACKS
            term = Terminal(["--library", str(library.parent)], Path(home), env=env)
            marker = b"help"
            kind = "lecteur"
        figures: dict[str, float] = {}
        with term, _diagnosed(term, figures):
            frame = _wait_frame(term, marker, 0)
            figures["first frame"] = frame - term.started
            mark = len(term.output)
            sent = time.monotonic()
            os.write(term.master, b"\t")  # focus moves: both apps redraw
            figures["first key"] = _first_bytes(term, mark) - sent
            term.read(0.3)
            if kind == "bare":  # the OptionList has the focus: down moves its highlight
                figures["keys p95"] = _keys_p95(term, b"\x1b[B")
                _more_bare(term, figures)
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
                os.write(term.master, b"Q")
                term.read(0.8)
                figures["Q j p95"] = _keys_p95(term, b"j")
                figures["Q end"] = _keys_p95(term, b"\x1b[F", presses=1)
                os.write(term.master, b"q")
                term.read(0.5)
                _more_lecteur(term, figures, sidebar_plan(library))
                figures["rss MB"] = _rss_mb(term.process.pid)
                _quit(term, figures)
            else:
                _quit(term, figures, b"\x11")  # Textual's own quit key, Ctrl+Q
    return figures


def _medians(runs: list[dict[str, float]]) -> dict[str, float]:
    """Each figure's median over the runs that have it (a run stopped by a step with no
    answer lacks its later figures)."""
    names = list(dict.fromkeys(name for run in runs for name in run))
    return {name: statistics.median(run[name] for run in runs if name in run) for name in names}


def _bare_base(key: str, bare: dict[str, float]) -> float | None:
    """The bare app's figure a lecteur figure is read against (None: none)."""
    if key in bare:
        return bare[key]
    for kind in ("k p95", "page p95", "far p95"):
        if key.endswith(kind):
            return bare.get(kind)
    return bare.get("keys p95") if "p95" in key or key == "Q end" else None


COUNTS = ("rss MB", "left", "timeouts")  # not times


def _print_size(size: int, medians: dict[str, dict[str, float]]) -> None:
    """One line a figure: lecteur's beside the bare app's (a view: beside the list's own
    view change), the fuller bare+ app's for the first frame and key, and 'before'."""
    print(f"\n{size} articles")
    ours, bare, full = medians["lecteur"], medians["bare"], medians["bare+"]
    before = medians.get("before", {})
    listed = ours.get("list (Saved)")
    for key, value in ours.items():
        if key in COUNTS:
            was = f"   before {before[key]:8.1f}" if key in before else ""
            print(f"  {key:<14} {value:8.1f}{was}")
            continue
        base = _bare_base(key, bare)
        ratio = f"{value / base:6.2f}x bare" if base else ""
        shown = f"{base * 1000:8.1f}" if base else " " * 8
        if not base and listed and key != "list (Saved)" and key not in ("quit",):
            ratio = f"{value / listed:6.2f}x list"
        line = f"  {key:<14} {value * 1000:8.1f} ms   bare {shown} ms  {ratio}"
        if key in ("first frame", "first key") and key in full:
            line += f"   bare+ {full[key] * 1000:7.1f} ms {value / full[key]:5.2f}x"
        if key in before:
            line += f"   before {before[key] * 1000:8.1f} ms"
        print(line)


def main() -> None:
    from _tui_library import library_with_voices
    from tui_startup import compile_lecteur

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--generated", action="store_true",
                        help="use bench/generate_library.py's libraries (up to 1M) if present")
    parser.add_argument("--json", type=Path, help="also write every run's figures there")
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
    everything: dict[str, object] = {"runs": args.runs, "cores": os.cpu_count(), "sizes": {}}
    for size in args.sizes:
        library = library_with_voices(size)
        if args.generated:
            add_missing_views(library)
        kinds = ["bare", "bare+", "lecteur"] + (["before"] if args.compare else [])
        samples: dict[str, list[dict[str, float]]] = {kind: [] for kind in kinds}
        loads = [os.getloadavg()[0]]
        for _ in range(args.runs):
            for kind in kinds:
                source = args.compare if kind == "before" else None
                samples[kind].append(run_one(kind, library, source))
            loads.append(os.getloadavg()[0])
        medians = {kind: _medians(runs) for kind, runs in samples.items()}
        bare, ours = medians["bare"], medians["lecteur"]
        _print_size(size, medians)
        print(f"  (load {min(loads):.1f}-{max(loads):.1f} during these runs)")
        sizes = everything["sizes"]
        assert isinstance(sizes, dict)
        sizes[size] = {"loads": loads, "bare": bare, "lecteur": ours, "samples": samples}
        if args.json:
            args.json.write_text(json.dumps(everything, indent=1))


if __name__ == "__main__":
    main()
