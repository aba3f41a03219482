"""Add a web address (or a file) to the library, without blocking the reader.

Fetching runs in a worker thread and extraction in the app's extraction pool (killable
child processes); the dialog shows progress meanwhile, and a failure is one plain
sentence in the dialog and in a notification, leaving the library as it was.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, LoadingIndicator, Static

from lecteur.core.library.store import Library, LibraryError
from lecteur.core.service import read_one
from lecteur.core.text.urls import without_credentials
from lecteur.ui.dialogs.modal import Dialog
from lecteur.ui.i18n import t
from lecteur.ui.safe import plain


class AddUrlScreen(Dialog[None]):
    """Type an address, Enter reads and saves it; Escape closes (the work goes on)."""

    def __init__(self) -> None:
        super().__init__(id="add-url")
        self.busy = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Text(t("add.title"), style="bold"), classes="dialog-title")
            yield Input(placeholder=t("add.placeholder"), id="add-input")
            yield LoadingIndicator(id="add-progress")
            yield Static(Text(t("add.hint")), id="add-status", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = self.lecteur.cursor_blink
        self.query_one(Input).focus()
        self.query_one(LoadingIndicator).display = False

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        source = event.value.strip()
        if not source or self.busy:
            return
        self._set_busy(True, t("add.reading", source=without_credentials(source)))
        self.read(source)

    def _set_busy(self, busy: bool, status: str, error: bool = False) -> None:
        self.busy = busy
        self.query_one(LoadingIndicator).display = busy
        self.query_one(Input).disabled = busy
        message = self.query_one("#add-status", Static)
        message.set_class(error, "-error")
        message.update(plain(status))
        if not busy:
            self.query_one(Input).focus()

    @work(thread=True, exclusive=True, group="add-url", exit_on_error=False)
    def read(self, source: str) -> None:
        """Fetch, extract and save `source` (in a worker thread)."""
        try:
            outcome = read_one(source, self.lecteur.pool)
            if outcome.article is None:
                self.app.call_from_thread(self.failed, outcome.error or t("add.failed"))
                return
            with Library(self.lecteur.library.path) as library:
                article_id, new = library.articles.add(outcome.article)
        except LibraryError as error:
            self.app.call_from_thread(self.failed, str(error))
            return
        except Exception:  # never let a bad page take the reader down
            self.app.call_from_thread(self.failed, t("add.failed"))
            return
        self.app.call_from_thread(self.added, article_id, new, outcome.article.title)

    def failed(self, reason: str) -> None:
        """Say why, keep the address so it can be corrected."""
        self.lecteur.say(reason, severity="error")
        if self.is_attached:
            self._set_busy(False, reason, error=True)

    def added(self, article_id: int, new: bool, title: str) -> None:
        """Tell, show it in the list, close."""
        self.lecteur.say(t("notify.added" if new else "notify.updated", title=title))
        self.lecteur.library_changed(article_id)
        if self.is_attached:
            self.dismiss(None)
