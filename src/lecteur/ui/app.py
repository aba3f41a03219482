"""The reader: a Textual app over the library.

The threading model (docs/architecture.md): the UI thread reads pages of rows from its own
`Library` connection (WAL readers never wait) and never writes; every write is a job for
the `LibraryWriter` (a thread with its own connection), whose outcome comes back as a
message. The app polls ``PRAGMA data_version`` so that a second lecteur on the same
library (or a ``lecteur add`` in a shell) shows up within a couple of seconds, and posts
`LibraryChanged` to every screen when the library changed. A `LecteurError` from a write
or a worker is one sentence in a notification; anything else is a bug: the crash log,
and a non-zero exit. Notifications are always plain text: `notify` refuses markup.

`CRASH_HOOK` is for tests only: with ``LECTEUR_TEST_CRASH=help`` in the environment, ``?``
raises inside its handler, so a test can run the real binary and check that a bug in the
reader writes the crash log and exits non-zero (tests/ui/test_ui_walk.py).
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from rich.text import Text
from textual import events, work
from textual.app import App, SystemCommand
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from lecteur.core.config import Config
from lecteur.core.errors import ArticleGone, LecteurError
from lecteur.core.io.settings import save_card_folded, save_theme
from lecteur.core.library.store import Library, StorageError
from lecteur.core.text.sanitize import clean_text
from lecteur.ui import compat, keys
from lecteur.ui.background import lower_this_threads_priority
from lecteur.ui.context import Navigator, reader_context
from lecteur.ui.i18n import t
from lecteur.ui.messages import LibraryChanged, LibraryWaiting, WriteDone, WriteFailed
from lecteur.ui.pool import LazyPool
from lecteur.ui.prebuild import Prebuilder
from lecteur.ui.screens.main import MainScreen
from lecteur.ui.styles import stylesheets
from lecteur.ui.themes import DARK, THEMES, other_theme
from lecteur.ui.undo import UndoLog
from lecteur.ui.writer import WAIT_SECONDS, LibraryWriter

if TYPE_CHECKING:
    from lecteur.core.workers.pool import ExtractorPool

T = TypeVar("T")
CHANGE_POLL_SECONDS = 1.5
POOL_SIZE = 2
WARM_UP_SECONDS = 1.0  # after the first frame and its first keys, before an article is opened
WARM_UP_STEP_SECONDS = 0.1
PREPARE_SEARCH_SECONDS = 5.0  # after the start, the search's lists made in the background
CRASH_HOOK = "LECTEUR_TEST_CRASH"  # tests only: "help" makes ? raise (see the docstring)


class LecteurApp(App[None]):
    """lecteur's reader."""

    TITLE = "lecteur"
    ENABLE_COMMAND_PALETTE = True

    def __init__(self, library: Library, *, config: Config | None = None, demo: bool = True,
                 cursor_blink: bool = True, watch_changes: bool = True,
                 freeze_gc: bool = True, write_wait_seconds: float = WAIT_SECONDS,
                 prebuild_views: bool = True) -> None:
        super().__init__(css_path=list(stylesheets()))
        self.prebuild_views = prebuild_views
        self.prebuilder: Prebuilder | None = None
        keys.install(self, "app")
        self.library = library
        self.config = config or Config()
        library.db.staleness = self.config.staleness  # is:stale and the list's badge
        self.demo = demo
        self.cursor_blink = cursor_blink
        self.watch_changes = watch_changes
        self.freeze_gc = freeze_gc
        self._pool = LazyPool(POOL_SIZE)
        self.writer = LibraryWriter(library.path, self.post_message,
                                    wait_seconds=write_wait_seconds)
        self._data_version = 0
        self._told_waiting = False
        self.search_in_view = False  # search the list's view only (Tab in search)
        self.undo_log = UndoLog()
        # article id -> how many writes had been asked when it was said gone
        self._told_gone: dict[int, int] = {}
        self._seeded = demo and self._seed_demo()
        for theme in THEMES:
            self.register_theme(theme)
        self._initial_theme(self.config.theme if self.config.theme in self.available_themes
                            else DARK)
        self._saved_theme = self.theme
        self.card_folded = self.config.card_folded
        from lecteur.ui.refresher import Refresher

        self.refresher = Refresher(self, reader_context(self))
        self._collisions = keys.keymap_collisions(self.config.keymap)
        self.set_keymap({k: v for k, v in self.config.keymap.items()
                         if k in keys.BY_ID and k not in self._collisions})
        if freeze_gc:  # the imports' objects out of the collector's scans before the first
            gc.freeze()  # frame too: 1,000 feeds' entries set off a full pass over them (50 ms)

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
        compat.refresh_truecolor_filter(self)
        self.stylesheet.set_variables(self.get_css_variables())

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """Fallbacks for lecteur's own theme variables under Textual's built-in themes."""
        return {**THEMES[0].variables, **{
            "quote-background": "transparent", "highlight-background": "#8a6d1f 50%"}}

    # --- life cycle --------------------------------------------------------------------

    def _seed_demo(self) -> bool:
        """Put the demo in an empty library, before the app runs, so the list opens on it.

        The one write made on this thread, and before the event loop starts: no key can
        be waiting for it.
        """
        if not self.library.is_empty():
            return False
        from lecteur.data import demo_articles

        try:
            return bool(self.library.articles.seed_demo(demo_articles()))
        except LecteurError:
            return False  # a read-only or busy library: open it as it is

    def get_default_screen(self) -> Screen[None]:
        """The main screen is the app's first screen (no empty screen before it)."""
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
        self.set_timer(WARM_UP_SECONDS, self.refresher.age_out)
        self.set_timer(PREPARE_SEARCH_SECONDS, self.prepare_search)
        if self.prebuild_views:  # Quotes, Highlights, People built while the reader reads
            self.call_after_refresh(self._start_prebuilder)  # idle counted from the frame

    def _start_prebuilder(self) -> None:
        self.prebuilder = Prebuilder(self)

    async def on_event(self, event: events.Event) -> None:
        if self.prebuilder is not None and isinstance(event, events.InputEvent):
            self.prebuilder.saw_input()
        await super().on_event(event)

    def _warm_up(self, step: int = 0) -> None:
        """Import, in idle moments, what the first frame did without (~25-35 ms in all).

        Articles and the library's records are not needed to show the list, nor the
        article store, search and versions (`Library` makes them when first used); the
        first article opened or search typed would otherwise pay for them. One step at a
        time, `WARM_UP_STEP_SECONDS` apart, so that a key pressed meanwhile waits for one
        step at most.
        """
        if step == 0:
            import lecteur.core.library.records
        elif step == 1:
            import lecteur.core.models  # noqa: F401
        else:
            _ = self.library.articles  # with search, versions and quotations
            return
        self.set_timer(WARM_UP_STEP_SECONDS, lambda: self._warm_up(step + 1))

    def prepare_search(self) -> None:
        """Make the best matches of the library's frequent words ahead, in a thread with its
        own connection (`Articles.prepare_search`): the first search of a common word is
        then as fast as the next. Its writes never wait for the lock; the app's exit stops
        it where it is."""
        if not self.library.read_only:
            self._prepare_search()

    @work(thread=True, exclusive=True, group="prepare-search", exit_on_error=False)
    def _prepare_search(self) -> None:
        from textual.worker import get_current_worker

        worker = get_current_worker()
        lower_this_threads_priority()  # minutes of one core on a large library, once
        with contextlib.suppress(LecteurError, *StorageError), Library(
                self.library.path, for_writing=False, check=False) as library:
            library.db.interrupt_when(lambda: worker.is_cancelled)
            library.articles.prepare_search(stop=lambda: worker.is_cancelled)

    def _freeze_gc(self) -> None:
        # A method, not `gc.freeze` itself: Textual counts a callback's parameters, which
        # for a builtin means parsing its text signature (~9 ms, the first time).
        gc.freeze()

    def _report_config(self) -> None:
        if self.library.read_only:
            which = "notify.library_damaged" if self.library.damage else "notify.library_read_only"
            self.say(t(which), severity="warning")
        if self.config.problem:
            self.say(t("notify.config_error", reason=self.config.problem), severity="warning")
        unknown = keys.keymap_problems(self.config.keymap)
        if unknown:
            self.say(t("notify.unknown_keys", ids=", ".join(unknown)), severity="warning")
        if self._collisions:
            pairs = "; ".join(t("notify.key_taken", binding=binding_id, other=other,
                                key=keys.display_key(key))
                              for binding_id, (key, other) in sorted(self._collisions.items()))
            self.say(t("notify.key_collisions", pairs=pairs), severity="warning")

    def on_unmount(self) -> None:
        self.refresher.stop()  # what was fetched is stored; nothing new is asked
        for screen in self.screen_stack:
            remember = getattr(screen, "remember_place", None)
            if remember is not None:
                remember()
        self.writer.close()  # what was queued lands before the process ends
        self._pool.close()

    @property
    def pool(self) -> ExtractorPool:
        """The extraction workers, started on first use (thread-safe)."""
        return self._pool.get()

    # --- the library -------------------------------------------------------------------

    def write(self, job: Callable[[Library], T], then: Callable[[T], None] | None = None,
              otherwise: Callable[[BaseException], None] | None = None) -> None:
        """Run a library write off the UI thread; `then(result)` runs on it afterwards.

        A failure is one sentence, unless `otherwise(error)` is given: then it says it
        (an error that is not lecteur's is a bug all the same). Writes land in the order
        they were asked for.
        """
        self.writer.submit(job, then, otherwise)

    def export_folder(self) -> Path:
        """Where ``e`` writes Markdown files: the config file's ``export_dir``, else the
        ``export`` folder beside the library."""
        if self.config.export_dir:
            return Path(self.config.export_dir).expanduser()
        return self.library.path.parent / "export"

    def export_article(self, article_id: int) -> None:
        """Write one article's Markdown file (off the UI thread) and say where it went."""
        from lecteur.core import transfer

        folder = self.export_folder()
        templates = self.config.path.parent / "templates" if self.config.path else None

        def job(library: Library) -> object:
            try:
                return transfer.export_article(library, article_id, folder, templates=templates)
            except OSError as error:  # a full disk, a folder that cannot be made: said
                return error

        self.write(job, self._exported)

    def write_card(self, kind: str, item_id: int) -> None:
        """Write a quotation's or highlight's card (SVG and text) in the export folder's
        ``cards`` (off the UI thread), and say where it went."""
        from lecteur.core import transfer

        folder = self.export_folder() / "cards"

        def job(library: Library) -> object:
            try:
                return transfer.write_card(library, kind, item_id, folder)
            except OSError as error:  # a full disk, a folder that cannot be made: said
                return error

        self.write(job, self._card_written)

    def _card_written(self, result: object) -> None:
        if isinstance(result, OSError):
            self.say(t("notify.export_failed", reason=result.strerror or str(result)),
                     severity="error")
        elif not isinstance(result, tuple):
            self.say(t("notify.gone"), severity="warning")
        else:
            self.say(t("notify.card_written", path=str(result[0]), name=result[1].name))

    def _exported(self, result: object) -> None:
        from lecteur.core.io.export.markdown import Written

        if isinstance(result, OSError):
            self.say(t("notify.export_failed", reason=result.strerror or str(result)),
                     severity="error")
        elif not isinstance(result, Written):
            self.say(t("notify.gone"), severity="warning")
        elif result.status == "edited":
            self.say(t("notify.export_edited", name=result.path.name), severity="warning")
        else:
            self.say(t("notify.exported", path=str(result.path)))

    def on_write_done(self, message: WriteDone) -> None:
        self.writer.answered()
        self._told_waiting = False
        if message.then is not None:
            message.then(message.result)
        self._data_version = self.library.data_version()  # our own write: shown already

    def on_write_failed(self, message: WriteFailed) -> None:
        self.writer.answered()
        self._told_waiting = False
        error = message.error
        if isinstance(error, ArticleGone):
            self._article_gone(error.article_id, message.number)
        elif message.otherwise is not None and isinstance(error, (LecteurError, *StorageError)):
            message.otherwise(error)
        else:
            self._report(error)

    def _article_gone(self, article_id: int, number: int) -> None:
        """A change was asked on an article another lecteur (or ``lecteur rm``) took away.

        Said once for all the changes asked on it before it was said (write number
        `number` and those before), in the reader's language; a change asked later (an
        undo, say) is told again. The screens about that article (the reader, a tag or
        note dialog) close, back to the list, and every list is read again.
        """
        if 0 < number <= self._told_gone.get(article_id, 0):  # 0: a write of unknown place
            return
        self._told_gone[article_id] = self.writer.submitted
        self.say(t("notify.article_gone"), severity="warning")
        while len(self.screen_stack) > 1 and _is_about(self.screen, article_id):
            self.pop_screen()
        self.library_changed(None)

    def on_library_waiting(self, _message: LibraryWaiting) -> None:
        if not self._told_waiting:
            self._told_waiting = True
            self.say(t("notify.library_waiting"), severity="warning")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place a failed worker is reported: a sentence, or the crash."""
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self._report(event.worker.error)

    @contextlib.contextmanager
    def guarded(self) -> Iterator[None]:
        """Run library reads; a failure is one sentence and the rest of the block is skipped."""
        try:
            yield
        except (LecteurError, *StorageError) as error:
            self._report(error)

    def guarded_call(self, action: Callable[[], T]) -> T | None:
        """Call `action`; its result, or None (and one sentence) if the library failed."""
        try:
            return action()
        except (LecteurError, *StorageError) as error:
            self._report(error)
            return None

    def _report(self, error: BaseException) -> None:
        """A `LecteurError` is its sentence, a storage error is said; anything else is a bug."""
        if isinstance(error, LecteurError):
            self.say(str(error), severity="error")
        elif isinstance(error, StorageError):
            self.say(t("notify.library_error", reason=str(error)), severity="error")
        elif isinstance(error, Exception):
            compat.fail(self, error)
        else:
            raise error

    def check_for_changes(self) -> None:
        """Refresh what is shown if another connection wrote to the library."""
        try:
            version = self.library.data_version()
        except StorageError:
            return
        if version != self._data_version:
            self._data_version = version
            self.library_changed(None)

    def library_changed(self, article_id: int | None = None, recount: bool = True) -> None:
        """Tell every screen that the library changed (about `article_id`, if known).

        `recount` False says no view gained or lost an article (a read mark, a note), so
        the lists only redraw their rows instead of counting every view again.
        """
        for screen in self.screen_stack:
            screen.post_message(LibraryChanged(article_id, recount))

    # --- navigation --------------------------------------------------------------------

    def open_reader(self, article_id: int, navigator: Navigator | None = None,
                    block: int | None = None) -> None:
        """Read an article (from block `block`, if given, else where the reader left it)."""
        from lecteur.ui.screens.reader import ReaderScreen

        readers = [screen for screen in self.screen_stack if isinstance(screen, ReaderScreen)]
        if not readers:
            self.push_screen(ReaderScreen(article_id, navigator, block))
            return
        # One reader at most: go back down to it (search, Quotes, People close) and read there.
        reader = readers[-1]
        while self.screen is not reader:
            self.pop_screen()
        reader.read(article_id, navigator, block)

    def action_quotes(self) -> None:
        from lecteur.ui.screens.quotes import QuotesScreen

        if not (isinstance(self.screen, QuotesScreen) and self.screen.speaker is None):
            self._open_kept("quotes", QuotesScreen)

    def action_highlights(self) -> None:
        from lecteur.ui.screens.highlights import HighlightsScreen

        if not isinstance(self.screen, HighlightsScreen):
            self._open_kept("highlights", HighlightsScreen)

    def action_people(self) -> None:
        from lecteur.ui.screens.people import PeopleScreen

        if not isinstance(self.screen, PeopleScreen):
            self._open_kept("people", PeopleScreen)

    def _open_kept(self, name: str, make: Callable[[], Screen[None]]) -> None:
        """Open the Quotes, People or Highlights view, built once and kept (installed).

        Composing and styling a screen is most of what opening one costs; a kept one is
        read again from its first page (`reopen`) and shown. One still on the stack (a
        reader opened from it is above) is not pushed twice: a new one goes on top.
        """
        if not self.is_screen_installed(name):
            self.install_screen(make(), name)
        screen = self.get_screen(name)
        if screen in self.screen_stack:
            self.push_screen(make())
            return
        reopen = getattr(screen, "reopen", None)
        if reopen is not None and screen.is_mounted:
            reopen()
        self.push_screen(name)

    def action_triage(self) -> None:
        """The Inbox one item at a time (R): keep, dismiss, later, undo."""
        from lecteur.ui.screens.triage import TriageScreen

        if not any(isinstance(screen, TriageScreen) for screen in self.screen_stack):
            self.push_screen(TriageScreen())

    def action_reading_session(self) -> None:
        """"I have N minutes" (M): ask, then the session's pieces."""
        from lecteur.ui.screens.session import MinutesDialog, SessionScreen

        if any(isinstance(screen, MinutesDialog | SessionScreen)
               for screen in self.screen_stack):
            return

        def start(minutes: int | None) -> None:
            if minutes is not None:
                self.push_screen(SessionScreen(minutes))

        self.push_screen(MinutesDialog(), start)

    def action_all_tags(self) -> None:
        """Every tag; choosing one shows its articles in the list."""
        from lecteur.ui.dialogs.all_tags import AllTagsScreen

        if not isinstance(self.screen, AllTagsScreen):
            self.push_screen(AllTagsScreen(), self._show_tag)

    def _show_tag(self, tag_id: int | None) -> None:
        """Go back to the list (closing a reader above it) and show a tag's articles."""
        if tag_id is None:
            return
        while len(self.screen_stack) > 1 and not isinstance(self.screen, MainScreen):
            self.pop_screen()
        if isinstance(self.screen, MainScreen):
            self.screen.show_tag(tag_id)

    def action_help(self) -> None:
        from lecteur.ui.screens.help import HelpScreen

        if os.environ.get(CRASH_HOOK) == "help":
            raise RuntimeError(f"{CRASH_HOOK}=help: a bug on purpose, in a key's handler")
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_search(self) -> None:
        """Search, able to look only in the view the list shows (or showed, under a reader)."""
        from lecteur.ui.screens.search import SearchScreen

        main = next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)
        if main is None or not main.is_mounted:
            self.push_screen(SearchScreen())
            return
        self.push_screen(SearchScreen(main.article_list.view, main.view_label))

    def action_add_url(self) -> None:
        from lecteur.ui.dialogs.add_url import AddUrlScreen

        self.push_screen(AddUrlScreen())

    def action_refresh_feeds(self) -> None:
        """Refresh every feed in the background (`lecteur.ui.refresher`)."""
        self.refresher.start()

    def action_toggle_theme(self) -> None:
        self.theme = other_theme(self.theme)

    def _remember_theme(self, theme: object) -> None:
        if self.theme == self._saved_theme:
            return
        self._saved_theme = self.theme
        try:
            save_theme(self.theme, self.config.path)
        except (OSError, LecteurError) as error:
            self.say(t("notify.config_write_failed", reason=str(error)), severity="warning")

    def fold_card(self, folded: bool) -> None:
        """Remember whether the author's card is folded, for every article and next time."""
        self.card_folded = folded
        try:
            save_card_folded(folded, self.config.path)
        except (OSError, LecteurError) as error:
            self.say(t("notify.card_write_failed", reason=str(error)), severity="warning")

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
            compat.keymap(self).get("app.quit", keys.BY_ID["app.quit"].keys))))

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


def _is_about(screen: Screen[object], article_id: int) -> bool:
    """Whether a screen shows one article (the reader) or acts on it (tags, note)."""
    row = getattr(screen, "row", None)
    return (getattr(screen, "article_id", None) == article_id
            or getattr(row, "id", None) == article_id)
