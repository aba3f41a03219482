"""The note editor: a note on the article, or on the highlighted paragraph.

What is typed is autosaved as a draft every two seconds and whenever the editor closes,
so a crash, a busy library or an Escape loses at most two seconds of typing; the draft
comes back the next time the same note is opened, and is cleared only once the note has
been committed. Saving an empty note deletes it.
"""

from __future__ import annotations

import sqlite3

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static, TextArea

from lecteur.core.library.records import Note
from lecteur.core.library.store import LibraryError
from lecteur.core.library.views import ListRow
from lecteur.ui.dialogs.modal import Dialog
from lecteur.ui.i18n import t
from lecteur.ui.safe import plain

AUTOSAVE_SECONDS = 2.0


def draft_key(article_id: int, block: int | None) -> str:
    """Where the draft of a note lives in the drafts table."""
    return f"note:{article_id}:{'article' if block is None else block}"


class NoteScreen(Dialog[None]):
    """Write or edit one note; Ctrl+S saves, Escape closes and keeps the draft."""

    SCOPES = ("modal", "note")

    def __init__(self, row: ListRow, block: int | None = None) -> None:
        super().__init__(id="note")
        self.row, self.block = row, block
        self.key = draft_key(row.id, block)
        self.note: Note | None = None
        self.dirty = False
        self.draft_failed = False
        self.area: TextArea  # made in compose, kept for the last autosave on unmount

    def compose(self) -> ComposeResult:
        library = self.lecteur.library
        self.note = next((n for n in library.notes.of(self.row.id) if n.block_index == self.block),
                         None)
        draft = library.drafts.get(self.key)
        title = t("note.title_article") if self.block is None else t(
            "note.title_block", number=self.block + 1)
        with Vertical(classes="dialog-box"):
            yield Static(Text(title, style="bold"), classes="dialog-title")
            yield Static(plain(self.row.title, style="italic"))
            self.area = TextArea(
                draft if draft is not None else (self.note.text if self.note else ""),
                id="note-text", soft_wrap=True, show_line_numbers=False)
            yield self.area
            yield Static(Text(t("note.draft_restored") + "  " if draft is not None else ""
                              ) + Text(t("note.hint")), classes="dialog-hint", id="note-hint")

    def on_mount(self) -> None:
        area = self.area
        area.cursor_blink = self.lecteur.cursor_blink
        area.focus()
        area.move_cursor(area.document.end)
        self.set_interval(AUTOSAVE_SECONDS, self.autosave)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.dirty = True

    def autosave(self) -> bool:
        """Keep what is typed as a draft; False (and one sentence, once) if it failed."""
        if not self.dirty:
            return True
        library = self.lecteur.library
        try:
            if self._changed():
                library.drafts.put(self.key, self.area.text)
            else:  # back to what is saved: nothing to keep
                library.drafts.clear(self.key)
        except (LibraryError, sqlite3.Error) as error:
            if not self.draft_failed:
                self.lecteur.say(t("notify.draft_failed", reason=str(error)), severity="error")
            self.draft_failed = True
            return False
        self.dirty = self.draft_failed = False
        return True

    def action_save(self) -> None:
        text = self.area.text.strip()
        library = self.lecteur.library
        try:
            if self.note is not None and not text:
                library.notes.delete(self.note.id)
            elif self.note is not None:
                library.notes.update(self.note.id, text)
            elif text:
                library.notes.add(self.row.id, text, self.block)
            library.drafts.clear(self.key)
        except (LibraryError, sqlite3.Error) as error:
            self.dirty = True
            self.autosave()
            self.lecteur.say(t("notify.note_failed", reason=str(error)), severity="error")
            return
        self.dirty = False
        self.lecteur.say(t("notify.note_saved") if text else t("notify.note_deleted"))
        self.dismiss(None)

    def action_close(self) -> None:
        if self.autosave() and self.area.text.strip() and self._changed():
            self.lecteur.say(t("notify.draft_kept"))
        self.dismiss(None)

    def _changed(self) -> bool:
        text = self.area.text.strip()
        return text != (self.note.text.strip() if self.note else "")

    def on_unmount(self) -> None:
        self.autosave()
