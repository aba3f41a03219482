"""Background jobs of the reader that must never take a core from the keys.

The reader's long jobs (the daily backup's copy and check, making the search lists ahead,
judging feed items for the Inbox) run on threads of their own, each with its own
connection, at the lowest CPU priority: on Linux a thread is a task of its own, so its
niceness is its own, and the UI thread keeps its priority.
"""

from __future__ import annotations

import contextlib
import os
import threading


def lower_this_threads_priority() -> None:
    """Give the calling thread the lowest CPU priority (Linux); elsewhere, nothing."""
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
