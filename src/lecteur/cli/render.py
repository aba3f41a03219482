"""Show articles and listings in the terminal with Rich (the CLI's output, not the TUI).

Every string from a page is put into `rich.text.Text` objects as plain text, never into
markup, and sanitised again on the way out: ``[AFP] Le président`` prints exactly that,
and no escape sequence from a page reaches the terminal.

In a terminal, articles are wrapped at a comfortable measure. Anywhere else (a pipe, a
file) nothing is hard-wrapped and no line ends in spaces: each paragraph is one line, for
the tool that reads it to wrap as it likes.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterable

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from lecteur.core.catalogue import say
from lecteur.core.library.records import AuthorCard, PersonEntry, QuoteEntry
from lecteur.core.models import Article, Block
from lecteur.core.text.sanitize import clean_line, clean_text

MEASURE = 78
UNWRAPPED = 1_000_000  # "no width": Rich needs one, and nothing is that long


def plain(value: str | None, style: str = "") -> Text:
    """Untrusted one-line text as a Text object (sanitised, never parsed as markup)."""
    return Text(clean_line(value), style=style)


def article_renderable(article: Article, article_id: int | None = None) -> RenderableType:
    """The whole article: title, byline, then the body blocks, a blank line apart."""
    parts: list[RenderableType] = [plain(article.title, "bold"), _byline(article, article_id)]
    if article.author and article.author.bio:
        parts.append(Text(clean_line(article.author.bio), style="italic dim"))
    for block in article.blocks:
        parts.append(Text(""))
        parts.append(_block(block))
    return Group(*parts)


def meta_line(article: Article, article_id: int | None = None) -> str:
    """Id, author, site, date, language, minutes and URL joined by `` · ``; a part that is missing
    (or nothing once cleaned) leaves no separator behind."""
    pieces = [
        f"#{article_id}" if article_id is not None else None,
        article.author.name if article.author else None,
        article.sitename,
        article.date,
        article.language,
        say("cli.minutes", minutes=article.reading_minutes),
        article.url,
    ]
    return " · ".join(part for part in (clean_line(p) for p in pieces) if part)


def _byline(article: Article, article_id: int | None) -> Text:
    return Text(meta_line(article, article_id), style="dim")


def _block(block: Block) -> RenderableType:
    """One body block; quotes, lists and code are indented (without trailing padding)."""
    text = clean_text(block.text)
    if block.kind == "heading":
        return Text(text, style="bold underline")
    if block.kind == "quote":
        body = Text(text, style="italic")
        if block.cite or block.speaker or block.attribution:
            signature = block.cite or "— " + (block.speaker or block.attribution or "")
            body.append("\n" + clean_line(signature), style="bold")
        return Padding(body, (0, 0, 0, 4), expand=False)
    if block.kind == "callout":
        return Padding(Panel(Text(text), expand=False), (0, 0, 0, 2), expand=False)
    if block.kind == "list":
        items = Text("\n".join(f"• {line}" for line in text.split("\n")))
        return Padding(items, (0, 0, 0, 2), expand=False)
    if block.kind == "code":
        return Padding(Text(text, style="dim"), (0, 0, 0, 4), expand=False)
    return Text(text)


def console(stderr: bool = False) -> Console:
    """A console for CLI output; soft-wrapped to a comfortable reading measure."""
    return Console(stderr=stderr, highlight=False, markup=False, emoji=False)


def emit(out: Console, renderable: RenderableType, measure: int | None = None) -> None:
    """Print `renderable`: at the terminal's width (or `measure`, if narrower) in a
    terminal; elsewhere unwrapped, without colour and without trailing spaces."""
    if out.is_terminal:
        out.print(renderable, width=min(out.width, measure) if measure else None)
        return
    wide = Console(file=io.StringIO(), width=UNWRAPPED, color_system=None, highlight=False,
                   markup=False, emoji=False)
    with wide.capture() as captured:
        wide.print(renderable)
    lines = (line.rstrip() for line in captured.get().split("\n"))
    sys.stdout.write("\n".join(lines))


def print_article(out: Console, article: Article, article_id: int | None = None) -> None:
    """Print one article at a comfortable measure (unwrapped when not in a terminal)."""
    emit(out, article_renderable(article, article_id), MEASURE)


NOBODY = object()  # the speaker before the first quotation: none, not even "unknown"


def quotes_renderable(quotes: Iterable[QuoteEntry], after: object = NOBODY) -> RenderableType:
    """Quotations grouped under their speaker, each followed by its article; `after` is
    the speaker of the quotation shown just before them (a page follows another)."""
    parts: list[RenderableType] = []
    current: object = after
    for quote in quotes:
        if quote.speaker != current:
            current = quote.speaker
            parts.append(plain(quote.speaker or say("cli.speaker_unknown"), "bold"))
        body = Text(clean_text(quote.text), style="italic")
        source = f"\n#{quote.article_id} {clean_line(quote.title)}"
        body.append(source + (f" ({quote.date})" if quote.date else ""), style="dim")
        parts.append(Padding(body, (0, 0, 1, 2), expand=False))
    return Group(*parts)


def people_table(people: Iterable[PersonEntry]) -> Table:
    """Speakers and authors with what the library holds of each."""
    table = Table(box=None, pad_edge=False, header_style="bold")
    for column, justify in (("name", "left"), ("quotes", "right"), ("quoted_in", "right"),
                            ("wrote", "right"), ("first", "left"), ("last", "left")):
        table.add_column(say(f"cli.col.{column}"), justify=justify)  # type: ignore[arg-type]
    for person in people:
        table.add_row(plain(person.name), Text(str(person.quotes)), Text(str(person.quoted_in)),
                      Text(str(person.articles)), plain(person.first), plain(person.last))
    return table


def author_card_renderable(card: AuthorCard) -> RenderableType:
    """An author's card: name, bio, email, links, and the saved pieces."""
    author = card.author
    parts: list[RenderableType] = [plain(author.name, "bold")]
    if author.bio:
        parts.append(Text(clean_line(author.bio), style="italic"))
    for contact in (author.email, *author.links):
        if contact:
            parts.append(plain(contact, "cyan"))
    dates = [d for _, _, d in card.articles if d]
    span = say("cli.span", first=dates[0], last=dates[-1]) if dates else ""
    parts.append(Text("\n" + say("cli.saved_pieces", count=len(card.articles), span=span),
                      style="dim"))
    for article_id, title, date in card.articles:
        line = Text(f"  #{article_id} ")
        line.append_text(plain(title))
        line.append(f"  {date or ''}", style="dim")
        parts.append(line)
    return Group(*parts)
