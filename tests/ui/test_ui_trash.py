"""Delete, undo and unread in the reader; an article taken away by another lecteur.

`d` (or `x`) moves the article to the trash, the Trash view brings it back, `z` undoes the
last change of state and says which, `m` marks read or unread. An article deleted elsewhere
while it is open is said once, in the reader's language, and the reader goes back.
"""

from __future__ import annotations

import threading

import pytest
from test_ui_threading import hold_write_lock
from textual.pilot import Pilot
from textual.widgets import TextArea
from ui_helpers import article, covers, fill, run_app, screen_text, settle, toasts

from lecteur.core.library.articles import Articles
from lecteur.core.library.store import Library
from lecteur.core.library.views import View
from lecteur.ui.dialogs.note import NoteScreen
from lecteur.ui.dialogs.tags import TagsScreen
from lecteur.ui.i18n import set_language
from lecteur.ui.screens.main import MainScreen
from lecteur.ui.screens.reader import ReaderScreen
from lecteur.ui.widgets.article_list import ArticleList
from lecteur.ui.widgets.sidebar import Sidebar


async def _to_trash_view(app, pilot) -> None:
    await pilot.press("shift+tab", "j", "j", "j", "j", "j", "j", "enter")
    assert app.screen.query_one(ArticleList).view == View("trash")


@covers("article.trash", "article.undo")
def test_d_and_x_move_to_the_trash_and_z_brings_back(make_app, library: Library) -> None:
    first, second, third = fill(library, 3)
    threads: list[str] = []
    trash = Articles.trash

    def recording(self, article_id: int) -> None:
        threads.append(threading.current_thread().name)
        trash(self, article_id)

    async def scenario(app, pilot) -> None:
        articles = app.screen.query_one(ArticleList)
        await pilot.press("d")
        assert library.articles.in_trash(third)
        assert "Moved to the trash (z undoes): Article 3" in toasts(app)
        assert articles.total == 2 and articles.current.id == second
        await pilot.press("x")
        assert library.articles.in_trash(second) and articles.current.id == first
        assert threads == ["lecteur-writer", "lecteur-writer"]  # never on the UI thread
        await pilot.press("z")
        assert not library.articles.in_trash(second)
        assert "Restored from the trash: Article 2" in toasts(app)
        await pilot.press("z")
        assert "Restored from the trash: Article 3" in toasts(app)
        assert articles.total == 3
        await pilot.press("z")
        assert "Nothing to undo." in toasts(app)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Articles, "trash", recording)
        run_app(make_app(demo=False), scenario)


@covers("article.trash")
def test_d_in_the_reader_trashes_and_goes_back(make_app, library: Library) -> None:
    first, second = fill(library, 2)

    async def scenario(app, pilot) -> None:
        await pilot.press("enter")
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("d")
        assert isinstance(app.screen, MainScreen)
        assert library.articles.in_trash(second)
        assert "Moved to the trash (z undoes): Article 2" in toasts(app)
        assert app.screen.query_one(ArticleList).current.id == first
        await pilot.press("z")
        assert not library.articles.in_trash(second)

    run_app(make_app(demo=False), scenario)


@covers("article.trash", "article.save")
def test_the_trash_view_lists_restores_and_refuses_changes(make_app, library: Library) -> None:
    first, _second = fill(library, 2)
    library.articles.trash(first)

    async def scenario(app, pilot) -> None:
        assert "Trash 1" in screen_text(app).replace("×", "").replace("  ", " ")
        await _to_trash_view(app, pilot)
        articles = app.screen.query_one(ArticleList)
        assert articles.total == 1 and articles.current.id == first
        await pilot.press("s")
        assert "This article is in the trash: d brings it back." in toasts(app)
        assert library.views.row(first).saved  # unchanged
        await pilot.press("enter")  # read it, before bringing it back
        assert isinstance(app.screen, ReaderScreen) and app.screen.article_id == first
        assert "×◆" in app.screen.query_one("#reader-bar").render().plain  # in the trash
        await pilot.press("escape")
        await pilot.press("d")
        assert not library.articles.in_trash(first)
        assert "Restored from the trash: Article 1" in toasts(app)
        assert articles.total == 0 and "The trash is empty." in screen_text(app)
        await pilot.press("z")  # undoing the restore puts it back
        assert library.articles.in_trash(first) and "Back in the trash: Article 1" in toasts(app)
        assert articles.total == 1

    run_app(make_app(demo=False), scenario)


@covers("article.read", "article.undo")
@pytest.mark.parametrize("in_reader", [False, True])
def test_m_marks_read_and_unread(make_app, library: Library, in_reader: bool) -> None:
    (article_id,) = fill(library, 1)

    async def scenario(app, pilot) -> None:
        if in_reader:
            await pilot.press("enter")  # opening it marks it read
            await pilot.pause()
            assert library.views.row(article_id).read
        else:
            await pilot.press("m")
            assert library.views.row(article_id).read and "Marked read." in toasts(app)
        await pilot.press("m")
        assert not library.views.row(article_id).read and "Marked unread." in toasts(app)
        await pilot.press("z")
        assert library.views.row(article_id).read and "Read again: Article 1" in toasts(app)

    run_app(make_app(demo=False), scenario)


@covers("article.star", "article.archive", "article.tags", "article.undo")
def test_z_undoes_star_archive_and_tags_saying_which(make_app, library: Library) -> None:
    (article_id,) = fill(library, 1)

    async def scenario(app, pilot) -> None:
        await pilot.press("f", "a")
        assert library.views.row(article_id).archived
        await pilot.press("z")
        assert not library.views.row(article_id).archived
        assert "Back in the inbox: Article 1" in toasts(app)
        await pilot.press("z")
        assert not library.views.row(article_id).starred
        assert "No longer starred: Article 1" in toasts(app)
        await pilot.press("t", *"carrière", "enter", "escape")
        assert library.tags.of(article_id) == ["carrière"]
        await pilot.press("z")
        assert library.tags.of(article_id) == []
        assert "Tag #carrière removed: Article 1" in toasts(app)
        await pilot.press("s")  # unsaved
        await pilot.press("z")
        assert library.views.row(article_id).saved and "Saved again: Article 1" in toasts(app)

    run_app(make_app(demo=False), scenario)


# --- an article taken away by another lecteur while it is open ---------------------------

GONE = "This article was removed from the library."


def _take_away(library: Library, article_id: int, how: str) -> None:
    """What another lecteur does: `lecteur rm` (the trash), or `lecteur rm --purge`."""
    with Library(library.path) as other:
        if how == "purged":
            other.articles.remove(article_id)
        else:
            other.articles.trash(article_id)


@covers("article.save", "article.star", "article.archive", "reader.highlight",
        "article.trash", "article.read")
@pytest.mark.parametrize("how", ["trashed", "purged"])
def test_a_key_on_an_article_removed_elsewhere_says_so_once(make_app, library: Library,
                                                            how: str) -> None:
    async def scenario(app, pilot) -> None:
        for n, key in enumerate(["s", "f", "a", "h", "d", "m"], start=1):
            article_id, _ = library.articles.add(article(n))
            app.library_changed(None)
            await pilot.pause()
            await pilot.press("enter")
            assert isinstance(app.screen, ReaderScreen) and app.screen.article_id == article_id
            _take_away(library, article_id, how)
            app.clear_notifications()
            await pilot.press(key, key)
            assert toasts(app).count(GONE) == 1, (key, toasts(app))
            assert not any("saved" in toast.lower() or "FOREIGN" in toast
                           for toast in toasts(app)), (key, toasts(app))
            assert isinstance(app.screen, MainScreen), key
            assert app.screen.query_one(ArticleList).total == 0  # the list was read again

    run_app(make_app(demo=False), scenario)


@pytest.mark.parametrize("dialog", ["tags", "note"])
def test_a_tag_or_note_on_an_article_removed_elsewhere(make_app, library: Library,
                                                       dialog: str) -> None:
    (article_id,) = fill(library, 1)

    async def scenario(app, pilot) -> None:
        await pilot.press("enter", "t" if dialog == "tags" else "w")
        assert isinstance(app.screen, TagsScreen if dialog == "tags" else NoteScreen)
        _take_away(library, article_id, "purged")
        if dialog == "tags":
            await pilot.press(*"réseau", "enter")
        else:
            app.screen.query_one(TextArea).insert("Une idée")
            await pilot.press("ctrl+s")
        assert toasts(app).count(GONE) == 1, toasts(app)
        assert not any("FOREIGN" in toast or "saved" in toast for toast in toasts(app))
        assert isinstance(app.screen, MainScreen)

    run_app(make_app(demo=False), scenario)


def test_the_removed_sentence_in_french(make_app, library: Library) -> None:
    (article_id,) = fill(library, 1)
    set_language("fr")

    async def scenario(app, pilot) -> None:
        await pilot.press("enter")
        _take_away(library, article_id, "trashed")
        await pilot.press("s")
        assert "Cet article a été retiré de la bibliothèque." in toasts(app)
        await pilot.press("z")
        assert "Rien à annuler." in toasts(app)
        assert "Corbeille" in screen_text(app)

    run_app(make_app(demo=False), scenario)


def test_the_sidebar_counts_the_trash(make_app, library: Library) -> None:
    ids = fill(library, 3)
    library.articles.trash(ids[0])

    async def scenario(app, pilot) -> None:
        sidebar = app.screen.query_one(Sidebar)
        labels = [str(sidebar.get_option_at_index(i).prompt) for i in range(7)]
        assert "× Trash 1" in labels and "▤ Inbox 2" in labels, labels

    run_app(make_app(demo=False), scenario)


def test_in_the_list_too_and_undo_of_a_change_on_it(make_app, library: Library) -> None:
    first, second = fill(library, 2)

    async def scenario(app, pilot) -> None:
        articles = app.screen.query_one(ArticleList)
        await pilot.press("f")  # on the second (newest), kept in the undo log
        _take_away(library, second, "purged")
        await pilot.press("s")  # the list has not seen the change yet
        assert toasts(app).count(GONE) == 1
        assert articles.total == 1 and articles.current.id == first
        app.clear_notifications()
        await pilot.press("z")  # undoing the star of an article that is gone
        assert toasts(app) == [GONE]
        assert isinstance(app.screen, MainScreen) and library.views.row(first) is not None

    run_app(make_app(demo=False), scenario)


def test_d_pressed_again_before_the_first_landed_is_not_a_removal(make_app,
                                                                   library: Library) -> None:
    first, second = fill(library, 2)
    press = Pilot.press.__wrapped__  # the bare press: the write waits for the lock

    async def scenario(app, pilot) -> None:
        holder = hold_write_lock(library, 1.0)
        try:
            await press(pilot, "d", "d")
        finally:
            holder.wait(timeout=10)
        await settle(app, pilot)
        assert library.articles.in_trash(second) and not library.articles.in_trash(first)
        assert GONE not in toasts(app), toasts(app)
        assert toasts(app).count("Moved to the trash (z undoes): Article 2") == 1

    run_app(make_app(demo=False), scenario)
