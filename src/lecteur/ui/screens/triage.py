"""Triage: the Inbox one item at a time, full screen, most relevant first.

``s`` keeps the item (saved), ``x`` dismisses it (out of the Inbox, still found by search
and in the Dismissed view), ``l`` leaves it for later (in the Inbox, out of this round),
``u`` takes the last of these back; Enter reads the item. The top bar counts what is left.
Keeps and dismissals teach the relevance model (`lecteur.core.library.curate`); they are
writes, made by the writer thread. Leaving triage scores the Inbox again with what the
model learned, in the writer too, and the list follows.
"""

from __future__ import annotations

from typing import Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from lecteur.core.library.store import Library
from lecteur.core.library.views import ListRow
from lecteur.core.text.sanitize import clean_line
from lecteur.ui import keys
from lecteur.ui.context import ReaderContext, reader_context
from lecteur.ui.i18n import plural, t
from lecteur.ui.safe import plain, plain_block
from lecteur.ui.widgets.keybar import KeyBar

Decision = Literal["keep", "dismiss", "later"]
LEAD_PARAGRAPHS = 4  # what triage shows of an item's text
SAID = {"keep": "triage.kept", "dismiss": "triage.dismissed", "later": "triage.later_said"}


def why_text(score: float, why: str) -> str:
    """"relevance 0.82: réseautage, LinkedIn", in the reader's language."""
    if score < 0:
        return t("triage.unscored")
    if not why:
        return t("triage.relevance", score=score)
    return t("triage.relevance_why", score=score, why=clean_line(why))


def say_profile_problem(lecteur: ReaderContext) -> None:
    """One sentence when the reader's topics.toml could not be used (the shipped one is)."""
    profile = lecteur.library.curate.profile
    if profile.problem is not None and profile.path is not None:
        lecteur.say(t("notify.profile_problem", path=str(profile.path),
                      reason=profile.problem), severity="warning")


class TriageScreen(Screen[None]):
    """One Inbox item at a time: keep, dismiss, later, undo."""

    SCOPES: tuple[keys.Scope, ...] = ("triage",)

    def __init__(self) -> None:
        super().__init__(id="triage")
        keys.install(self, "triage")
        self.queue: list[int] = []
        self.done: list[tuple[Decision, int]] = []  # what `u` takes back, last first
        self.decided = False  # the model learned something: score the Inbox again on leaving

    @property
    def lecteur(self) -> ReaderContext:
        """The app, as far as a screen may ask anything of it."""
        return reader_context(self.app)

    def compose(self) -> ComposeResult:
        yield Static(id="topbar")
        with VerticalScroll(id="triage-card"):
            yield Static(id="triage-item")
        yield KeyBar()

    def on_mount(self) -> None:
        found = self.lecteur.guarded_call(lambda: self.lecteur.library.curate.triage_queue())
        self.queue = found or []
        say_profile_problem(self.lecteur)
        self.show_current()

    @property
    def current(self) -> int | None:
        """The item on screen, or None when nothing is left."""
        return self.queue[0] if self.queue else None

    def show_current(self) -> None:
        """Draw the item on top of the queue (or that nothing is left) and the counter."""
        bar = Text(" lecteur ", style="bold")
        bar.append("· " + t("triage.title") + " · ")
        bar.append(plural(len(self.queue), "triage.left_one", "triage.left_many"), style="dim")
        self.query_one("#topbar", Static).update(bar, layout=False)
        item = self.query_one("#triage-item", Static)
        library = self.lecteur.library
        row = library.views.row(self.current) if self.current is not None else None
        while self.current is not None and (row is None or row.trashed):
            self.queue.pop(0)  # gone meanwhile (another lecteur): the next one
            row = library.views.row(self.current) if self.current is not None else None
        if row is None:
            item.update(Text(t("triage.done"), style="italic"))
            return
        item.update(_card(library, row))
        self.query_one("#triage-card", VerticalScroll).scroll_home(animate=False)

    def _decide(self, decision: Decision) -> None:
        article_id = self.current
        if article_id is None:
            return
        row = self.lecteur.library.views.row(article_id)
        title = clean_line(row.title) if row else ""
        self.queue.pop(0)
        self.done.append((decision, article_id))
        if decision != "later":
            self.decided = True
            job = _keep if decision == "keep" else _dismiss
            self.lecteur.write(lambda library: job(library, article_id),
                               lambda _none: self.lecteur.library_changed(article_id))
        self.lecteur.say(t(SAID[decision], title=title))
        self.show_current()

    def action_keep(self) -> None:
        self._decide("keep")

    def action_dismiss_item(self) -> None:
        self._decide("dismiss")

    def action_later(self) -> None:
        self._decide("later")

    def action_undo(self) -> None:
        if not self.done:
            self.lecteur.say(t("triage.nothing_to_undo"))
            return
        decision, article_id = self.done.pop()
        if decision != "later":
            job = _unkeep if decision == "keep" else _undismiss
            self.lecteur.write(lambda library: job(library, article_id),
                               lambda _none: self.lecteur.library_changed(article_id))
        self.queue.insert(0, article_id)
        row = self.lecteur.library.views.row(article_id)
        self.lecteur.say(t("triage.undone", title=clean_line(row.title) if row else ""))
        self.show_current()

    def action_open(self) -> None:
        if self.current is not None:
            self.lecteur.open_reader(self.current)

    def action_back(self) -> None:
        if not self.is_current:
            return
        if self.decided:
            self.lecteur.write(lambda library: library.curate.rescore(),
                               lambda _count: self.lecteur.library_changed())
        self.dismiss()


def _card(library: Library, row: ListRow) -> Text:
    """An item as triage shows it: title, where from, relevance and why, its first lines."""
    text = plain(row.title, style="bold")
    text.append("\n")
    meta = [clean_line(part) for part in (row.sitename, row.author, (row.date or "")[:10])
            if part]
    meta.append(t("triage.meta_minutes", minutes=row.reading_minutes))
    text.append(" · ".join(meta) + "\n", style="dim")
    text.append(why_text(row.score, row.why) + "\n\n", style="italic")
    stored = library.articles.get(row.id)
    blocks = stored.article.blocks[:LEAD_PARAGRAPHS] if stored else ()
    for block in blocks:
        text.append_text(plain_block(block.text))
        text.append("\n\n")
    return text


def _keep(library: Library, article_id: int) -> None:
    library.curate.keep(article_id)


def _dismiss(library: Library, article_id: int) -> None:
    library.curate.dismiss(article_id)


def _unkeep(library: Library, article_id: int) -> None:
    library.curate.unkeep(article_id)


def _undismiss(library: Library, article_id: int) -> None:
    library.curate.undismiss(article_id)

