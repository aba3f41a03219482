"""A plain-text table for ``lecteur ls`` and ``lecteur search`` (with its snippets).

These two commands are the ones people run in a loop or pipe into other tools, and
importing and drawing with Rich cost them about 80 ms of a 200 ms budget. A listing needs
no more than fixed columns: this draws them with the standard library only, measuring
wide (CJK, emoji) and combining characters the way a terminal does, and cutting the long
columns with an ellipsis so each entry stays on one line.

When the output is not a terminal (a pipe, a file), nothing is cut: each entry is one
line of tab-separated fields (``lecteur ls | cut -f3`` gives the titles, whole); a
search's snippet is a seventh field. The date is the publication date, or nothing when the
page gives none.
"""

from __future__ import annotations

import os
import shutil
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from typing import TextIO

from lecteur.core.catalogue import say
from lecteur.core.library.records import Entry, Hit
from lecteur.core.text.sanitize import clean_line

_COLUMNS = ("id", "date", "title", "author", "site", "min")
_SHARES = {"title": 3, "author": 1, "site": 1}  # how the free width is shared
_GAP = "  "


def cell_width(text: str) -> int:
    """Columns `text` takes in a terminal: wide characters two, combining marks none.

    ASCII (what most titles, names and every id and date are) is one column a character:
    its length, without looking at each character (clean_line has removed the controls).
    """
    if text.isascii():
        return len(text)
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def fit(text: str, width: int) -> str:
    """`text` cut to `width` columns (with an ellipsis) and padded to exactly `width`."""
    if text.isascii():
        if len(text) > width:
            text = text[:max(0, width - 1)] + "…"
        return text + " " * (width - cell_width(text))
    if cell_width(text) > width:
        kept, used = [], 0
        for char in text:
            char_width = cell_width(char)
            if used + char_width > width - 1:
                break
            kept.append(char)
            used += char_width
        text = "".join(kept) + "…"
    return text + " " * (width - cell_width(text))


def _rows(entries: Iterable[Entry]) -> list[tuple[str, ...]]:
    return list(_each_row(entries))


def _each_row(entries: Iterable[Entry]) -> Iterator[tuple[str, ...]]:
    for e in entries:
        yield (str(e.id), clean_line(e.date), clean_line(e.title),
               clean_line(e.author), clean_line(e.sitename), str(e.reading_minutes))


def _headers() -> tuple[str, ...]:
    return tuple(say(f"cli.col.{name}") for name in _COLUMNS)


def _widths(rows: Iterable[tuple[str, ...]], total: int) -> list[int]:
    """Column widths: id, date and minutes as wide as needed, the rest sharing what is left.

    `rows` is read once, as it comes (a listing of a million rows is never held whole).
    """
    natural = [cell_width(cell) for cell in _headers()]
    for row in rows:
        for i, cell in enumerate(row):
            found = cell_width(cell)
            if found > natural[i]:
                natural[i] = found
    fixed = natural[0] + natural[1] + natural[5] + len(_GAP) * 5
    free = max(30, total - fixed)
    if natural[2] + natural[3] + natural[4] <= free:
        return natural
    shares = sum(_SHARES.values())
    flexible = [max(6, min(natural[i], free * _SHARES[name] // shares))
                for i, name in ((2, "title"), (3, "author"), (4, "site"))]
    flexible[0] += max(0, free - sum(flexible))  # the title takes any width left over
    flexible[0] = min(flexible[0], natural[2])
    return [natural[0], natural[1], *flexible, natural[5]]


def render_entries(entries: Sequence[Entry], width: int | None = None) -> str:
    """The listing as lines of text, fitted to `width` columns (the terminal's by default)."""
    rows = _rows(entries)
    return "\n".join(_table_lines(rows, _widths(rows, width or _terminal_width())))


def entry_lines(entries: Iterable[Entry], widths_from: Iterable[Entry],
                width: int | None = None) -> Iterator[str]:
    """`render_entries`'s lines, one at a time: widths measured on `widths_from` (a first
    pass over the same entries), then `entries` fitted to them as they come."""
    widths = _widths(_each_row(widths_from), width or _terminal_width())
    return _table_lines(_each_row(entries), widths)


def _table_lines(rows: Iterable[tuple[str, ...]], widths: list[int]) -> Iterator[str]:
    return _table_lines_only(_with_headers(rows), widths)


def _table_lines_only(rows: Iterable[tuple[str, ...]], widths: list[int]) -> Iterator[str]:
    for row in rows:
        cells = [fit(cell, w) if i not in (0, 5) else cell.rjust(w)
                 for i, (cell, w) in enumerate(zip(row, widths, strict=True))]
        yield _GAP.join(cells).rstrip()


def _with_headers(rows: Iterable[tuple[str, ...]]) -> Iterator[tuple[str, ...]]:
    yield _headers()
    yield from rows


def render_tabbed(entries: Iterable[Entry]) -> str:
    """The listing for a pipe: a heading, then one line per entry, fields split by tabs,
    nothing cut and nothing padded (clean_line has already turned tabs into spaces)."""
    return "\n".join(tabbed_lines(entries))


def tabbed_lines(entries: Iterable[Entry]) -> Iterator[str]:
    """`render_tabbed`'s lines, one at a time."""
    return ("\t".join(row) for row in _with_headers(_each_row(entries)))


def write_lines(lines: Iterable[str], out: TextIO, chunk: int = 512) -> int:
    """Write `lines` to `out`, each ended by a newline, `chunk` at a time; return how many."""
    count = 0
    batch: list[str] = []
    for line in lines:
        batch.append(line)
        if len(batch) == chunk:
            out.write("\n".join(batch) + "\n")
            count += chunk
            batch.clear()
    if batch:
        out.write("\n".join(batch) + "\n")
        count += len(batch)
    return count


BOLD, NOT_BOLD = "\x1b[1m", "\x1b[22m"


def render_hits(hits: Sequence[Hit], width: int | None = None, marked: bool = False) -> str:
    """Search results: the listing's table, each row followed by its snippet line.

    The snippet sits under the title. With `marked` (standard output is a terminal) it
    is cut to the terminal's width and what matched is bold; otherwise it is the whole
    line, unmarked, for other programs to read.
    """
    return "\n".join(hit_lines(hits, hits, width, marked))


def hit_lines(hits: Iterable[Hit], widths_from: Iterable[Entry], width: int | None = None,
              marked: bool = False) -> Iterator[str]:
    """`render_hits`'s lines one at a time: the widths measured on `widths_from` (the same
    results, a first pass, snippets not needed), then `hits` written as they come."""
    total = width or _terminal_width()
    widths = _widths(_each_row(widths_from), total)
    indent = widths[0] + widths[1] + 2 * len(_GAP)
    yield from _table_lines((), widths)
    for hit in hits:
        yield from _table_lines_only(_each_row((hit,)), widths)
        if hit.snippet:
            yield " " * indent + snippet_line(hit, total - indent if marked else None)


def snippet_line(hit: Hit, room: int | None = None) -> str:
    """A hit's snippet; given the `room` left on a terminal line, cut to it and marked bold."""
    if room is None:
        return hit.snippet
    text, marks = hit.snippet, hit.marks
    end, used = 0, 0
    for char in text:
        char_width = cell_width(char)
        if used + char_width > max(1, room - 1):
            break
        used += char_width
        end += 1
    cut = end < len(text)
    out, at = [], 0
    for start, stop in marks:
        if start >= end:
            break
        out += [text[at:start], BOLD, text[start:min(stop, end)], NOT_BOLD]
        at = min(stop, end)
    out.append(text[at:end])
    return "".join(out) + ("…" if cut else "")


def render_hits_tabbed(hits: Iterable[Hit], last: str = "cli.col.snippet") -> str:
    """Search results for a pipe: the listing's tab-separated lines, the snippet (whole,
    unmarked) as a seventh field (``lecteur search x | cut -f7``), headed `last` (a
    catalogue key: ``ls --sort score`` puts the relevance and why there)."""
    return "\n".join(hit_tabbed_lines(hits, last))


def hit_tabbed_lines(hits: Iterable[Hit], last: str = "cli.col.snippet") -> Iterator[str]:
    """`render_hits_tabbed`'s lines, one at a time."""
    yield "\t".join((*_headers(), say(last)))
    for hit in hits:
        yield "\t".join((*next(_each_row((hit,))), clean_line(hit.snippet)))


def _terminal_width() -> int:
    """The terminal's width, or $COLUMNS, or 100 when the output is not a terminal."""
    if os.environ.get("COLUMNS", "").isdigit():
        return int(os.environ["COLUMNS"])
    return shutil.get_terminal_size((100, 24)).columns
