"""Quote cards from the reader: ``C`` in the Quotes and Highlights views writes the card of
the quotation or passage under the cursor, SVG and plain text, in the export folder's
``cards``, and says where."""

from __future__ import annotations

from pathlib import Path

from ui_helpers import covers, run_app, settle, toasts

from lecteur.core.library.store import Library
from lecteur.core.models import Article, Author, Block
from lecteur.core.text.anchors import find_passage, text_digest


def _shelf(library: Library) -> int:
    """One article with a quotation and a highlighted passage; the highlight's id."""
    article = Article(
        source="c.html", title="Bâtir son réseau", url="https://example.org/reseau",
        blocks=(Block("paragraph", "Il faut semer avant de récolter, dit-on souvent."),
                Block("quote", "Donnez avant de demander.", speaker="Marie Tremblay")),
        author=Author("Jeanne Roy"), sitename="Le Devoir", date="2025-03-01")
    article_id, _ = library.articles.add(article)
    stored = library.articles.get(article_id)
    assert stored is not None
    anchor = find_passage([b.full_text for b in stored.article.blocks], "semer avant")
    assert anchor is not None
    return library.highlights.add_passage(article_id, anchor, text_digest(stored.article.text))


@covers("quotes.card")
def test_c_in_the_quotes_view_writes_the_card(make_app, library: Library) -> None:
    _shelf(library)
    (quote,) = library.quotations.find()
    folder = library.path.parent / "export" / "cards"

    async def scenario(app, pilot) -> None:
        await pilot.press("Q")
        await pilot.pause()
        await pilot.press("C")
        await settle(app, pilot)
        svg = folder / f"quote-{quote.id}.svg"
        assert svg.exists(), toasts(app)
        assert "Donnez avant de demander" in svg.read_text(encoding="utf-8")
        assert "Marie Tremblay" in (folder / f"quote-{quote.id}.txt").read_text(encoding="utf-8")
        assert any(m.startswith("Card written: ") and str(svg) in m for m in toasts(app))

    run_app(make_app(demo=False), scenario)


@covers("highlights.card")
def test_c_in_the_highlights_view_writes_the_passages_card(make_app, library: Library) -> None:
    highlight_id = _shelf(library)
    folder: Path = library.path.parent / "export" / "cards"

    async def scenario(app, pilot) -> None:
        await pilot.press("H")
        await pilot.pause()
        await pilot.press("C")
        await settle(app, pilot)
        text = (folder / f"highlight-{highlight_id}.txt").read_text(encoding="utf-8")
        assert "semer avant" in text and "Bâtir son réseau" in text, text

    run_app(make_app(demo=False), scenario)
