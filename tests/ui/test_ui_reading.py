"""The reading view at 80x24 (issue 8, item 10): the author's card folds with ``i`` and
stays folded (other articles, the next start), and the progress figure says how far the
reader has read, not where the bottom of the screen is."""

from __future__ import annotations

from ui_helpers import article, covers, fill, run_app, screen_text

from lecteur.core.config import config_path, load_config
from lecteur.core.library.store import Library
from lecteur.core.models import Block
from lecteur.ui.screens.reader import ReaderScreen
from lecteur.ui.widgets.article_view import ArticleView

SMALL = (80, 24)


def long_article(n: int, paragraphs: int = 30):
    blocks = tuple(Block("paragraph", f"Paragraphe {i} : " + "le réseau se cultive. " * 8)
                   for i in range(paragraphs))
    return article(n, blocks=blocks)


def bar(app) -> str:
    return screen_text(app).splitlines()[0]


@covers("reader.card")
def test_i_folds_the_author_card_for_every_article_and_the_next_start(
        make_app, library: Library) -> None:
    fill(library, 2)

    async def scenario(app, pilot) -> None:
        await pilot.press("enter")
        assert "Journaliste." in screen_text(app)
        unfolded = sum("│" in line for line in screen_text(app).splitlines())
        assert unfolded >= 4  # the card is a box of several lines
        await pilot.press("i")
        text = screen_text(app)
        assert "Journaliste." not in text and "▸ About the author · Jeanne Roy · i unfolds" in text
        assert "Premier paragraphe" in text
        await pilot.press("right_square_bracket")  # the next article: still folded
        assert "Journaliste." not in screen_text(app)
        await pilot.press("escape")

    run_app(make_app(demo=False), scenario, size=SMALL)
    assert load_config(config_path()).card_folded
    assert 'author_card = "folded"' in config_path().read_text(encoding="utf-8")

    async def again(app, pilot) -> None:  # a new start: folded from the settings
        await pilot.press("enter")
        assert "Journaliste." not in screen_text(app)
        await pilot.press("i")
        assert "Journaliste." in screen_text(app)

    run_app(make_app(demo=False, config=load_config(config_path())), again, size=SMALL)
    assert not load_config(config_path()).card_folded


def test_progress_is_how_far_the_reader_has_read(make_app, library: Library) -> None:
    library.articles.add(long_article(1))

    async def scenario(app, pilot) -> None:
        await pilot.press("enter")
        assert isinstance(app.screen, ReaderScreen)
        view = app.screen.query_one(ArticleView)
        assert view.progress == 0.0 and bar(app).rstrip().endswith("0%")
        await pilot.press("space")
        middle = view.progress
        assert 0.0 < middle < 0.5
        await pilot.press("G")
        assert view.progress == 1.0 and bar(app).rstrip().endswith("100%")
        await pilot.press("g")
        assert view.progress == 0.0

    run_app(make_app(demo=False), scenario, size=SMALL)


def test_a_short_article_is_read_when_the_cursor_reaches_its_end(make_app,
                                                                 library: Library) -> None:
    fill(library, 1)  # fits on one 120x40 screen: nothing to scroll

    async def scenario(app, pilot) -> None:
        await pilot.press("enter")
        view = app.screen.query_one(ArticleView)
        assert view.max_scroll_y == 0 and view.progress == 0.0
        await pilot.press("G")
        assert view.progress == 1.0

    run_app(make_app(demo=False), scenario, size=(120, 40))
