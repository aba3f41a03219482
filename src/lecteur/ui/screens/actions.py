"""What can be done to the current article, wherever it is shown (the list or the reader).

Both screens mix in `ArticleActions` and say which article is current and which block a
note would attach to; the keys (``article`` scope in `lecteur.ui.keys`) are the same.
Every write is a job for the app's writer thread (`ReaderContext.write`): the key is
answered at once, the change lands when the library lets it, and a busy or broken library
becomes one sentence in a notification while the reader goes on. Each change of state
made by a key (save, star, archive, trash, tag, read) is recorded, once it landed, in the
app's undo log with how to take it back: `z` does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen

from lecteur.core.errors import LecteurError
from lecteur.core.library.store import Library
from lecteur.core.library.views import Flag, ListRow
from lecteur.core.text.sanitize import clean_line
from lecteur.ui.context import ReaderContext, reader_context
from lecteur.ui.i18n import t
from lecteur.ui.messages import LibraryChanged
from lecteur.ui.undo import Change

_FLAG_MESSAGES: dict[Flag, tuple[str, str]] = {
    "saved": ("notify.saved", "notify.unsaved"),
    "starred": ("notify.starred", "notify.unstarred"),
    "archived": ("notify.archived", "notify.unarchived"),
}


# What undoing says, for a flag set (first) or unset (second).
_UNDONE: dict[Flag, tuple[str, str]] = {
    "saved": ("undo.saved", "undo.unsaved"),
    "starred": ("undo.starred", "undo.unstarred"),
    "archived": ("undo.archived", "undo.unarchived"),
}


class ArticleActions(Screen[None]):
    """Save, star, archive, tag, annotate, open, copy and export the current article."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Articles whose move to or from the trash is on its way: a second d before the
        # first landed would otherwise find the article already moved, and say it is gone.
        self._moving: set[int] = set()

    @property
    def lecteur(self) -> ReaderContext:
        """The app, as far as a screen may ask anything of it."""
        return reader_context(self.app)

    def current_row(self) -> ListRow | None:
        """The article the keys act on (None: there is none)."""
        raise NotImplementedError

    def note_block(self) -> int | None:
        """The block a new note attaches to (None: the whole article)."""
        return None

    def showing_trash(self) -> bool:
        """Whether the current article is shown as in the trash (the Trash view)."""
        return False

    def trash_done(self, article_id: int, trashed: bool) -> None:
        """An article went to the trash (`trashed`) or came back from it: show it."""
        self.lecteur.library_changed(article_id)

    def undone(self, change: Change) -> None:
        """A change was taken back (`z`): show it."""
        self.lecteur.library_changed(change.article_id)

    def refresh_from_library(self, article_id: int | None = None, recount: bool = True) -> None:
        """The library changed (here or in another lecteur): show it."""

    def on_library_changed(self, message: LibraryChanged) -> None:
        message.stop()
        self.refresh_from_library(message.article_id, message.recount)

    def _row_or_say(self) -> ListRow | None:
        row = self.current_row()
        if row is None:
            self.lecteur.say(t("notify.no_article"), severity="warning")
        return row

    def _live_row_or_say(self) -> ListRow | None:
        """The current article if it may be changed (not one shown in the trash)."""
        row = self._row_or_say()
        if row is not None and self.showing_trash():
            self.lecteur.say(t("notify.in_trash"), severity="warning")
            return None
        return row

    def _record(self, row: ListRow, undo: Callable[[Library], object], sentence: str,
                **values: str) -> None:
        """Remember a change that landed, and how `z` takes it back."""
        self.lecteur.undo_log.record(
            Change(row.id, undo, sentence, {"title": clean_line(row.title), **values}))

    def _toggle(self, flag: Flag) -> None:
        row = self._live_row_or_say()
        if row is None:
            return
        article_id = row.id

        def toggled(value: bool) -> None:
            on, off = _FLAG_MESSAGES[flag]
            self.lecteur.say(t(on if value else off))
            self._record(row, lambda library: library.views.set_flag(article_id, flag, not value),
                         _UNDONE[flag][0 if value else 1])
            self.lecteur.library_changed(article_id)

        self.lecteur.write(lambda library: library.views.toggle_flag(article_id, flag), toggled)

    def action_trash(self) -> None:
        """Move the current article to the trash (in the Trash view: bring it back)."""
        row = self._row_or_say()
        if row is None or row.id in self._moving:
            return
        article_id, title = row.id, clean_line(row.title)
        self._moving.add(article_id)
        if self.showing_trash():
            def restored(_restored: bool) -> None:
                self._moving.discard(article_id)
                self.lecteur.say(t("notify.restored", title=title))
                self._record(row, lambda library: library.articles.trash(article_id),
                             "undo.restored")
                self.trash_done(article_id, False)

            self.lecteur.write(lambda library: library.articles.restore(article_id), restored,
                               self._moving_failed(article_id))
            return

        def trashed(_none: None) -> None:
            self._moving.discard(article_id)
            self.lecteur.say(t("notify.trashed", title=title))
            self._record(row, lambda library: library.articles.restore(article_id),
                         "undo.trashed")
            self.trash_done(article_id, True)

        self.lecteur.write(lambda library: library.articles.trash(article_id), trashed,
                           self._moving_failed(article_id))

    def _moving_failed(self, article_id: int) -> Callable[[BaseException], None]:
        """What a failed move to or from the trash does: say why, and let d try again."""
        def failed(error: BaseException) -> None:
            self._moving.discard(article_id)
            reason = str(error)
            self.lecteur.say(reason if isinstance(error, LecteurError)
                             else t("notify.library_error", reason=reason), severity="error")

        return failed

    def action_toggle_read(self) -> None:
        """Mark the current article unread if it was read, else read."""
        row = self._live_row_or_say()
        if row is None:
            return
        article_id = row.id

        def toggled(read: bool) -> None:
            self.lecteur.say(t("notify.marked_read" if read else "notify.marked_unread"))
            self._record(row, lambda library: library.views.mark_read(article_id, not read),
                         "undo.read" if read else "undo.unread")
            self.lecteur.library_changed(article_id, recount=False)

        self.lecteur.write(lambda library: library.views.toggle_read(article_id), toggled)

    def action_undo(self) -> None:
        """Take back the last change of state the reader made, and say which."""
        change = self.lecteur.undo_log.pop()
        if change is None:
            self.lecteur.say(t("notify.nothing_to_undo"))
            return

        def taken_back(_result: object) -> None:
            self.lecteur.say(t(change.sentence, **change.values))
            self.undone(change)

        self.lecteur.write(change.undo, taken_back)

    def action_toggle_saved(self) -> None:
        self._toggle("saved")

    def action_toggle_starred(self) -> None:
        self._toggle("starred")

    def action_toggle_archived(self) -> None:
        self._toggle("archived")

    def action_tags(self) -> None:
        from lecteur.ui.dialogs.tags import TagsScreen

        row = self._live_row_or_say()
        if row is not None:
            self.app.push_screen(TagsScreen(row))

    def action_note(self) -> None:
        from lecteur.ui.dialogs.note import NoteScreen

        row = self._live_row_or_say()
        if row is not None:
            self.app.push_screen(NoteScreen(row, self.note_block()))

    def action_open_original(self) -> None:
        row = self._row_or_say()
        if row is not None:
            self.lecteur.open_link(row.url)

    def action_copy_url(self) -> None:
        row = self._row_or_say()
        if row is None:
            return
        if not row.url:
            self.lecteur.say(t("notify.no_url"), severity="warning")
            return
        self.app.copy_to_clipboard(row.url)
        self.lecteur.say(t("notify.copied"))

    def action_export(self) -> None:
        row = self._row_or_say()
        if row is not None:
            self.lecteur.export_article(row.id)
