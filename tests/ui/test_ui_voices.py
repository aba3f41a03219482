"""The Quotes and People views, over a library of real pages from the corpus."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from textual.widgets import Input, TextArea
from ui_helpers import article, covers, run_app, screen_text, toasts

from lecteur.core.extract.html import extract_html
from lecteur.core.library.store import Library
from lecteur.core.models import Article, Block
from lecteur.ui.dialogs.note import NoteScreen
from lecteur.ui.i18n import set_language
from lecteur.ui.screens.main import MainScreen
from lecteur.ui.screens.people import AuthorCardScreen, PeopleScreen, dates
from lecteur.ui.screens.quotes import QuoteList, QuotesScreen
from lecteur.ui.screens.reader import ReaderScreen
from lecteur.ui.widgets.sidebar import Sidebar

CORPUS = Path(__file__).parents[1] / "corpus"
HOSTILE = "[AFP] [@click=app.quit]x"


@cache
def corpus_articles() -> tuple[Article, ...]:
    pages = [*sorted((CORPUS / "fr").glob("01-*.html")), *sorted((CORPUS / "en").glob("02-*.html"))]
    return tuple(extract_html(page.read_text(encoding="utf-8"), page.name) for page in pages)


def fill_corpus(library: Library) -> list[int]:
    return [library.articles.add(page)[0] for page in corpus_articles()]


def headings(screen: QuotesScreen) -> list[str]:
    options = screen.quote_list.options
    return [str(option.prompt).strip() for option in options if option.disabled]


@covers("app.quotes", "quotes.filter", "quotes.back")
def test_quotes_grouped_by_speaker_and_filtered(make_app, library: Library) -> None:
    fill_corpus(library)
    library.articles.add(article(1, blocks=(Block("quote", "Sans auteur connu."),)))

    async def scenario(app, pilot) -> None:
        await pilot.press("Q")
        screen = app.screen
        assert isinstance(screen, QuotesScreen)
        assert headings(screen) == ["Colette Ambrose", "Emeka Thorvaldsen", "Hélène Marcoux",
                                    "Lucinda Farrow-Pike", "Philippe Dorval", "Speaker unknown"]
        assert len(screen.shown) == 10
        text = screen_text(app)
        assert "10 quotations" in text and "Cold Emails That Actually Get Answers" in text
        assert screen.current_quote().speaker == "Colette Ambrose"
        await pilot.press("slash")
        assert screen.query_one(Input).has_focus
        await pilot.press(*"HELENE")  # folded: accents and case ignored
        assert {q.speaker for q in screen.shown} == {"Hélène Marcoux"}
        assert len(screen.shown) == 3 and headings(screen) == ["Hélène Marcoux"]
        await pilot.press("ctrl+a", "ctrl+k", *"kettle")  # words of the text
        assert [q.speaker for q in screen.shown] == ["Emeka Thorvaldsen"]
        await pilot.press("ctrl+a", "ctrl+k", *"zzz")
        assert screen.shown == [] and "No quotation matches." in screen_text(app)
        await pilot.press("ctrl+a", "ctrl+k", "enter")
        assert screen.quote_list.has_focus and len(screen.shown) == 10
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)

    run_app(make_app(demo=False), scenario, size=(100, 30))


@covers("quotes.keep")
def test_keep_a_quotation(make_app, library: Library) -> None:
    fill_corpus(library)

    async def scenario(app, pilot) -> None:
        await pilot.press("Q", "down")
        screen = app.screen
        quote = screen.current_quote()
        assert quote.text.startswith('"The best notes')
        await pilot.press("s")
        assert [q.id for q in library.quotations.find(kept_only=True)] == [quote.id]
        assert "Quotation kept." in toasts(app)
        assert "★" in str(screen.quote_list.get_option(f"quote:{quote.id}").prompt)
        assert screen.current_quote().id == quote.id and screen.current_quote().kept
        await pilot.press("s")
        assert library.quotations.find(kept_only=True) == []
        assert "Quotation no longer kept." in toasts(app)

    run_app(make_app(demo=False), scenario)


@covers("quotes.note")
def test_note_on_a_quotation(make_app, library: Library) -> None:
    fill_corpus(library)

    async def scenario(app, pilot) -> None:
        await pilot.press("Q", "slash", *"dorval", "enter")
        quote = app.screen.current_quote()
        assert quote.speaker == "Philippe Dorval" and quote.block_index is not None
        await pilot.press("w")
        assert isinstance(app.screen, NoteScreen)
        assert app.screen.block == quote.block_index
        assert app.screen.query_one(TextArea).has_focus
        await pilot.press(*"Exemple pour l'atelier.", "ctrl+s")
        assert isinstance(app.screen, QuotesScreen)
        notes = library.notes.of(quote.article_id)
        assert [(n.block_index, n.text) for n in notes] == [
            (quote.block_index, "Exemple pour l'atelier.")]
        assert library.drafts.get(f"note:{quote.article_id}:{quote.block_index}") is None

    run_app(make_app(demo=False), scenario)


@covers("quotes.open", answered_by_widget=("quotes.open",))  # the list selects on enter
def test_enter_reads_the_article_at_the_quotation(make_app, library: Library) -> None:
    fill_corpus(library)

    async def scenario(app, pilot) -> None:
        await pilot.press("Q", "slash", *"suivi se fait", "enter")
        quote = app.screen.current_quote()
        await pilot.press("enter")
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.article_id == quote.article_id
        assert app.screen.view.cursor == quote.block_index
        await pilot.press("escape")
        assert isinstance(app.screen, QuotesScreen)

    run_app(make_app(demo=False), scenario)


@covers("app.people", "people.open", "people.back", "card.open",
        answered_by_widget=("people.open", "card.open"))  # the tables select on enter
def test_people_counts_cards_and_quotations(make_app, library: Library) -> None:
    ids = fill_corpus(library)

    async def scenario(app, pilot) -> None:
        await pilot.press("P")
        screen = app.screen
        assert isinstance(screen, PeopleScreen)
        people = {p.name: p for p in screen.people}
        assert (people["Hélène Marcoux"].quotes, people["Hélène Marcoux"].quoted_in,
                people["Hélène Marcoux"].articles) == (3, 1, 0)
        assert (people["Owen Maclary"].quotes, people["Owen Maclary"].articles) == (0, 1)
        assert screen.table.row_count == 7
        text = screen_text(app)
        assert "7 people" in text and "Quoted in" in text and "2017-03-15" in text
        # An author: the card, with the saved piece
        screen.table.move_cursor(row=screen.people.index(
            people["Geneviève Thibodeau"]))
        await pilot.press("enter")
        assert isinstance(app.screen, AuthorCardScreen)
        text = screen_text(app)
        assert "journaliste indépendante" in text and "genevieve@thibodeau-redaction.ca" in text
        assert "https://mastodon.social/@gthibodeau" in text
        assert "Réseauter quand on est introverti" in text
        await pilot.press("enter")
        assert isinstance(app.screen, ReaderScreen) and app.screen.article_id == ids[0]
        await pilot.press("escape")
        assert isinstance(app.screen, PeopleScreen)
        # A speaker: their quotations
        speaker = people["Emeka Thorvaldsen"]
        screen.table.move_cursor(row=screen.people.index(speaker))
        await pilot.press("enter")
        assert isinstance(app.screen, QuotesScreen)
        assert app.screen.speaker == "Emeka Thorvaldsen" and len(app.screen.shown) == 2
        assert "lecteur · Emeka Thorvaldsen · 2 quotations" in screen_text(app)
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, MainScreen)

    run_app(make_app(demo=False), scenario, size=(100, 36))


def test_an_author_also_quoted_lists_their_quotations(make_app, library: Library) -> None:
    library.articles.add(article(1, blocks=(Block("quote", "Je me cite.", speaker="Jeanne Roy"),)))

    async def scenario(app, pilot) -> None:
        await pilot.press("P", "enter")
        assert isinstance(app.screen, AuthorCardScreen)
        assert "Their quotations (1)" in screen_text(app)
        await pilot.press("down", "enter")
        assert isinstance(app.screen, QuotesScreen) and app.screen.speaker == "Jeanne Roy"

    run_app(make_app(demo=False), scenario)


def test_sidebar_entries_open_quotes_and_people(make_app, library: Library) -> None:
    fill_corpus(library)

    async def scenario(app, pilot) -> None:
        await pilot.press("shift+tab")
        sidebar = app.screen.query_one(Sidebar)
        assert sidebar.has_focus
        await pilot.press("j", "j", "j", "j")
        assert sidebar.highlighted_option.id == "open:quotes"
        await pilot.press("enter")
        assert isinstance(app.screen, QuotesScreen)
        await pilot.press("escape")  # back on the view the list shows (issue 8, item 12)
        assert sidebar.highlighted_option.id == "view:archive"  # the list still shows it
        await pilot.press("j", "j", "enter")
        assert isinstance(app.screen, PeopleScreen)

    run_app(make_app(demo=False), scenario)


def test_french_labels(make_app, library: Library) -> None:
    set_language("fr")
    fill_corpus(library)

    async def scenario(app, pilot) -> None:
        text = screen_text(app)
        assert "Citations" in text and "Personnes" in text
        await pilot.press("Q")
        assert "9 citations" in screen_text(app)
        await pilot.press("escape", "P")
        assert "7 personnes" in screen_text(app) and "Cité dans" in screen_text(app)

    run_app(make_app(demo=False), scenario)


def test_hostile_names_show_as_plain_text(make_app, library: Library) -> None:
    library.articles.add(article(1, blocks=(
        Block("quote", "[b]Pas du gras[/b] [@click=app.quit]q[/]", speaker=HOSTILE),
        Block("quote", "Escape \x1b[31mrouge\x1b[0m.", speaker="\x1b]0;pwned\x07Évelyne"),
    )))

    async def scenario(app, pilot) -> None:
        await pilot.press("Q")
        text = screen_text(app)
        assert HOSTILE in text and "[b]Pas du gras[/b] [@click=app.quit]q[/]" in text
        assert "\x1b" not in text and "Évelyne" in text
        await pilot.press("escape", "P")
        text = screen_text(app)
        assert HOSTILE in text and "\x1b" not in text
        assert app.is_running

    run_app(make_app(demo=False), scenario)


def test_palette_lists_the_views(make_app, library: Library) -> None:
    from lecteur.ui.palette import palette_commands

    async def scenario(app, pilot) -> None:
        titles = [command.title for command in palette_commands(app, app.screen)]
        assert "quotations" in titles and "people" in titles
        await pilot.press("Q")
        titles = [command.title for command in palette_commands(app, app.screen)]
        assert {"filter", "keep", "note", "read the article"} <= set(titles)
        assert app.screen.query_one(QuoteList).has_focus

    run_app(make_app(demo=False), scenario)


def test_dates_column() -> None:
    assert dates("2017-03-15", "2019-03-15T10:00:00") == "2017-03-15 – 2019-03-15"
    assert dates("2017-03-15", "2017-03-15") == "2017-03-15"
    assert dates(None, None) == ""
