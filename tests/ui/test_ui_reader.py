"""The reading view: layout, moving in the text, back, previous/next, highlights, links."""

from __future__ import annotations

import webbrowser

from ui_helpers import article, covers, fill, run_app, screen_text, toasts

from lecteur.core.library.store import Library
from lecteur.core.models import Block
from lecteur.ui.dialogs.links import LinksScreen
from lecteur.ui.screens.main import MainScreen
from lecteur.ui.screens.reader import ReaderScreen
from lecteur.ui.widgets.article_list import ArticleList
from lecteur.ui.widgets.article_view import ArticleView


def long_article(n: int, paragraphs: int = 40):
    blocks = tuple(Block("paragraph", f"Paragraphe {i} : " + "le réseau se cultive. " * 12)
                   for i in range(paragraphs))
    return article(n, blocks=blocks)


def test_reading_view_shows_card_quotes_and_links(make_app, library: Library) -> None:
    fill(library, 1)

    async def scenario(app, pilot) -> None:
        await pilot.press("enter")
        text = screen_text(app)
        for expected in ("Article 1", "Jeanne Roy · Le Devoir · 2024-01-02", "About the author",
                         "Journaliste.", "✉ jeanne@example.org", "↗ https://example.org/jeanne",
                         "┃ Donner avant de recevoir, toujours.", "┃ — Marie Tremblay",
                         "• Écouter", "Ce qu'il faut retenir", "[1] https://example.org/source"):
            assert expected in text, expected
        view = app.screen.query_one(ArticleView)
        lines = [line for line in text.splitlines() if "Premier paragraphe" in line]
        assert lines and len(lines[0].strip()) <= 80
        assert view.doc.measure <= 76

    run_app(make_app(demo=False), scenario, size=(120, 40))


def test_measure_is_centred_on_wide_screens(make_app, library: Library) -> None:
    fill(library, 1)

    async def scenario(app, pilot) -> None:
        await pilot.press("enter")
        line = next(line for line in screen_text(app).splitlines() if "Premier paragraphe" in line)
        left = len(line) - len(line.lstrip())
        assert 40 <= left <= 50  # (160 - 76) / 2, give or take the cursor gutter

    run_app(make_app(demo=False), scenario, size=(160, 40))


@covers("document.down", "document.up", "document.top", "document.bottom",
        "document.page_down", "document.page_up")
def test_moving_in_the_text(make_app, library: Library) -> None:
    library.articles.add(long_article(1))

    async def scenario(app, pilot) -> None:
        await pilot.press("enter")
        view = app.screen.query_one(ArticleView)
        assert view.cursor == 0
        await pilot.press("j", "down", "j")
        assert view.cursor == 3
        await pilot.press("k", "up")
        assert view.cursor == 1
        await pilot.press("G")
        assert view.cursor == 39 and view.progress == 1.0
        await pilot.press("g")
        assert view.cursor == 0 and view.scroll_offset.y == 0
        await pilot.press("space")
        assert view.scroll_offset.y > 0 and view.cursor > 0
        await pilot.press("pagedown", "ctrl+d", "b", "pageup", "ctrl+u")
        assert view.scroll_offset.y == 0
        await pilot.press("end", "home")
        assert view.cursor == 0
        assert "%" in screen_text(app).splitlines()[0]

    run_app(make_app(demo=False), scenario, size=(100, 30))


@covers("reader.back")
def test_back_remembers_the_place(make_app, library: Library) -> None:
    (article_id,) = [library.articles.add(long_article(1))[0]]

    async def scenario(app, pilot) -> None:
        await pilot.press("enter", "j", "j", "j", "j", "j")
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        row = library.views.row(article_id)
        assert row.position == 5 and 0 < row.progress < 1
        await pilot.press("enter")
        assert app.screen.query_one(ArticleView).cursor == 5
        await pilot.press("q")
        assert isinstance(app.screen, MainScreen)
        assert app.is_running

    run_app(make_app(demo=False), scenario)


@covers("reader.previous", "reader.next")
def test_previous_and_next_follow_the_list(make_app, library: Library) -> None:
    ids = fill(library, 3)  # shown newest first: ids[2], ids[1], ids[0]

    async def scenario(app, pilot) -> None:
        await pilot.press("enter")
        reader = app.screen
        assert reader.article_id == ids[2]
        await pilot.press("right_square_bracket")
        assert reader.article_id == ids[1]
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert reader.article_id == ids[0]
        assert "This is the last article." in toasts(app)
        await pilot.press("left_square_bracket")
        assert reader.article_id == ids[1]
        await pilot.press("escape")
        assert app.screen.query_one(ArticleList).current.id == ids[1]

    run_app(make_app(demo=False), scenario)


def test_next_after_archiving_goes_to_the_following_article(make_app, library: Library) -> None:
    ids = fill(library, 3)

    async def scenario(app, pilot) -> None:
        await pilot.press("enter", "a")
        assert library.views.row(ids[2]).archived
        await pilot.press("right_square_bracket")
        assert app.screen.article_id == ids[1]

    run_app(make_app(demo=False), scenario)


@covers("reader.highlight")
def test_highlight_the_current_paragraph(make_app, library: Library) -> None:
    (article_id,) = fill(library, 1)

    async def scenario(app, pilot) -> None:
        await pilot.press("enter", "j", "j", "h")
        highlights = library.highlights.of(article_id)
        assert [(h.block_index, h.text) for h in highlights] == [
            (2, "Donner avant de recevoir, toujours.")]
        assert app.screen.query_one(ArticleView).highlighted == {2}
        assert "Paragraph highlighted." in toasts(app)
        await pilot.press("h")
        assert library.highlights.of(article_id) == []

    run_app(make_app(demo=False), scenario)


@covers("reader.links")
def test_links_are_numbered_and_only_http_opens(make_app, library: Library, monkeypatch) -> None:
    fill(library, 1)
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, new=0: opened.append(url) or True)

    async def scenario(app, pilot) -> None:
        await pilot.press("enter", "l")
        assert isinstance(app.screen, LinksScreen)
        assert "[2] javascript:alert(1)" in screen_text(app)
        await pilot.press("2")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert opened == []
        assert any("Not opened" in message for message in toasts(app))
        await pilot.press("l", "q")  # q closes the list, it does not quit
        assert isinstance(app.screen, ReaderScreen) and app.is_running
        await pilot.press("l", "1")
        await app.workers.wait_for_complete()
        assert opened == ["https://example.org/source"]
        assert "Opening example.org in the browser." in toasts(app)
        assert isinstance(app.screen, ReaderScreen)

    run_app(make_app(demo=False), scenario)


def test_a_10000_word_article_lays_out_quickly_and_opens(make_app, library: Library) -> None:
    import time

    from lecteur.ui.widgets.document import layout

    words = "le réseautage est une affaire de patience et de générosité ".split()
    blocks = tuple(Block("paragraph", " ".join(words[(i + j) % len(words)] for j in range(100)))
                   for i in range(100))
    big = article(1, blocks=blocks)
    started = time.perf_counter()
    doc = layout(big, 76)
    assert time.perf_counter() - started < 0.5  # about 25 ms; bench/tui_scroll.py measures
    assert len(doc.lines) > 800
    library.articles.add(big)

    async def scenario(app, pilot) -> None:
        await pilot.press("enter")
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("G")
        assert app.screen.query_one(ArticleView).progress == 1.0

    run_app(make_app(demo=False), scenario)
