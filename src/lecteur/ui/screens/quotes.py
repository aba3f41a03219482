"""The Quotes view: every saved quotation, grouped by speaker (unknown speakers last).

Each quotation shows its text (set like the reading view's quotations), then a kept mark,
the article's title and date. ``/`` filters by speaker, words or title (accents and case
folded); ``K`` shows only the kept quotations (and all again); Enter reads the article
from that quotation; ``s`` keeps it; ``w`` writes a note on its paragraph with the usual
note editor (and its drafts). ``j``/``k`` move, ``q`` or Escape goes back, as everywhere.
Speakers come in name order (`lecteur.core.text.collate`), as in the People view.

The list holds a window of a few pages of quotations (one entry per quotation, a
heading per speaker; `lecteur.ui.widgets.entries` draws them line by line), read by
keyset along the speakers' name index (`lecteur.ui.screens.paged`): a library of a
million quotations opens as fast as one of ten, and every quotation is in reach by
moving, Home or End, or the filter.
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.app import ComposeResult
from textual.widgets import Input, Static

from lecteur.core.library.quotations import QuoteFilter
from lecteur.core.library.records import QuoteEntry
from lecteur.core.library.store import Library
from lecteur.core.text.sanitize import clean_line, clean_text
from lecteur.ui.i18n import plural, t
from lecteur.ui.safe import wrap
from lecteur.ui.screens.navigate import SequenceNavigator
from lecteur.ui.screens.paged import DEFAULT_WIDTH, PagedList, PagedScreen, VoicesScreen
from lecteur.ui.widgets.document import QUOTE_BAR
from lecteur.ui.widgets.entries import Entry, EntryList, Lines, LineWriter
from lecteur.ui.widgets.keybar import KeyBar

KEPT_MARK = "★"


class QuoteList(PagedList):
    """The quotations; its component classes carry the reading view's quotation colours."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "quote-list--bar", "quote-list--text", "quote-list--speaker", "quote-list--meta",
        "quote-list--kept"}

    def styles_of(self) -> dict[str, Style]:
        """The rich style of each part of a quotation, from the stylesheet."""
        # Partial: without the list's background, so the highlighted row's shows behind
        # the text and not only in the padding around it.
        return {name.removeprefix("quote-list--"): self.get_component_rich_style(name,
                                                                                 partial=True)
                for name in self.COMPONENT_CLASSES}


class QuotesScreen(PagedScreen[QuoteEntry]):
    """All quotations, or one speaker's (`speaker`, matched exactly)."""

    SCOPES = ("app", "quotes")

    def __init__(self, speaker: str | None = None) -> None:
        super().__init__(classes="quotes")
        self.speaker = speaker
        self.kept_only = False

    def compose(self) -> ComposeResult:
        yield Static(id="topbar")
        yield Input(placeholder=t("quotes.filter_placeholder"), id="quotes-filter",
                    select_on_focus=False)
        yield QuoteList(id="quotes-list")
        yield KeyBar()

    @property
    def quote_list(self) -> QuoteList:
        """The list of quotations."""
        return self.query_one(QuoteList)

    def moving(self) -> QuoteList:
        return self.quote_list

    def wanted(self) -> QuoteFilter:
        """The quotations the view shows now (speaker, words typed, kept only)."""
        return QuoteFilter(speaker=self.speaker, words=self.query_one(Input).value,
                           kept_only=self.kept_only)

    def narrowed(self) -> bool:
        return bool(self.wanted().words.strip()) or self.kept_only

    def fetch(self, library: Library, wanted: QuoteFilter, after: object, backward: bool,
              limit: int) -> list[tuple[object, QuoteEntry]]:
        found = library.quotations.page(wanted, after,  # type: ignore[arg-type]
                                        limit=limit, backward=backward)
        return list(found)

    def count(self, library: Library, wanted: QuoteFilter) -> int:
        return library.quotations.count(wanted)

    def item_id(self, item: QuoteEntry) -> str:
        return f"quote:{item.id}"

    def entries(self, items: list[QuoteEntry]) -> list[Entry]:
        """The window's quotations under their speakers' headings."""
        styles = self.quote_list.styles_of()
        entries: list[Entry] = []
        speaker: str | bool | None = False  # False: no heading yet
        for quote in items:
            quote_id = self.item_id(quote)
            if quote.speaker != speaker:
                speaker = quote.speaker
                below = bool(entries)  # a blank line between speakers
                entries.append(Entry(None, self._heading(quote.speaker, styles, below),
                                     f"heading:{quote_id}:{below}"))
            entries.append(Entry(quote_id, self.prompt_of(quote, styles), quote_id))
        return entries

    def empty_text(self) -> str:
        if not self.narrowed() and not self.speaker:
            return t("quotes.none")
        if self.kept_only and not self.wanted().words.strip():
            return t("quotes.none_kept")
        return t("quotes.no_match")

    @staticmethod
    def _heading(speaker: str | None, styles: dict[str, Style], below: bool) -> Lines:
        """A speaker's heading (`below` another speaker's quotations: a blank line first)."""
        name = t("quotes.unknown") if speaker is None else clean_line(speaker)
        line = (Segment(name, styles["speaker"]),)
        return ((), line) if below else (line,)

    def make_prompt(self, quote: QuoteEntry, styles: dict[str, Style]) -> Lines:
        lines = LineWriter()
        width = max(10, self.width - 4)
        for paragraph in clean_text(quote.text).split("\n"):
            for line in wrap(paragraph, width):
                lines.add(" " + QUOTE_BAR, styles["bar"])
                lines.add(line, styles["text"])
                lines.end_line()
        lines.add("   ")
        if quote.kept:
            lines.add(KEPT_MARK + " ", styles["kept"])
        lines.add(clean_line(quote.title), styles["meta"] + Style(italic=True))
        if quote.date:
            lines.add(" · " + clean_line(quote.date)[:10], styles["meta"])
        return lines.lines()

    def bar_text(self, total: int | None) -> tuple[str, str]:
        title = self.speaker if self.speaker is not None else t("view.quotes")
        count = ("…" if total is None
                 else plural(total, "quotes.count_one", "quotes.count_many"))
        if self.kept_only:
            count += " · " + t("quotes.kept_only")
        return title, count

    # --- what the keys do --------------------------------------------------------------

    def current_quote(self) -> QuoteEntry | None:
        """The highlighted quotation (None: there is none)."""
        return self.current_item()

    def _quote_or_say(self) -> QuoteEntry | None:
        quote = self.current_quote()
        if quote is None:
            self.lecteur.say(t("notify.no_quote"), severity="warning")
        return quote

    def reset_filter(self) -> None:
        self.kept_only = False

    def action_card(self) -> None:
        """``C``: the quotation under the cursor as a card to share (SVG and text)."""
        quote = self._quote_or_say()
        if quote is not None:
            self.lecteur.write_card("quote", quote.id)

    def action_kept_only(self) -> None:
        """Show only the kept quotations, or all of them again."""
        self.kept_only = not self.kept_only
        self.load()

    def on_entry_list_selected(self, event: EntryList.Selected) -> None:
        event.stop()
        self.action_open_quote()

    def action_open_quote(self) -> None:
        quote = self._quote_or_say()
        if quote is None:
            return
        articles = list(dict.fromkeys(shown.article_id for shown in self.shown))
        self.lecteur.open_reader(quote.article_id, SequenceNavigator(articles),
                                 block=quote.block_index)

    def action_keep(self) -> None:
        quote = self._quote_or_say()
        if quote is None:
            return
        changed = dataclasses.replace(quote, kept=not quote.kept)
        self.lecteur.write(lambda library: library.quotations.keep(quote.id, changed.kept),
                           lambda found: self._kept(changed, found))

    def _kept(self, changed: QuoteEntry, found: bool) -> None:
        """Show a quotation's new kept mark (the write landed), or say it is gone."""
        if not found:
            self.lecteur.say(t("notify.gone"), severity="warning")
            return
        self.replace_item(changed)
        self.lecteur.say(t("notify.quote_kept" if changed.kept else "notify.quote_unkept"))

    def action_note(self) -> None:
        from lecteur.ui.dialogs.note import NoteScreen

        quote = self._quote_or_say()
        if quote is None:
            return
        row = self.lecteur.guarded_call(lambda: self.lecteur.library.views.row(quote.article_id))
        if row is None:
            self.lecteur.say(t("notify.gone"), severity="warning")
            return
        self.app.push_screen(NoteScreen(row, quote.block_index))


__all__ = ["DEFAULT_WIDTH", "KEPT_MARK", "QuoteList", "QuotesScreen", "VoicesScreen"]
