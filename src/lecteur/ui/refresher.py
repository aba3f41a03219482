"""``r``: every feed refreshed in the background while the reader keeps reading.

The refresh (`lecteur.core.refresh.refresh`) runs on a daemon thread with its own
`Library` connection (`lecteur.ui.daemon`: quitting never waits for it; `stop` is set
first, so what was fetched is stored and nothing new is asked). Its progress calls come
from that thread and are handed to the event loop without waiting (`call_soon_threadsafe`),
where they are shown at most every `SHOW_SECONDS`: on the sidebar's Feeds heading and in
the reading view's bar. New items make the screens read the library again at most every
`CHANGED_SECONDS` (`library_changed`), so the list grows while the reader moves in it. A
feed that fails keeps its sentence (`feeds.last_error`: the sidebar marks it ``!``, the
top bar says it); the others carry on. When it ends, one sentence sums it up, and the
feed items nobody kept that are older than ``feed_age_days`` leave the Inbox (`age_out`,
also run once when the reader starts).
"""

from __future__ import annotations

import asyncio
import contextvars
import threading
import time
from typing import TYPE_CHECKING, Protocol

from textual.app import App

from lecteur.core.library.store import Library
from lecteur.ui.context import ReaderContext
from lecteur.ui.daemon import in_daemon_thread
from lecteur.ui.i18n import plural, t

if TYPE_CHECKING:
    from lecteur.core.refresh import FeedResult, Progress

SHOW_SECONDS = 0.1
CHANGED_SECONDS = 1.0


class ShowsRefresh(Protocol):
    """A screen that says how far a refresh got (the main screen, the reading view)."""

    def show_refresh(self, done: int | None, total: int = 0) -> None:
        """`done` of `total` feeds (or full articles); None: the refresh ended."""


class Refresher:
    """At most one refresh at a time, started by `start` and ended early by `stop`."""

    def __init__(self, app: App[None], context: ReaderContext) -> None:
        self._app = app
        self._context = context
        self._stop: threading.Event | None = None
        self._latest: tuple[int, int] | None = None
        self._shown_at = 0.0
        self._changed_at = 0.0
        self._show_pending = False
        self._change_pending = False
        self.new_items = 0
        self.failed = 0

    @property
    def running(self) -> bool:
        """Whether a refresh is under way."""
        return self._stop is not None

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
        self._stop = threading.Event()
        self.new_items = self.failed = 0
        self._latest = (0, count)
        self._context.say(t("notify.refresh_started", count=count))
        self._show()
        self._app.run_worker(self._run(self._stop, asyncio.get_running_loop()), group="feeds",
                             exit_on_error=False)

    def age_out(self) -> None:
        """Take the feed items nobody kept, past ``feed_age_days``, out of the Inbox (a
        write, off the UI thread); the lists are read again if any left or came back."""
        library = self._context.library
        if library.read_only or not self._context.guarded_call(library.feeds.ids):
            return
        days = self._context.config.feed_age_days

        def aged(moved: tuple[int, int]) -> None:
            if any(moved):
                self._context.library_changed(None)

        self._context.write(lambda library: library.feed_items.age_out(days), aged)

    def stop(self) -> None:
        """Ask a running refresh to end (the reader quits): stored what was fetched."""
        if self._stop is not None:
            self._stop.set()

    async def _run(self, stop: threading.Event, loop: asyncio.AbstractEventLoop) -> None:
        path = self._context.library.path
        context = contextvars.copy_context()  # the app's, for the timers set from callbacks
        days = self._context.config.feed_age_days

        def job() -> list[FeedResult]:
            from lecteur.core.refresh import refresh

            def heard(progress: Progress) -> None:  # on the refresh's thread
                loop.call_soon_threadsafe(self._heard, progress, context=context)

            with Library(path) as library:
                results = refresh(library, self._context.pool, on_progress=heard, stop=stop)
                library.feed_items.age_out(days)
                return results

        try:
            results = await in_daemon_thread(job, name="lecteur-refresh")
        finally:
            self._stop = None
            self._latest = None
            self._show()
        self._context.library_changed(None)
        self._say_done(results)

    def _heard(self, progress: Progress) -> None:
        """One feed stored (or one full article): count it, show it soon, list it soon."""
        result = progress.result
        if result is not None:
            self.new_items += len(result.new_items)
            self.failed += result.status == "failed"
        if self._stop is None:  # ended meanwhile
            return
        self._latest = (progress.done, progress.total)
        if not self._show_pending:
            self._show_pending = True
            wait = max(0.01, SHOW_SECONDS - (time.monotonic() - self._shown_at))
            self._app.set_timer(wait, self._show)
        changed = ((result is not None and (result.new_items or result.status == "failed"))
                   or progress.completed is not None)
        if changed and not self._change_pending:
            self._change_pending = True
            wait = max(0.01, CHANGED_SECONDS - (time.monotonic() - self._changed_at))
            self._app.set_timer(wait, self._changed)

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

    def _say_done(self, results: list[FeedResult]) -> None:
        new = sum(len(result.new_items) for result in results)
        failed = sum(result.status == "failed" for result in results)
        feeds = plural(len(results), "feeds.count_one", "feeds.count_many")
        if failed:
            self._context.say(t("notify.refresh_failed", new=new, failed=failed, feeds=feeds),
                              severity="warning")
        else:
            self._context.say(t("notify.refresh_done", new=new, feeds=feeds))
