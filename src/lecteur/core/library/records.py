"""The values the library hands out for lists, cards and annotations (besides `models`).

They live apart from the queries that build them (`library`, `voices`, `annotations`), which
import them only when a query runs: creating a frozen dataclass costs about 1 ms at import,
and the reader's first frame needs none of these (see docs/performance.md, "Reader").
"""

from __future__ import annotations

from dataclasses import dataclass

from lecteur.core.library.feed_rows import FeedRow as FeedRow  # re-exported: its old home
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
    """A highlighted passage of an article: the block it starts in and its exact text.

    `prefix` and `suffix` are the article's text just before and after it (empty for a
    whole-block highlight), and `text_digest` a digest of the text it was made on: a
    W3C TextQuoteSelector, so the passage can be found again after a re-fetch. `lost`:
    a re-fetch no longer found the passage (changed at source); the highlight is kept, and
    `text_version` names the earlier text it was made on (`lecteur.core.library.versions`;
    None: the current text).
    """

    id: int
    article_id: int
    block_index: int
    text: str
    created_at: str
    prefix: str = ""
    suffix: str = ""
    text_digest: str = ""
    lost: bool = False
    text_version: int | None = None


@dataclass(frozen=True)
class Note:
    """A note on an article, on one of its blocks when `block_index` is set, on one
    highlight when `highlight_id` is (its `block_index` is then the highlight's);
    `text_version` the earlier text it was made on (None: the current one)."""

    id: int
    article_id: int
    block_index: int | None
    text: str
    created_at: str
    updated_at: str
    highlight_id: int | None = None
    text_version: int | None = None


@dataclass(frozen=True)
class AnnotationEntry:
    """One highlight (with its note) or one note, with its article: the Highlights view.

    `search` is what a filter looks in, folded: the passage, the note, the title, the
    author, the speaker of the quotation the passage is in, and the article's tags.
    """

    kind: str  # "highlight" or "note"
    id: int
    article_id: int
    title: str
    author: str | None
    block_index: int | None
    text: str
    note: str | None
    speaker: str | None
    tags: str
    changed: str  # when it was made or last edited
    lost: bool = False
    earlier: bool = False  # made on an earlier text of the article (its block is there)


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
