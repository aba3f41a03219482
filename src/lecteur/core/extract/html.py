"""Turn a web page or a text file into a clean `Article`.

HTML goes through trafilatura's XML output, which (unlike its Markdown output) keeps block
quotations, headings, lists and code apart; lecteur walks that tree into its own blocks
(`lecteur.core.extract.body`), cleans the title (`lecteur.core.extract.titles`), builds the
author card and lifts the byline's husk from the body (`lecteur.core.extract.husk`). Text
files go through `lecteur.core.extract.plaintext`. Either way every string is
sanitised (`lecteur.core.text.sanitize`) before it leaves this module.

These functions are CPU-bound and trust nothing about their input; callers run them in
an isolated worker process (`lecteur.core.workers.pool`) with a time and memory limit.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Iterator
from itertools import islice
from typing import Any
from urllib.parse import urlsplit

from lecteur.core.errors import ExtractError
from lecteur.core.extract import plaintext
from lecteur.core.extract.authors.agency import agency_signoff
from lecteur.core.extract.authors.card import author_from_html, author_from_text
from lecteur.core.extract.body import body_blocks, inline, joined_text, list_items
from lecteur.core.extract.husk import drop_byline_husks
from lecteur.core.extract.markup import MarkupQuote, hints_of, markup_quotes, restore_lost
from lecteur.core.extract.page import (
    MAX_HTML,
    draw_q_marks,
    mark_q_elements,
    parse_page,
    short_text,
)
from lecteur.core.extract.quotations import attribute
from lecteur.core.extract.titles import clean_title, html_title
from lecteur.core.models import Article, Block, BlockKind
from lecteur.core.text.dates import find_date
from lecteur.core.text.language import detect_language
from lecteur.core.text.sanitize import clean_line, clean_text

MAX_TREE_SIZE = 50_000  # elements in the extracted body; more is not an article
MIN_ARTICLE_WORDS = 30  # a login form or an error page extracts to a handful of words
_SENTENCE_WORDS = 4  # ... but a short post of whole sentences is an article all the same
_ARTICLE_CHARS = 200  # and so is text without spaces between words (Chinese, Japanese)
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)?)",
                        re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_H1_READ = 5
_H1_CHARS = 2000  # no title is longer
# A numeric reference to a C0 control or DEL (``&#7;``, ``&#x1B;``, ``&#0;``): lxml refuses
# the whole document for one ("No article could be found"); the sanitiser would drop the
# character anyway. Tab (9), line feed (10) and carriage return (13) are ordinary white
# space and stay. The pattern names the codes themselves, so that the page's thousands of
# ordinary references (``&#8217;``) cost a scan in C, not a Python call each.
_CONTROL_REFERENCE = re.compile(
    r"&#(?:[xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F]|7[fF])(?![0-9a-fA-F])"
    r"|0*(?:[0-8]|1[124-9]|2[0-9]|3[01]|127)(?![0-9]));?")
_SIGNOFF_SPAN = 6  # blocks at the end where an agency signs ("(AFP)"), furniture after it


@functools.cache
def _base_options() -> Any:
    """trafilatura's options with lecteur's limits (built once per worker: it reads files)."""
    from trafilatura.settings import Extractor, use_config

    config = use_config()
    config.set("DEFAULT", "MAX_TREE_SIZE", str(MAX_TREE_SIZE))
    config.set("DEFAULT", "EXTENSIVE_DATE_SEARCH", "off")
    return Extractor(config=config, output_format="xml", with_metadata=True, comments=False,
                     tables=True, links=True, formatting=False, dedup=False)


def _options(url: str | None) -> Any:
    """trafilatura's options for one page: the shared ones with this page's URL."""
    options = copy.copy(_base_options())
    options.url = options.source = url
    return options


def extract_html(html: str, source: str, url: str | None = None) -> Article:
    """Extract the article from a page's HTML; raise ExtractError if there is none.

    `trafilatura.bare_extraction` gives the cleaned tree directly: the same elements as its
    XML output (``p``, ``head``, ``quote``, ``list``, ``code``, ``table``, ``ref``) without
    serialising, fingerprinting and parsing it again, which is most of what lecteur's own
    analysis costs.
    """
    import trafilatura

    html = drop_control_references(html)
    lang_match = _HTML_LANG.search(html[:5000])
    declared = lang_match.group(1) if lang_match else None
    tree = parse_page(html)
    shared = tree is not None and len(html) <= MAX_HTML  # the raw readers see a prefix only
    if shared:
        mark_q_elements(tree, declared)
    else:
        html = draw_q_marks(html, declared)
        tree = parse_page(html)
    document: Any = trafilatura.bare_extraction(tree if shared else html, options=_options(url))
    if document is None or document.body is None:
        raise ExtractError("extract.none", source=source)
    blocks = _drop_title_heading(list(body_blocks(document.body, _element_text)), document.title)
    raw_quotes = _markup_quotes(tree)
    blocks = attribute(restore_lost(blocks, raw_quotes), hints_of(raw_quotes))
    words = sum(len(b.text.split()) for b in blocks)
    if words < MIN_ARTICLE_WORDS and not _reads_as_text(blocks):
        raise ExtractError("extract.too_short", source=source, words=words)
    return _article(document, blocks, html, tree, source, url)


def drop_control_references(html: str) -> str:
    """`html` without numeric references to C0 controls and DEL (see `_CONTROL_REFERENCE`)."""
    if "&#" not in html:
        return html
    return _CONTROL_REFERENCE.sub("", html)


def _markup_quotes(tree: Any) -> list[MarkupQuote]:
    """The quotations the raw page marks up, or none if its markup trips the reader: a
    quotation's speaker is a bonus, never a reason to refuse the article."""
    from lxml import etree

    try:
        return markup_quotes(tree)
    except (etree.LxmlError, ValueError, TypeError, AttributeError, RecursionError):
        return []


def _reads_as_text(blocks: list[Block]) -> bool:
    """Whether a body too short in words is text all the same: a short post of whole
    sentences, or a language written without spaces between words."""
    letters = sum(len("".join(b.text.split())) for b in blocks)
    return letters >= _ARTICLE_CHARS or any(map(_is_sentence, blocks))


def _is_sentence(block: Block) -> bool:
    """Whether a block reads as prose (a few words ending a sentence), which a short post
    has and a login form or an error page's labels do not."""
    words = block.text.split()
    return block.kind in ("paragraph", "quote") and len(words) >= _SENTENCE_WORDS \
        and block.text.rstrip("»”\"’) ").endswith((".", "!", "?", "…"))


def _article(doc: Any, blocks: list[Block], html: str, tree: Any, source: str,
             url: str | None) -> Article:
    """Assemble the article from trafilatura's metadata and the body blocks."""
    body = "\n".join(b.text for b in blocks)
    lang_match = _HTML_LANG.search(html[:5000])
    page_url = trusted_canonical(clean_line(doc.url), url) or url
    author = author_from_html(html, doc.author, page_url, tree=tree, signoff=_signoff(blocks))
    site = (doc.sitename, doc.hostname, urlsplit(page_url or "").hostname,
            author.name if author else None)
    title = clean_title(clean_line(doc.title), html_title(html), site, _headings(tree)) \
        or _first_heading(blocks) or source
    names = [author.name, *author.name.split(", ")] if author else []
    blocks = drop_byline_husks(_drop_title_heading(blocks, title), names)
    return Article(
        source=source,
        url=page_url,
        title=title,
        date=doc.date or find_date(body),
        language=detect_language(body, lang_match.group(1) if lang_match else None),
        sitename=clean_line(doc.sitename) or clean_line(doc.hostname) or None,
        author=author,
        blocks=tuple(blocks),
        links=tuple(_links(doc.body)),
    )


def trusted_canonical(declared: str, fetched: str | None) -> str | None:
    """The page's declared address (``<link rel="canonical">``, ``og:url``) if lecteur may
    believe it, else None.

    A page fetched from the web may only name an address on its own registrable domain: a
    page on any other site that names a saved article's address would otherwise be saved
    as that article (issue 10). A local file has no site of its own; its declared
    address is kept (it is how a page saved from a browser says where it came from), and
    saving over an article keeps the earlier text (`lecteur.core.library.versions`).
    """
    if not declared.lower().startswith(("http://", "https://")):
        return None
    if fetched is None:
        return declared
    from lecteur.core.text.domains import same_site

    return declared if same_site(declared, fetched) else None


def _element_text(element: Any, kind: BlockKind) -> str:
    """The clean text of one block element; lists and tables keep one line per item."""
    if kind == "list":
        return "\n".join(list_items(element))
    if element.tag == "table":
        rows = [" | ".join(map(inline, row.iter("cell"))) for row in element.iter("row")]
        return "\n".join(row for row in rows if row.strip(" |"))
    if kind == "quote":
        return "\n\n".join(_quote_parts(element))
    if kind == "code":
        return clean_text(joined_text(element)).strip("\n")
    return inline(element)


def _quote_parts(element: Any) -> list[str]:
    """A quotation's paragraphs, and loose text such as a ``<cite>`` line, in order."""
    parts = [clean_text(element.text or "").strip()]
    for child in element:
        parts.append(inline(child) if child.tag == "p" else clean_text("".join(child.itertext())))
        parts.append(clean_text(child.tail or "").strip())
    return [_SPACE.sub(" ", part).strip() for part in parts if part and part.strip()]


def _links(body: Any) -> Iterator[str]:
    """Distinct link targets in the body, in order (only http, https and mailto)."""
    seen: set[str] = set()
    for ref in body.iter("ref"):
        target = clean_line(ref.get("target"))
        if target.lower().startswith(("http://", "https://", "mailto:")) and target not in seen:
            seen.add(target)
            yield target


def _drop_title_heading(blocks: list[Block], title: str | None) -> list[Block]:
    """Drop a leading heading that repeats the title (the reader shows the title once)."""
    if blocks and title and blocks[0].kind == "heading" and blocks[0].text == clean_line(title):
        return blocks[1:]
    return blocks


def _signoff(blocks: list[Block]) -> str | None:
    """The agency that signs the body's end ("… (AFP)"), in its last few paragraphs."""
    tail = [b for b in blocks[-_SIGNOFF_SPAN:] if b.kind == "paragraph"]
    return next((name for b in reversed(tail) if (name := agency_signoff(b.text))), None)


def _headings(tree: Any) -> list[str]:
    """The texts of the page's first few ``<h1>`` (one of them is often the title); an
    ``<h1>`` holding more text than a title could (one left open around the page) gives
    "" after reading no further than that."""
    if tree is None:
        return []
    return [" ".join((short_text(h, _H1_CHARS) or "").split())
            for h in islice(tree.iter("h1"), _H1_READ)]


def _first_heading(blocks: list[Block]) -> str | None:
    return next((b.text for b in blocks if b.kind == "heading"), None)


def extract_text(text: str, source: str, url: str | None = None) -> Article:
    """Extract the article from plain text (a page saved or pasted as text, or Markdown)."""
    parsed = plaintext.parse(clean_text(text))
    if not parsed.blocks:
        raise ExtractError("extract.empty", source=source)
    parsed.blocks = attribute(parsed.blocks)
    body = "\n".join(b.text for b in parsed.blocks)
    return Article(
        source=source,
        url=url,
        title=parsed.title or source,
        date=parsed.date or find_date(body),
        language=detect_language(body),
        sitename=None,
        author=author_from_text(parsed.author_lines, parsed.author),
        blocks=tuple(parsed.blocks),
        links=tuple(parsed.links),
    )
