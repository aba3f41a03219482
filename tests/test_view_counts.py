"""The Quotes and Highlights views' totals, counted without joining every row to its
article: the same numbers as reading every page, trashed articles left out."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from lecteur.core.library.quotations import QuoteFilter
from lecteur.core.library.store import Library
from lecteur.core.models import Block
from test_library import make_article


def _every_page(library: Library, wanted: QuoteFilter) -> int:
    total, after = 0, None
    while page := library.quotations.page(wanted, after, limit=3):
        total += len(page)
        after = page[-1][0]
    return total


def _library(path: Path) -> Library:
    library = Library(path)
    for n in range(1, 9):
        article = make_article(n, url=f"https://example.org/{n}")
        blocks = (*article.blocks,
                  Block("quote", f"Une autre phrase ({n}).", speaker=None if n % 3 else "Luc"))
        article_id, _new = library.articles.add(dataclasses.replace(article, blocks=blocks))
        library.highlights.add(article_id, 0, f"passage {n}")
        library.notes.add(article_id, f"note {n}")
        if n % 2:
            highlight = library.highlights.of(article_id)[0]
            library.notes.add(article_id, "sur le passage", 0, highlight_id=highlight.id)
        if n % 4 == 0:
            library.quotations.keep(library.quotations.of_article(article_id)[0].id)
    for article_id in (2, 5, 8):
        library.articles.trash(article_id)
    return library


def test_quotations_count_leaves_the_trash_out_as_the_pages_do(tmp_path: Path) -> None:
    with _library(tmp_path / "library.sqlite3") as library:
        for wanted in (QuoteFilter(), QuoteFilter(kept_only=True), QuoteFilter(speaker="Luc"),
                       QuoteFilter(speaker_like="trem"), QuoteFilter(words="phrase")):
            assert library.quotations.count(wanted) == _every_page(library, wanted), wanted
        assert library.quotations.count() == 10  # 5 live articles, 2 quotations each


def test_highlights_count_is_every_entry_of_the_view(tmp_path: Path) -> None:
    with _library(tmp_path / "library.sqlite3") as library:
        entries, after = 0, None
        while page := library.notes.page(after, limit=4):
            entries += len(page)
            after = page[-1][0]
        assert library.notes.count() == entries == 10  # a highlight and a note each
