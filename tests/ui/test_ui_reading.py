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


LINKED_PAGE = """<html><head><title>Le réseau</title></head><body><article><h1>Le réseau</h1>
<p>Pour commencer, lisez <a href="https://example.org/guide">le guide du réseautage</a>
puis écrivez à <a href="mailto:anne@example.org">Anne</a>. Ensuite il faut relancer les gens
poliment, sans insister, et garder le contact pendant des mois.</p>
<p>Un second paragraphe, assez long pour que la page soit un article, avec
<a href="https://example.org/guide">le même guide</a> et <a href="javascript:x()">rien</a>,
puis <a href="https://example.org/autre">un autre lien</a> pour finir.</p>
</article></body></html>"""


def test_links_in_the_text_carry_their_number_in_the_links_list(make_app,
                                                                library: Library) -> None:
    from lecteur.core.extract.html import extract_html

    page = extract_html(LINKED_PAGE, "page.html", "https://example.org/page")
    assert page.links == ("https://example.org/guide", "mailto:anne@example.org",
                          "https://example.org/autre")
    assert page.blocks[0].links == (("le guide du réseautage", "https://example.org/guide"),
                                    ("Anne", "mailto:anne@example.org"))
    assert page.blocks[0].text.count("[") == 0  # the stored text stays the page's words
    stored = Block.from_dict(page.blocks[0].to_dict())
    assert stored == page.blocks[0]  # kept as the library stores it, read back the same
    library.articles.add(page)

    async def scenario(app, pilot) -> None:
        await pilot.press("enter")
        text = " ".join(screen_text(app).split())
        assert "lisez le guide du réseautage [1] puis écrivez à Anne [2]." in text
        assert "le même guide [1] et rien, puis un autre lien [3] pour finir." in text
        assert "[3] https://example.org/autre" in text

    run_app(make_app(demo=False), scenario, size=(100, 40))


def test_numbered_leaves_what_it_cannot_place() -> None:
    from lecteur.ui.widgets.document import numbered

    numbers = {"https://a.example": 1, "https://b.example": 2}
    links = (("le guide", "https://a.example"), ("absent", "https://b.example"),
             ("le guide", "https://c.example"))
    assert numbered("Voir le guide, et le guide.", links, numbers) == (
        "Voir le guide [1], et le guide.")
    assert numbered("Voir le guide [1].", links[:1], numbers) == "Voir le guide [1]."
    assert numbered("", links, numbers) == ""
