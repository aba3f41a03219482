"""A refresh in a process of its own, at a lower CPU priority, reporting as JSON lines.

The reader's ``r`` runs ``python -m lecteur.core.refresh_child LIBRARY LANGUAGE DAYS``
rather than refreshing in one of its own threads: parsing 300 feeds keeps both cores busy
for seconds, and storing 15,000 items is Python work that would share the reader's GIL.
In a child process niced by `NICE`, with its own extraction workers (which inherit the
priority), the reader's thread keeps the CPU whenever a key needs it.

Protocol, one JSON object a line on stdout: ``{"done", "total", "phase", "new",
"failed"}`` per feed stored (and per full article, phase "full text"), then ``{"end":
true, "feeds", "new", "failed"}``; a failure lecteur expects is ``{"error": sentence}``
and exit status 1. Closing the child's stdin (the reader quits) stops the refresh: what
was fetched is stored, nothing new is asked. Nothing is written to stderr, which the
reader draws on. After the refresh, the feed items nobody kept that are older than DAYS
leave the Inbox (`FeedItems.age_out`).
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lecteur.core.refresh import Progress

NICE = 10


def _line(data: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def _progress_line(progress: Progress) -> dict[str, Any]:
    result = progress.result
    return {"done": progress.done, "total": progress.total, "phase": progress.phase,
            "new": len(result.new_items) if result is not None else 0,
            "failed": result is not None and result.status == "failed",
            "changed": progress.completed is not None and progress.completed.error is None}


def _stop_on_eof(stop: threading.Event) -> None:
    """Set `stop` once stdin closes (the reader quit, or asked the refresh to end)."""
    def watch() -> None:
        # os.read on the descriptor, not sys.stdin.buffer: a daemon thread blocked in the
        # buffered reader holds its lock, and the interpreter aborts at exit (SIGABRT)
        # when it finds that lock taken.
        with contextlib.suppress(OSError, ValueError):
            while os.read(sys.stdin.fileno(), 4096):
                pass
        stop.set()

    threading.Thread(target=watch, name="lecteur-refresh-stdin", daemon=True).start()


def run(library_path: Path, language: str, days: int) -> int:
    """Refresh every feed of the library at `library_path`; the exit status."""
    from lecteur.core.catalogue import set_language
    from lecteur.core.errors import LecteurError
    from lecteur.core.library.store import Library
    from lecteur.core.refresh import refresh
    from lecteur.core.workers.pool import ExtractorPool

    set_language(language)
    with contextlib.suppress(OSError, AttributeError):  # a platform without nice
        os.nice(NICE)
    stop = threading.Event()
    _stop_on_eof(stop)
    try:
        pool = ExtractorPool(warm_for="feeds").start_all()  # feeds first: a lighter warm-up
        with pool, Library(library_path) as library:
            results = refresh(library, pool, on_progress=lambda p: _line(_progress_line(p)),
                              stop=stop)
            library.feed_items.age_out(days)
    except LecteurError as error:
        _line({"error": str(error)})
        return 1
    _line({"end": True, "feeds": len(results),
           "new": sum(len(result.new_items) for result in results),
           "failed": sum(result.status == "failed" for result in results)})
    return 0


def main(argv: list[str]) -> int:
    """``LIBRARY LANGUAGE DAYS``: see the module's docstring."""
    path, language, days = argv
    with Path(os.devnull).open("w") as quiet, contextlib.redirect_stderr(quiet):
        return run(Path(path), language, int(days))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
