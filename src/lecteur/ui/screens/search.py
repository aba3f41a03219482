"""Full-text search, with results as you type, each with a line of its text.

Each keystroke starts a search in a worker thread (with its own library connection: an
SQLite connection belongs to the thread that opened it); a result that arrives after the
query or the scope changed again is dropped. Accents, case and ligatures do not matter,
and the last word typed is a prefix from its third letter, so results come as you type.

Where to look: the whole library, or (Tab) only the view the list was showing when search
opened; ``in:starred`` and ``tag:salary`` / ``#salary`` in the query narrow it further, and
so do the query language's filters (``lang:fr minutes:<8 is:unread``, docs/queries.md). A
part of the query that cannot be read is said in the status line, in one sentence naming
it. Ctrl+S keeps the query as a saved view (the sidebar lists it).
The choice of the whole library or the view is remembered for the session. What matched
is marked with a style on `Text` (never markup): in the title and in the snippet.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from lecteur.core.errors import InvalidInputError
from lecteur.core.library.records import Hit
from lecteur.core.library.search import Query, parse_query
from lecteur.core.library.store import Library, LibraryError, StorageError
from lecteur.core.library.views import View
from lecteur.core.text.sanitize import clean_line
from lecteur.core.text.snippets import find_marks
from lecteur.ui import compat, keys
from lecteur.ui.dialogs.modal import Dialog
from lecteur.ui.i18n import plural, t
from lecteur.ui.safe import marked, plain
from lecteur.ui.screens.navigate import SequenceNavigator

MAX_RESULTS = 100
MARK = "bold underline"


class Found(NamedTuple):
    """What one search found, and what it could not understand."""

    hits: list[Hit]
    unknown_tags: tuple[str, ...] = ()
    problem: str | None = None  # a part of the query that cannot be read, said


class SearchScreen(Dialog[None]):
    """Type words; move with the arrows; Enter opens the article; Tab changes the scope."""

    SCOPES = ("modal", "search")

    def __init__(self, view: View | None = None, view_label: str = "") -> None:
        super().__init__(id="search")
        self.results: list[Hit] = []
        self.view = view  # the list's view when search opened (None: there was none)
        self.view_label = view_label

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Text(t("search.title"), style="bold"), classes="dialog-title")
            yield Input(placeholder=t("search.placeholder"), id="search-input",
                        select_on_focus=False)
            yield Static(id="search-scope", classes="dialog-hint")
            yield Static(Text(t("search.start")), id="search-status", classes="dialog-hint")
            yield OptionList(id="search-results")

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = self.lecteur.cursor_blink
        self.query_one(Input).focus()
        self._show_scope(parse_query(""))

    # --- where to look -------------------------------------------------------------------

    @property
    def in_view(self) -> bool:
        """Whether the search is limited to the list's view (remembered by the app)."""
        return self.view is not None and self.lecteur.search_in_view

    def action_toggle_scope(self) -> None:
        if self.view is None:
            return
        self.lecteur.search_in_view = not self.lecteur.search_in_view
        self._search_again()

    def _show_scope(self, parsed: Query) -> None:
        """Say where the search looks, and which key changes it."""
        line = Text(t("search.where") + " ", style="dim")
        places = [self.view_label] if self.in_view else []
        if parsed.view:
            places.append(t(f"view.{parsed.view}"))
        places += ["#" + clean_line(name).lstrip("#") for name in parsed.tags]
        line.append_text(plain(", ".join(places) if places else t("search.everywhere"),
                               style="bold"))
        if self.view is not None:
            key = keys.display_keys(compat.keymap(self.app).get(
                "search.scope", keys.BY_ID["search.scope"].keys)).split(",")[0]
            other = t("search.everywhere") if self.in_view else self.view_label
            line.append("  ·  ", style="dim")
            line.append_text(plain(t("search.scope_key", key=key, place=other), style="dim"))
        line.append("  ·  " + t("search.syntax"), style="dim")
        self.query_one("#search-scope", Static).update(line)

    # --- searching -----------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._search_again()

    def _search_again(self) -> None:
        query = self.query_one(Input).value.strip()
        parsed = parse_query(query)
        self._show_scope(parsed)
        if parsed.problems:  # one sentence naming the bad part, as the shell says it
            self._show(query, self.in_view, parsed, Found([], problem=str(
                parsed.problems[0].error())))
            return
        if parsed.empty:
            self._show(query, self.in_view, parsed, Found([]))
            return
        self._search(query, self.in_view, parsed)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, query: str, in_view: bool, parsed: Query) -> None:
        worker = get_current_worker()
        try:
            with Library(self.lecteur.library.path, for_writing=False,
                         check=False) as library:  # checked when the reader opened
                library.db.staleness = self.lecteur.config.staleness
                # The next key cancels this worker: its query then stops where it is.
                library.db.interrupt_when(lambda: worker.is_cancelled)
                unknown = tuple(name for name in parsed.tags if library.tags.find(name) is None)
                hits = [] if unknown else library.articles.search(
                    parsed, limit=MAX_RESULTS, view=self.view if in_view else None)
        except InvalidInputError as error:  # score: before the library has scores
            if not worker.is_cancelled:
                self.app.call_from_thread(self._show, query, in_view, parsed,
                                          Found([], problem=str(error)))
            return
        except (LibraryError, *StorageError) as error:
            if not worker.is_cancelled:
                self.app.call_from_thread(self.lecteur.say, str(error), severity="error")
            return
        if worker.is_cancelled:
            return
        self.app.call_from_thread(self._show, query, in_view, parsed, Found(hits, unknown))

    def _show(self, query: str, in_view: bool, parsed: Query, found: Found) -> None:
        if query != self.query_one(Input).value.strip() or in_view != self.in_view:
            return  # the reader typed on, or changed the scope; a newer search is coming
        self.results = found.hits
        results = self.query_one(OptionList)
        patterns = parsed.patterns()
        options: list[Option | None] = []
        for hit in found.hits:
            options += [None, self._option(hit, patterns)] if options else [
                self._option(hit, patterns)]
        results.set_options(options)  # a rule between results: three lines each
        if found.hits:
            results.highlighted = 0
        self.query_one("#search-status", Static).update(Text(self._status(query, parsed, found)))

    @staticmethod
    def _status(query: str, parsed: Query, found: Found) -> str:
        if found.problem:
            return found.problem
        if parsed.unknown_views:
            return t("search.unknown_view", name=parsed.unknown_views[0])
        if found.unknown_tags:
            return t("search.unknown_tag", name=clean_line(found.unknown_tags[0]).lstrip("#"))
        if not query:
            return t("search.start")
        if not found.hits:
            return t("search.type_more" if parsed.short_last else "search.none")
        return plural(len(found.hits), "search.count_one", "search.count_many")

    @staticmethod
    def _option(hit: Hit, patterns: list) -> Option:  # type: ignore[type-arg]
        title = clean_line(hit.title)
        prompt = marked(title, find_marks(title, patterns), style="bold", mark_style=MARK)
        details = " · ".join(part for part in (hit.author, hit.sitename, hit.date) if part)
        if details:
            prompt.append("\n")
            prompt.append_text(plain(details, style="dim"))
        if hit.snippet:
            prompt.append("\n")
            prompt.append_text(marked(hit.snippet, hit.marks, mark_style=MARK))
        return Option(prompt, id=str(hit.id))

    # --- saving as a view ------------------------------------------------------------------

    def action_save_view(self) -> None:
        """Keep what is typed as a saved view (asks its name; the sidebar lists it)."""
        query = self.query_one(Input).value.strip()
        parsed = parse_query(query, last_is_prefix=False)
        if parsed.empty or parsed.problems:
            self.lecteur.say(str(parsed.problems[0].error()) if parsed.problems
                             else t("save_view.nothing"), severity="warning")
            return
        from lecteur.ui.dialogs.save_view import SaveViewScreen

        self.app.push_screen(SaveViewScreen(query))

    # --- moving and opening --------------------------------------------------------------

    def action_result_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_result_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def action_open_result(self) -> None:
        results = self.query_one(OptionList)
        option = results.highlighted_option
        if option is None or option.id is None:
            return
        ids = [hit.id for hit in self.results]
        self.dismiss(None)
        self.lecteur.open_reader(int(option.id), SequenceNavigator(ids))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_open_result()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open_result()
