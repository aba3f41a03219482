"""Markup battery: hostile titles and bodies through every widget that shows content.

Each of the 20 strings of `hostile_payloads.MARKUP` (agency tags such as ``[AFP]``, broken
closing tags, styles, links, ``[@click=…]`` actions, emoji codes, escaped brackets) is an
article's title, and part of its body, quotation, speaker, author, bio, site, tag, note and
link. In the list, the reader (with its author card, notes and tags), the links, tags and
note dialogs, the Quotes and People views, an author's card and search, the text shown
equals the text given (read from the screen and from the widgets' own content), and
clicking on injected ``[@click=…]`` text runs no action.
"""

from __future__ import annotations

import pytest
from textual.widgets import OptionList, TextArea
from ui_helpers import run_app, screen_text

from hostile_payloads import MARKUP
from lecteur.core.library.store import Library
from lecteur.core.models import Article, Author, Block
from lecteur.ui.screens.main import MainScreen
from lecteur.ui.screens.reader import ReaderScreen


def _fields(m: str) -> dict[str, str]:
    return {"body": f"{m} corps", "quote": f"{m} citation", "speaker": f"{m} Orateur",
            "author": f"{m} Auteur", "bio": f"{m} bio", "site": f"{m} site",
            "note": f"{m} note", "tag": m, "link": f"https://example.org/{MARKUP.index(m)}/{m}"}


def fill(library: Library) -> None:
    for n, m in enumerate(MARKUP):
        f = _fields(m)
        article_id, _ = library.articles.add(Article(
            source=f"m{n}.html", url=f"https://example.org/m{n}", title=m,
            blocks=(Block("paragraph", f["body"]), Block("quote", f["quote"], speaker=f["speaker"]),
                    Block("paragraph", "Du texte ordinaire, pour finir.")),
            author=Author(f["author"], bio=f["bio"]), sitename=f["site"],
            links=(f["link"],), date=f"2024-01-{n + 1:02d}"))
        library.tags.add(article_id, f["tag"])
        library.notes.add(article_id, f["note"])  # on the article: what `w` opens
        library.views.mark_read(article_id)  # opening it writes nothing: a faster walk


@pytest.fixture
def actions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The actions an injected ``[@click=…]`` names, recorded instead of run."""
    from textual.app import App
    from textual.screen import Screen

    called: list[str] = []

    async def quit_(self) -> None:
        called.append("quit")

    def bell(self) -> None:
        called.append("bell")

    async def dismiss(self, result=None) -> None:
        called.append("dismiss")

    monkeypatch.setattr(App, "action_quit", quit_)
    monkeypatch.setattr(App, "action_bell", bell)
    monkeypatch.setattr(Screen, "action_dismiss", dismiss)
    return called


async def _click_injected(app, pilot) -> None:
    """Click on every piece of injected ``@click`` text on the screen."""
    for y, line in enumerate(screen_text(app).splitlines()):
        start = line.find("[@click")
        while start != -1:
            await pilot.click(offset=(start + 3, y))
            start = line.find("[@click", start + 1)


def _same(shown: str, given: str) -> bool:
    """Whether `shown` is `given`, or `given` cut to fit its column with an ellipsis."""
    return shown == given or (shown.endswith("…") and given.startswith(shown[:-1]))


def _prompts(widget: OptionList) -> list[str]:
    return [widget.get_option_at_index(i).prompt.plain  # type: ignore[union-attr]
            for i in range(widget.option_count)]


def test_every_view_shows_markup_as_written(make_app, library: Library, actions) -> None:
    fill(library)

    async def scenario(app, pilot) -> None:
        listing = screen_text(app)
        for m in MARKUP:
            assert m in listing, m
        await _click_injected(app, pilot)
        await pilot.press("g", "enter")
        for _ in MARKUP:
            assert isinstance(app.screen, ReaderScreen)
            m = app.screen.article.title
            f = _fields(m)
            view = app.screen.view
            view.complete()  # the reading view's own content: every line it draws
            shown = "\n".join("".join(text for text, _role in line.parts)
                              for line in view.doc.lines)
            for name in ("body", "quote", "speaker", "author", "bio", "site", "note"):
                assert f[name] in shown, (name, f[name])
            assert f"#{m}" in shown
            assert app.screen.article.title == m
            if "@click" in m:
                await _click_injected(app, pilot)
            if any(mark in m for mark in ("[/", "@click", "link=", "\\")):  # the dialogs too
                await pilot.press("l")
                assert any(f["link"] in p for p in _prompts(app.screen.query_one(OptionList)))
                await pilot.press("escape", "w")
                assert app.screen.query_one(TextArea).text == f["note"]
                await pilot.press("escape")
                assert isinstance(app.screen, ReaderScreen)
            await pilot.press("right_square_bracket")
        await pilot.press("escape", "Q")
        prompts = "\n".join(_prompts(app.screen.quote_list))
        for m in MARKUP:
            assert _fields(m)["quote"] in prompts and _fields(m)["speaker"] in prompts, m
        await _click_injected(app, pilot)
        await pilot.press("escape", "P")
        table = app.screen.table
        names = [table.name_at(row) for row in range(table.row_count)]
        for m in MARKUP:
            for given in (_fields(m)["speaker"], _fields(m)["author"]):
                assert any(_same(name, given) for name in names), given
        await _click_injected(app, pilot)
        while not isinstance(app.screen, MainScreen):
            await pilot.press("escape")
        await pilot.press("slash", *"corps")
        await pilot.pause()
        results = "\n".join(_prompts(app.screen.query_one(OptionList)))
        for m in MARKUP:
            assert m in results, m
        await pilot.press("escape")
        assert app.is_running and actions == []

    run_app(make_app(demo=False), scenario, size=(160, 50))


def test_an_authors_card_shows_markup_as_written(make_app, library: Library, actions) -> None:
    fill(library)

    async def scenario(app, pilot) -> None:
        await pilot.press("P")
        table = app.screen.table
        wanted = _fields("[@click=app.quit]Lire la suite[/]")["author"]
        row = next(r for r in range(table.row_count)
                   if _same(table.name_at(r), wanted))
        table.move_cursor(row=row)
        await pilot.press("enter")
        shown = screen_text(app)
        assert wanted in shown and "[@click=app.quit]Lire la suite[/] bio" in shown
        assert "[@click=app.quit]Lire la suite[/]" in _prompts(app.screen.query_one(OptionList))[0]
        await _click_injected(app, pilot)
        assert app.is_running and actions == []

    run_app(make_app(demo=False), scenario, size=(160, 50))
