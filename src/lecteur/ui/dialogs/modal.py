"""The base of the reader's dialogs: a modal screen that Escape closes."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen

from lecteur.ui import keys
from lecteur.ui.context import ReaderContext, reader_context
from lecteur.ui.styles import stylesheets

ResultType = TypeVar("ResultType")


class Dialog(ModalScreen[ResultType]):
    """A modal dialog with the ``modal`` bindings (Escape closes it, returning None)."""

    SCOPES: tuple[keys.Scope, ...] = ("modal",)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="dialog")
        self.css_path = stylesheets(("dialogs.tcss",))
        keys.install(self, *[scope for scope in self.SCOPES if scope != "app"])

    @property
    def lecteur(self) -> ReaderContext:
        """The app, as far as a screen may ask anything of it."""
        return reader_context(self.app)

    def action_close(self) -> None:
        self.dismiss(None)
