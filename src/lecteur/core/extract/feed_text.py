"""A feed entry's HTML (summary or content) as paragraphs, cheaply.

Feed text is short and already sanitised by feedparser; running the full article
extraction on each of thousands of entries would make a refresh crawl. So block elements
become paragraph breaks and the text is cleaned for the terminal: a simple fragment (most
summaries) is read as it is written, any other is parsed once with lxml, and both give the
same paragraphs. The full article, when wanted, goes through the real extraction later.
"""

from __future__ import annotations

import re
import unicodedata
from html import unescape
from typing import Any

from lecteur.core.models import Block
from lecteur.core.text.sanitize import clean_text

MAX_FRAGMENT = 256 * 1024  # a summary longer than this is cut before parsing
_BREAK_TAGS = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre",
               "tr", "ul", "ol", "section", "article", "figure", "figcaption", "dd", "dt",
               "table", "header", "footer", "aside")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def feed_blocks(fragment: str) -> tuple[Block, ...]:
    """The paragraphs of a feed entry's text (HTML or plain), as blocks."""
    fragment = fragment[:MAX_FRAGMENT]
    if not fragment.strip():
        return ()
    if "<" in fragment or "&" in fragment:
        text = _simple_html_text(fragment)
        if text is None:
            text = _html_text(fragment)
    else:
        text = fragment
    paragraphs = (_paragraph(part) for part in _PARAGRAPH_BREAK.split(text))
    return tuple(Block("paragraph", p) for p in paragraphs if p)


def _paragraph(part: str) -> str:
    """One paragraph's text: its spaces joined, then cleaned (`clean_text`).

    A part that is printable (no control, format or separator character but the plain
    space: so nothing `clean_text` removes, and no space `str.split` sees but the plain
    one) without a double, leading or trailing space is already both: only its NFC is
    left to make. Most feed paragraphs are; splitting and joining their words, then
    searching them for what to clean, was a fifth of reading a feed item."""
    if part.isprintable() and "  " not in part and part[:1] != " " and part[-1:] != " ":
        return part if part.isascii() else unicodedata.normalize("NFC", part)
    return clean_text(" ".join(part.split()))


# A simple fragment: text, the tags below properly nested (any case, plain attributes)
# and the commonest character references. Most feeds' summaries are (<p>, <a href>, <em>,
# <br>, &amp;...); lxml's parse of each was half the time of reading a feed item. Left
# out, for lxml: what libxml2 restructures or drops (a block inside an inline, an end tag
# that closes nothing, <sup> whose following space it drops, HTML5's tags it does not
# know), comments, scripts, control characters and every other reference.
_INLINE = frozenset("a abbr b cite code em i kbd q s small span strong u".split())
_BLOCK = frozenset("p div h1 h2 h3 h4 h5 h6 li ul ol blockquote pre dd dt".split())
_ATTRIBUTES = r"""(?:\s+[a-z][-a-z0-9:]*+(?:\s*=\s*(?:"[^"<>&]*+"|'[^'<>&]*+'))?)*+\s*"""
_NAMES = "|".join(sorted(_INLINE | _BLOCK | {"br"}, key=len, reverse=True))
_TAG = rf"<(/?)({_NAMES})(?:{_ATTRIBUTES}|\s*)(/?)>"
_TEXT = "[^<&\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]++"
_REFERENCE = r"&(?:amp|lt|gt|quot|nbsp|#[1-9][0-9]{1,3}|#x[0-9a-f]{2,3});"
_SIMPLE = re.compile(rf"(?:{_TEXT}|{_TAG}|{_REFERENCE})*+", re.IGNORECASE)
_TAGS = re.compile(_TAG, re.IGNORECASE)
_REFERENCE_NUMBER = re.compile(r"&#(x?)([0-9a-f]+);", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^>]*>")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _simple_html_text(fragment: str) -> str | None:
    """`_html_text` of a simple fragment (see `_SIMPLE`), without parsing it; None for
    any other, which lxml reads. Block tags open and close paragraphs, other tags go, and
    the references are decoded: the paragraphs lxml gives once they are split and their
    spaces joined (``tests/test_feed_text.py`` compares both on generated fragments)."""
    if not _SIMPLE.fullmatch(fragment) or not _plain_numbers(fragment):
        return None
    tags = [(bool(close), name.lower(), bool(empty))
            for close, name, empty in _TAGS.findall(fragment)]
    if not _nested(tags):
        return None
    return unescape(_TAGS.sub(_break_or_nothing, fragment))


def _break_or_nothing(tag: re.Match[str]) -> str:
    """A block's start or end, and <br>, break the paragraph; other tags go."""
    name = tag.group(2).lower()
    return "\n\n" if name in _BLOCK or name == "br" else ""


def _nested(tags: list[tuple[bool, str, bool]]) -> bool:
    """Whether the tags nest as libxml2 reads them as written: every end tag closes the
    element open last, no block opens inside an inline, and the only implicit end is
    a paragraph's or list item's at the start of the next block (where both put a break)."""
    open_: list[str] = []
    for close, name, empty in tags:
        if name == "br":
            if close:
                return False
            continue
        if empty:
            return False  # <p/>: libxml2 opens a paragraph that runs on
        if close:
            if not open_ or open_.pop() != name:
                return False
            continue
        if name in _BLOCK:
            if any(tag in _INLINE for tag in open_):
                return False
            if open_ and (open_[-1] == "p" or (open_[-1] == "li" and name == "li")):
                open_.pop()
        open_.append(name)
    return True


def _plain_numbers(fragment: str) -> bool:
    """Whether every numeric reference names a character both decoders agree on: not a
    control, not a C1 code (which html remaps from Windows-1252), not a surrogate."""
    for hexadecimal, digits in _REFERENCE_NUMBER.findall(fragment):
        code = int(digits, 16 if hexadecimal else 10)
        if code < 0x20 or 0x7F <= code < 0xA0 or 0xD800 <= code < 0xE000 or code > 0xFFFD:
            return False
    return True


def _html_text(fragment: str) -> str:
    """The fragment's text, with a blank line wherever a block element starts or ends."""
    from lxml import etree, html

    try:
        root = html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return _ANY_TAG.sub(" ", fragment)
    try:
        return _broken_text(root)
    except ValueError:  # lxml parsed a control character (or &#1;) it refuses to set again
        root = html.fragment_fromstring(fragment, create_parent="div")
        for element in root.iter():
            if isinstance(element.tag, str):
                element.text = _NOT_XML.sub("", element.text or "") or None
                element.tail = _NOT_XML.sub("", element.tail or "") or None
        return _broken_text(root)


def _broken_text(root: Any) -> str:
    """The text of `root` (an lxml element, changed here) with the paragraphs' breaks."""
    for element in root.iter(*_BREAK_TAGS):
        element.text = "\n\n" + (element.text or "")
        element.tail = "\n\n" + (element.tail or "")
    for element in root.iter("br"):
        element.tail = "\n\n" + (element.tail or "")
    for element in root.iter("script", "style"):
        element.drop_tree()
    return str(root.text_content())
