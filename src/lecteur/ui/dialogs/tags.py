"""Tag the current article: type a tag and Enter adds it, or removes it if it is there.

Completion offers the library's existing tags as you type (Right accepts), whatever the
case and accents typed.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.suggester import Suggester
from textual.widgets import Input, Static

from lecteur.core.library.store import Library
from lecteur.core.library.views import ListRow
from lecteur.core.text.sanitize import clean_line, fold
from lecteur.ui.dialogs.modal import Dialog
from lecteur.ui.i18n import t
from lecteur.ui.safe import plain
from lecteur.ui.undo import Change


class TagSuggester(Suggester):
    """Completes with existing tags, ignoring case and accents ("re" offers "réseau")."""

    def __init__(self, names: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.names = names

    async def get_suggestion(self, value: str) -> str | None:
        folded = fold(value)
        return next((name for name in self.names
                     if fold(name).startswith(folded) and len(name) > len(value)), None)


class TagsScreen(Dialog[None]):
    """Add or remove tags on one article."""

    def __init__(self, row: ListRow) -> None:
        super().__init__(id="tags")
        self.row = row

    def compose(self) -> ComposeResult:
        names = self.lecteur.library.tags.names()
        with Vertical(classes="dialog-box"):
            yield Static(Text(t("tags.title"), style="bold"), classes="dialog-title")
            yield Static(plain(self.row.title, style="italic"))
            yield Static(id="tags-current")
            yield Input(placeholder=t("tags.placeholder"), id="tags-input",
                        suggester=TagSuggester(names))
            yield Static(Text(t("tags.hint")), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = self.lecteur.cursor_blink
        self.query_one(Input).focus()
        self._show_current()

    def _show_current(self) -> None:
        current = self.lecteur.library.tags.of(self.row.id)
        text = Text(t("tags.current") + " ", style="dim")
        if current:
            text.append_text(plain("  ".join("#" + name for name in current), style="bold"))
        else:
            text.append(t("tags.none"), style="dim italic")
        self.query_one("#tags-current", Static).update(text)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = clean_line(event.value)
        if not name:
            self.dismiss(None)
            return
        event.input.value = ""
        article_id = self.row.id
        present = self.lecteur.guarded_call(lambda: self.lecteur.library.tags.of(article_id))
        if present is None:
            return
        if name.casefold() in {tag.casefold() for tag in present}:
            self.lecteur.write(lambda library: library.tags.remove(article_id, name),
                               lambda _gone: self._tagged(name, added=False))
        else:
            self.lecteur.write(lambda library: library.tags.add(article_id, name),
                               lambda stored: self._tagged(stored, added=True))

    def _tagged(self, name: str, *, added: bool) -> None:
        """A tag was added or removed: say so, remember it for `z`, show it if still open."""
        article_id = self.row.id

        def undo(library: Library) -> object:
            if added:
                return library.tags.remove(article_id, name)
            return library.tags.add(article_id, name)

        self.lecteur.say(t("notify.tag_added" if added else "notify.tag_removed", tag=name))
        self.lecteur.undo_log.record(Change(
            article_id, undo, "undo.tag_added" if added else "undo.tag_removed",
            {"title": clean_line(self.row.title), "tag": name}))
        self.lecteur.library_changed(self.row.id)
        if self.is_attached:
            self.query_one(Input).suggester = TagSuggester(self.lecteur.library.tags.names())
            self._show_current()
