"""Every route between the reader's screens, and back, on the demo library (issue 8, item 1).

The screens: the list, the reading view, search, Quotes, People, an author's card, the
help and the command palette. From each one, every screen it leads to is reached by the
keys a reader would press (the palette's commands included), then left with that screen's
back key; after every key the stack holds at most one reading view and the app still runs
with no exception. Modal dialogs (search, card, help, palette) answer only their own keys,
so their routes are their own (search reads a result, the card a piece or the quotations).

Then the real binary, in a pseudo-terminal: a bug inside a key's handler (the test-only
``LECTEUR_TEST_CRASH=help`` makes ``?`` raise) writes the crash log and exits with 1.
"""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import OptionList
from ui_helpers import article, run_app

from lecteur.core.library.store import Library
from lecteur.core.models import Block, FeedItem
from lecteur.data import demo_articles
from lecteur.ui import compat
from lecteur.ui.screens.help import HelpScreen
from lecteur.ui.screens.main import MainScreen
from lecteur.ui.screens.people import AuthorCardScreen, PeopleScreen
from lecteur.ui.screens.quotes import QuotesScreen
from lecteur.ui.screens.reader import ReaderScreen
from lecteur.ui.screens.search import SearchScreen

# The demo quotes none of its authors: one article whose author is quoted in it too.
QUOTED_AUTHOR = article(99, blocks=(Block("paragraph", "Comme je le dis souvent :"),
                                    Block("quote", "Je me cite.", speaker="Jeanne Roy")))
SCREENS: dict[str, type] = {
    "list": MainScreen, "reader": ReaderScreen, "search": SearchScreen, "quotes": QuotesScreen,
    "people": PeopleScreen, "card": AuthorCardScreen, "help": HelpScreen,
    "palette": CommandPalette}
BACK = {"reader": "escape", "search": "escape", "quotes": "q", "people": "q", "card": "q",
        "help": "q", "palette": "escape"}

Step = Callable[[object, object], Awaitable[None]]


def check(app) -> None:
    """What must hold after every key: one reader at most, running, nothing raised."""
    readers = [screen for screen in app.screen_stack if isinstance(screen, ReaderScreen)]
    assert len(readers) <= 1, [type(screen).__name__ for screen in app.screen_stack]
    assert app.is_running and compat.unhandled_exception(app) is None


async def press(app, pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()
        check(app)


def keys(*pressed: str) -> Step:
    async def step(app, pilot) -> None:
        await press(app, pilot, *pressed)
    return step


def palette(command: str) -> Step:
    """Open the palette and run `command` (typed, then Enter on the first match)."""
    async def step(app, pilot) -> None:
        await press(app, pilot, "ctrl+p", *command)
        await pilot.pause(0.3)  # the palette searches its commands in a worker
        await press(app, pilot, "enter")
    return step


def choose(command: str) -> Step:
    """In the open palette: type `command`, wait for its matches, run the first."""
    async def step(app, pilot) -> None:
        await press(app, pilot, *command)
        await pilot.pause(0.3)
        await press(app, pilot, "enter")
    return step


async def to_search(app, pilot) -> None:
    """``/`` and a word: the search dialog, with results to read."""
    await press(app, pilot, "slash", *"reseau")
    await app.workers.wait_for_complete()
    await pilot.pause()
    check(app)


async def an_author_card(app, pilot) -> None:
    """From the People view: the card of an author, one also quoted if there is one."""
    if not isinstance(app.screen, PeopleScreen):
        await press(app, pilot, "P")
    screen = app.screen
    authors = [index for index, person in enumerate(screen.people) if person.articles]
    row = max(authors, key=lambda index: screen.people[index].quotes > 0)
    screen.table.move_cursor(row=row)
    await press(app, pilot, "enter")


async def a_speaker_only(app, pilot) -> None:
    """From the People view: someone only quoted (Enter lists their quotations)."""
    screen = app.screen
    row = next(index for index, person in enumerate(screen.people) if not person.articles)
    screen.table.move_cursor(row=row)
    await press(app, pilot, "enter")


async def card_quotations(app, pilot) -> None:
    """From a card: its last option, the author's own quotations."""
    pieces = app.screen.query_one(OptionList)
    assert pieces.get_option_at_index(pieces.option_count - 1).id == AuthorCardScreen.QUOTES_ID
    pieces.highlighted = pieces.option_count - 1
    await press(app, pilot, "enter")


async def back_to_list(app, pilot) -> None:
    while not isinstance(app.screen, MainScreen):
        name = next(name for name, kind in SCREENS.items() if isinstance(app.screen, kind))
        await press(app, pilot, BACK[name])


async def via_card_to_reader(app, pilot) -> None:
    await an_author_card(app, pilot)
    await press(app, pilot, "enter")


# How to get from each screen to each other one, as a reader would.
ROUTES: dict[str, dict[str, Step]] = {
    "list": {"reader": keys("enter"), "search": to_search, "quotes": keys("Q"),
             "people": keys("P"), "card": an_author_card, "help": keys("question_mark"),
             "palette": keys("ctrl+p")},
    "reader": {"list": keys("escape"), "search": to_search, "quotes": keys("Q"),
               "people": keys("P"), "card": an_author_card, "help": keys("question_mark"),
               "palette": keys("ctrl+p"), "reader": keys("right_square_bracket")},
    "search": {"reader": keys("enter"), "list": keys("escape")},
    "quotes": {"reader": keys("enter"), "list": keys("q"), "search": palette("search"),
               "people": keys("P"), "card": an_author_card, "help": keys("question_mark"),
               "palette": keys("ctrl+p")},
    "people": {"reader": via_card_to_reader, "list": keys("q"), "search": to_search,
               "quotes": a_speaker_only, "card": an_author_card,
               "help": keys("question_mark"), "palette": keys("ctrl+p")},
    "card": {"reader": keys("enter"), "people": keys("escape"), "quotes": card_quotations},
    "help": {"list": keys("q")},
    "palette": {"search": choose("search"), "quotes": choose("quotations"),
                "people": choose("people"), "help": choose("help"), "list": keys("escape")},
}
# How to reach each screen from the list, to start a walk there.
REACH: dict[str, Step] = {"list": keys(), **ROUTES["list"]}


@pytest.mark.parametrize("source", list(ROUTES))
def test_every_route_and_back(make_app, library: Library, source: str) -> None:
    library.articles.seed_demo(demo_articles())
    library.articles.add(QUOTED_AUTHOR)

    async def scenario(app, pilot) -> None:
        for target in ROUTES[source]:
            await walk(app, pilot, source, target)

    run_app(make_app(demo=False), scenario, size=(120, 40))


async def walk(app, pilot, source: str, target: str) -> None:
    """From the list to `source`, then to `target`, back, and back to the list."""
    await REACH[source](app, pilot)
    assert isinstance(app.screen, SCREENS[source]), app.screen
    if target == "reader" and source == "reader":
        before = app.screen.article_id
    await ROUTES[source][target](app, pilot)
    if source == "palette":
        await pilot.pause(0.3)
    assert isinstance(app.screen, SCREENS[target]), (source, target, app.screen_stack)
    if target == "reader" and source == "reader":
        assert app.screen.article_id != before
    if target != "list":  # and back: the screen's back key shows what was below it
        below = app.screen_stack[-2]
        await press(app, pilot, BACK[target])
        assert app.screen is below
    await back_to_list(app, pilot)
    assert len(app.screen_stack) == 1


def test_reading_from_everywhere_keeps_one_reader(make_app, library: Library) -> None:
    """A long walk through every screen that opens an article, never leaving the reader."""
    library.articles.seed_demo(demo_articles())
    library.articles.add(QUOTED_AUTHOR)

    async def scenario(app, pilot) -> None:
        await press(app, pilot, "enter")
        for step in (to_search, keys("enter"), keys("Q", "enter"), keys("P"),
                     via_card_to_reader, keys("right_square_bracket"), to_search,
                     keys("enter"), palette("quotations"), keys("enter")):
            await step(app, pilot)
            check(app)
        assert isinstance(app.screen, ReaderScreen) and len(app.screen_stack) == 2
        await press(app, pilot, "escape")
        assert isinstance(app.screen, MainScreen)

    run_app(make_app(demo=False), scenario, size=(120, 40))


def test_a_feed_view_from_the_sidebar_read_and_back(make_app, library: Library) -> None:
    """The walk visits a feed: Tab to the sidebar, down to the feed, Enter to its items,
    Enter reads one, n the next unread, Escape and Tab back to the list."""
    library.articles.seed_demo(demo_articles())
    feed_id = library.feeds.add("https://example.org/feed.rss", "Le flux", tags=["réseau"])[0]
    items = [FeedItem(f"g{n}", f"Élément {n}", f"https://example.org/f/{n}",
                      blocks=(Block("paragraph", f"Texte {n} [AFP]."),)) for n in range(3)]
    library.feed_items.store(feed_id, items, feed_url="https://example.org/feed.rss",
                             title="Le flux", site_url=None, language="fr", etag=None,
                             last_modified=None, body_hash="x")

    async def scenario(app, pilot) -> None:
        await press(app, pilot, "tab")
        sidebar = app.screen.query_one("#sidebar", OptionList)
        while sidebar.highlighted_option.id != f"feed:{feed_id}":
            await press(app, pilot, "j")
        await press(app, pilot, "enter")
        assert app.screen.article_list.view.feed_id == feed_id
        assert app.screen.article_list.total == 3
        await press(app, pilot, "enter")
        assert isinstance(app.screen, ReaderScreen)
        first = app.screen.article_id
        await press(app, pilot, "n")
        assert isinstance(app.screen, ReaderScreen) and app.screen.article_id != first
        await press(app, pilot, "escape")
        assert isinstance(app.screen, MainScreen) and len(app.screen_stack) == 1

    run_app(make_app(demo=False), scenario, size=(120, 40))


def _read_until_exit(fd: int, process: subprocess.Popen[bytes], seconds: float) -> bytes:
    seen = b""
    deadline = time.monotonic() + seconds
    while process.poll() is None and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:  # the terminal closed: the process is ending
                process.wait(timeout=10)
    return seen


def _read_for(fd: int, needle: bytes, seconds: float) -> bytes:
    seen = b""
    deadline = time.monotonic() + seconds
    while needle not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            seen += os.read(fd, 65536)
    return seen


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_a_bug_in_a_key_handler_writes_the_crash_log_and_exits_1(tmp_path: Path) -> None:
    master, slave = pty.openpty()
    env = {**os.environ, "LECTEUR_HOME": str(tmp_path), "TERM": "xterm-256color",
           "LANG": "en_US.UTF-8", "LECTEUR_TEST_CRASH": "help"}
    process = subprocess.Popen([sys.executable, "-m", "lecteur"], env=env, stdin=slave,
                               stdout=slave, stderr=slave, close_fds=True)
    os.close(slave)
    try:
        screen = _read_for(master, b"Welcome", 30)
        os.write(master, b"\r")  # close the welcome
        screen += _read_for(master, b"Inbox", 10)
        os.write(master, b"?")
        screen += _read_until_exit(master, process, 30)
        assert process.wait(timeout=5) == 1
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
    log = tmp_path / "cache" / "crash.log"
    assert "LECTEUR_TEST_CRASH=help: a bug on purpose" in log.read_text(encoding="utf-8")
    assert f"details in {log}".encode() in screen.replace(b"\r\n", b"")
