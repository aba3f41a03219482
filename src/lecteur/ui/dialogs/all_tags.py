"""Every tag of the library, with its count: show one's articles, rename it, delete it.

Opened with ``#`` from anywhere. Enter shows the chosen tag's articles in the list; ``e``
(or F2) renames it on every article (renaming onto an existing tag merges the two);
Delete, pressed twice, takes it off every article. Each change is a write on the app's
writer thread, and its toast says how many articles it touched. Escape cancels a rename
being typed, or closes.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from lecteur.core.library.store import Library
from lecteur.core.library.tags import Tag
from lecteur.core.text.sanitize import clean_line
from lecteur.ui.dialogs.modal import Dialog
from lecteur.ui.i18n import plural, t
from lecteur.ui.messages import LibraryChanged
from lecteur.ui.safe import plain


class AllTagsScreen(Dialog[int | None]):
    """The library's tags; dismissed with a tag's id to show its articles, else None."""

    SCOPES = ("modal", "tags")

    def __init__(self) -> None:
        super().__init__(id="all-tags")
        self.tags: list[Tag] = []
        self._armed: int | None = None  # the tag a first Delete asked about
        self._renaming: Tag | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Text(t("alltags.title"), style="bold"), classes="dialog-title")
            yield OptionList(id="all-tags-list")
            yield Input(id="all-tags-rename")
            yield Static(id="all-tags-status", classes="dialog-hint")
            yield Static(Text(t("alltags.hint")), classes="dialog-hint")

    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.cursor_blink = self.lecteur.cursor_blink
        field.display = False
        self._load()
        self.query_one(OptionList).focus()

    def _load(self, keep: int | None = None) -> None:
        """Read the tags again, keeping the cursor on tag `keep` (or where it was)."""
        listing = self.query_one(OptionList)
        where = listing.highlighted or 0
        tags = self.lecteur.guarded_call(self.lecteur.library.tags.all)
        self.tags = tags or []
        width = max((cell_len(tag.name) for tag in self.tags), default=0)
        listing.set_options(self._option(tag, width) for tag in self.tags)
        ids = [tag.id for tag in self.tags]
        if self.tags:
            listing.highlighted = ids.index(keep) if keep in ids else min(where, len(ids) - 1)
        self._say(t("alltags.none") if not self.tags else "")

    @staticmethod
    def _option(tag: Tag, width: int) -> Option:
        """``#name`` and its count, the counts in a column."""
        text = plain("#" + tag.name)
        text.append(" " * (width - cell_len(tag.name)))
        text.append("  " + plural(tag.count, "list.count_one", "list.count_many"), style="dim")
        return Option(text, id=str(tag.id))

    def _say(self, sentence: str) -> None:
        self.query_one("#all-tags-status", Static).update(Text(sentence))

    @property
    def current(self) -> Tag | None:
        """The tag under the cursor."""
        index = self.query_one(OptionList).highlighted
        return self.tags[index] if index is not None and index < len(self.tags) else None

    def on_library_changed(self, message: LibraryChanged) -> None:
        message.stop()
        if self._renaming is None:
            self._load(self.current.id if self.current else None)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if self._armed is not None:
            self._armed = None
            self._say("")

    # --- keys ----------------------------------------------------------------------------

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_show_tag()

    def action_show_tag(self) -> None:
        if self.current is not None:
            self.dismiss(self.current.id)

    def action_rename_tag(self) -> None:
        tag = self.current
        if tag is None:
            return
        self._renaming = tag
        field = self.query_one(Input)
        name = clean_line(tag.name)  # an Input draws its value and placeholder as they are
        field.placeholder = t("alltags.rename_placeholder", tag=name)
        field.value = name
        field.display = True
        field.focus()
        field.action_end()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        tag, new = self._renaming, event.value
        self._stop_renaming()
        if tag is None or not new.strip():
            return
        old = tag.name

        def renamed(done: tuple[str, int]) -> None:
            name, count = done
            self.lecteur.say(t("notify.tag_renamed", old=old, new=name,
                               articles=plural(count, "list.count_one", "list.count_many")))
            self.lecteur.library_changed(None)
            if self.is_attached:
                found = self.lecteur.guarded_call(lambda: self.lecteur.library.tags.find(name))
                self._load(found.id if found else None)

        self.lecteur.write(lambda library: library.tags.rename(old, new), renamed)

    def _stop_renaming(self) -> None:
        self._renaming = None
        field = self.query_one(Input)
        field.display = False
        self.query_one(OptionList).focus()

    def action_delete_tag(self) -> None:
        tag = self.current
        if tag is None:
            return
        if self._armed != tag.id:
            self._armed = tag.id
            self._say(t("alltags.confirm_delete", tag=tag.name,
                        articles=plural(tag.count, "list.count_one", "list.count_many")))
            return
        self._armed = None
        self._say("")
        name = tag.name

        def deleted(count: int) -> None:
            self.lecteur.say(t("notify.tag_deleted", tag=name,
                               articles=plural(count, "list.count_one", "list.count_many")))
            self.lecteur.library_changed(None)
            if self.is_attached:
                self._load()

        self.lecteur.write(lambda library: _delete(library, name), deleted)

    def action_close(self) -> None:
        if self._renaming is not None:  # Escape first cancels the rename being typed
            self._stop_renaming()
            return
        self.dismiss(None)


def _delete(library: Library, name: str) -> int:
    return library.tags.delete(name)
