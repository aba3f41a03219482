"""Moving in the Quotes and People views as everywhere, the sidebar, the help, rebindings.

Issue 8, items 8, 9 and 12: `j`/`k` and `q` in Quotes and People, the highlighted row's
colour behind its text, names in French order, the Kept filter; Tab to the sidebar in the
footer and the help; the help scrolls with `j` and space and names no file; a rebinding
that takes another binding's key is said at start and not applied; the sidebar marks the
view shown; an empty view says which key fills it.
"""

from __future__ import annotations

import dataclasses

from rich.style import Style
from ui_helpers import article, covers, run_app, screen_text, toasts

from lecteur.core.config import Config
from lecteur.core.library.store import Library
from lecteur.core.models import Author, Block
from lecteur.ui import keys
from lecteur.ui.screens.help import HelpScreen
from lecteur.ui.screens.main import MainScreen
from lecteur.ui.screens.people import AuthorCardScreen, PeopleScreen
from lecteur.ui.screens.quotes import QuotesScreen
from lecteur.ui.widgets.article_list import ArticleList
from lecteur.ui.widgets.sidebar import Sidebar

NAMES = ("Tomás Ruiz", "Étienne Gagnon", "Denis Côté", "François Roy")
IN_ORDER = ["Denis Côté", "Étienne Gagnon", "François Roy", "Tomás Ruiz"]


def fill_names(library: Library) -> None:
    """Four articles, each quoting one of `NAMES` twice; Étienne writes the first."""
    for n, name in enumerate(NAMES):
        blocks = (Block("paragraph", f"Un paragraphe {n}."),
                  Block("quote", f"Première citation de {name}.", speaker=name),
                  Block("quote", f"Seconde citation de {name}.", speaker=name))
        written = article(n, blocks=blocks)
        if n > 0:  # only the first is Étienne's
            written = dataclasses.replace(written, author=None)
        else:
            written = dataclasses.replace(written, author=Author("Étienne Gagnon"))
        library.articles.add(written)


def headings(screen: QuotesScreen) -> list[str]:
    return [str(option.prompt).strip() for option in screen.quote_list.options
            if option.disabled]


def backgrounds(strip) -> set[object]:
    """The background colours of a drawn line's characters that are not spaces."""
    return {(segment.style or Style()).bgcolor for segment in strip if segment.text.strip()}


@covers("quotes.down", "quotes.up", "quotes.back", "quotes.kept")
def test_quotes_move_with_j_k_go_back_with_q_and_filter_the_kept(make_app,
                                                                 library: Library) -> None:
    fill_names(library)
    library.quotations.keep(library.quotations.find(speaker="tomas")[1].id)

    async def scenario(app, pilot) -> None:
        await pilot.press("Q")
        screen = app.screen
        assert isinstance(screen, QuotesScreen)
        assert headings(screen) == IN_ORDER
        first = screen.current_quote()
        await pilot.press("j")
        assert screen.current_quote().text == "Seconde citation de Denis Côté."
        await pilot.press("j")  # over the next speaker's heading
        assert screen.current_quote().speaker == "Étienne Gagnon"
        await pilot.press("k", "k")
        assert screen.current_quote() == first
        # The highlighted quotation is coloured behind its words, not only around them
        quote_list = screen.quote_list
        line = quote_list.render_line(1)  # the first quotation's text, highlighted
        assert len(backgrounds(line)) == 1
        (lit,) = backgrounds(line)
        assert lit is not None and lit != backgrounds(quote_list.render_line(4)).pop()
        await pilot.press("K")
        assert [q.text for q in screen.shown] == ["Seconde citation de Tomás Ruiz."]
        assert "1 quotation · kept only" in screen_text(app)
        await pilot.press("K")
        assert len(screen.shown) == 8
        await pilot.press("q")
        assert isinstance(app.screen, MainScreen) and app.is_running

    run_app(make_app(demo=False), scenario, size=(100, 30))


def test_kept_filter_with_nothing_kept_says_how_to_keep(make_app, library: Library) -> None:
    fill_names(library)

    async def scenario(app, pilot) -> None:
        await pilot.press("Q", "K")
        assert app.screen.shown == []
        assert "press s on a quotation to keep it" in screen_text(app)

    run_app(make_app(demo=False), scenario)


@covers("people.down", "people.up", "people.back")
def test_people_in_french_order_move_with_j_k_and_q_goes_back(make_app,
                                                             library: Library) -> None:
    fill_names(library)

    async def scenario(app, pilot) -> None:
        await pilot.press("P")
        screen = app.screen
        assert isinstance(screen, PeopleScreen)
        assert [person.name for person in screen.people] == IN_ORDER
        table = screen.table
        await pilot.press("j", "j")
        assert table.cursor_row == 2 and screen.current_person().name == "François Roy"
        await pilot.press("k")
        assert screen.current_person().name == "Étienne Gagnon"
        await pilot.press("q")
        assert isinstance(app.screen, MainScreen) and app.is_running

    run_app(make_app(demo=False), scenario)


@covers("card.back")
def test_q_closes_an_author_card_as_it_leaves_people(make_app, library: Library) -> None:
    fill_names(library)

    async def scenario(app, pilot) -> None:
        await pilot.press("P", "j", "enter")  # Étienne Gagnon wrote the first article
        assert isinstance(app.screen, AuthorCardScreen)
        await pilot.press("q")
        assert isinstance(app.screen, PeopleScreen)
        await pilot.press("q")
        assert isinstance(app.screen, MainScreen) and app.is_running

    run_app(make_app(demo=False), scenario)


def test_the_sidebar_marks_the_view_shown_after_quotes(make_app, library: Library) -> None:
    fill_names(library)

    async def scenario(app, pilot) -> None:
        await pilot.press("shift+tab", "j")  # Saved
        sidebar = app.screen.query_one(Sidebar)
        await pilot.press("j", "j", "j", "enter")  # Starred, Archive, Quotes: open it
        assert isinstance(app.screen, QuotesScreen)
        await pilot.press("q")
        assert sidebar.highlighted_option.id == "view:archive"
        assert app.screen.query_one(ArticleList).view.kind == "archive"

    run_app(make_app(demo=False), scenario)


def test_leaving_the_sidebar_on_quotes_marks_the_view_shown(make_app,
                                                            library: Library) -> None:
    fill_names(library)

    async def scenario(app, pilot) -> None:
        await pilot.press("tab", "j", "j", "j", "j")  # Saved ... Archive, then onto Quotes
        sidebar = app.screen.query_one(Sidebar)
        assert sidebar.highlighted_option.id == "open:quotes"
        await pilot.press("tab")  # back to the list, which shows the Archive
        assert sidebar.highlighted_option.id == "view:archive"

    run_app(make_app(demo=False), scenario)


def test_an_empty_view_says_which_key_fills_it(make_app, library: Library) -> None:
    fill_names(library)

    async def scenario(app, pilot) -> None:
        await pilot.press("shift+tab", "j", "j")
        assert "press f on an article to star it" in screen_text(app)
        await pilot.press("j")
        assert "press a on an article to archive it" in screen_text(app)

    run_app(make_app(demo=False), scenario)


@covers("list.sidebar", "sidebar.list")
def test_tab_goes_to_the_sidebar_and_back_and_says_so(make_app, library: Library) -> None:
    fill_names(library)

    async def scenario(app, pilot) -> None:
        assert "tab to the sidebar" in screen_text(app).splitlines()[-1]
        await pilot.press("tab")
        assert app.screen.query_one(Sidebar).has_focus
        assert "tab to the list" in screen_text(app).splitlines()[-1]
        await pilot.press("tab")
        assert app.screen.query_one(ArticleList).has_focus

    run_app(make_app(demo=False), scenario, size=(120, 30))


@covers("help.down", "help.up", "help.page_down", "help.page_up")
def test_the_help_scrolls_with_j_and_space_and_names_no_file(make_app) -> None:
    async def scenario(app, pilot) -> None:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        body = app.screen.body
        help_text = "".join(static.render().plain for static in body.query("Static"))
        assert "to the sidebar" in help_text and "list.sidebar" in help_text
        await pilot.press("j")
        assert body.scroll_y == 1
        await pilot.press("k")
        assert body.scroll_y == 0
        await pilot.press("space")
        assert body.scroll_y > 5
        await pilot.press("b")
        assert body.scroll_y == 0
        assert "docs/" not in help_text and ".md" not in help_text
        assert "lecteur dirs" in help_text

    run_app(make_app(demo=False), scenario, size=(100, 24))


def test_a_rebinding_onto_a_taken_key_is_said_and_not_applied(make_app,
                                                               library: Library) -> None:
    (article_id,) = [library.articles.add(article(1))[0]]
    config = Config(keymap={"article.save": "f"})

    async def scenario(app, pilot) -> None:
        said = [message for message in toasts(app) if "already" in message]
        assert said == ["Rebindings ignored, their key is already taken: "
                        "article.save = f, already article.star's."]
        saved = library.views.row(article_id).saved
        await pilot.press("f")  # still star: the colliding rebinding was not applied
        row = library.views.row(article_id)
        assert row.starred and row.saved == saved
        await pilot.press("s")
        assert library.views.row(article_id).saved != saved

    run_app(make_app(demo=False, config=config), scenario)


def test_collisions_are_found_between_bindings_that_work_together() -> None:
    assert keys.keymap_collisions({"article.save": "f"}) == {"article.save": ("f", "article.star")}
    assert keys.keymap_collisions({"article.save": "f", "article.star": "asterisk"}) == {}
    assert keys.keymap_collisions({"quotes.keep": "K"}) == {"quotes.keep": ("K", "quotes.kept")}
    assert keys.keymap_collisions({"people.open": "s"}) == {}  # no star in the People view
    assert keys.keymap_collisions({"reader.back": "escape,q"}) == {}  # its own defaults
    assert keys.keymap_collisions({"app.search": "j"}) != {}  # j moves in every list
