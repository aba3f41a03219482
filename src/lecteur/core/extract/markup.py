"""Read the quotations the raw page marks up, which the extractor drops or loses.

trafilatura keeps a ``<blockquote>``'s paragraphs but drops its ``<cite>``, ``<footer>`` and
``<figcaption>``, the ``— Name`` paragraph a CMS puts under a quotation, and at times a
whole ``<figure>`` quotation. This module reads them from the page's own tree (parsed once
by `lecteur.core.extract.page.parse_page`) so that
`lecteur.core.extract.quotations.attribute` can name the speaker and `restore_lost` can put
a dropped quotation back where it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lecteur.core.extract.page import short_text
from lecteur.core.extract.signatures import signature
from lecteur.core.extract.speakers import find_names
from lecteur.core.extract.voices import Hint, hint_key
from lecteur.core.models import Block
from lecteur.core.text.sanitize import clean_text


@dataclass(frozen=True)
class MarkupQuote:
    """A quotation as the raw page marks it up, with what comes just before it."""

    text: str
    speaker: str | None
    after: str  # hint_key of the element before the quotation (to place it if lost)
    cite: str | None = None  # the attribution line as the page wrote it


_SPEAKER_TAGS = ("p", "cite", "figcaption", "footer", "span", "div")
_SIGNATURE_STARTS = "—–―-["
_SIGNATURE_MAX = 140  # characters: a longer element is no signature line
_EMBED_STARTS = ("a post", "une publicat", "publié", "posted", "shared")


def markup_quotes(tree: Any | None) -> list[MarkupQuote]:
    """The page's ``<blockquote>`` elements and the speakers its markup gives quotations.

    A speaker comes from ``<cite>``, ``<footer>`` or ``<figcaption>``, or from a
    ``— Name`` element right after the quotation (a blockquote or a quoted paragraph).
    trafilatura drops these elements, and sometimes a whole ``<figure>`` quotation, so
    they are read from the raw page.
    """
    if tree is None:
        return []
    found: dict[str, MarkupQuote] = {}
    for quote in tree.iter("blockquote"):
        text = _quote_text(quote)
        if text:
            speaker, cite = _markup_speaker(quote, text)
            found[hint_key(text)] = MarkupQuote(text, speaker, _before(quote), cite)
    for element in tree.iter(*_SPEAKER_TAGS):
        signed = _signature_of(element)
        target = _quoted_before(element) if signed else None
        if target is None or signed is None:
            continue
        known = found.get(hint_key(target))
        if known is None or known.speaker is None:
            found[hint_key(target)] = MarkupQuote(target, signed[0], known.after if known else "",
                                                  element.text_content().strip())
    return list(found.values())


def _quote_text(quote: Any) -> str:
    paragraphs = [p.text_content().strip() for p in quote.iter("p")]
    return "\n\n".join(p for p in paragraphs if p) or quote.text_content().strip()


def _before(element: Any) -> str:
    """The hint key of the text just before an element (its figure's, if it has one)."""
    if element.getparent() is not None and element.getparent().tag == "figure":
        element = element.getparent()
    previous = element.getprevious()
    while previous is not None and not previous.text_content().strip():
        previous = previous.getprevious()
    return hint_key(previous.text_content()) if previous is not None else ""


def _signature_of(element: Any) -> tuple[str, str | None] | None:
    """The (name, role) of a short signature element (``— Name, role``, ``[Outlet]``);
    only the outermost element of the line is read."""
    if len(element) > 6:
        return None  # a signature line holds a link or two, not a section of the page
    first = (element.text or "").lstrip()
    if not first and len(element):
        first = (element[0].text or "").lstrip()
    if not first or (first[0] not in _SIGNATURE_STARTS and \
            not first[:12].lower().startswith(_EMBED_STARTS)):
        return None  # cheap test before reading the element's whole text
    text = element.text_content().strip()  # a few children at most (above): read in C
    if not text or len(text) > _SIGNATURE_MAX:
        return None
    parent = element.getparent()
    if parent is not None and parent.tag in _SPEAKER_TAGS and \
            (short_text(parent, len(text)) or "").strip() == text:
        return None  # only the outermost element of the line (read no further than it)
    return signature(text)


def _quoted_before(element: Any) -> str | None:
    """The quotation a ``— Name`` element signs: the blockquote or paragraph before it."""
    parent = element.getparent()
    if parent is not None and parent.tag in ("blockquote", "figure"):
        quote = parent if parent.tag == "blockquote" else parent.find(".//blockquote")
        return _quote_text(quote) if quote is not None else None
    previous = element.getprevious()
    if previous is not None and previous.tag in ("p", "blockquote"):
        return _quote_text(previous) if previous.tag == "blockquote" else \
            previous.text_content().strip()
    return None


def _markup_speaker(quote: Any, text: str) -> tuple[str | None, str | None]:
    """The (name, line) a blockquote's cite/footer/figcaption or credit line gives."""
    candidates = [el.text_content() for el in quote.iter("cite", "footer", "figcaption")]
    parent = quote.getparent()
    if parent is not None and parent.tag == "figure":
        candidates += [el.text_content() for el in parent.iter("figcaption")]
    rest = quote.text_content()
    for paragraph in text.split("\n\n"):
        rest = rest.replace(paragraph, " ")
    candidates.append(rest)
    for candidate in (" ".join(c.split()) for c in candidates):
        if not candidate or len(candidate) > 140:
            continue
        signed = signature(candidate)
        if signed:
            return signed[0], candidate
        names = find_names(candidate.lstrip("—–- "))
        if names:
            return names[0][1], candidate
    return None, None


def restore_lost(blocks: list[Block], quotes: list[MarkupQuote]) -> list[Block]:
    """Put back blockquotes the extractor dropped, after the text that preceded them."""
    if not quotes:
        return blocks
    out = list(blocks)
    keys = [hint_key(b.text) for b in out]  # each block's key, computed once
    present = set(keys)
    for quote in quotes:
        key = hint_key(quote.text)
        if not quote.after or key in present or \
                any(k.startswith(key) or key.startswith(k) for k in present if k):
            continue
        at = next((i for i, k in enumerate(keys) if k == quote.after), None)
        if at is not None:
            out.insert(at + 1, Block("quote", clean_text(quote.text)))
            keys.insert(at + 1, hint_key(out[at + 1].text))
            present.add(key)
    return out


def hints_of(quotes: list[MarkupQuote]) -> dict[str, Hint]:
    """Speaker hints (name, attribution line) keyed by quotation text, for `attribute`."""
    return {hint_key(q.text): (q.speaker, q.cite) for q in quotes if q.speaker}
