"""The Highlights & notes view: every passage the reader highlighted and every note, newest
first, across the library.

Each entry shows the passage (set like a quotation) or the note, the highlight's note under
it, then the article's title, and a mark when a re-fetch no longer found the passage
("changed at source"). ``/`` filters by words of the passage or note, the title, the
author, the speaker of the quotation a passage is in, or a tag (accents and case folded);
Enter reads the article at the passage. At most `MAX_ENTRIES`, newest first.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from lecteur.core.library.records import AnnotationEntry
from lecteur.core.text.sanitize import clean_line, clean_text, fold
from lecteur.ui.i18n import plural, t
from lecteur.ui.safe import plain, wrap
from lecteur.ui.screens.navigate import SequenceNavigator
from lecteur.ui.screens.quotes import DEFAULT_WIDTH, QuoteList, VoicesScreen
from lecteur.ui.widgets.document import QUOTE_BAR
from lecteur.ui.widgets.keybar import KeyBar

MAX_ENTRIES = 5000
NOTE_MARK = "✎"


class HighlightsScreen(VoicesScreen):
    """All highlights and notes, newest first."""

    SCOPES = ("app", "highlights")

    def __init__(self) -> None:
        super().__init__(classes="highlights")
        self.entries: list[AnnotationEntry] = []
        self.shown: list[AnnotationEntry] = []
        self._keys: dict[str, str] = {}  # option id -> what the filter searches, folded
        self._width = 0

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

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = self.lecteur.cursor_blink
        self.load()
        self.entry_list.focus()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._fill())

    def load(self) -> None:
        """Read the highlights and notes from the library again."""
        found = self.lecteur.guarded_call(
            lambda: self.lecteur.library.notes.everywhere(MAX_ENTRIES))
        self.entries = found or []
        self._keys = {_option_id(e): fold(" ".join((e.text, e.note or "", e.title,
                                                    e.author or "", e.speaker or "", e.tags)))
                      for e in self.entries}
        self._filter(self.query_one(Input).value)

    def _filter(self, query: str) -> None:
        words = fold(query).split()
        self.shown = [e for e in self.entries
                      if all(word in self._keys[_option_id(e)] for word in words)]
        self._fill()

    def _fill(self) -> None:
        entry_list = self.entry_list
        self._width = entry_list.scrollable_content_region.width or DEFAULT_WIDTH
        styles = entry_list.styles_of()
        current = self.current_entry()
        entry_list.set_options([Option(self._prompt(e, styles), id=_option_id(e))
                                for e in self.shown])
        if not self.shown:
            empty = t("highlights.none") if not self.entries else t("highlights.no_match")
            entry_list.add_option(Option(Text(empty, style="italic"), disabled=True))
        wanted = _option_id(current) if current in self.shown else None
        if wanted is None and self.shown:
            wanted = _option_id(self.shown[0])
        if wanted is not None:
            entry_list.highlighted = entry_list.get_option_index(wanted)
        count = plural(len(self.shown), "highlights.count_one", "highlights.count_many")
        self.set_bar(t("view.highlights"), count)

    def _prompt(self, entry: AnnotationEntry, styles: dict[str, Style]) -> Text:
        prompt = Text(end="")
        width = max(10, self._width - 4)
        lead = (" " + QUOTE_BAR, styles["bar"]) if entry.kind == "highlight" else (
            " " + NOTE_MARK, styles["kept"])
        body = styles["text"] if entry.kind == "highlight" else Style()
        for paragraph in clean_text(entry.text).split("\n"):
            for line in wrap(paragraph, width) or [""]:
                prompt.append(lead[0], style=lead[1])
                prompt.append(" " + line + "\n", style=body)
        for paragraph in clean_text(entry.note or "").split("\n") if entry.note else []:
            for line in wrap(paragraph, width) or [""]:
                prompt.append("   " + line + "\n")
        prompt.append("   ")
        if entry.lost:
            prompt.append(t("highlights.changed") + " · ", style=styles["kept"])
        prompt.append_text(plain(entry.title, style=styles["meta"] + Style(italic=True)))
        if entry.speaker:
            prompt.append(" · ", style=styles["meta"])
            prompt.append_text(plain(entry.speaker, style=styles["meta"]))
        prompt.append(" · " + clean_line(entry.changed)[:10], style=styles["meta"])
        return prompt

    def on_resize(self) -> None:
        if self.is_mounted and self.entry_list.scrollable_content_region.width != self._width:
            self._fill()

    # --- what the keys do --------------------------------------------------------------

    def current_entry(self) -> AnnotationEntry | None:
        """The highlighted entry (None: there is none)."""
        option = self.entry_list.highlighted_option
        if option is None or not option.id:
            return None
        return next((e for e in self.shown if _option_id(e) == option.id), None)

    def action_filter(self) -> None:
        self.query_one(Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._filter(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.entry_list.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open_entry()

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


def _option_id(entry: AnnotationEntry) -> str:
    return f"{entry.kind}:{entry.id}"
