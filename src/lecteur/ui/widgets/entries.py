"""A list of multi-line entries drawn with the Line API (the Quotes and Highlights views).

Textual's OptionList measures every option by wrapping its prompt again (`Content`) and
renders whole options through the compositor: showing 50 quotations of a few lines each,
or moving the highlight by one, cost tens of milliseconds. Here an entry comes already
cut into lines of segments (the views wrap their text to the list's width with
`LineWriter`; no Rich `Text` is split or rendered): an entry's height is its count of
lines, known without measuring; `render_line` draws one screen line from strips cached
per entry, width, state (highlighted, disabled, under the mouse) and focus, by putting
the state's style under the entry's segments; moving the highlight refreshes only the
lines of the two entries that changed, unless the list scrolls. Segments are never read
as markup: text from the web is shown as it is (cleaned by the views beforehand).

Entries whose `id` is None are headings: drawn, never highlighted. The widget keeps
OptionList's component classes and colours (``option-list--option-highlighted`` and the
rest), so the views look as they did, and the few reading methods tests and views used
(`options`, `get_option`, `highlighted`).
"""

from __future__ import annotations

from bisect import bisect_right
from typing import ClassVar, NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

CACHED_ENTRIES = 600  # strips of at most this many entries are kept (a few windows' worth)

Line = tuple[Segment, ...]
Lines = tuple[Line, ...]


class LineWriter:
    """An entry's lines, written piece by piece: text (one line's worth, already cleaned
    of escapes and controls: `clean_line`, or `wrap` of `clean_text`) and its style."""

    def __init__(self) -> None:
        self._lines: list[list[Segment]] = [[]]

    def add(self, text: str, style: Style | None = None) -> None:
        if text:
            self._lines[-1].append(Segment(text, style))

    def end_line(self) -> None:
        self._lines.append([])

    def lines(self) -> Lines:
        return tuple(tuple(line) for line in self._lines)


class Entry(NamedTuple):
    """One entry: its lines are its screen lines."""

    id: str | None  # None: a heading (not selectable)
    lines: Lines
    key: str  # what its drawn lines are cached under (the same entry in another window)

    @property
    def disabled(self) -> bool:
        """Whether the entry is a heading (the cursor skips it)."""
        return self.id is None

    @property
    def height(self) -> int:
        """How many screen lines the entry takes."""
        return len(self.lines)

    @property
    def prompt(self) -> Text:
        """The entry as Rich text (for tests and cards; the list draws `lines`)."""
        text = Text(end="")
        for number, line in enumerate(self.lines):
            if number:
                text.append("\n")
            for segment in line:
                text.append(segment.text, segment.style)
        return text


class EntryList(ScrollView, can_focus=True):
    """Entries of known heights, one highlighted (see the module's docstring)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", "Down", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "select", "Select", show=False),
        Binding("home", "first", "First", show=False),
        Binding("pagedown", "page_down", "Page Down", show=False),
        Binding("pageup", "page_up", "Page Up", show=False),
        Binding("up", "cursor_up", "Up", show=False),
    ]

    DEFAULT_CSS = """
    EntryList {
        height: auto;
        max-height: 100%;
        color: $foreground;
        overflow-x: hidden;
        border: tall $border-blurred;
        padding: 0 1;
        background: $surface;
        & > .option-list--option-highlighted {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            border: tall $border;
            background-tint: $foreground 5%;
            & > .option-list--option-highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        & > .option-list--option-highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
        }
        & > .option-list--option-disabled {
            color: $text-disabled;
        }
        & > .option-list--option-hover {
            background: $block-hover-background;
        }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "option-list--option", "option-list--option-disabled",
        "option-list--option-highlighted", "option-list--option-hover",
        "entry-list--stripe",
    }
    STRIPED: ClassVar[bool] = False  # every other entry on the stripe's background

    class Highlighted(Message):
        """The highlight moved to another entry (by a key, the mouse, or `move_to`)."""

        def __init__(self, entry_list: EntryList, entry_id: str) -> None:
            super().__init__()
            self.entry_list = entry_list
            self.entry_id = entry_id

    class Selected(Message):
        """Enter, or a click, on an entry."""

        def __init__(self, entry_list: EntryList, entry_id: str) -> None:
            super().__init__()
            self.entry_list = entry_list
            self.entry_id = entry_id

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.entries: list[Entry] = []
        self.highlighted: int | None = None
        self._starts: list[int] = []  # each entry's first line
        self._height = 0
        self._index: dict[str, int] = {}
        self._hover: int | None = None
        self._drawn: dict[str, tuple[Lines, int, dict[tuple[str, bool], list[Strip]]]] = {}
        self._styles: dict[tuple[str, bool], Style] = {}

    # --- what the list holds -------------------------------------------------------------

    @property
    def options(self) -> list[Entry]:
        """The entries (OptionList's name, which the tests read)."""
        return self.entries

    @property
    def option_count(self) -> int:
        return len(self.entries)

    def get_option_at_index(self, index: int) -> Entry:
        return self.entries[index]

    def get_option(self, entry_id: str) -> Entry:
        return self.entries[self._index[entry_id]]

    @property
    def highlighted_id(self) -> str | None:
        """The highlighted entry's id (None: none is)."""
        if self.highlighted is None or not 0 <= self.highlighted < len(self.entries):
            return None
        return self.entries[self.highlighted].id

    def set_entries(self, entries: list[Entry], highlight: str | None) -> None:
        """Show `entries`, the highlight on `highlight` (else the first selectable one).

        The highlighted entry keeps its place on the screen when it was shown before (a
        page read around it), so reading a page does not make the list jump.
        """
        before = self.highlighted_id
        was = (self._starts[self.highlighted] - int(self.scroll_offset.y)
               if before is not None and self.highlighted is not None else None)
        self.entries = entries
        self._index = {entry.id: n for n, entry in enumerate(entries) if entry.id is not None}
        self._starts, line = [], 0
        for entry in entries:
            self._starts.append(line)
            line += entry.height
        self._height = line
        self._hover = None
        if len(self._drawn) > CACHED_ENTRIES:
            self._drawn.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, self._height)
        index = self._index.get(highlight) if highlight is not None else None
        self.highlighted = index if index is not None else self._selectable(0, 1)
        if self.highlighted is not None and was is not None and highlight == before:
            self.scroll_to(y=max(0, self._starts[self.highlighted] - was), animate=False,
                           immediate=True)
        self._scroll_to_highlight()
        self.refresh()

    def replace_lines(self, entry_id: str, lines: Lines) -> None:
        """Draw one entry anew (its mark changed); its height must stay the same."""
        index = self._index.get(entry_id)
        if index is None:
            return
        entry = self.entries[index]
        self.entries[index] = entry._replace(lines=lines)
        self._drawn.pop(entry.key, None)
        self.refresh_lines(self._starts[index], entry.height)

    def clear_drawn(self) -> None:
        """Forget every drawn line (the theme changed)."""
        self._drawn.clear()
        self._styles.clear()
        self.refresh()

    # --- moving --------------------------------------------------------------------------

    def _selectable(self, start: int, step: int) -> int | None:
        """The first selectable entry from `start` on in the direction `step`."""
        index = start
        while 0 <= index < len(self.entries):
            if self.entries[index].id is not None:
                return index
            index += step
        return None

    def move_to(self, index: int | None) -> None:
        """Highlight the entry at `index` (a heading: the next selectable one), tell the
        screen, and refresh only what changed."""
        if index is None or not self.entries:
            return
        index = max(0, min(index, len(self.entries) - 1))
        found = self._selectable(index, 1)
        if found is None:
            found = self._selectable(index, -1)
        if found is None or found == self.highlighted:
            return
        old, self.highlighted = self.highlighted, found
        top = self.scroll_offset.y
        self._scroll_to_highlight()
        if self.scroll_offset.y == top:
            for changed in (old, found):
                if changed is not None and changed < len(self.entries):
                    self.refresh_lines(self._starts[changed], self.entries[changed].height)
        else:
            self.refresh()
        entry_id = self.entries[found].id
        assert entry_id is not None
        self.post_message(self.Highlighted(self, entry_id))

    def _scroll_to_highlight(self) -> None:
        """Scroll so that the highlighted entry (and the heading just above it) shows."""
        index = self.highlighted
        if index is None:
            return
        height = max(1, self.scrollable_content_region.height)
        top = int(self.scroll_offset.y)
        first = self._starts[index]
        if index > 0 and self.entries[index - 1].id is None:
            first = self._starts[index - 1]
        end = self._starts[index] + self.entries[index].height
        if first < top:
            self.scroll_to(y=first, animate=False, immediate=True)
        elif end > top + height:
            self.scroll_to(y=max(min(first, end - height), 0) if end - first > height
                           else end - height, animate=False, immediate=True)

    def action_cursor_down(self) -> None:
        if self.highlighted is None:
            self.move_to(0)
        else:
            following = self._selectable(self.highlighted + 1, 1)
            if following is not None:
                self.move_to(following)

    def action_cursor_up(self) -> None:
        if self.highlighted is None:
            self.move_to(0)
        else:
            preceding = self._selectable(self.highlighted - 1, -1)
            if preceding is not None:
                self.move_to(preceding)

    def action_first(self) -> None:
        self.move_to(self._selectable(0, 1))

    def action_last(self) -> None:
        last = self._selectable(len(self.entries) - 1, -1)
        if last is not None:
            self.move_to(last)

    def _page(self, step: int) -> None:
        if self.highlighted is None:
            self.move_to(0)
            return
        height = max(1, self.scrollable_content_region.height)
        line = self._starts[self.highlighted] + step * height
        target = bisect_right(self._starts, max(0, line)) - 1
        found = self._selectable(target, step)
        if found is None:
            found = self._selectable(target, -step)
        if step > 0 and line >= self._height:
            found = self._selectable(len(self.entries) - 1, -1)
        if found is not None:
            self.move_to(found)

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def action_select(self) -> None:
        entry_id = self.highlighted_id
        if entry_id is not None:
            self.post_message(self.Selected(self, entry_id))

    # --- the mouse -----------------------------------------------------------------------

    def _entry_at(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        line = int(self.scroll_offset.y) + offset.y
        if not 0 <= line < self._height:
            return None
        return bisect_right(self._starts, line) - 1

    def on_click(self, event: events.Click) -> None:
        index = self._entry_at(event)
        if index is not None and self.entries[index].id is not None:
            self.move_to(index)
            self.action_select()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hover(self._entry_at(event))

    def on_leave(self, _event: events.Leave) -> None:
        self._set_hover(None)

    def _set_hover(self, index: int | None) -> None:
        if index == self._hover:
            return
        for changed in (self._hover, index):
            if changed is not None and changed < len(self.entries):
                self.refresh_lines(self._starts[changed], self.entries[changed].height)
        self._hover = index

    # --- drawing -------------------------------------------------------------------------

    def on_resize(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, self._height)
        self._scroll_to_highlight()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._drawn.clear()
        self._styles.clear()

    def _state(self, index: int) -> str:
        if self.entries[index].id is None:
            return "option-list--option-disabled"
        if index == self.highlighted:
            return "option-list--option-highlighted"
        if index == self._hover:
            return "option-list--option-hover"
        return "entry-list--stripe" if self.STRIPED and index % 2 == 0 else ""

    def _style(self, state: str) -> Style:
        """The rich style an entry's lines are drawn on, for a state (as OptionList's)."""
        key = (state, self.has_focus)
        style = self._styles.get(key)
        if style is None:
            classes = ("option-list--option", state) if state else ("option-list--option",)
            style = self._styles[key] = self.get_visual_style(*classes).rich_style
        return style

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = int(self.scroll_offset.y) + y
        if not 0 <= line < self._height:
            return Strip.blank(width, self._style(""))
        index = bisect_right(self._starts, line) - 1
        return self._lines_of(index, width)[line - self._starts[index]]

    def _lines_of(self, index: int, width: int) -> list[Strip]:
        """An entry's drawn lines in its present state (cached)."""
        entry = self.entries[index]
        state = self._state(index)
        drawn = self._drawn.get(entry.key)
        if drawn is None or drawn[0] is not entry.lines or drawn[1] != width:
            drawn = self._drawn[entry.key] = (entry.lines, width, {})
        key = (state, self.has_focus)
        strips = drawn[2].get(key)
        if strips is None:
            strips = drawn[2][key] = _draw(entry.lines, width, self._style(state))
        return strips


def _draw(lines: Lines, width: int, style: Style) -> list[Strip]:
    """Lines as strips `width` wide, `style` under their own (cut if one is wider)."""
    strips = []
    for line in lines:
        segments = [Segment(text, style + own if own else style) for text, own, _ in line]
        used = sum(cell_len(text) for text, _own, _control in line)
        if used < width:
            segments.append(Segment(" " * (width - used), style))
        strip = Strip(segments, max(used, width))
        strips.append(strip.crop(0, width) if used > width else strip)
    return strips
