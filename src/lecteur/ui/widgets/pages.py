"""A small cache of list pages, read from the library on demand.

The list asks for row N; the cache answers from the page holding it, reading that page if
needed. A page next to one already held is read by an index seek from its neighbour's
edge (constant time wherever it is in the view); a page far from any other (a jump to
the end, a scrollbar drag) is read by offset from the nearer end of the view. At most
`MAX_PAGES` pages are kept, so memory stays flat however far one scrolls.
"""

from __future__ import annotations

from collections import OrderedDict

from lecteur.core.library.store import Library
from lecteur.core.library.views import ListRow, View

PAGE_SIZE = 100
MAX_PAGES = 24
# A saved view (any query) is counted up to this many articles before its list shows; past
# it, the list says "more than" until its exact count, made in a worker, comes back.
COUNT_CAP = 1000


class RowPages:
    """Rows of one view, by position, paged in from the library."""

    def __init__(self, library: Library, view: View, page_size: int = PAGE_SIZE) -> None:
        self.library = library
        self.page_size = page_size
        self.view = view
        self.total = 0
        self.exact = True  # False: `total` is a floor (more than COUNT_CAP), being counted
        self.generation = 0  # one more at each reset: a count made for an older one is late
        self._pages: OrderedDict[int, list[ListRow]] = OrderedDict()
        self.stale: set[int] = set()  # the ids among the pages read that are past their age
        self.reset(view)

    def reset(self, view: View) -> None:
        """Show `view` (or the same view again, after a change): recount, forget pages.

        The count is the view's counter (kept by triggers), one row read however big the
        view is. A saved view has no counter: its first page is read, and when it is
        not full its rows are the count (a narrow query walks its index once, not twice);
        else it is counted up to `COUNT_CAP` + 1 articles (a few pages' walk), and past
        that `exact` is False until `counted` brings the exact count (the list's worker
        makes it).
        """
        self.view = view
        self._pages.clear()
        self.generation += 1
        self.exact = True
        if view.kind != "query":
            self.total = self.library.views.count(view)
            return
        first = self._pages[0] = self.library.views.rows(view, self.page_size)
        self._mark_stale(first)
        if len(first) < self.page_size:  # a short first page is the count
            self.total = len(first)
            return
        self.total = self.library.views.count_upto(view, COUNT_CAP)
        self.exact = self.total <= COUNT_CAP

    def counted(self, generation: int, total: int) -> bool:
        """Take a view's exact count, made for `generation`; False if it came too late
        (the view was reset since, and counted again)."""
        if generation != self.generation:
            return False
        self.total, self.exact = total, True
        return True

    def forget_rows(self) -> None:
        """Drop the pages read so far (their rows changed); the count stays."""
        self._pages.clear()

    def row(self, index: int) -> ListRow:
        """The row at `index` (0 <= index < total).

        Raises IndexError if the view no longer holds that many rows (another lecteur
        removed some); the cache is then reset, so `total` is right again.
        """
        number, offset = divmod(index, self.page_size)
        page = self._page(number)
        if offset >= len(page):
            self.reset(self.view)
            raise IndexError(index)
        return page[offset]

    def index_of(self, article_id: int) -> int | None:
        """Where an article sits in the view, or None."""
        for number, page in self._pages.items():
            for offset, row in enumerate(page):
                if row.id == article_id:
                    return number * self.page_size + offset
        return self.library.views.index_in(self.view, article_id)

    def _page(self, number: int) -> list[ListRow]:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        page = self._read(number)
        self._pages[number] = page
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        self._mark_stale(page)
        return page

    def _mark_stale(self, page: list[ListRow]) -> None:
        """Note which rows of a page just read are stale (one small query per page)."""
        if len(self.stale) > MAX_PAGES * self.page_size:
            self.stale.clear()
        self.stale |= self.library.views.stale_among([row.id for row in page])

    def _read(self, number: int) -> list[ListRow]:
        size = self.page_size
        previous, following = self._pages.get(number - 1), self._pages.get(number + 1)
        if previous and len(previous) == size:
            return self.library.views.rows_after(self.view, previous[-1], size)
        if following:
            return self.library.views.rows_before(self.view, following[0], size)
        # From the older end only when the total is known: a floor would miss the rows.
        total = self.total if self.exact else None
        return self.library.views.rows(self.view, size, number * size, total=total)
