"""News agencies as authors: "AFP", "Le Journal avec AFP", "(ats/xy)" closing an article.

An agency byline is not a person's name (one word, capitals, "avec"), so the name rules
would cut it to "Le Journal" or reject it; it is recognised here and kept whole. The
agencies are data (`agencies.txt` beside this module).
"""

from __future__ import annotations

import functools
import re
from importlib import resources

_LINK = r"(?:\s*/\s*|\s*,\s*|\s+(?:avec|et|and|with|&)\s+)"
_ORG_WORD = re.compile(r"^(?:[A-ZÀ-Þ0-9][\w'’.-]*|de|du|des|la|le|les|l['’][\w.-]+|d['’][\w.-]+)$")
_MAX_ORG_WORDS = 4


@functools.cache
def _agencies() -> re.Pattern[str]:
    """One pattern for any agency of the list (short names in their case, others in any)."""
    text = resources.files(__package__).joinpath("agencies.txt").read_text(encoding="utf-8")
    names = [line.strip() for line in text.splitlines() if line.strip()[:1] not in ("", "#")]
    names.sort(key=len, reverse=True)
    parts = [re.escape(n) if len(n) <= 2 else f"(?i:{re.escape(n)})" for n in names]
    return re.compile(f"(?:{'|'.join(parts)})(?![\\w-])")


@functools.cache
def _byline() -> re.Pattern[str]:
    """A whole byline of agencies, after a newsroom or not (compiled once: it is long)."""
    agency = _agencies().pattern
    return re.compile(f"(?:(.+?){_LINK})?{agency}(?:{_LINK}{agency})*")


@functools.cache
def _signoff() -> re.Pattern[str]:
    """An agency in brackets closing a paragraph, its editor's initials after it."""
    return re.compile(f"\\(\\s*({_agencies().pattern})(?:\\s*/\\s*[\\w.]{{1,8}})*\\s*\\)$")


def agency_byline(text: str) -> str | None:
    """The whole byline if `text` is an agency's, alone or with a newsroom: "AFP",
    "AFP et Reuters", "Le Monde.fr avec AFP", "Le Figaro et AFP"; else None."""
    text = " ".join(text.split()).strip(" .;|-–—")
    match = _byline().fullmatch(text)
    if not match:
        return None
    org = match.group(1)
    if org is not None:
        words = org.split()
        if len(words) > _MAX_ORG_WORDS or not all(_ORG_WORD.match(w) for w in words) \
                or not org[:1].isupper():
            return None
    return text


def agency_signoff(paragraph: str) -> str | None:
    """The agency that signs an article's last paragraph: "… (AFP)", "… (ats/xy)" (the
    initials after the agency are its editor's), or a paragraph that is only "AFP"."""
    text = paragraph.strip()
    match = _signoff().search(text)
    if match:
        return match.group(1)
    return agency_byline(text) if len(text) <= 40 else None
