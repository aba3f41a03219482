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

    _drawn: tuple[tuple[str, str], ...] | None = None  # the entries last drawn

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def _bindings_changed(self, _screen: Screen[object]) -> None:
        # The bindings are said to change at every focus change (twice after the first
        # frame); the bar is drawn again only when what it shows changed.
        if self._entries() != self._drawn:
            self.refresh()

    def _entries(self) -> tuple[tuple[str, str], ...]:
        """(key, description) of every shown binding, once each, in order."""
        entries: list[tuple[str, str]] = []
        seen: set[str] = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            name = binding.id or binding.action
            if binding.show and name not in seen:
                seen.add(name)
                entries.append((self.app.get_key_display(binding), binding.description))
        return tuple(entries)

    def render(self) -> Text:
        width = self.size.width
        key_style = self.get_component_rich_style("keybar--key")
        text_style = self.get_component_rich_style("keybar--description")
        bar = Text(no_wrap=True, overflow="crop", end="")
        self._drawn = entries = self._entries()
        for key, description in entries:
            if bar.cell_len + len(key) + len(description) + 3 > width:
                break
            bar.append(f" {key} ", style=key_style)
            bar.append(f"{description} ", style=text_style)
        return bar
