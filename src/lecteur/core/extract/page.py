"""One guarded lxml parse of a page, shared by trafilatura and the readers of the raw HTML.

trafilatura, the author card (`lecteur.core.extract.authors.card`) and the quotation
marks (`lecteur.core.extract.markup`) all read the page; parsing it once here and passing
the tree to all three saves two parses a page (trafilatura works on a copy). Readers must
not modify the tree they are given.
"""

from __future__ import annotations

import functools
import re
from typing import Any

MAX_HTML = 5_000_000  # characters of a page that are parsed; more is not an article
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_Q_TAG = re.compile(r"<(/?)[qQ](?=[\s>/])[^>]*>")
_MARKS = {"en": (("“", "”"), ("‘", "’")), "fr": (("« ", " »"), ("“", "”"))}


def draw_q_marks(html: str, language: str | None = None) -> str:
    """The page with each ``<q>`` element's quotation marks written into its text.

    A browser draws a ``<q>``'s marks from CSS, so the text holds none; without them a
    quotation in ``<q>`` reads as narrative to trafilatura and to lecteur's rules. Outer
    marks are “…” (« … » for French), nested ones ‘…’ (“…” for French).
    """
    if ("<q" not in html and "<Q" not in html) or _Q_TAG.search(html) is None:
        return html
    marks = _MARKS["fr" if (language or "").lower().startswith("fr") else "en"]
    depth = 0

    def mark(match: re.Match[str]) -> str:
        nonlocal depth
        if match.group(1):  # a closing tag
            if depth == 0:
                return ""
            depth -= 1
            return marks[min(depth, 1)][1]
        depth += 1
        return marks[min(depth - 1, 1)][0]

    return _Q_TAG.sub(mark, html)


def mark_q_elements(tree: Any, language: str | None = None) -> None:
    """`draw_q_marks` on a parsed page: each ``<q>`` element's marks written into its
    text, in place (a walk in lxml's C code, cheaper than a pass over the page's text)."""
    marks = _MARKS["fr" if (language or "").lower().startswith("fr") else "en"]
    for element in tree.iter("q"):
        depth = sum(1 for _ancestor in element.iterancestors("q"))
        opening, closing = marks[min(depth, 1)]
        element.text = opening + (element.text or "")
        if len(element):
            element[-1].tail = (element[-1].tail or "") + closing
        else:
            element.text += closing


def short_text(element: Any, limit: int) -> str | None:
    """The element's text as ``text_content()`` gives it, or None as soon as that text,
    white space at its ends left out, is longer than `limit` characters.

    Reading stops there: asking a huge container (a ``<div>`` holding the whole page,
    an ``<h1>`` left open) whether it is a short label costs the label, not the
    container, so a reader that asks it of many elements stays linear in the page.
    """
    parts: list[str] = []
    size, check = 0, limit
    for piece in element.itertext():
        parts.append(piece)
        size += len(piece)
        if size > check:  # what was read, stripped, is a prefix of the whole text stripped
            if len("".join(parts).strip()) > limit:
                return None
            check = 2 * size
    text = "".join(parts)
    return None if size > limit and len(text.strip()) > limit else text


def parse_page(html: str) -> Any | None:
    """The lxml.html tree of a page, or None if it cannot be parsed or holds nothing.

    The page is parsed as trafilatura parses it (`trafilatura.utils.load_html`: its
    repairs, its parser's options, comments and processing instructions dropped, its
    fallback to bytes and its rejection of what is not HTML), so the one tree serves
    both trafilatura, which copies what it is given, and lecteur's readers of the raw
    page. A page that parser refuses is parsed by lxml as it is. A leading ``<?xml …?>``
    declaration is dropped (lxml refuses one in a str) and only the first `MAX_HTML`
    characters are read. Never raises on bad markup: a parser error, an encoding
    declaration lxml rejects, or nesting too deep for it gives None.

    The one difference from trafilatura's own parse is how lxml picks the Python class
    of an element (`_parser`), which makes every element read from Python, by
    trafilatura or by lecteur, cheaper.
    """
    import lxml.html
    from lxml import etree

    try:
        text = _XML_DECLARATION.sub("", html[:MAX_HTML], count=1)
        if not text.strip():
            return None
        tree = _load_html(text)
        return tree if tree is not None else lxml.html.fromstring(text)
    except (etree.LxmlError, ValueError, TypeError, RecursionError):
        return None


@functools.cache
def _parser() -> Any:
    """trafilatura's HTML parser (`trafilatura.utils.HTML_PARSER`: the same options) with
    lxml's default class lookup, made in C, instead of lxml.html's, a Python method
    called for each element the first time Python sees it (a fifth of the cost of
    walking a page's elements, and about a tenth of trafilatura's pass over it). Every
    element is an ``HtmlElement``; lxml.html's form classes (``FormElement``,
    ``InputElement``…), which neither trafilatura nor lecteur use, are not made."""
    import lxml.html
    from lxml import etree

    parser = lxml.html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                                  remove_comments=True, remove_pis=True)
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(
        element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment,
        pi=lxml.html.HtmlProcessingInstruction, entity=lxml.html.HtmlEntity))
    return parser


def _load_html(text: str) -> Any | None:
    """`trafilatura.utils.load_html` on a str, step for step, with `_parser`: the repairs,
    the parse of the text, of its UTF-8 bytes if that fails or gives an empty tree, and
    None for a page that holds no ``html`` in its first characters and parses to fewer
    than two elements."""
    import lxml.html
    from trafilatura.utils import is_dubious_html, repair_faulty_html

    beginning = text[:50].lower()
    dubious = is_dubious_html(beginning)
    text = repair_faulty_html(text, beginning)
    tree, from_bytes = None, False
    try:
        tree = lxml.html.fromstring(text, parser=_parser())
    except ValueError:  # "Unicode strings with encoding declaration are not supported."
        tree, from_bytes = _from_bytes(text), True
    except Exception:  # as trafilatura: any other parser failure, then the bytes
        tree = None
    if (tree is None or len(tree) < 1) and not from_bytes:
        tree = _from_bytes(text)
    if tree is not None and dubious and len(tree) < 2:
        return None
    return tree


def _from_bytes(text: str) -> Any | None:
    """The page parsed from its UTF-8 bytes (`trafilatura.utils.fromstring_bytes`)."""
    import lxml.html

    try:
        return lxml.html.fromstring(text.encode("utf8", "surrogatepass"), parser=_parser())
    except Exception:  # as trafilatura
        return None
