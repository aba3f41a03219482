"""The reader: a Textual app over the library.

One `Library` connection lives on the app's thread; workers open their own. The app polls
``PRAGMA data_version`` so that a second lecteur on the same library (or a ``lecteur add``
in a shell) shows up within a couple of seconds, and every write is wrapped by `guarded`
so that a busy or broken library is a sentence, never a crash. Notifications are always
plain text: `notify` refuses markup whatever the caller asks.
"""

from __future__ import annotations

import contextlib
import gc
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, TypeVar

from rich.text import Text
from textual import work
from textual.app import App, SystemCommand
from textual.notifications import SeverityLevel
from textual.screen import Screen

from lecteur.core.config import Config, save_theme
from lecteur.core.library.store import Library, LibraryError
from lecteur.core.text.sanitize import clean_text
from lecteur.ui import keys
from lecteur.ui.i18n import t
from lecteur.ui.pool import LazyPool
from lecteur.ui.screens.actions import ArticleActions
from lecteur.ui.screens.main import MainScreen
from lecteur.ui.screens.navigate import Navigator
from lecteur.ui.styles import stylesheets
from lecteur.ui.themes import DARK, THEMES, other_theme

if TYPE_CHECKING:
    from lecteur.core.workers.pool import ExtractorPool

T = TypeVar("T")
CHANGE_POLL_SECONDS = 1.5
POOL_SIZE = 2
WARM_UP_SECONDS = 0.5  # after the first frame, before a reader usually opens an article


class LecteurApp(App[None]):
    """lecteur's reader."""

    TITLE = "lecteur"
    ENABLE_COMMAND_PALETTE = True

    def __init__(self, library: Library, *, config: Config | None = None, demo: bool = True,
                 cursor_blink: bool = True, watch_changes: bool = True,
                 freeze_gc: bool = True) -> None:
        super().__init__(css_path=list(stylesheets()))
        keys.install(self, "app")
        self.library = library
        self.config = config or Config()
        self.demo = demo
        self.cursor_blink = cursor_blink
        self.watch_changes = watch_changes
        self.freeze_gc = freeze_gc
        self._pool = LazyPool(POOL_SIZE)
        self._data_version = 0
        self._seeded = False
        for theme in THEMES:
            self.register_theme(theme)
        self._initial_theme(self.config.theme if self.config.theme in self.available_themes
                            else DARK)
        self._saved_theme = self.theme
        self.set_keymap({k: v for k, v in self.config.keymap.items() if k in keys.BY_ID})

    def _initial_theme(self, name: str) -> None:
        """Start in theme `name` without the restyle a theme change costs (~20 ms).

        Before the app runs nothing is styled yet, so the watcher's work is only the
        classes Textual derives from the theme, set here as Textual's own start-up does.
        """
        self.set_reactive(App.theme, name)
        dark = self.current_theme.dark
        self.set_class(dark, "-dark-mode", update=False)
        self.set_class(not dark, "-light-mode", update=False)
        self.set_class(True, f"-theme-{name}", update=False)
        self._refresh_truecolor_filter(self.ansi_theme)
        self.stylesheet.set_variables(self.get_css_variables())

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """Fallbacks for lecteur's own theme variables under Textual's built-in themes."""
        return {**THEMES[0].variables, **{
            "quote-background": "transparent", "highlight-background": "#8a6d1f 50%"}}

    # --- life cycle --------------------------------------------------------------------

    def get_default_screen(self) -> Screen[None]:
        """The main screen is the app's first screen (no empty screen before it).

        The demo is put in first, so that the list opens on it.
        """
        if self.demo and self.library.articles.is_empty():
            from lecteur.data import demo_articles

            self._seeded = bool(self.guarded_call(
                lambda: self.library.articles.seed_demo(demo_articles())))
        return MainScreen()

    def on_mount(self) -> None:
        if self._seeded:
            from lecteur.ui.screens.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen())
        self._report_config()
        self._data_version = self.library.data_version()
        if self.watch_changes:
            self.set_interval(CHANGE_POLL_SECONDS, self.check_for_changes)
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self.freeze_gc:  # start-up objects out of the collector's scans (no 40 ms pauses)
            self.call_after_refresh(self._freeze_gc)
        self.set_timer(WARM_UP_SECONDS, self._warm_up)

    def _warm_up(self) -> None:
        """Import, in an idle moment, what the first frame did without (~10 ms).

        Articles and the library's records are not needed to show the list; the first
        article opened would otherwise pay for them.
        """

    def _freeze_gc(self) -> None:
        # A method, not `gc.freeze` itself: Textual counts a callback's parameters, which
        # for a builtin means parsing its text signature (~9 ms, the first time).
        gc.freeze()

    def _report_config(self) -> None:
        if self.config.problem:
            self.say(t("notify.config_error", reason=self.config.problem), severity="warning")
        unknown = keys.keymap_problems(self.config.keymap)
        if unknown:
            self.say(t("notify.unknown_keys", ids=", ".join(unknown)), severity="warning")

    def on_unmount(self) -> None:
        for screen in self.screen_stack:
            remember = getattr(screen, "remember_place", None)
            if remember is not None:
                remember()
        self._pool.close()

    @property
    def pool(self) -> ExtractorPool:
        """The extraction workers, started on first use (thread-safe)."""
        return self._pool.get()

    # --- the library -------------------------------------------------------------------

    @contextlib.contextmanager
    def guarded(self) -> Iterator[None]:
        """Run library writes; a failure is one sentence and the rest of the block is skipped."""
        try:
            yield
        except (LibraryError, ValueError, sqlite3.Error) as error:
            self._report(error)

    def guarded_call(self, action: Callable[[], T]) -> T | None:
        """Call `action`; its result, or None (and one sentence) if the library failed."""
        try:
            return action()
        except (LibraryError, ValueError, sqlite3.Error) as error:
            self._report(error)
            return None

    def _report(self, error: Exception) -> None:
        if isinstance(error, sqlite3.Error):
            self.say(t("notify.library_error", reason=str(error)), severity="error")
        else:
            self.say(str(error), severity="error")

    def check_for_changes(self) -> None:
        """Refresh what is shown if another connection wrote to the library."""
        try:
            version = self.library.data_version()
        except sqlite3.Error:
            return
        if version != self._data_version:
            self._data_version = version
            self.library_touched(None)

    def library_touched(self, article_id: int | None, recount: bool = True) -> None:
        """Tell every screen that the library changed (about `article_id`, if known).

        `recount` False says no view gained or lost an article (a read mark, a note), so
        the lists only redraw their rows instead of counting every view again.
        """
        for screen in self.screen_stack:
            if isinstance(screen, ArticleActions):
                screen.refresh_from_library(article_id, recount)

    # --- navigation --------------------------------------------------------------------

    def open_reader(self, article_id: int, navigator: Navigator | None = None,
                    block: int | None = None) -> None:
        """Read an article (from block `block`, if given, else where the reader left it)."""
        from lecteur.ui.screens.reader import ReaderScreen

        self.push_screen(ReaderScreen(article_id, navigator, block))

    def action_quotes(self) -> None:
        from lecteur.ui.screens.quotes import QuotesScreen

        if not (isinstance(self.screen, QuotesScreen) and self.screen.speaker is None):
            self.push_screen(QuotesScreen())

    def action_people(self) -> None:
        from lecteur.ui.screens.people import PeopleScreen

        if not isinstance(self.screen, PeopleScreen):
            self.push_screen(PeopleScreen())

    def action_help(self) -> None:
        from lecteur.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_search(self) -> None:
        from lecteur.ui.screens.search import SearchScreen

        self.push_screen(SearchScreen())

    def action_add_url(self) -> None:
        from lecteur.ui.dialogs.add_url import AddUrlScreen

        self.push_screen(AddUrlScreen())

    def action_toggle_theme(self) -> None:
        self.theme = other_theme(self.theme)

    def _remember_theme(self, theme: object) -> None:
        if self.theme == self._saved_theme:
            return
        self._saved_theme = self.theme
        try:
            save_theme(self.theme, self.config.path)
        except OSError as error:
            self.say(t("notify.config_write_failed", reason=str(error)), severity="warning")

    # --- links -------------------------------------------------------------------------

    def open_link(self, url: str | None) -> None:
        """Open an http(s) address in the browser after checking it; say where it goes."""
        from lecteur.ui.links import RefusedLink, checked_url, real_host

        if not url:
            self.say(t("notify.no_url"), severity="warning")
            return
        try:
            safe = checked_url(url)
        except RefusedLink as refusal:
            self.say(t("notify.link_refused", reason=str(refusal)), severity="warning")
            return
        self.say(t("notify.opening", host=real_host(safe)))
        self._browse(safe)

    @work(thread=True, group="browser", exit_on_error=False)
    def _browse(self, url: str) -> None:
        from lecteur.ui.links import open_in_browser

        if not open_in_browser(url):
            self.call_from_thread(self.say, t("notify.no_browser"), severity="warning")

    # --- messages ----------------------------------------------------------------------

    def say(self, message: str, *, severity: SeverityLevel = "information") -> None:
        """Show one sentence as plain text (never markup)."""
        self.notify(message, severity=severity)

    def notify(self, message: str | Text, *, title: str = "",
               severity: SeverityLevel = "information", timeout: float | None = None,
               markup: bool = True) -> None:
        """Every notification, whoever sends it, is cleaned plain text: markup is refused."""
        plain = message.plain if isinstance(message, Text) else str(message)
        super().notify(clean_text(plain), title=clean_text(title), severity=severity,
                       timeout=timeout, markup=False)

    def action_help_quit(self) -> None:
        """Ctrl+C does not quit (it copies in text fields): say which key does."""
        self.say(t("notify.how_to_quit", key=keys.display_keys(
            self._keymap.get("app.quit", keys.BY_ID["app.quit"].keys))))

    # --- the command palette -----------------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Every action available where the palette was opened, from the declarations."""
        from lecteur.ui.palette import palette_commands

        return palette_commands(self, screen)

    def action_command_palette(self) -> None:
        """Textual's palette, with its prompt in the reader's language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(CommandPalette(id="--command-palette",
                                            placeholder=t("palette.placeholder")))

    def search_themes(self) -> None:
        """Textual's theme chooser, with its prompt in the reader's language."""
        from textual.command import CommandPalette
        from textual.theme import ThemeProvider

        self.push_screen(CommandPalette(providers=[ThemeProvider],
                                        placeholder=t("palette.theme_placeholder")))
