"""An OptionList that lays out a thousand one-line options without rendering them.

Textual's OptionList measures every option when its lines are laid out (at mount, on a
resize, after `set_options` or a new prompt): each prompt is turned into a visual and
wrapped at the list's width to count its lines. With 1,000 feeds in the sidebar that is
the sidebar's whole cost in the reader's first frame (issue 11), although every entry is
one line. Here an option whose prompt is a `Text` of one line that fits the width is
given one line without being measured; the others (a heading that would wrap, anything
but `Text`) are measured as Textual does. The options are then rendered only when drawn,
that is the visible ones.

Textual's OptionList also forgets its laid-out lines and rendered options at every
`Resize`, whatever changed: the first one arrives just after the first frame (the size
the first layout gave), so the sidebar laid out its 1,000 entries and rendered its
visible ones twice at start, and again at a scrollbar's coming. Here they are kept when
the width they were made for has not changed (a height changes neither).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import cast

from rich.text import Text
from textual import events
from textual.css.styles import RulesMap
from textual.geometry import Size
from textual.visual import VisualType
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option


def show_scrollbar_now(widget: Widget, lines: int) -> None:
    """Show `widget`'s vertical scrollbar before its first layout if its `lines` cannot
    fit the screen whatever its height.

    Textual decides it at the first layout, after the compositor's map is made: the
    scrollbar joined the map at the next layout (the terminal's first Resize, just after
    the first frame), which laid the screen out and drew its rows again, a scrollbar
    narrower.
    """
    if not widget.size and lines > widget.app.size.height > 0 \
            and widget.styles.overflow_y == "auto":
        widget.show_vertical_scrollbar = True


class LazyOption(Option):
    """An option of one line whose prompt is made when first asked for (drawn).

    `cells`: the most cells the line will take, known beforehand, so that it is laid out
    without being made; `key`: what the line is made from (equal keys, equal lines), so
    that a list made again can tell an unchanged entry without making it.
    """

    def __init__(self, make: Callable[[], Text], cells: int, key: Hashable,
                 id: str | None = None) -> None:
        super().__init__("", id=id)
        self._make: Callable[[], Text] | None = make
        self.cells = cells
        self.key = key

    @property
    def waiting(self) -> bool:
        """Whether the line is still to be made (`cells` then bounds it)."""
        return self._make is not None

    @property
    def prompt(self) -> VisualType:
        if self._make is not None:
            self._prompt, self._make = self._make(), None
        return self._prompt

    def _set_prompt(self, prompt: VisualType) -> None:
        self._make = None
        super()._set_prompt(prompt)


class OneLineOptionList(OptionList):
    """An OptionList whose one-line options cost nothing until they are drawn."""

    _laid_width: int | None = None  # the content width the cached lines were made for

    def on_mount(self) -> None:
        show_scrollbar_now(self, self.option_count)

    def _on_resize(self, event: events.Resize | None = None) -> None:
        """Keep the lines and renders when the width is the same (Textual's clears them).

        `event` has a default only to match OptionList's own handler, which has none;
        Textual always passes it (it counts the parameters)."""
        if event is not None and self._line_cache.lines \
                and self._laid_width == self.scrollable_content_region.width:
            # OptionList's own handler (the caches cleared) is skipped; what a new height
            # shows is drawn as the layout repaints the widget's new region.
            event.prevent_default()

    def _update_lines(self) -> None:
        """Lay out the options not laid out yet (Textual's method, with `_option_lines`)."""
        if not self.scrollable_content_region:
            return
        self._show_scrollbar_first()
        if self._laid_width != self.scrollable_content_region.width:
            if self._line_cache.lines:  # made for another width: all of them again
                self._clear_caches()
            self._laid_width = self.scrollable_content_region.width
        cache = self._line_cache
        lines = cache.lines
        next_index = lines[-1][0] + 1 if lines else 0
        width = self.scrollable_content_region.width - self._get_left_gutter_width()
        options = self.options
        if next_index < len(options):
            room = width - self.get_component_styles("option-list--option").padding.width
            fits = room - self.styles.line_pad * 2  # the `line-pad` rule, both sides
            for index in range(next_index, len(options)):
                option = options[index]
                cache.index_to_line[index] = len(lines)
                count = self._option_lines(option, room, fits) + option._divider
                cache.heights[index] = count
                lines.extend([(index, line) for line in range(count)])
        last_divider = bool(options) and options[-1]._divider
        virtual_size = Size(width, len(lines) - (1 if last_divider else 0))
        if virtual_size != self.virtual_size:
            self.virtual_size = virtual_size
            self._scroll_update(virtual_size)

    def _show_scrollbar_first(self) -> None:
        """Before the first lines are laid out: if the options cannot fit (one line each at
        least), show the vertical scrollbar now, so that they are laid out once, at the
        width it leaves (it appeared when they were all laid out, at a width wider by
        its own, and every line was made again)."""
        options = len(self.options)
        region = self.scrollable_content_region
        if not self._line_cache.lines and options > region.height > 0 \
                and self.virtual_size.height < options:
            size = Size(region.width, options)
            self.virtual_size = size
            self._scroll_update(size)

    def _option_lines(self, option: Option, room: int, fits: int) -> int:
        """How many lines `option` takes in `room` cells: 1 for a `LazyOption` whose line
        is known to fit (without making it), or for a `Text` of one line of at most `fits`
        cells (without turning it into a visual), else as Textual says."""
        if isinstance(option, LazyOption) and option.waiting and option.cells <= fits:
            return 1
        prompt = option.prompt
        if isinstance(prompt, Text) and prompt.cell_len <= fits and "\n" not in prompt.plain:
            return 1
        return self._get_visual(option).get_height(cast(RulesMap, self.styles), room)
