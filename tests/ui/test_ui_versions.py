"""The reader says when an article's text changed since it was saved (issue 10, item 1),
and shows on the current text only the annotations made on it."""

from __future__ import annotations

from ui_helpers import run_app, screen_text

from lecteur.core.library.store import Library
from lecteur.core.models import Article, Block
from lecteur.ui.screens.reader import ReaderScreen


def _article(*texts: str) -> Article:
    return Article(source="https://site.example/a", url="https://site.example/a",
                   title="Bâtir son réseau", blocks=tuple(Block("paragraph", t) for t in texts))


def test_the_reader_shows_that_an_earlier_text_is_kept(make_app, library: Library) -> None:
    article_id, _ = library.articles.add(_article("Texte d'origine, lu avec soin.", "Fin."))
    library.notes.add(article_id, "Note sur le texte d'origine", 0)
    library.articles.add(_article("Texte remplacé par le site.", "Fin."))

    async def scenario(app, pilot) -> None:
        await pilot.press("enter")
        assert isinstance(app.screen, ReaderScreen)
        text = " ".join(screen_text(app).split())
        assert "The text changed since it was saved: 1 earlier text(s) kept" in text
        assert f"lecteur show {article_id} --earlier 1" in text
        assert "Texte remplacé" in text
        assert "Note sur le texte d'origine" not in text  # it stays on the earlier text

    run_app(make_app(demo=False), scenario, size=(120, 40))


def test_an_article_never_replaced_shows_no_notice(make_app, library: Library) -> None:
    library.articles.add(_article("Un seul texte."))

    async def scenario(app, pilot) -> None:
        await pilot.press("enter")
        assert "earlier text" not in screen_text(app)

    run_app(make_app(demo=False), scenario)
