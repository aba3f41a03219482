"""One guarded lxml parse of a page, shared by the readers of the raw HTML.

The author card (`lecteur.core.extract.authors.card`) and the quotation marks
(`lecteur.core.extract.markup`) both read the page as the browser shows it, before
trafilatura cleans it; parsing it once here and passing the tree to both halves the cost.
Readers must not modify the tree they are given.
"""

from __future__ import annotations

import re
from typing import Any

MAX_HTML = 5_000_000  # characters of a page that are parsed; more is not an article
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")


def parse_page(html: str) -> Any | None:
    """The lxml.html tree of a page, or None if it cannot be parsed or holds nothing.

    A leading ``<?xml …?>`` declaration is dropped (lxml refuses one in a str) and only the
    first `MAX_HTML` characters are read. Never raises on bad markup: a parser error, an
    encoding declaration lxml rejects, or nesting too deep for it gives None.
    """
    import lxml.html
    from lxml import etree

    try:
        text = _XML_DECLARATION.sub("", html[:MAX_HTML], count=1)
        return lxml.html.fromstring(text) if text.strip() else None
    except (etree.LxmlError, ValueError, TypeError, RecursionError):
        return None
