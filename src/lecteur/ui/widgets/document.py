"""Lay out an article as lines of (text, role) pieces, at a given measure.

Pure layout, no Textual: the reading view turns roles into styles when it draws, so a
theme change restyles without laying out again, and a highlight or the cursor only
changes how lines are drawn. Every line knows which block it belongs to, for the cursor,
highlights and notes. Text is cleaned once more and wrapped at word boundaries.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from rich.cells import cell_len

from lecteur.core.library.records import Note
from lecteur.core.models import Article, Author, Block
from lecteur.core.text.sanitize import clean_line, clean_text
from lecteur.ui.i18n import t
from lecteur.ui.safe import wrap

Part = tuple[str, str]
QUOTE_BAR = "┃ "
BULLET = "• "
NOTE_MARK = "✎ "


@dataclass(frozen=True)
class DocLine:
    """One screen line: its pieces, its block (None outside the body), its padding role."""

    parts: tuple[Part, ...]
    block: int | None = None
    pad: str = "body"


@dataclass
class Document:
    """An article laid out at one measure."""

    measure: int
    lines: list[DocLine] = field(default_factory=list)
    spans: dict[int, tuple[int, int]] = field(default_factory=dict)  # block -> first, last
    links: tuple[str, ...] = ()

    @functools.cached_property
    def numbers(self) -> dict[str, int]:
        """Each link's number in the Links list (from 1), for the text's ``[n]`` marks."""
        return {link: number for number, link in enumerate(self.links, start=1)}

    @property
    def blocks(self) -> list[int]:
        """The body's block indexes, in order."""
        return sorted(self.spans)

    def add(self, parts: Iterable[Part], block: int | None = None, pad: str = "body") -> None:
        if block is not None:
            first, _last = self.spans.get(block, (len(self.lines), 0))
            self.spans[block] = (first, len(self.lines))
        self.lines.append(DocLine(tuple(parts), block, pad))

    def blank(self) -> None:
        self.lines.append(DocLine(()))


def layout(article: Article, measure: int, *, notes: Sequence[Note] = (),
           tags: Sequence[str] = (), minutes: int | None = None,
           card_folded: bool = False, notice: str | None = None) -> Document:
    """The whole article at `measure` columns: header, author card, notes, body, links."""
    doc, steps = layout_steps(article, measure, notes=notes, tags=tags, minutes=minutes,
                              card_folded=card_folded, notice=notice)
    for _step in steps:
        pass
    return doc


def layout_steps(article: Article, measure: int, *, notes: Sequence[Note] = (),
                 tags: Sequence[str] = (), minutes: int | None = None,
                 card_folded: bool = False,
                 notice: str | None = None) -> tuple[Document, Iterator[int]]:
    """Lay out lazily: the document so far, and an iterator that adds one block per step.

    The reading view lays out what the first screen shows, draws it, and finishes in the
    next moment, so a long article opens as fast as a short one. The document is whole
    once the iterator is exhausted. `card_folded` shows the author's card as one line;
    `notice` is a sentence shown under the byline (that earlier texts of the article are
    kept).
    """
    doc = Document(measure=max(20, measure), links=_links(article.links))
    return doc, _steps(doc, article, notes_by_block(notes), tags, minutes, card_folded, notice)


def _steps(doc: Document, article: Article, notes: Mapping[int | None, list[Note]],
           tags: Sequence[str], minutes: int | None, card_folded: bool,
           notice: str | None) -> Iterator[int]:
    _header(doc, article, tags, minutes, notice)
    if article.author and card_folded:
        _folded_card(doc, article.author)
    elif article.author:
        _author_card(doc, article.author, article.sitename)
    for note in notes.get(None, []):
        _note(doc, note, None)
    yield len(doc.lines)
    for index, block in enumerate(article.blocks):
        _block(doc, block, index)
        for note in notes.get(index, []):
            _note(doc, note, index)
        doc.blank()
        yield len(doc.lines)
    _links_section(doc)


def _links(links: Iterable[str]) -> tuple[str, ...]:
    return tuple(clean_line(link) for link in links if clean_line(link))


def _header(doc: Document, article: Article, tags: Sequence[str], minutes: int | None,
            notice: str | None = None) -> None:
    for line in wrap(clean_line(article.title), doc.measure):
        doc.add([(line, "title")])
    details = [clean_line(part) for part in (
        article.author.name if article.author else None, article.sitename, article.date,
        article.language, t("reader.minutes", minutes=minutes or article.reading_minutes),
    ) if part]
    for line in wrap(" · ".join(details), doc.measure):
        doc.add([(line, "byline")])
    if tags:
        for line in wrap("  ".join("#" + clean_line(tag) for tag in tags), doc.measure):
            doc.add([(line, "tags")])
    if notice:
        for line in wrap(clean_line(notice), doc.measure):
            doc.add([(line, "byline")])
    doc.blank()


def _author_card(doc: Document, author: Author, site: str | None) -> None:
    """A box: who wrote it, their bio, how to reach them, their site."""
    inner = doc.measure - 4
    title = f" {t('card.title')} "
    doc.add([("╭─" + title + "─" * max(0, inner - cell_len(title) + 1) + "╮", "card-border")],
            pad="card")
    rows: list[Part] = [(line, "card-name") for line in wrap(clean_line(author.name), inner)]
    rows += [(line, "card") for line in wrap(clean_text(author.bio or ""), inner)]
    if author.email:
        rows += [(line, "link") for line in wrap("✉ " + clean_line(author.email), inner)]
    rows += [(line, "link") for link in author.links for line in wrap("↗ " + clean_line(link),
                                                                      inner)]
    if site:
        rows += [(line, "card") for line in wrap(f"{t('card.site')} {clean_line(site)}", inner)]
    for text, role in rows:
        padding = " " * max(0, inner - cell_len(text))
        doc.add([("│ ", "card-border"), (text + padding, role), (" │", "card-border")],
                pad="card")
    doc.add([("╰" + "─" * (inner + 2) + "╯", "card-border")], pad="card")
    doc.blank()


def _folded_card(doc: Document, author: Author) -> None:
    """The author's card folded to one line (``i`` unfolds it): who, and how to see more."""
    hint = f" · {t('card.folded')}"
    title = f"▸ {t('card.title')} · "
    room = max(1, doc.measure - cell_len(title) - cell_len(hint))
    name = (wrap(clean_line(author.name), room) or [""])[0]
    doc.add([(title, "card-border"), (name, "card-name"), (hint, "card-border")])
    doc.blank()


def numbered(text: str, links: Sequence[tuple[str, str]], numbers: Mapping[str, int]) -> str:
    """`text` with each link's number after the link's words: ``see the guide [3]``.

    `links` are the block's own, in order; `numbers` each target's place in the Links
    list. A link whose words cannot be found (the text was rewritten) gets no number.
    """
    return "".join(piece for piece, _origin in _numbered_pieces(text, links, numbers))


def _numbered_pieces(text: str, links: Sequence[tuple[str, str]],
                     numbers: Mapping[str, int]) -> list[tuple[str, int | None]]:
    """`numbered`'s text as pieces, each with where it starts in `text` (None: a number)."""
    out: list[tuple[str, int | None]] = []
    start = 0
    for words, target in links:
        number = numbers.get(target)  # both cleaned (clean_line) when extracted
        at = text.find(words, start) if number else -1
        if at < 0:
            continue
        end = at + len(words)
        mark = f" [{number}]"
        if text.startswith(mark, end):  # the page wrote the number itself
            continue
        out += [(text[start:end], start), (mark, None)]
        start = end
    return [*out, (text[start:], start)]


def _block(doc: Document, block: Block, index: int) -> None:
    text = clean_text(block.text)
    if block.links and doc.links:
        text = numbered(text, block.links, doc.numbers)
    if block.kind == "heading":
        for line in wrap(text, doc.measure):
            doc.add([(line, "heading")], index)
    elif block.kind == "quote":
        _quote(doc, text, _attribution(block), index)
    elif block.kind == "callout":
        _callout(doc, text, index)
    elif block.kind == "list":
        for item in (item.strip() for item in text.splitlines() if item.strip()):
            lines = wrap(item, doc.measure - 2) or [""]
            doc.add([(BULLET, "bullet"), (lines[0], "body")], index)
            for line in lines[1:]:
                doc.add([("  " + line, "body")], index)
    elif block.kind == "code":
        for raw in text.splitlines() or [""]:
            for piece in _hard_wrap(raw.expandtabs(4), doc.measure - 2):
                doc.add([("  " + piece, "code")], index, pad="code")
    else:
        for line in wrap(text, doc.measure):
            doc.add([(line, "body")], index)


def _attribution(block: Block) -> str:
    """Who said it, shown under the quotation.

    The page's own attribution line ("— Sam Lee, career coach") when it had one, else the
    speaker's name, else the description of an unnamed source as the page wrote it ("an
    Iowa Republican"), else nothing.
    """
    cite = clean_line(block.cite)
    if cite:
        return cite if cite.startswith(("—", "–", "-", "―")) else "— " + cite
    speaker = clean_line(block.speaker) or clean_line(block.attribution)
    return "— " + speaker if speaker else ""


def _quote(doc: Document, text: str, attribution: str, index: int) -> None:
    """A block quotation: a bar down its left, its own colours, the speaker underneath."""
    width = doc.measure - 4
    for paragraph in text.split("\n"):
        for line in wrap(paragraph, width):
            doc.add([(QUOTE_BAR, "quote-bar"), (line, "quote")], index, pad="quote")
    for line in wrap(attribution, width):
        doc.add([(QUOTE_BAR, "quote-bar"), (line, "speaker")], index, pad="quote")


def _callout(doc: Document, text: str, index: int) -> None:
    """A box that holds nobody's words ("Summary", "Lire aussi"): framed, not a quotation."""
    inner = max(10, doc.measure - 4)
    doc.add([("╭" + "─" * (inner + 2) + "╮", "callout-border")], index, pad="callout")
    for paragraph in text.split("\n"):
        for line in wrap(paragraph, inner):
            padding = " " * max(0, inner - cell_len(line))
            doc.add([("│ ", "callout-border"), (line + padding, "callout"),
                     (" │", "callout-border")], index, pad="callout")
    doc.add([("╰" + "─" * (inner + 2) + "╯", "callout-border")], index, pad="callout")


def _note(doc: Document, note: Note, index: int | None) -> None:
    for paragraph in clean_text(note.text).split("\n"):
        for number, line in enumerate(wrap(paragraph, doc.measure - 2) or [""]):
            mark = NOTE_MARK if number == 0 else "  "
            doc.add([(mark, "note-mark"), (line, "note")], index, pad="note")
    if index is None:
        doc.blank()


def _links_section(doc: Document) -> None:
    if not doc.links:
        return
    doc.add([(t("reader.links"), "section")])
    for number, link in enumerate(doc.links, start=1):
        label = f"[{number}] "
        lines = wrap(link, doc.measure - len(label)) or [""]
        doc.add([(label, "link-number"), (lines[0], "link")])
        for line in lines[1:]:
            doc.add([(" " * len(label) + line, "link")])


def _hard_wrap(text: str, width: int) -> list[str]:
    """Code keeps its spacing: cut at the width, not at words."""
    width = max(1, width)
    pieces, current = [], ""
    for char in text:
        if cell_len(current + char) > width:
            pieces.append(current)
            current = ""
        current += char
    return [*pieces, current]


def notes_by_block(notes: Iterable[Note]) -> Mapping[int | None, list[Note]]:
    """Notes grouped by the block they are on (None: on the whole article)."""
    grouped: dict[int | None, list[Note]] = {}
    for note in notes:
        grouped.setdefault(note.block_index, []).append(note)
    return grouped


# The roles whose pieces show the block's own text (not a bar, a bullet, a note, a speaker).
TEXT_ROLES = frozenset({"body", "heading", "quote", "callout", "code"})
Offsets = dict[int, tuple[tuple[int | None, ...] | None, ...]]


def source_offsets(doc: Document, block: Block, index: int) -> Offsets:
    """For each screen line of block `index`: for each piece, the offset in ``block.text``
    of each of its characters (None: a wrap's space, a link's number, a border).

    How a finer highlight or a selection (offsets in the block's text) is drawn on lines
    that were wrapped, numbered and framed. Empty if the block is not laid out yet.
    """
    if index not in doc.spans:
        return {}
    text = clean_text(block.text)
    pieces = (_numbered_pieces(text, block.links, doc.numbers) if block.links and doc.links
              else [(text, 0)])
    shown = "".join(piece for piece, _origin in pieces)
    origin = [None if at is None else at + k for piece, at in pieces for k in range(len(piece))]
    first, last = doc.spans[index]
    offsets: Offsets = {}
    position = 0
    for number in range(first, last + 1):
        line = doc.lines[number]
        if line.block != index:
            continue
        parts: list[tuple[int | None, ...] | None] = []
        for piece, role in line.parts:
            if role not in TEXT_ROLES:
                parts.append(None)
                continue
            found, position = _align(piece, 2 if role == "code" else 0, shown, position)
            parts.append(tuple(None if at is None else origin[at] for at in found))
        offsets[number] = tuple(parts)
    return offsets


def _align(piece: str, skip: int, shown: str, position: int) -> tuple[list[int | None], int]:
    """Where each character of a laid-out `piece` is in `shown`, reading on from
    `position`: wrapping only turned white space into one space, and cut at spaces."""
    found: list[int | None] = [None] * len(piece)
    size = len(shown)
    while position < size and shown[position].isspace():
        position += 1
    end = len(piece.rstrip(" "))
    begin = skip
    while begin < end and piece[begin] == " ":
        begin += 1
    for at in range(begin, end):
        char = piece[at]
        if char == " ":
            if position < size and shown[position].isspace():
                found[at] = position
                while position < size and shown[position].isspace():
                    position += 1
            continue
        if position < size and shown[position] == char:
            found[at], position = position, position + 1
            continue
        again = shown.find(char, position, position + 4)  # a tab made spaces, say
        if again >= 0:
            found[at], position = again, again + 1
    return found, position
