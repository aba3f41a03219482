"""Run blocking work (the network) on a daemon thread that the reader can await.

Textual's thread workers run on the event loop's default executor, whose threads the
interpreter joins at exit: a reader that quits while a fetch waits on a slow server would
leave the screen and then linger until the fetch gives up. Work started here runs on a
daemon thread instead, and the reader awaits it from an ordinary (async) worker: quitting
cancels the worker, and the process ends at once, whatever the thread is waiting on.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


async def in_daemon_thread(job: Callable[[], T], name: str = "lecteur-net") -> T:
    """Run `job()` on a new daemon thread; return its result or raise its error."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def settle(result: T | None, error: BaseException | None) -> None:
        if future.done():  # cancelled meanwhile (the reader quit)
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)  # type: ignore[arg-type]

    def run() -> None:
        try:
            outcome: tuple[T | None, BaseException | None] = (job(), None)
        except BaseException as error:  # handed back to the awaiting worker
            outcome = (None, error)
        with contextlib.suppress(RuntimeError):  # the loop is closed: nobody is waiting
            loop.call_soon_threadsafe(settle, *outcome)

    threading.Thread(target=run, name=name, daemon=True).start()
    return await future
