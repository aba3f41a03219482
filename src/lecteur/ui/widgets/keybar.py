"""The key bar at the bottom of the main and reading screens.

Built from the screen's active bindings (so from `lecteur.ui.keys` and the reader's
keymap), like Textual's Footer, but it only ever shows whole entries: when the terminal
is narrow, the entries that do not fit are left out (``?`` lists them all) instead of
being cut in the middle of a word.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.screen import Screen
from textual.widget import Widget


class KeyBar(Widget):
    """One line: ``key description`` for every shown binding that fits."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"keybar--key", "keybar--description"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def _bindings_changed(self, _screen: Screen[object]) -> None:
        self.refresh()

    def render(self) -> Text:
        width = self.size.width
        key_style = self.get_component_rich_style("keybar--key")
        text_style = self.get_component_rich_style("keybar--description")
        bar = Text(no_wrap=True, overflow="crop", end="")
        seen: set[str] = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            name = binding.id or binding.action
            if not binding.show or name in seen:
                continue
            seen.add(name)
            key = self.app.get_key_display(binding)
            if bar.cell_len + len(key) + len(binding.description) + 3 > width:
                break
            bar.append(f" {key} ", style=key_style)
            bar.append(f"{binding.description} ", style=text_style)
        return bar
