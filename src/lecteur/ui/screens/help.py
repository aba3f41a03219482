"""The help screen: every key, by where it works, as the reader's config has bound it.

Each line ends with the binding's id, the name the config file rebinds it by, so the help
needs no file the reader may not have (a pip install has no docs/ folder). j, k, space
and b scroll it, as they move everywhere else.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from lecteur.ui import compat, keys
from lecteur.ui.dialogs.modal import Dialog
from lecteur.ui.i18n import t

KEYS_WIDTH = 22  # "pageup, ctrl+u" and the like
DESCRIPTION_WIDTH = 33  # then the id; the longest: "open the original in the browser"


class HelpScreen(Dialog[None]):
    """All bindings from `lecteur.ui.keys.DECLARATIONS`, with their current keys."""

    SCOPES = ("modal", "viewer", "help")

    def __init__(self) -> None:
        super().__init__(id="help")
        self._fitted = 0

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body", classes="dialog-box"):
            yield Static(Text(t("help.title"), style="bold"), classes="dialog-title")
            yield Static(self._table(0), id="help-table")
            yield Static(Text(t("help.footer")), classes="dialog-hint")

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_table)  # once the box has its new width

    def _fit_table(self) -> None:
        table = self.query_one("#help-table", Static)
        width = table.content_region.width
        if width != self._fitted:
            self._fitted = width
            table.update(self._table(width))

    def _table(self, width: int) -> Text:
        """Keys, what they do and their id, on one line where `width` allows, else two."""
        keymap = compat.keymap(self.app)
        text = Text()
        for scope in keys.SCOPES:
            text.append(f"\n{t(f'scope.{scope}')}\n", style="bold underline")
            for decl in keys.declarations(scope):
                shown = keys.display_keys(keymap.get(decl.id, decl.keys))
                text.append(f"  {shown:<{KEYS_WIDTH}}", style="bold")
                description = t(decl.description_key)
                if 2 + KEYS_WIDTH + DESCRIPTION_WIDTH + 1 + len(decl.id) <= width:
                    text.append(f"{description:<{DESCRIPTION_WIDTH}} ")
                else:  # narrow: the id under its description
                    text.append(description + "\n" + " " * (2 + KEYS_WIDTH))
                text.append(f"{decl.id}\n", style="dim")
        return text

    @property
    def body(self) -> VerticalScroll:
        """The scrolling part of the help."""
        return self.query_one("#help-body", VerticalScroll)

    def action_scroll_down(self) -> None:
        self.body.scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        self.body.scroll_up(animate=False)

    def action_page_down(self) -> None:
        self.body.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.body.scroll_page_up(animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
