"""Text from pages is text: no markup parsed, no action run, no escape sequence drawn."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console
from ui_helpers import article, run_app, screen_text, toasts

from lecteur.core.library.store import Library
from lecteur.core.models import Article, Author, Block
from lecteur.core.text.sanitize import clean_line
from lecteur.ui.safe import plain
from lecteur.ui.screens.reader import ReaderScreen
from lecteur.ui.widgets.article_list import ArticleList

HOSTILE_TITLE = "[AFP] Le président [@click=app.quit]Lire la suite[/] [/INST] [b]gras"
ESCAPES = "\x1b]52;c;Y3VybCBldmlsLnNofHNo\x07\x1b[2J\x1b]8;;https://phish.example\x1b\\lien"
HEADLINES = ["[AFP] Le président répond", "[VIDÉO] Un réseau qui tient", "[TODO] Q3", "[/",
             "x [/] y", "[#ff0]hello", "[link=file:///etc/passwd]Source[/]", "[IMPORTANT]"]


def _hostile() -> Article:
    return Article(
        source="hostile.html", title=HOSTILE_TITLE + ESCAPES, url="https://example.org/h",
        blocks=(Block("paragraph", "[AFP] Corps [@click=app.quit]cliquez[/] " + ESCAPES),
                Block("quote", "[b]Citation[/b]", speaker="[@click=app.quit]Marie[/]")),
        author=Author("[red]Jeanne[/red]", bio="[@click=app.bell]bio[/]"), sitename="[i]Site",
    )


def test_hostile_titles_show_as_written_and_clicks_do_nothing(make_app, library: Library) -> None:
    library.articles.add(_hostile())

    async def scenario(app, pilot) -> None:
        text = screen_text(app)
        assert "[AFP] Le président [@click=app.quit]" in text
        assert "\x1b" not in text
        await pilot.click(ArticleList, offset=(30, 0))
        await pilot.pause()
        assert app.is_running
        await pilot.press("enter")
        text = screen_text(app)
        for expected in ("[AFP] Corps [@click=app.quit]cliquez[/]", "┃ [b]Citation[/b]",
                         "— [@click=app.quit]Marie[/]", "[red]Jeanne[/red]",
                         "[@click=app.bell]bio[/]", "␛"):
            assert expected in text, expected
        assert "\x1b" not in text and "\x07" not in text
        for y in range(3, 20):
            await pilot.click(offset=(40, y))
        assert app.is_running and isinstance(app.screen, ReaderScreen)

    run_app(make_app(demo=False), scenario, size=(120, 40))


@pytest.mark.parametrize("headline", HEADLINES)
def test_bracketed_headlines_survive_in_list_and_notifications(make_app, library: Library,
                                                               headline: str) -> None:
    library.articles.add(article(1, title=headline))

    async def scenario(app, pilot) -> None:
        assert headline in screen_text(app)
        app.say(headline)
        app.notify(headline, markup=True)  # even when a caller asks for markup
        await pilot.pause()
        assert toasts(app).count(headline) == 2
        assert app.is_running

    run_app(make_app(demo=False), scenario)


def test_a_hostile_page_added_by_url(make_app, library: Library, site) -> None:
    page = ("<html><head><title>[AFP] x</title></head><body><article><h1>[AFP] Le président "
            "[@click=app.quit]x[/]\x1b]52;c;ZXZpbA==\x07</h1>"
            + "".join(f"<p>[VIDÉO] Le réseautage se cultive avec patience ({n}), générosité et "
                      f"méthode, jour après jour, conversation après conversation, semaine {n}. "
                      "[/INST]</p>" for n in range(8))
            + "</article></body></html>")
    url = site.add("/hostile-ui.html", page.encode(), "text/html; charset=utf-8")

    async def scenario(app, pilot) -> None:
        await pilot.press("u", *url, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert library.articles.count() == 1, toasts(app)
        await pilot.press("enter")
        text = screen_text(app)
        assert "[VIDÉO] Le réseautage" in text and "\x1b" not in text
        assert app.is_running

    app = make_app(demo=False)
    try:
        run_app(app, scenario, size=(120, 40))
    finally:
        app._pool.close()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="[]/@$=\\#aA0 é\x1b\x07", max_size=40))
def test_plain_text_is_shown_exactly(text: str) -> None:
    rendered = plain(text)
    assert rendered.plain == clean_line(text)
    console = Console(width=200, record=True, color_system=None, legacy_windows=False)
    console.print(rendered)
    assert "\x1b" not in console.export_text(styles=False)


# -- fields that draw their text as it is: Input values, suggestions, the note editor ---


TAMPERED = "réseau\x1b]0;pwned-title\x07\x1b_Gf=100,a=T;aGVsbG8=\x1b\\fin"


def _tampered(library: Library) -> None:
    """An article whose tag and note hold escapes raw, as a tampered library would."""
    article_id, _ = library.articles.add(article(1, title="Un article"))
    library.tags.add(article_id, "réseau")
    library.notes.add(article_id, "une note")
    conn = library.db.conn
    conn.execute("UPDATE tags SET name = ?", (TAMPERED,))
    conn.execute("UPDATE notes SET text = ?", (TAMPERED,))
    conn.commit()


def test_a_tampered_tag_is_never_offered_raw_as_a_suggestion(make_app, library: Library) -> None:
    _tampered(library)

    async def scenario(app, pilot) -> None:
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("r", "é")
        await pilot.pause(0.3)
        await pilot.pause()
        from textual.widgets import Input
        field = app.screen.query_one(Input)
        assert field._suggestion.startswith("réseau␛")  # offered, cleaned
        text = screen_text(app)
        assert "réseau␛" in text and "\x1b" not in text and "\x07" not in text

    run_app(make_app(demo=False), scenario)


def test_renaming_a_tampered_tag_shows_it_cleaned(make_app, library: Library) -> None:
    _tampered(library)

    async def scenario(app, pilot) -> None:
        await pilot.press("number_sign")
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        text = screen_text(app)
        assert "réseau␛" in text and "\x1b" not in text and "\x07" not in text

    run_app(make_app(demo=False), scenario)


def test_a_tampered_note_opens_cleaned_in_the_editor(make_app, library: Library) -> None:
    _tampered(library)

    async def scenario(app, pilot) -> None:
        await pilot.press("w")
        await pilot.pause()
        text = screen_text(app)
        assert "réseau␛" in text and "\x1b" not in text and "\x07" not in text

    run_app(make_app(demo=False), scenario)
