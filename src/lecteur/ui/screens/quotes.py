"""The Quotes view: every saved quotation, grouped by speaker (unknown speakers last).

Each quotation shows its text (set like the reading view's quotations), then a kept mark,
the article's title and date. ``/`` filters by speaker, words or title (accents and case
folded); ``K`` shows only the kept quotations (and all again); Enter reads the article
from that quotation; ``s`` keeps it; ``w`` writes a note on its paragraph with the usual
note editor (and its drafts). ``j``/``k`` move, ``q`` or Escape goes back, as everywhere.
Speakers come in name order (`lecteur.core.text.collate`), as in the People view.

The quotations are loaded into one `OptionList` (one option per quotation, a disabled one
per speaker heading), which draws only what is visible: a few thousand are fine. Beyond
`MAX_QUOTES` the view shows the first `MAX_QUOTES` and says so in its bar; filtering by
speaker (People, Enter) asks the library for that speaker only, so nobody is out of reach.
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Input, OptionList, Static
from textual.widgets.option_list import Option

from lecteur.core.library.records import QuoteEntry
from lecteur.core.text.sanitize import clean_line, clean_text, fold
from lecteur.ui import keys
from lecteur.ui.context import ReaderContext, reader_context
from lecteur.ui.i18n import plural, t
from lecteur.ui.safe import plain, wrap
from lecteur.ui.screens.navigate import SequenceNavigator
from lecteur.ui.styles import stylesheets
from lecteur.ui.widgets.document import QUOTE_BAR
from lecteur.ui.widgets.keybar import KeyBar

MAX_QUOTES = 5000
KEPT_MARK = "★"
DEFAULT_WIDTH = 76


class VoicesScreen(Screen[None]):
    """A full screen of the Quotes or People view (the app's keys plus its own)."""

    SCOPES: tuple[keys.Scope, ...] = ("app",)

    def __init__(self, *, classes: str) -> None:
        super().__init__(classes=classes)
        self.css_path = stylesheets(("voices.tcss",))
        keys.install(self, *[scope for scope in self.SCOPES if scope != "app"])

    @property
    def lecteur(self) -> ReaderContext:
        """The app, as far as a screen may ask anything of it."""
        return reader_context(self.app)

    def action_back(self) -> None:
        if self.is_current:
            self.dismiss()

    def moving(self) -> OptionList | DataTable[Text]:
        """The widget that `j` and `k` move in."""
        raise NotImplementedError

    def action_cursor_down(self) -> None:
        self.moving().action_cursor_down()

    def action_cursor_up(self) -> None:
        self.moving().action_cursor_up()

    def set_bar(self, title: str, count: str) -> None:
        """The top bar: `` lecteur · <view> · <count>`` (`title` may be a speaker's name)."""
        bar = Text(" lecteur ", style="bold")
        bar.append("· ")
        bar.append_text(plain(title))
        bar.append(" · ")
        bar.append(count, style="dim")
        self.query_one("#topbar", Static).update(bar, layout=False)


class QuoteList(OptionList):
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


class QuotesScreen(VoicesScreen):
    """All quotations, or one speaker's (`speaker`, matched exactly)."""

    SCOPES = ("app", "quotes")

    def __init__(self, speaker: str | None = None) -> None:
        super().__init__(classes="quotes")
        self.speaker = speaker
        self.quotes: list[QuoteEntry] = []
        self.shown: list[QuoteEntry] = []
        self._keys: dict[int, str] = {}  # quote id -> what the filter searches, folded
        self._width = 0
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

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = self.lecteur.cursor_blink
        self.load()
        self.quote_list.focus()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._fill())

    def load(self) -> None:
        """Read the quotations from the library again."""
        found = self.lecteur.guarded_call(
            lambda: self.lecteur.library.quotations.find(speaker=self.speaker, limit=MAX_QUOTES))
        quotes = found or []
        if self.speaker is not None:
            quotes = [quote for quote in quotes if quote.speaker == self.speaker]
        self.quotes = quotes
        self._keys = {quote.id: fold(" ".join((quote.speaker or "", quote.text, quote.title)))
                      for quote in quotes}
        self._filter(self.query_one(Input).value)

    def _filter(self, query: str) -> None:
        words = fold(query).split()
        self.shown = [quote for quote in self.quotes
                      if all(word in self._keys[quote.id] for word in words)
                      and (quote.kept or not self.kept_only)]
        self._fill()

    def _fill(self) -> None:
        """Put the shown quotations in the list, under their speakers' headings."""
        quote_list = self.quote_list
        self._width = quote_list.scrollable_content_region.width or DEFAULT_WIDTH
        styles = quote_list.styles_of()
        current = self.current_quote()
        options: list[Option | None] = []
        speaker: str | bool | None = False  # False: no heading yet
        for quote in self.shown:
            if quote.speaker != speaker:
                speaker = quote.speaker
                heading = self._heading(quote.speaker, styles)
                if options:  # a blank line between speakers
                    heading = Text("\n", end="") + heading
                options.append(Option(heading, disabled=True))
            options.append(Option(self._prompt(quote, styles), id=f"quote:{quote.id}"))
        quote_list.set_options(options)
        if not options:
            empty = (t("quotes.none") if not self.quotes
                     else t("quotes.none_kept") if self.kept_only and not any(
                         quote.kept for quote in self.quotes)
                     else t("quotes.no_match"))
            quote_list.add_option(Option(Text(empty, style="italic"), disabled=True))
        self._highlight(current.id if current else None)
        self._update_bar()

    def _highlight(self, quote_id: int | None) -> None:
        shown = {quote.id for quote in self.shown}
        if quote_id not in shown:
            quote_id = self.shown[0].id if self.shown else None
        if quote_id is not None:
            self.quote_list.highlighted = self.quote_list.get_option_index(f"quote:{quote_id}")

    @staticmethod
    def _heading(speaker: str | None, styles: dict[str, Style]) -> Text:
        if speaker is None:
            return Text(t("quotes.unknown"), style=styles["speaker"], end="")
        return plain(speaker, style=styles["speaker"])

    def _prompt(self, quote: QuoteEntry, styles: dict[str, Style]) -> Text:
        prompt = Text(end="")
        width = max(10, self._width - 4)
        for paragraph in clean_text(quote.text).split("\n"):
            for line in wrap(paragraph, width):
                prompt.append(" " + QUOTE_BAR, style=styles["bar"])
                prompt.append(line + "\n", style=styles["text"])
        prompt.append("   ")
        if quote.kept:
            prompt.append(KEPT_MARK + " ", style=styles["kept"])
        prompt.append_text(plain(quote.title, style=styles["meta"] + Style(italic=True)))
        if quote.date:
            prompt.append(" · " + clean_line(quote.date)[:10], style=styles["meta"])
        return prompt

    def _update_bar(self) -> None:
        title = self.speaker if self.speaker is not None else t("view.quotes")
        count = plural(len(self.shown), "quotes.count_one", "quotes.count_many")
        if len(self.quotes) >= MAX_QUOTES:
            count += f" (≤ {MAX_QUOTES})"
        if self.kept_only:
            count += " · " + t("quotes.kept_only")
        self.set_bar(title, count)

    def on_resize(self) -> None:
        if self.is_mounted and self.quote_list.scrollable_content_region.width != self._width:
            self._fill()

    # --- what the keys do --------------------------------------------------------------

    def current_quote(self) -> QuoteEntry | None:
        """The highlighted quotation (None: there is none)."""
        option = self.quote_list.highlighted_option
        if option is None or not option.id:
            return None
        quote_id = int(option.id.removeprefix("quote:"))
        return next((quote for quote in self.shown if quote.id == quote_id), None)

    def _quote_or_say(self) -> QuoteEntry | None:
        quote = self.current_quote()
        if quote is None:
            self.lecteur.say(t("notify.no_quote"), severity="warning")
        return quote

    def action_filter(self) -> None:
        self.query_one(Input).focus()

    def action_kept_only(self) -> None:
        """Show only the kept quotations, or all of them again."""
        self.kept_only = not self.kept_only
        self._filter(self.query_one(Input).value)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._filter(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.quote_list.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
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
        self.quotes = [changed if q.id == changed.id else q for q in self.quotes]
        self.shown = [changed if q.id == changed.id else q for q in self.shown]
        self.quote_list.replace_option_prompt(
            f"quote:{changed.id}", self._prompt(changed, self.quote_list.styles_of()))
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
