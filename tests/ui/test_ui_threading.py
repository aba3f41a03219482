"""The threading model, demonstrated: the UI thread never waits for SQLite's write lock.

A second process holds the library's write lock for three seconds while a pilot presses
keys in the reader (move, star, tag, note): every key is answered at once, and the writes
land, in order and none lost, once the lock is released.
"""

from __future__ import annotations

import subprocess
import sys
import time

from textual.pilot import Pilot
from ui_helpers import fill, run_app, screen_text, settle, toasts, wait_until

from lecteur.core.library.store import Library
from lecteur.ui.dialogs.note import NoteScreen
from lecteur.ui.screens.main import MainScreen
from lecteur.ui.widgets.article_list import ArticleList

HOLD_SECONDS = 3.0
KEY_BUDGET_SECONDS = 0.5  # a key answered later than this would be felt as a freeze
# (a pilot press costs ~50-80 ms of its own on a loaded machine; a write waiting for the
# lock would cost the whole three seconds)

_HOLDER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("ROLLBACK")
"""


def hold_write_lock(library: Library, seconds: float) -> subprocess.Popen[str]:
    """Start a process that takes the write lock, and return once it has it."""
    holder = subprocess.Popen([sys.executable, "-c", _HOLDER, str(library.path), str(seconds)],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    return holder


def test_keys_are_answered_while_another_process_holds_the_write_lock(
        make_app, library: Library) -> None:
    ids = fill(library, 5)
    second = ids[-2]  # the list shows the newest first: one row down is the second newest
    press = Pilot.press.__wrapped__  # the bare press: no waiting for the writes

    async def scenario(app, pilot) -> None:
        holder = hold_write_lock(library, HOLD_SECONDS)
        try:
            latencies = []
            for keys in (["j"], ["f"], ["t", *"réseau", "enter"], ["escape"],
                         ["w", *"Une idée", "ctrl+s"]):
                started = time.monotonic()
                await press(pilot, *keys)
                latencies.append((keys[0], (time.monotonic() - started) / len(keys)))
            assert holder.poll() is None, "the lock was released before the keys were done"
            assert app.screen.query_one("#note-hint").render().plain == "Saving…"
            assert isinstance(app.screen, NoteScreen)  # open until its note has landed
            slow = [(key, round(s, 2)) for key, s in latencies if s > KEY_BUDGET_SECONDS]
            assert not slow, f"keys waited for the library: {slow}"
            assert app.screen_stack[0].query_one(ArticleList).cursor == 1
            assert library.views.row(second).starred is False  # nothing landed yet
            assert any("another lecteur is writing" in m.lower() for m in toasts(app))
        finally:
            holder.wait(timeout=HOLD_SECONDS + 10)
        await settle(app, pilot, timeout=HOLD_SECONDS + 10)
        assert isinstance(app.screen, MainScreen)
        assert library.views.row(second).starred is True
        assert library.tags.of(second) == ["réseau"]
        assert [note.text for note in library.notes.of(second)] == ["Une idée"]
        assert library.drafts.get(f"note:{second}:article") is None

    run_app(make_app(demo=False), scenario)


PATHOLOGICAL = ("<html><head><title>Lourde</title></head><body><article>"
                + "<div>" * 2_000 + "<p>un deux trois quatre cinq six sept</p>" * 20_000
                + "</div>" * 2_000 + "</article></body></html>")


def test_keys_are_answered_while_an_added_page_is_read(make_app, library: Library,
                                                       site) -> None:
    """A page that takes 3 s to answer is added through the reader's `u` dialog, and the
    dialog closed with Escape: moving in the list is answered at once meanwhile, and the
    page then arrives in the list with a notification (Escape used to cancel the dialog's
    worker: the page never arrived, and nothing was said)."""
    fill(library, 5)
    press = Pilot.press.__wrapped__

    async def scenario(app, pilot) -> None:
        await press(pilot, "u", *site.url("/slow-headers"), "enter", "escape")
        latencies = []
        for key in "jjjkjjkk" * 2:
            started = time.monotonic()
            await press(pilot, key)
            latencies.append(time.monotonic() - started)
        assert any(m.startswith("Still reading") for m in toasts(app)), toasts(app)
        busy = any(worker.is_running for worker in app.workers)
        assert busy, ("the page was read before the keys could be timed", toasts(app))
        slow = [round(s, 2) for s in latencies if s > KEY_BUDGET_SECONDS]
        assert not slow, f"keys waited for the page: {slow}"
        expected = 0
        for key in "jjjkjjkk" * 2:
            expected = min(4, expected + 1) if key == "j" else max(0, expected - 1)
        assert app.screen_stack[0].query_one(ArticleList).cursor == expected
        await wait_until(pilot, lambda: not any(w.is_running for w in app.workers), timeout=30)
        await pilot.pause()
        assert library.articles.count() == 6, toasts(app)
        assert any(m.startswith("Added") for m in toasts(app)), toasts(app)

    app = make_app(demo=False)
    try:
        run_app(app, scenario)
    finally:
        app._pool.close()


def test_a_pathological_page_added_in_the_reader_ends_in_an_article_or_a_sentence(
        make_app, library: Library, site) -> None:
    """The Pages battery, in the reader: a page of 20,000 paragraphs in 2,000 levels of
    nesting, added with `u` and the dialog closed, ends as an article in the list with a
    notification, or as one sentence; the reader stays up and answers keys."""
    fill(library, 5)
    url = site.add("/lourde.html", PATHOLOGICAL.encode(), "text/html; charset=utf-8")

    async def scenario(app, pilot) -> None:
        await pilot.press("u", *url, "enter", "escape")
        await wait_until(pilot, lambda: not any(w.is_running for w in app.workers), timeout=30)
        await pilot.pause()
        assert app.is_running
        if library.articles.count() == 6:  # read: said, and shown in the list
            assert any(m.startswith("Added") for m in toasts(app)), toasts(app)
            assert "Lourde" in screen_text(app)
        else:  # stopped at its limit, or not an article: one sentence
            assert any(m.endswith(".") and "lourde" in m for m in toasts(app)), toasts(app)
        await pilot.press("j")
        assert app.screen_stack[0].query_one(ArticleList).cursor == 1

    app = make_app(demo=False)
    try:
        run_app(app, scenario)
    finally:
        app._pool.close()
