"""A subscription as the library lists it (`FeedRow`), apart from `records`.

The reader's sidebar lists the feeds in its first frame; `records` imports `models` and
creates a dozen frozen dataclasses that the first frame does not need (about 20 ms on the
development machine, docs/performance.md "First frame of the list"). `records` re-exports
`FeedRow`, so either name works. `FeedEntry` is the part of a feed the sidebar shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


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


class FeedEntry(NamedTuple):
    """A feed as the sidebar lists it: what its entry shows and the top bar says.

    A tuple rather than a `FeedRow`: the sidebar lists every feed at start and on each
    count refresh, and 1,000 frozen dataclasses of 14 fields took most of that read.
    """

    id: int
    url: str
    title: str
    tags: tuple[str, ...]
    unread: int
    last_error: str | None
