"""The Quotes, People and Highlights views over large libraries: one page read to open,
the next read as the cursor nears the window's edge, the far end in one page."""

from __future__ import annotations

import asyncio

from ui_helpers import covers, run_app, screen_text, wait_until

from lecteur.core.library.records import QuoteEntry
from lecteur.core.library.store import Library
from lecteur.ui.screens.highlights import HighlightsScreen
from lecteur.ui.screens.people import PeopleScreen
from lecteur.ui.screens.quotes import QuoteList, QuotesScreen
from lecteur.ui.widgets.window import MAX_PAGES, PAGE_SIZE

ARTICLES = 2_000
QUOTES_EACH = 10  # 20,000 quotations


def fill_many(library: Library, speakers: int = 400) -> None:
    """ARTICLES articles of QUOTES_EACH quotations each, `speakers` people quoted, and a
    highlight on each article, written straight into the tables (the triggers run)."""
    with library.db.write() as conn:
        conn.executemany(
            "INSERT INTO articles (key, source, title, word_count, reading_minutes, "
            "added_at, updated_at, author_name) VALUES (?, ?, ?, 100, 1, ?, ?, ?)",
            [(f"k{n}", f"s{n}", f"Article {n}", f"2024-01-01T00:{n // 60 % 60:02d}:{n % 60:02d}",
              "2024-01-01", f"Auteur {n % 50:03d}") for n in range(ARTICLES)])
        conn.executemany(
            "INSERT INTO quotes (article_id, position, text, speaker, block_index) "
            "VALUES (?, ?, ?, ?, ?)",
            [(a + 1, p, f"Citation {a}-{p}.", f"Personne {(a * QUOTES_EACH + p) % speakers:04d}",
              p) for a in range(ARTICLES) for p in range(QUOTES_EACH)])
        conn.executemany(
            "INSERT INTO highlights (article_id, block_index, text, created_at) "
            "VALUES (?, 0, ?, ?)",
            [(a + 1, f"Passage {a}.", f"2024-02-01T{a // 3600:02d}:{a // 60 % 60:02d}:{a % 60:02d}")
             for a in range(ARTICLES)])


@covers("app.quotes")
def test_quotes_over_20k_open_with_one_page_and_reach_both_ends(make_app,
                                                                library: Library) -> None:
    fill_many(library)

    async def scenario(app, pilot) -> None:
        await pilot.press("Q")
        screen = app.screen
        assert isinstance(screen, QuotesScreen)
        assert screen.window.pages_read == 1 and len(screen.shown) == PAGE_SIZE
        assert len(screen.quote_list.options) < 2 * PAGE_SIZE  # quotations and headings
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.total == ARTICLES * QUOTES_EACH
        first = screen.current_quote()
        assert first is not None and first.speaker == "Personne 0000"
        for _ in range(PAGE_SIZE):
            await pilot.press("j")
        assert screen.window.pages_read >= 2
        assert len(screen.shown) <= MAX_PAGES * PAGE_SIZE
        assert screen.current_quote() != first
        await pilot.press("end")
        last = screen.current_quote()
        assert last is not None and last.speaker == "Personne 0399"
        assert len(screen.shown) == PAGE_SIZE and screen.window.at_end
        await pilot.press("home")
        assert screen.current_quote() == first

    run_app(make_app(demo=False), scenario, size=(100, 30))


@covers("app.people", "people.first", "people.last", "people.down")
def test_people_over_many_names_page_by_page(make_app, library: Library) -> None:
    fill_many(library, speakers=700)

    async def scenario(app, pilot) -> None:
        await pilot.press("P")
        screen = app.screen
        assert isinstance(screen, PeopleScreen)
        assert screen.window.pages_read == 1 and len(screen.people) == PAGE_SIZE
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.total == 700 + 50  # speakers and authors
        assert screen.current_person().name == "Auteur 000"
        for _ in range(PAGE_SIZE):
            await pilot.press("j")
        assert screen.window.pages_read == 2
        assert screen.current_person().name == sorted(
            [f"Auteur {n:03d}" for n in range(50)] +
            [f"Personne {n:04d}" for n in range(700)])[PAGE_SIZE]
        await pilot.press("G")
        assert screen.current_person().name == "Personne 0699"
        await pilot.press("g")
        assert screen.current_person().name == "Auteur 000"

    run_app(make_app(demo=False), scenario, size=(100, 30))


@covers("app.highlights")
def test_highlights_open_with_one_page(make_app, library: Library) -> None:
    fill_many(library)

    async def scenario(app, pilot) -> None:
        await pilot.press("H")
        screen = app.screen
        assert isinstance(screen, HighlightsScreen)
        assert screen.window.pages_read == 1 and len(screen.shown) == PAGE_SIZE
        assert screen.current_entry().text == f"Passage {ARTICLES - 1}."
        await pilot.press("end")
        assert screen.current_entry().text == "Passage 0."
        await pilot.press("slash", *"passage 1234.")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.current_entry().text == "Passage 1234." and len(screen.shown) == 1

    run_app(make_app(demo=False), scenario, size=(100, 30))


@covers("app.quotes", "quotes.back")
def test_a_kept_view_opens_again_fresh_and_never_twice_on_the_stack(make_app,
                                                                   library: Library) -> None:
    fill_many(library)

    async def scenario(app, pilot) -> None:
        await pilot.press("Q")
        first = app.screen
        await pilot.press("end", "K")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("q", "Q")
        assert app.screen is first  # built once, kept
        assert not first.kept_only and first.current_quote().speaker == "Personne 0000"
        assert first.window.at_start
        await pilot.press("enter")  # a reader above the kept view
        assert type(app.screen).__name__ == "ReaderScreen"
        await pilot.press("Q")
        assert isinstance(app.screen, QuotesScreen) and app.screen is not first
        assert app.screen.current_quote().speaker == "Personne 0000"

    run_app(make_app(demo=False), scenario, size=(100, 30))


def _every_quote(library: Library) -> list[QuoteEntry]:
    """All quotations in the Quotes view's order, read page by page."""
    found, after = [], None
    while True:
        page = library.quotations.page(after=after, limit=5_000)
        found += [quote for _key, quote in page]
        if len(page) < 5_000:
            return found
        after = page[-1][0]


@covers("app.quotes", "quotes.down", "quotes.up")
def test_moving_through_20k_quotations_reads_a_page_at_a_time(make_app,
                                                              library: Library) -> None:
    fill_many(library)
    every = _every_quote(library)

    async def scenario(app, pilot) -> None:
        await pilot.press("Q")
        screen = app.screen
        assert isinstance(screen, QuotesScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        listing = screen.quote_list
        assert screen.current_quote() == every[0] and screen.window.pages_read == 1
        far_line = listing.render_line(20)  # an entry the next moves do not touch
        await pilot.press("j", "j", "j")
        assert screen.current_quote() == every[3] and screen.window.pages_read == 1
        assert listing.render_line(20) is far_line  # drawn once, kept
        await pilot.press("k")
        assert screen.current_quote() == every[2]
        await pilot.press("pagedown")
        after_page = every.index(screen.current_quote())
        assert 2 < after_page < PAGE_SIZE
        for _ in range(PAGE_SIZE):
            await pilot.press("j")
        assert screen.current_quote() == every[after_page + PAGE_SIZE]
        assert screen.window.pages_read == 2  # the next page, once
        read = screen.window.pages_read
        await pilot.press("end")
        assert screen.current_quote() == every[-1]
        assert screen.window.pages_read == read + 1 and len(screen.shown) == PAGE_SIZE
        assert listing.option_count < 2 * PAGE_SIZE  # the last page and its headings
        await pilot.press("k", "k")
        assert screen.current_quote() == every[-3]
        await pilot.press("home")
        assert screen.current_quote() == every[0]
        assert screen.window.pages_read == read + 2 and screen.window.at_start

    run_app(make_app(demo=False), scenario, size=(100, 30))


TAMPERED = "\x1b[31mRouge\x1b[0m [bold]gras[/bold] [@click=app.quit]clic[/] \x1b]8;;x\x07lien"


@covers("app.quotes", "app.highlights")
def test_tampered_quotations_show_as_plain_text(make_app, library: Library) -> None:
    """Escape sequences and markup stored in a quotation, its speaker and its article's
    title reach the screen as plain text: no escape, no style from the markup."""
    with library.db.write() as conn:
        conn.execute("INSERT INTO articles (key, source, title, word_count, reading_minutes, "
                     "added_at, updated_at) VALUES ('t', 't', ?, 1, 1, '2024-01-01', "
                     "'2024-01-01')", ("[red]Titre[/red] \x1b[2J",))
        conn.execute("INSERT INTO quotes (article_id, position, text, speaker, block_index) "
                     "VALUES (1, 0, ?, ?, 0)", (TAMPERED, "[italic]Qui[/italic] \x1b[5m"))
        conn.execute("INSERT INTO highlights (article_id, block_index, text, created_at) "
                     "VALUES (1, 0, ?, '2024-02-01')", (TAMPERED,))

    def drawn(listing) -> list:
        return [segment for y in range(listing.size.height)
                for segment in listing.render_line(y)]

    async def scenario(app, pilot) -> None:
        for key, wanted in (("Q", "[italic]Qui[/italic]"), ("H", "[red]Titre[/red]")):
            await pilot.press(key)
            await pilot.pause()
            segments = drawn(app.screen.query_one(QuoteList))
            text = "".join(segment.text for segment in segments)
            assert "\x1b" not in text and "\x07" not in text
            assert "[bold]gras[/bold]" in text and "[@click=app.quit]clic[/]" in text
            assert wanted in text and "[red]Titre[/red]" in text
            assert not any(segment.style and segment.style.meta for segment in segments)
            assert "\x1b" not in screen_text(app) and "[bold]gras[/bold]" in screen_text(app)
            await pilot.press("q")
        assert app.is_running

    run_app(make_app(demo=False), scenario, size=(100, 30))


@covers("app.quotes")
def test_a_click_on_a_quotation_reads_its_article(make_app, library: Library) -> None:
    fill_many(library)
    second = _every_quote(library)[1]

    async def scenario(app, pilot) -> None:
        await pilot.press("Q")
        await pilot.pause()
        screen = app.screen
        await pilot.hover(QuoteList, offset=(5, 5))  # under the mouse: drawn, not chosen
        assert screen.current_quote() == _every_quote(library)[0]
        await pilot.click(QuoteList, offset=(0, 0))  # the speaker's heading: nothing
        assert app.screen is screen
        await pilot.click(QuoteList, offset=(10, 3))  # the second quotation's text
        assert type(app.screen).__name__ == "ReaderScreen"
        assert app.screen.article_id == second.article_id

    run_app(make_app(demo=False), scenario, size=(100, 30))


def test_each_view_has_its_list_focused_from_its_first_frame(make_app,
                                                             library: Library) -> None:
    """A key sent as soon as a view is drawn is the list's (`q` goes back), never typed
    into the filter: Textual focused the filter, the first focusable widget, when the
    screen was composed, and the list only a moment later (the pty bench lost a `q`)."""
    fill_many(library, speakers=40)
    focused: list[str] = []

    async def scenario(app, pilot) -> None:
        for open_view, kind in ((app.action_quotes, QuotesScreen),
                                (app.action_highlights, HighlightsScreen),
                                (app.action_people, PeopleScreen)):
            open_view()
            screen = app.screen
            assert isinstance(screen, kind)
            while not screen.is_mounted:  # mounted: its first frame may be drawn now
                await asyncio.sleep(0)
            focused.append(type(app.focused).__name__)
            await pilot.pause()
            await pilot.press("q")
            assert not isinstance(app.screen, kind)
        assert "Input" not in focused, focused

    run_app(make_app(demo=False), scenario)


def test_a_kept_view_shown_again_after_a_theme_change_has_the_new_colours(
        make_app, library: Library) -> None:
    """Showing a kept view again skips Textual's restyling of its nodes only while the
    stylesheet's rules are those it was styled with: a theme changed meanwhile restyles."""
    from lecteur.ui.themes import other_theme

    fill_many(library, speakers=40)

    async def scenario(app, pilot) -> None:
        await pilot.press("Q")
        await pilot.pause()
        before = app.screen.quote_list.styles.background
        await pilot.press("q")
        await pilot.pause()
        app.theme = other_theme(app.theme)
        await pilot.pause()
        await pilot.press("Q")
        await pilot.pause()
        assert isinstance(app.screen, QuotesScreen)
        after = app.screen.quote_list.styles.background
        fresh = QuotesScreen()
        app.push_screen(fresh)
        await pilot.pause()
        assert after != before
        assert after == fresh.quote_list.styles.background

    run_app(make_app(demo=False), scenario)


def test_the_views_are_built_while_the_reader_is_idle_and_opened_as_kept_ones(
        make_app, library: Library, monkeypatch) -> None:
    from lecteur.ui import prebuild
    from lecteur.ui.screens.main import MainScreen

    monkeypatch.setattr(prebuild, "IDLE_SECONDS", 0.2)
    monkeypatch.setattr(prebuild, "CHECK_SECONDS", 0.05)
    fill_many(library, speakers=40)

    async def scenario(app, pilot) -> None:
        await pilot.press("j")  # input: not idle yet
        assert not app.is_screen_installed("quotes")
        await wait_until(pilot, lambda: all(
            app.is_screen_installed(name) and app.get_screen(name).is_mounted
            for name in ("quotes", "highlights", "people")))
        assert isinstance(app.screen, MainScreen)
        assert type(app.focused).__name__ == "ArticleList"  # the list kept the focus
        built = app.get_screen("quotes")
        await pilot.press("Q")
        await pilot.pause()
        assert app.screen is built
        assert type(app.focused).__name__ == "QuoteList"
        assert built.current_quote() is not None
        assert built.current_quote().speaker == "Personne 0000"
        await pilot.press("q", "P")
        await pilot.pause()
        assert app.screen is app.get_screen("people") and app.screen.people

    run_app(make_app(demo=False, prebuild_views=True), scenario)
