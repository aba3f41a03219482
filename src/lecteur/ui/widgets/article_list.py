"""The article list: a virtual list that reads rows from the library as they scroll into view.

Textual's ListView builds a widget per row and DataTable/OptionList render every row up
front, which takes seconds and hundreds of megabytes for 100,000 articles. This widget uses
the Line API instead: its virtual height is the view's row count, and `render_line` asks a
small page cache (`RowPages`) for the one row each screen line shows. Moving the cursor
repaints a screen's worth of lines from cached strips.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.segment import Segment
from rich.style import Style
from textual import events, work
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from lecteur.core.errors import LecteurError
from lecteur.core.library.store import Library, StorageError
from lecteur.core.library.views import ListRow, Order, View
from lecteur.core.text.sanitize import clean_line
from lecteur.ui import keys
from lecteur.ui.i18n import t
from lecteur.ui.safe import fit
from lecteur.ui.widgets.one_line import show_scrollbar_now
from lecteur.ui.widgets.pages import RowPages

MARK_UNREAD, MARK_SAVED, MARK_STARRED = "●", "◆", "★"
MARK_STALE = "⧖"  # past its age (one cell wide, unlike ⌛)

# An empty view says which key fills it (the inbox: how to add an article at all).
EMPTY_HINTS = {"saved": "list.empty_saved", "starred": "list.empty_starred",
               "archive": "list.empty_archive", "tag": "list.empty_tag",
               "trash": "list.empty_trash", "dismissed": "list.empty_dismissed",
               "feed": "list.empty_feed"}


class RowStyles(NamedTuple):
    """The styles a row is drawn with."""

    base: Style
    unread: Style
    marks: Style
    meta: Style


class ArticleList(ScrollView, can_focus=True):
    """The articles of one view, newest first, one line each."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-list--cursor", "article-list--unread", "article-list--meta",
        "article-list--mark", "article-list--empty",
    }
    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)

    class Highlighted(Message):
        """The cursor moved to another row (None: the view is empty)."""

        def __init__(self, row: ListRow | None) -> None:
            super().__init__()
            self.row = row

    class Open(Message):
        """The reader asked to read the row under the cursor."""

        def __init__(self, row: ListRow) -> None:
            super().__init__()
            self.row = row

    def __init__(self, library: Library, view: View | None = None, *,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        keys.install(self, "list")
        self.pages = RowPages(library, view or View())
        # A row's line by (id, width, the styles it is drawn with): a focus change restyles
        # the list without changing any row's styles but the cursor's, so the others are
        # drawn again from here (Tab redrew every row).
        self._strips: dict[tuple[int, int, RowStyles], Strip] = {}
        self._styles: dict[tuple[bool, bool], RowStyles] = {}

    # --- data --------------------------------------------------------------------------

    @property
    def view(self) -> View:
        """The view being shown."""
        return self.pages.view

    @property
    def total(self) -> int:
        """How many rows the view holds."""
        return self.pages.total

    @property
    def exact(self) -> bool:
        """Whether `total` is the view's count (False: a floor, the count on its way)."""
        return self.pages.exact

    @property
    def current(self) -> ListRow | None:
        """The row under the cursor, or None when the view is empty."""
        try:
            return self.pages.row(self.cursor) if self.total else None
        except IndexError:
            self.call_later(self.reload)
            return None

    def show(self, view: View) -> None:
        """Switch to another view, cursor on top."""
        self.pages.reset(view)
        self._after_reload(0)

    def reload(self, keep_id: int | None = None) -> None:
        """Read the view again (the library changed), keeping the cursor where it makes sense.

        With `keep_id`, the cursor follows that article if it is still in the view; else it
        stays at the same position, within bounds.
        """
        position = self.cursor
        self.pages.reset(self.view)
        if keep_id is not None and not self._holds(position, keep_id):
            found = self.pages.index_of(keep_id)  # an index walk: only when it moved
            position = position if found is None else found
        self._after_reload(position)

    def _holds(self, position: int, article_id: int) -> bool:
        """Whether the row at `position` is still that article (the usual case)."""
        try:
            return 0 <= position < self.total and self.pages.row(position).id == article_id
        except IndexError:
            return False

    def _after_reload(self, position: int) -> None:
        self._strips.clear()
        self.virtual_size = Size(0, self.total)  # rows are cut to the width: no sideways scroll
        self.cursor = max(0, min(position, self.total - 1))
        self.refresh()
        if not self.pages.exact:  # a saved view of more than COUNT_CAP: counted apart,
            # once the frame is out: the count is 0.25-1 s of a core at 1M, and on two
            # cores it slowed the frame that shows the view (its generation says if late)
            self.call_after_refresh(self._count_exactly, self.view, self.pages.generation)

    @work(thread=True, exclusive=True, group="list-count", exit_on_error=False)
    def _count_exactly(self, view: View, generation: int) -> None:
        """A saved view's exact count, on a connection of its own (a walk of every live
        article on a big library: 50-150 ms that the list does not wait for)."""
        library = self.pages.library
        try:
            with Library(library.path, for_writing=False, check=False) as counting:
                counting.db.staleness = library.db.staleness
                total = counting.views.count(view)
        except (LecteurError, *StorageError):
            return  # the list keeps its floor ("more than"); the next reload counts again
        self.app.call_from_thread(self._counted, generation, total)

    def _counted(self, generation: int, total: int) -> None:
        if self.pages.counted(generation, total):
            self.virtual_size = Size(self.size.width, self.total)
            self.cursor = max(0, min(self.cursor, self.total - 1))
            self._strips.clear()
            self.refresh()
            self.post_message(self.Highlighted(self.current))  # the top bar's count

    def redraw_rows(self) -> None:
        """Read the rows again (a mark changed) without counting the view again."""
        self.pages.forget_rows()
        self._strips.clear()
        self.refresh()

    def move_to(self, article_id: int) -> bool:
        """Put the cursor on an article if the view holds it."""
        found = self.pages.index_of(article_id)
        if found is not None:
            self.cursor = found
        return found is not None

    # --- cursor ------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        top = self.scroll_offset.y
        self._scroll_to_cursor()
        if self.scroll_offset.y == top:  # only two rows changed: repaint just those
            self.refresh_line(old)
            self.refresh_line(new)
        else:
            self.refresh()
            # Once this frame is out, get the next screen ready in the same direction.
            self.call_after_refresh(self._prefetch, 1 if new > old else -1)
        self.post_message(self.Highlighted(self.current))

    def _scroll_to_cursor(self) -> None:
        height = max(1, self.scrollable_content_region.height)
        top = int(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def _step(self, delta: int) -> None:
        if self.total:
            self.cursor = max(0, min(self.total - 1, self.cursor + delta))

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def action_cursor_top(self) -> None:
        self._step(-self.total)

    def action_cursor_bottom(self) -> None:
        self._step(self.total)

    def action_page_down(self) -> None:
        self._step(max(1, self.scrollable_content_region.height - 1))

    def action_page_up(self) -> None:
        self._step(-max(1, self.scrollable_content_region.height - 1))

    def action_toggle_sort(self) -> None:
        """Sort the view by relevance (best first), or by date again (newest first)."""
        current = self.current
        order: Order = "added" if self.view.order == "score" else "score"
        self.pages.reset(self.view._replace(order=order))
        self._after_reload(0)
        if current is not None:
            self.move_to(current.id)

    def action_open(self) -> None:
        row = self.current
        if row is not None:
            self.post_message(self.Open(row))

    def on_click(self, event: events.Click) -> None:
        index = int(self.scroll_offset.y) + event.y
        if 0 <= index < self.total:
            if index == self.cursor and event.chain >= 2:
                self.action_open()
            self.cursor = index

    # --- drawing -----------------------------------------------------------------------

    def on_mount(self) -> None:
        # Textual styles a scroll view's scrollbars from the stylesheet only when the view's
        # styles are next updated while they show: at the first focus change after the first
        # frame, where their sizes going from unset to set lay the whole screen out again and
        # repaint it (the first key after the frame took twice a later one's time). Styled
        # now, before the first layout, they cost that frame nothing and the first key no more.
        sheet = self.app.stylesheet
        for bar in (self.vertical_scrollbar, self.horizontal_scrollbar, self.scrollbar_corner):
            sheet.apply(bar)
        # The view's height before the first layout, so that its scrollbar is in the first
        # frame. Its width is 0 (rows are cut to the list's width, never scrolled sideways),
        # so a resize lays nothing out again: set to the width at the first resize, it laid
        # the screen out and drew it again a frame after the first.
        self.virtual_size = Size(0, self.total)
        show_scrollbar_now(self, self.total)

    def on_resize(self) -> None:
        # The lines are keyed by their width: the first Resize, just after the first frame
        # and of the same size, used to throw them away and draw every row again.
        self._scroll_to_cursor()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()  # the lines are keyed by their styles: new styles, new lines

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = int(self.scroll_offset.y) + y
        if not self.total:
            return self._empty_line(y, width)
        if index >= self.total:
            return Strip.blank(width, self.rich_style)
        try:
            row = self.pages.row(index)
        except IndexError:  # the view shrank under us (another lecteur); redraw it
            self.call_later(self.reload)
            return Strip.blank(width, self.rich_style)
        selected = index == self.cursor
        key = (row.id, width, self._row_styles(selected))
        strip = self._strips.get(key)
        if strip is None:
            if len(self._strips) > 512:
                self._strips.clear()
            strip = self._strips[key] = self._row_strip(row, width, selected)
        return strip

    def _prefetch(self, direction: int) -> None:
        """Read and draw the screen after this one (`direction` 1) or before it (-1).

        Runs in the idle moment after a frame, so that the next page key finds its rows
        read and its lines drawn instead of waiting on SQLite and on `_row_strip`.
        """
        height = self.scrollable_content_region.height
        width = self.scrollable_content_region.width
        top = int(self.scroll_offset.y) + direction * height
        first, last = max(0, top), min(self.total, top + height)
        if first >= last or width <= 0:
            return
        if len(self._strips) + (last - first) > 512:
            self._strips.clear()
        try:
            for index in range(first, last):
                row = self.pages.row(index)
                key = (row.id, width, self._row_styles(index == self.cursor))
                if key not in self._strips:
                    self._strips[key] = self._row_strip(row, width, index == self.cursor)
        except IndexError:  # the view shrank (another lecteur): the next frame reloads
            return

    def _empty_line(self, y: int, width: int) -> Strip:
        if y != 1:
            return Strip.blank(width, self.rich_style)
        style = self.rich_style + self.get_component_rich_style("article-list--empty")
        hint = t(EMPTY_HINTS.get(self.view.kind, "list.empty"))
        return Strip([Segment(fit("  " + hint, width), style)], width)

    def _row_styles(self, selected: bool) -> RowStyles:
        """The styles of a row, computed once per theme and focus (they are costly)."""
        key = (selected, self.has_focus)
        styles = self._styles.get(key)
        if styles is None:
            base = self.rich_style
            if selected:
                base += self.get_component_rich_style(
                    "article-list--cursor", partial=not self.has_focus)
            unread = base + self.get_component_rich_style("article-list--unread", partial=True)
            styles = self._styles[key] = RowStyles(
                base=base, unread=unread,
                marks=base + self.get_component_rich_style("article-list--mark", partial=True),
                meta=base + self.get_component_rich_style("article-list--meta", partial=True))
        return styles

    def _row_strip(self, row: ListRow, width: int, selected: bool) -> Strip:
        """One row: marks, title, then as many of author, site, date, time as fit."""
        styles = self._row_styles(selected)
        columns = _columns(row, width, self.view.order == "score",
                           stale=row.id in self.pages.stale)
        title_width = width - 5 - sum(size for _text, size in columns)
        segments = [
            Segment(" " + (MARK_UNREAD if not row.read else " "), styles.unread),
            Segment(MARK_SAVED if row.saved else " ", styles.marks),
            Segment(MARK_STARRED if row.starred else " ", styles.marks),
            Segment(" ", styles.base),
            Segment(fit(clean_line(row.title), title_width),
                    styles.base if row.read else styles.unread),
        ]
        segments += [Segment(fit(text, size), styles.meta) for text, size in columns]
        # Neighbours of one style as one segment: each segment is a style change written to
        # the terminal (the marks, a read title after its space, the metadata columns).
        return Strip(Segment.simplify(segments), width)


def _columns(row: ListRow, width: int, why: bool = False, *,
             stale: bool = False) -> list[tuple[str, int]]:
    """The metadata columns that fit at `width`, each with its width (a space in front);
    with `why` (the list is sorted by relevance), the score and its reasons first; a stale
    article's date carries the `MARK_STALE` badge (docs/queries.md, "Staleness")."""
    minutes = " " + t("list.minutes", minutes=row.reading_minutes)
    columns: list[tuple[str, int]] = []
    if why and width >= 60:
        shown = t("list.why", score=max(0.0, row.score), why=clean_line(row.why))
        columns.append(("  " + shown, 28 if width >= 90 else 18))
    if width >= 100:
        columns.append(("  " + clean_line(row.author or ""), 20))
    if width >= 130:
        columns.append(("  " + clean_line(row.sitename or ""), 22))
    if width >= 56:
        badge = MARK_STALE if stale else " "
        columns.append((" " + badge + (row.date or row.added_at)[:10], 12))
    elif stale:
        minutes = MARK_STALE + minutes[1:]
    columns.append((minutes.rjust(8), 8))
    return columns
