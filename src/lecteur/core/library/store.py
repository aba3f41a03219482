"""The reader's library: one SQLite file, and the families of tables it holds.

`Library` opens the `Database` (the connection and its settings) and composes one object
per family of tables, each in its own module:

    library.articles      save, remove, fetch, list and search articles
    library.views         the reader's lists, flags, read marks, reading positions
    library.tags          tags and which articles carry them
    library.highlights    highlighted blocks
    library.notes         notes on articles and on blocks
    library.drafts        autosaved text of notes being written
    library.quotations    block quotations and their speakers
    library.people        speakers and authors, and author cards
    library.versions      earlier texts of articles, kept when a save replaced them
    library.feeds         subscriptions and their tags
    library.feed_items    what refreshes store: feed items, as articles
    library.curate        relevance scores and reasons, the learned model, decisions
    library.saved_views   saved views: a name for a query
    library.rules         rules: a query and an action, run on new articles

A `Library` belongs to the thread that opened it; open one per thread or worker.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lecteur.core.errors import LibraryError
from lecteur.core.library.curate import Curate
from lecteur.core.library.database import BUSY_TIMEOUT_MS, Database, StorageError
from lecteur.core.library.feeds import Feeds
from lecteur.core.library.health import EarlyCheck
from lecteur.core.library.saved import SavedViews
from lecteur.core.library.tags import Tags
from lecteur.core.library.views import Views

if TYPE_CHECKING:
    from lecteur.core.library.annotations import Highlights, Notes
    from lecteur.core.library.articles import Articles
    from lecteur.core.library.drafts import Drafts
    from lecteur.core.library.feed_items import FeedItems
    from lecteur.core.library.imported import Imports
    from lecteur.core.library.people import People
    from lecteur.core.library.quotations import Quotations
    from lecteur.core.library.rules import Rules
    from lecteur.core.library.versions import Versions

__all__ = ["BUSY_TIMEOUT_MS", "Library", "LibraryError", "StorageError"]


def __getattr__(name: str) -> Any:
    """`article_key` and `fts_query`, re-exported, imported when first asked for."""
    if name == "article_key":
        from lecteur.core.library.articles import article_key

        return article_key
    if name == "fts_query":
        from lecteur.core.library.search import fts_query

        return fts_query
    raise AttributeError(name)


class Library:
    """A lecteur library: the connection, and the families of tables over it."""

    def __init__(self, path: Path, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS,
                 wait_seconds: float = 0.0, on_wait: Callable[[], None] | None = None,
                 for_writing: bool = True, check: bool | EarlyCheck = True) -> None:
        """Open the library at `path` (see `Database`: `for_writing` False only reads;
        `check` an `EarlyCheck` started before, or False for none)."""
        self.db = Database(path, busy_timeout_ms=busy_timeout_ms, wait_seconds=wait_seconds,
                           on_wait=on_wait, for_writing=for_writing, check=check)
        self.path = path
        self.curate = Curate(self.db, path)
        self.views = Views(self.db, self.curate)
        self.tags = Tags(self.db)
        self.feeds = Feeds(self.db)
        self.saved_views = SavedViews(self.db)

    # The other families are made, and their modules imported, when first used: the
    # reader's first frame needs only the views, tags, feeds and saved views, and the
    # rest (search, versions, the article store and what they import) was about a
    # quarter of lecteur's own imports before it.

    @cached_property
    def quotations(self) -> Quotations:
        from lecteur.core.library.quotations import Quotations

        return Quotations(self.db)

    @cached_property
    def articles(self) -> Articles:
        from lecteur.core.library.articles import Articles

        return Articles(self.db, self.quotations, self.curate)

    @cached_property
    def highlights(self) -> Highlights:
        from lecteur.core.library.annotations import Highlights

        return Highlights(self.db)

    @cached_property
    def notes(self) -> Notes:
        from lecteur.core.library.annotations import Notes

        return Notes(self.db)

    @cached_property
    def drafts(self) -> Drafts:
        from lecteur.core.library.drafts import Drafts

        return Drafts(self.db)

    @cached_property
    def people(self) -> People:
        from lecteur.core.library.people import People

        return People(self.db)

    @cached_property
    def versions(self) -> Versions:
        from lecteur.core.library.versions import Versions

        return Versions(self.db)

    @cached_property
    def feed_items(self) -> FeedItems:
        from lecteur.core.library.feed_items import FeedItems

        return FeedItems(self.db, self.quotations, self.articles)

    @cached_property
    def imports(self) -> Imports:
        from lecteur.core.library.imported import Imports

        return Imports(self.db)

    @cached_property
    def rules(self) -> Rules:
        from lecteur.core.library.rules import Rules

        return Rules(self.db)

    def is_empty(self) -> bool:
        """Whether the library holds no article (instant, however big it is)."""
        return self.db.conn.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is None

    def close(self) -> None:
        """Close the connection (safe to call twice)."""
        self.db.close()

    def remove_feed(self, feed_id: int) -> bool:
        """Unsubscribe, deleting the feed's items nobody kept; False if no such feed."""
        if self.feeds.get(feed_id) is None:
            return False
        for article_id in self.feed_items.disposable(feed_id):
            self.articles.remove(article_id)
        return self.feeds.remove(feed_id)

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def read_only(self) -> bool:
        """True if the library was opened read-only (absent, damaged or unwritable)."""
        return self.db.read_only

    @property
    def damage(self) -> str | None:
        """The sentence that says the library is damaged, if it is (then read-only)."""
        return self.db.damage

    def backup(self) -> Path:
        """Back up the library now (verified, rotated); return the backup's path."""
        return self.db.backup()

    def backup_if_due(self) -> Path | None:
        """The daily automatic backup, if a day has passed since the last one."""
        return self.db.backup_if_due()

    def data_version(self) -> int:
        """A number that changes when another connection commits (see `Database`)."""
        return self.db.data_version()
