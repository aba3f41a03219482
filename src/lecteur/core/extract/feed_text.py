"""A feed entry's HTML (summary or content) as paragraphs, cheaply.

Feed text is short and already sanitised by feedparser; running the full article
extraction on each of thousands of entries would make a refresh crawl. So the fragment is
parsed once with lxml, block elements become paragraph breaks, and the text is cleaned for
the terminal. The full article, when wanted, goes through the real extraction later.
"""

from __future__ import annotations

import re

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
    text = _html_text(fragment) if "<" in fragment or "&" in fragment else fragment
    paragraphs = (" ".join(part.split()) for part in _PARAGRAPH_BREAK.split(text))
    return tuple(Block("paragraph", clean_text(p)) for p in paragraphs if p)


def _html_text(fragment: str) -> str:
    """The fragment's text, with a blank line wherever a block element starts or ends."""
    from lxml import etree, html

    try:
        root = html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return re.sub(r"<[^>]*>", " ", fragment)
    for element in root.iter(*_BREAK_TAGS):
        element.text = "\n\n" + (element.text or "")
        element.tail = "\n\n" + (element.tail or "")
    for element in root.iter("br"):
        element.tail = "\n\n" + (element.tail or "")
    for element in root.iter("script", "style"):
        element.drop_tree()
    return str(root.text_content())
