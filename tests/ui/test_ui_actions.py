"""Keys that act on the current article, in the list and in the reader, and their failures."""

from __future__ import annotations

import sqlite3
import webbrowser

import pytest
from textual.widgets import Input, TextArea
from ui_helpers import article, covers, fill, run_app, screen_text, settle, toasts

from lecteur.core.library.annotations import Notes
from lecteur.core.library.store import Library, LibraryError
from lecteur.ui.dialogs.note import NoteScreen, draft_key
from lecteur.ui.dialogs.tags import TagsScreen
from lecteur.ui.screens.main import MainScreen
from lecteur.ui.screens.reader import ReaderScreen
from lecteur.ui.widgets.article_list import ArticleList


@covers("article.save", "article.star", "article.archive")
@pytest.mark.parametrize("in_reader", [False, True])
def test_save_star_archive(make_app, library: Library, in_reader: bool) -> None:
    (article_id,) = fill(library, 1)

    async def scenario(app, pilot) -> None:
        if in_reader:
            await pilot.press("enter")
        await pilot.press("s")
        assert not library.views.row(article_id).saved and "No longer saved." in toasts(app)
        await pilot.press("s", "f")
        row = library.views.row(article_id)
        assert row.saved and row.starred and "Starred." in toasts(app)
        await pilot.press("a")
        assert library.views.row(article_id).archived and "Archived." in toasts(app)
        if not in_reader:
            assert app.screen.query_one(ArticleList).total == 0  # it left the inbox
        else:
            await pilot.press("a")
            assert not library.views.row(article_id).archived

    run_app(make_app(demo=False), scenario)


@covers("article.tags")
def test_tags_add_remove_and_complete(make_app, library: Library) -> None:
    first, second = fill(library, 2)
    library.tags.add(first, "réseautage")

    async def scenario(app, pilot) -> None:
        await pilot.press("t")
        assert isinstance(app.screen, TagsScreen)
        await pilot.press("r", "e")
        field = app.screen.query_one(Input)
        await pilot.pause()
        assert field._suggestion == "réseautage"
        await pilot.press("right", "enter")
        assert library.tags.of(second) == ["réseautage"]
        await pilot.press(*"Carrière", "enter")
        assert library.tags.of(second) == ["Carrière", "réseautage"]
        assert "#Carrière" in screen_text(app)
        await pilot.press(*"carrière", "enter")
        assert library.tags.of(second) == ["réseautage"]
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        assert "#réseautage" in screen_text(app)

    run_app(make_app(demo=False), scenario)


@covers("article.note", "note.save")
def test_notes_on_the_article_and_on_a_highlighted_paragraph(make_app,
                                                            library: Library) -> None:
    (article_id,) = fill(library, 1)

    async def scenario(app, pilot) -> None:
        await pilot.press("w")
        assert isinstance(app.screen, NoteScreen)
        await pilot.press(*"À relire [b]vite[/b]")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, MainScreen)
        assert [n.text for n in library.notes.of(article_id)] == ["À relire [b]vite[/b]"]
        assert "Note saved." in toasts(app)
        await pilot.press("enter")
        assert "✎ À relire [b]vite[/b]" in screen_text(app)
        await pilot.press("j", "j", "h", "w")
        assert app.screen.block == 2
        await pilot.press(*"Belle citation.", "ctrl+s")
        notes = library.notes.of(article_id)
        assert [(n.block_index, n.text) for n in notes][1] == (2, "Belle citation.")
        await pilot.press("w", "ctrl+a", "delete")  # empty it
        app.screen.query_one(TextArea).clear()
        await pilot.press("ctrl+s")
        assert len(library.notes.of(article_id)) == 1
        assert "Note deleted." in toasts(app)

    run_app(make_app(demo=False), scenario)


def test_an_unsaved_note_comes_back(make_app, library: Library) -> None:
    (article_id,) = fill(library, 1)

    async def scenario(app, pilot) -> None:
        await pilot.press("w", *"Une idée en cours", "escape")
        assert isinstance(app.screen, MainScreen)
        assert library.drafts.get(draft_key(article_id, None)) == "Une idée en cours"
        assert library.notes.of(article_id) == []
        await pilot.press("w")
        assert app.screen.query_one(TextArea).text == "Une idée en cours"
        assert "draft is back" in screen_text(app)
        await pilot.press("ctrl+s")
        assert library.drafts.get(draft_key(article_id, None)) is None

    run_app(make_app(demo=False), scenario)


def test_the_draft_is_autosaved_while_typing(make_app, library: Library) -> None:
    (article_id,) = fill(library, 1)

    async def scenario(app, pilot) -> None:
        await pilot.press("w", *"tapé avant la panne")
        app.screen.autosave()
        await settle(app, pilot)
        assert library.drafts.get(draft_key(article_id, None)) == "tapé avant la panne"

    run_app(make_app(demo=False), scenario)


def test_a_failed_note_save_keeps_the_text(make_app, library: Library, monkeypatch) -> None:
    (article_id,) = fill(library, 1)

    def refuse(*_args, **_kwargs):
        raise LibraryError("The library is busy: another lecteur is writing to it. Try again.")

    monkeypatch.setattr(Notes, "add", refuse)

    async def scenario(app, pilot) -> None:
        await pilot.press("w", *"Ne pas perdre ceci", "ctrl+s")
        assert isinstance(app.screen, NoteScreen)  # still open
        assert any("not saved" in message for message in toasts(app))
        assert library.drafts.get(draft_key(article_id, None)) == "Ne pas perdre ceci"
        assert app.is_running

    run_app(make_app(demo=False), scenario)


def test_a_library_busy_for_too_long_is_a_sentence_not_a_crash(make_app,
                                                                library: Library) -> None:
    (article_id,) = fill(library, 1)

    async def scenario(app, pilot) -> None:
        blocker = sqlite3.connect(library.path, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")
        try:
            await pilot.press("f", "enter")
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        assert any("another lecteur is writing" in message.lower() for message in toasts(app))
        assert any("busy" in message for message in toasts(app))
        assert not library.views.row(article_id).starred
        assert isinstance(app.screen, ReaderScreen) and app.is_running

    run_app(make_app(demo=False, write_wait_seconds=0.3), scenario)


@covers("article.open_original")
def test_open_the_original_only_for_http(make_app, library: Library, monkeypatch) -> None:
    library.articles.add(article(1, url="https://exämple.org/a"))
    hostile, _ = library.articles.add(article(2, url="javascript:alert(1)"))
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, new=0: opened.append(url) or True)

    async def scenario(app, pilot) -> None:
        assert app.screen.query_one(ArticleList).current.id == hostile
        await pilot.press("o")
        await app.workers.wait_for_complete()
        assert opened == []
        assert any("Not opened" in message for message in toasts(app))
        await pilot.press("j", "o")
        await app.workers.wait_for_complete()
        assert opened == ["https://exämple.org/a"]
        assert "Opening xn--exmple-cua.org in the browser." in toasts(app)

    run_app(make_app(demo=False), scenario)


@covers("article.copy_url")
def test_copy_the_url(make_app, library: Library) -> None:
    fill(library, 1)

    async def scenario(app, pilot) -> None:
        await pilot.press("y")
        assert app.clipboard == "https://example.org/articles/1"
        assert "URL copied." in toasts(app)

    run_app(make_app(demo=False), scenario)


@covers("article.export")
def test_export_writes_the_article_and_says_where(make_app, library: Library) -> None:
    (article_id,) = fill(library, 1)
    library.notes.add(article_id, "Une note à garder.")
    folder = library.path.parent / "export"

    async def scenario(app, pilot) -> None:
        await pilot.press("e")
        await settle(app, pilot)
        (written,) = folder.glob("*.md")
        assert written.name.endswith(f" ({article_id}).md")
        assert "Une note à garder." in written.read_text(encoding="utf-8")
        assert f"Exported to {written}" in toasts(app)
        written.write_text("# mine\n", encoding="utf-8")  # edited by hand: left alone
        await pilot.press("e")
        await settle(app, pilot)
        assert written.read_text(encoding="utf-8") == "# mine\n"
        assert any("edited by hand" in message for message in toasts(app))

    run_app(make_app(demo=False), scenario)


def test_export_goes_to_the_folder_the_config_names(make_app, library: Library,
                                                     tmp_path) -> None:
    from lecteur.core.config import Config

    fill(library, 1)
    vault = tmp_path / "vault"

    async def scenario(app, pilot) -> None:
        await pilot.press("e")
        await settle(app, pilot)
        assert len(list(vault.glob("*.md"))) == 1

    run_app(make_app(demo=False, config=Config(export_dir=str(vault))), scenario)
