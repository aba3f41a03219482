"""The first-run welcome: what the demo library is, how to add a URL or a feed, and the
starter feeds offered (never imposed): one key follows them, nothing is fetched until r."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from lecteur.core.library.store import Library
from lecteur.core.subscriptions import Imported, import_opml, starter_opml
from lecteur.data import welcome_text
from lecteur.ui import compat, keys
from lecteur.ui.dialogs.modal import Dialog
from lecteur.ui.i18n import language, t


class WelcomeScreen(Dialog[None]):
    """Shown once, over the demo library; Enter or Escape closes it, f follows the starter
    feeds (through the reader's writer, off the UI thread) and closes it."""

    SCOPES = ("modal", "viewer", "welcome")

    def __init__(self) -> None:
        super().__init__(id="welcome")
        self._following = False

    def compose(self) -> ComposeResult:
        title, body = welcome_text(language())
        key = compat.keymap(self.app).get("welcome.starter", keys.BY_ID["welcome.starter"].keys)
        with VerticalScroll(classes="dialog-box"):
            yield Static(Text(title, style="bold"), classes="dialog-title")
            yield Static(Text(body))
            yield Static(Text(t("welcome.starter_hint", key=keys.display_keys(key))),
                         classes="dialog-hint")

    def action_follow_starter(self) -> None:
        """Subscribe to the starter pack's feeds (folders become tags), then close."""
        if self._following:  # a second press while the first is being written
            return
        self._following = True
        self.lecteur.write(follow_starter, self._followed, self._not_followed)

    def _followed(self, imported: list[Imported]) -> None:
        count = sum(1 for entry in imported if entry.feed_id is not None)
        self.lecteur.library_changed(None)
        self.lecteur.say(t("notify.starter_followed", count=count))
        if self.is_attached:
            self.dismiss(None)

    def _not_followed(self, error: BaseException) -> None:
        self._following = False
        self.lecteur.say(t("notify.starter_failed", reason=str(error)), severity="error")


def follow_starter(library: Library) -> list[Imported]:
    """The writer's job: every starter feed added to `library` (a second time: no change)."""
    return import_opml(library, starter_opml(), t("welcome.starter_source"))
