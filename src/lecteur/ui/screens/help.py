"""The help screen: every key, by where it works, as the reader's config has bound it.

Each line ends with the binding's id, the name the config file rebinds it by, so the help
needs no file the reader may not have (a pip install has no docs/ folder). j, k, space
and b scroll it, as they move everywhere else.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from lecteur.ui import compat, keys
from lecteur.ui.dialogs.modal import Dialog
from lecteur.ui.i18n import t

BOX_WIDTH, BOX_FRAME = 100, 2 + 4 + 2  # #help-body in dialogs.tcss: border, padding, bar
KEYS_WIDTH = 22  # "pageup, ctrl+u" and the like


def description_width(width: int) -> int:
    """The description column's width in a table `width` wide: the longest description in
    the reader's language, so that every id starts in the same column, but no wider than
    leaves room for the longest id; a longer description has its id on the next line."""
    longest = max(cell_len(t(decl.description_key)) for decl in keys.DECLARATIONS)
    longest_id = max(len(decl.id) for decl in keys.DECLARATIONS)
    return max(0, min(longest, width - 2 - KEYS_WIDTH - 1 - longest_id))


class HelpScreen(Dialog[None]):
    """All bindings from `lecteur.ui.keys.DECLARATIONS`, with their current keys."""

    SCOPES = ("modal", "viewer", "help")

    def __init__(self) -> None:
        super().__init__(id="help")
        self._fitted = 0

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body", classes="dialog-box"):
            yield Static(Text(t("help.title"), style="bold"), classes="dialog-title")
            yield Static(self._table(self._room(self.app.size.width)), id="help-table")
            yield Static(Text(t("help.footer")), classes="dialog-hint")

    def on_resize(self, event: events.Resize) -> None:
        width = self._room(event.size.width)
        if width != self._fitted:
            self.query_one("#help-table", Static).update(self._table(width))

    def _room(self, screen_width: int) -> int:
        """The table's width in a terminal `screen_width` wide (dialogs.tcss: the box is
        100 wide at most, 95% of the screen, with a border, padding and a scrollbar)."""
        self._fitted = min(BOX_WIDTH, screen_width * 95 // 100) - BOX_FRAME
        return self._fitted

    def _table(self, width: int) -> Text:
        """Keys, what they do and their id, on one line where `width` allows, else two."""
        keymap = compat.keymap(self.app)
        column = description_width(width)
        text = Text()
        for scope in keys.SCOPES:
            text.append(f"\n{t(f'scope.{scope}')}\n", style="bold underline")
            for decl in keys.declarations(scope):
                shown = keys.display_keys(keymap.get(decl.id, decl.keys))
                text.append(f"  {shown:<{KEYS_WIDTH}}", style="bold")
                description = t(decl.description_key)
                if cell_len(description) <= column:
                    padding = " " * (column - cell_len(description))
                    text.append(f"{description}{padding} ")
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
