"""The values the library hands out for lists, cards and annotations (besides `models`).

They live apart from the queries that build them (`library`, `voices`, `annotations`), which
import them only when a query runs: creating a frozen dataclass costs about 1 ms at import,
and the reader's first frame needs none of these (see docs/performance.md, "Reader").
"""

from __future__ import annotations

from dataclasses import dataclass

from lecteur.core.models import Article, Author


@dataclass(frozen=True)
class Entry:
    """One row of the library listing (no body: cheap to load by the thousand)."""

    id: int
    title: str
    author: str | None
    sitename: str | None
    date: str | None
    reading_minutes: int
    added_at: str
    url: str | None


@dataclass(frozen=True)
class Hit(Entry):
    """A search result: the listing's row, and a line of the body around what matched.

    `marks` are the (start, end) character spans of `snippet` that matched the query.
    """

    snippet: str = ""
    marks: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Stored:
    """An article as kept in the library, with its id and when it was added."""

    id: int
    article: Article
    added_at: str


@dataclass(frozen=True)
class Highlight:
    """A highlighted block of an article (its index in the article's blocks) and its text."""

    id: int
    article_id: int
    block_index: int
    text: str
    created_at: str


@dataclass(frozen=True)
class Note:
    """A note on an article, or on one of its blocks when `block_index` is set."""

    id: int
    article_id: int
    block_index: int | None
    text: str
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class QuoteEntry:
    """One saved quotation, with the article it comes from."""

    id: int
    article_id: int
    text: str
    speaker: str | None
    title: str
    date: str | None
    author: str | None
    kept: bool = False
    block_index: int | None = None


@dataclass(frozen=True)
class PersonEntry:
    """Someone the library knows: quoted by, or author of, saved articles."""

    name: str
    quotes: int
    quoted_in: int
    articles: int
    first: str | None
    last: str | None


@dataclass(frozen=True)
class AuthorCard:
    """What the library knows about an author: the card and the saved pieces."""

    author: Author
    articles: list[tuple[int, str, str | None]]  # (id, title, date)


@dataclass(frozen=True)
class FeedRow:
    """A subscription as the library keeps it, with its tags and unread count.

    `full_text` is None for "automatic" (fetch the article when the feed's text is short),
    else the reader's choice. `retry_until` is when a site that asked lecteur to wait
    (429 or 503 with Retry-After) may be asked again.
    """

    id: int
    url: str
    title: str
    site_url: str | None
    tags: tuple[str, ...]
    unread: int
    last_success: str | None
    last_error: str | None
    retry_until: str | None
    full_text: bool | None
    etag: str | None
    last_modified: str | None
    body_hash: str | None
    added_at: str
