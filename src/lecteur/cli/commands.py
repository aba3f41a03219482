"""What each ``lecteur`` command does; `lecteur.cli` parses, this module acts.

Nothing here imports Textual: only ``lecteur`` with no command opens the reader, and it
imports the UI lazily.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from lecteur.cli import EXIT_ERROR, EXIT_OK
from lecteur.core import paths
from lecteur.core.library.records import Entry
from lecteur.core.library.store import Library, LibraryError
from lecteur.core.text.sanitize import clean_line

if TYPE_CHECKING:
    from lecteur.core.service import Outcome


class CommandError(Exception):
    """A command cannot go on; the message is one plain sentence."""


def run(args: argparse.Namespace) -> int:
    """Dispatch a parsed command line."""
    handlers: dict[str | None, Callable[[argparse.Namespace], int]] = {
        None: cmd_reader, "read": cmd_read, "add": cmd_add, "ls": cmd_ls, "show": cmd_show,
        "search": cmd_search, "rm": cmd_rm, "dirs": cmd_dirs, "quotes": cmd_quotes,
        "people": cmd_people, "feeds": cmd_feeds,
    }
    return handlers[args.command](args)


def current_dirs(args: argparse.Namespace) -> paths.Dirs:
    """The folders in force, honouring ``--library``."""
    return paths.dirs(args.library)


def open_library(args: argparse.Namespace) -> Library:
    """Open the library, turning any failure into one sentence."""
    try:
        return Library(current_dirs(args).library)
    except LibraryError as error:
        raise CommandError(str(error)) from None
    except OSError as error:
        raise CommandError(f"Cannot open the library: {error.strerror or error}.") from None


def say_error(message: str | None) -> None:
    """Print one failure as one line on stderr, sanitised (it may quote a page or a URL)."""
    print(f"lecteur: {clean_line(message) or 'unknown error'}", file=sys.stderr, flush=True)


def _write_json(value: object) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False) + "\n")


# --- commands ---------------------------------------------------------------------------


def cmd_reader(args: argparse.Namespace) -> int:
    """``lecteur`` with no command: open the reader (Textual is imported only now).

    Without a terminal on both ends (a pipe, a script), there is nothing to draw on, so
    the commands are listed instead.
    """
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        from lecteur.cli import build_parser

        build_parser().print_help()
        return EXIT_OK
    from lecteur.ui import main as run_reader

    try:
        return run_reader(current_dirs(args), language=args.lang)
    except LibraryError as error:
        raise CommandError(str(error)) from None
    except OSError as error:
        raise CommandError(f"Cannot open the library: {error.strerror or error}.") from None


def cmd_read(args: argparse.Namespace) -> int:
    """Print clean articles (text or JSON lines); save nothing."""
    from lecteur.core.service import read_sources

    outcomes = read_sources(args.sources)
    failed = _print_json_lines(outcomes) if args.format == "json" else _print_texts(outcomes)
    return EXIT_ERROR if failed else EXIT_OK


def _print_json_lines(outcomes: Iterable[Outcome]) -> bool:
    """One JSON object per source, as each is ready; True if any source failed."""
    failed = False
    for outcome in outcomes:
        failed |= outcome.article is None
        if outcome.article:
            _write_json(outcome.article.to_dict())
        else:
            _write_json({"source": outcome.source, "error": outcome.error})
        sys.stdout.flush()
    return failed


def _print_texts(outcomes: Iterable[Outcome]) -> bool:
    """Each article for reading (Rich); failures on stderr; True if any source failed."""
    from lecteur.cli.render import console, print_article

    out = console()
    failed = False
    for outcome in outcomes:
        if outcome.article:
            print_article(out, outcome.article)
        else:
            failed = True
            say_error(outcome.error)
    return failed


def cmd_add(args: argparse.Namespace) -> int:
    """Save articles; say what was added, updated or refused."""
    from rich.text import Text

    from lecteur.cli.render import console, plain
    from lecteur.core.service import read_sources

    failed = False
    out = console()
    with open_library(args) as library:
        for outcome in read_sources(args.sources):
            if outcome.article is None:
                failed = True
                say_error(outcome.error)
                continue
            try:
                article_id, new = library.articles.add(outcome.article)
            except LibraryError as error:
                failed = True
                say_error(str(error))
                continue
            verb = "added" if new else "updated"
            line = Text(f"{verb} #{article_id}: ")
            line.append_text(plain(outcome.article.title))
            out.print(line)
    return EXIT_ERROR if failed else EXIT_OK


def cmd_ls(args: argparse.Namespace) -> int:
    """List the library, newest first."""
    with open_library(args) as library:
        limit = None if args.limit <= 0 else args.limit
        entries = library.articles.entries(limit=limit)
        complete = limit is None or len(entries) < limit
        total = len(entries) if complete else library.articles.count()
    if args.json:
        _write_json([asdict(entry) for entry in entries])
        return EXIT_OK
    _print_entries(entries, total, empty="The library is empty: add an article with "
                                         "'lecteur add URL'.")
    return EXIT_OK


def _print_entries(entries: list[Entry], total: int, empty: str) -> None:
    """The listing as a plain table (no Rich: ls and search must start fast)."""
    from lecteur.cli.table import render_entries

    if not entries:
        print(empty)
        return
    print(render_entries(entries))
    if total > len(entries):
        print(f"{len(entries)} of {total} shown; use --limit 0 for all.")


def cmd_show(args: argparse.Namespace) -> int:
    """Print one saved article."""
    with open_library(args) as library:
        stored = library.articles.get(args.id)
    if stored is None:
        raise CommandError(f"There is no article #{args.id} in the library.")
    if args.json:
        _write_json({"id": stored.id, "added_at": stored.added_at, **stored.article.to_dict()})
        return EXIT_OK
    from lecteur.cli.render import console, print_article

    print_article(console(), stored.article, stored.id)
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    """Full-text search; accents, case and ligatures do not matter."""
    query = " ".join(args.query)
    with open_library(args) as library:
        entries = library.articles.search(query, limit=max(1, args.limit))
    if args.json:
        _write_json([asdict(entry) for entry in entries])
        return EXIT_OK
    _print_entries(entries, len(entries), empty=f"Nothing in the library matches {query!r}.")
    return EXIT_OK


def cmd_rm(args: argparse.Namespace) -> int:
    """Delete articles by id."""
    missing = []
    with open_library(args) as library:
        for article_id in args.ids:
            if library.articles.remove(article_id):
                print(f"removed #{article_id}")
            else:
                missing.append(article_id)
    if missing:
        raise CommandError("There is no article " + ", ".join(f"#{i}" for i in missing)
                           + " in the library.")
    return EXIT_OK


def cmd_quotes(args: argparse.Namespace) -> int:
    """List quotations grouped by speaker, each with its article."""
    with open_library(args) as library:
        quotes = library.quotations.find(args.speaker, limit=args.limit if args.limit > 0 else None)
    if args.json:
        _write_json([asdict(quote) for quote in quotes])
        return EXIT_OK
    if not quotes:
        who = f" by {args.speaker}" if args.speaker else ""
        print(f"No quotation{who} in the library.")
        return EXIT_OK
    from lecteur.cli.render import console, quotes_renderable

    console().print(quotes_renderable(quotes))
    return EXIT_OK


def cmd_people(args: argparse.Namespace) -> int:
    """List speakers and authors, or show one author's card."""
    from lecteur.cli.render import author_card_renderable, console, people_table

    with open_library(args) as library:
        if args.name:
            card = library.people.author_card(args.name)
            if card is None:
                raise CommandError(f"No saved article is by {args.name!r}.")
            if args.json:
                _write_json({**card.author.to_dict(), "articles": [
                    {"id": i, "title": t, "date": d} for i, t, d in card.articles]})
            else:
                console().print(author_card_renderable(card))
            return EXIT_OK
        people = library.people.all()
    if args.json:
        _write_json([asdict(person) for person in people])
    elif people:
        console().print(people_table(people))
    else:
        print("Nobody yet: add articles with 'lecteur add URL'.")
    return EXIT_OK


def cmd_feeds(args: argparse.Namespace) -> int:
    """``lecteur feeds ...`` (see `lecteur.cli.feeds`)."""
    from lecteur.cli import feeds

    return feeds.run(args)


def cmd_dirs(args: argparse.Namespace) -> int:
    """Show where lecteur keeps things."""
    where = current_dirs(args)
    print(f"library  {where.library}")
    print(f"data     {where.data}")
    print(f"config   {where.config}")
    print(f"cache    {where.cache}")
    return EXIT_OK


def log_crash(error: BaseException, args: argparse.Namespace | None = None) -> Path | str:
    """Write an unexpected error's traceback to the crash log of the library in use."""
    from lecteur.core.io.crashlog import write_crash_log

    return write_crash_log(error, current_dirs(args) if args is not None else paths.dirs())
