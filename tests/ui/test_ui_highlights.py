"""The Highlights & notes view: every highlight and note across the library, newest first."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input
from ui_helpers import covers, run_app, screen_text

from lecteur.core.extract.html import extract_html
from lecteur.core.library.store import Library
from lecteur.core.models import Article
from lecteur.core.text.anchors import find_passage, text_digest
from lecteur.ui.screens.highlights import HighlightsScreen
from lecteur.ui.screens.main import MainScreen
from lecteur.ui.screens.reader import ReaderScreen

CORPUS = Path(__file__).parents[1] / "corpus"
HOSTILE = "[AFP] [@click=app.quit]x [/"


def corpus_articles() -> list[Article]:
    pages = [*sorted((CORPUS / "fr").glob("01-*.html")), *sorted((CORPUS / "en").glob("02-*.html"))]
    return [extract_html(page.read_text(encoding="utf-8"), page.name) for page in pages]


def annotate(library: Library) -> tuple[int, int]:
    """Two articles: a highlighted passage with a note on the first, a note on the second."""
    first, second = (library.articles.add(a)[0] for a in corpus_articles())
    stored = library.articles.get(first)
    assert stored is not None
    anchor = find_passage([b.full_text for b in stored.article.blocks], "visez deux vraies")
    assert anchor is not None
    highlight = library.highlights.add_passage(first, anchor, text_digest(stored.article.text))
    library.notes.add(first, "La règle à retenir.", anchor.block_index, highlight_id=highlight)
    library.tags.add(first, "réseautage")
    library.notes.add(second, f"Relire avant d'écrire. {HOSTILE}")
    return first, anchor.block_index


@covers("app.highlights", "highlights.filter", "highlights.back")
def test_highlights_and_notes_newest_first_and_filtered(make_app, library: Library) -> None:
    annotate(library)

    async def scenario(app, pilot) -> None:
        await pilot.press("H")
        screen = app.screen
        assert isinstance(screen, HighlightsScreen)
        assert [e.kind for e in screen.shown] == ["note", "highlight"]
        text = screen_text(app)
        assert "2 highlights and notes" in text and "La règle à retenir." in text
        assert HOSTILE in text  # shown as written: no markup ran
        await pilot.press("slash")
        assert screen.query_one(Input).has_focus
        await pilot.press(*"helene")  # the speaker of the quotation the passage is in
        assert [e.kind for e in screen.shown] == ["highlight"]
        await pilot.press("ctrl+a", "ctrl+k", *"REseautage")  # a tag, folded
        assert [e.kind for e in screen.shown] == ["highlight"]
        await pilot.press("ctrl+a", "ctrl+k", *"zzz")
        assert screen.shown == [] and "No highlight or note matches." in screen_text(app)
        await pilot.press("ctrl+a", "ctrl+k", "enter")
        assert len(screen.shown) == 2
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)

    run_app(make_app(demo=False), scenario, size=(100, 30))


@covers("highlights.open", answered_by_widget=("highlights.open",))  # the list's enter
def test_enter_reads_the_article_at_the_passage(make_app, library: Library) -> None:
    article_id, block = annotate(library)

    async def scenario(app, pilot) -> None:
        await pilot.press("H", "down", "enter")
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.article_id == article_id and app.screen.view.cursor == block
        await pilot.press("escape")
        assert isinstance(app.screen, HighlightsScreen)

    run_app(make_app(demo=False), scenario)


def test_an_empty_library_says_how_to_begin(make_app, library: Library) -> None:
    async def scenario(app, pilot) -> None:
        await pilot.press("H")
        assert "No highlight or note yet" in screen_text(app)
        await pilot.press("enter")
        assert isinstance(app.screen, HighlightsScreen)

    run_app(make_app(demo=False), scenario)


def test_a_highlight_changed_at_source_says_so(make_app, library: Library) -> None:
    article_id, _ = annotate(library)
    with library.db.write() as conn:
        conn.execute("UPDATE highlights SET lost = 1 WHERE article_id = ?", (article_id,))

    async def scenario(app, pilot) -> None:
        await pilot.press("H")
        assert "changed at source · Réseauter" in screen_text(app)

    run_app(make_app(demo=False), scenario)


@covers("highlights.down", "highlights.up", "highlights.back")
def test_j_and_k_move_and_q_goes_back(make_app, library: Library) -> None:
    annotate(library)

    async def scenario(app, pilot) -> None:
        await pilot.press("H")
        screen = app.screen
        assert isinstance(screen, HighlightsScreen)
        assert screen.current_entry() is screen.shown[0]
        await pilot.press("j")
        assert screen.current_entry() is screen.shown[1]
        await pilot.press("k")
        assert screen.current_entry() is screen.shown[0]
        await pilot.press("q")
        assert isinstance(app.screen, MainScreen)

    run_app(make_app(demo=False), scenario)


def test_an_article_in_the_trash_is_left_out(make_app, library: Library) -> None:
    first, _ = annotate(library)
    library.articles.trash(first)

    async def scenario(app, pilot) -> None:
        await pilot.press("H")
        screen = app.screen
        assert isinstance(screen, HighlightsScreen)
        assert [e.kind for e in screen.shown] == ["note"]  # the second article's only
        assert "La règle à retenir." not in screen_text(app)

    run_app(make_app(demo=False), scenario)
