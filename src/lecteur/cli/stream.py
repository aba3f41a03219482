"""Plain lines for ``lecteur quotes`` and ``lecteur people`` in a pipe, written as read.

In a pipe these commands used to build one Rich renderable for everything, render it
unwrapped and strip the lines: at 100,000 articles, 59 s and 664 MB for ``quotes``. The
layout Rich gives them there is simple (no colour, no wrapping, no trailing spaces), so it
is written here line by line, the same bytes, from rows read a page at a time. Widths are
Rich's own (`rich.cells.cell_len`), so a table's columns line up exactly as before. A
quotation holding a tab, the one thing whose layout Rich changes (tabs become spaces to the
next stop), is handed to Rich alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rich.cells import cell_len

from lecteur.core.catalogue import say
from lecteur.core.library.records import PersonEntry, QuoteEntry
from lecteur.core.text.sanitize import clean_line, clean_text

_PEOPLE_COLUMNS = (("name", False), ("quotes", True), ("quoted_in", True), ("wrote", True),
                   ("first", False), ("last", False))


def quote_lines(quotes: Iterable[QuoteEntry]) -> Iterator[str]:
    """The quotations grouped under their speaker, as `render.quotes_renderable` shows
    them unwrapped: the speaker's line, then each quotation indented by two, its article
    under it, and a blank line."""
    current: object = object()
    for quote in quotes:
        if quote.speaker != current:
            current = quote.speaker
            yield clean_line(quote.speaker or say("cli.speaker_unknown"))
        text = clean_text(quote.text)
        source = f"#{quote.article_id} {clean_line(quote.title)}"
        source += f" ({quote.date})" if quote.date else ""
        if "\t" in text:
            yield from _through_rich(quote)
            continue
        for line in f"{text}\n{source}".split("\n"):
            yield ("  " + line).rstrip()
        yield ""


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
    yield _line(headers, widths)
    for person in people:
        yield _line(_person_cells(person), widths)


def _line(cells: tuple[str, ...], widths: list[int]) -> str:
    out = []
    for (cell, width), (_, right) in zip(zip(cells, widths, strict=True), _PEOPLE_COLUMNS,
                                         strict=True):
        room = " " * (width - cell_len(cell))
        out.append(room + cell if right else cell + room)
    return "  ".join(out).rstrip()
