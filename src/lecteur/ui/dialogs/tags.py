"""Tag the current article: type tags and Enter adds each, or removes it if it is there.

``salary, pay`` is two tags; a leading ``#`` is optional; a tag is the same whatever its
case and accents (``reseau`` is the tag first typed ``Réseau``, and is shown so).
Completion offers the library's existing tags as you type the last one (Right accepts),
whatever the case and accents typed.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.suggester import Suggester
from textual.widgets import Input, Static

from lecteur.core.library.store import Library
from lecteur.core.library.tags import split_tags, tag_key
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
        # An Input draws its suggestion as it is, escapes included: a tag name from a
        # tampered or imported library is cleaned before it can be offered.
        self.names = [clean_line(name) for name in names]

    async def get_suggestion(self, value: str) -> str | None:
        """The value with its last tag completed (``salary, #pa`` -> ``salary, #pay``)."""
        cut = value.rfind(",") + 1
        while cut < len(value) and value[cut] in " #":
            cut += 1
        head, typed = value[:cut], value[cut:]
        if not typed:
            return None
        folded = fold(typed)
        return next((head + name for name in self.names
                     if fold(name).startswith(folded) and len(name) > len(typed)), None)


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
        names = split_tags(event.value)
        if not names:
            self.dismiss(None)
            return
        event.input.value = ""
        article_id = self.row.id
        present = self.lecteur.guarded_call(lambda: self.lecteur.library.tags.of(article_id))
        if present is None:
            return
        carried = {tag_key(name) for name in present}
        to_add = [name for name in names if tag_key(name) not in carried]
        to_remove = [name for name in names if tag_key(name) in carried]

        def job(library: Library) -> tuple[list[str], list[str]]:
            added = [library.tags.add(article_id, name) for name in to_add]
            shown = {tag_key(name): name for name in library.tags.of(article_id)}
            removed = [shown[tag_key(name)] for name in to_remove
                       if library.tags.remove(article_id, name)]
            return added, removed

        self.lecteur.write(job, lambda done: self._tagged(*done))

    def _tagged(self, added: list[str], removed: list[str]) -> None:
        """Tags were added or removed: say so, remember it for `z` (one Enter, one undo),
        and show them if the dialog is still open."""
        if not (added or removed):
            return
        article_id = self.row.id

        def undo(library: Library) -> object:
            for name in added:
                library.tags.remove(article_id, name)
            for name in removed:
                library.tags.add(article_id, name)
            return None

        self.lecteur.say(_sentence(added, removed))
        self.lecteur.undo_log.record(Change(article_id, undo, *_undo_sentence(
            added, removed, clean_line(self.row.title))))
        self.lecteur.library_changed(self.row.id)
        if self.is_attached:
            self.query_one(Input).suggester = TagSuggester(self.lecteur.library.tags.names())
            self._show_current()


def _undo_sentence(added: list[str], removed: list[str],
                   title: str) -> tuple[str, dict[str, str]]:
    """What `z` says once this Enter is taken back (one tag: which, and how)."""
    if len(added) + len(removed) == 1:
        if added:
            return "undo.tag_added", {"title": title, "tag": added[0]}
        return "undo.tag_removed", {"title": title, "tag": removed[0]}
    return "undo.tags_changed", {"title": title,
                                 "tags": ", ".join("#" + name for name in added + removed)}


def _sentence(added: list[str], removed: list[str]) -> str:
    """What Enter did, in one or two sentences: ``Tagged #a, #b. Tag #c removed.``"""
    parts = []
    for names, one, many in ((added, "notify.tag_added", "notify.tags_added"),
                             (removed, "notify.tag_removed", "notify.tags_removed")):
        if len(names) == 1:
            parts.append(t(one, tag=names[0]))
        elif names:
            parts.append(t(many, tags=", ".join("#" + name for name in names)))
    return " ".join(parts)
