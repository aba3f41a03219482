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
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from lecteur.cli import EXIT_ERROR, EXIT_OK
from lecteur.core import paths
from lecteur.core.library.records import Entry
from lecteur.core.library.store import Library, LibraryError
from lecteur.core.text.sanitize import clean_line

if TYPE_CHECKING:
    from lecteur.core.service import Outcome


T = TypeVar("T")


class CommandError(Exception):
    """A command cannot go on; the message is one plain sentence."""


def run(args: argparse.Namespace) -> int:
    """Dispatch a parsed command line."""
    handlers: dict[str | None, Callable[[argparse.Namespace], int]] = {
        None: cmd_reader, "read": cmd_read, "add": cmd_add, "ls": cmd_ls, "show": cmd_show,
        "search": cmd_search, "rm": cmd_rm, "dirs": cmd_dirs, "quotes": cmd_quotes,
        "people": cmd_people, "tag": cmd_tag, "untag": cmd_untag, "tags": cmd_tags,
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
    """Full-text search, with a snippet per result; accents, case and ligatures aside.

    ``--tag`` and ``--view`` narrow it, as ``tag:`` and ``in:`` in the query do; with no
    words, it lists what they hold, newest first.
    """
    from lecteur.core.library.search import parse_query
    from lecteur.core.library.views import View

    words = " ".join(args.query)
    parsed = parse_query(words)
    parsed = parsed._replace(tags=(*parsed.tags, *args.tag))
    if parsed.unknown_views:
        raise CommandError(f"There is no view {parsed.unknown_views[0]!r}: in: takes "
                           "inbox, saved, starred or archive.")
    if not words.strip() and parsed.empty and not args.view:
        raise CommandError("Say what to find: words, or --tag or --view.")
    asked = args.limit or None
    with open_library(args) as library:
        for name in parsed.tags:
            if library.tags.find(name) is None:
                raise CommandError(f"There is no tag #{clean_line(name).lstrip('#')} "
                                   "in the library.")
        hits = library.articles.search(parsed, limit=None if asked is None else asked + 1,
                                       view=View(args.view) if args.view else None)
    more = asked is not None and len(hits) > asked
    hits = hits[:asked]
    if args.json:
        _write_json([asdict(hit) for hit in hits])
        return EXIT_OK
    if not hits:
        where = [f"#{clean_line(name).lstrip('#')}" for name in parsed.tags]
        where += [f"the {view} view" for view in (args.view, parsed.view) if view]
        print(f"Nothing in the library matches {words!r}." if words.strip()
              else f"No article is in {' and '.join(where)}.")
        return EXIT_OK
    from lecteur.cli.table import render_hits

    print(render_hits(hits, marked=sys.stdout.isatty()))
    if more:
        print(f"The first {asked} shown; use --limit 0 for all.")
    return EXIT_OK


def cmd_tag(args: argparse.Namespace) -> int:
    """Tag an article: each TAG (and each of ``a, b``) is added."""
    from lecteur.core.library.tags import split_tags

    names = split_tags(",".join(args.tags))
    if not names:
        raise CommandError("A tag needs at least one visible character.")
    with open_library(args) as library:
        _article_or_fail(library, args.id)
        stored = [_library_call(partial(library.tags.add, args.id, name)) for name in names]
    print(f"#{args.id} tagged " + " ".join(f"#{clean_line(name)}" for name in stored))
    return EXIT_OK


def cmd_untag(args: argparse.Namespace) -> int:
    """Take tags off an article; a tag it does not carry is said, after the others."""
    from lecteur.core.library.tags import split_tags

    removed, absent = [], []
    with open_library(args) as library:
        _article_or_fail(library, args.id)
        carried = {_fold_tag(name): name for name in library.tags.of(args.id)}
        for name in split_tags(",".join(args.tags)):
            shown = carried.get(_fold_tag(name))
            if shown and _library_call(partial(library.tags.remove, args.id, name)):
                removed.append(shown)
            else:
                absent.append(name)
    if removed:
        print(f"#{args.id} untagged " + " ".join(f"#{clean_line(name)}" for name in removed))
    if absent:
        raise CommandError(f"Article #{args.id} has no tag "
                           + ", ".join(f"#{clean_line(name)}" for name in absent) + ".")
    return EXIT_OK


def cmd_tags(args: argparse.Namespace) -> int:
    """List the tags with their counts, or rename or delete one across the library."""
    with open_library(args) as library:
        if args.tags_command == "rename":
            old = library.tags.find(args.old)
            name, touched = _library_call(lambda: library.tags.rename(args.old, args.new))
            print(f"renamed #{clean_line(old.name if old else args.old)} to "
                  f"#{clean_line(name)} on {_articles(touched)}")
            return EXIT_OK
        if args.tags_command == "delete":
            old = library.tags.find(args.name)
            touched = _library_call(lambda: library.tags.delete(args.name))
            print(f"deleted #{clean_line(old.name if old else args.name)} "
                  f"from {_articles(touched)}")
            return EXIT_OK
        tags = library.tags.all()
    if args.json:
        _write_json([{"name": tag.name, "count": tag.count} for tag in tags])
        return EXIT_OK
    if not tags:
        print("No tags yet: tag an article with 'lecteur tag ID TAG'.")
        return EXIT_OK
    from lecteur.cli.table import cell_width

    names = ["#" + clean_line(tag.name) for tag in tags]
    width = max(cell_width(name) for name in names)
    for name, tag in zip(names, tags, strict=True):
        print(name + " " * (width - cell_width(name) + 2) + str(tag.count))
    return EXIT_OK


def _articles(count: int) -> str:
    return f"{count} article" + ("" if count == 1 else "s")


def _fold_tag(name: str) -> str:
    from lecteur.core.library.tags import tag_key

    return tag_key(name)


def _article_or_fail(library: Library, article_id: int) -> None:
    if library.views.row(article_id) is None:
        raise CommandError(f"There is no article #{article_id} in the library.")


def _library_call(action: Callable[[], T]) -> T:
    """Run a library call; what lecteur cannot do (a bad name, a busy library) is one line."""
    from lecteur.core.errors import LecteurError

    try:
        return action()
    except LecteurError as error:
        raise CommandError(str(error)) from None


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
