"""The sidebar: the library's views (Inbox, Saved, Starred, Archive), Quotes, People, the
Trash, the saved views (with the built-in "Stale saves"), and the tags.

Moving in the sidebar shows the view at once; Enter moves to the list. Quotes and People
are screens of their own: moving onto them shows nothing yet, Enter opens them. Counts are filled
in after the first frame (`refresh_counts`), so a very large library opens just as fast.
Tag names come from the reader but may have been pasted from anywhere, so they are shown
as plain `Text`, like every other string.
"""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from lecteur.core.errors import InvalidInputError
from lecteur.core.library.saved import STALE_QUERY
from lecteur.core.library.store import Library
from lecteur.core.library.views import View, ViewKind
from lecteur.ui import keys
from lecteur.ui.i18n import t
from lecteur.ui.safe import plain

FIXED_VIEWS: tuple[ViewKind, ...] = ("inbox", "saved", "starred", "archive", "trash")
ICONS = {"inbox": "▤", "saved": "◆", "starred": "★", "archive": "▣", "trash": "×",
         "quotes": "“", "people": "@"}
SCREENS = ("quotes", "people")  # entries that open a screen (Enter) instead of a view


class Sidebar(OptionList):
    """Views and tags; highlighting one shows it."""

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
        self._queries: dict[str, tuple[str, str]] = {}  # saved view option -> (name, query)
        self._shown = "view:inbox"
        self.rebuild()

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
        options += self._saved_view_options()  # above the tags: views beside views
        tags = self.library.tags.all()
        options.append(None)
        options.append(Option(Text(t("view.tags"), style="bold"), id="heading:tags",
                              disabled=True))
        for tag in tags:
            options.append(Option(self._entry("#", tag.name, tag.count), id=f"tag:{tag.id}"))
            self._labels[f"tag:{tag.id}"] = tag.name
        # Feeds join the sidebar here once the library has any (a later issue).
        self.set_options(options)
        ids = [option.id for option in options if option is not None]
        if chosen not in ids:  # its tag is gone: back to the inbox
            chosen = "view:inbox"
        self.highlighted = ids.index(chosen)

    def choose(self, option_id: str) -> None:
        """Move to an entry (``tag:3``, ``view:starred``), which shows it; unknown: nothing."""
        ids = [self.get_option_at_index(i).id for i in range(self.option_count)]
        if option_id in ids:
            self.highlighted = ids.index(option_id)
            # Shown now, not when the highlight's message arrives: a screen resumed
            # meanwhile (a reader closed above) would put the highlight back first.
            self._show(option_id)

    @staticmethod
    def _entry(icon: str, name: str, count: int | None) -> Text:
        text = Text(f"{icon} ", style="dim")
        text.append_text(plain(name))
        if count is not None:
            text.append(f" {count}", style="dim")
        return text

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
        """Count each view again and redraw (after the first frame, and on changes)."""
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
            kinds: dict[str, ViewKind] = {kind: kind for kind in FIXED_VIEWS}
            self.post_message(self.Chosen(View(kinds[value]), t(f"view.{value}")))
        elif kind == "tag":
            label = "#" + self._labels.get(option_id, "")
            self.post_message(self.Chosen(View("tag", int(value)), label))
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
            self.library.views.rows(view, 1)
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
