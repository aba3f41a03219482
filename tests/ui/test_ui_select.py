"""The reading view's selection (v): grown by words and sentences, highlighted exactly."""

from __future__ import annotations

from rich.segment import Segment
from textual.widgets import TextArea
from ui_helpers import article, covers, run_app, screen_text, toasts

from lecteur.core.library.store import Library
from lecteur.core.models import Block
from lecteur.ui.dialogs.note import NoteScreen
from lecteur.ui.screens.main import MainScreen
from lecteur.ui.screens.reader import ReaderScreen
from lecteur.ui.widgets.article_view import ArticleView

FIRST = "M. Roy écoute d'abord. Il note tout, p. ex. les noms. « Relancez ! » dit-il."
SECOND = "Puis il relance, poliment. Enfin il remercie."


def add(library: Library) -> int:
    blocks = (Block("paragraph", FIRST), Block("paragraph", SECOND),
              Block("quote", "Donner avant de recevoir.", speaker="Marie Tremblay"))
    return library.articles.add(article(1, blocks=blocks))[0]


def selected(view: ArticleView) -> str:
    assert view.selection is not None and view.article is not None
    return view.article.text[view.selection[0]:view.selection[1]]


def reversed_text(app) -> str:
    """The characters drawn reversed (the selection) on the screen."""
    strips = app.screen._compositor.render_strips()
    return "".join(segment.text for strip in strips for segment in strip
                   if isinstance(segment, Segment) and segment.style and segment.style.reverse)


@covers("reader.select", "select.more_words", "select.fewer_words", "select.more_sentences",
        "select.fewer_sentences", "select.done")
def test_v_selects_a_sentence_grows_it_and_enter_highlights_exactly_that(
        make_app, library: Library) -> None:
    article_id = add(library)

    async def scenario(app, pilot) -> None:
        await pilot.press("enter", "v")
        view = app.screen.query_one(ArticleView)
        assert selected(view) == "M. Roy écoute d'abord."  # M. does not end a sentence
        assert reversed_text(app).replace(" ", "") == "M.Royécouted'abord."
        bar = screen_text(app).splitlines()[-1]
        assert "+word" in bar and "highlight" in bar and "cancel" in bar
        await pilot.press("right", "right")
        assert selected(view) == "M. Roy écoute d'abord. Il note"
        await pilot.press("left")
        assert selected(view) == "M. Roy écoute d'abord. Il"
        await pilot.press("right_parenthesis")
        assert selected(view) == "M. Roy écoute d'abord. Il note tout, p. ex. les noms."
        await pilot.press("right_parenthesis", "left_parenthesis")
        assert selected(view) == "M. Roy écoute d'abord. Il note tout, p. ex. les noms."
        await pilot.press("enter")
        (highlight,) = library.highlights.of(article_id)
        assert highlight.text == "M. Roy écoute d'abord. Il note tout, p. ex. les noms."
        assert highlight.prefix.endswith("") and highlight.suffix.startswith(" « Relancez")
        assert highlight.text_digest  # anchored as the shell's highlights are
        assert view.selection is None and list(view.passages) == [highlight.id]
        assert view.highlighted == set()  # not the whole paragraph
        assert "Passage highlighted." in toasts(app)
        assert reversed_text(app) == ""

    run_app(make_app(demo=False), scenario, size=(100, 30))


@covers("select.cancel", "select.later_start", "select.earlier_start")
def test_a_selection_crosses_paragraphs_and_escape_cancels_it(make_app,
                                                              library: Library) -> None:
    article_id = add(library)

    async def scenario(app, pilot) -> None:
        await pilot.press("enter", "v", "right_curly_bracket", "right_curly_bracket")
        view = app.screen.query_one(ArticleView)
        assert selected(view) == "« Relancez ! » dit-il."
        await pilot.press("right_parenthesis")  # past the end: the next paragraph
        assert selected(view) == "« Relancez ! » dit-il.\n\nPuis il relance, poliment."
        assert view.cursor == 1  # the cursor follows the selection's end
        await pilot.press("left_curly_bracket")
        assert selected(view).startswith("Il note tout")
        await pilot.press("escape")
        assert view.selection is None and isinstance(app.screen, ReaderScreen)
        assert library.highlights.of(article_id) == []
        await pilot.press("v", "right_parenthesis", "right_parenthesis", "enter")
        (highlight,) = library.highlights.of(article_id)
        assert highlight.block_index == 1
        assert highlight.text == f"{SECOND}\n\nDonner avant de recevoir."
        await pilot.press("escape")  # no selection: Escape goes back
        assert isinstance(app.screen, MainScreen)

    run_app(make_app(demo=False), scenario, size=(100, 30))


@covers("reader.highlight", "select.next_highlight")
def test_h_toggles_only_the_whole_paragraph_and_enter_removes_a_selected_highlight(
        make_app, library: Library) -> None:
    article_id = add(library)

    async def scenario(app, pilot) -> None:
        await pilot.press("enter", "v", "enter")  # the first sentence
        view = app.screen.query_one(ArticleView)
        (passage,) = library.highlights.of(article_id)
        await pilot.press("h")  # the whole paragraph too
        assert len(library.highlights.of(article_id)) == 2 and view.highlighted == {0}
        await pilot.press("h")  # the whole paragraph only goes
        assert [h.id for h in library.highlights.of(article_id)] == [passage.id]
        assert view.highlighted == set() and list(view.passages) == [passage.id]
        assert ("Paragraph highlight removed; the 1 passage(s) highlighted in it stay (v, then "
                "Tab and Enter, removes one).") in toasts(app)
        await pilot.press("v", "tab")  # from the first sentence to the next highlight: none
        assert "No highlight after this one: the selection stays." in toasts(app)
        await pilot.press("enter")  # the selection is exactly the highlight: removed
        assert library.highlights.of(article_id) == [] and view.passages == {}
        assert "Highlight removed." in toasts(app)

    run_app(make_app(demo=False), scenario, size=(100, 30))


@covers("article.note", "note.save")
def test_w_on_a_selection_writes_the_passage_note(make_app, library: Library) -> None:
    article_id = add(library)

    async def scenario(app, pilot) -> None:
        await pilot.press("enter", "v", "right_parenthesis", "w")
        assert isinstance(app.screen, NoteScreen)
        (highlight,) = library.highlights.of(article_id)
        assert app.screen.highlight_id == highlight.id
        assert "Note on the highlighted passage" in screen_text(app)
        assert "M. Roy écoute d'abord. Il note tout" in screen_text(app)
        await pilot.press(*"Relancer", "enter", *"sous huit jours")
        assert app.screen.query_one(TextArea).text == "Relancer\nsous huit jours"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ReaderScreen)
        (note,) = library.notes.of(article_id)
        assert (note.highlight_id, note.block_index, note.text) == (
            highlight.id, 0, "Relancer\nsous huit jours")
        assert "Relancer" in screen_text(app)  # shown under its paragraph
        await pilot.press("w")  # on the paragraph holding that passage: the same note
        assert isinstance(app.screen, NoteScreen) and app.screen.highlight_id == highlight.id
        assert app.screen.query_one(TextArea).text == "Relancer\nsous huit jours"

    run_app(make_app(demo=False), scenario, size=(100, 30))


@covers("app.highlights", "highlights.note")
def test_w_in_the_highlights_view_writes_the_passage_note(make_app, library: Library) -> None:
    from lecteur.core.text.anchors import find_passage, text_digest
    from lecteur.ui.screens.highlights import HighlightsScreen

    article_id = add(library)
    stored = library.articles.get(article_id)
    assert stored is not None
    anchor = find_passage([b.full_text for b in stored.article.blocks], "Il note tout")
    assert anchor is not None
    passage = library.highlights.add_passage(article_id, anchor, text_digest(stored.article.text))

    async def scenario(app, pilot) -> None:
        await pilot.press("H")
        assert isinstance(app.screen, HighlightsScreen)
        await pilot.press("w")
        assert isinstance(app.screen, NoteScreen) and app.screen.highlight_id == passage
        await pilot.press(*"Noter les noms", "ctrl+s")
        assert isinstance(app.screen, HighlightsScreen)
        (note,) = library.notes.of(article_id)
        assert (note.highlight_id, note.text) == (passage, "Noter les noms")
        assert "Noter les noms" in screen_text(app)  # the view read its entries again

    run_app(make_app(demo=False), scenario, size=(100, 30))


def _drawn(doc, block: Block, index: int, start: int, end: int) -> str:
    """The characters of block `index` that `source_offsets` puts in `start`..`end`."""
    from lecteur.ui.widgets.document import source_offsets

    shown = []
    for number, parts in sorted(source_offsets(doc, block, index).items()):
        for (text, _role), found in zip(doc.lines[number].parts, parts, strict=True):
            shown += [char for char, at in zip(text, found or (), strict=False)
                      if at is not None and start <= at < end]
    return "".join(shown)


def test_a_passage_is_drawn_on_its_own_characters_wrapped_numbered_and_framed() -> None:
    from lecteur.core.models import Article
    from lecteur.ui.widgets.document import layout

    paragraph = Block("paragraph", "Lisez  le guide complet, puis écrivez à M. Roy sans attendre.",
                      links=(("le guide", "https://ex.org/g"),))
    listed = Block("list", "Écouter d'abord\nNoter les noms\nRelancer")
    quote = Block("quote", "Donner avant de recevoir, toujours.", speaker="Marie Tremblay")
    code = Block("code", "git log\n\tgit status")
    piece = Article("s", "T", (paragraph, listed, quote, code), links=("https://ex.org/g",))
    doc = layout(piece, 20)
    text = paragraph.text
    start = text.index("le guide")
    end = text.index(" sans")
    drawn = _drawn(doc, paragraph, 0, start, end)
    # every character of the passage, the spaces a line break replaced aside
    assert drawn.replace(" ", "") == "le guide complet, puis écrivez à M. Roy".replace(" ", "")
    assert "[1]" in "".join(t for line in doc.lines for t, _r in line.parts)  # numbered...
    assert "[" not in drawn  # ... and the number is not the text's
    assert _drawn(doc, paragraph, 0, 0, 5) == "Lisez"
    assert _drawn(doc, listed, 1, 0, len(listed.text)) == "Écouter d'abordNoter les nomsRelancer"
    assert _drawn(doc, quote, 2, 0, 6) == "Donner"  # not the bar, not the speaker
    assert _drawn(doc, code, 3, 0, 7) == "git log"


def test_marks_cut_a_passage_over_blocks_and_the_selection_shows_over_a_highlight() -> None:
    from lecteur.core.models import Article
    from lecteur.ui.widgets.marks import Marks, split_marked

    quote = Block("quote", "Donner.", cite="Marie")  # its full text is longer than its text
    piece = Article("s", "T", (Block("paragraph", "Un deux."), quote, Block("paragraph", "Fin.")))
    marks = Marks()
    whole = piece.text
    marks.reset(piece, {7: (whole.index("deux"), whole.index("Fin") + 3)})
    assert marks.ranges == {0: [(3, 8, "highlight")], 1: [(0, 7, "highlight")],
                            2: [(0, 3, "highlight")]}  # not the attribution line
    assert marks.passages_in(0) == [7] and marks.passages_in(1) == []
    marks.set_selection((0, 6))
    assert marks.ranges[0] == [(3, 8, "highlight"), (0, 6, "selection")]
    found = tuple(range(8))
    assert split_marked("Un deux.", found, marks.ranges[0]) == [("Un deu", "selection"),
                                                                ("x.", "highlight")]
    assert split_marked("ab", (None, 1), [(1, 2, "highlight")]) == [("a", ""), ("b", "highlight")]
