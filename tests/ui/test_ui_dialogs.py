"""Help, search, the command palette, adding a URL, themes, quitting, config and language."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette
from textual.widgets import OptionList
from ui_helpers import covers, fill, run_app, screen_text, toasts, wait_until

from lecteur.core.config import Config, config_path, load_config
from lecteur.core.library.store import Library
from lecteur.ui import keys
from lecteur.ui.dialogs.add_url import AddUrlScreen
from lecteur.ui.i18n import set_language
from lecteur.ui.screens.help import HelpScreen
from lecteur.ui.screens.main import MainScreen
from lecteur.ui.screens.reader import ReaderScreen
from lecteur.ui.screens.search import SearchScreen
from lecteur.ui.widgets.article_list import ArticleList


@covers("app.help", "viewer.close", "modal.close")
def test_help_lists_every_binding(make_app, library: Library) -> None:
    async def scenario(app, pilot) -> None:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.query_one("#help-body").query("Static")[1].render().plain
        for decl in keys.DECLARATIONS:
            assert keys.display_key(decl.keys.split(",")[0]) in text, decl.id
            assert app.screen.app is app
        assert "highlight" in text and "The reading view" in text
        await pilot.press("q")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("question_mark", "escape")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("question_mark", "question_mark")
        assert isinstance(app.screen, MainScreen)

    run_app(make_app(demo=False), scenario, size=(100, 40))


@covers("app.search", "search.down", "search.up", "search.open",
        answered_by_widget=("search.open",))  # the query Input submits on enter
def test_search_as_you_type(make_app, library: Library) -> None:
    ids = fill(library, 3)

    async def scenario(app, pilot) -> None:
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"reseautage")
        await app.workers.wait_for_complete()
        await pilot.pause()
        results = app.screen.query_one(OptionList)
        assert results.option_count == 3
        assert "3 articles found" in screen_text(app)
        await pilot.press("down", "down", "up")
        assert results.highlighted == 1
        await pilot.press("enter")
        assert isinstance(app.screen, ReaderScreen)
        opened = app.screen.article_id
        await pilot.press("right_square_bracket")  # next follows the results
        assert app.screen.article_id != opened and app.screen.article_id in ids
        await pilot.press("escape", "slash", *"zzzz")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Nothing matches." in screen_text(app)
        await pilot.press("escape")
        assert not isinstance(app.screen, SearchScreen)

    run_app(make_app(demo=False), scenario)


@covers("app.palette")
def test_the_palette_offers_every_action(make_app, library: Library) -> None:
    fill(library, 2)

    async def scenario(app, pilot) -> None:
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for decl in keys.declarations("article") + keys.declarations("list"):
            assert keys.t(decl.description_key) in titles
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"star")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert library.views.row(app.screen.query_one(ArticleList).current.id).starred

    run_app(make_app(demo=False), scenario)


@covers("app.add_url")
def test_add_a_url(make_app, library: Library, site) -> None:
    async def scenario(app, pilot) -> None:
        await pilot.press("u")
        assert isinstance(app.screen, AddUrlScreen)
        await pilot.press(*site.url("/articles/fr-reseau.html"), "enter")
        # Not workers.wait_for_complete(): the dialog closes from its own worker's result,
        # and closing a screen cancels its workers, so the wait may see "cancelled".
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))
        assert library.articles.count() == 1
        assert library.views.rows(library_view(), 1)[0].saved
        assert any(message.startswith("Added: ") for message in toasts(app))
        assert app.screen.query_one(ArticleList).total == 1

    app = make_app(demo=False)
    try:
        run_app(app, scenario)
    finally:
        app._pool.close()


def library_view():
    from lecteur.core.library.views import View

    return View()


def test_a_url_that_fails_is_one_sentence(make_app, library: Library, site) -> None:
    async def scenario(app, pilot) -> None:
        await pilot.press("u", *site.url("/status/404"), "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, AddUrlScreen)  # still open, the address kept
        assert "404" in screen_text(app)
        assert any("404" in message for message in toasts(app))
        await pilot.press("ctrl+a")
        for scheme in ("javascript:alert(1)", "file:///etc/passwd"):
            app.screen.query_one("#add-input").value = scheme
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert any("Refused" in message for message in toasts(app))
        assert library.articles.count() == 0 and app.is_running

    run_app(make_app(demo=False), scenario)


@covers("app.theme")
def test_theme_switch_is_remembered(make_app) -> None:
    async def scenario(app, pilot) -> None:
        assert app.theme == "lecteur-dark"
        await pilot.press("T")
        await pilot.pause()
        assert app.theme == "lecteur-light"

    run_app(make_app(demo=False), scenario)
    assert load_config().theme == "lecteur-light"

    async def again(app, pilot) -> None:
        assert app.theme == "lecteur-light"

    run_app(make_app(demo=False, config=load_config()), again)


def test_theme_line_is_rewritten_without_touching_the_rest(make_app) -> None:
    path = config_path()
    path.parent.mkdir(parents=True)
    path.write_text('# mine\ntheme = "lecteur-dark"\n\n[keys]\n"article.star" = "asterisk"\n',
                    encoding="utf-8")

    async def scenario(app, pilot) -> None:
        await pilot.press("T")
        await pilot.pause()

    run_app(make_app(demo=False, config=load_config()), scenario)
    assert path.read_text(encoding="utf-8") == (
        '# mine\ntheme = "lecteur-light"\n\n[keys]\n"article.star" = "asterisk"\n')


@covers("app.quit")
def test_q_quits(make_app) -> None:
    async def scenario(app, pilot) -> None:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running

    run_app(make_app(demo=False), scenario)


def test_keys_can_be_rebound_in_the_config(make_app, library: Library) -> None:
    (article_id,) = fill(library, 1)
    config = Config(keymap={"article.star": "asterisk", "nonsense.key": "x"})

    async def scenario(app, pilot) -> None:
        await pilot.press("f")
        assert not library.views.row(article_id).starred
        await pilot.press("asterisk")
        assert library.views.row(article_id).starred
        assert any("nonsense.key" in message for message in toasts(app))

    run_app(make_app(demo=False, config=config), scenario)


def test_a_broken_config_is_a_sentence(make_app) -> None:
    path = config_path()
    path.parent.mkdir(parents=True)
    path.write_text("theme = [unclosed\n", encoding="utf-8")
    config = load_config()
    assert config.problem

    async def scenario(app, pilot) -> None:
        assert any("config file was ignored" in message for message in toasts(app))
        assert app.theme == "lecteur-dark"

    run_app(make_app(demo=False, config=config), scenario)



@pytest.mark.parametrize("language", ["en", "fr"])
def test_help_puts_every_id_in_one_column(make_app, library: Library, language: str) -> None:
    """Every id on a description's line starts in the same column, within the box, in
    both languages (French descriptions once ran past a fixed column and pushed the id
    out of line); a description too long for the column has its id on the next line."""
    set_language(language)

    async def scenario(app, pilot) -> None:
        await pilot.press("question_mark")
        text = app.screen.query_one("#help-table").render().plain
        columns, ids = set(), {decl.id for decl in keys.DECLARATIONS}
        for line in text.splitlines():
            word = line.rsplit(" ", 1)[-1]
            if word in ids and line.strip() != word:
                columns.add(len(line) - len(word))
            assert len(line) <= 92, line
        assert len(columns) == 1, columns
        assert sum(line.rsplit(" ", 1)[-1] in ids for line in text.splitlines()) == len(ids)

    run_app(make_app(demo=False), scenario, size=(100, 40))

def test_the_interface_speaks_french(make_app, library: Library) -> None:
    fill(library, 1)
    set_language("fr")

    async def scenario(app, pilot) -> None:
        text = screen_text(app)
        assert "À lire" in text and "Favoris" in text and "garder" in text
        await pilot.press("f")
        assert "Ajouté aux favoris." in toasts(app)
        await pilot.press("enter")
        assert "À propos de l’auteur" in screen_text(app)

    run_app(make_app(demo=False), scenario)


def test_reading_then_search_then_reading_keeps_one_reader(make_app, library: Library) -> None:
    fill(library, 3)

    async def scenario(app, pilot) -> None:
        await pilot.press("enter")
        first = app.screen.article_id
        await pilot.press("slash", *"reseautage")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("down", "enter")
        readers = [s for s in app.screen_stack if isinstance(s, ReaderScreen)]
        assert len(readers) == 1 and app.screen is readers[0]
        assert app.screen.article_id != first
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)

    run_app(make_app(demo=False), scenario)
