"""Make untrusted text safe to store and to show in a terminal.

Every string that comes from the web (page text, titles, authors, URLs, feed fields) passes
through `clean_text` (body text) or `clean_line` (titles, names, one-line fields) once at
ingest, and again at render time. Terminals act on escape sequences (clipboard writes with
OSC 52, spoofed links with OSC 8, title reports that write back to stdin), and Rich and
Textual pass ESC through untouched, so this is the one place that removes them.

What is removed:
- whole escape sequences (CSI, OSC, DCS, SOS, PM, APC and two-byte ESC sequences), each
  replaced by a visible ``␛`` so a reader can see that something was there;
- C0 controls except newline and tab, DEL, and C1 controls (U+0080-U+009F);
- NUL, and lone surrogates (replaced by U+FFFD) so the text can be stored as UTF-8.

An unterminated sequence keeps its text: only its ESC becomes ``␛``, so nothing is lost
and nothing active remains. Text is NFC-normalised so that "é" typed or pasted in either
Unicode form is stored and searched the same way.
"""

from __future__ import annotations

import re
import unicodedata

ESCAPE_MARK = "\u241b"  # ␛ SYMBOL FOR ESCAPE

# A string terminator ends OSC/DCS/SOS/PM/APC: BEL, ESC \, or the C1 ST (U+009C).
_ST = r"(?:\x07|\x1b\\|\x9c)"
_ESCAPE_SEQUENCE = re.compile(
    "|".join(
        [
            r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]",  # CSI (7-bit and C1)
            r"(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*?" + _ST,  # OSC DCS SOS PM APC
            r"\x1b[\x20-\x2f]*[\x30-\x7e]",  # two-byte (and nF) escape sequences
        ]
    )
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_CONTROLS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")
# Bidi marks, overrides and isolates (the Arabic letter mark too), zero-width and invisible
# characters (word joiner, invisible operators, Unicode "tag" characters that can smuggle
# hidden ASCII): they can make a title or a URL look like something else, so one-line
# fields drop them. Body text keeps them.
_SPOOFING = re.compile(
    "[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
    "\U000e0000-\U000e007f]")
# A soft hyphen only marks where a word may break: terminals draw it (or not) at random,
# and it splits the word for search ("Ent\u00adde\u00adckung"), so it is dropped.
_SOFT_HYPHEN = "\u00ad"
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Any character `clean_text` removes or replaces (controls, ESC and C1 openers of escape
# sequences, CR, soft hyphen, surrogates): text without one only needs NFC.
_UNCLEAN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\ud800-\udfff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def _strip_escapes(text: str) -> str:
    """Replace whole escape sequences by a mark, then any ESC left over by the same mark."""
    text = _ESCAPE_SEQUENCE.sub(ESCAPE_MARK, text)
    return text.replace("\x1b", ESCAPE_MARK)


def clean_text(text: str) -> str:
    """Return body text safe to store and display; keeps newlines and tabs.

    Idempotent: ``clean_text(clean_text(x)) == clean_text(x)``.
    """
    if not text:
        return ""
    if not _UNCLEAN.search(text):  # nothing to remove or replace: only NFC to do
        return text if text.isascii() else unicodedata.normalize("NFC", text)
    return _clean_text_fully(text)


def _clean_text_fully(text: str) -> str:
    """`clean_text` step by step (the fast path above gives the same for clean text)."""
    text = _SURROGATE.sub("\ufffd", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _strip_escapes(text)
    text = _CONTROLS.sub("", text).replace(_SOFT_HYPHEN, "")
    return unicodedata.normalize("NFC", text)


def clean_line(text: str | None) -> str:
    """Return a one-line field (title, name, site, URL) safe to store and display.

    Newlines and tabs become spaces, runs of white space fold to one, bidi overrides and
    zero-width characters are dropped, and the ends are trimmed.
    """
    if not text:
        return ""
    if text.isprintable():  # no control, escape, format character or space but " "
        if "  " in text or text[0] == " " or text[-1] == " ":
            text = " ".join(text.split())
        # normalize returns `text` itself when it is already NFC (a quick check, in C)
        return text if text.isascii() else unicodedata.normalize("NFC", text)
    return _clean_line_fully(text)


def _clean_line_fully(text: str) -> str:
    """`clean_line` step by step (the fast path above gives the same for printable text)."""
    text = _SURROGATE.sub("\ufffd", text)
    text = _strip_escapes(text)
    text = _LINE_CONTROLS.sub(" ", text)
    text = _SPOOFING.sub("", text).replace(_SOFT_HYPHEN, "")
    text = unicodedata.normalize("NFC", text)
    return _SPACES.sub(" ", text).strip()


def fold(text: str) -> str:
    """Fold case, diacritics and ligatures, for search: "Cœur réseautage" -> "coeur reseautage".

    NFKD splits accented letters and compatibility ligatures (ﬁ); œ, æ and ß have no
    decomposition, so they are spelled out explicitly.
    """
    if text.isascii():  # nothing to decompose or spell out: the common case, kept cheap
        return text.lower()
    return _fold_fully(text)


def _fold_fully(text: str) -> str:
    """`fold` step by step (for ASCII text it is ``lower()``).

    The combining marks NFKD leaves are taken out in C: when they are the only characters
    that are not ASCII (most French and English text), by encoding to ASCII, which drops
    exactly them; else the Latin ones (U+0300-U+036F, all of French's) by one regular
    expression, then any other by `str.translate` over the few distinct characters left.
    Checking every character in Python took most of the time of storing a feed item (its
    text is folded for the search index); the regular expression, a third of the rest."""
    text = text.casefold().replace("œ", "oe").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFKD", text)
    if all(map(unicodedata.combining, {ch for ch in set(decomposed) if not ch.isascii()})):
        return decomposed.encode("ascii", "ignore").decode("ascii")
    decomposed = _LATIN_MARKS.sub("", decomposed)
    marks = [ch for ch in set(decomposed) if not ch.isascii() and unicodedata.combining(ch)]
    return decomposed.translate(dict.fromkeys(map(ord, marks))) if marks else decomposed


_LATIN_MARKS = re.compile("[\u0300-\u036f]")
