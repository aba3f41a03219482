"""Attribution lines under a quotation or an embed, and boxes that hold nobody's words.

A signature line names who spoke and keeps their role: ``— Helga Brandt, recruiter``,
``– Charles Dickens, A Christmas Carol``, a tweet's ``— Display Name (@handle) June 7,
2016``, an outlet in brackets ``[Engadget]``, an embed's ``A post shared by Name
(@handle)`` or ``Publiée par Name sur …``. The name is taken as the page writes it (a
display name may be lower-case or an organisation). The line is not part of the quoted
text. A dash line with a verb of saying in it is a turn of dialogue, not a signature.

A callout is a blockquote that holds nobody's words: a box opened by a label from
``lexicons/callouts.txt`` ("Summary", "Lire aussi", "Tweet may have been deleted"), a
lone link, or a short label with no sentence in it.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from lecteur.core.extract.attribution import parse
from lecteur.core.extract.lexicons import phrases

_DASH = re.compile(r"^\s*[—–―]\s*(?P<rest>\S.*)$")
_BRACKETED = re.compile(r"^\s*\[\s*(?P<name>[^\]\[]{2,60}?)\s*\]\s*$")
_EMBED = re.compile(r"^\s*(?:a post shared by|une publication partagée par|publiée? par|"
                    r"posted by|shared by)\s+(?P<rest>.+)$", re.IGNORECASE)
_HANDLE = re.compile(r"\s*\(@\w+\)")
_EMBED_END = re.compile(r"\s+(?:on|sur|le)\s+.*$|\s*\(@\w+\).*$", re.IGNORECASE)
_DATE_TAIL = re.compile(r"\s+(?:\w+\.?\s+\d{1,2},\s+\d{4}|\d{1,2}\s+\w+\s+\d{4})\s*$")
_URL = re.compile(r"https?://\S+|www\.\S+|pic\.twitter\.com/\S+")
_MAX_LINE = 140


def signature(line: str) -> tuple[str, str | None] | None:
    """The (name, role) a signature line gives, or None if the line is not one."""
    text = " ".join(line.split())
    if not text or len(text) > _MAX_LINE:
        return None
    bracketed = _BRACKETED.match(text)
    if bracketed:
        return bracketed.group("name"), None
    embed = _EMBED.match(text)
    if embed:
        name = _EMBED_END.sub("", embed.group("rest")).strip(" ,")
        return (name, None) if name else None
    dashed = _DASH.match(text)
    if not dashed or text.rstrip().endswith((":", "?", "!")):
        return None
    rest = _DATE_TAIL.sub("", dashed.group("rest"))
    if _HANDLE.search(rest):
        name = rest[:_HANDLE.search(rest).start()].strip(" ,")  # type: ignore[union-attr]
        return (name, None) if name else None
    name, _, role = rest.partition(",")
    name = name.strip(" .")
    if not name or len(name.split()) > 6 or not name[:1].isupper() or _dialogue(name, role):
        return None
    return name, (role.strip(" .") or None)


def _dialogue(name: str, role: str) -> bool:
    """A dash line that is a turn of dialogue: a question or exclamation before the
    speaker (``— Et toi ? demande Paul.``), or an incise after the comma (``— Pas encore,
    répond Léa Morin.``)."""
    return any(c in name for c in "?!") or parse(role) is not None


def _fold(text: str) -> str:
    if text.isascii():  # nothing to decompose
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.cache
def _labels() -> tuple[str, ...]:
    return tuple(_fold(label) for label in phrases("callouts.txt"))


def is_callout(text: str) -> bool:
    """A blockquote that holds nobody's words (see the module docstring)."""
    folded = _fold(" ".join(text[:200].split()))
    for key in _labels():
        if folded.startswith(key) and (len(folded) == len(key) or not folded[len(key)].isalnum()):
            return True
    bare = _URL.sub("", text).strip()
    if not bare:
        return True
    return len(bare.split()) <= 4 and not re.search(r"[.!?…»”\"]", bare)
