"""Showing untrusted text: always as plain `Text`, cleaned again, never as markup.

Titles, names, URLs, page text and error sentences may hold ``[AFP]``, ``[/`` or
``[@click=app.quit]``: Textual's markup would eat the first, crash on the second and run
the third. So nothing from a page or feed is ever put into a markup string; it becomes a
`rich.text.Text` built from the string (which Textual shows as it is), after the
sanitiser has run once more (terminal escapes and controls out).
"""

from __future__ import annotations

import re

from rich.cells import cell_len, set_cell_size
from rich.style import Style
from rich.text import Text

from lecteur.core.text.sanitize import clean_line, clean_text

ELLIPSIS = "…"
# Break only at ordinary spaces: a no-break space (« guillemets », 20 %) holds its words.
_BREAKS = re.compile(r"[ \t\n]+")
# French punctuation typed with an ordinary space stays with its word anyway.
_CLINGS_BACK = frozenset({":", ";", "!", "?", "»", "%", "!?", "?!", "…"})
_CLINGS_FORWARD = frozenset({"«", "—", "–"})


def plain(text: str | None, style: str | Style = "") -> Text:
    """One line of untrusted text (a title, a name, a URL) as safe `Text`."""
    return Text(clean_line(text), style=style, end="")


def plain_block(text: str | None, style: str = "") -> Text:
    """Untrusted body text (newlines kept) as safe `Text`."""
    return Text(clean_text(text or ""), style=style, end="")


def fit(text: str, width: int) -> str:
    """`text` cut to `width` cells at a word boundary with an ellipsis, then padded.

    Never splits a word unless the first word alone is wider than the space.
    """
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    room, used, end = width - 1, 0, 0
    for end, char in enumerate(text):  # noqa: B007 (end is used after the loop)
        used += cell_len(char)
        if used > room:
            break
    cut = text[:end]
    if text[end].isalnum() and " " in cut.strip():
        cut = cut[: cut.rstrip().rindex(" ")]
    return set_cell_size(cut.rstrip(" ,;:–—-") + ELLIPSIS, width)


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap by terminal cells; a word wider than `width` is split, nothing else.

    Much faster than Rich's wrapper for long plain paragraphs: the reading view lays out
    a 10,000-word article in a few tens of milliseconds.
    """
    width = max(1, width)
    lines: list[str] = []
    words: list[str] = []
    used = 0
    for word in _words(text):
        size = cell_len(word)
        if size > width:
            if words:
                lines.append(" ".join(words))
            words, used = [], 0
            lines.extend(_split_long(word, width))
            if lines and cell_len(lines[-1]) < width:
                last = lines.pop()
                words, used = [last], cell_len(last)
            continue
        if words and used + 1 + size > width:
            lines.append(" ".join(words))
            words, used = [word], size
        else:
            used += size + (1 if words else 0)
            words.append(word)
    if words:
        lines.append(" ".join(words))
    return lines


def _words(text: str) -> list[str]:
    """The unbreakable pieces of `text`: words, with French punctuation kept on them."""
    words: list[str] = []
    forward = ""
    for word in _BREAKS.split(text):
        if not word:
            continue
        if word in _CLINGS_FORWARD:
            forward += word + " "
            continue
        word, forward = forward + word, ""
        if word in _CLINGS_BACK and words:
            words[-1] += " " + word
        else:
            words.append(word)
    if forward:
        words.append(forward.rstrip())
    return words


def _split_long(word: str, width: int) -> list[str]:
    """Cut a word wider than the line into line-sized pieces (long URLs, mostly)."""
    pieces: list[str] = []
    current = ""
    for char in word:
        if cell_len(current + char) > width:
            pieces.append(current)
            current = ""
        current += char
    if current:
        pieces.append(current)
    return pieces


def marked(text: str | None, marks: tuple[tuple[int, int], ...], style: str | Style = "",
           mark_style: str | Style = "bold underline") -> Text:
    """One line of untrusted text as safe `Text`, with the spans in `marks` styled.

    The spans are offsets into `text` (a search snippet, a title): they are kept only if
    the sanitiser leaves the text as it is, else the line is shown unmarked.
    """
    shown = plain(text, style)
    if shown.plain != (text or ""):
        return shown
    for start, end in marks:
        if 0 <= start < end <= len(shown.plain):
            shown.stylize(mark_style, start, end)
    return shown
