"""The reader's background search preparation runs at the lowest CPU priority, and only
its own thread does: the UI thread keeps its priority (Linux: a thread's niceness is its own)."""

from __future__ import annotations

import os
import sys
import threading

import pytest

from lecteur.ui.background import lower_this_threads_priority


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread niceness is Linux's")
def test_only_the_calling_thread_is_lowered() -> None:
    before = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    seen: list[int] = []

    def job() -> None:
        lower_this_threads_priority()
        seen.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))

    thread = threading.Thread(target=job)
    thread.start()
    thread.join()
    assert seen == [19]
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == before
