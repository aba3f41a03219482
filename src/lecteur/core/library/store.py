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
from pathlib import Path

from lecteur.core.errors import LibraryError
from lecteur.core.library.annotations import Highlights, Notes
from lecteur.core.library.articles import Articles, article_key
from lecteur.core.library.curate import Curate
from lecteur.core.library.database import BUSY_TIMEOUT_MS, Database, StorageError
from lecteur.core.library.drafts import Drafts
from lecteur.core.library.feed_items import FeedItems
from lecteur.core.library.feeds import Feeds
from lecteur.core.library.health import EarlyCheck
from lecteur.core.library.imported import Imports
from lecteur.core.library.people import People
from lecteur.core.library.quotations import Quotations
from lecteur.core.library.rules import Rules
from lecteur.core.library.saved import SavedViews
from lecteur.core.library.search import fts_query
from lecteur.core.library.tags import Tags
from lecteur.core.library.versions import Versions
from lecteur.core.library.views import Views

__all__ = ["BUSY_TIMEOUT_MS", "Library", "LibraryError", "StorageError", "article_key",
           "fts_query"]


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
        self.quotations = Quotations(self.db)
        self.curate = Curate(self.db, path)
        self.articles = Articles(self.db, self.quotations, self.curate)
        self.views = Views(self.db, self.curate)
        self.tags = Tags(self.db)
        self.highlights = Highlights(self.db)
        self.notes = Notes(self.db)
        self.drafts = Drafts(self.db)
        self.people = People(self.db)
        self.versions = Versions(self.db)
        self.feeds = Feeds(self.db)
        self.feed_items = FeedItems(self.db, self.quotations, self.articles)
        self.imports = Imports(self.db)
        self.saved_views = SavedViews(self.db)
        self.rules = Rules(self.db)

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
