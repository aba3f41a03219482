"""The first-run welcome: what the demo library is, and how to add a URL or a feed."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from lecteur.data import welcome_text
from lecteur.ui.dialogs.modal import Dialog
from lecteur.ui.i18n import language, t


class WelcomeScreen(Dialog[None]):
    """Shown once, over the demo library; Enter or Escape closes it."""

    SCOPES = ("modal", "viewer", "welcome")

    def __init__(self) -> None:
        super().__init__(id="welcome")

    def compose(self) -> ComposeResult:
        title, body = welcome_text(language())
        with VerticalScroll(classes="dialog-box"):
            yield Static(Text(title, style="bold"), classes="dialog-title")
            yield Static(Text(body))
            yield Static(Text(t("welcome.hint")), classes="dialog-hint")
