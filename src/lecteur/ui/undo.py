"""What `z` undoes: the reader's last changes of state, newest first.

Each change the reader makes by a key (save, star, archive, trash or restore, tag, read or
unread) records how to take it back: a library job for the writer thread and the sentence
to say once it is undone ("Restored from the trash: TITLE"). Only the UI thread touches
the log; the jobs run like every other write, off it. The log is the session's: undoing
the changes of another lecteur, or of a previous run, would surprise more than help.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from lecteur.core.library.store import Library

MAX_CHANGES = 100


class Change(NamedTuple):
    """One change the reader made, and how to take it back."""

    article_id: int | None  # None: a change of many (a whole list marked read)
    undo: Callable[[Library], Any]  # runs on the writer thread
    sentence: str  # catalogue key said once it is undone, given `values`
    values: dict[str, str]


class UndoLog:
    """The changes that `z` can take back, the newest last."""

    def __init__(self, limit: int = MAX_CHANGES) -> None:
        self._changes: list[Change] = []
        self._limit = limit

    def __len__(self) -> int:
        return len(self._changes)

    def record(self, change: Change) -> None:
        """Remember a change that landed (the oldest is forgotten past `limit`)."""
        self._changes.append(change)
        del self._changes[:-self._limit]

    def pop(self) -> Change | None:
        """The newest change, taken off the log (None: nothing to undo)."""
        return self._changes.pop() if self._changes else None
