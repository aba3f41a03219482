"""Save the current search as a view: a name for its query, listed in the sidebar.

The name starts as the query itself (Enter keeps it); the write goes through the app's
writer thread, and a name already taken or a query that does not read is said in the
dialog, in one sentence, leaving it open to try another name.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from lecteur.core.library.saved import MAX_NAME_LENGTH, SavedView
from lecteur.core.library.store import Library
from lecteur.ui.dialogs.modal import Dialog
from lecteur.ui.i18n import t
from lecteur.ui.safe import plain


class SaveViewScreen(Dialog[str]):
    """Type a name; Enter saves the query under it (the dialog returns the name)."""

    def __init__(self, query: str) -> None:
        super().__init__(id="save-view")
        self.query_text = query

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Text(t("save_view.title"), style="bold"), classes="dialog-title")
            yield Input(value=self.query_text[:MAX_NAME_LENGTH], id="save-view-name",
                        placeholder=t("save_view.placeholder"))
            yield Static(plain(t("save_view.hint", query=self.query_text)),
                         id="save-view-status", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = self.lecteur.cursor_blink
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name, query = event.value.strip(), self.query_text

        def save(library: Library) -> SavedView:
            return library.saved_views.add(name, query)

        self.lecteur.write(save, then=self._saved, otherwise=self._refused)

    def _saved(self, view: SavedView) -> None:
        self.lecteur.say(t("save_view.saved", name=view.name))
        self.lecteur.library_changed()
        self.dismiss(view.name)

    def _refused(self, error: BaseException) -> None:
        status = self.query_one("#save-view-status", Static)
        status.set_class(True, "-error")
        status.update(plain(str(error)))
