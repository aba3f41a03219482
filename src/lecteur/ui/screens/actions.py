"""What can be done to the current article, wherever it is shown (the list or the reader).

Both screens mix in `ArticleActions` and say which article is current and which block a
note would attach to; the keys (``article`` scope in `lecteur.ui.keys`) are the same.
Every write is a job for the app's writer thread (`ReaderContext.write`): the key is
answered at once, the change lands when the library lets it, and a busy or broken library
becomes one sentence in a notification while the reader goes on.
"""

from __future__ import annotations

from textual.screen import Screen

from lecteur.core.library.views import Flag, ListRow
from lecteur.ui.context import ReaderContext, reader_context
from lecteur.ui.i18n import t
from lecteur.ui.messages import LibraryChanged

_FLAG_MESSAGES: dict[Flag, tuple[str, str]] = {
    "saved": ("notify.saved", "notify.unsaved"),
    "starred": ("notify.starred", "notify.unstarred"),
    "archived": ("notify.archived", "notify.unarchived"),
}


class ArticleActions(Screen[None]):
    """Save, star, archive, tag, annotate, open, copy and export the current article."""

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

    def _toggle(self, flag: Flag) -> None:
        row = self._row_or_say()
        if row is None:
            return
        article_id = row.id

        def toggled(value: bool) -> None:
            on, off = _FLAG_MESSAGES[flag]
            self.lecteur.say(t(on if value else off))
            self.lecteur.library_changed(article_id)

        self.lecteur.write(lambda library: library.views.toggle_flag(article_id, flag), toggled)

    def action_toggle_saved(self) -> None:
        self._toggle("saved")

    def action_toggle_starred(self) -> None:
        self._toggle("starred")

    def action_toggle_archived(self) -> None:
        self._toggle("archived")

    def action_tags(self) -> None:
        from lecteur.ui.dialogs.tags import TagsScreen

        row = self._row_or_say()
        if row is not None:
            self.app.push_screen(TagsScreen(row))

    def action_note(self) -> None:
        from lecteur.ui.dialogs.note import NoteScreen

        row = self._row_or_say()
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
