"""Walk trafilatura's cleaned body (its XML tree) into lecteur's blocks, in document order.

The body is a tree, not a list of paragraphs: its top level can be a ``div``, a ``cell`` or
a ``row`` that wraps the whole article, text can sit loose in a wrapper, a table can lay out
a page rather than hold data, and comments or processing instructions can sit anywhere
(lxml counts them as elements). Wrappers and layout tables are walked, loose text becomes
paragraphs, comments give only the text after them; whatever the markup, the walk degrades
to plain paragraphs and never raises.

The text of one block element is the caller's (`lecteur.core.extract.html` knows quotations,
lists, tables and code); this module gives it `inline`, `texts` and `list_items`.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator
from typing import Any

from lecteur.core.models import Block, BlockKind
from lecteur.core.text.dates import find_date
from lecteur.core.text.sanitize import clean_line, clean_text

BLOCK_TAGS: dict[str, BlockKind] = {
    "head": "heading", "p": "paragraph", "quote": "quote", "list": "list", "code": "code",
    "table": "paragraph",
}
_MAX_DEPTH = 60  # wrappers walked inside one another; deeper is not layout
_INLINE_TAGS = frozenset(["hi", "ref", "lb", "del", "span", "graphic", "b", "i", "em", "strong"])
_LAYOUT_CONTENT = frozenset(["head", "list", "quote", "table", "code"])
_LINK_LINE_WORDS = 12  # a line made of one link this short is navigation, not text
_SPACE = re.compile(r"\s+")
_WORDLIKE = re.compile(r"\w")
_GUTTER = re.compile(r"^[\d\s]+$")

BlockText = Callable[[Any, BlockKind], str]
# A block and whether all its text is link text: known for loose text, asked of the
# element (a walk of its tree) only for the blocks at the body's edges.
_Piece = tuple[Block, Any]


def body_blocks(body: Any, block_text: BlockText) -> list[Block]:
    """The blocks of a body, navigation links at its edges left out.

    `block_text` gives the text of one block element (``p``, ``head``, ``quote``…).
    """
    return _trim_link_edges(list(_walk(body, block_text, 0)))


def _walk(container: Any, block_text: BlockText, depth: int) -> Iterator[_Piece]:
    """The blocks inside a wrapper: block elements as they are, runs of loose text and
    inline elements as paragraphs, nested wrappers and layout tables walked in turn."""
    run: list[tuple[str, bool]] = [(container.text or "", False)]
    refs: list[tuple[str, str]] = []  # the links of the loose text gathered in `run`
    for child in container:
        tag = child.tag if isinstance(child.tag, str) else None  # comments, PIs: no tag
        kind = BLOCK_TAGS.get(tag or "")
        if tag is None or (kind is None and tag in _INLINE_TAGS):
            run.append((joined_text(child) if tag else "", tag == "ref"))
            refs += anchors(child) if tag else []
        elif not _is_gutter(child):
            yield from _paragraph(run, refs)
            run, refs = [], []
            if kind is not None and not _is_layout(child):
                text = block_text(child, kind)
                if text:
                    yield Block(kind=kind, text=text, links=anchors(child)), child
            elif depth < _MAX_DEPTH:
                yield from _walk(child, block_text, depth + 1)
            else:  # nesting this deep is no layout: its text as one paragraph
                run.append((" ".join(child.itertext()), False))
        run.append((child.tail or "", False))
    yield from _paragraph(run, refs)


def _paragraph(run: list[tuple[str, bool]], refs: list[tuple[str, str]]) -> Iterator[_Piece]:
    """A paragraph of the loose text gathered in a wrapper, if it holds any."""
    text = _fold_lines("".join(piece for piece, _ in run))
    if text.strip():
        links = any(is_link and piece.strip() for piece, is_link in run)
        plain = "".join(piece for piece, is_link in run if not is_link)
        yield (Block(kind="paragraph", text=text, links=tuple(refs)),
               links and not _WORDLIKE.search(plain))


def anchors(element: Any) -> tuple[tuple[str, str], ...]:
    """The links inside an element, in order: ``(text, target)``, http(s) and mailto only
    (the targets `lecteur.core.extract.html` lists as the article's links)."""
    found = []
    for ref in element.iter("ref"):
        target = clean_line(ref.get("target"))
        text = _SPACE.sub(" ", clean_line("".join(ref.itertext()))).strip()
        if text and target.lower().startswith(("http://", "https://", "mailto:")):
            found.append((text, target))
    return tuple(found)


def _is_layout(element: Any) -> bool:
    """Whether a table lays a page out rather than holding data: one of its cells holds a
    heading, a list, a quotation, code, another table or several paragraphs. Such a
    table is walked like any wrapper; a data table stays one block, a row a line."""
    if element.tag != "table":
        return False
    for cell in element.iter("cell"):
        tags = [node.tag for node in cell.iterdescendants() if isinstance(node.tag, str)]
        if tags.count("p") > 1 or _LAYOUT_CONTENT.intersection(tags):
            return True
    return False


def _is_gutter(element: Any) -> bool:
    """Whether a table cell holds only the line numbers of the code listing beside it."""
    if element.tag != "cell" or not _GUTTER.match("".join(element.itertext())):
        return False
    parent = element.getparent()
    return parent is not None and any(
        cell is not element and next(cell.iter("code"), None) is not None for cell in parent)


def _link_only(element: Any) -> bool:
    """Whether an element has link text (``ref``) and no other words."""
    from lxml import etree

    inside = 0
    found = {True: False, False: False}  # in a link, out of one: any word seen
    for event, node in etree.iterwalk(element, events=("start", "end")):
        if event == "start":
            inside += node.tag == "ref"
            found[inside > 0] |= bool(_WORDLIKE.search(node.text or ""))
        else:
            inside -= node.tag == "ref"
            if node is not element:
                found[inside > 0] |= bool(_WORDLIKE.search(node.tail or ""))
    return found[True] and not found[False]


def _trim_link_edges(pieces: list[_Piece]) -> list[Block]:
    """Leave out the navigation trafilatura keeps at the edges of a body: short paragraphs
    made of links before the first paragraph of text ("Back to the newsroom", a menu
    row), and the run of link lines (and the dates between them) that ends it, such as a
    list of related articles or "Back to top". Text that is not a link is never left out,
    nor a heading at the top (a title can be a link to the page itself)."""
    def nav(piece: _Piece) -> bool:
        links = piece[1]
        return len(piece[0].text.split()) <= _LINK_LINE_WORDS and (
            links if isinstance(links, bool) else _link_only(links))

    def date_line(piece: _Piece) -> bool:
        return len(piece[0].text.split()) <= 6 and find_date(piece[0].text) is not None

    end = len(pieces)
    while end > 0 and (nav(pieces[end - 1]) or (  # a teaser's date follows its link
            end > 1 and date_line(pieces[end - 1]) and nav(pieces[end - 2]))):
        end -= 1
    start = 0
    while start < end and (pieces[start][0].kind == "heading" or nav(pieces[start])):
        start += 1
    kept = [block for index, (block, links) in enumerate(pieces[:end])
            if not (index < start and block.kind != "heading" and nav((block, links)))]
    return kept if kept else [block for block, _ in pieces]


def inline(element: Any) -> str:
    """An element's text with white space folded, line breaks kept, and sanitised."""
    return _fold_lines(joined_text(element))


def _fold_lines(text: str) -> str:
    """White space folded within each line, empty lines dropped, sanitised."""
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return clean_text("\n".join(line for line in lines if line))


def joined_text(element: Any) -> str:
    """``"".join(texts(element))``: an element without a line break (most of them) is read
    by lxml's own text iterator, without a Python step per node."""
    if next(element.iter("lb"), None) is None:
        return "".join(element.itertext())
    return "".join(texts(element))


def texts(element: Any) -> Iterator[str]:
    """The text pieces of an element in document order, a line break for each ``lb``;
    comments and processing instructions give only the text that follows them."""
    from lxml import etree

    for event, node in etree.iterwalk(element, events=("start", "end", "comment", "pi")):
        if event == "start":
            yield "\n" if node.tag == "lb" else ""
            yield node.text or ""
        elif node is not element:
            yield node.tail or ""


def list_items(element: Any, depth: int = 0) -> Iterator[str]:
    """A list's items, one line each; a nested list's items follow their parent's line,
    whose text does not repeat them."""
    for item in element:
        if not isinstance(item.tag, str):
            continue
        nested = [child for child in item if child.tag == "list"] if depth < _MAX_DEPTH else []
        own = copy.copy(item) if nested else item
        for child in [c for c in own if c.tag == "list"] if nested else []:
            _drop_keeping_tail(child)
        text = inline(own)
        if text:
            yield text
        for child in nested:
            yield from list_items(child, depth + 1)


def _drop_keeping_tail(element: Any) -> None:
    """Remove an element from its parent, keeping the text that follows it."""
    parent, previous = element.getparent(), element.getprevious()
    if element.tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)
