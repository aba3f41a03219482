"""The article's links, numbered: press a number (or move and Enter) to open one."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from lecteur.ui.dialogs.modal import Dialog
from lecteur.ui.i18n import t
from lecteur.ui.safe import plain


class LinksScreen(Dialog[None]):
    """Pick a link of the article to open in the browser (http and https only)."""

    SCOPES = ("modal", "viewer")

    def __init__(self, links: tuple[str, ...]) -> None:
        super().__init__(id="links")
        self.links = links

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Text(t("links.title"), style="bold"), classes="dialog-title")
            if self.links:
                yield OptionList(*[self._option(n, link) for n, link in
                                   enumerate(self.links, start=1)], id="links-list")
            else:
                yield Static(Text(t("links.none")))
            yield Static(Text(t("links.hint")), classes="dialog-hint")

    @staticmethod
    def _option(number: int, link: str) -> Option:
        prompt = Text(f"[{number}] ", style="bold")
        prompt.append_text(plain(link))
        return Option(prompt, id=str(number - 1))

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isdigit() and event.character != "0":
            event.stop()
            self._open(int(event.character) - 1)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._open(int(event.option.id or 0))

    def _open(self, index: int) -> None:
        if 0 <= index < len(self.links):
            self.dismiss(None)
            self.lecteur.open_link(self.links[index])
