"""The reading screen: one article, its progress, and the keys to move on or annotate.

Opening an article marks it read and puts the cursor back on the block where the reader
left it; leaving (back, previous, next, quit) remembers the block and the progress.
"""

from __future__ import annotations

import time

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from lecteur.core.curate.session import reading_stretch
from lecteur.core.library.records import Highlight
from lecteur.core.library.store import Library
from lecteur.core.library.views import ListRow
from lecteur.core.models import Article
from lecteur.core.text.sanitize import clean_line
from lecteur.ui import keys
from lecteur.ui.context import Navigator
from lecteur.ui.i18n import t
from lecteur.ui.safe import fit
from lecteur.ui.screens.actions import ArticleActions
from lecteur.ui.styles import stylesheets
from lecteur.ui.undo import Change
from lecteur.ui.widgets.article_list import MARK_SAVED, MARK_STARRED
from lecteur.ui.widgets.article_view import ArticleView
from lecteur.ui.widgets.keybar import KeyBar

MARK_TRASHED = "×"  # the sidebar's mark of the Trash
WHY_FROM, WHY_WIDTH = 90, 36  # the bar shows why an article is relevant from 90 columns
clock = time.monotonic  # how long the reader stays in an article (tests set it)


class ReaderScreen(ArticleActions):
    """Reads one article at a time."""

    SCOPES = ("app", "article", "reader", "document")

    def __init__(self, article_id: int, navigator: Navigator | None = None,
                 block: int | None = None) -> None:
        super().__init__(id="reader")
        self.css_path = stylesheets(("reader.tcss",))
        keys.install(self, "article", "reader")
        self.article_id = article_id
        self.navigator = navigator
        self._refreshing: tuple[int, int] | None = None
        self.article: Article | None = None
        self.row: ListRow | None = None
        self._in_trash = False  # opened from the Trash view: read it, change nothing
        self._start_block = block  # the first article opens on this block (a quotation)
        self._opened = (0.0, 0.0)  # when the article was shown, and how far it was read then

    def compose(self) -> ComposeResult:
        yield Static(id="reader-bar")
        yield ArticleView(id="document")
        yield KeyBar()

    @property
    def view(self) -> ArticleView:
        """The article's text."""
        return self.query_one(ArticleView)

    def on_mount(self) -> None:
        self.view.card_folded = self.lecteur.card_folded
        self.view.focus()
        self.load(self.article_id)

    def read(self, article_id: int, navigator: Navigator | None, block: int | None) -> None:
        """Read another article here, coming from elsewhere (search, Quotes, People)."""
        self.remember_place()
        self.navigator, self._start_block = navigator, block
        self.load(article_id)

    def load(self, article_id: int) -> bool:
        """Show another article; False (and a sentence) if it is no longer in the library."""
        library = self.lecteur.library
        stored, row = library.articles.get(article_id), library.views.row(article_id)
        if stored is None or row is None:
            self.lecteur.say(t("notify.gone"), severity="warning")
            return False
        self.article_id, self.article, self.row = article_id, stored.article, row
        self._in_trash = row.trashed
        position = row.position if self._start_block is None else self._start_block
        self._start_block = None
        whole, passages = _highlights(stored.article, library.highlights.of(article_id))
        self.view.show(stored.article, position=position, notes=library.notes.of(article_id),
                       tags=library.tags.of(article_id), highlighted=whole, passages=passages,
                       notice=_notices(library, article_id, row.date or row.added_at[:10]))
        self._update_bar()
        self._opened = (clock(), row.progress)
        self.call_after_refresh(self._mark_read, article_id)  # the text first, then the write
        return True

    def _mark_read(self, article_id: int) -> None:
        if self.row is not None and not self.row.read:
            self.lecteur.write(lambda library: library.views.mark_read(article_id),
                               lambda _none: self.lecteur.library_changed(article_id, False))

    def current_row(self) -> ListRow | None:
        return self.row

    def showing_trash(self) -> bool:
        return self._in_trash

    def trash_done(self, article_id: int, trashed: bool) -> None:
        """Trashed: back to the list (it is in no view now). Restored: read on."""
        super().trash_done(article_id, trashed)
        if article_id != self.article_id:
            return
        self._in_trash = trashed
        if trashed and self.is_current:
            self.dismiss()
        else:
            self._update_bar()

    def undone(self, change: Change) -> None:
        super().undone(change)
        if change.article_id == self.article_id:  # undoing a restore puts it back in the trash
            self._in_trash = self.lecteur.library.articles.in_trash(self.article_id)

    def note_block(self) -> int | None:
        block = self.view.current_block
        return block if block is not None and block in self.view.highlighted else None

    def action_note(self) -> None:
        """``w``: on a selection, the note of that passage (highlighted first if it is not
        yet); on a block highlighted whole, the block's note; on a block holding only finer
        highlights, the note of the first one (``v`` then Tab reaches the others); else the
        article's note."""
        view = self.view
        if view.selection is not None:
            span = view.selection
            existing = view.marks.passage_at(span)
            if existing is not None:
                self._note_on(existing)
            else:
                self._highlight_passage(span, then_note=True)
            return
        block = view.current_block
        finer = view.marks.passages_in(block) if block is not None else []
        if block is not None and block not in view.highlighted and finer:
            self._note_on(finer[0])
            return
        super().action_note()

    def _note_on(self, highlight_id: int) -> None:
        from lecteur.ui.dialogs.note import NoteScreen

        row = self._live_row_or_say()
        span = self.view.passages.get(highlight_id)
        if row is None or span is None or self.article is None:
            return
        self.view.cancel_selection()
        passage = self.article.text[span[0]:span[1]]
        self.app.push_screen(NoteScreen(row, self.view.marks.block_of(span[0]),
                                        highlight=(highlight_id, passage)))

    def refresh_from_library(self, article_id: int | None = None, recount: bool = True) -> None:
        if article_id in (None, self.article_id):
            library = self.lecteur.library
            self.row = library.views.row(self.article_id) or self.row
            notes, tags = library.notes.of(self.article_id), library.tags.of(self.article_id)
            if notes != self.view.notes or tags != self.view.tags:  # else nothing to lay out
                self.view.annotate(notes=notes, tags=tags)
            self._update_bar()

    def remember_place(self) -> None:
        """Save the block under the cursor and how far the reader got."""
        view = self.view
        view.complete()
        article_id, progress, cursor = self.article_id, view.progress, view.cursor
        self.lecteur.write(lambda library: library.views.save_progress(article_id, progress,
                                                                       cursor))
        self._measure_pace(progress)

    def _measure_pace(self, progress: float) -> None:
        """Add this stay in the article to the reader's measured pace, if it says anything."""
        opened, before = self._opened
        words = self.article.word_count if self.article is not None else 0
        stretch = reading_stretch(words, before, progress, clock() - opened)
        self._opened = (clock(), progress)
        if stretch is not None:
            self.lecteur.write(lambda library: library.curate.record_reading(*stretch))

    # --- actions -----------------------------------------------------------------------

    def action_back(self) -> None:
        if not self.is_current:  # a second Escape already on its way
            return
        self.remember_place()
        self.dismiss()

    def action_previous(self) -> None:
        self._step(-1)

    def action_next(self) -> None:
        self._step(1)

    def _step(self, delta: int) -> None:
        target = self.navigator.step(self.article_id, delta) if self.navigator else None
        if target is None:
            self.lecteur.say(t("notify.first" if delta < 0 else "notify.last"))
            return
        self.remember_place()
        self.load(target)

    def action_highlight(self) -> None:
        block = self.view.current_block
        if self.article is None or block is None or self._live_row_or_say() is None:
            return
        article_id, text = self.article_id, self.article.blocks[block].text
        self.lecteur.write(lambda library: library.highlights.toggle(article_id, block, text),
                           lambda lit: self._highlighted(article_id, block, lit))

    def _highlighted(self, article_id: int, block: int, lit: bool) -> None:
        """Show a highlight that landed (if the reader is still on that article)."""
        finer = 0
        if article_id == self.article_id:
            shown = self.view.highlighted - {block}
            self.view.annotate(highlighted=shown | {block} if lit else shown)
            finer = len(self.view.marks.passages_in(block))
        if not lit and finer:  # h took the paragraph's highlight only: say how to reach the rest
            self.lecteur.say(t("notify.unhighlighted_finer", count=finer))
        else:
            self.lecteur.say(t("notify.highlighted" if lit else "notify.unhighlighted"))

    def action_select(self) -> None:
        """``v``: select the current block's first sentence (again: forget the selection)."""
        if self.view.selection is not None:
            self.view.cancel_selection()
        elif not self.view.start_selection():
            self.lecteur.say(t("notify.nothing_to_select"))

    def on_article_view_chosen(self, message: ArticleView.Chosen) -> None:
        """Enter on a selection: highlight the passage, or remove the highlight it is."""
        existing = self.view.marks.passage_at(message.span)
        if existing is None:
            self._highlight_passage(message.span)
            return
        if self._live_row_or_say() is None:
            return
        article_id = self.article_id
        self.lecteur.write(lambda library: library.highlights.remove(existing),
                           lambda _gone: self._passage_removed(article_id, existing))

    def on_article_view_nothing(self, _message: ArticleView.Nothing) -> None:
        self.lecteur.say(t("notify.no_highlight_here"))

    def _highlight_passage(self, span: tuple[int, int], then_note: bool = False) -> None:
        """Highlight the passage at `span` of the text, anchored as the shell's are."""
        from lecteur.core.text.anchors import anchor_at, text_digest

        if self.article is None or self._live_row_or_say() is None:
            return
        article_id, article = self.article_id, self.article
        anchor = anchor_at([block.full_text for block in article.blocks], *span)
        digest = text_digest(article.text)
        self.lecteur.write(lambda library: library.highlights.add_passage(article_id, anchor,
                                                                          digest),
                           lambda made: self._passage_made(article_id, made, span, then_note))

    def _passage_made(self, article_id: int, highlight_id: int, span: tuple[int, int],
                      then_note: bool) -> None:
        if article_id == self.article_id:
            self.view.annotate(passages={**self.view.passages, highlight_id: span})
            self.view.cancel_selection()
            if then_note:
                self._note_on(highlight_id)
        self.lecteur.say(t("notify.passage_highlighted"))

    def _passage_removed(self, article_id: int, highlight_id: int) -> None:
        if article_id == self.article_id:
            self.view.annotate(passages={hid: span for hid, span in self.view.passages.items()
                                         if hid != highlight_id})
            self.view.cancel_selection()
        self.lecteur.say(t("notify.unhighlighted"))

    def action_fold_card(self) -> None:
        """Fold the author's card to one line, or unfold it; remembered (settings)."""
        folded = not self.view.card_folded
        self.view.fold_card(folded)
        self.lecteur.fold_card(folded)

    def action_links(self) -> None:
        from lecteur.ui.dialogs.links import LinksScreen

        self.app.push_screen(LinksScreen(self.view.doc.links))

    # --- the bar -----------------------------------------------------------------------

    def on_article_view_moved(self, _message: ArticleView.Moved) -> None:
        self._update_bar()

    # --- feeds: unread navigation and refresh progress ---------------------------------

    def action_next_unread(self) -> None:
        self._unread_step(1)

    def action_previous_unread(self) -> None:
        self._unread_step(-1)

    def _unread_step(self, delta: int) -> None:
        """Read the next (previous) unread article, along the list and on across feeds;
        ``[`` and ``]`` then follow the list again."""
        from lecteur.ui.screens.main import MainScreen
        from lecteur.ui.screens.navigate import ListNavigator

        main = next((s for s in self.app.screen_stack if isinstance(s, MainScreen)), None)
        target = main.unread_step(delta, from_id=self.article_id) if main else None
        if main is None or target is None:
            self.lecteur.say(t("notify.no_unread"))
            return
        self.remember_place()
        self.navigator = ListNavigator(main.article_list)
        self.load(target)

    def show_refresh(self, done: int | None, total: int = 0) -> None:
        """Say in the bar how far a refresh of the feeds got (`done` None: it ended)."""
        self._refreshing = None if done is None else (done, total)
        if self.is_mounted:
            self._update_bar()

    def _update_bar(self) -> None:
        row = self.row
        if row is None:
            return
        marks = ((MARK_TRASHED if self._in_trash else "") + (MARK_SAVED if row.saved else "")
                 + (MARK_STARRED if row.starred else ""))
        right = f" {marks}  {t('reader.progress', percent=round(self.view.progress * 100))} "
        if self._refreshing is not None:  # a refresh of the feeds runs: how far it got
            right = "  " + t("feeds.progress", done=self._refreshing[0],
                             total=self._refreshing[1]) + right
        why = _why(row, self.size.width)
        width = max(10, self.size.width - len(right) - len(why) - 1)
        bar = Text(" " + fit(clean_line(row.title), width - 1), style="bold")
        bar.append(why, style="dim")
        bar.append(right)
        self.query_one("#reader-bar", Static).update(bar, layout=False)


def _highlights(article: Article,
                highlights: list[Highlight]) -> tuple[set[int], dict[int, tuple[int, int]]]:
    """The blocks highlighted whole, and where each finer highlight is in the text."""
    from lecteur.core.text.anchors import locate

    whole: set[int] = set()
    passages: dict[int, tuple[int, int]] = {}
    blocks = [block.full_text for block in article.blocks]
    for highlight in highlights:
        span = None
        if highlight.prefix or highlight.suffix:
            span = locate(blocks, highlight.text, highlight.prefix, highlight.suffix)
        if span is None:  # a whole block (or a passage no longer found: its block)
            whole.add(highlight.block_index)
        else:
            passages[highlight.id] = span
    return whole, passages
def _why(row: ListRow, width: int) -> str:
    """What made the article relevant, for the bar (when the terminal has room for it)."""
    if not row.why or row.score < 0 or width < WHY_FROM:
        return ""
    shown = t("reader.why", score=row.score, why=clean_line(row.why))
    return " " + (shown if len(shown) <= WHY_WIDTH else shown[:WHY_WIDTH - 1] + "…")


def _notices(library: Library, article_id: int, day: str) -> str | None:
    """The sentences under the byline: stale (past its age), earlier texts kept."""
    said = []
    if library.views.stale_among([article_id]):
        said.append(t("reader.stale", date=day))
    if earlier := _earlier_notice(library, article_id):
        said.append(earlier)
    return " ".join(said) or None


def _earlier_notice(library: Library, article_id: int) -> str | None:
    """The sentence saying that earlier texts of the article are kept, if any are."""
    versions = library.versions.of(article_id)
    if not versions:
        return None
    annotations = sum(v.highlights + v.notes + v.quotes for v in versions)
    return t("reader.earlier", count=len(versions), annotations=annotations, id=article_id)
