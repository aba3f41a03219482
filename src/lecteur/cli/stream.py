"""The CLI's long outputs in a pipe (``ls --limit 0``, ``quotes``, ``people``, their
``--json``), written as they are read, a chunk of about 64 KB a write.

In a pipe these commands used to build one Rich renderable for everything, render it
unwrapped and strip the lines: at 100,000 articles, 59 s and 664 MB for ``quotes``. The
layout Rich gives them there is simple (no colour, no wrapping, no trailing spaces), so it
is written here, the same bytes, from pages of raw rows (the library's ``*_pages``: no
record is built per row, a million times). Widths are Rich's own (`rich.cells.cell_len`),
so a table's columns line up exactly as before. A quotation holding a tab, the one thing
whose layout Rich changes (tabs become spaces to the next stop), is handed to Rich alone.
JSON lists are the text ``json.dumps`` gives of the whole list (`commands.write_json`),
element by element, every string sanitised as `commands.sanitised` does.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from json.encoder import encode_basestring as _string
from typing import Any, TextIO

from rich.cells import cell_len

from lecteur.core.catalogue import say
from lecteur.core.library.curate import split_why
from lecteur.core.library.records import PersonEntry, QuoteEntry
from lecteur.core.text.sanitize import clean_line, clean_text

CHUNK = 1 << 16  # characters a write: a pipe's reader gets large pieces, few system calls
_ENCODER = json.JSONEncoder(ensure_ascii=False)  # json.dumps(..., ensure_ascii=False)
_PEOPLE_COLUMNS = (("name", False), ("quotes", True), ("quoted_in", True), ("wrote", True),
                   ("first", False), ("last", False))
_ENTRY_KEYS = ("id", "title", "author", "sitename", "date", "reading_minutes", "added_at",
               "url")
_QUOTE_KEYS = ("id", "article_id", "text", "speaker", "title", "date", "author", "kept",
               "block_index")
Row = tuple[Any, ...]


def write_chunked(pieces: Iterable[str], out: TextIO, size: int = CHUNK) -> None:
    """Write the text of `pieces` to `out`, about `size` characters a write."""
    held: list[str] = []
    count = 0
    for piece in pieces:
        held.append(piece)
        count += len(piece)
        if count >= size:
            out.write("".join(held))
            held.clear()
            count = 0
    if held:
        out.write("".join(held))


def _text(value: str | None) -> str:
    """A one-line field as JSON, sanitised as `sanitised` does (None: ``null``)."""
    return "null" if value is None else _string(clean_line(value))


def _number(value: object) -> str:
    """An integer column as JSON (anything else SQLite let in, as `sanitised` writes it)."""
    if type(value) is int:
        return str(value)
    return _ENCODER.encode(clean_line(value) if isinstance(value, str) else value)


# --- ls --limit 0 ------------------------------------------------------------------------


def tabbed_entries(pages: Iterable[list[Row]]) -> Iterator[str]:
    """`table.tabbed_lines` from pages of `Articles.entry_pages` rows: the heading, then a
    line per entry (fields split by tabs, nothing cut), a page's lines at a time."""
    yield "\t".join(say(f"cli.col.{name}") for name in
                    ("id", "date", "title", "author", "site", "min")) + "\n"
    for page in pages:
        yield "".join([f"{row[0]}\t{clean_line(row[4])}\t{clean_line(row[1])}\t"
                       f"{clean_line(row[2])}\t{clean_line(row[3])}\t{row[5]}\n"
                       for row in page])


def json_entries(pages: Iterable[list[Row]]) -> Iterator[str]:
    """``ls --json``'s list from pages of `Articles.entry_pages(with_relevance=True)`
    rows: each entry's fields, then its score and reasons (`curate.with_relevance`). Each
    object is written by hand, its strings by the JSON encoder's own C function: the text
    ``json.dumps`` gives, three times faster than encoding dicts."""
    for page in pages:
        yield "[" + ", ".join([
            f'{{"id": {_number(row[0])}, "title": {_text(row[1])}, '
            f'"author": {_text(row[2])}, "sitename": {_text(row[3])}, '
            f'"date": {_text(row[4])}, "reading_minutes": {_number(row[5])}, '
            f'"added_at": {_text(row[6])}, "url": {_text(row[7])}, '
            f'"score": {_score(row[8])}, "why": {_why(row[8], row[9])}}}'
            for row in page]) + "]"


def _score(score: object) -> str:
    return "null" if score is None else _ENCODER.encode(float(score))  # type: ignore[arg-type]


def _why(score: object, why: object) -> str:
    """The reasons as a JSON list (none for an article not scored yet)."""
    if score is None or not why:
        return "[]"
    return "[" + ", ".join(_string(clean_line(term)) for term in split_why(why)) + "]"


def json_quotes(pages: Iterable[list[Row]]) -> Iterator[str]:
    """``quotes --json``'s list from pages of `Quotations.row_pages` rows (written as
    `json_entries` writes its objects)."""
    for page in pages:
        yield "[" + ", ".join([
            f'{{"id": {_number(row[0])}, "article_id": {_number(row[1])}, '
            f'"text": {_string(clean_text(row[2]))}, "speaker": {_text(row[3])}, '
            f'"title": {_text(row[4])}, "date": {_text(row[5])}, '
            f'"author": {_text(row[6])}, "kept": {"true" if row[7] else "false"}, '
            f'"block_index": {"null" if row[8] is None else _number(row[8])}}}'
            for row in page]) + "]"


def json_array(encoded: Iterable[str]) -> Iterator[str]:
    """A JSON list from the encoded lists of its pages (each ``[...]``, none empty), as
    ``json.dumps`` writes the whole list, and a newline."""
    yield "["
    between = ""
    for page in encoded:
        yield between + page[1:-1]
        between = ", "
    yield "]\n"


# --- quotes -------------------------------------------------------------------------------


def quote_lines(pages: Iterable[list[Row]]) -> Iterator[str]:
    """The quotations grouped under their speaker, as `render.quotes_renderable` shows
    them unwrapped: the speaker's line, then each quotation indented by two, its article
    under it, and a blank line; a page of `Quotations.row_pages` rows at a time."""
    current: object = object()
    for page in pages:
        out: list[str] = []
        for row in page:
            speaker = row[3]
            if speaker != current:
                current = speaker
                out.append(clean_line(speaker or say("cli.speaker_unknown")) + "\n")
            text = clean_text(row[2])
            if "\t" in text:
                out.extend(line + "\n" for line in _through_rich(_quote_entry(row)))
                continue
            source = f"#{row[1]} {clean_line(row[4])}" + (f" ({row[5]})" if row[5] else "")
            if "\n" in text or "\n" in source:
                out.extend(("  " + line).rstrip() + "\n"
                           for line in f"{text}\n{source}".split("\n"))
                out.append("\n")
            else:
                out.append(f"{('  ' + text).rstrip()}\n{('  ' + source).rstrip()}\n\n")
        yield "".join(out)


def _quote_entry(row: Row) -> QuoteEntry:
    """The record of one raw quotation row (only for the rare one Rich lays out)."""
    return QuoteEntry(row[0], row[1], row[2], row[3], row[4], row[5], row[6], bool(row[7]),
                      row[8])


def _through_rich(quote: QuoteEntry) -> Iterator[str]:
    """One quotation laid out by Rich itself (it expands tabs), minus the speaker line."""
    import io

    from rich.console import Console

    from lecteur.cli.render import UNWRAPPED, quotes_renderable

    wide = Console(file=io.StringIO(), width=UNWRAPPED, color_system=None, highlight=False,
                   markup=False, emoji=False)
    with wide.capture() as captured:
        wide.print(quotes_renderable([quote]))
    yield from (line.rstrip() for line in captured.get().split("\n")[1:-1])


# --- people -------------------------------------------------------------------------------


def _person_cells(person: PersonEntry) -> tuple[str, ...]:
    return (clean_line(person.name), str(person.quotes), str(person.quoted_in),
            str(person.articles), clean_line(person.first), clean_line(person.last))


def people_lines(people: Iterable[PersonEntry],
                 widths_from: Iterable[PersonEntry]) -> Iterator[str]:
    """`render.people_table` unwrapped: the widths measured on `widths_from` (a first pass
    over the same people), then each person's line as it comes."""
    headers = tuple(say(f"cli.col.{name}") for name, _ in _PEOPLE_COLUMNS)
    widths = [cell_len(h) for h in headers]
    for person in widths_from:
        for i, cell in enumerate(_person_cells(person)):
            widths[i] = max(widths[i], cell_len(cell))
    yield _people_line(headers, widths)
    for person in people:
        yield _people_line(_person_cells(person), widths)


def _people_line(cells: tuple[str, ...], widths: list[int]) -> str:
    out = []
    for (cell, width), (_, right) in zip(zip(cells, widths, strict=True), _PEOPLE_COLUMNS,
                                         strict=True):
        room = " " * (width - cell_len(cell))
        out.append(room + cell if right else cell + room)
    return "  ".join(out).rstrip() + "\n"
