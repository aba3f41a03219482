"""Snapshots of the reader (pytest-textual-snapshot): fixed sizes, no cursor blink, a frozen
clock, an English interface. Update after an intended change with ``--snapshot-update``
and look at the SVGs before committing them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest

from lecteur.core.config import Config
from lecteur.core.library.store import Library
from lecteur.data import demo_articles

WIDE, NARROW = (120, 36), (80, 24)


@pytest.fixture
def library(house: Path, frozen_clock: datetime) -> Iterator[Library]:
    """The test's library (see the root conftest: home, English), the clock stopped."""
    with Library(house / "library.sqlite3") as lib:
        yield lib


@pytest.fixture
def app_for(library: Library) -> Callable[..., object]:
    """The app over the library; `demo_loaded` puts the demo in without the welcome."""
    from lecteur.ui.app import LecteurApp

    def factory(demo_loaded: bool = True, theme: str | None = None) -> LecteurApp:
        if demo_loaded:
            library.articles.seed_demo(demo_articles())
        return LecteurApp(library, config=Config(theme=theme), demo=not demo_loaded,
                          cursor_blink=False, watch_changes=False, freeze_gc=False)

    return factory


def test_first_run_with_the_demo(snap_compare, app_for) -> None:
    assert snap_compare(app_for(demo_loaded=False), terminal_size=WIDE)


def test_the_list(snap_compare, app_for) -> None:
    assert snap_compare(app_for(), press=["j", "j", "f", "s"], terminal_size=WIDE)


def test_reading_view_with_author_card_and_highlighted_quote(snap_compare, app_for) -> None:
    # The newest demo article; its fourth block is a quotation with its speaker.
    assert snap_compare(app_for(), press=["enter", "j", "j", "j", "h", "j"],
                        terminal_size=(120, 44))


def test_reading_view_with_a_selection_and_a_finer_highlight(snap_compare, app_for) -> None:
    # v selects a paragraph's first sentence, ) adds the next, Enter highlights the two;
    # then a selection from the third sentence, two words on, drawn reversed.
    assert snap_compare(app_for(), press=["enter", "j", "v", "right_parenthesis", "enter",
                                          "v", "right_curly_bracket", "right_curly_bracket",
                                          "right", "right"],
                        terminal_size=(120, 44))


def test_help(snap_compare, app_for) -> None:
    assert snap_compare(app_for(), press=["question_mark"], terminal_size=(120, 44))


def test_search(snap_compare, app_for) -> None:
    async def type_query(pilot) -> None:
        await pilot.press("slash", *"reseau")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app_for(), run_before=type_query, terminal_size=WIDE)


def test_search_in_a_view_by_prefix(snap_compare, app_for) -> None:
    """Tab limits the search to the list's view (Starred); the last word is a prefix."""
    async def type_query(pilot) -> None:
        await pilot.press("j", "f", "j", "j", "f", "tab", "down", "down")  # sidebar: Starred
        await pilot.press("slash", "tab", *"confé")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app_for(), run_before=type_query, terminal_size=WIDE)


def test_search_in_french_with_a_tag_scope(snap_compare, app_for) -> None:
    """The search screen in French: a tag prefix narrows it, the scope line says so."""
    from lecteur.ui.i18n import set_language

    set_language("fr")  # the house fixture puts English back after the test
    app = app_for()

    async def tag_then_search(pilot) -> None:
        await pilot.press("j", "j", "t", *"Réseau", "enter", "escape")
        await pilot.press("slash", *"#reseau carr")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app, run_before=tag_then_search, terminal_size=WIDE)


def test_every_tag(snap_compare, app_for) -> None:
    async def tag_and_list(pilot) -> None:
        await pilot.press("t", *"Réseau, #salaire", "enter", "escape", "j", "t", *"reseau",
                          "enter", "escape", "number_sign", "j", "delete")
        await pilot.pause()

    assert snap_compare(app_for(), run_before=tag_and_list, terminal_size=WIDE)


def test_note_editor(snap_compare, app_for) -> None:
    assert snap_compare(app_for(), press=["enter", "w", *"À relire avant l'entretien."],
                        terminal_size=WIDE)


def test_add_url_with_an_error(snap_compare, app_for) -> None:
    async def fail(pilot) -> None:
        await pilot.press("u", *"ftp://example.org/article", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app_for(), run_before=fail, terminal_size=WIDE)


def test_light_theme(snap_compare, app_for) -> None:
    assert snap_compare(app_for(theme="lecteur-light"), press=["enter", "j", "j", "j", "h"],
                        terminal_size=WIDE)


def test_list_at_80x24(snap_compare, app_for) -> None:
    assert snap_compare(app_for(), terminal_size=NARROW)


def test_reading_view_at_80x24(snap_compare, app_for) -> None:
    assert snap_compare(app_for(), press=["enter"], terminal_size=NARROW)


def test_quotes_view(snap_compare, app_for) -> None:
    assert snap_compare(app_for(), press=["Q", "down", "s"], terminal_size=WIDE)


def test_people_view(snap_compare, app_for) -> None:
    assert snap_compare(app_for(), press=["P"], terminal_size=WIDE)


def _trash_two_demo_articles(library: Library) -> None:
    """The two newest demo articles go to the trash (as `d` does, without the toast)."""
    for entry in library.articles.entries(limit=2):
        library.articles.trash(entry.id)


async def _show_the_trash(pilot) -> None:
    await pilot.press("shift+tab", *["j"] * 6, "enter")
    await pilot.pause()


def test_trash_view(snap_compare, app_for, library: Library) -> None:
    app = app_for()
    _trash_two_demo_articles(library)
    assert snap_compare(app, run_before=_show_the_trash, terminal_size=WIDE)


def test_trash_view_in_french(snap_compare, app_for, library: Library) -> None:
    from lecteur.ui.i18n import set_language

    set_language("fr")  # the house fixture sets English back afterwards
    app = app_for()
    _trash_two_demo_articles(library)
    assert snap_compare(app, run_before=_show_the_trash, terminal_size=NARROW)


def test_reading_view_at_80x24_with_the_card_folded(snap_compare, app_for) -> None:
    assert snap_compare(app_for(), press=["enter", "i"], terminal_size=NARROW)


def test_quotes_view_kept_only(snap_compare, app_for) -> None:
    assert snap_compare(app_for(), press=["Q", "j", "s", "K"], terminal_size=WIDE)


def test_empty_starred_view_says_how_to_star(snap_compare, app_for) -> None:
    assert snap_compare(app_for(), press=["tab", "j", "j"], terminal_size=WIDE)


def test_people_view_in_french(snap_compare, app_for) -> None:
    from lecteur.ui.i18n import set_language

    set_language("fr")
    assert snap_compare(app_for(), press=["P", "j"], terminal_size=WIDE)
