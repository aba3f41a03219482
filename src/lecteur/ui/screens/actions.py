"""What can be done to the current article, wherever it is shown (the list or the reader).

Both screens mix in `ArticleActions` and say which article is current and which block a
note would attach to; the keys (``article`` scope in `lecteur.ui.keys`) are the same.
Every write goes through `LecteurApp.guarded`, so a busy or broken library becomes one
sentence in a notification and the reader goes on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen

from lecteur.core.library.views import Flag, ListRow
from lecteur.ui.i18n import t

if TYPE_CHECKING:
    from lecteur.ui.app import LecteurApp

_FLAG_MESSAGES: dict[Flag, tuple[str, str]] = {
    "saved": ("notify.saved", "notify.unsaved"),
    "starred": ("notify.starred", "notify.unstarred"),
    "archived": ("notify.archived", "notify.unarchived"),
}


class ArticleActions(Screen[None]):
    """Save, star, archive, tag, annotate, open, copy and export the current article."""

    @property
    def lecteur(self) -> LecteurApp:
        """The app, with its library."""
        return cast("LecteurApp", self.app)

    def current_row(self) -> ListRow | None:
        """The article the keys act on (None: there is none)."""
        raise NotImplementedError

    def note_block(self) -> int | None:
        """The block a new note attaches to (None: the whole article)."""
        return None

    def refresh_from_library(self, article_id: int | None = None, recount: bool = True) -> None:
        """The library changed (here or in another lecteur): show it."""

    def _row_or_say(self) -> ListRow | None:
        row = self.current_row()
        if row is None:
            self.lecteur.say(t("notify.no_article"), severity="warning")
        return row

    def _toggle(self, flag: Flag) -> None:
        row = self._row_or_say()
        if row is None:
            return
        with self.lecteur.guarded():
            value = self.lecteur.library.views.toggle_flag(row.id, flag)
            on, off = _FLAG_MESSAGES[flag]
            self.lecteur.say(t(on if value else off))
            self.lecteur.library_touched(row.id)

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
            self.app.push_screen(TagsScreen(row),
                                 lambda _result: self.lecteur.library_touched(row.id))

    def action_note(self) -> None:
        from lecteur.ui.dialogs.note import NoteScreen

        row = self._row_or_say()
        if row is not None:
            self.app.push_screen(NoteScreen(row, self.note_block()),
                                 lambda _result: self.lecteur.library_touched(row.id, False))

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
        if self._row_or_say() is not None:
            self.lecteur.say(t("notify.export_coming"))
