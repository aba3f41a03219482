"""``r``: every feed refreshed in the background while the reader keeps reading.

The refresh runs in a child process (`lecteur.core.refresh_child`) at a lower CPU
priority, with its own extraction workers and its own connection to the library: parsing
keeps both cores busy and storing thousands of items is Python work, and neither may
take the CPU or the GIL from the reader's thread when a key needs it. The child reports
each feed stored as a JSON line; a daemon thread reads them and hands them to the event
loop without waiting (`call_soon_threadsafe`), where they are shown at most every
`SHOW_SECONDS` (the screens' `show_refresh`: the main screen's top bar, the reading
view's bar). New items make the screens read the library again at most every
`CHANGED_SECONDS` (`library_changed`), so the lists grow while the reader moves in them.
A feed that fails keeps its sentence (``feeds.last_error``: the sidebar marks it ``!``,
the top bar says it when it is shown); the others carry on. When the refresh ends, one
sentence sums it up; the child has then taken out of the Inbox the feed items nobody kept
that are older than ``feed_age_days`` (`age_out` does the same when the reader starts).
Quitting closes the child's stdin: it stores what it fetched and asks nothing more.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import json
import subprocess
import sys
import threading
import time
from typing import IO, Any, Protocol

from textual.app import App

from lecteur.ui.background import lower_this_threads_priority
from lecteur.ui.context import ReaderContext
from lecteur.ui.i18n import language, plural, t

SHOW_SECONDS = 0.1
CHANGED_SECONDS = 2.0


class ShowsRefresh(Protocol):
    """A screen that says how far a refresh got (the main screen, the reading view)."""

    def show_refresh(self, done: int | None, total: int = 0) -> None:
        """`done` of `total` feeds (or full articles); None: the refresh ended."""


class Refresher:
    """At most one refresh at a time, started by `start` and ended early by `stop`."""

    def __init__(self, app: App[None], context: ReaderContext) -> None:
        self._app = app
        self._context = context
        self._child: subprocess.Popen[bytes] | None = None
        self._latest: tuple[int, int] | None = None
        self._shown_at = 0.0
        self._changed_at = 0.0
        self._show_pending = False
        self._change_pending = False
        self._ended = False
        self.new_items = 0
        self.failed = 0

    @property
    def running(self) -> bool:
        """Whether a refresh is under way."""
        return self._child is not None

    def start(self) -> None:
        """Refresh every feed in the background (say so if one runs, or there is no feed)."""
        if self.running:
            self._context.say(t("notify.refresh_running"))
            return
        count = self._context.guarded_call(lambda: len(self._context.library.feeds.ids()))
        if not count:
            if count is not None:
                self._context.say(t("notify.no_feeds"))
            return
        library = self._context.library
        command = [sys.executable, "-m", "lecteur.core.refresh_child", str(library.path),
                   language(), str(self._context.config.feed_age_days)]
        try:
            self._child = subprocess.Popen(command, stdin=subprocess.PIPE,
                                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        except OSError as error:
            self._context.say(t("notify.refresh_crashed", reason=str(error)), severity="error")
            return
        self.new_items = self.failed = 0
        self._ended = False
        self._latest = (0, count)
        self._context.say(t("notify.refresh_started", count=count))
        self._show()
        assert self._child.stdout is not None
        loop, context = asyncio.get_running_loop(), contextvars.copy_context()
        threading.Thread(target=self._listen, args=(self._child, self._child.stdout, loop,
                                                    context),
                         name="lecteur-refresh", daemon=True).start()

    def stop(self) -> None:
        """Ask a running refresh to end (the reader quits): it stores what it fetched."""
        child = self._child
        if child is not None and child.stdin is not None:
            with contextlib.suppress(OSError):
                child.stdin.close()

    def age_out(self) -> None:
        """Take the feed items nobody kept, past ``feed_age_days``, out of the Inbox, on a
        thread and connection of its own at the lowest priority: judging every old item
        takes seconds at a million articles, and on the writer's thread every change the
        reader made meanwhile waited behind it (and was lost by a quit within the writer's
        `CLOSE_SECONDS`). The lists are read again if any left or came back."""
        library = self._context.library
        if library.read_only or not self._context.guarded_call(library.feeds.ids):
            return
        days, path = self._context.config.feed_age_days, library.path
        loop = asyncio.get_running_loop()

        def run() -> None:
            from lecteur.core.errors import LecteurError
            from lecteur.core.library.store import Library, StorageError

            lower_this_threads_priority()
            with contextlib.suppress(LecteurError, *StorageError), Library(
                    path, for_writing=False, check=False) as own:
                if any(own.feed_items.age_out(days)):
                    with contextlib.suppress(RuntimeError):  # the reader has quit
                        loop.call_soon_threadsafe(self._context.library_changed, None)

        threading.Thread(target=run, name="lecteur-age-out", daemon=True).start()

    # --- the child's lines (read on a daemon thread, handled on the event loop) ---------

    def _listen(self, child: subprocess.Popen[bytes], out: IO[bytes],
                loop: asyncio.AbstractEventLoop, context: contextvars.Context) -> None:
        def hand(data: dict[str, Any]) -> None:
            with contextlib.suppress(RuntimeError):  # the loop closed: the reader quit
                loop.call_soon_threadsafe(self._heard, data, context=context)

        for raw in out:
            try:
                data = json.loads(raw)
            except ValueError:
                continue
            if isinstance(data, dict):
                hand(data)
        child.wait()
        hand({"exit": child.returncode})

    def _heard(self, data: dict[str, Any]) -> None:
        if "exit" in data:
            self._finished(int(data["exit"]))
        elif "error" in data:
            self._ended = True
            self._context.say(str(data["error"]), severity="error")
        elif data.get("end"):
            self._ended = True
            self._say_done(int(data["feeds"]), int(data["new"]), int(data["failed"]))
        else:
            self._progress(data)

    def _progress(self, data: dict[str, Any]) -> None:
        """One feed stored (or one full article): count it, show it soon, list it soon."""
        new, failed = int(data.get("new", 0)), bool(data.get("failed"))
        self.new_items += new
        self.failed += failed
        self._latest = (int(data.get("done", 0)), int(data.get("total", 0)))
        if not self._show_pending:
            self._show_pending = True
            wait = max(0.01, SHOW_SECONDS - (time.monotonic() - self._shown_at))
            self._app.set_timer(wait, self._show)
        if (new or failed or data.get("changed")) and not self._change_pending:
            self._change_pending = True
            wait = max(0.01, CHANGED_SECONDS - (time.monotonic() - self._changed_at))
            self._app.set_timer(wait, self._changed)

    def _finished(self, status: int) -> None:
        self._child = None
        self._latest = None
        self._show()
        self._context.library_changed(None)
        if status != 0 and not self._ended:  # a crash or a kill: say it, keep what landed
            self._context.say(t("notify.refresh_crashed", reason=f"exit status {status}"),
                              severity="error")

    def _show(self) -> None:
        self._show_pending = False
        self._shown_at = time.monotonic()
        done, total = self._latest if self._latest is not None else (None, 0)
        for screen in self._app.screen_stack:
            show = getattr(screen, "show_refresh", None)
            if show is not None and screen.is_mounted:
                show(done, total)

    def _changed(self) -> None:
        self._change_pending = False
        self._changed_at = time.monotonic()
        if self.running:
            self._context.library_changed(None)

    def _say_done(self, feeds: int, new: int, failed: int) -> None:
        counted = plural(feeds, "feeds.count_one", "feeds.count_many")
        if failed:
            self._context.say(t("notify.refresh_failed", new=new, failed=failed, feeds=counted),
                              severity="warning")
        else:
            self._context.say(t("notify.refresh_done", new=new, feeds=counted))
