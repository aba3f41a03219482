"""The Highlights & notes view: every passage the reader highlighted and every note, newest
first, across the library.

Each entry shows the passage (set like a quotation) or the note, the highlight's note under
it, then the article's title, and a mark when a re-fetch no longer found the passage
("changed at source"). ``/`` filters by words of the passage or note, the title, the
author, the speaker of the quotation a passage is in, or a tag (accents and case folded);
Enter reads the article at the passage. The list holds a window of a few pages, read by
keyset along the highlights' and notes' date indexes (`lecteur.ui.screens.paged`).
"""

from __future__ import annotations

from rich.style import Style
from textual.app import ComposeResult
from textual.widgets import Input, Static

from lecteur.core.library.records import AnnotationEntry
from lecteur.core.library.store import Library
from lecteur.core.text.sanitize import clean_line, clean_text, fold
from lecteur.ui.i18n import plural, t
from lecteur.ui.safe import wrap
from lecteur.ui.screens.navigate import SequenceNavigator
from lecteur.ui.screens.paged import PagedScreen
from lecteur.ui.screens.quotes import QuoteList
from lecteur.ui.widgets.document import QUOTE_BAR
from lecteur.ui.widgets.entries import Entry, EntryList, Lines, LineWriter
from lecteur.ui.widgets.keybar import KeyBar

NOTE_MARK = "✎"


class HighlightsScreen(PagedScreen[AnnotationEntry]):
    """All highlights and notes, newest first."""

    SCOPES = ("app", "highlights")

    def __init__(self) -> None:
        super().__init__(classes="highlights")

    def compose(self) -> ComposeResult:
        yield Static(id="topbar")
        yield Input(placeholder=t("highlights.filter_placeholder"), id="highlights-filter",
                    select_on_focus=False)
        yield QuoteList(id="highlights-list")
        yield KeyBar()

    @property
    def entry_list(self) -> QuoteList:
        """The list of highlights and notes."""
        return self.query_one(QuoteList)

    def moving(self) -> QuoteList:
        """The list `j` and `k` move in."""
        return self.entry_list

    def wanted(self) -> list[str]:
        return fold(self.query_one(Input).value).split()

    def narrowed(self) -> bool:
        return bool(self.wanted())

    def fetch(self, library: Library, wanted: list[str], after: object, backward: bool,
              limit: int) -> list[tuple[object, AnnotationEntry]]:
        """A page of entries; with words, pages are read until `limit` of them match."""
        found: list[tuple[object, AnnotationEntry]] = []
        while len(found) < limit:
            page = library.notes.page(after, limit=limit, backward=backward)  # type: ignore[arg-type]
            matching: list[tuple[object, AnnotationEntry]] = [
                (key, e) for key, e in page if _matches(e, wanted)]
            found = matching + found if backward else found + matching
            if len(page) < limit:
                break
            after = page[0][0] if backward else page[-1][0]
        return found[-limit:] if backward else found[:limit]

    def count(self, library: Library, wanted: list[str]) -> int:
        if not wanted:  # the whole view: counted in SQL (no entry read, no Python a row)
            return library.notes.count()
        total, after = 0, None
        while True:
            page = library.notes.page(after, limit=500)
            total += sum(1 for _key, e in page if _matches(e, wanted))
            if len(page) < 500:
                return total
            after = page[-1][0]

    def item_id(self, item: AnnotationEntry) -> str:
        return _option_id(item)

    def entries(self, items: list[AnnotationEntry]) -> list[Entry]:
        styles = self.entry_list.styles_of()
        return [Entry(_option_id(e), self.prompt_of(e, styles), _option_id(e)) for e in items]

    def empty_text(self) -> str:
        return t("highlights.no_match") if self.narrowed() else t("highlights.none")

    def bar_text(self, total: int | None) -> tuple[str, str]:
        count = ("…" if total is None
                 else plural(total, "highlights.count_one", "highlights.count_many"))
        return t("view.highlights"), count

    def make_prompt(self, entry: AnnotationEntry, styles: dict[str, Style]) -> Lines:
        lines = LineWriter()
        width = max(10, self.width - 4)
        lead = (" " + QUOTE_BAR, styles["bar"]) if entry.kind == "highlight" else (
            " " + NOTE_MARK, styles["kept"])
        body = styles["text"] if entry.kind == "highlight" else None
        for paragraph in clean_text(entry.text).split("\n"):
            for line in wrap(paragraph, width) or [""]:
                lines.add(*lead)
                lines.add(" " + line, body)
                lines.end_line()
        for paragraph in clean_text(entry.note or "").split("\n") if entry.note else []:
            for line in wrap(paragraph, width) or [""]:
                lines.add("   " + line)
                lines.end_line()
        lines.add("   ")
        if entry.lost:
            lines.add(t("highlights.changed") + " · ", styles["kept"])
        lines.add(clean_line(entry.title), styles["meta"] + Style(italic=True))
        if entry.speaker:
            lines.add(" · ", styles["meta"])
            lines.add(clean_line(entry.speaker), styles["meta"])
        lines.add(" · " + clean_line(entry.changed)[:10], styles["meta"])
        return lines.lines()

    # --- what the keys do --------------------------------------------------------------

    def current_entry(self) -> AnnotationEntry | None:
        """The highlighted entry (None: there is none)."""
        return self.current_item()

    def on_entry_list_selected(self, event: EntryList.Selected) -> None:
        event.stop()
        self.action_open_entry()

    def action_card(self) -> None:
        """``C``: the highlighted passage under the cursor as a card to share."""
        entry = self.current_entry()
        if entry is None:
            self.lecteur.say(t("notify.no_highlight"), severity="warning")
        elif entry.kind != "highlight":
            self.lecteur.say(t("notify.card_of_a_passage"), severity="warning")
        else:
            self.lecteur.write_card("highlight", entry.id)

    def action_note(self) -> None:
        """``w``: write the note of the passage (or edit the note) under the cursor."""
        from lecteur.ui.dialogs.note import editor_for

        entry = self.current_entry()
        editor = None if entry is None else self.lecteur.guarded_call(
            lambda: editor_for(self.lecteur.library, entry))
        if isinstance(editor, str):
            self.lecteur.say(t(editor), severity="warning")
        elif editor is not None:
            self.app.push_screen(editor, lambda _none: self.load())
        elif entry is None:
            self.lecteur.say(t("notify.no_highlight"), severity="warning")

    def action_open_entry(self) -> None:
        entry = self.current_entry()
        if entry is None:
            self.lecteur.say(t("notify.no_highlight"), severity="warning")
            return
        articles = list(dict.fromkeys(e.article_id for e in self.shown))
        # One made on an earlier text has its block there: the article opens at the top,
        # where the reader says that earlier texts are kept.
        self.lecteur.open_reader(entry.article_id, SequenceNavigator(articles),
                                 block=None if entry.earlier else entry.block_index)


def _matches(entry: AnnotationEntry, words: list[str]) -> bool:
    """Whether every (folded) word is in the entry's passage, note, title, author, speaker
    or tags."""
    if not words:
        return True
    where = fold(" ".join((entry.text, entry.note or "", entry.title, entry.author or "",
                           entry.speaker or "", entry.tags)))
    return all(word in where for word in words)


def _option_id(entry: AnnotationEntry) -> str:
    return f"{entry.kind}:{entry.id}"
