"""The byline's husk: what a byline leaves in the body once the author card holds the name.

trafilatura keeps the line under the title that says who wrote the piece and when: "Par
Jeanne Roy — Publié le 3 mars 2024 à 8 h", "Posted on March 3, 2024 by Jane Roe", and at
times only "Par — Publié le…" (the name was a link it dropped). The reader shows the
author and the date apart, so such a line is furniture. A line is a husk when, its
author's names taken out, only byline words, dates, times and separators are left, and
one of them says "by" or "published"; only lines near the edges of the body are looked at.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lecteur.core.models import Block
from lecteur.core.text.dates import find_date
from lecteur.core.text.sanitize import fold

_HEAD_SPAN = 5  # blocks at the top where the byline sits
_TAIL_SPAN = 3  # and at the end
_MAX_CHARS = 160
_MARKERS = frozenset(fold(w) for w in (
    "par by posted published publié publiée updated modifié modifiée written écrit écrite "
    "rédigé rédigée mis mise").split())
_FILLER = frozenset(fold(w) for w in (
    "le la les l on at à a de du des d il y ago and et in dans the mis jour à mise "
    "min minute minutes lecture read reading temps h am pm utc gmt cet cest edt est pst "
    "today yesterday aujourd hui hier update mise last dernière première first "
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre "
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec janv févr avr juil déc "
    "lundi mardi mercredi jeudi vendredi samedi dimanche monday tuesday wednesday thursday "
    "friday saturday sunday er st nd rd th p m").split())
_WORD = re.compile(r"[^\W\d_]+")


def drop_byline_husks(blocks: list[Block], names: Iterable[str]) -> list[Block]:
    """The blocks without the byline lines near the top and the end of the body (a
    paragraph of several lines loses those lines, and the dates beside them)."""
    known = sorted({fold(n) for n in names if n}, key=len, reverse=True)
    last = len(blocks) - _TAIL_SPAN
    kept: list[Block] = []
    for index, block in enumerate(blocks):
        if block.kind != "paragraph" or _HEAD_SPAN <= index < last:
            kept.append(block)
            continue
        lines = block.text.split("\n")
        husks = [_is_husk(line, known) for line in lines]
        if any(husks):
            lines = [line for line, husk in zip(lines, husks, strict=True)
                     if not husk and not _is_husk(line, known, dated=True)]
        if lines:
            kept.append(Block(block.kind, "\n".join(lines)) if any(husks) else block)
    return kept or blocks


def is_date_line(line: str) -> bool:
    """Whether a line gives only a date ("15 mars 2017", "Publié le 3 février 2024 à 8 h")."""
    return len(line) <= _MAX_CHARS // 2 and find_date(line) is not None \
        and _is_husk(line, [], dated=True)


def _is_husk(line: str, folded_names: list[str], dated: bool = False) -> bool:
    """Whether a line is only a byline: its names, byline words, dates and times (with
    `dated`, a date line without a byline word counts too)."""
    if len(line) > _MAX_CHARS:
        return False
    text = fold(line)
    for name in folded_names:
        text = text.replace(name, " ")
    words = _WORD.findall(text)
    return (dated or any(w in _MARKERS for w in words)) and all(
        w in _MARKERS or w in _FILLER for w in words) and bool(text.strip(" .,;:|-–—•·"))
