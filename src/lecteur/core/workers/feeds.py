"""Reading a feed document inside a worker: parse the bytes, clean every field.

Runs in the extraction pool's killable, memory-capped processes (see `pool`), so a feed
that makes the parser run away (a regular expression on a 64 KB author, a deep document)
is stopped by the pool's time limit instead of freezing a refresh.
"""

from __future__ import annotations

from dataclasses import replace

from lecteur.core.extract.feed_text import feed_blocks
from lecteur.core.models import Block, FeedItem, FeedJob, ParsedFeed
from lecteur.core.net.feeds import parse_feed
from lecteur.core.text.prepared import prepare
from lecteur.core.text.sanitize import clean_line

MAX_ITEMS = 1000  # a feed of 10,000 entries keeps its newest thousand
MAX_LINE = 1000


def read_feed(job: FeedJob) -> ParsedFeed:
    """The parsed, cleaned feed of a job; raises FeedError when it holds no feed."""
    raw = parse_feed(job.source, job.body, job.content_type)
    items = []
    for entry in raw.entries[:MAX_ITEMS]:
        blocks = feed_blocks(entry.html)
        title = (_line(entry.title, MAX_LINE) or _line(_first_words(blocks), MAX_LINE)
                 or entry.link or "")
        item = FeedItem(
            guid=clean_line(entry.guid) or entry.guid, title=title or "(untitled)",
            link=entry.link, author=_line(entry.author, 200) or None, date=entry.date,
            blocks=blocks)
        items.append(replace(item, prepared=prepare(item)))  # here, not in the storing process
    return ParsedFeed(title=_line(raw.title, MAX_LINE), site_url=raw.site_url,
                      language=raw.language,
                      items=tuple(items), malformed=raw.malformed)


def _first_words(blocks: tuple[Block, ...]) -> str:
    """A title for an untitled entry: the first words of its text."""
    for block in blocks:
        if block.text:
            words = block.text.split()
            return " ".join(words[:12]) + ("…" if len(words) > 12 else "")
    return ""


def _line(text: str | None, most: int) -> str:
    """`text` as one clean line of at most `most` characters, no space left at a cut."""
    return clean_line(text)[:most].rstrip()
