"""The plain data lecteur passes around: articles, their blocks, quotes and authors.

Frozen dataclasses, so that an article extracted in a worker process can be pickled back,
stored, rendered and exported without anyone changing it on the way.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Literal, TypeVar

if TYPE_CHECKING:
    from lecteur.core.text.prepared import Prepared

_Plain = TypeVar("_Plain")


def _pickled_by_fields(cls: type[_Plain]) -> type[_Plain]:
    """Pickle `cls` (a frozen slots dataclass) as a call with its fields in order.

    A slots dataclass's own pickling state calls `dataclasses.fields` for every object,
    when pickled in a worker and again when unpickled in the parent: for a feed's 50
    items and their blocks that was most of the time its parse took to come back
    (0.6 ms a feed, in the process that also stores the items).
    """
    values = attrgetter(*(item.name for item in fields(cls)))  # type: ignore[arg-type]

    def __reduce__(self: _Plain) -> tuple[type[_Plain], tuple[object, ...]]:
        return cls, values(self)

    cls.__reduce__ = __reduce__  # type: ignore[assignment,method-assign]
    return cls


BlockKind = Literal["heading", "paragraph", "quote", "list", "code", "callout"]
BLOCK_KINDS: tuple[BlockKind, ...] = ("heading", "paragraph", "quote", "list", "code", "callout")


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Author:
    """Who wrote the piece, merged from every source the page offers."""

    name: str
    bio: str | None = None
    email: str | None = None
    links: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of an author: name, bio, email, links."""
        return {"name": self.name, "bio": self.bio, "email": self.email, "links": list(self.links)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Author:
        """Rebuild an author from `to_dict` output."""
        return cls(
            name=data["name"],
            bio=data.get("bio"),
            email=data.get("email"),
            links=tuple(data.get("links") or ()),
        )


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Block:
    """One unit of the clean body, in document order.

    A list keeps one item per line of `text`. A quote may carry its `speaker` (the name)
    and `cite`, the attribution line as the page wrote it ("— Sam Lee, career coach"),
    or, when the page names nobody, `attribution`: the description it gives instead ("an
    Iowa Republican"), as written. A ``callout`` is a boxed passage that holds nobody's
    words (a "Summary" box, a "Lire aussi" link): shown apart, never a quotation.
    `links` are the block's links in order, ``(text, target)``: the reader puts each one's
    number (its place in the article's `links`) after its text, so the Links list is usable.
    """

    kind: BlockKind
    text: str
    speaker: str | None = None
    cite: str | None = None
    attribution: str | None = None
    links: tuple[tuple[str, str], ...] = ()

    @property
    def full_text(self) -> str:
        """The block's text with its attribution line, as the page had it."""
        return f"{self.text}\n{self.cite}" if self.cite else self.text

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of a block: kind, text, speaker, cite, attribution, links."""
        return {"kind": self.kind, "text": self.text, "speaker": self.speaker, "cite": self.cite,
                "attribution": self.attribution,
                "links": [{"text": text, "url": url} for text, url in self.links]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Block:
        """Rebuild a block from `to_dict` output."""
        return cls(kind=data["kind"], text=data["text"], speaker=data.get("speaker"),
                   cite=data.get("cite"), attribution=data.get("attribution"),
                   links=tuple((str(link["text"]), str(link["url"]))
                               for link in data.get("links") or ()))


@dataclass(frozen=True, slots=True)
class Quote:
    """A block quotation and who said it (None when the page does not say)."""

    text: str
    speaker: str | None = None
    attribution: str | None = None


@dataclass(frozen=True, slots=True)
class Job:
    """One source to analyse: HTML or plain text, with where it came from.

    What `lecteur.core.net` hands to the extraction workers (`lecteur.core.workers`).
    """

    kind: Literal["html", "text"]
    content: str
    source: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article, ready to store, show or export."""

    source: str
    title: str
    blocks: tuple[Block, ...]
    url: str | None = None
    date: str | None = None
    language: str | None = None
    sitename: str | None = None
    author: Author | None = None
    links: tuple[str, ...] = field(default=())

    @property
    def text(self) -> str:
        """The clean body as plain text, blocks separated by blank lines."""
        return "\n\n".join(block.full_text for block in self.blocks)

    @property
    def quotes(self) -> tuple[Quote, ...]:
        """The block quotations, in document order."""
        return tuple(Quote(b.text, b.speaker, b.attribution)
                     for b in self.blocks if b.kind == "quote")

    @property
    def word_count(self) -> int:
        """Words in the body (white-space separated)."""
        return sum(len(block.full_text.split()) for block in self.blocks)

    @property
    def reading_minutes(self) -> int:
        """Minutes to read the body at 230 words a minute, at least one."""
        return reading_minutes(self.word_count)

    def to_dict(self) -> dict[str, Any]:
        """The `lecteur read --format json` contract (documented in docs/cli.md)."""
        return {
            "source": self.source,
            "url": self.url,
            "title": self.title,
            "date": self.date,
            "language": self.language,
            "sitename": self.sitename,
            "author": self.author.to_dict() if self.author else None,
            "word_count": self.word_count,
            "reading_minutes": self.reading_minutes,
            "blocks": [block.to_dict() for block in self.blocks],
            "quotes": [asdict(quote) for quote in self.quotes],
            "links": list(self.links),
            "text": self.text,
        }


def reading_minutes(word_count: int) -> int:
    """Minutes to read `word_count` words at 230 words a minute, at least one."""
    return max(1, round(word_count / 230))


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry of a parsed feed, cleaned: what becomes an article of the library.

    `guid` is the feed's own id for the entry (else its link, else a hash of its title
    and text); `blocks` is the feed's text for it (summary or full content), which may be
    only a summary: `words` tells how much there is. `prepared` holds what storing it
    derives from it alone, computed in the parse worker (`lecteur.core.text.prepared`).
    """

    guid: str
    title: str
    link: str | None = None
    author: str | None = None
    date: str | None = None
    blocks: tuple[Block, ...] = ()
    prepared: Prepared | None = field(default=None, compare=False, repr=False)
    # Its scan for relevance (a `lecteur.core.curate.scan.Prescan`, made in the parse
    # worker; typed loosely: models does not import curate), or None.
    scan: object | None = field(default=None, compare=False, repr=False)

    @property
    def words(self) -> int:
        """Words in the feed's text for this entry (counted by its parse worker when it has
        its prepared values: a refresh asks for it for every new item, to choose whether
        the feed wants its full articles)."""
        if self.prepared is not None:
            return self.prepared.feed_words
        return sum(len(block.text.split()) for block in self.blocks)


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A feed document turned into plain data (in a worker process, from bytes).

    `malformed` says that the document was malformed but readable (feedparser's
    ``bozo``): the process that stores it says so, in its language.
    """

    title: str
    site_url: str | None = None
    language: str | None = None
    items: tuple[FeedItem, ...] = ()
    malformed: bool = False


@dataclass(frozen=True, slots=True)
class FeedJob:
    """The bytes of a feed document to parse in a worker, where they came from, and the
    Content-Type they were served with (its charset counts)."""

    source: str
    body: bytes
    content_type: str = ""
    topics: str | None = None  # the topic profile's text: the worker scans items with it
    # The learned model, as (version, weights as (term, weight) pairs, bias): with
    # `topics`, the worker scores the items under it (typed loosely: models does not
    # import curate).
    learned: object | None = None
