"""Every use of Textual's private API, in one place, for the one Textual version tested.

pyproject.toml pins Textual to the exact version these were read from; a test checks that
each still exists (tests/ui/test_ui_compat.py), so an upgrade fails there first, with the
name of what moved, instead of somewhere in the reader.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode

TESTED_TEXTUAL = "8.2.8"


def binding_table(node: DOMNode) -> dict[str, list[Binding]]:
    """The node's key -> bindings table, to replace what its class bound (see keys.install).

    Textual has no public way to drop a class's own binding for a key (ScrollView's
    "down", say) from one instance.
    """
    table: dict[str, list[Binding]] = node._bindings.key_to_bindings
    return table


def keymap(app: App[Any]) -> Mapping[str, str]:
    """The binding id -> keys overrides in force (set with the public ``set_keymap``)."""
    current: Mapping[str, str] = app._keymap
    return current


def refresh_truecolor_filter(app: App[Any]) -> None:
    """Recompute the colour filter for the app's ANSI theme, as a theme change would.

    Used to start in the saved theme without paying for a full theme change (~20 ms).
    """
    app._refresh_truecolor_filter(app.ansi_theme)


def fail(app: App[Any], error: Exception) -> None:
    """End the app as Textual ends it on an unhandled exception (exit code 1, traceback).

    For errors that reach the app as data (a failed write, a failed worker) rather than
    as exceptions raised in a handler.
    """
    app._handle_exception(error)


def unhandled_exception(app: App[Any]) -> Exception | None:
    """The exception that ended the app, if one did (for the crash log)."""
    error: Exception | None = app._exception
    return error


def start_screen(app: App[Any], name: str) -> None:
    """Compose and mount an installed screen without showing it: what `push_screen` does
    first for a screen not running yet (the screen is then shown as a kept one is)."""
    app._get_screen(name)
