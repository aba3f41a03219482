"""The People view: every speaker and author in the library, and an author's card.

One row per person: how many quotations, in how many articles, how many articles they
wrote, and the first and last dates. Enter on an author shows their card (name, bio,
email, links) and their saved pieces; on someone only quoted, their quotations (the
Quotes view for that speaker). A `DataTable` draws only the visible rows.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option

from lecteur.core.library.records import AuthorCard, PersonEntry
from lecteur.core.text.sanitize import clean_line
from lecteur.ui.dialogs.modal import Dialog
from lecteur.ui.i18n import plural, t
from lecteur.ui.safe import fit, plain, plain_block
from lecteur.ui.screens.navigate import SequenceNavigator
from lecteur.ui.screens.quotes import VoicesScreen
from lecteur.ui.styles import stylesheets
from lecteur.ui.widgets.keybar import KeyBar

NAME_WIDTH = 36


def dates(first: str | None, last: str | None) -> str:
    """``2017-03-15 – 2019-03-15``, one date when they are the same day, or nothing."""
    first, last = clean_line(first)[:10], clean_line(last)[:10]
    if not first or not last or first == last:
        return first or last
    return f"{first} – {last}"


class PeopleScreen(VoicesScreen):
    """Everybody the library knows, in name order (as the Quotes view's speakers)."""

    SCOPES = ("app", "people")

    def __init__(self) -> None:
        super().__init__(classes="people")
        self.people: list[PersonEntry] = []

    def compose(self) -> ComposeResult:
        yield Static(id="topbar")
        yield DataTable(id="people-table", cursor_type="row", zebra_stripes=True)
        yield Static(Text(t("people.none"), style="italic"), id="people-empty")
        yield KeyBar()

    @property
    def table(self) -> DataTable[Text]:
        """The table of people."""
        return self.query_one(DataTable)

    def moving(self) -> DataTable[Text]:
        return self.table

    def on_mount(self) -> None:
        table = self.table
        table.add_column(Text(t("people.name")), key="name")
        for key in ("quotes", "quoted_in", "articles"):
            table.add_column(Text(t(f"people.{key}"), justify="right"), key=key)
        table.add_column(Text(t("people.dates")), key="dates")
        self.load()
        table.focus()

    def load(self) -> None:
        """Read the people from the library again."""
        self.people = self.lecteur.guarded_call(self.lecteur.library.people.all) or []
        table = self.table
        table.clear()
        for index, person in enumerate(self.people):
            table.add_row(
                Text(fit(clean_line(person.name), NAME_WIDTH).rstrip(), style="bold"),
                *[Text(str(value) if value else "·", justify="right")
                  for value in (person.quotes, person.quoted_in, person.articles)],
                Text(dates(person.first, person.last), style="dim"),
                key=str(index))
        self.query_one("#people-empty").display = not self.people
        self.set_bar(t("view.people"),
                     plural(len(self.people), "people.count_one", "people.count_many"))

    def current_person(self) -> PersonEntry | None:
        """The person under the cursor (None: there is nobody)."""
        row = self.table.cursor_row
        return self.people[row] if self.people and 0 <= row < len(self.people) else None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
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
