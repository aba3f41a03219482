"""The People view: every speaker and author in the library, and an author's card.

One row per person: how many quotations, in how many articles, how many articles they
wrote, and the first and last dates. Enter on an author shows their card (name, bio,
email, links) and their saved pieces; on someone only quoted, their quotations (the
Quotes view for that speaker). The list (one line a person, under a header of the
columns) holds a window of a few pages of people, read by keyset along the names' order
indexes (`lecteur.ui.widgets.window`); the count in the bar
is counted in a worker when the window does not hold everybody.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from lecteur.core.errors import LecteurError
from lecteur.core.library.records import AuthorCard, PersonEntry
from lecteur.core.library.store import Library
from lecteur.core.text.sanitize import clean_line
from lecteur.ui.dialogs.modal import Dialog
from lecteur.ui.i18n import plural, t
from lecteur.ui.safe import fit, plain, plain_block
from lecteur.ui.screens.navigate import SequenceNavigator
from lecteur.ui.screens.paged import VoicesScreen
from lecteur.ui.styles import stylesheets
from lecteur.ui.widgets.entries import Entry, EntryList, Lines
from lecteur.ui.widgets.keybar import KeyBar
from lecteur.ui.widgets.window import Window

NAME_WIDTH = 36
LINES_KEPT = 600  # rows whose drawn line is kept (a few windows of people)


def dates(first: str | None, last: str | None) -> str:
    """``2017-03-15 – 2019-03-15``, one date when they are the same day, or nothing."""
    first, last = clean_line(first)[:10], clean_line(last)[:10]
    if not first or not last or first == last:
        return first or last
    return f"{first} – {last}"


COLUMNS = ("name", "quotes", "quoted_in", "articles", "dates")
NUMBERS = ("quotes", "quoted_in", "articles")


class PeopleList(EntryList):
    """The people of the window, one line each, in columns (drawn as the Quotes list is:
    `lecteur.ui.widgets.entries`). A few of DataTable's names for what tests read."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *EntryList.COMPONENT_CLASSES, "people-list--name", "people-list--dates"}
    STRIPED = True

    @property
    def row_count(self) -> int:
        return len(self.entries)

    @property
    def cursor_row(self) -> int:
        return self.highlighted or 0

    def move_cursor(self, *, row: int) -> None:
        self.move_to(row)

    def name_at(self, row: int) -> str:
        """The name as the row shows it (cut to its column)."""
        return self.entries[row].lines[0][0].text.strip()


class PeopleScreen(VoicesScreen):
    """Everybody the library knows, in name order (as the Quotes view's speakers)."""

    SCOPES = ("app", "people")

    def __init__(self) -> None:
        super().__init__(classes="people")
        self.window: Window[PersonEntry] = Window(self._page)
        self.total: int | None = None
        self._lines: dict[str, tuple[PersonEntry, Lines]] = {}  # each row's, as last drawn
        self._drawn_with: tuple[object, ...] = ()  # the columns' widths and styles of those

    @property
    def people(self) -> list[PersonEntry]:
        """The people the window holds (the list shows them)."""
        return self.window.items

    def _page(self, after: Any, backward: bool, limit: int) -> list[tuple[Any, PersonEntry]]:
        found = self.lecteur.guarded_call(lambda: self.lecteur.library.people.page(
            after, limit=limit, backward=backward))
        return list(found or [])

    def compose(self) -> ComposeResult:
        yield Static(id="topbar")
        yield Static(id="people-header")
        yield PeopleList(id="people-table")
        yield Static(Text(t("people.none"), style="italic"), id="people-empty")
        yield KeyBar()

    @property
    def table(self) -> PeopleList:
        """The list of people."""
        return self.query_one(PeopleList)

    def moving(self) -> PeopleList:
        return self.table

    def on_mount(self) -> None:
        self.load()
        self.table.focus()

    def reopen(self) -> None:
        """Opened again (the app keeps the screen): the first page read again."""
        self.load()
        self.table.focus()

    def load(self) -> None:
        """Read the first page of people from the library again."""
        self.total = None
        self.window.move("first")
        if self.window.at_start and self.window.at_end:
            self.total = len(self.window)
        else:
            self._count_in_worker()
        self._fill(0)

    def _fill(self, row: int) -> None:
        """Show the window's people, the cursor on `row` (within bounds)."""
        cells = [_cells(person) for person in self.people]
        labels = {key: t(f"people.{key}") for key in COLUMNS}
        widths = {key: max([cell_len(labels[key])] + [cell_len(c[key]) for c in cells])
                  for key in COLUMNS}
        table = self.table
        name = table.get_component_rich_style("people-list--name", partial=True)
        dim = table.get_component_rich_style("people-list--dates", partial=True)
        entries = []
        drawn_with = (tuple(widths.values()), name, dim)
        if drawn_with != self._drawn_with or len(self._lines) > LINES_KEPT:
            self._lines.clear()  # other columns or colours: every row is drawn again
            self._drawn_with = drawn_with
        for person, cell in zip(self.people, cells, strict=True):
            key = _person_id(person)
            kept = self._lines.get(key)
            if kept is None or kept[0] != person:
                line = (Segment(" " + fit(cell["name"], widths["name"]) + " ", name),
                        Segment(_numbers(cell, widths)),
                        Segment(" " + cell["dates"], dim))
                kept = self._lines[key] = (person, (line,))
            # The same lines object for the same row: the list keeps its drawn strips.
            entries.append(Entry(key, kept[1], key))
        header = _line({key: labels[key] for key in COLUMNS}, widths)
        self.query_one("#people-header", Static).update(Text(header), layout=False)
        row = max(0, min(row, len(self.people) - 1))
        table.set_entries(entries, _person_id(self.people[row]) if self.people else None)
        self.query_one("#people-empty").display = not self.people
        self._update_bar()

    def _update_bar(self) -> None:
        count = ("…" if self.total is None
                 else plural(self.total, "people.count_one", "people.count_many"))
        self.set_bar(t("view.people"), count)

    @work(thread=True, exclusive=True, group="counts", exit_on_error=False)
    def _count_in_worker(self) -> None:
        try:
            with Library(self.lecteur.library.path, for_writing=False, check=False) as library:
                total = library.people.count()
        except LecteurError:
            return
        self.app.call_from_thread(self._counted, total)

    def _counted(self, total: int) -> None:
        self.total = total
        self._update_bar()

    def on_entry_list_highlighted(self, event: EntryList.Highlighted) -> None:
        event.stop()
        row = self.table.cursor_row
        edge = self.window.near_edge(row)
        if edge > 0:
            dropped = self.window.forward_count()
            self._fill(row - dropped)
        elif edge < 0:
            added = self.window.backward_count()
            self._fill(row + added)

    def action_people_first(self) -> None:
        if not self.window.at_start:
            self.window.move("first")
        self._fill(0)

    def action_people_last(self) -> None:
        if not self.window.at_end:
            self.window.move("last")
        self._fill(len(self.people) - 1)

    def current_person(self) -> PersonEntry | None:
        """The person under the cursor (None: there is nobody)."""
        row = self.table.cursor_row
        return self.people[row] if self.people and 0 <= row < len(self.people) else None

    def on_entry_list_selected(self, event: EntryList.Selected) -> None:
        event.stop()
        self.action_open_person()

    def action_open_person(self) -> None:
        from lecteur.ui.screens.quotes import QuotesScreen

        person = self.current_person()
        if person is None:
            return
        library = self.lecteur.library
        card = (self.lecteur.guarded_call(lambda: library.people.author_card(person.name))
                if person.articles else None)
        if card is not None:
            self.app.push_screen(AuthorCardScreen(card, person.quotes))
        else:
            self.app.push_screen(QuotesScreen(speaker=person.name))


def _person_id(person: PersonEntry) -> str:
    return "person:" + person.name


def _cells(person: PersonEntry) -> dict[str, str]:
    """A person's row as text, column by column (the name cleaned and cut)."""
    cells = {"name": fit(clean_line(person.name), NAME_WIDTH).rstrip(),
             "dates": dates(person.first, person.last)}
    for key in NUMBERS:
        value = getattr(person, key)
        cells[key] = str(value) if value else "·"
    return cells


def _numbers(cells: dict[str, str], widths: dict[str, int]) -> str:
    """The count columns, right-aligned, each with a space either side."""
    return "".join(" " * (widths[key] - cell_len(cells[key]) + 1) + cells[key] + " "
                   for key in NUMBERS)


def _line(cells: dict[str, str], widths: dict[str, int]) -> str:
    """A row's text (the header's): name, counts, dates, in their columns."""
    return " " + fit(cells["name"], widths["name"]) + " " + _numbers(cells, widths) + (
        " " + cells["dates"])


class AuthorCardScreen(Dialog[None]):
    """An author's card and saved pieces; Enter reads one (or lists their quotations)."""

    SCOPES = ("modal", "card")
    QUOTES_ID = "quotes"

    def __init__(self, card: AuthorCard, quotes: int = 0) -> None:
        super().__init__(id="author-card")
        self.css_path = stylesheets(("dialogs.tcss", "voices.tcss"))
        self.card = card
        self.quotes = quotes

    def compose(self) -> ComposeResult:
        author = self.card.author
        with Vertical(classes="dialog-box"):
            yield Static(Text(t("card.title"), style="bold"), classes="dialog-title")
            yield Static(plain(author.name, style="bold"), id="card-name")
            if author.bio:
                yield Static(plain_block(author.bio), id="card-bio")
            details = Text(end="")
            if author.email:
                details.append(t("people.email") + " ", style="dim")
                details.append_text(plain(author.email))
            for link in author.links:
                details.append("\n" if details.plain else "")
                details.append_text(plain(link, style="underline"))
            if details.plain:
                yield Static(details, id="card-details")
            yield Static(Text(t("people.card_pieces"), style="bold"), classes="card-heading")
            yield OptionList(*self._options(), id="card-pieces")
            yield Static(Text(t("people.card_hint")), classes="dialog-hint")

    def _options(self) -> list[Option]:
        options = []
        for article_id, title, date in self.card.articles:
            prompt = plain(title)
            if date:
                prompt.append(" · " + clean_line(date)[:10], style="dim")
            options.append(Option(prompt, id=str(article_id)))
        if self.quotes:
            options.append(Option(Text(t("people.their_quotes", count=self.quotes),
                                       style="italic"), id=self.QUOTES_ID))
        return options

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open_piece()

    def action_open_piece(self) -> None:
        from lecteur.ui.screens.quotes import QuotesScreen

        option = self.query_one(OptionList).highlighted_option
        if option is None or option.id is None:
            return
        self.dismiss(None)
        if option.id == self.QUOTES_ID:
            self.app.push_screen(QuotesScreen(speaker=self.card.author.name))
            return
        ids = [article_id for article_id, _title, _date in self.card.articles]
        self.lecteur.open_reader(int(option.id), SequenceNavigator(ids))
