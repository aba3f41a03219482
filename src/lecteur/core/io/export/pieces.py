"""What an export is made of: each saved piece with what the reader wrote on it.

Plain frozen data, built from the library by `lecteur.core.transfer` (the export package
never reads the library) and handed to the templates as data, never as code.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lecteur.core.models import Article


@dataclass(frozen=True)
class PieceHighlight:
    """A highlighted passage with its anchor (W3C TextQuoteSelector) and its note."""

    id: int
    text: str
    prefix: str
    suffix: str
    block_index: int
    created_at: str
    note: str | None = None
    speaker: str | None = None  # when the passage is in a quotation with a known speaker
    lost: bool = False  # the article was saved again and the passage is no longer in it


@dataclass(frozen=True)
class PieceNote:
    """A note on the article (`block_index` None) or on one of its blocks."""

    text: str
    block_index: int | None
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class PieceQuote:
    """One of the article's quotations, with its speaker, and whether the reader kept it."""

    text: str
    speaker: str | None
    attribution: str | None
    kept: bool
    note: str | None = None


@dataclass(frozen=True)
class Piece:
    """A saved article and everything attached to it that an export shows."""

    id: int
    article: Article
    added_at: str
    tags: tuple[str, ...] = ()
    highlights: tuple[PieceHighlight, ...] = ()
    notes: tuple[PieceNote, ...] = field(default=())
    quotes: tuple[PieceQuote, ...] = ()
