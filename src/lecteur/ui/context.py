"""What a screen, dialog or widget may ask of the app: this Protocol, nothing else.

Screens never import `lecteur.ui.app` (import-linter checks it): they reach the app
through `reader_context(self.app)`, typed as `ReaderContext`. What happened is said with
messages (`lecteur.ui.messages`); what is asked for is here.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

from textual.notifications import SeverityLevel

if TYPE_CHECKING:
    from lecteur.core.config import Config
    from lecteur.core.library.store import Library
    from lecteur.core.workers.pool import ExtractorPool
    from lecteur.ui.undo import UndoLog

T = TypeVar("T")


class Navigator(Protocol):
    """Finds the article before or after another (the order the reader came from)."""

    def step(self, article_id: int, delta: int) -> int | None:
        """The article `delta` places from `article_id` (None: there is none)."""


class ReaderContext(Protocol):
    """The app as its screens see it."""

    library: Library  # the UI thread's connection: reads only
    config: Config
    cursor_blink: bool
    search_in_view: bool  # search looks only in the list's view (remembered for the session)
    undo_log: UndoLog  # what `z` takes back
    card_folded: bool  # the author's card shown as one line, in every article

    @property
    def pool(self) -> ExtractorPool:
        """The extraction workers, started on first use."""

    def say(self, message: str, *, severity: SeverityLevel = "information") -> None:
        """Show one sentence as plain text."""

    def write(self, job: Callable[[Library], T], then: Callable[[T], None] | None = None,
              otherwise: Callable[[BaseException], None] | None = None) -> None:
        """Run a library write off the UI thread; `then(result)` runs on it afterwards.

        A failure is one sentence, unless `otherwise(error)` is given: then it says it.
        """

    def guarded(self) -> contextlib.AbstractContextManager[None]:
        """Run library reads; a failure is one sentence and the rest of the block is skipped."""

    def guarded_call(self, action: Callable[[], T]) -> T | None:
        """Call a library read; its result, or None (and one sentence) if it failed."""

    def library_changed(self, article_id: int | None = None, recount: bool = True) -> None:
        """Tell every screen that the library changed (about `article_id`, if known)."""

    def open_reader(self, article_id: int, navigator: Navigator | None = None,
                    block: int | None = None) -> None:
        """Read an article (from block `block`, if given)."""

    def open_link(self, url: str | None) -> None:
        """Open an http(s) address in the browser after checking it."""

    def fold_card(self, folded: bool) -> None:
        """Fold (or unfold) the author's card from now on, and remember it in the settings."""

    def action_quotes(self) -> None:
        """Show the Quotes view."""

    def action_people(self) -> None:
        """Show the People view."""

    def action_highlights(self) -> None:
        """Show the Highlights & notes view."""

    def export_article(self, article_id: int) -> None:
        """Write one article's Markdown file in the export folder and say where."""

    def write_card(self, kind: str, item_id: int) -> None:
        """Write a quotation's (``quote``) or highlight's (``highlight``) card, SVG and
        plain text, in the export folder's ``cards``, and say where."""


def reader_context(app: Any) -> ReaderContext:
    """The running app, as a `ReaderContext` (the one place the cast is made)."""
    return cast("ReaderContext", app)
