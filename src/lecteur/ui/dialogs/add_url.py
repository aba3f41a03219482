"""Add a web address (or a file) to the library, without blocking the reader.

Fetching runs on a daemon thread (`lecteur.ui.daemon`: quitting never waits on the
network) and extraction in the app's extraction pool (killable
child processes); the dialog shows progress meanwhile, and a failure is one plain
sentence in the dialog and in a notification, leaving the library as it was.

The work belongs to the app, not to the dialog: Escape closes the dialog and the reading
goes on (a worker of the dialog's would be cancelled with it, and the page would never
arrive); its end is a notification, and the article appears in the list.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, LoadingIndicator, Static

from lecteur.core.library.store import Library, LibraryError
from lecteur.core.service import Outcome, read_one
from lecteur.core.text.urls import without_credentials
from lecteur.core.workers.pool import ExtractorPool
from lecteur.ui.context import ReaderContext
from lecteur.ui.daemon import in_daemon_thread
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
        self.app.run_worker(self.read(source), group="add-url", exit_on_error=False)

    def action_close(self) -> None:
        if self.busy:  # it goes on: say where the result will be
            self.lecteur.say(t("add.goes_on"))
        self.dismiss(None)

    def _set_busy(self, busy: bool, status: str, error: bool = False) -> None:
        self.busy = busy
        self.query_one(LoadingIndicator).display = busy
        self.query_one(Input).disabled = busy
        message = self.query_one("#add-status", Static)
        message.set_class(error, "-error")
        message.update(plain(status))
        if not busy:
            self.query_one(Input).focus()

    async def read(self, source: str) -> None:
        """Fetch, extract and save `source` (on a daemon thread, awaited by an app worker).

        What the work needs of the app is taken here, on the event loop: once Escape has
        closed the dialog, the dialog no longer finds its app, and a thread never did."""
        lecteur = self.lecteur
        pool, path = lecteur.pool, lecteur.library.path
        try:
            outcome, saved = await in_daemon_thread(lambda: _read_and_save(source, pool, path))
        except LibraryError as error:
            self.failed(str(error), lecteur)
            return
        except Exception:  # never let a bad page take the reader down
            self.failed(t("add.failed"), lecteur)
            return
        if outcome.article is None or saved is None:
            self.failed(outcome.error or t("add.failed"), lecteur)
            return
        self.added(*saved, outcome.article.title, lecteur)

    def failed(self, reason: str, lecteur: ReaderContext) -> None:
        """Say why, keep the address so it can be corrected."""
        lecteur.say(reason, severity="error")
        if self.is_attached:
            self._set_busy(False, reason, error=True)

    def added(self, article_id: int, new: bool, title: str, lecteur: ReaderContext) -> None:
        """Tell, show it in the list, close."""
        lecteur.say(t("notify.added" if new else "notify.updated", title=title))
        lecteur.library_changed(article_id)
        if self.is_attached:
            self.dismiss(None)


def _read_and_save(source: str, pool: ExtractorPool,
                   path: Path) -> tuple[Outcome, tuple[int, bool] | None]:
    """Fetch, extract and save (off the UI thread): the outcome, and (id, new) if saved."""
    outcome = read_one(source, pool)
    if outcome.article is None:
        return outcome, None
    with Library(path) as library:
        return outcome, library.articles.add(outcome.article)
