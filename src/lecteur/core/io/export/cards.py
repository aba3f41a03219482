"""Quote cards: a quotation or a highlight, with who said it and where, to share.

Two renderings of the same `Card`: plain text (for a message or a post) and a standalone
SVG image. Every string is sanitised, then escaped for XML (``<``, ``&`` and quotes from a
page are text in the image, never markup), and characters XML cannot hold are dropped; the
layout wraps words itself (SVG does not), at a width measured in characters of the font
size, so the card is the same on every machine (pinned by a golden file).
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

from lecteur.core.text.sanitize import clean_line, clean_text

WIDTH = 800
PADDING = 56
QUOTE_SIZE = 28
LINE_HEIGHT = 1.4
SMALL_SIZE = 18
_CHAR_WIDTH = 0.52  # of the font size: an average glyph of a proportional serif
_NOT_XML = re.compile("[^\t\n\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_FRENCH_SPACE = re.compile(r"(?<=«) | (?=[»:;!?])")
_OPENING = "«“\"„‹'‘"
_CLOSING = "»”\"“›'’"
_COLOURS = {"paper": "#f6f1e7", "ink": "#2b2a28", "accent": "#8a5a2b", "muted": "#6d675f"}


@dataclass(frozen=True)
class Card:
    """What a card shows: the words, who said them, and the piece they come from."""

    text: str
    speaker: str | None
    title: str
    author: str | None = None
    date: str | None = None
    url: str | None = None
    site: str | None = None


def _source(card: Card) -> str:
    """``Title, Author, Site, 2024-02-03`` (what is known of it)."""
    parts = [clean_line(card.title), clean_line(card.author), clean_line(card.site),
             clean_line(card.date)]
    return ", ".join(part for part in parts if part)


def _quoted(text: str) -> str:
    """The words in quotation marks, unless the page already wrote them so (« ... »)."""
    words = clean_text(text).strip()
    if words[:1] in _OPENING and words[-1:] in _CLOSING:
        return words
    return f"“{words}”"


def card_text(card: Card) -> str:
    """The card as plain text: the words in quotation marks, the speaker, the source."""
    lines = [_quoted(card.text)]
    if card.speaker:
        lines.append(f"— {clean_line(card.speaker)}")
    lines.append(_source(card))
    if card.url:
        lines.append(clean_line(card.url))
    return "\n".join(lines) + "\n"


def _xml(text: str) -> str:
    """Text for SVG, as ``xml.sax.saxutils.escape`` with quotes writes it (that module
    imports urllib.request, http and email: 8 MB that every export paid, cards or not)."""
    text = _NOT_XML.sub("", text).replace("&", "&amp;").replace(">", "&gt;")
    return text.replace("<", "&lt;").replace('"', "&quot;").replace("'", "&apos;")


def _wrapped(text: str, size: int) -> list[str]:
    """`text` in lines that fit the card at `size`; a French mark or sign never starts a
    line alone (« and » hold to their words, as do : ; ! ? after a space)."""
    columns = max(10, int((WIDTH - 2 * PADDING) / (size * _CHAR_WIDTH)))
    text = _FRENCH_SPACE.sub("\u00a0", clean_text(text))
    lines: list[str] = []
    for paragraph in text.strip().split("\n"):
        lines.extend(textwrap.wrap(paragraph, columns) or [""])
    return lines


def _text_block(lines: list[str], y: float, size: int, fill: str, extra: str = "") -> str:
    """One ``<text>`` element, a ``<tspan>`` per line, the first baseline at `y`."""
    step = size * LINE_HEIGHT
    spans = "".join(
        f'<tspan x="{PADDING}" dy="{0 if index == 0 else step:g}">{_xml(line)}</tspan>'
        for index, line in enumerate(lines))
    return (f'<text x="{PADDING}" y="{y:g}" font-size="{size}" fill="{fill}"{extra}>'
            f"{spans}</text>")


def card_svg(card: Card) -> str:
    """The card as a standalone SVG image (UTF-8 text)."""
    quote = _wrapped(_quoted(card.text), QUOTE_SIZE)
    speaker = [f"— {clean_line(card.speaker)}"] if card.speaker else []
    source = _wrapped(_source(card), SMALL_SIZE)
    y: float = PADDING + QUOTE_SIZE
    parts = [_text_block(quote, y, QUOTE_SIZE, _COLOURS["ink"], ' font-style="italic"')]
    y += (len(quote) - 1) * QUOTE_SIZE * LINE_HEIGHT + QUOTE_SIZE * 1.6
    if speaker:
        parts.append(_text_block(speaker, y, SMALL_SIZE + 4, _COLOURS["accent"],
                                 ' font-weight="bold"'))
        y += (SMALL_SIZE + 4) * 1.8
    parts.append(_text_block(source, y, SMALL_SIZE, _COLOURS["muted"]))
    height = round(y + (len(source) - 1) * SMALL_SIZE * LINE_HEIGHT + PADDING)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="Georgia, \'Times New Roman\', serif">\n'
        f'<rect width="{WIDTH}" height="{height}" rx="18" fill="{_COLOURS["paper"]}"/>\n'
        f'<rect x="{PADDING - 24}" y="{PADDING - 8}" width="4" '
        f'height="{round(y - PADDING - 12)}" fill="{_COLOURS["accent"]}"/>\n'
        + "\n".join(parts) + "\n</svg>\n")
