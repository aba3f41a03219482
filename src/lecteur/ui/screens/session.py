"""A reading session: "I have N minutes".

The reader says how many minutes (`MinutesDialog`); the session screen lists the
best-ranked unread pieces that fit at the reader's own pace (`Curate.plan`), Enter reads
one (``[`` and ``]`` move along the session's pieces), and ending the session (``q``)
shows one screen of what it came to: what was read, kept and noted.
"""

from __future__ import annotations

import time

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from lecteur.core.clock import stamp
from lecteur.core.curate.session import Planned, Summary
from lecteur.ui import keys
from lecteur.ui.context import ReaderContext, reader_context
from lecteur.ui.dialogs.modal import Dialog
from lecteur.ui.i18n import t
from lecteur.ui.safe import plain
from lecteur.ui.screens.navigate import SequenceNavigator
from lecteur.ui.screens.triage import say_profile_problem, why_text
from lecteur.ui.widgets.keybar import KeyBar

LONGEST = 24 * 60


def piece_minutes(minutes: float) -> str:
    """A piece's minutes at the reader's pace, as the session lists it: "under a minute"
    rather than a rounded 1, so that the pieces of a 10-minute session do not seem to add
    up to 13."""
    if minutes < 1:
        return t("session.piece_short")
    return t("session.piece", minutes=round(minutes))


def read_minutes(text: str) -> int | None:
    """The minutes typed, or None if it is not a whole number from 1 to a day."""
    text = text.strip()
    if not text.isdigit():
        return None
    value = int(text)
    return value if 1 <= value <= LONGEST else None


class MinutesDialog(Dialog[int]):
    """Ask how many minutes the reader has."""

    def __init__(self) -> None:
        super().__init__(id="session-minutes")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Text(t("session.ask"), style="bold"), classes="dialog-title")
            yield Input(value="10", id="session-input", restrict=r"[0-9]*")
            yield Static(Text(t("session.ask_hint")), id="session-hint", classes="dialog-hint")

    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.cursor_blink = self.lecteur.cursor_blink
        field.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        minutes = read_minutes(event.value)
        if minutes is None:
            hint = self.query_one("#session-hint", Static)
            hint.set_class(True, "-error")
            hint.update(Text(t("session.bad_minutes")))
            return
        self.dismiss(minutes)


class SessionScreen(Screen[None]):
    """The pieces of a session; ending it shows its summary."""

    SCOPES: tuple[keys.Scope, ...] = ("app", "session")

    def __init__(self, minutes: int) -> None:
        super().__init__(id="session")
        keys.install(self, "session")
        self.minutes = minutes
        self.planned: list[Planned] = []
        self.since = stamp()
        self.started = time.monotonic()
        self.kept_before: list[int] = []

    @property
    def lecteur(self) -> ReaderContext:
        """The app, as far as a screen may ask anything of it."""
        return reader_context(self.app)

    def compose(self) -> ComposeResult:
        yield Static(id="topbar")
        yield OptionList(id="session-pieces")
        yield KeyBar()

    def on_mount(self) -> None:
        curate = self.lecteur.library.curate
        say_profile_problem(self.lecteur)
        self.planned = self.lecteur.guarded_call(lambda: curate.plan(self.minutes)) or []
        self.kept_before = curate.kept_now(p.id for p in self.planned)
        wpm = curate.words_per_minute()
        pace = t("session.pace_measured" if curate.measured() else "session.pace_default",
                 wpm=wpm)
        bar = Text(" lecteur ", style="bold")
        bar.append("· " + t("session.title", minutes=self.minutes) + " · ")
        if self.planned:  # what the pieces add up to: each one's minutes are rounded
            used = sum(piece.minutes for piece in self.planned)
            bar.append(t("session.planned", count=len(self.planned),
                         used=max(1, round(used))) + " · ")
        bar.append(pace, style="dim")
        self.query_one("#topbar", Static).update(bar, layout=False)
        pieces = self.query_one(OptionList)
        for piece in self.planned:
            row = self.lecteur.library.views.row(piece.id)
            if row is None:
                continue
            prompt = plain(row.title, style="bold")
            prompt.append("\n  " + piece_minutes(piece.minutes), style="dim")
            prompt.append("  " + why_text(row.score, row.why), style="dim italic")
            pieces.add_option(Option(prompt, id=f"piece:{piece.id}"))
        if not self.planned:
            pieces.add_option(Option(Text(t("session.nothing", minutes=self.minutes),
                                          style="italic"), disabled=True))
        else:
            pieces.highlighted = 0
        pieces.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open_piece()

    def action_open_piece(self) -> None:
        pieces = self.query_one(OptionList)
        if pieces.highlighted is None or not self.planned:
            return
        option = pieces.get_option_at_index(pieces.highlighted)
        if option.id and option.id.startswith("piece:"):
            ids = [p.id for p in self.planned]
            self.lecteur.open_reader(int(option.id.removeprefix("piece:")),
                                     SequenceNavigator(ids))

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def action_end(self) -> None:
        if not self.is_current:
            return
        seconds = time.monotonic() - self.started
        summary = self.lecteur.library.curate.summary(
            [p.id for p in self.planned], self.since, self.kept_before, seconds)
        self.app.push_screen(SummaryScreen(summary, len(self.planned)),
                             lambda _none: self.dismiss())


class SummaryScreen(Dialog[None]):
    """One screen: what a session came to."""

    def __init__(self, summary: Summary, offered: int) -> None:
        super().__init__(id="session-summary")
        self.summary = summary
        self.offered = offered

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Text(t("session.summary_title"), style="bold"), classes="dialog-title")
            yield Static(self._body(), id="session-summary-body")
            yield Static(Text(t("session.summary_close")), classes="dialog-hint")

    def _body(self) -> Text:
        summary, library = self.summary, self.lecteur.library
        text = Text(t("session.summary_time", minutes=max(0, round(summary.seconds / 60)),
                      count=self.offered) + "\n")
        for key, ids in (("session.summary_read", summary.read),
                         ("session.summary_kept", summary.kept),
                         ("session.summary_noted", summary.noted)):
            text.append("\n" + t(key, count=len(ids)) + "\n", style="bold")
            if not ids:
                text.append("  " + t("session.summary_none") + "\n", style="dim")
            for article_id in ids:
                row = library.views.row(article_id)
                text.append("  · ")
                text.append_text(plain(row.title if row else f"#{article_id}"))
                text.append("\n")
        return text

    def on_key(self, event: object) -> None:
        from textual import events

        if isinstance(event, events.Key) and event.key == "enter":
            event.stop()
            self.dismiss(None)
