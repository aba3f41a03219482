"""Full-text search, with results as you type.

Each keystroke starts a search in a worker thread (with its own library connection: an
SQLite connection belongs to the thread that opened it); a result that arrives after the
query changed again is dropped. Accents, case and ligatures do not matter.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from lecteur.core.library.records import Entry
from lecteur.core.library.store import Library, LibraryError
from lecteur.ui.dialogs.modal import Dialog
from lecteur.ui.i18n import plural, t
from lecteur.ui.safe import plain
from lecteur.ui.screens.navigate import SequenceNavigator

MAX_RESULTS = 100


class SearchScreen(Dialog[None]):
    """Type words; move with the arrows; Enter opens the article."""

    SCOPES = ("modal", "search")

    def __init__(self) -> None:
        super().__init__(id="search")
        self.results: list[Entry] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Text(t("search.title"), style="bold"), classes="dialog-title")
            yield Input(placeholder=t("search.placeholder"), id="search-input",
                        select_on_focus=False)
            yield Static(Text(t("search.start")), id="search-status", classes="dialog-hint")
            yield OptionList(id="search-results")

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = self.lecteur.cursor_blink
        self.query_one(Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        query = event.value.strip()
        if not query:
            self._show(query, [])
            return
        self._search(query)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, query: str) -> None:
        try:
            with Library(self.lecteur.library.path, for_writing=False,
                         check=False) as library:  # checked when the reader opened
                found = library.articles.search(query, limit=MAX_RESULTS)
        except LibraryError as error:
            self.app.call_from_thread(self.lecteur.say, str(error), severity="error")
            return
        self.app.call_from_thread(self._show, query, found)

    def _show(self, query: str, found: list[Entry]) -> None:
        if query != self.query_one(Input).value.strip():
            return  # the reader typed on; a newer search is coming
        self.results = found
        results = self.query_one(OptionList)
        results.set_options(self._option(entry) for entry in found)
        if found:
            results.highlighted = 0
        status = t("search.start") if not query else (
            plural(len(found), "search.count_one", "search.count_many") if found
            else t("search.none"))
        self.query_one("#search-status", Static).update(Text(status))

    @staticmethod
    def _option(entry: Entry) -> Option:
        prompt = plain(entry.title, style="bold")
        details = " · ".join(part for part in (entry.author, entry.sitename, entry.date) if part)
        if details:
            prompt.append("\n")
            prompt.append_text(plain(details, style="dim"))
        return Option(prompt, id=str(entry.id))

    def action_result_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_result_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def action_open_result(self) -> None:
        results = self.query_one(OptionList)
        option = results.highlighted_option
        if option is None or option.id is None:
            return
        ids = [entry.id for entry in self.results]
        self.dismiss(None)
        self.lecteur.open_reader(int(option.id), SequenceNavigator(ids))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_open_result()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open_result()
