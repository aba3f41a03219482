"""The Quotes, Highlights and People views built ahead, in an idle moment after the start.

Composing, styling and mounting one of those screens is most of what its first opening
costs (40-50 ms of the UI thread at a million articles, against about 10 ms for showing a
kept one, or for the article list showing another view). Once the reader has been idle
for `IDLE_SECONDS` (reading the list, not pressing keys), one view a tick is installed
and mounted without being shown, as `LecteurApp._open_kept` would on its first `Q`, `H`
or `P`; opening it is then showing a kept screen. A key pressed meanwhile waits at most
one view's build; keys arriving in a burst (moving down the list) postpone it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from lecteur.ui import compat

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

IDLE_SECONDS = 1.0  # no key or mouse event for this long: the reader is reading
CHECK_SECONDS = 0.5


def _views() -> list[tuple[str, Callable[[], Screen[None]]]]:
    """The kept views, by the names `LecteurApp._open_kept` installs them under."""
    from lecteur.ui.screens.highlights import HighlightsScreen
    from lecteur.ui.screens.people import PeopleScreen
    from lecteur.ui.screens.quotes import QuotesScreen

    return [("quotes", QuotesScreen), ("highlights", HighlightsScreen),
            ("people", PeopleScreen)]


class Prebuilder:
    """Builds the kept views one at a time while the reader is idle (module docstring)."""

    def __init__(self, app: App[None]) -> None:
        self.app = app
        self.input_at = time.monotonic()
        self._timer = app.set_interval(CHECK_SECONDS, self.tick, name="prebuild-views")

    def saw_input(self) -> None:
        """A key or the mouse: not idle."""
        self.input_at = time.monotonic()

    def tick(self) -> None:
        """Build the next view not built yet, if the reader is idle on the main screen."""
        if time.monotonic() - self.input_at < IDLE_SECONDS or len(self.app.screen_stack) > 1:
            return
        for name, make in _views():
            if not self.app.is_screen_installed(name):
                self.app.install_screen(make(), name)
                compat.start_screen(self.app, name)
                return
        self._timer.stop()
