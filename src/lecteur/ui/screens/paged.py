"""The screens of long lists (Quotes, Highlights): an entry list holding a window of pages.

`VoicesScreen` is what the Quotes, People and Highlights views share (their bar, `j`/`k`,
going back). `PagedScreen` adds the paging: the list (an `EntryList`, drawn line by line
from cached strips) holds a `Window` of a few pages read
by keyset from the library; moving near its edge reads the next page, Home and End read
the first or the last page. A page read along an index (the view unfiltered) is read on
the UI thread (a few milliseconds); one that may scan many rows (words typed in the
filter, only the kept ones) is read in a worker with its own connection, unless the whole
list fits in one window anyway. The count in the bar is counted in a worker too, unless
the window holds the whole list.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events, work
from textual.screen import Screen
from textual.widgets import Input, Static

from lecteur.core.errors import LecteurError
from lecteur.core.library.store import Library
from lecteur.ui import keys
from lecteur.ui.context import ReaderContext, reader_context
from lecteur.ui.safe import plain
from lecteur.ui.styles import stylesheets
from lecteur.ui.widgets.entries import Entry, EntryList, Lines
from lecteur.ui.widgets.window import Direction, Window

Item = TypeVar("Item")
DEFAULT_WIDTH = 76
LIST_GUTTER = 2  # the lists' padding (voices.tcss: QuoteList, padding 0 1)
OVERFLOWING = 12  # a page of at least this many entries overflows the screen: a scrollbar
PROMPTS_KEPT = 600  # the drawn lines of at most this many items are kept (a few windows)


class VoicesScreen(Screen[None]):
    """A full screen of the Quotes, People or Highlights view (the app's keys plus its own)."""

    SCOPES: tuple[keys.Scope, ...] = ("app",)
    # The list has the focus from the first frame: Textual focused the first focusable
    # widget (the filter) when the screen was composed, the list only a moment later, and
    # a key typed in between (`q`, to go back) went into the filter.
    AUTO_FOCUS = "EntryList"

    def __init__(self, *, classes: str) -> None:
        super().__init__(classes=classes)
        self.css_path = stylesheets(("voices.tcss",))
        keys.install(self, *[scope for scope in self.SCOPES if scope != "app"])

    @property
    def lecteur(self) -> ReaderContext:
        """The app, as far as a screen may ask anything of it."""
        return reader_context(self.app)

    def on_screen_suspend(self) -> None:
        self._styled_with = self.app.stylesheet.rules

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """Shown again (the app keeps the screen): Textual styles every node of a screen
        pushed again from the stylesheet, a fifth of opening a kept view; its nodes were
        styled with these very rules when it was left (a theme or a stylesheet read since
        makes new ones), so that is skipped. Runs before Screen's own handler."""
        if self.app.stylesheet.rules is getattr(self, "_styled_with", None):
            event.refresh_styles = False

    def action_back(self) -> None:
        if self.is_current:
            self.dismiss()

    def moving(self) -> EntryList:
        """The widget that `j` and `k` move in."""
        raise NotImplementedError

    def action_cursor_down(self) -> None:
        self.moving().action_cursor_down()

    def action_cursor_up(self) -> None:
        self.moving().action_cursor_up()

    def set_bar(self, title: str, count: str) -> None:
        """The top bar: `` lecteur · <view> · <count>`` (`title` may be a speaker's name)."""
        bar = Text(" lecteur ", style="bold")
        bar.append("· ")
        bar.append_text(plain(title))
        bar.append(" · ")
        bar.append(count, style="dim")
        self.query_one("#topbar", Static).update(bar, layout=False)


class PagedList(EntryList):
    """An entry list whose Home and End go to the ends of the whole list, not the window."""

    def action_first(self) -> None:
        screen = self.screen
        if not (isinstance(screen, PagedScreen) and screen.jump("first")):
            super().action_first()

    def action_last(self) -> None:
        screen = self.screen
        if not (isinstance(screen, PagedScreen) and screen.jump("last")):
            super().action_last()


class PagedScreen(VoicesScreen, Generic[Item]):
    """A view whose list is a window of pages (see the module's docstring)."""

    def __init__(self, *, classes: str) -> None:
        super().__init__(classes=classes)
        self.window: Window[Item] = Window(lambda _after, _back, _limit: [])
        self.total: int | None = None
        self.width = 0
        self._by_id: dict[str, Item] = {}
        self._prompts: dict[str, tuple[Item, int, Lines]] = {}  # drawn: item, width, lines
        self._whole_fits = False  # the unfiltered list fits in one window: no worker needed
        self._generation = 0
        self._reading = False
        self._loaded: Any = None  # the filter of the last load

    # --- what a view says --------------------------------------------------------------

    def moving(self) -> PagedList:
        raise NotImplementedError

    def wanted(self) -> Any:
        """What the view shows now (its filter), handed to `fetch` and `count`."""
        raise NotImplementedError

    def narrowed(self) -> bool:
        """Whether the filter may make a page scan many rows (words typed, kept only)."""
        raise NotImplementedError

    def fetch(self, library: Library, wanted: Any, after: Any, backward: bool,
              limit: int) -> list[tuple[Any, Item]]:
        """One page: ``(key, item)`` pairs in list order (see `Window`)."""
        raise NotImplementedError

    def count(self, library: Library, wanted: Any) -> int:
        """How many items the filter holds (may scan: runs in a worker)."""
        raise NotImplementedError

    def item_id(self, item: Item) -> str:
        raise NotImplementedError

    def entries(self, items: list[Item]) -> list[Entry]:
        """The list's entries for the window's items (headings among them)."""
        raise NotImplementedError

    def make_prompt(self, item: Item, styles: dict[str, Style]) -> Lines:
        """An item's lines, wrapped to `self.width` less the list's margins."""
        raise NotImplementedError

    def empty_text(self) -> str:
        raise NotImplementedError

    def bar_text(self, total: int | None) -> tuple[str, str]:
        """The bar's title and count (`total` None: not counted yet)."""
        raise NotImplementedError

    # --- reading -----------------------------------------------------------------------

    @property
    def shown(self) -> list[Item]:
        """The items the window holds (the list shows them)."""
        return self.window.items

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = self.lecteur.cursor_blink
        self.load()
        self.moving().focus()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.redraw())

    def reopen(self) -> None:
        """Opened again (the app keeps the screen): the filter emptied, the first page read
        again from the library, the cursor on top."""
        self.reset_filter()
        self.query_one(Input).value = ""
        self.moving().focus()
        self._whole_fits = False
        self.moving().highlighted = None
        self.moving().scroll_to(y=0, animate=False, immediate=True)
        self.load()

    def reset_filter(self) -> None:
        """Forget what narrows the list besides the typed words (Quotes: kept only)."""

    def _in_worker(self) -> bool:
        return self.narrowed() and not self._whole_fits

    def load(self) -> None:
        """Read the first page again (the filter changed, or the library: an entry is
        drawn again if what it shows changed, a mark or a note added)."""
        self._generation += 1
        self._reading = False  # a read still under way is for the old filter: dropped
        self.total = None
        wanted = self._loaded = self.wanted()
        library = self.lecteur.library
        self.window.fetch = lambda after, back, limit: self.fetch(library, wanted, after, back,
                                                                 limit)
        self._read("first", keep=self.current_id())

    def _read(self, direction: Direction, keep: str | None) -> None:
        request = self.window.request(direction)
        if request is None or self._reading:
            return
        if self._in_worker():
            self._reading = True
            self._read_in_worker(direction, request, self.wanted(), self._generation, keep)
            return
        found = self.lecteur.guarded_call(
            lambda: self.fetch(self.lecteur.library, self.wanted(), request[0], request[1],
                               self.window.page_size))
        self._arrived(direction, found or [], self._generation, keep)

    @work(thread=True, exclusive=True, group="pages", exit_on_error=False)
    def _read_in_worker(self, direction: Direction, request: tuple[Any, bool], wanted: Any,
                        generation: int, keep: str | None) -> None:
        try:
            with Library(self.lecteur.library.path, for_writing=False, check=False) as library:
                found = self.fetch(library, wanted, request[0], request[1],
                                   self.window.page_size)
        except LecteurError as error:
            self.app.call_from_thread(self.lecteur.say, str(error), severity="error")
            found = []
        self.app.call_from_thread(self._arrived, direction, found, generation, keep)

    def _arrived(self, direction: Direction, found: list[tuple[Any, Item]], generation: int,
                 keep: str | None) -> None:
        self._reading = False
        if generation != self._generation:
            return
        self.window.apply(direction, found)
        whole = self.window.at_start and self.window.at_end
        if direction == "first" and not self.narrowed():
            self._whole_fits = whole
        if direction in ("first", "last"):
            if whole:
                self.total = len(self.window)
            elif self.total is None:
                self._count_in_worker(self.wanted(), generation)
        wanted_id = keep
        if direction == "last" and self.window.items:
            wanted_id = self.item_id(self.window.items[-1])
        elif direction == "first" and keep is None and self.window.items:
            wanted_id = self.item_id(self.window.items[0])
        self.fill(wanted_id)

    @work(thread=True, exclusive=True, group="counts", exit_on_error=False)
    def _count_in_worker(self, wanted: Any, generation: int) -> None:
        try:
            with Library(self.lecteur.library.path, for_writing=False, check=False) as library:
                total = self.count(library, wanted)
        except LecteurError:
            return
        self.app.call_from_thread(self._counted, total, generation)

    def _counted(self, total: int, generation: int) -> None:
        if generation == self._generation:
            self.total = total
            self.update_bar()

    def jump(self, direction: Direction) -> bool:
        """Home/End: read the first or last page unless the window holds it already."""
        at_edge = self.window.at_start if direction == "first" else self.window.at_end
        if at_edge:
            return False
        self._read(direction, keep=None)
        return True

    # --- drawing -----------------------------------------------------------------------

    def prompt_of(self, item: Item, styles: dict[str, Style]) -> Lines:
        """An item's lines, drawn once per width and theme, and again only if the item
        changed (a page read again holds equal items: their lines, and the list's strips
        of them, are kept)."""
        key = self.item_id(item)
        drawn = self._prompts.get(key)
        if drawn is not None and drawn[1] == self.width and drawn[0] == item:
            return drawn[2]
        lines = self.make_prompt(item, styles)
        self._prompts[key] = (item, self.width, lines)
        return lines

    def redraw(self) -> None:
        """Draw every prompt again (the theme or the width changed)."""
        self._prompts.clear()
        self.fill(self.current_id())

    def fill(self, keep: str | None) -> None:
        """Put the window's items in the list, the highlight on `keep` (else the first)."""
        the_list = self.moving()
        items = self.window.items
        self.width = the_list.scrollable_content_region.width or self._expected_width(items)
        self._by_id = {self.item_id(item): item for item in items}
        if len(self._prompts) > PROMPTS_KEPT:
            self._prompts.clear()
        entries = self.entries(items)
        if not items:
            entries.append(Entry(None, ((Segment(self.empty_text(), Style(italic=True)),),),
                                 "empty"))
        if keep not in self._by_id:
            keep = self.item_id(items[0]) if items else None
        the_list.set_entries(entries, keep)
        self.update_bar()

    def _expected_width(self, items: list[Item]) -> int:
        """The list's width before its first layout (prompts are wrapped to it): the
        screen's, less the list's padding and, for a page that overflows, its scrollbar.
        Guessed right, the layout that follows keeps the prompts; wrong, they are redrawn."""
        width = self.size.width or self.app.size.width  # (a screen built ahead: no size)
        if not width:
            return DEFAULT_WIDTH
        return width - LIST_GUTTER - (1 if len(items) >= OVERFLOWING else 0)

    def update_bar(self) -> None:
        self.set_bar(*self.bar_text(self.total))

    def on_resize(self) -> None:
        if self.is_mounted and self.moving().scrollable_content_region.width != self.width:
            self.redraw()

    # --- moving ------------------------------------------------------------------------

    def current_id(self) -> str | None:
        """The id of the highlighted item's entry (None: none)."""
        if not self.is_mounted:
            return None
        found = self.moving().highlighted_id
        return found if found in self._by_id else None

    def current_item(self) -> Item | None:
        """The highlighted item (None: there is none)."""
        found = self.current_id()
        return None if found is None else self._by_id.get(found)

    def on_entry_list_highlighted(self, event: EntryList.Highlighted) -> None:
        event.stop()
        if event.entry_id not in self._by_id:
            return
        index = self.window.items.index(self._by_id[event.entry_id])
        edge = self.window.near_edge(index)
        if edge:
            self._read("forward" if edge > 0 else "backward", keep=event.entry_id)

    def replace_item(self, changed: Item) -> None:
        """Show a changed item (a kept mark) in place."""
        key = self.item_id(changed)
        if key not in self._by_id:
            return
        self.window.replace(self.window.items.index(self._by_id[key]), changed)
        self._by_id[key] = changed
        self._prompts.pop(key, None)
        self.moving().replace_lines(key, self.prompt_of(changed, self.part_styles()))

    def part_styles(self) -> dict[str, Style]:
        """The rich styles of the list's parts (see `QuoteList.styles_of`)."""
        styles_of = getattr(self.moving(), "styles_of", None)
        return styles_of() if styles_of is not None else {}

    # --- the filter ----------------------------------------------------------------------

    def action_filter(self) -> None:
        self.query_one(Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.wanted() != self._loaded:  # not the emptying of `reopen`, already read
            self.load()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.moving().focus()
