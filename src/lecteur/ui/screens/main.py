"""The main screen: the sidebar of views and tags, and the article list.

On narrow terminals the panes collapse: under 100 columns the sidebar narrows, under 64 it
hides (Tab still reaches it) and the list drops columns, so 80x24 stays readable.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from lecteur.core.library.views import ListRow, View
from lecteur.ui import keys
from lecteur.ui.i18n import plural, t
from lecteur.ui.screens.actions import ArticleActions
from lecteur.ui.screens.navigate import ListNavigator
from lecteur.ui.widgets.article_list import ArticleList
from lecteur.ui.widgets.keybar import KeyBar
from lecteur.ui.widgets.sidebar import Sidebar

NARROW, TINY = 100, 64


class MainScreen(ArticleActions):
    """Views on the left, articles on the right."""

    SCOPES = ("app", "article", "list", "sidebar")

    def __init__(self) -> None:
        super().__init__(id="main")
        keys.install(self, "article")
        self.view_label = t("view.inbox")
        self._topbar: tuple[str, int, int] | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="topbar")
        with Horizontal(id="panes"):
            yield Sidebar(self.lecteur.library, id="sidebar")
            yield ArticleList(self.lecteur.library, View("inbox"), id="list")
        yield KeyBar()

    @property
    def article_list(self) -> ArticleList:
        """The list of articles."""
        return self.query_one(ArticleList)

    def on_mount(self) -> None:
        self.article_list.focus()
        self._update_topbar()
        # The top bar follows the cursor in the frame that moves it (its Highlighted
        # message would come a frame later, and a second frame per key costs ~1-2 ms).
        self.watch(self.article_list, "cursor", self._update_topbar, init=False)

    def on_screen_resume(self) -> None:
        self.query_one(Sidebar).show_current()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < NARROW, "-narrow")
        self.set_class(event.size.width < TINY, "-tiny")

    def current_row(self) -> ListRow | None:
        return self.article_list.current

    def showing_trash(self) -> bool:
        return self.article_list.view.kind == "trash"

    def refresh_from_library(self, article_id: int | None = None, recount: bool = True) -> None:
        if not recount:
            self.article_list.redraw_rows()
            return
        current = self.article_list.current
        keep = article_id if article_id is not None else (current.id if current else None)
        self.article_list.reload(keep_id=keep)
        self._update_topbar()
        sidebar = self.query_one(Sidebar)
        self.call_after_refresh(sidebar.refresh_counts)  # after the frame that shows the change

    # --- messages ----------------------------------------------------------------------

    def show_tag(self, tag_id: int) -> None:
        """Show the articles carrying a tag (chosen in the list of every tag)."""
        sidebar = self.query_one(Sidebar)
        sidebar.rebuild()
        sidebar.choose(f"tag:{tag_id}")
        self.article_list.focus()

    def on_sidebar_chosen(self, message: Sidebar.Chosen) -> None:
        self.view_label = message.label
        # The sort chosen with S stays when another view is chosen.
        self.article_list.show(message.view._replace(order=self.article_list.view.order))
        self._update_topbar()

    def on_sidebar_done(self, _message: Sidebar.Done) -> None:
        self.article_list.focus()

    def on_sidebar_open(self, message: Sidebar.Open) -> None:
        if message.name == "quotes":
            self.lecteur.action_quotes()
        elif message.name == "people":
            self.lecteur.action_people()

    def on_article_list_highlighted(self, _message: ArticleList.Highlighted) -> None:
        self._update_topbar()

    def on_article_list_open(self, message: ArticleList.Open) -> None:
        self.lecteur.open_reader(message.row.id, ListNavigator(self.article_list))

    def _update_topbar(self) -> None:
        articles = self.article_list
        shown = (f"{self.view_label}:{articles.view.order}", articles.cursor, articles.total)
        if shown == self._topbar:  # unchanged: no repaint (the cursor's watcher did it)
            return
        self._topbar = shown
        bar = Text(" lecteur ", style="bold")
        bar.append("· ")
        bar.append(self.view_label)
        if articles.view.order == "score":
            bar.append(" (" + t("view.by_score") + ")")
        bar.append(" · ")
        if articles.total:
            bar.append(f"{articles.cursor + 1}/{articles.total}  ")
        bar.append(plural(articles.total, "list.count_one", "list.count_many"), style="dim")
        self.query_one("#topbar", Static).update(bar, layout=False)
