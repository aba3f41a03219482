"""Feeds in the reader (issue 11): the sidebar's feeds with unread counts, grouped by tag;
``r`` refreshing every feed in the background while keys are pressed, items appearing as
they arrive, a failing feed's sentence; ``n``/``N`` across feeds.

Everything real: the feeds come from a server on 127.0.0.1 (tests/feed_server.py), the
library is a SQLite file of the test's home, the app runs under a pilot.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from ui_helpers import covers, run_app, screen_text, toasts, wait_until

from feed_server import FeedServer, Route, feed_server, rss
from lecteur.core.library.store import Library
from lecteur.core.library.views import View
from lecteur.ui.widgets.sidebar import Sidebar


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with feed_server() as running:
        yield running


def _feed(title: str, items: int) -> bytes:
    """A feed whose links are its own (links are what makes two items one article)."""
    return rss(title, items, prefix=f"https://example.org/{title.lower()}")


async def _refreshed(app, pilot, shown: str) -> None:
    """Press r, let the refresh end, and wait until a sidebar entry holds `shown`."""
    await pilot.press("r")
    await wait_until(pilot, lambda: not app.refresher.running, timeout=30)
    await wait_until(pilot, lambda: any(shown in p for p in _prompts(app)))


def _prompts(app) -> list[str]:
    sidebar = app.screen.query_one(Sidebar)
    return [str(sidebar.get_option_at_index(i).prompt) for i in range(sidebar.option_count)]


@covers("app.refresh_feeds", "list.down", "list.up")
def test_r_refreshes_in_the_background_while_keys_are_answered(
        make_app, library: Library, server: FeedServer) -> None:
    """Keys move the list while the refresh runs; items appear before it ends; the failing
    feed is marked and says why; the others carry on."""
    for n in range(4):
        library.feeds.add(server.add(f"/fast{n}.rss", Route(_feed(f"Fast{n}", 5))))
    library.feeds.add(server.add("/slow.rss", Route(_feed("Slow", 5), delay=8)))
    broken = library.feeds.add(server.add("/broken.rss", Route(b"oops", status=500)))[0]
    app = make_app(demo=False)

    async def scenario(app, pilot) -> None:
        articles = app.screen.article_list
        assert articles.total == 0
        await pilot.press("r")
        assert app.refresher.running
        # The fast feeds land while the slow one is still on its way.
        await wait_until(pilot, lambda: articles.total >= 20, timeout=30)
        assert app.refresher.running, "the slow feed should still be pending"
        assert "⟳" in screen_text(app).splitlines()[0]  # how far it got, in the top bar
        for _ in range(6):
            await pilot.press("j")
        await pilot.press("k")
        assert articles.cursor == 5 and app.refresher.running  # answered, refresh still on
        await wait_until(pilot, lambda: not app.refresher.running, timeout=30)
        await wait_until(pilot, lambda: articles.total == 25, timeout=5)
        prompts = _prompts(app)
        assert any(p.startswith("! ") and "127.0.0.1" in p for p in prompts), prompts
        assert any(p.startswith("◦ Slow 5") for p in prompts), prompts
        assert any("1 failed" in message for message in toasts(app)), toasts(app)
        # The failing feed, shown: the top bar says its sentence.
        app.screen.query_one(Sidebar).choose(f"feed:{broken}")
        await pilot.pause()
        assert app.screen.article_list.view == View("feed", feed_id=broken)
        top = screen_text(app).splitlines()[0]
        assert "! " in top and "500" in top, top

    run_app(app, scenario, size=(120, 40))


def test_the_sidebar_groups_feeds_by_their_first_tag_with_unread_counts(
        make_app, library: Library, server: FeedServer) -> None:
    career = library.feeds.add(server.add("/a.rss", Route(_feed("Alpha", 3))),
                               tags=["carrière"])[0]
    library.feeds.add(server.add("/b.rss", Route(_feed("Beta", 2))))
    app = make_app(demo=False)

    async def scenario(app, pilot) -> None:
        await _refreshed(app, pilot, "Beta 2")
        prompts = _prompts(app)
        start = prompts.index("Feeds")
        assert prompts[start + 1:] == ["▾ carrière 3", "  ◦ Alpha 3", "◦ Beta 2"], prompts
        # Choosing a feed lists its items, read from its index.
        app.screen.query_one(Sidebar).choose(f"feed:{career}")
        await pilot.pause()
        assert app.screen.article_list.total == 3
        assert "Alpha" in screen_text(app).splitlines()[0]

    run_app(app, scenario, size=(120, 40))



def test_a_feed_with_two_tags_is_in_both_folders_and_walked_once(
        make_app, library: Library, server: FeedServer) -> None:
    """OPML's *Carrière > Réseau* gives a feed both tags, and newsboat's urls list as many
    as one likes: listed under its first tag only, the *Réseau* folder was nowhere in the
    sidebar. It is in both; choosing either shows the feed; n walks it once."""
    both = library.feeds.add(server.add("/a.rss", Route(_feed("Alpha", 3))),
                             tags=["carrière", "réseau"])[0]
    library.feeds.add(server.add("/b.rss", Route(_feed("Beta", 2))), tags=["réseau"])
    app = make_app(demo=False)

    async def scenario(app, pilot) -> None:
        await _refreshed(app, pilot, "Beta 2")
        prompts = _prompts(app)
        start = prompts.index("Feeds")
        assert prompts[start + 1:] == ["▾ carrière 3", "  ◦ Alpha 3", "▾ réseau 5",
                                       "  ◦ Alpha 3", "  ◦ Beta 2"], prompts
        sidebar = app.screen.query_one(Sidebar)
        assert sidebar.feed_order() == [both, both + 1]
        sidebar.highlighted = start + 4  # Alpha again, in réseau
        await pilot.pause()
        assert app.screen.article_list.view == View("feed", feed_id=both)

    run_app(app, scenario, size=(120, 40))


@pytest.mark.parametrize("width", [120, 90])  # the sidebar's 24 columns, and a narrow 18
def test_a_long_feed_title_is_cut_on_its_line_and_keeps_its_count(
        make_app, library: Library, server: FeedServer, width: int) -> None:
    """A name too long for the sidebar ends with an ellipsis on one line, its unread count
    still in sight (it wrapped onto a second line, and pushed the count off it), at the
    sidebar's usual width and on a narrow screen's narrower sidebar."""
    library.feeds.add(server.add("/long.rss", Route(rss(
        "Harvard Business Review Careers Weekly", 12, prefix="https://example.org/hbr"))),
        tags=["careers"])
    app = make_app(demo=False)

    async def scenario(app, pilot) -> None:
        await pilot.press("r")
        await wait_until(pilot, lambda: not app.refresher.running, timeout=30)
        await wait_until(pilot, lambda: any(p.endswith(" 12") and "◦" in p
                                            for p in _prompts(app)))
        lines = [line for line in screen_text(app).splitlines() if "◦ Harvard" in line]
        assert len(lines) == 1, screen_text(app)
        entry = lines[0].split("▕")[0].rstrip()
        assert entry.endswith("… 12"), entry

    run_app(app, scenario, size=(width, 40))

def _titles_of(library: Library, ids: list[int | None]) -> list[str]:
    rows = [library.views.row(i) if i is not None else None for i in ids]
    return [row.title if row else "-" for row in rows]


@covers("article.next_unread", "article.previous_unread", "list.open")
def test_n_and_N_walk_the_unread_items_across_feeds_in_the_sidebars_order(
        make_app, library: Library, server: FeedServer) -> None:
    """In a feed, n goes down its unread items, then on to the next feed with unread
    items (in the sidebar's order), round to the first; N goes back. In the reading view n
    opens the next unread (the one read is marked read, so it is skipped)."""
    alpha = library.feeds.add(server.add("/a.rss", Route(_feed("Alpha", 2))), tags=["x"])[0]
    library.feeds.add(server.add("/b.rss", Route(_feed("Beta", 2))))
    library.feeds.add(server.add("/c.rss", Route(_feed("Empty", 0))))
    app = make_app(demo=False)

    async def scenario(app, pilot) -> None:
        await pilot.press("r")
        await wait_until(pilot, lambda: not app.refresher.running, timeout=30)
        await pilot.pause()
        app.screen.query_one(Sidebar).choose(f"feed:{alpha}")
        await pilot.pause()
        articles = app.screen.article_list
        seen = [articles.current.title]
        for key in "nnnn":
            await pilot.press(key)
            seen.append(articles.current.title)
        await pilot.press("N")
        seen.append(articles.current.title)
        assert seen == ["Alpha 2", "Alpha 1", "Beta 2", "Beta 1", "Alpha 2", "Beta 1"], seen
        # From the reading view: Enter reads Beta 1, n reads Alpha 2 (round), then Alpha 1.
        await pilot.press("enter")
        read = [app.screen.article_id]
        await pilot.press("n")
        read.append(app.screen.article_id)
        await pilot.press("n")
        read.append(app.screen.article_id)
        assert _titles_of(library, read) == ["Beta 1", "Alpha 2", "Alpha 1"]
        await pilot.press("n")  # only Beta 2 is left unread
        assert _titles_of(library, [app.screen.article_id]) == ["Beta 2"]
        await pilot.press("n")
        await pilot.pause()
        assert "No unread article left." in toasts(app)

    run_app(app, scenario, size=(120, 40))


def test_r_without_feeds_says_how_to_add_one(make_app, library: Library) -> None:
    app = make_app(demo=False)

    async def scenario(app, pilot) -> None:
        await pilot.press("r")
        assert not app.refresher.running
        assert any("lecteur feeds add" in message for message in toasts(app))

    run_app(app, scenario)


def test_feed_items_nobody_kept_have_aged_out_of_the_inbox_when_the_reader_starts(
        make_app, library: Library) -> None:
    """Older than ``feed_age_days`` (here 10): out of the Inbox, still in their feed."""
    from lecteur.core.config import Config
    from lecteur.core.models import Block, FeedItem

    feed_id = library.feeds.add("https://example.org/feed.rss", "Flux")[0]
    items = [FeedItem(f"g{n}", f"Élément {n}", f"https://example.org/i/{n}",
                      blocks=(Block("paragraph", "Texte."),)) for n in range(3)]
    ids = library.feed_items.store(feed_id, items, feed_url="https://example.org/feed.rss",
                                   title="Flux", site_url=None, language="fr", etag=None,
                                   last_modified=None, body_hash="h")
    library.db.conn.execute("UPDATE articles SET added_at = '2025-06-01T00:00:00Z' "
                            "WHERE id IN (?, ?)", ids[:2])
    library.views.set_flag(ids[0], "starred", True)
    app = make_app(demo=False, config=Config(feed_age_days=10))

    async def scenario(app, pilot) -> None:
        articles = app.screen.article_list
        await wait_until(pilot, lambda: articles.total == 2)
        assert {articles.pages.row(i).id for i in range(2)} == {ids[0], ids[2]}
        app.screen.query_one(Sidebar).choose(f"feed:{feed_id}")
        await pilot.pause()
        assert articles.total == 3

    run_app(app, scenario)


def test_a_count_that_moved_changes_its_entry_not_the_whole_sidebar(
        make_app, library: Library, server: FeedServer) -> None:
    """With 1,000 feeds a whole new set of options is a layout of all of them: a count that
    moved (an item read, a feed refreshed) replaces that entry's prompt only."""
    alpha = library.feeds.add(server.add("/a.rss", Route(_feed("Alpha", 3))))[0]
    library.feeds.add(server.add("/b.rss", Route(_feed("Beta", 2))))
    app = make_app(demo=False)

    async def scenario(app, pilot) -> None:
        await _refreshed(app, pilot, "Beta 2")
        sidebar = app.screen.query_one(Sidebar)
        sets: list[int] = []
        original = sidebar.set_options
        sidebar.set_options = lambda options: (sets.append(1), original(options))[1]
        highlighted = sidebar.highlighted
        item = library.views.rows(View("feed", feed_id=alpha), 1)[0]
        library.views.mark_read(item.id)
        sidebar.refresh_counts()
        await pilot.pause()
        assert "◦ Alpha 2" in _prompts(app) and "◦ Beta 2" in _prompts(app), _prompts(app)
        assert sets == [] and sidebar.highlighted == highlighted
        library.feeds.add(server.add("/c.rss", Route(_feed("Gamma", 1))))
        sidebar.refresh_counts()  # a new entry: the options are set again
        await pilot.pause()
        assert sets == [1] and any(p.startswith("◦ ") and "127.0.0.1" in p
                                   for p in _prompts(app)), _prompts(app)

    run_app(app, scenario, size=(120, 40))


def test_n_walks_only_the_feeds_whose_counts_say_unread(
        make_app, library: Library, server: FeedServer) -> None:
    """n after the last unread item of a feed looks in the next feeds with unread items:
    a feed whose counter says all read is not walked (with 1,000 feeds, walking each
    feed's rows for an unread one was the cost of the key)."""
    first = library.feeds.add(server.add("/a.rss", Route(_feed("Alpha", 1))))[0]
    done = [library.feeds.add(server.add(f"/r{n}.rss", Route(_feed(f"Read{n}", 2))))[0]
            for n in range(3)]
    library.feeds.add(server.add("/z.rss", Route(_feed("Zeta", 1))))
    app = make_app(demo=False)

    async def scenario(app, pilot) -> None:
        await pilot.press("r")
        await wait_until(pilot, lambda: not app.refresher.running, timeout=30)
        for feed_id in done:
            for row in library.views.rows(View("feed", feed_id=feed_id), 10):
                library.views.mark_read(row.id)
        app.screen.refresh_from_library()
        await pilot.pause()
        app.screen.query_one(Sidebar).choose(f"feed:{first}")
        await pilot.pause()
        walked: list[int | None] = []
        beside = library.feeds.unread_beside
        library.feeds.unread_beside = lambda view, anchor, delta: (
            walked.append(view.feed_id), beside(view, anchor, delta))[1]
        await pilot.press("n")
        assert app.screen.article_list.current.title == "Zeta 1"
        assert not set(walked) & set(done), walked

    run_app(app, scenario, size=(120, 40))


@covers("list.all_read", "article.undo")
def test_A_marks_the_feeds_list_read_and_z_takes_it_back(
        make_app, library: Library, server: FeedServer) -> None:
    """newsboat's A: in a feed, every unread item is marked read (the sidebar's count goes
    to nothing, the other feed keeps its own), in one toast; z makes them unread again."""
    alpha = library.feeds.add(server.add("/a.rss", Route(_feed("Alpha", 3))))[0]
    beta = library.feeds.add(server.add("/b.rss", Route(_feed("Beta", 2))))[0]
    app = make_app(demo=False)

    async def scenario(app, pilot) -> None:
        await _refreshed(app, pilot, "Beta")
        app.screen.query_one(Sidebar).choose(f"feed:{alpha}")
        await pilot.pause()
        app.screen.article_list.focus()
        await pilot.press("A")
        await wait_until(pilot, lambda: library.feeds.unread_counts() == {beta: 2})
        await wait_until(pilot, lambda: any(p.startswith("◦ Alpha") and p.rstrip()
                                            .endswith("Alpha") for p in _prompts(app)))
        assert any("Marked read: 3 in Alpha" in message for message in toasts(app)), \
            toasts(app)
        await pilot.press("z")
        await wait_until(pilot, lambda: library.feeds.unread_counts() == {alpha: 3, beta: 2})
        await wait_until(pilot, lambda: any(p.startswith("◦ Alpha 3") for p in _prompts(app)))

    run_app(app, scenario, size=(120, 40))
