"""The note editor: a note on the article, on a highlighted paragraph or quotation, or on
one highlighted passage (a finer highlight, by its id).

What is typed is autosaved as a draft within a second of a change and whenever the editor
closes, so a crash, a busy library or an Escape loses at most the last second or two of
typing (the writer thread commits the draft behind any write already queued); the draft
comes back the next time the same note is opened, and is cleared only once the note has
been committed. Saving an empty note deletes it. Drafts and notes are written by the app's
writer thread; the editor stays open, its text safe, until the note has landed.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static, TextArea

from lecteur.core.library.records import AnnotationEntry, Note
from lecteur.core.library.store import Library
from lecteur.core.library.views import ListRow
from lecteur.core.text.sanitize import clean_text
from lecteur.ui.dialogs.modal import Dialog
from lecteur.ui.i18n import t
from lecteur.ui.safe import ELLIPSIS, plain

AUTOSAVE_SECONDS = 1.0  # what a kill may lose: this, and the time the writer takes


def draft_key(article_id: int, block: int | None, highlight_id: int | None = None) -> str:
    """Where the draft of a note lives in the drafts table."""
    if highlight_id is not None:
        return f"note:{article_id}:highlight:{highlight_id}"
    return f"note:{article_id}:{'article' if block is None else block}"


def editor_for(library: Library, entry: AnnotationEntry) -> NoteScreen | str:
    """The editor of an entry of the Highlights & notes view (``w`` there), or the catalogue
    key of the sentence saying why there is none.

    A note is edited where it hangs (the article, a block); a passage highlight gets its
    own note, a whole-paragraph highlight the paragraph's note, as ``w`` does in the
    reading view. One made on an earlier text of the article is only read.
    """
    row = library.views.row(entry.article_id)
    if row is None or row.trashed:
        return "notify.gone"
    if entry.earlier:
        return "notify.earlier_note"
    if entry.kind != "highlight":
        return NoteScreen(row, entry.block_index)
    highlight = next((h for h in library.highlights.of(entry.article_id) if h.id == entry.id),
                     None)
    if highlight is None:
        return "notify.gone"
    if not highlight.prefix and not highlight.suffix:
        return NoteScreen(row, highlight.block_index)
    return NoteScreen(row, highlight.block_index, highlight=(highlight.id, highlight.text))


def _excerpt(passage: str, size: int = 240) -> str:
    """The passage a note is on, on a few lines at most."""
    flat = " ".join(passage.split())
    return flat if len(flat) <= size else flat[:size - 1].rstrip() + ELLIPSIS


class NoteScreen(Dialog[None]):
    """Write or edit one note; Ctrl+S saves, Escape closes and keeps the draft."""

    SCOPES = ("modal", "note")

    def __init__(self, row: ListRow, block: int | None = None,
                 highlight: tuple[int, str] | None = None) -> None:
        """`highlight`: the id and the passage of the highlight the note is on (its block
        is `block`)."""
        super().__init__(id="note")
        self.row, self.block = row, block
        self.highlight_id = highlight[0] if highlight else None
        self.passage = highlight[1] if highlight else ""
        self.key = draft_key(row.id, block, self.highlight_id)
        self.note: Note | None = None
        self.dirty = False
        self.draft_failed = False
        self.saving = False
        self.area: TextArea  # made in compose, kept for the last autosave on unmount

    def compose(self) -> ComposeResult:
        library = self.lecteur.library
        self.note = next((n for n in library.notes.of(self.row.id)
                          if n.highlight_id == self.highlight_id
                          and (self.highlight_id is not None or n.block_index == self.block)),
                         None)
        draft = library.drafts.get(self.key)
        title = t("note.title_article") if self.block is None else t(
            "note.title_block", number=self.block + 1)
        if self.highlight_id is not None:
            title = t("note.title_passage")
        with Vertical(classes="dialog-box"):
            yield Static(Text(title, style="bold"), classes="dialog-title")
            yield Static(plain(self.row.title, style="italic"))
            if self.passage:
                yield Static(plain(_excerpt(self.passage), style="italic"), id="note-passage")
            # A TextArea draws its text as it is: a note pasted from a page or held in a
            # tampered library is cleaned before it is shown (and so before it is saved).
            self.area = TextArea(
                clean_text(draft if draft is not None else (self.note.text if self.note else "")),
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

    def autosave(self) -> None:
        """Keep what is typed as a draft, off the UI thread (one sentence, once, if it fails)."""
        if not self.dirty:
            return
        key, text, changed = self.key, self.area.text, self._changed()
        self.dirty = False

        def keep(library: Library) -> None:
            if changed:
                library.drafts.put(key, text)
            else:  # back to what is saved: nothing to keep
                library.drafts.clear(key)

        self.lecteur.write(keep, lambda _none: self._draft_kept(), self._draft_failed)

    def _draft_kept(self) -> None:
        self.draft_failed = False

    def _draft_failed(self, error: BaseException) -> None:
        self.dirty = True  # try again at the next autosave
        if not self.draft_failed:
            self.lecteur.say(t("notify.draft_failed", reason=str(error)), severity="error")
        self.draft_failed = True

    def action_save(self) -> None:
        """Save the note; the editor stays open (its text safe) until the library has it."""
        if self.saving:
            return
        self.saving = True
        self.dirty = True
        self.autosave()  # the text as typed is a draft until the note itself lands
        text, note, article_id, block, key = (self.area.text.strip(), self.note, self.row.id,
                                              self.block, self.key)
        highlight_id = self.highlight_id

        def save(library: Library) -> None:
            if note is not None and not text:
                library.notes.delete(note.id, article_id=article_id)
            elif note is not None:
                library.notes.update(note.id, text, article_id=article_id)
            elif text:
                library.notes.add(article_id, text, block, highlight_id=highlight_id)
            library.drafts.clear(key)

        self.query_one("#note-hint", Static).update(Text(t("note.saving"), style="italic"))
        self.lecteur.write(save, lambda _none: self._saved(bool(text)), self._save_failed)

    def _saved(self, had_text: bool) -> None:
        self.saving = False
        self.lecteur.say(t("notify.note_saved") if had_text else t("notify.note_deleted"))
        self.lecteur.library_changed(self.row.id, recount=False)
        if self.is_attached:
            self.dismiss(None)

    def _save_failed(self, error: BaseException) -> None:
        self.saving = False
        self.lecteur.say(t("notify.note_failed", reason=str(error)), severity="error")
        if self.is_attached:
            self.query_one("#note-hint", Static).update(Text(t("note.hint")))

    def action_close(self) -> None:
        if self.saving:  # the save is on its way: it closes the editor when it lands
            return
        changed = self.area.text.strip() and self._changed()
        self.autosave()
        if changed:
            self.lecteur.say(t("notify.draft_kept"))
        self.dismiss(None)

    def _changed(self) -> bool:
        text = self.area.text.strip()
        return text != (self.note.text.strip() if self.note else "")

    def on_unmount(self) -> None:
        self.autosave()
