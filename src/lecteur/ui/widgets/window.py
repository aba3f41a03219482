"""A window of a long list, read from the library page by page (keyset), never all of it.

The Quotes, People and Highlights views show lists that reach hundreds of thousands of
entries. Textual's OptionList and DataTable lay out every entry they hold, so each view
holds only a window of a few pages: reading starts with one page, the next one (or the one
before) is read by a keyset seek when the cursor nears the window's edge, and the window
drops the pages farthest from the cursor. `first` and `last` jump to either end in one
page. A page is read here (`move`) or, when it may be slow, in a worker that hands it to
`apply`. `fetch(after, backward, limit)` returns ``(key, item)`` pairs in list order: after
`after` (None: from the start), or, `backward`, just before it (None: the last page).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, Literal, TypeVar

Item = TypeVar("Item")
Fetch = Callable[[Any, bool, int], list[tuple[Any, Item]]]
Direction = Literal["first", "last", "forward", "backward"]

PAGE_SIZE = 50
MAX_PAGES = 3
EDGE = 5  # how near the window's edge the cursor comes before the next page is read


class Window(Generic[Item]):
    """Up to `MAX_PAGES` pages of a list, around where the reader is."""

    def __init__(self, fetch: Fetch[Item], page_size: int = PAGE_SIZE) -> None:
        self.fetch = fetch
        self.page_size = page_size
        self.keys: list[Any] = []
        self.items: list[Item] = []
        self.at_start = True
        self.at_end = True
        self.pages_read = 0
        self.last_read = 0

    def __len__(self) -> int:
        return len(self.items)

    def request(self, direction: Direction) -> tuple[Any, bool] | None:
        """What to read for a move (`after`, `backward`), or None if there is nothing."""
        if direction == "first":
            return None, False
        if direction == "last":
            return None, True
        if not self.items:
            return None
        if direction == "forward":
            return None if self.at_end else (self.keys[-1], False)
        return None if self.at_start else (self.keys[0], True)

    def apply(self, direction: Direction, found: list[tuple[Any, Item]]) -> None:
        """Take in a page read for `direction` (read here by `move`, or in a worker)."""
        self.pages_read += 1
        self.last_read = len(found)
        short = len(found) < self.page_size
        if direction == "first":
            self._set(found, at_start=True, at_end=short)
        elif direction == "last":
            self._set(found, at_start=short, at_end=True)
        elif direction == "forward":
            self.at_end = short
            self.keys += [key for key, _item in found]
            self.items += [item for _key, item in found]
            dropped = max(0, len(self.items) - MAX_PAGES * self.page_size)
            if dropped:
                del self.keys[:dropped], self.items[:dropped]
                self.at_start = False
        else:
            self.at_start = short
            self.keys[:0] = [key for key, _item in found]
            self.items[:0] = [item for _key, item in found]
            excess = len(self.items) - MAX_PAGES * self.page_size
            if excess > 0:
                del self.keys[-excess:], self.items[-excess:]
                self.at_end = False

    def move(self, direction: Direction) -> bool:
        """Read and take in the page for `direction` here and now; whether one was read."""
        wanted = self.request(direction)
        if wanted is None:
            return False
        self.apply(direction, self.fetch(wanted[0], wanted[1], self.page_size))
        return True

    def forward_count(self) -> int:
        """Read the page after the window here; return how many items left its front."""
        before = len(self.items)
        if not self.move("forward"):
            return 0
        return before + self.last_read - len(self.items)

    def backward_count(self) -> int:
        """Read the page before the window here; return how many items came in front."""
        if not self.move("backward"):
            return 0
        return self.last_read

    def near_edge(self, index: int) -> int:
        """1 if `index` is near the window's end and more follows, -1 near its start and
        more precedes, else 0."""
        if index >= len(self.items) - EDGE and not self.at_end:
            return 1
        if index < EDGE and not self.at_start:
            return -1
        return 0

    def replace(self, index: int, item: Item) -> None:
        """Put a changed item in place (its key is the same)."""
        self.items[index] = item

    def _set(self, found: list[tuple[Any, Item]], *, at_start: bool, at_end: bool) -> None:
        self.keys = [key for key, _item in found]
        self.items = [item for _key, item in found]
        self.at_start, self.at_end = at_start, at_end
