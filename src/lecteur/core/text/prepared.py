"""What storing a feed item computes from the item alone, computed in the parse worker.

Storing an item runs in one process, item after item; its parse ran in the pool's workers,
one feed each. The canonical link (the item's key), the folded title, author and text (the
search index), the body as JSON and its word count depend on the item alone, and were
half of the storing process's time: `prepare` computes them where the item is parsed
(`lecteur.core.workers.feeds`), and the storing code uses them as they come
(`lecteur.core.library.feed_items`), computing them itself for an item that has none.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, NamedTuple

from lecteur.core.text.sanitize import fold
from lecteur.core.text.urls import canonical_url

if TYPE_CHECKING:  # the reader imports the storing code at start, not the models (~10 ms)
    from lecteur.core.models import Block, FeedItem


class Prepared(NamedTuple):
    """A feed item's derived values, as `lecteur.core.library.articles` would store them."""

    key_url: str | None  # the canonical link, None without a link
    title: str  # folded, for the search index
    author: str
    text: str
    blocks: str  # the body's blocks as stored (JSON)
    word_count: int
    feed_words: int  # words in the feed's own text (`FeedItem.words`): 0 without one


def body_blocks(item: FeedItem) -> tuple[Block, ...]:
    """The body an item is stored with: its feed's text, else its title as a paragraph."""
    from lecteur.core.models import Block

    return item.blocks or (Block("paragraph", item.title),)


def prepare(item: FeedItem) -> Prepared:
    """The values storing `item` needs that depend on nothing but the item."""
    blocks = body_blocks(item)
    texts = [block.full_text for block in blocks]
    word_count = sum(len(text.split()) for text in texts)
    return Prepared(
        key_url=canonical_url(item.link) if item.link else None,
        title=fold(item.title), author=fold(item.author or ""),
        text=fold("\n\n".join(texts)),
        blocks=json.dumps([block.to_dict() for block in blocks], ensure_ascii=False),
        word_count=word_count,
        feed_words=_feed_words(item, word_count))


def _feed_words(item: FeedItem, word_count: int) -> int:
    """`FeedItem.words` of `item`, from the body's count when no block has a cite line
    (then the two counts are of the same texts)."""
    if not item.blocks:
        return 0
    if any(block.cite for block in item.blocks):
        return sum(len(block.text.split()) for block in item.blocks)
    return word_count


def prepared(item: FeedItem) -> Prepared:
    """The item's values: as its worker prepared them, else computed here."""
    return item.prepared if item.prepared is not None else prepare(item)
