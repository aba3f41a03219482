"""Turn the bytes of a page or a text file into text, French accents intact.

The order follows the HTML standard: a byte-order mark, then the charset the server
declared, then a ``<meta charset>`` near the top of the page, then detection. Detection is
deliberately simple: valid UTF-8 is UTF-8, anything else is Windows-1252 (the encoding
browsers use for pages labelled latin-1, and what an undeclared French page almost always
is). General-purpose detectors guess cp1250 for short French pages and turn "très" into
"trčs", which is exactly the failure lecteur must not have.

A declaration that the bytes contradict (a page labelled UTF-8 that is really cp1252, or
one labelled latin-1 that is valid UTF-8) is ignored rather than trusted into mojibake.
But a page declared UTF-8 whose bytes are mostly valid UTF-8 (more well-formed multi-byte
characters than malformed sequences) is UTF-8 with a few damaged bytes: it is decoded as
declared, each bad byte a U+FFFD, rather than the whole article read as windows-1252.
"""

from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# WHATWG maps these labels to windows-1252; Python treats them as strict latin-1/ascii.
_AS_WINDOWS_1252 = frozenset(
    {"latin1", "latin-1", "iso-8859-1", "iso8859-1", "iso_8859-1", "l1", "ascii", "us-ascii",
     "cp819", "ibm819", "windows-1252", "cp1252", "x-cp1252"}
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_PRESCAN_BYTES = 4096


def decode_bytes(data: bytes, declared: str | None = None, html: bool = True) -> tuple[str, str]:
    """Decode `data`; return the text and the name of the encoding used."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(name, errors="replace"), name
    candidates = [declared]
    if html:
        candidates.append(_meta_charset(data))
    for label in candidates:
        text = _try_decode(data, label)
        if text is not None:
            return text
    return _detect(data)


def _meta_charset(data: bytes) -> str | None:
    """The charset a ``<meta>`` tag declares in the first few kilobytes, if any."""
    match = _META_CHARSET.search(data[:_PRESCAN_BYTES])
    return match.group(1).decode("ascii", errors="ignore").lower() if match else None


def _try_decode(data: bytes, label: str | None) -> tuple[str, str] | None:
    """Decode strictly with `label`, or None if it is unknown or the bytes disagree."""
    if not label:
        return None
    label = label.strip().lower()
    if label in _AS_WINDOWS_1252:
        # Servers often label UTF-8 pages latin-1; valid multi-byte UTF-8 is no accident.
        return _detect(data)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name.startswith("utf-16"):
        return None  # a UTF-16 page without a BOM that declares itself is rare and unsafe
    try:
        return data.decode(name), name
    except UnicodeDecodeError:
        if name == "utf-8":
            return _damaged_utf8(data)
        return None


_REPLACEMENT = "\ufffd"


def _damaged_utf8(data: bytes) -> tuple[str, str] | None:
    """Declared UTF-8 with some invalid bytes: UTF-8 with replacement if most of the
    non-ASCII text is well-formed UTF-8, else None (the declaration is wrong)."""
    text = data.decode("utf-8", errors="replace")
    replaced = text.count(_REPLACEMENT)
    damaged = replaced - data.count(_REPLACEMENT.encode())
    well_formed = len(text) - len(text.encode("ascii", errors="ignore")) - replaced
    return (text, "utf-8") if well_formed > damaged else None


def _detect(data: bytes) -> tuple[str, str]:
    """UTF-8 if the bytes are valid UTF-8, else Windows-1252."""
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return _windows_1252(data), "windows-1252"


def _windows_1252(data: bytes) -> str:
    """Windows-1252, with its five undefined bytes read as latin-1 (as browsers do)."""
    return data.decode("cp1252", errors="latin1fallback")


def _latin1_fallback(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read the offending bytes as latin-1."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start:error.end]
    return bytes(bad).decode("latin-1"), error.end


codecs.register_error("latin1fallback", _latin1_fallback)
