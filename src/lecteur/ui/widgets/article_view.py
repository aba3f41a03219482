"""The reading view: an article laid out at a comfortable measure, centred, with a cursor.

A Line API widget over a `Document` (see `document.py`): the layout is computed once per
width, and each screen line is drawn from it with the theme's styles, so opening a
10,000-word article costs one fast word wrap and one screen of drawing. The cursor is a
block (a paragraph, a quotation, a list); highlights and notes attach to blocks. A finer
highlight (a passage) and the selection (``v``, the ``select`` keys) are offsets in the
article's text (`lecteur.core.text.selection`), drawn on the characters that show them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from lecteur.core.library.records import Note
from lecteur.core.models import Article
from lecteur.core.text.selection import Units
from lecteur.core.text.sentences import Span
from lecteur.ui import keys
from lecteur.ui.widgets.document import Document, Offsets, layout_steps, source_offsets
from lecteur.ui.widgets.marks import Marks, Range, split_marked

MAX_MEASURE = 76
CURSOR_MARK = "▌"
ROLES = ("title", "byline", "tags", "heading", "body", "bullet", "quote", "quote-bar",
         "speaker", "code", "card", "card-name", "card-border", "link", "link-number", "note",
         "note-mark", "section", "highlight", "selection", "cursor", "callout", "callout-border")
SELECT_ACTIONS = frozenset({"select_words", "select_sentences", "select_start",
                            "select_highlight", "select_done", "select_cancel"})


class ArticleView(ScrollView, can_focus=True):
    """One article, read block by block."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"article-view--{role}" for role in ROLES}
    cursor: reactive[int] = reactive(0, repaint=False)

    class Moved(Message):
        """The cursor or the scroll position changed (for the progress display)."""

    class Chosen(Message):
        """Enter on a selection: highlight it (or remove the highlight it is exactly)."""

        def __init__(self, span: Span) -> None:
            super().__init__()
            self.span = span

    class Nothing(Message):
        """Tab found no finer highlight after the selection."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        keys.install(self, "select", "document")
        self.article: Article | None = None
        self.notice: str | None = None
        self.notes: list[Note] = []
        self.tags: list[str] = []
        self.highlighted: set[int] = set()  # blocks highlighted whole
        self.marks = Marks()  # finer highlights and the selection
        self._units: Units | None = None
        self._offsets: dict[int, Offsets] = {}
        self.card_folded = False  # the author's card as one line (the reader's ``i``)
        self.doc = Document(measure=MAX_MEASURE)
        self._pending: Iterator[int] | None = None
        self._styles: dict[str, Style] = {}
        self._width = 0

    # --- content -----------------------------------------------------------------------

    def show(self, article: Article, *, position: int = 0, notes: list[Note] | None = None,
             tags: list[str] | None = None, highlighted: set[int] | None = None,
             passages: dict[int, Span] | None = None, notice: str | None = None) -> None:
        """Show an article with the cursor on block `position` (where the reader left it);
        `highlighted` the blocks highlighted whole, `passages` the finer highlights;
        `notice` is a sentence under the byline (earlier texts kept)."""
        self.article, self.notice = article, notice
        self.notes, self.tags = list(notes or []), list(tags or [])
        self.highlighted = set(highlighted or ())
        self._units = None
        self.marks.reset(article, passages)
        self._relayout(upto_block=position)
        last = len(self.article.blocks) - 1
        self.set_reactive(ArticleView.cursor, min(max(0, position), max(0, last)))
        first = self.doc.spans.get(self.cursor, (0, 0))[0] if position else 0
        self.scroll_to(y=max(0, first - 2), animate=False, immediate=True)
        self.refresh()
        self.post_message(self.Moved())

    def annotate(self, *, notes: list[Note] | None = None, tags: list[str] | None = None,
                 highlighted: set[int] | None = None,
                 passages: dict[int, Span] | None = None) -> None:
        """Change notes, tags or highlights of the article shown, keeping the place."""
        if notes is not None:
            self.notes = list(notes)
        if tags is not None:
            self.tags = list(tags)
        if highlighted is not None:
            self.highlighted = set(highlighted)
        if passages is not None:
            self.marks.set_passages(passages)
        if notes is not None or tags is not None:
            self._relayout(upto_block=self.cursor)
        self.refresh()

    def fold_card(self, folded: bool) -> None:
        """Fold (or unfold) the author's card, keeping the cursor's block in view."""
        if folded == self.card_folded:
            return
        self.card_folded = folded
        if self.article is not None:
            self._relayout(upto_block=self.cursor)
            self._reveal_cursor()
            self.refresh()
            self.post_message(self.Moved())

    def _relayout(self, upto_block: int = 0) -> None:
        """Lay the article out again: at once up to the first screen, the rest just after."""
        width = self.scrollable_content_region.width or MAX_MEASURE
        self._width = width
        self._offsets = {}
        if self.article is None:
            self.doc, self._pending = Document(measure=MAX_MEASURE), None
        else:
            self.doc, self._pending = layout_steps(
                self.article, min(MAX_MEASURE, max(20, width - 4)), notes=self.notes,
                tags=self.tags, card_folded=self.card_folded, notice=self.notice)
            screen = max(24, self.scrollable_content_region.height)
            for lines in self._pending:
                if lines > 2 * screen and upto_block in self.doc.spans:
                    break
            else:
                self._pending = None
            if self._pending is not None:
                self.call_after_refresh(self.complete)
        self.virtual_size = Size(width, len(self.doc.lines))

    def complete(self) -> None:
        """Finish a lazy layout (before anything that needs the whole text)."""
        if self._pending is None:
            return
        for _lines in self._pending:
            pass
        self._pending = None
        self.virtual_size = Size(self._width, len(self.doc.lines))
        self.refresh()
        self.post_message(self.Moved())

    @property
    def current_block(self) -> int | None:
        """The block under the cursor (None for an empty article)."""
        return self.cursor if self.cursor in self.doc.spans else None

    @property
    def progress(self) -> float:
        """How far the reader has read: 0 at the top (a fresh article), 1 at the end.

        The further of two places: the cursor's block between the first block and the
        last, by lines, and how far the text is scrolled (a mouse wheel moves no cursor).
        Not the bottom of the screen: a fresh article that fills two screens is at 0, not
        50%. 0 until the article is laid out.
        """
        blocks = self.doc.blocks
        if not blocks or self._pending is not None:
            return 0.0
        spans = self.doc.spans
        first, last = spans[blocks[0]][0], spans[blocks[-1]][0]
        if self.cursor == blocks[-1]:
            by_cursor = 1.0
        elif self.cursor in spans and last > first:
            by_cursor = (spans[self.cursor][0] - first) / (last - first)
        else:
            by_cursor = 0.0
        bottom = self.max_scroll_y
        by_scroll = self.scroll_offset.y / bottom if bottom > 0 else 0.0
        return min(1.0, max(by_cursor, by_scroll))

    # --- moving ------------------------------------------------------------------------

    def watch_cursor(self) -> None:
        self._reveal_cursor()
        self.refresh()
        self.post_message(self.Moved())

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self.post_message(self.Moved())

    def _reveal_cursor(self) -> None:
        first, last = self.doc.spans.get(self.cursor, (0, 0))
        top = int(self.scroll_offset.y)
        height = max(1, self.scrollable_content_region.height)
        if first < top:
            self.scroll_to(y=first, animate=False, immediate=True)
        elif last >= top + height:
            self.scroll_to(y=min(first, last - height + 1), animate=False, immediate=True)

    def action_block_down(self) -> None:
        self.complete()
        first, last = self.doc.spans.get(self.cursor, (0, 0))
        top = int(self.scroll_offset.y)
        height = self.scrollable_content_region.height
        if last >= top + height and first < top + height:  # a tall block: scroll through it
            self.scroll_to(y=min(last - height + 1, top + max(1, height - 2)), animate=False,
                           immediate=True)
            return
        blocks = self.doc.blocks
        later = [b for b in blocks if b > self.cursor]
        if later:
            self.cursor = later[0]
        else:
            self.scroll_end(animate=False, immediate=True)

    def action_block_up(self) -> None:
        self.complete()
        first, _last = self.doc.spans.get(self.cursor, (0, 0))
        top = int(self.scroll_offset.y)
        if first < top:  # a tall block: scroll back through it
            self.scroll_to(y=max(first, top - max(1, self.scrollable_content_region.height - 2)),
                           animate=False, immediate=True)
            return
        earlier = [b for b in self.doc.blocks if b < self.cursor]
        if earlier:
            self.cursor = earlier[-1]
        else:
            self.scroll_home(animate=False, immediate=True)

    def action_block_top(self) -> None:
        self.complete()
        if self.doc.blocks:
            self.cursor = self.doc.blocks[0]
        self.scroll_home(animate=False, immediate=True)

    def action_block_bottom(self) -> None:
        self.complete()
        if self.doc.blocks:
            self.cursor = self.doc.blocks[-1]
        self.scroll_end(animate=False, immediate=True)

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def _page(self, direction: int) -> None:
        self.complete()
        height = max(1, self.scrollable_content_region.height - 2)
        target = int(self.scroll_offset.y) + direction * height
        self.scroll_to(y=max(0, target), animate=False, immediate=True)
        top = int(self.scroll_offset.y)
        visible = [b for b, (first, last) in sorted(self.doc.spans.items())
                   if last >= top and first < top + self.scrollable_content_region.height]
        if visible and self.cursor not in visible:
            self.set_reactive(ArticleView.cursor, visible[0] if direction > 0 else visible[-1])
            self.refresh()
            self.post_message(self.Moved())

    # --- the selection (v) and finer highlights ------------------------------------------

    @property
    def selection(self) -> Span | None:
        """The selection being made (offsets in the article's text), or None."""
        return self.marks.selection

    @property
    def passages(self) -> dict[int, Span]:
        """The finer highlights shown: id -> offsets in the article's text."""
        return self.marks.passages

    @property
    def units(self) -> Units:
        """The article's words and sentences (made the first time a selection needs them)."""
        if self._units is None:
            blocks = self.article.blocks if self.article is not None else ()
            self._units = Units.of([b.text for b in blocks], [b.full_text for b in blocks])
        return self._units

    def start_selection(self) -> bool:
        """Select the first sentence of the block under the cursor; False: it has none."""
        block = self.current_block
        span = None if block is None else self.units.first_sentence(block)
        if span is None:
            return False
        self._select(span)
        return True

    def cancel_selection(self) -> None:
        """Forget the selection (nothing is highlighted)."""
        self._select(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The ``select`` keys answer only while there is a selection (else Escape goes
        back, as in the reading view, and the footer shows the reader's keys)."""
        if action in SELECT_ACTIONS:
            return self.selection is not None
        return True

    def action_select_words(self, steps: int) -> None:
        if self.selection is not None:
            self._select(self.units.grow(self.selection, "word", steps))

    def action_select_sentences(self, steps: int) -> None:
        if self.selection is not None:
            self._select(self.units.grow(self.selection, "sentence", steps))

    def action_select_start(self, steps: int) -> None:
        if self.selection is not None:
            self._select(self.units.move_start(self.selection, steps))

    def action_select_highlight(self) -> None:
        """Select the next finer highlight (to remove it with Enter, or note it with w)."""
        if self.selection is None:
            return
        later = self.marks.next_passage(self.selection)
        if later is None:
            self.post_message(self.Nothing())
        else:
            self._select(later)

    def action_select_done(self) -> None:
        if self.selection is not None:
            self.post_message(self.Chosen(self.selection))

    def action_select_cancel(self) -> None:
        self.cancel_selection()

    def _select(self, span: Span | None) -> None:
        self.marks.set_selection(span)
        if span is not None:
            block = self.marks.block_of(span[1] - 1)
            if block in self.doc.spans and block != self.cursor:
                self.cursor = block  # follow the selection's end into the next paragraph
        self.refresh()
        self.refresh_bindings()

    # --- drawing -----------------------------------------------------------------------

    def on_resize(self) -> None:
        if self.scrollable_content_region.width != self._width and self.article is not None:
            self._relayout(upto_block=self.cursor)
            self._reveal_cursor()
        self.post_message(self.Moved())  # the share of the text on screen changed

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()

    def _style(self, role: str) -> Style:
        style = self._styles.get(role)
        if style is None:
            style = self._styles[role] = self.rich_style + self.get_component_rich_style(
                f"article-view--{role}", partial=True)
        return style

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = int(self.scroll_offset.y) + y
        base = self.rich_style
        if index >= len(self.doc.lines):
            return Strip.blank(width, base)
        line = self.doc.lines[index]
        measure = self.doc.measure
        left = max(2, (width - measure) // 2)
        lit = line.block is not None and line.block in self.highlighted
        extra = self._style("highlight") if lit else Style()
        mark = CURSOR_MARK if line.block is not None and line.block == self.cursor else " "
        segments = [Segment(" " * (left - 2), base),
                    Segment(mark, self._style("cursor")), Segment(" ", base)]
        used = 0
        ranges = self.marks.ranges.get(line.block) if line.block is not None else None
        offsets = self._line_offsets(line.block, index) if ranges else None
        for number, (text, role) in enumerate(line.parts):
            found = offsets[number] if offsets and number < len(offsets) else None
            if found is None or ranges is None:
                segments.append(Segment(text, self._style(role) + extra))
            else:
                segments += self._marked(text, role, found, ranges, extra)
            used += len(text) if text.isascii() else Segment(text).cell_length
        if used < measure:
            segments.append(Segment(" " * (measure - used), self._style(line.pad) + extra))
        return Strip(segments).adjust_cell_length(width, base)

    def _line_offsets(self, block: int | None,
                      line: int) -> tuple[tuple[int | None, ...] | None, ...] | None:
        """Where the characters of screen line `line` are in its block's text."""
        if block is None or self.article is None or block >= len(self.article.blocks):
            return None
        offsets = self._offsets.get(block)
        if offsets is None:
            offsets = source_offsets(self.doc, self.article.blocks[block], block)
            if offsets:
                self._offsets[block] = offsets
        return offsets.get(line)

    def _marked(self, text: str, role: str, found: tuple[int | None, ...],
                ranges: list[Range], extra: Style) -> list[Segment]:
        """One piece of a line, cut where a finer highlight or the selection starts or ends."""
        base = self._style(role) + extra
        return [Segment(piece, base + self._style(mark) if mark else base)
                for piece, mark in split_marked(text, found, ranges)]
