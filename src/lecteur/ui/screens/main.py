"""The main screen: the sidebar of views, tags and feeds, and the article list.

``n`` and ``N`` go to the next and previous unread article, newsboat's way: along the list,
then on to the next feed (in the sidebar's order) that has unread items, wrapping round.

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
from lecteur.core.text.sanitize import clean_line
from lecteur.ui import keys
from lecteur.ui.i18n import plural, t
from lecteur.ui.safe import plain
from lecteur.ui.screens.actions import ArticleActions
from lecteur.ui.screens.navigate import ListNavigator
from lecteur.ui.undo import Change
from lecteur.ui.widgets.article_list import ArticleList
from lecteur.ui.widgets.keybar import KeyBar
from lecteur.ui.widgets.sidebar import Sidebar

NARROW, TINY = 100, 64


class MainScreen(ArticleActions):
    """Views on the left, articles on the right."""

    SCOPES = ("app", "article", "list", "sidebar")
    # The list has the focus from the first frame (focused in on_mount, it took it a frame
    # later: the sidebar drawn focused first, then the whole screen again).
    AUTO_FOCUS = "#list"

    def __init__(self) -> None:
        super().__init__(id="main")
        keys.install(self, "article")
        self.view_label = t("view.inbox")
        self._topbar: tuple[str, int, int, str | None, tuple[int, int] | None, bool] | None = None
        self._refreshing: tuple[int, int] | None = None  # (done, total) of a refresh

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
        shown = (f"{self.view_label}:{articles.view.order}", articles.cursor, articles.total,
                 self._feed_error(), self._refreshing, articles.exact)
        if shown == self._topbar:  # unchanged: no repaint (the cursor's watcher did it)
            return
        self._topbar = shown
        bar = Text(" lecteur ", style="bold")
        bar.append("· ")
        bar.append_text(plain(self.view_label))
        if articles.view.order == "score":
            bar.append(" (" + t("view.by_score") + ")")
        bar.append(" · ")
        if not articles.exact:  # a big saved view, its exact count on its way
            bar.append(f"{articles.cursor + 1}  ")
            bar.append(t("list.count_more", count=articles.total - 1), style="dim")
        else:
            if articles.total:
                bar.append(f"{articles.cursor + 1}/{articles.total}  ")
            bar.append(plural(articles.total, "list.count_one", "list.count_many"), style="dim")
        if self._refreshing is not None:  # a refresh of the feeds runs: how far it got
            done, total = self._refreshing
            bar.append("  " + t("feeds.progress", done=done, total=total), style="bold")
        if shown[3]:  # the feed shown failed at its last refresh: its sentence
            bar.append("  ! ", style="bold red")
            bar.append_text(plain(shown[3]))
        self.query_one("#topbar", Static).update(bar, layout=False)

    # --- feeds: unread navigation and refresh progress ---------------------------------

    def _feed_error(self) -> str | None:
        """The sentence of the shown feed's last failed refresh, if it failed."""
        view = self.article_list.view
        if view.kind != "feed" or view.feed_id is None:
            return None
        feed = self.query_one(Sidebar).feed(view.feed_id)
        return feed.last_error if feed is not None else None

    def action_mark_view_read(self) -> None:
        """Mark every unread article of the list's view read (newsboat's ``A`` on a feed,
        ``C`` in the Inbox), in the writer's thread; ``z`` takes it back."""
        view, label = self.article_list.view, self.view_label

        def marked(ids: list[int]) -> None:
            if not ids:
                self.lecteur.say(t("notify.view_all_read"))
                return
            values = {"count": f"{len(ids):,}", "view": clean_line(label)}
            self.lecteur.say(t("notify.view_read", **values))
            self.lecteur.undo_log.record(Change(
                None, lambda library: library.views.mark_unread_again(ids), "undo.view_read",
                values))
            self.lecteur.library_changed()

        self.lecteur.write(lambda library: library.views.mark_view_read(view), marked)

    def action_next_unread(self) -> None:
        if self.unread_step(1) is None:
            self.lecteur.say(t("notify.no_unread"))

    def action_previous_unread(self) -> None:
        if self.unread_step(-1) is None:
            self.lecteur.say(t("notify.no_unread"))

    def unread_step(self, delta: int, from_id: int | None = None) -> int | None:
        """Put the cursor on the next (`delta` 1) or previous (-1) unread article: in the
        list after the cursor (or after `from_id`, the article being read), else in the
        next feed that has unread items (the list then shows that feed). Its id, or None."""
        result = self.lecteur.guarded_call(lambda: self._unread_step(delta, from_id))
        if result is not None:
            self._update_topbar()
        return result

    def _unread_step(self, delta: int, from_id: int | None) -> int | None:
        library = self.lecteur.library
        articles = self.article_list
        anchor_row = library.views.row(from_id) if from_id is not None else articles.current
        anchor = (anchor_row.added_at, anchor_row.id) if anchor_row is not None else None
        found = library.feeds.unread_beside(articles.view, anchor, delta)
        if found is not None and articles.move_to(found):
            return found
        sidebar = self.query_one(Sidebar)
        unread = library.feeds.unread_counts()  # a feed all read is not walked (1,000 feeds)
        for feed_id in self._feeds_after(sidebar.feed_order(), delta):
            if not unread.get(feed_id):
                continue
            found = library.feeds.unread_beside(View("feed", feed_id=feed_id), None, delta)
            if found is None:
                continue
            sidebar.choose(f"feed:{feed_id}", quiet=True)
            feed = sidebar.feed(feed_id)
            self.view_label = (feed.title or feed.url) if feed else ""
            articles.show(View("feed", feed_id=feed_id))
            articles.move_to(found)
            return found
        return None

    def _feeds_after(self, order: list[int], delta: int) -> list[int]:
        """The feeds to look in after the list's own view, in the direction of `delta`:
        those after the feed shown, round to it (its rows before the cursor last)."""
        view = self.article_list.view
        if delta < 0:
            order = order[::-1]
        if view.kind == "feed" and view.feed_id in order:
            start = order.index(view.feed_id)
            return order[start + 1:] + order[:start + 1]
        return order

    def show_refresh(self, done: int | None, total: int = 0) -> None:
        """Say in the top bar how far a refresh of the feeds got (`done` None: it ended).

        The top bar, not the sidebar: a new prompt makes an option list lay out every
        option again, which ten times a second would cost the keys their frames."""
        self._refreshing = None if done is None else (done, total)
        self._update_topbar()
