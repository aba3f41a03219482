"""The reader and the query language: a bad query said in search, ctrl+s saving the search
as a view that the sidebar lists and shows, Stale saves, and the list's stale badge."""

from __future__ import annotations

from dataclasses import replace

from textual.widgets import Input
from ui_helpers import article, covers, run_app, screen_text, wait_until

from lecteur.core.config import Config, Staleness
from lecteur.core.library.store import Library
from lecteur.core.library.views import View
from lecteur.ui.dialogs.save_view import SaveViewScreen
from lecteur.ui.screens.main import MainScreen
from lecteur.ui.screens.search import SearchScreen
from lecteur.ui.widgets.article_list import MARK_STALE, ArticleList
from lecteur.ui.widgets.sidebar import Sidebar


def shelf(library: Library) -> list[int]:
    """Three articles: two in French (one short, published long ago), one in English."""
    ids = [
        library.articles.add(replace(article(1, "Réseauter en 2019"), date="2019-03-01"))[0],
        library.articles.add(replace(article(2, "Court et récent"), date="2025-06-01"))[0],
        library.articles.add(replace(article(3, "Networking in English"), language="en",
                                     date="2025-06-02"))[0],
    ]
    library.tags.add(ids[0], "salaire")
    return ids


def listed(app) -> list[str]:
    articles = app.screen.query_one(ArticleList)
    return [articles.pages.row(i).title for i in range(articles.total)]


@covers("search.save_view")
def test_a_search_saved_as_a_view_is_listed_and_shown_by_the_sidebar(make_app,
                                                                     library: Library) -> None:
    shelf(library)

    async def scenario(app, pilot) -> None:
        await pilot.press("slash", *"lang:en")
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, SaveViewScreen))
        name = app.screen.query_one(Input)
        assert name.value == "lang:en"  # the query, as the name to start from
        name.value = "Anglais"
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, SearchScreen))
        assert [view.name for view in library.saved_views.all()] == ["Anglais"]
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))
        sidebar = app.screen.query_one(Sidebar)
        sidebar.rebuild()
        saved = library.saved_views.find("anglais")
        assert saved is not None
        sidebar.choose(f"saved:{saved.id}")
        await pilot.pause()
        assert listed(app) == ["Networking in English"]
        assert "Anglais" in screen_text(app)  # the top bar names the view

    run_app(make_app(demo=False), scenario, size=(110, 32))


def test_a_bad_query_is_said_in_the_status_and_the_same_name_is_refused(
        make_app, library: Library) -> None:
    shelf(library)
    library.saved_views.add("Anglais", "lang:en")

    async def scenario(app, pilot) -> None:
        await pilot.press("slash", *"minutes:<huit")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "'minutes:<huit' needs a number" in screen_text(app)
        await pilot.press("ctrl+s")  # nothing to save: said, no dialog
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("ctrl+u", *"lang:en")
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, SaveViewScreen))
        app.screen.query_one(Input).value = "ANGLAIS"
        await pilot.press("enter")
        await wait_until(pilot, lambda: "already a saved view" in screen_text(app))
        assert isinstance(app.screen, SaveViewScreen)  # left open to choose another name

    run_app(make_app(demo=False), scenario, size=(110, 32))


def test_stale_saves_in_the_sidebar_and_the_badge_in_the_list(make_app,
                                                               library: Library) -> None:
    ids = shelf(library)
    config = Config(staleness=Staleness((("salaire", 180),), None))

    async def scenario(app, pilot) -> None:
        articles = app.screen.query_one(ArticleList)
        assert articles.pages.stale == {ids[0]}
        lines = [line for line in screen_text(app).splitlines() if MARK_STALE in line]
        assert len(lines) == 2  # the old article's row, and the sidebar's entry
        assert sum(MARK_STALE + "2019-03-01" in line for line in lines) == 1
        assert sum("Stale saves" in line for line in lines) == 1
        app.screen.query_one(Sidebar).choose("saved:stale")
        await pilot.pause()
        assert listed(app) == ["Réseauter en 2019"]
        await pilot.press("enter")  # the reading view says it too, with the language
        await wait_until(pilot, lambda: "Stale: published 2019-03-01" in screen_text(app))
        assert "2019-03-01 · fr · " in screen_text(app)

    run_app(make_app(demo=False, config=config), scenario, size=(110, 32))


def test_a_saved_view_the_library_cannot_answer_is_said_not_shown(make_app,
                                                                   library: Library) -> None:
    """A saved query that no longer reads (stored by a newer lecteur, or by hand): one
    sentence naming the bad part, and the list stays as it was."""
    shelf(library)
    saved = library.saved_views.add("Bruit", "is:unread")
    with library.db.write() as conn:
        conn.execute("UPDATE saved_views SET query = 'minutes:<huit' WHERE id = ?", (saved.id,))

    async def scenario(app, pilot) -> None:
        sidebar = app.screen.query_one(Sidebar)
        sidebar.choose(f"saved:{saved.id}")
        await pilot.pause()
        assert app.screen.query_one(ArticleList).view == View("inbox")
        assert any("minutes:<huit" in str(n.message) for n in app._notifications)

    run_app(make_app(demo=False), scenario, size=(110, 32))


def test_a_big_saved_view_shows_at_once_and_its_count_follows(make_app, library: Library,
                                                              monkeypatch) -> None:
    """Past `COUNT_CAP` articles, a saved view's list shows after a count that stops
    there ("more than"); its exact count, made in a worker, then replaces it. (A first
    page that is not full is the count: no count at all.)"""
    from lecteur.ui.widgets import pages

    monkeypatch.setattr(pages, "COUNT_CAP", 1)
    shelf(library)
    saved = library.saved_views.add("Tout", "-lang:de")
    seen: list[str] = []

    async def scenario(app, pilot) -> None:
        articles = app.screen.query_one(ArticleList)
        articles.pages.page_size = 1  # a first page of one row: full, so counted
        real = articles._count_exactly
        articles._count_exactly = lambda view, generation: (  # note the bar first
            seen.append(screen_text(app).splitlines()[0]), real(view, generation))
        app.screen.query_one(Sidebar).choose(f"saved:{saved.id}")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert articles.exact and articles.total == 3
        assert len(listed(app)) == 3
        assert "3 articles" in screen_text(app).splitlines()[0]

    run_app(make_app(demo=False), scenario, size=(110, 32))
    assert seen and all("more than 1 articles" in line for line in seen)


def test_count_upto_stops_past_its_cap(library: Library) -> None:
    shelf(library)
    view = View("query", query="-lang:de")
    assert library.views.count_upto(view, 1) == 2  # "more than 1"
    assert library.views.count_upto(view, 5) == 3 == library.views.count(view)
    assert library.views.count_upto(View("inbox"), 1) == 3  # a counter: exact anyway


def test_a_short_saved_view_is_counted_by_its_first_page(library: Library) -> None:
    """A saved view whose first page is not full: its rows are its count, and the page
    is kept (a narrow query walks the index once, not once for the page and once more
    for the count)."""
    from lecteur.ui.widgets.pages import RowPages

    shelf(library)
    traced: list[str] = []
    library.db.conn.set_trace_callback(traced.append)
    try:
        pages = RowPages(library, View("query", query="lang:fr"))
        titles = [pages.row(i).title for i in range(pages.total)]
    finally:
        library.db.conn.set_trace_callback(None)
    assert pages.exact and pages.total == 2 and len(titles) == 2
    assert not [sql for sql in traced if "count(*)" in sql]
