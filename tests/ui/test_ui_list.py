"""The main screen: the virtual list, the sidebar, views, first run and a second lecteur."""

from __future__ import annotations

from ui_helpers import article, covers, fill, run_app, screen_text, toasts, wait_until

from lecteur.core.library.store import Library
from lecteur.core.library.views import View
from lecteur.ui.screens.main import MainScreen
from lecteur.ui.screens.reader import ReaderScreen
from lecteur.ui.screens.welcome import WelcomeScreen
from lecteur.ui.widgets.article_list import ArticleList
from lecteur.ui.widgets.sidebar import Sidebar


@covers("welcome.close")
def test_first_run_opens_on_the_demo_with_a_welcome(make_app, library: Library) -> None:
    async def scenario(app, pilot) -> None:
        assert isinstance(app.screen, WelcomeScreen)
        assert "Welcome to lecteur" in screen_text(app)
        assert "press u" in screen_text(app)
        await pilot.press("enter")
        assert isinstance(app.screen, MainScreen)
        articles = app.screen.query_one(ArticleList)
        assert articles.total >= 8
        rows = library.views.rows(View(), 100)
        assert {row.demo for row in rows} == {True}
        languages = {library.articles.get(row.id).article.language for row in rows}
        assert languages == {"fr", "en"}
        for row in rows:
            stored = library.articles.get(row.id).article
            assert stored.author and stored.author.bio
            assert any(q.speaker for q in stored.quotes)

    run_app(make_app(demo=True), scenario)



@covers("welcome.starter")
def test_the_welcome_offers_the_starter_feeds_and_one_key_follows_them(
        make_app, library: Library) -> None:
    """Offered, never imposed: closing the welcome follows nothing; f follows the pack's
    feeds with their folders, fetches nothing, and the sidebar lists them at once."""
    async def scenario(app, pilot) -> None:
        assert isinstance(app.screen, WelcomeScreen)
        assert "f follows the starter feeds" in screen_text(app)
        assert library.feeds.all() == []
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))
        feeds = library.feeds.all()
        assert len(feeds) >= 10 and all(feed.tags for feed in feeds)
        assert all(feed.last_success is None for feed in feeds)  # nothing fetched
        assert f"Following {len(feeds)} starter feeds" in " ".join(toasts(app))
        await wait_until(pilot, lambda: feeds[0].title in screen_text(app))

    run_app(make_app(demo=True), scenario, size=(110, 50))


def test_closing_the_welcome_follows_no_feed(make_app, library: Library) -> None:
    async def scenario(app, pilot) -> None:
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        assert library.feeds.all() == []

    run_app(make_app(demo=True), scenario)

def test_the_demo_comes_once_and_never_over_articles(make_app, library: Library) -> None:
    fill(library, 2)

    async def scenario(app, pilot) -> None:
        assert isinstance(app.screen, MainScreen)
        assert app.screen.query_one(ArticleList).total == 2

    run_app(make_app(demo=True), scenario)


def test_empty_library_says_how_to_add(make_app) -> None:
    async def scenario(app, pilot) -> None:
        assert ("Nothing here yet. Press u to add a web address, or ? for every key."
                in screen_text(app))
        await pilot.press("enter", "j")  # nothing to open or move to: nothing happens
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and toasts(app) == []
        await pilot.press("s")  # nothing to save: a sentence, no crash
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert toasts(app) == ["There is no article here."]

    run_app(make_app(demo=False), scenario)


@covers("list.down", "list.up", "list.top", "list.bottom", "list.page_down", "list.page_up")
def test_moving_in_the_list(make_app, library: Library) -> None:
    fill(library, 120)

    async def scenario(app, pilot) -> None:
        articles = app.screen.query_one(ArticleList)
        assert articles.has_focus and articles.cursor == 0
        await pilot.press("j", "down", "j")
        assert articles.cursor == 3
        await pilot.press("k", "up")
        assert articles.cursor == 1
        await pilot.press("G")
        assert articles.cursor == 119
        assert articles.scroll_offset.y > 0
        await pilot.press("g")
        assert articles.cursor == 0 and articles.scroll_offset.y == 0
        await pilot.press("pagedown")
        page = articles.cursor
        assert page > 10
        await pilot.press("space", "ctrl+d")
        assert articles.cursor == 3 * page
        await pilot.press("pageup", "ctrl+u")
        assert articles.cursor == page
        await pilot.press("end", "home")
        assert articles.cursor == 0
        assert "Article 120" in screen_text(app)

    run_app(make_app(demo=False), scenario, size=(100, 30))


@covers("list.open")
def test_enter_opens_the_article_and_marks_it_read(make_app, library: Library) -> None:
    ids = fill(library, 3)

    async def scenario(app, pilot) -> None:
        await pilot.press("j", "enter")
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.article_id == ids[1]
        assert library.views.row(ids[1]).read
        assert "Marie Tremblay" in screen_text(app)

    run_app(make_app(demo=False), scenario)


def test_double_click_opens(make_app, library: Library) -> None:
    fill(library, 3)

    async def scenario(app, pilot) -> None:
        await pilot.click(ArticleList, offset=(10, 1))
        assert app.screen.query_one(ArticleList).cursor == 1
        await pilot.click(ArticleList, offset=(10, 1), times=2)
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)

    run_app(make_app(demo=False), scenario)


@covers("sidebar.down", "sidebar.up")
def test_sidebar_switches_views(make_app, library: Library) -> None:
    ids = fill(library, 4)
    library.views.set_flag(ids[0], "starred", True)
    library.views.set_flag(ids[1], "archived", True)
    library.tags.add(ids[2], "réseau")

    async def scenario(app, pilot) -> None:
        articles = app.screen.query_one(ArticleList)
        assert articles.total == 3
        await pilot.press("shift+tab")
        assert app.screen.query_one(Sidebar).has_focus
        await pilot.press("j")  # Saved
        assert articles.view == View("saved") and articles.total == 3
        await pilot.press("j")  # Starred
        assert articles.view == View("starred") and articles.total == 1
        await pilot.press("j")  # Archive
        assert articles.total == 1 and articles.current.id == ids[1]
        await pilot.press("k", "k", "k")
        assert articles.view == View("inbox")
        await pilot.press("end")  # the tag
        assert articles.view.kind == "tag" and articles.current.id == ids[2]
        assert "#réseau" in screen_text(app)
        await pilot.press("enter")
        assert articles.has_focus

    run_app(make_app(demo=False), scenario)


def test_narrow_terminal_keeps_titles_whole_words(make_app, library: Library) -> None:
    library.articles.add(article(
        1, title="Réseauter sans se trahir : le guide complet des introvertis "
                 "qui détestent les cocktails"))

    async def scenario(app, pilot) -> None:
        text = screen_text(app)
        line = next(line for line in text.splitlines() if "Réseauter" in line)
        title = line[line.index("Réseauter"):].split("  ")[0].strip()
        assert title.endswith("…")
        words = "Réseauter sans se trahir : le guide complet des introvertis".split()
        assert title[:-1].split() == words[: len(title[:-1].split())]

    run_app(make_app(demo=False), scenario, size=(80, 24))


def test_a_second_lecteur_sees_the_changes(make_app, library: Library) -> None:
    (first,) = fill(library, 1)

    async def scenario(app, pilot) -> None:
        articles = app.screen.query_one(ArticleList)
        assert articles.total == 1
        with Library(library.path) as other:
            other.articles.add(article(2))
            other.views.set_flag(first, "starred", True)
        app.check_for_changes()
        await pilot.pause()
        assert articles.total == 2
        assert "Article 2" in screen_text(app)
        assert articles.current.id == first  # the cursor stayed on the same article
        assert app.screen.query_one(ArticleList).current.starred

    run_app(make_app(demo=False), scenario)


def test_a_large_library_pages_rows_in(make_app, library: Library) -> None:
    from lecteur.ui.widgets.pages import MAX_PAGES, PAGE_SIZE

    with library.db.write() as conn:
        conn.executemany(
            "INSERT INTO articles (key, source, title, word_count, reading_minutes, "
            "added_at, updated_at) VALUES (?, 's', ?, 10, 1, ?, ?)",
            [(f"k{n}", f"Row {n}", f"2024-{n:07d}", "x") for n in range(5000)])

    async def scenario(app, pilot) -> None:
        articles = app.screen.query_one(ArticleList)
        assert articles.total == 5000
        await pilot.press("G")
        assert articles.current.title == "Row 0"
        for _ in range(40):
            await pilot.press("pageup")
        assert len(articles.pages._pages) <= MAX_PAGES
        assert articles.current.title == f"Row {articles.total - 1 - articles.cursor}"
        assert PAGE_SIZE * MAX_PAGES < 5000

    run_app(make_app(demo=False), scenario)


def test_a_focus_change_draws_only_the_cursor_row_again(
        make_app, library: Library, monkeypatch) -> None:
    """Each row is drawn once at start (the first Resize, of the same size, drew them all
    again); Tab out of the list and back: only the cursor's row changes (its focused and
    unfocused colours), so only it is drawn again, once; the other rows come from their
    cached lines (every row was drawn again at each focus change). A new theme draws them
    all."""
    fill(library, 40)
    drawn: list[int] = []
    original = ArticleList._row_strip

    def counted(self, row, width, selected):  # type: ignore[no-untyped-def]
        drawn.append(row.id)
        return original(self, row, width, selected)

    monkeypatch.setattr(ArticleList, "_row_strip", counted)
    app = make_app(demo=False)

    async def scenario(app, pilot) -> None:
        articles = app.screen.query_one(ArticleList)
        await pilot.pause()
        cursor = articles.current.id
        start = len(drawn)
        assert start >= 20
        assert len(set(drawn)) == start, drawn
        await pilot.press("tab")
        await pilot.pause()
        assert not articles.has_focus
        assert drawn[start:] == [cursor], drawn[start:]
        await pilot.press("shift+tab")
        await pilot.pause()
        assert articles.has_focus
        assert drawn[start:] == [cursor], drawn[start:]  # its focused line was kept
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await pilot.pause()
        assert len(drawn) - start >= 20

    run_app(app, scenario, size=(120, 40))


def test_the_scrollbars_are_in_the_first_layout(
        make_app, library: Library, monkeypatch) -> None:
    """The list's and the sidebar's scrollbars are laid out with them the first time (a
    view longer than the screen): Textual found them needed only after its first layout,
    so the next one (the terminal's first Resize, just after the first frame) laid the
    screen out again and drew every row again, a scrollbar narrower."""
    from textual.screen import Screen

    fill(library, 60)
    for n in range(50):
        library.feeds.add(f"https://site{n}.example/feed", f"Flux {n}")
    first: dict[str, tuple[int, int]] = {}
    original = Screen._refresh_layout

    def refresh_layout(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        original(self, *args, **kwargs)
        if isinstance(self, MainScreen) and not first and self.is_attached:
            for kind in (ArticleList, Sidebar):
                first[kind.__name__] = tuple(self.query_one(kind).vertical_scrollbar.size)

    monkeypatch.setattr(Screen, "_refresh_layout", refresh_layout)
    app = make_app(demo=False)

    async def scenario(app, pilot) -> None:
        await pilot.pause()
        assert first["ArticleList"][1] > 0, first
        assert first["Sidebar"][1] > 0, first

    run_app(app, scenario, size=(100, 30))
