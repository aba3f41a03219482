"""An OptionList of a thousand one-line options that costs what the visible ones cost.

Textual's OptionList measures every option when its lines are laid out (at mount, on a
resize, after `set_options` or a new prompt): each prompt is turned into a visual and
wrapped at the list's width to count its lines. With 1,000 feeds in the sidebar that was
the sidebar's whole cost in the reader's first frame (issue 11), although every entry is
one line. Here, three things keep the cost to the entries drawn:

- an option whose prompt is a `Text` of one line that fits the width is given one line
  without being measured; the others (a heading that would wrap, anything but `Text`)
  are measured as Textual does;
- a `LazyOption`'s prompt is made only when something needs it (drawn, or read): it says
  how many cells it takes at most, which is enough to lay it out. The sidebar's 1,000
  feed lines are made for the 40 on the screen, not all at start;
- a one-line option is drawn by `_one_line_strip`: the segments Textual's `Content`
  would give for that line, without wrapping it first, and without the option's index
  that Textual puts in every segment's meta (for the mouse). That index made every
  line's styles new ones, so each line drawn missed every cache of styles down to the
  terminal's; the mouse finds its option from the line it is on instead (`_option_at`).
  The cells' offsets stay in the meta (the same on every line: each segment's x, line
  0), so that the screen's segments, and its snapshots, are the ones Textual makes.
  A `Text` prompt becomes the `Content` Textual would make of it with its spans' styles
  converted once for all the lines (`_content`), not once a line.

Textual's OptionList also forgets its laid-out lines and rendered options at every
`Resize`, whatever changed: the first one arrives just after the first frame (the size
the first layout gave), so the sidebar laid out its 1,000 entries and rendered its
visible ones twice at start, and again at a scrollbar's coming. Here they are kept when
the width they were made for has not changed (a height changes neither).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from rich.segment import Segment
from rich.style import Style as RichStyle
from rich.text import Text
from textual import events
from textual.cache import LRUCache
from textual.content import Content, Span
from textual.css.styles import RulesMap
from textual.geometry import Size
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual, VisualType
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
    """An option whose prompt (a one-line `Text`) is made the first time it is needed,
    by `make(key)`.

    `cells` is the most cells the prompt will take (a bound known without making it, as
    a name cut to fit gives); `key` says what the prompt shows, so that two lazy options
    of the same key have the same prompt (a rebuild compares keys, not prompts).
    """

    def __init__(self, make: Callable[[Any], Text], key: object, cells: int, *,
                 id: str | None = None, disabled: bool = False) -> None:
        super().__init__("", id=id, disabled=disabled)
        self._make: Callable[[Any], Text] | None = make
        self.key = key
        self.cells = cells

    @property
    def prompt(self) -> VisualType:
        """The prompt, made now if it was not yet."""
        if self._make is not None:
            self._prompt, self._make = self._make(self.key), None
        return self._prompt

    @property
    def made(self) -> bool:
        """Whether the prompt was made (drawn, measured or read)."""
        return self._make is None

    def _set_prompt(self, prompt: VisualType) -> None:
        self._make = None
        super()._set_prompt(prompt)


class OneLineOptionList(OptionList):
    """An OptionList whose one-line options cost nothing until they are drawn."""

    def __init__(self, *content: Option | VisualType | None, name: str | None = None,
                 id: str | None = None, classes: str | None = None,
                 disabled: bool = False) -> None:
        super().__init__(*content, name=name, id=id, classes=classes, disabled=disabled)
        # a rich style (or its name) -> Textual's, for the ANSI theme of that id
        self._converted: tuple[int, dict[RichStyle | str, Style]] = (0, {})
        # (line's style, span's style, x) -> the segment's rich style, offset included
        self._segment_styles: LRUCache[tuple[Style, Style, int], RichStyle] = LRUCache(4096)

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
                if count == 1:  # most of them: no list made for one line
                    lines.append((index, 0))
                else:
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
        """How many lines `option` takes in `room` cells: 1 for a `Text` of one line of
        at most `fits` cells (without turning it into a visual), or a lazy option whose
        bound fits (without making it), else as Textual says."""
        if isinstance(option, LazyOption) and not option.made and option.cells <= fits:
            return 1
        if _fits_one_line(option.prompt, fits):
            return 1
        return self._get_visual(option).get_height(cast(RulesMap, self.styles), room)

    def _get_option_render(self, option: Option, style: Style) -> list[Strip]:
        """Textual's render of an option, one-line options drawn the cheaper way."""
        padding = self.get_component_styles("option-list--option").padding
        width = self.scrollable_content_region.width - self._get_left_gutter_width()
        cache_key = (option, style, padding)
        strips = self._option_render_cache.get(cache_key)
        if strips is None:
            if padding or not self._draws_one_line(option, width):
                return super()._get_option_render(option, style)
            visual = self._get_visual(option)
            assert isinstance(visual, Content)  # `_draws_one_line`: the visual of a Text
            strip = self._one_line_strip(visual, style)
            strips = [strip.extend_cell_length(width, style.rich_style)]
            if option._divider:
                rule = self.get_visual_style("option-list--separator").rich_style
                strips.append(Strip([Segment("─" * width, rule)], width))
            self._option_render_cache[cache_key] = strips
        return strips

    def _draws_one_line(self, option: Option, width: int) -> bool:
        """Whether `option` is drawn by `_one_line_strip`: a `Text` of one line that fits,
        laid out as Textual lays out such a line (left aligned, no line padding, no
        selection, the content at the top left)."""
        rules = self.styles
        return (_fits_one_line(option.prompt, width) and self.text_selection is None
                and rules.text_align in ("left", "start") and not rules.line_pad
                and tuple(rules.content_align) == ("left", "top"))

    def _one_line_strip(self, content: Content, style: Style) -> Strip:
        """The strip Textual draws for `content` on one line on `style` (`Content`'s
        `_FormattedLine.to_strip` at x 0, y 0, left aligned): the same styles on every
        line, so they are kept."""
        styles = self._segment_styles
        segments: list[Segment] = []
        x = 0
        for text, text_style in content.render(style, end="", parse_style=self._get_style):
            key = (style, text_style, x)
            rich = styles.get(key)
            if rich is None:
                rich = styles[key] = (style + text_style).rich_style_with_offset(x, 0)
            segments.append(Segment(text, rich))
            x += len(text)
        return Strip(segments, content.cell_length)

    def _get_visual(self, option: Option) -> Visual:
        """Textual's visual of an option; a `Text` made `Content` by `_content`."""
        if option._visual is None and isinstance(option.prompt, Text):
            option._visual = self._content(option.prompt)
        return super()._get_visual(option)

    def _content(self, text: Text) -> Content:
        """`Content.from_rich_text(text)` as Textual calls it (with the app's console),
        each span's style converted once for every line that has it."""
        theme = self.app.ansi_theme
        if self._converted[0] != id(theme):
            self._converted = (id(theme), {})
        converted = self._converted[1]
        spans = []
        for start, end, style in text._spans:
            textual_style = converted.get(style)
            if textual_style is None:
                rich = self.app.console.get_style(style) if isinstance(style, str) else style
                textual_style = converted[style] = Style.from_rich_style(rich, theme)
            spans.append(Span(start, end, textual_style))
        content = Content(text.plain, spans)
        if text.style:
            base = text.style
            content = content.stylize_before(
                base if isinstance(base, str) else Style.from_rich_style(base, theme))
        return content

    def _option_at(self, event: events.MouseEvent) -> int | None:
        """The index of the option under the mouse: its meta says (Textual's lines), else
        the line it is on (a line drawn by `_one_line_strip`); None off the options and
        on a divider."""
        index: int | None = event.style.meta.get("option")
        if index is not None:
            return index
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        line = self.scroll_offset.y + offset.y
        lines = self._lines
        if not 0 <= line < len(lines):
            return None
        index, line_offset = lines[line]
        option = self.options[index]
        return None if line_offset >= self._heights[index] - option._divider else index

    async def _on_click(self, event: events.Click) -> None:
        """Textual's click on an option (highlight it and select it), found by line.
        Instead of Textual's handler, which would look for the meta only."""
        event.prevent_default()
        clicked = self._option_at(event)
        if clicked is not None and not self.options[clicked].disabled:
            self.highlighted = clicked
            self.action_select()

    def _on_mouse_move(self, event: events.MouseMove) -> None:
        event.prevent_default()  # Textual's handler would look for the meta only
        self._mouse_hovering_over = self._option_at(event)


def _fits_one_line(prompt: VisualType, cells: int) -> bool:
    """Whether `prompt` is a `Text` of one line of at most `cells` cells (no tab, which
    Textual would expand)."""
    if not isinstance(prompt, Text) or prompt.cell_len > cells:
        return False
    text = prompt.plain
    return "\n" not in text and "\t" not in text
