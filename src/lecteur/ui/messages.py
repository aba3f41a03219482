"""The messages the reader's parts send each other (screens never call the app's methods
to say that something happened; they post one of these, and the app or a screen handles it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.message import Message


class LibraryChanged(Message):
    """The library changed (here or in another lecteur): every screen shows it.

    `article_id` is the article concerned, None when it may be any; `recount` False says no
    view gained or lost an article (a read mark, a note), so lists only redraw their rows.
    """

    def __init__(self, article_id: int | None = None, recount: bool = True) -> None:
        super().__init__()
        self.article_id = article_id
        self.recount = recount


class WriteDone(Message):
    """A write ran on the writer thread; `then` (if any) runs with its result on the UI."""

    def __init__(self, then: Callable[[Any], None] | None, result: Any) -> None:
        super().__init__()
        self.then = then
        self.result = result


class WriteFailed(Message):
    """A write failed on the writer thread; `otherwise(error)` (if any) runs on the UI.

    `number` is the job's place in the order of submission (1 is the first job).
    """

    def __init__(self, error: BaseException,
                 otherwise: Callable[[BaseException], None] | None, number: int = 0) -> None:
        super().__init__()
        self.error = error
        self.otherwise = otherwise
        self.number = number


class LibraryWaiting(Message):
    """Another lecteur holds the write lock: the reader's change waits for it."""
