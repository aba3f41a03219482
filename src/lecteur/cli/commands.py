"""What each ``lecteur`` command does; `lecteur.cli` parses, this module acts.

Nothing here imports Textual: only ``lecteur`` with no command opens the reader, and it
imports the UI lazily. Every sentence comes from `lecteur.core.catalogue` (English or
French), and every string printed, JSON included, has passed the sanitiser: a server's
reason phrase or a file name cannot put an escape sequence on the reader's terminal.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from lecteur.cli import EXIT_ERROR, EXIT_OK
from lecteur.core import paths
from lecteur.core.catalogue import say
from lecteur.core.errors import ArticleGone, DiskFullError
from lecteur.core.library.database import storage_error
from lecteur.core.library.store import Library, LibraryError, StorageError
from lecteur.core.text.sanitize import clean_line, clean_text

if TYPE_CHECKING:
    from lecteur.core.library.records import Entry, Hit
    from lecteur.core.library.search import Query
    from lecteur.core.library.tags import Tag
    from lecteur.core.library.views import View
    from lecteur.core.service import Outcome


T = TypeVar("T")


class CommandError(Exception):
    """A command cannot go on; the message is one plain sentence."""


def run(args: argparse.Namespace) -> int:
    """Dispatch a parsed command line."""
    handlers: dict[str | None, Callable[[argparse.Namespace], int]] = {
        None: cmd_reader, "read": cmd_read, "add": cmd_add, "ls": cmd_ls, "show": cmd_show,
        "search": cmd_search, "rm": cmd_rm, "trash": cmd_trash, "dirs": cmd_dirs,
        "quotes": cmd_quotes, "people": cmd_people, "backup": cmd_backup,
        "restore": cmd_restore, "feeds": cmd_feeds, "tag": cmd_tag, "untag": cmd_untag,
        "tags": cmd_tags,
    }
    if args.command in ("note", "highlight", "notes"):
        from lecteur.cli import annotate

        handlers.update(note=annotate.cmd_note, highlight=annotate.cmd_highlight,
                        notes=annotate.cmd_notes)
    if args.command == "next":
        from lecteur.cli import curate

        handlers.update(next=curate.cmd_next)
    if args.command in ("views", "rules"):
        from lecteur.cli import queries

        handlers.update(views=queries.cmd_views, rules=queries.cmd_rules)
    if args.command in ("export", "import", "card"):
        from lecteur.cli import transfer

        handlers.update({"export": transfer.cmd_export, "import": transfer.cmd_import,
                         "card": transfer.cmd_card})
    try:
        return handlers[args.command](args)
    except StorageError as error:  # a read met damage or a full disk past the open check
        if getattr(args, "damage_said", False):
            raise CommandError(say("cli.damaged_part")) from None
        raise CommandError(str(storage_error(error, current_dirs(args).library,
                                             "library.read_failed"))) from None


def current_dirs(args: argparse.Namespace) -> paths.Dirs:
    """The folders in force, honouring ``--library``."""
    return paths.dirs(args.library)


def open_library(args: argparse.Namespace, *, for_writing: bool = True) -> Library:
    """Open the library, turning any failure into one sentence.

    A command that only reads passes `for_writing` False: an absent library then reads as
    empty (nothing is created), and a damaged or read-only one is read read-only, the
    damage said once on stderr.
    """
    try:
        library = Library(current_dirs(args).library, for_writing=for_writing)
    except LibraryError as error:
        raise CommandError(str(error)) from None
    except OSError as error:
        raise CommandError(say("cli.cannot_open", reason=error.strerror or error)) from None
    if library.damage:
        say_error(library.damage)
        args.damage_said = True
    _use_settings(library, args)
    return library


def _use_settings(library: Library, args: argparse.Namespace) -> None:
    """The settings queries read (``[staleness]``), from the config file if there is one."""
    from lecteur.core.config import config_path, load_config

    library.db.staleness = load_config(config_path(current_dirs(args))).staleness


def reading(args: argparse.Namespace) -> Library:
    """Open the library for a command that only reads it."""
    return open_library(args, for_writing=False)


def back_up_if_due(library: Library) -> None:
    """The daily automatic backup, after a command that wrote; a failure is only said."""
    try:
        library.backup_if_due()
    except DiskFullError:
        pass  # said already if a change failed; the backup is tried again next time
    except LibraryError as error:
        say_error(str(error))


def say_error(message: str | None) -> None:
    """Print one failure as one line on stderr, sanitised (it may quote a page or a URL)."""
    line = clean_line(message) or say("cli.unknown_error")
    with contextlib.suppress(OSError):  # stderr closed too: there is no one to tell
        print(f"lecteur: {line}", file=sys.stderr, flush=True)


def say_line(message: str) -> None:
    """Print one line on stdout, sanitised (it may quote what the reader typed)."""
    print(clean_line(message))


_MULTILINE = ("text", "bio", "note", "prefix", "suffix")


def sanitised(value: object, key: str | None = None) -> object:
    """`value` with every string in it cleaned, however deep: body text (``text``) keeps
    its lines, every other string is one clean line."""
    if isinstance(value, str):
        return clean_text(value) if key in _MULTILINE else clean_line(value)
    if isinstance(value, dict):
        return {clean_line(str(k)): sanitised(v, str(k)) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [sanitised(item, key) for item in value]
    return value


def write_json(value: object) -> None:
    """Print `value` as one line of JSON, every string in it sanitised."""
    sys.stdout.write(json.dumps(sanitised(value), ensure_ascii=False) + "\n")


def fields_of(record: object) -> dict[str, object]:
    """A flat record's fields as a dict, as `dataclasses.asdict` gives them, without its
    deep copy (a row a few microseconds cheaper: a streamed listing makes millions)."""
    return dict(vars(record))


_JSON = json.JSONEncoder(ensure_ascii=False)  # json.dumps(..., ensure_ascii=False), made once


def write_json_rows(values: Iterable[object]) -> None:
    """Print a JSON array as `write_json` would print the list of `values`, but element by
    element as they come, about 64 KB a write (the same bytes, in constant memory)."""
    from lecteur.cli.stream import write_chunked

    def pieces() -> Iterator[str]:
        between = "["
        for value in values:
            yield between + _JSON.encode(sanitised(value))
            between = ", "
        yield "[]\n" if between == "[" else "]\n"

    write_chunked(pieces(), sys.stdout)


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
        raise CommandError(say("cli.cannot_open", reason=error.strerror or error)) from None


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
            write_json(outcome.article.to_dict())
        else:
            write_json({"source": outcome.source, "error": outcome.error})
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

    from lecteur.cli.render import console, emit, plain
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
            line = Text(say("cli.added" if new else "cli.updated", id=article_id))
            line.append_text(plain(outcome.article.title))
            if library.articles.kept_version is not None:
                line.append(say("cli.text_kept"))
            emit(out, line)
        back_up_if_due(library)
    return EXIT_ERROR if failed else EXIT_OK


def cmd_ls(args: argparse.Namespace) -> int:
    """List the library, newest first (``--sort score``: most relevant first; ``--view
    NAME``: a saved view, or ``stale``); ``--limit 0`` streams it (written as it is read)."""
    if args.sort == "score":
        from lecteur.cli.curate import list_by_score

        return list_by_score(args)
    limit = None if args.limit <= 0 else args.limit
    with reading(args) as library:
        if getattr(args, "view", None):
            entries, total = _saved_view_entries(library, args.view, limit)
        elif limit is None:
            return _stream_entries(args, library)
        else:
            entries = library.articles.entries(limit=limit)
            complete = len(entries) < limit
            total = len(entries) if complete else library.articles.count()
    if args.json:
        from lecteur.cli.curate import with_relevance

        with reading(args) as library:
            relevances = library.curate.relevances(entry.id for entry in entries)
        write_json([with_relevance(entry, relevances[entry.id]) for entry in entries])
        return EXIT_OK
    empty = (say("views.empty", name=clean_line(args.view)) if getattr(args, "view", None)
             else say("cli.empty"))
    _print_entries(entries, total, empty=empty)
    return EXIT_OK


def _stream_entries(args: argparse.Namespace, library: Library) -> int:
    """The whole listing, each row written as the cursor reads it (constant memory)."""
    from lecteur.cli import stream

    if args.json:  # the same fields as a limited listing's, relevance included
        pages = library.articles.entry_pages(with_relevance=True)
        stream.write_chunked(stream.json_array(stream.json_entries(pages)), sys.stdout)
        return EXIT_OK
    if library.articles.is_empty():
        say_line(say("cli.empty"))
        return EXIT_OK
    if sys.stdout.isatty():
        from lecteur.cli.table import entry_lines, write_lines

        entries = library.articles.each_entry()
        write_lines(entry_lines(entries, library.articles.each_entry()), sys.stdout)
        return EXIT_OK
    stream.write_chunked(stream.tabbed_entries(library.articles.entry_pages()), sys.stdout)
    return EXIT_OK


def _saved_view_entries(library: Library, name: str,
                        limit: int | None) -> tuple[list[Entry], int]:
    """A saved view's articles, newest first (a page of them), and how many it holds."""
    from lecteur.core.errors import InvalidInputError
    from lecteur.core.library.records import Entry
    from lecteur.core.library.views import View

    saved = library.saved_views.find(name)
    if saved is None:
        raise CommandError(say("views.none", name=clean_line(name)))
    view = View("query", query=saved.query)
    try:
        rows = library.views.rows(view, -1 if limit is None else limit)
        total = len(rows) if limit is None or len(rows) < limit else library.views.count(view)
    except InvalidInputError as error:
        raise CommandError(str(error)) from None
    entries = [Entry(row.id, row.title, row.author, row.sitename, row.date,
                     row.reading_minutes, row.added_at, row.url) for row in rows]
    return entries, total


def _print_entries(entries: list[Entry], total: int, empty: str) -> None:
    """The listing as a plain table (no Rich: ls and search must start fast); in a pipe,
    tab-separated lines, with the "N of M shown" note on stderr, out of the data."""
    from lecteur.cli.table import render_entries, render_tabbed

    if not entries:
        say_line(empty)
        return
    terminal = sys.stdout.isatty()
    print(render_entries(entries) if terminal else render_tabbed(entries))
    if total > len(entries):
        note = say("cli.shown_of", shown=len(entries), total=total)
        print(note, file=sys.stdout if terminal else sys.stderr)


def cmd_show(args: argparse.Namespace) -> int:
    """Print one saved article."""
    with reading(args) as library:
        stored = library.articles.get(args.id)
        in_trash = stored is not None and library.articles.in_trash(args.id)
        versions = library.versions.of(args.id) if stored else []
        earlier = None
        if stored is not None and args.earlier is not None:
            if not 1 <= args.earlier <= len(versions):
                raise CommandError(say("cli.no_such_version", id=args.id, count=len(versions)))
            earlier = library.versions.get(versions[args.earlier - 1].id)
        if stored is not None and not in_trash and args.json:
            from lecteur.cli.annotate import annotations_of

            article = earlier or stored.article
            relevance = library.curate.relevance(stored.id)
            write_json({"id": stored.id, "added_at": stored.added_at,
                        "score": relevance.score, "why": list(relevance.why),
                        **annotations_of(library, stored.id), **article.to_dict()})
            return EXIT_OK
    if stored is None:
        raise CommandError(say("cli.no_article", ids=f"#{args.id}"))
    if in_trash:
        raise CommandError(say("cli.in_trash", id=args.id))
    article = earlier or stored.article
    from lecteur.cli.render import console, print_article

    out = console()
    print_article(out, article, stored.id)
    if versions and earlier is None:
        out.print(say("cli.earlier_kept", count=len(versions), id=stored.id),
                  markup=False, highlight=False)
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    """Full-text search, with a snippet per result; accents, case and ligatures aside.

    ``--tag`` and ``--view`` narrow it, as ``tag:`` and ``in:`` in the query do; with no
    words, it lists what they hold, newest first. The trash is searched only when named.
    """
    from lecteur.core.errors import InvalidInputError
    from lecteur.core.library.search import parse_query
    from lecteur.core.library.views import View

    words = " ".join(args.query)
    parsed = parse_query(words)
    parsed = parsed._replace(tags=(*parsed.tags, *args.tag))
    if parsed.unknown_views:
        raise CommandError(say("cli.unknown_view", name=parsed.unknown_views[0]))
    try:
        parsed.check()
    except InvalidInputError as error:
        raise CommandError(str(error)) from None
    if not words.strip() and parsed.empty and not args.view:
        raise CommandError(say("cli.search_what"))
    asked = args.limit or None
    view = View(args.view) if args.view else None
    with reading(args) as library:
        for name in parsed.tags:
            if library.tags.find(name) is None:
                raise CommandError(say("cli.no_tag", name=clean_line(name).lstrip("#")))
        try:
            if asked is None:
                return _stream_hits(args, library, parsed, view, words)
            hits = library.articles.search(parsed, limit=asked + 1, view=view)
        except InvalidInputError as error:  # score: on a library without scores
            raise CommandError(str(error)) from None
        relevances = library.curate.relevances(hit.id for hit in hits) if args.json else {}
    more = asked is not None and len(hits) > asked
    hits = hits[:asked]
    if args.json:
        from lecteur.cli.curate import with_relevance

        write_json([with_relevance(hit, relevances[hit.id]) for hit in hits])
        return EXIT_OK
    if not hits:
        say_line(say("cli.no_match", query=words) if words.strip()
                 else say("cli.scope_empty", where=_scope_words(parsed, args.view)))
        return EXIT_OK
    _print_hits(hits, more)
    return EXIT_OK


def _stream_hits(args: argparse.Namespace, library: Library, parsed: Query,
                 view: View | None, words: str) -> int:
    """Every hit (``--limit 0``), each written as it is found and its snippet made."""
    import itertools

    from lecteur.cli.table import hit_lines, hit_tabbed_lines, write_lines

    found = library.articles.each_hit(parsed, None, view=view)
    first = next(found, None)
    hits = itertools.chain([] if first is None else [first], found)
    if args.json:
        from lecteur.cli.curate import each_with_relevance

        write_json_rows(each_with_relevance(library, hits))
        return EXIT_OK
    if first is None:
        say_line(say("cli.no_match", query=words) if words.strip()
                 else say("cli.scope_empty", where=_scope_words(parsed, args.view)))
        return EXIT_OK
    if sys.stdout.isatty():
        widths_from = library.articles.each_hit_entry(parsed, None, view=view)
        write_lines(hit_lines(hits, widths_from, marked=True), sys.stdout)
    else:
        write_lines(hit_tabbed_lines(hits), sys.stdout)
    return EXIT_OK


def _scope_words(parsed: Query, view: str | None) -> str:
    """Where an empty search looked: "#pay and the starred view"."""
    where = [f"#{clean_line(name).lstrip('#')}" for name in parsed.tags]
    where += [say("cli.the_view", view=one) for one in (view, parsed.view) if one]
    return say("cli.and").join(where)


def _print_hits(hits: list[Hit], more: bool) -> None:
    """Search results: on a terminal, the table with each snippet under its title, marked
    bold; in a pipe, tab-separated lines with the snippet as the last field, and the "first
    N shown" note on stderr, out of the data."""
    from lecteur.cli.table import render_hits, render_hits_tabbed

    terminal = sys.stdout.isatty()
    print(render_hits(hits, marked=True) if terminal else render_hits_tabbed(hits))
    if more:
        print(say("cli.first_shown", count=len(hits)),
              file=sys.stdout if terminal else sys.stderr)


def cmd_tag(args: argparse.Namespace) -> int:
    """Tag an article: each TAG (and each of ``a, b``) is added."""
    from lecteur.core.library.tags import split_tags

    names = split_tags(",".join(args.tags))
    if not names:
        raise CommandError(say("tags.empty"))
    with open_library(args) as library:
        _article_or_fail(library, args.id)
        stored = [_library_call(partial(library.tags.add, args.id, name)) for name in names]
    say_line(say("cli.tagged", id=args.id, tags=_hashed(stored)))
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
        say_line(say("cli.untagged", id=args.id, tags=_hashed(removed)))
    if absent:
        raise CommandError(say("cli.not_tagged", id=args.id, tags=_hashed(absent, ", ")))
    return EXIT_OK


def cmd_tags(args: argparse.Namespace) -> int:
    """List the tags with their counts, or rename or delete one across the library."""
    with open_library(args) as library:
        if args.tags_command == "rename":
            old = library.tags.find(args.old)
            name, touched = _library_call(lambda: library.tags.rename(args.old, args.new))
            old_name = old.name if old else args.old
            say_line(say("cli.tag_renamed_one", old=old_name, new=name) if touched == 1
                     else say("cli.tag_renamed", old=old_name, new=name, count=touched))
            return EXIT_OK
        if args.tags_command == "delete":
            old = library.tags.find(args.name)
            touched = _library_call(lambda: library.tags.delete(args.name))
            old_name = old.name if old else args.name
            say_line(say("cli.tag_deleted_one", name=old_name) if touched == 1
                     else say("cli.tag_deleted", name=old_name, count=touched))
            return EXIT_OK
        tags = library.tags.all()
    if args.json:
        write_json([{"name": tag.name, "count": tag.count} for tag in tags])
        return EXIT_OK
    if not tags:
        say_line(say("cli.no_tags"))
        return EXIT_OK
    _print_tags(tags)
    return EXIT_OK


def _print_tags(tags: list[Tag]) -> None:
    """The tags and their counts: aligned on a terminal, ``#name<TAB>count`` in a pipe."""
    from lecteur.cli.table import cell_width

    names = ["#" + clean_line(tag.name) for tag in tags]
    if not sys.stdout.isatty():
        print("\n".join(f"{name}\t{tag.count}" for name, tag in zip(names, tags, strict=True)))
        return
    width = max(cell_width(name) for name in names)
    for name, tag in zip(names, tags, strict=True):
        print(name + " " * (width - cell_width(name) + 2) + str(tag.count))


def _hashed(names: list[str], between: str = " ") -> str:
    return between.join(f"#{clean_line(name)}" for name in names)


def _fold_tag(name: str) -> str:
    from lecteur.core.library.tags import tag_key

    return tag_key(name)


def _article_or_fail(library: Library, article_id: int) -> None:
    if library.views.row(article_id) is None:
        raise CommandError(say("cli.no_article", ids=f"#{article_id}"))
    if library.articles.in_trash(article_id):
        raise CommandError(say("cli.in_trash", id=article_id))


def _library_call(action: Callable[[], T]) -> T:
    """Run a library call; what lecteur cannot do (a bad name, a busy library) is one line."""
    from lecteur.core.errors import LecteurError

    try:
        return action()
    except LecteurError as error:
        raise CommandError(str(error)) from None


def cmd_rm(args: argparse.Namespace) -> int:
    """Move articles to the trash by id, or (``--purge``) delete them for good."""
    failures = []
    with open_library(args) as library:
        for article_id in args.ids:
            if args.purge:
                if library.articles.remove(article_id):
                    print(say("cli.purged", id=article_id))
                else:
                    failures.append(say("cli.no_article", ids=f"#{article_id}"))
                continue
            try:
                library.articles.trash(article_id)
            except ArticleGone:
                failures.append(_why_not_trashed(library, article_id))
            else:
                print(say("cli.trashed", id=article_id, title=_title(library, article_id)))
        back_up_if_due(library)
    for failure in failures[:-1]:
        say_error(failure)
    if failures:
        raise CommandError(failures[-1])
    return EXIT_OK


def _title(library: Library, article_id: int) -> str:
    row = library.views.row(article_id)
    return clean_line(row.title) if row else ""


def _why_not_trashed(library: Library, article_id: int) -> str:
    if library.articles.in_trash(article_id):
        return say("cli.already_in_trash", id=article_id)
    return say("cli.no_article", ids=f"#{article_id}")


def cmd_trash(args: argparse.Namespace) -> int:
    """List the trash, restore articles from it, or empty it; always say what was done."""
    with open_library(args) as library:
        if args.trash_action == "restore":
            try:
                return _restore(library, args.ids)
            finally:
                back_up_if_due(library)
        if args.trash_action == "empty":
            removed = library.articles.empty_trash()
            if not removed:
                print(say("cli.already_empty"))
            else:
                print(say("cli.emptied_one") if removed == 1 else say("cli.emptied", count=removed))
            back_up_if_due(library)
            return EXIT_OK
        entries = library.articles.entries(trashed=True)
    _print_entries(entries, len(entries), empty=say("cli.trash_empty"))
    if entries:
        print(say("cli.trash_hint"))
    return EXIT_OK


def _restore(library: Library, ids: list[int]) -> int:
    failures = []
    for article_id in ids:
        try:
            restored = library.articles.restore(article_id)
        except ArticleGone:
            failures.append(say("cli.not_anywhere", id=article_id))
            continue
        if restored:
            print(say("cli.restored", id=article_id, title=_title(library, article_id)))
        else:
            failures.append(say("cli.not_in_trash", id=article_id))
    for failure in failures[:-1]:
        say_error(failure)
    if failures:
        raise CommandError(failures[-1])
    return EXIT_OK


def cmd_quotes(args: argparse.Namespace) -> int:
    """List quotations grouped by speaker, each with its article, written as they are read."""
    import itertools

    from lecteur.cli import stream

    limit = args.limit if args.limit > 0 else None
    with reading(args) as library:
        if args.json:
            pages = library.quotations.row_pages(args.speaker, limit, kept_only=args.kept)
            stream.write_chunked(stream.json_array(stream.json_quotes(pages)), sys.stdout)
            return EXIT_OK
        if not sys.stdout.isatty():
            pages = library.quotations.row_pages(args.speaker, limit, kept_only=args.kept)
            first_page = next(pages, None)
            if first_page is None:
                _say_no_quotes(args)
                return EXIT_OK
            lines = stream.quote_lines(itertools.chain([first_page], pages))
            stream.write_chunked(lines, sys.stdout)
            return EXIT_OK
        found = library.quotations.each(args.speaker, limit=limit, kept_only=args.kept)
        first = next(found, None)
        if first is None:
            _say_no_quotes(args)
            return EXIT_OK
        from lecteur.cli.render import NOBODY, console, emit, quotes_renderable

        out = console()
        page_speaker: object = NOBODY
        for page in _pages(itertools.chain([first], found), 200):  # a renderable a page
            emit(out, quotes_renderable(page, after=page_speaker))
            page_speaker = page[-1].speaker
    return EXIT_OK


def _pages(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """`items` in lists of `size` (the last one shorter)."""
    page: list[T] = []
    for item in items:
        page.append(item)
        if len(page) == size:
            yield page
            page = []
    if page:
        yield page


def _say_no_quotes(args: argparse.Namespace) -> None:
    if args.kept:
        say_line(say("cli.no_kept_quotes_by", speaker=args.speaker) if args.speaker
                 else say("cli.no_kept_quotes"))
    else:
        say_line(say("cli.no_quotes_by", speaker=args.speaker) if args.speaker
                 else say("cli.no_quotes"))


def cmd_people(args: argparse.Namespace) -> int:
    """List speakers and authors, or show one person (a partial, accent-blind name)."""
    with reading(args) as library:
        if args.name:
            return _show_person(library, args)
        if args.json:
            write_json_rows(fields_of(person) for person in library.people.each())
            return EXIT_OK
        import itertools

        found = library.people.each()
        first = next(found, None)
        if first is None:
            say_line(say("cli.nobody"))
            return EXIT_OK
        if sys.stdout.isatty():
            from lecteur.cli.render import console, emit, people_table

            emit(console(), people_table(itertools.chain([first], found)))
            return EXIT_OK
        from lecteur.cli.stream import people_lines, write_chunked

        # two passes: the widths over everyone, then each line as it is read again
        lines = people_lines(library.people.each(), itertools.chain([first], found))
        write_chunked(lines, sys.stdout)
    return EXIT_OK


def _show_person(library: Library, args: argparse.Namespace) -> int:
    """One person's card (an author) or quotations (a speaker); several matches: a table.

    `args.name` matches as ``quotes --speaker`` does (a part of the name, case and accents
    ignored); a name that matches one person exactly wins over longer ones.
    """
    from lecteur.cli.render import (
        author_card_renderable,
        console,
        emit,
        people_table,
        quotes_renderable,
    )
    from lecteur.core.library.records import AuthorCard
    from lecteur.core.models import Author
    from lecteur.core.text.sanitize import fold

    found = library.people.matching(args.name)
    exact = [person for person in found if fold(person.name) == fold(args.name).strip()]
    found = exact or found
    if not found:
        raise CommandError(say("cli.nobody_called", name=args.name))
    if len(found) > 1:
        if args.json:
            write_json([asdict(person) for person in found])
        else:
            emit(console(), people_table(found))
        return EXIT_OK
    person = found[0]
    card = library.people.author_card(person.name) or AuthorCard(Author(person.name), [])
    quotes = [quote for quote in library.quotations.find(speaker=person.name)
              if quote.speaker == person.name]
    if args.json:
        write_json({**card.author.to_dict(), "articles": [
            {"id": i, "title": t, "date": d} for i, t, d in card.articles]})
        return EXIT_OK
    if card.articles:
        emit(console(), author_card_renderable(card))
    if quotes:
        emit(console(), quotes_renderable(quotes))
    return EXIT_OK


def cmd_feeds(args: argparse.Namespace) -> int:
    """``lecteur feeds ...`` (see `lecteur.cli.feeds`)."""
    from lecteur.cli import feeds

    return feeds.run(args)


def cmd_dirs(args: argparse.Namespace) -> int:
    """Show where lecteur keeps things."""
    where = current_dirs(args)
    names = {name: say(f"cli.dirs.{name}") for name in ("library", "data", "config", "cache")}
    width = max(len(label) for label in names.values()) + 2
    for name, label in names.items():
        print(label.ljust(width) + clean_line(str(getattr(where, name))))
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    """Back up the library now (verified with integrity_check, the newest few kept)."""
    library_path = current_dirs(args).library
    if not library_path.exists():
        raise CommandError(say("cli.nothing_to_back_up", path=library_path))
    with open_library(args) as library:
        try:
            made = library.backup()
        except LibraryError as error:
            raise CommandError(str(error)) from None
    say_line(say("cli.backed_up", path=made))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    """Put a backup in place of the library; the library replaced is kept aside."""
    from lecteur.core.library import backups

    library_path = current_dirs(args).library
    if args.list:
        found = backups.listing(library_path)
        if not found:
            say_line(say("cli.no_backup_yet", path=library_path))
        for backup in found:
            say_line(f"{backups.when(backup)}  {backup}")
        return EXIT_OK
    chosen = _chosen_backup(library_path, args.backup)
    try:
        used, kept = backups.restore(library_path, chosen)
    except LibraryError as error:
        raise CommandError(str(error)) from None
    except (OSError, *StorageError) as error:
        failure = storage_error(error, library_path, "library.restore_failed")
        raise CommandError(str(failure)) from None
    say_line(say("cli.restored_backup", taken=backups.when(used), path=used))
    if kept is not None:
        say_line(say("cli.replaced_kept", path=kept))
    return EXIT_OK


def _chosen_backup(library_path: Path, given: str | None) -> Path | None:
    """The backup named on the command line: a path, or a name in the backups folder."""
    from lecteur.core.library import backups

    if given is None:
        return None
    as_path = Path(given).expanduser()
    if as_path.exists() or as_path.is_absolute() or "/" in given:
        return as_path
    return backups.folder_of(library_path) / given


def log_crash(error: BaseException, args: argparse.Namespace | None = None) -> Path | str:
    """Write an unexpected error's traceback to the crash log of the library in use."""
    from lecteur.core.io.crashlog import write_crash_log

    return write_crash_log(error, current_dirs(args) if args is not None else paths.dirs())
