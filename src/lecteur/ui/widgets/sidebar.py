"""The sidebar: the library's views (Inbox, Saved, Starred, Archive), Quotes, People, the
Trash, the saved views (with the built-in "Stale saves"), the tags, and the feeds
(grouped by tag, as OPML folders become tags: a feed with two tags is in both folders).

Moving in the sidebar shows the view at once; Enter moves to the list. Quotes and People
are screens of their own: moving onto them shows nothing yet, Enter opens them. Counts are the
library's counters (kept by triggers, one row read each), so they are in the first frame
however large the library is.
Tag names come from the reader but may have been pasted from anywhere, so they are shown
as plain `Text`, like every other string; feed titles come from the web, the same.
A feed's unread count comes from the partial index of unread feed items (no scan); a feed
whose last refresh failed is marked ``!`` and its sentence is said when it is shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len, set_cell_size
from rich.text import Span, Text
from textual import events
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from lecteur.core.errors import InvalidInputError
from lecteur.core.library.saved import STALE_QUERY
from lecteur.core.library.store import Library
from lecteur.core.library.views import View, ViewKind
from lecteur.core.text.sanitize import clean_line
from lecteur.ui import keys
from lecteur.ui.i18n import t
from lecteur.ui.safe import ELLIPSIS
from lecteur.ui.widgets.one_line import LazyOption, OneLineOptionList

if TYPE_CHECKING:
    from lecteur.core.library.feed_rows import FeedEntry

    FeedKey = tuple[FeedEntry, bool, int]  # a feed, whether in a folder, the room

FIXED_VIEWS: tuple[ViewKind, ...] = ("inbox", "saved", "starred", "archive", "trash")
ICONS = {"inbox": "▤", "saved": "◆", "starred": "★", "archive": "▣", "trash": "×",
         "dismissed": "⌀",
         "quotes": "“", "people": "@"}
# An entry's width in list.tcss's 24 columns, less the border and a scrollbar: a longer
# name is cut with an ellipsis so that its count stays on the line. A narrower sidebar
# (a narrow screen's 18 columns) measures its own room when it is resized.
ENTRY_ROOM = 21
FRAME = 3  # the right border and a scrollbar
SCREENS = ("quotes", "people")  # entries that open a screen (Enter) instead of a view


class Sidebar(OneLineOptionList):
    """Views and tags; highlighting one shows it.

    Every entry is one line, laid out without being rendered (`OneLineOptionList`), and
    a feed's line is made only when it is drawn (`LazyOption`): with 1,000 feeds only the
    visible entries are made and rendered, at start and when scrolled far.
    """

    class Chosen(Message):
        """The reader moved to another view."""

        def __init__(self, view: View, label: str) -> None:
            super().__init__()
            self.view = view
            self.label = label

    class Done(Message):
        """The reader pressed Enter: go to the list."""

    class Open(Message):
        """The reader pressed Enter on Quotes or People: open that screen."""

        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

    def __init__(self, library: Library, *, id: str | None = None) -> None:
        super().__init__(id=id)
        keys.install(self, "sidebar")
        self.library = library
        self._counts: dict[str, int] = {}
        self._labels: dict[str, str] = {}
        self._feeds: dict[int, FeedEntry] = {}  # by id, as last listed
        self._feed_order: list[int] = []  # as shown, for n and N
        self._feed_texts: dict[FeedKey, Text] = {}  # the feed lines made, by what they show
        self._room = ENTRY_ROOM  # the cells an entry may take (`on_resize`)
        self._drawn: list[tuple[str | None, object] | None] = []  # the entries last set
        self._queries: dict[str, tuple[str, str]] = {}  # saved view option -> (name, query)
        self._shown = "view:inbox"
        self.rebuild(with_counts=True)

    def rebuild(self, with_counts: bool = False) -> None:
        """List the views and tags again (tags come and go), keeping the highlight."""
        chosen = self._shown
        if with_counts:
            self._counts = {kind: self.library.views.count(View(kind)) for kind in FIXED_VIEWS}
        views = {kind: Option(self._entry(ICONS[kind], t(f"view.{kind}"), self._counts.get(kind)),
                              id=f"view:{kind}") for kind in FIXED_VIEWS}
        trash = views.pop("trash")  # last, below Quotes and People
        options: list[Option | None] = list(views.values())
        options += [Option(self._entry(ICONS[name], t(f"view.{name}"), None), id=f"open:{name}")
                    for name in SCREENS]
        options.append(trash)
        if with_counts:
            self._counts["dismissed"] = self.library.views.count(View("dismissed"))
        if self._counts.get("dismissed") or chosen == "view:dismissed":  # once triage used
            options.append(Option(self._entry(ICONS["dismissed"], t("view.dismissed"),
                                              self._counts.get("dismissed")),
                                  id="view:dismissed"))
        options += self._saved_view_options()  # above the tags: views beside views
        tags = self.library.tags.all()
        options.append(None)
        options.append(Option(Text(t("view.tags"), style="bold"), id="heading:tags",
                              disabled=True))
        for tag in tags:  # made when drawn, as the feeds (hundreds of tags at a million)
            options.append(self._lazy_entry("#", tag.name, tag.count, f"tag:{tag.id}"))
            self._labels[f"tag:{tag.id}"] = tag.name
        options += self._feed_options()
        ids = [option.id for option in options if option is not None]
        shown = [(option.id, _shows(option)) if option else None for option in options]
        if shown != self._drawn:  # the same entries again: no new layout of every option
            drawn, self._drawn = self._drawn, shown
            if _same_entries(drawn, shown):  # only counts or marks changed: those prompts
                for option, (new, old) in zip(options, zip(shown, drawn, strict=True),
                                              strict=True):
                    if option is not None and new != old:
                        self.replace_option_prompt(option.id or "", option.prompt)
            else:
                self.set_options(options)
        if chosen not in ids:  # its tag is gone: back to the inbox
            chosen = "view:inbox"
        self.highlighted = ids.index(chosen)

    def choose(self, option_id: str, *, quiet: bool = False) -> None:
        """Move to an entry (``tag:3``, ``view:starred``), which shows it; unknown: nothing.

        `quiet`: only move the highlight; the caller shows the view itself (n and N do,
        in the same frame, so that their cursor is not put back on top by a message).
        """
        try:
            self.highlighted = self.get_option_index(option_id)
        except OptionDoesNotExist:
            return
        if quiet:
            self._shown = option_id
            return
        # Shown now, not when the highlight's message arrives: a screen resumed
        # meanwhile (a reader closed above) would put the highlight back first.
        self._show(option_id)

    def on_resize(self, event: events.Resize) -> None:
        """Cut the names to the room there is: on a narrow screen the sidebar is 18
        columns, and a name cut for 24 wrapped onto a second line without its count."""
        room = max(8, event.size.width - FRAME) if event.size.width else ENTRY_ROOM
        if room != self._room:
            self._room = room
            self._drawn = []
            self.rebuild()

    def _entry(self, icon: str, name: str, count: int | None, indent: str = "") -> Text:
        """One line: icon, name (cut with an ellipsis where it would wrap), count.

        Built as one string and its spans (the sidebar makes one per feed, 1,000 of them
        before the first frame): the same `Text` as appending its parts, a third of the
        time.
        """
        head = f"{indent}{icon} "
        suffix = f" {count}" if count is not None else ""
        room = max(1, self._room - cell_len(head) - len(suffix))
        name_text = clean_line(name)
        if cell_len(name_text) > room:  # keep the count in sight: cut the name, not it
            name_text = set_cell_size(name_text, room - 1) + ELLIPSIS
        line = f"{head}{name_text}{suffix}"
        spans = [Span(len(indent), len(head), "dim")]
        if suffix:
            spans.append(Span(len(line) - len(suffix), len(line), "dim"))
        return Text(line, style="dim", no_wrap=True, overflow="ellipsis", spans=spans)

    def _lazy_entry(self, icon: str, name: str, count: int | None, option_id: str) -> LazyOption:
        """`_entry`'s line as an option, made when first drawn; at most the sidebar's
        room (the name is cut to it) unless the icon and count alone fill it."""
        suffix = len(f" {count}") if count is not None else 0
        cells = max(self._room, cell_len(icon) + 1 + suffix + 1)
        return LazyOption(lambda key: self._entry(*key[:3]), (icon, name, count, self._room),
                          cells, id=option_id)

    def show_current(self) -> None:
        """Highlight the view the list shows again (after Quotes or People closed: the
        highlight stayed on their entry, which shows nothing in the list)."""
        try:
            index = self.get_option_index(self._shown)
        except OptionDoesNotExist:  # a tag gone meanwhile (the next rebuild handles it)
            return
        if self.highlighted != index:
            self.highlighted = index

    def on_blur(self) -> None:
        self.show_current()  # left on Quotes or People without opening them

    def refresh_counts(self) -> None:
        """Read each view's count again and redraw (on changes)."""
        self.rebuild(with_counts=True)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show(event.option.id or "")

    def _show(self, option_id: str) -> None:
        """Show the view or tag `option_id` in the list (said by a `Chosen` message)."""
        # The same view highlighted again after a rebuild, or Quotes/People (Enter opens them)
        if option_id == self._shown or option_id.startswith("open:"):
            return
        self._shown = option_id
        kind, _, value = option_id.partition(":")
        if kind == "view":
            kinds: dict[str, ViewKind] = {kind: kind for kind in (*FIXED_VIEWS, "dismissed")}
            self.post_message(self.Chosen(View(kinds[value]), t(f"view.{value}")))
        elif kind == "tag":
            label = "#" + self._labels.get(option_id, "")
            self.post_message(self.Chosen(View("tag", int(value)), label))
        elif kind == "feed":  # ``feed:ID``, or ``feed:ID@N``: the feed in another folder
            self.post_message(self.Chosen(View("feed", feed_id=int(value.partition("@")[0])),
                                          self._labels.get(option_id, "")))
        elif kind == "saved":
            self._show_saved_view(option_id)

    # --- saved views (queries kept under a name; `lecteur views`) -------------------------

    def _saved_view_options(self) -> list[Option | None]:
        """The saved views' section: "Stale saves" (built in), then each saved view.

        Their counts are not taken (each is a query over the library); their lists are
        paged from SQLite like any view's.
        """
        options: list[Option | None] = [
            None, Option(Text(t("view.saved_views"), style="bold"), id="heading:saved",
                         disabled=True),
            Option(self._entry("⧖", t("view.stale"), None), id="saved:stale")]
        self._queries = {"saved:stale": (t("view.stale"), STALE_QUERY)}
        for view in self.library.saved_views.all():
            option_id = f"saved:{view.id}"
            self._queries[option_id] = (view.name, view.query)
            options.append(Option(self._entry("⌕", view.name, None), id=option_id))
        return options

    def _show_saved_view(self, option_id: str) -> None:
        """Show a saved view's articles: its query, as the list's view. A query this
        library cannot answer (``score:`` before there are scores) is said instead."""
        name, query = self._queries.get(option_id, ("", ""))
        view = View("query", query=query)
        try:
            self.library.views.check(view)
        except InvalidInputError as error:
            self.notify(str(error), severity="warning", markup=False)
            return
        self.post_message(self.Chosen(view, name))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if option_id.startswith("open:"):
            self.post_message(self.Open(option_id.removeprefix("open:")))
        else:
            self.post_message(self.Done())

    # --- feeds -------------------------------------------------------------------------

    def _feed_options(self) -> list[Option | None]:
        """The Feeds heading, then each folder (a tag of feeds) and its feeds, then the
        feeds in no folder; nothing at all while there is no feed.

        A feed with two tags is in both folders (listed under its first only, the second
        folder of an OPML's *Career > Français* was nowhere); its first entry is
        ``feed:ID``, the others ``feed:ID@N``, and n/N walk it once.
        """
        feeds = self.library.feeds.entries()
        self._feeds = {feed.id: feed for feed in feeds}
        self._feed_order = []
        if not feeds:
            self._feed_texts = {}
            return []
        folders: dict[str, list[FeedEntry]] = {}
        for feed in feeds:
            for tag in feed.tags or ("",):
                folders.setdefault(tag, []).append(feed)
        listed: set[int] = set()
        options: list[Option | None] = [None, Option(self._feeds_heading(), id="heading:feeds",
                                                     disabled=True)]
        for number, name in enumerate(sorted(folders, key=lambda n: (not n, n.casefold()))):
            members = folders[name]
            if name:
                unread = sum(feed.unread for feed in members)
                options.append(Option(self._entry("▾", name, unread or None),
                                      id=f"heading:folder:{number}", disabled=True))
            lines = self._feed_lines(members, indent=bool(name), folder=number,
                                     listed=listed)
            options += lines
            self._labels.update((line.id or "", feed.title or feed.url)
                                for line, feed in zip(lines, members, strict=True))
            self._feed_order += [feed.id for feed in members if feed.id not in listed]
            listed.update(feed.id for feed in members)
        kept = self._feed_texts  # the lines made that still show a feed as it is
        self._feed_texts = {key: kept[key] for key in
                            (option.key for option in options if isinstance(option, LazyOption))
                            if key in kept}
        return options

    def _feed_lines(self, feeds: list[FeedEntry], *, indent: bool, folder: int = 0,
                    listed: set[int] | frozenset[int] = frozenset()) -> list[LazyOption]:
        """The feeds' entries, each line made when it is drawn (most of 1,000 feeds never
        are): the most cells one takes is known without making it, its name being cut to
        the room (the indent, the mark and its space, the name, the count)."""
        make, room, lead = self._feed_line, self._room, 4 if indent else 2
        return [LazyOption(make, (feed, indent, room), _most_cells(lead, feed.unread, room),
                           id=f"feed:{feed.id}@{folder}" if feed.id in listed
                           else f"feed:{feed.id}") for feed in feeds]

    def _feed_line(self, key: FeedKey) -> Text:
        """A feed's line, the one made before for the same feed, count and width (a
        count refresh with 1,000 feeds changes a few; making every line again was most
        of it)."""
        text = self._feed_texts.get(key)
        if text is None:
            feed, indent, _room = key
            text = self._feed_texts[key] = self._new_feed_entry(feed, indent=indent)
        return text

    def _new_feed_entry(self, feed: FeedEntry, *, indent: bool) -> Text:
        failed = bool(feed.last_error)
        text = self._entry("!" if failed else "◦", feed.title or feed.url,
                           feed.unread or None, "  " if indent else "")
        if failed:
            text.stylize("bold red", len("  " if indent else ""),
                         len("  " if indent else "") + 1)
        return text

    def _feeds_heading(self) -> Text:
        return Text(t("view.feeds"), style="bold")

    def feed_order(self) -> list[int]:
        """The feeds' ids in the order the sidebar shows them (n and N walk it)."""
        return list(self._feed_order)

    def feed(self, feed_id: int) -> FeedEntry | None:
        """A feed as last listed (its title, unread count and last error)."""
        return self._feeds.get(feed_id)


def _most_cells(lead: int, unread: int, room: int) -> int:
    """The most cells a feed's line takes: its `lead` (indent, mark, space), its name cut
    to what `room` leaves (one cell at least, as `_entry` cuts it) and its count."""
    count = len(str(unread)) + 1 if unread else 0
    return lead + max(1, room - lead - count) + count


def _shows(option: Option) -> object:
    """What an entry shows, to compare two rebuilds: a feed's key (its line is not made
    to be compared), else the prompt's text."""
    return option.key if isinstance(option, LazyOption) else str(option.prompt)


def _same_entries(drawn: list[tuple[str | None, object] | None],
                  shown: list[tuple[str | None, object] | None]) -> bool:
    """Whether two sidebars have the same entries in the same places (prompts aside).

    With 1,000 feeds, setting every option again costs the OptionList a new layout of all
    of them (about 130 ms); an unread count that moved changes one prompt.
    """
    return len(drawn) == len(shown) and all(
        (old is None and new is None) or (old is not None and new is not None
                                          and old[0] == new[0])
        for old, new in zip(drawn, shown, strict=True))

