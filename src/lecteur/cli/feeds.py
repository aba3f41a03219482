"""``lecteur feeds ...``: subscriptions from the shell.

Each sub-command opens the library, calls `lecteur.core.subscriptions`,
`lecteur.core.refresh` or the library's feeds family, and prints plain lines. A refresh
shows a progress bar on a terminal and one line per feed otherwise (a pipe, a log); every
feed that fails says why, on stderr, and the others carry on. Feed titles and errors come
from the web: they are printed cleaned.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from lecteur.cli import EXIT_ERROR, EXIT_OK
from lecteur.cli.commands import CommandError, open_library, say_error, write_json
from lecteur.core.catalogue import say
from lecteur.core.errors import LecteurError
from lecteur.core.text.sanitize import clean_line

if TYPE_CHECKING:
    from lecteur.core.library.records import FeedRow
    from lecteur.core.library.store import Library
    from lecteur.core.refresh import FeedResult, Progress


def run(args: argparse.Namespace) -> int:
    """Dispatch ``lecteur feeds ACTION``."""
    handlers: dict[str, Callable[[argparse.Namespace], int]] = {
        "add": cmd_add, "ls": cmd_ls, "rm": cmd_rm, "rename": cmd_rename, "tag": cmd_tag,
        "fulltext": cmd_fulltext,
        "import": cmd_import, "export": cmd_export, "refresh": cmd_refresh,
    }
    if not args.feeds_command:
        raise CommandError(say("cli.feeds.what"))
    return handlers[args.feeds_command](args)


def cmd_add(args: argparse.Namespace) -> int:
    """Subscribe to a feed, or to the feed a page names."""
    from lecteur.core.subscriptions import subscribe
    from lecteur.core.workers.pool import ExtractorPool

    with open_library(args) as library, ExtractorPool(size=1) as pool:
        try:
            done = subscribe(library, args.url, pool, tags=args.tag or (),
                             full_text=not args.no_full_text)
        except LecteurError as error:
            raise CommandError(str(error)) from None
    if done.warning:
        say_error(done.warning)
    print(say("cli.feeds.added" if done.new else "cli.feeds.already", id=done.feed_id,
              title=clean_line(done.title) or clean_line(done.url),
              items=_new_items(done.new_items)))
    return EXIT_OK


def _new_items(count: int) -> str:
    """"1 new item", "3 new items", in the language in force."""
    return say("cli.feeds.new_item") if count == 1 else say("cli.feeds.new_items", count=count)


def cmd_ls(args: argparse.Namespace) -> int:
    """The subscriptions: id, unread, title, tags, last success, URL, and last error."""
    with open_library(args) as library:
        feeds = library.feeds.all()
    if args.json:
        write_json([_feed_json(feed) for feed in feeds])  # every string cleaned
        return EXIT_OK
    if not feeds:
        print(say("cli.feeds.none"))
        return EXIT_OK
    print(_feeds_table(feeds))
    return EXIT_OK


def _feed_json(feed: FeedRow) -> dict[str, object]:
    """The `feeds ls --json` contract (docs/cli.md)."""
    return {"id": feed.id, "title": feed.title, "url": feed.url, "site_url": feed.site_url,
            "tags": list(feed.tags), "unread": feed.unread, "last_success": feed.last_success,
            "last_error": feed.last_error, "retry_until": feed.retry_until,
            "full_text": feed.full_text}


def _feeds_table(feeds: list[FeedRow]) -> str:
    """Fixed columns; a feed whose last refresh failed gets its sentence on the next line."""
    from lecteur.cli.table import fit

    lines = [f"{say('cli.col.id'):>4}  {say('cli.col.unread'):>8}  "
             f"{fit(say('cli.col.title'), 32)}  {fit(say('cli.col.tags'), 18)}  "
             f"{fit(say('cli.col.last_success'), 17)}  {say('cli.col.url')}"]
    never = say("cli.feeds.never")
    for feed in feeds:
        success = (feed.last_success or never).replace("T", " ").rstrip("Z")[:16]
        lines.append(f"{feed.id:>4}  {feed.unread:>8}  {fit(clean_line(feed.title), 32)}  "
                     f"{fit(', '.join(clean_line(t) for t in feed.tags), 18)}  "
                     f"{fit(success, 17)}  {clean_line(feed.url)}")
        if feed.last_error:
            lines.append(f"{'':>16}! {clean_line(feed.last_error)}")
    return "\n".join(lines)


def cmd_rm(args: argparse.Namespace) -> int:
    """Unsubscribe; the items the reader kept stay in the library."""
    missing = []
    with open_library(args) as library:
        for feed_id in args.ids:
            if library.remove_feed(feed_id):
                print(say("cli.feeds.removed", id=feed_id))
            else:
                missing.append(feed_id)
    if missing:
        raise CommandError(_no_feed(missing))
    return EXIT_OK


def _no_feed(ids: list[int]) -> str:
    return say("cli.feeds.no_such", ids=", ".join(f"#{i}" for i in ids))


def cmd_rename(args: argparse.Namespace) -> int:
    """Give a feed a title of the reader's choosing."""
    with open_library(args) as library:
        try:
            title = library.feeds.rename(args.id, " ".join(args.title))
        except LecteurError as error:
            raise CommandError(str(error)) from None
    if title is None:
        raise CommandError(_no_feed([args.id]))
    print(say("cli.feeds.renamed", id=args.id, title=title))
    return EXIT_OK


def cmd_tag(args: argparse.Namespace) -> int:
    """Tag a feed (its folder in OPML and, later, in the reader's sidebar)."""
    with open_library(args) as library:
        try:
            if args.remove:
                if library.feeds.get(args.id) is None:
                    raise CommandError(_no_feed([args.id]))
                if not library.feeds.untag(args.id, args.tag):
                    raise CommandError(say("cli.feeds.no_tag", id=args.id, tag=args.tag))
                print(say("cli.feeds.untagged", id=args.id, tag=clean_line(args.tag)))
                return EXIT_OK
            name = library.feeds.tag(args.id, args.tag)
        except LecteurError as error:
            raise CommandError(str(error)) from None
    if name is None:
        raise CommandError(_no_feed([args.id]))
    print(say("cli.feeds.tagged", id=args.id, tag=name))
    return EXIT_OK


FULL_TEXT_MODES: dict[str, bool | None] = {"on": True, "off": False, "auto": None}


def cmd_fulltext(args: argparse.Namespace) -> int:
    """Whether a feed's items get their full article: on, off, or auto (when the feed's
    own text is short: the default). Turned on, the feed's newest items that still hold
    its own text get theirs now (at most as many as a refresh fetches for one feed)."""
    from lecteur.core.full_text import MAX_PER_FEED

    with open_library(args) as library:
        if not library.feeds.set_full_text(args.id, FULL_TEXT_MODES[args.mode]):
            raise CommandError(_no_feed([args.id]))
        print(say(f"cli.feeds.fulltext_{args.mode}", id=args.id), flush=True)
        feed = library.feeds.get(args.id)
        if args.mode != "on" or feed is None:
            return EXIT_OK
        work = [(feed, article_id, link) for article_id, link
                in library.feed_items.with_feed_text(args.id, MAX_PER_FEED)]
        return _catch_up(library, work) if work else EXIT_OK


def _catch_up(library: Library, work: list[tuple[FeedRow, int, str]]) -> int:
    """Fetch the full articles of items stored with their feed's text, reporting each as
    a refresh's full-text phase does; then say how many came."""
    from lecteur.core.full_text import complete_iter
    from lecteur.core.refresh import Progress
    from lecteur.core.workers.pool import ExtractorPool

    done = 0
    with ExtractorPool().start_all() as pool, _Reporter() as report:
        for count, completed in enumerate(complete_iter(library, pool, work), start=1):
            done += completed.error is None
            report(Progress(count, len(work), completed=completed, phase="full text"))
    print(say("cli.feeds.fulltext_caught_up", done=done, total=len(work)))
    return EXIT_OK if done == len(work) else EXIT_ERROR


def cmd_import(args: argparse.Namespace) -> int:
    """Subscribe to every feed of an OPML file (or the starter pack); nothing is fetched."""
    from lecteur.core.subscriptions import import_opml, starter_opml

    if args.starter == bool(args.file):
        raise CommandError(say("cli.feeds.file_or_starter"))
    source = say("cli.feeds.starter_pack") if args.starter else args.file
    data = starter_opml() if args.starter else _read_file(args.file)
    with open_library(args) as library:
        try:
            results = import_opml(library, data, source)
        except LecteurError as error:
            raise CommandError(str(error)) from None
    added = sum(1 for r in results if r.new)
    failed = [r for r in results if r.error]
    for result in failed:
        say_error(result.error)
    known = len(results) - added - len(failed)
    print(say("cli.feeds.imported_one" if added == 1 else "cli.feeds.imported", added=added,
              known=known, refused=len(failed)))
    return EXIT_ERROR if failed else EXIT_OK


def _read_file(name: str) -> bytes:
    from lecteur.core.io.opml import MAX_OPML_BYTES

    path = Path(name).expanduser()
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_OPML_BYTES + 1)
    except FileNotFoundError:
        raise CommandError(say("cli.feeds.file_missing", name=name)) from None
    except IsADirectoryError:
        raise CommandError(say("cli.feeds.file_folder", name=name)) from None
    except OSError as error:
        reason = error.strerror or say("cli.unknown_error")
        raise CommandError(say("cli.feeds.file_unreadable", name=name, reason=reason)) from None
    return data


def cmd_export(args: argparse.Namespace) -> int:
    """Every subscription as OPML 2.0 on standard output, tags as folders."""
    from lecteur.core.subscriptions import export_opml

    with open_library(args) as library:
        sys.stdout.write(export_opml(library))
    return EXIT_OK


def cmd_refresh(args: argparse.Namespace) -> int:
    """Fetch feeds (all, or the ids given) concurrently; report each, then a summary."""
    from lecteur.core.workers.pool import ExtractorPool

    with open_library(args) as library:
        if not args.ids and not library.feeds.ids():
            print(say("cli.feeds.nothing_to_refresh"))
            return EXIT_OK
        # The workers' fork server warms up (the feed parser's import: feeds are parsed
        # first) while the refresh's modules are imported and the first requests go out.
        with ExtractorPool(warm_for="feeds").start_all() as pool, _Reporter() as report:
            from lecteur.core.refresh import refresh

            try:
                results = refresh(library, pool, args.ids or None, on_progress=report,
                                  full_text=not args.no_full_text)
                library.feed_items.age_out(_feed_age_days(args))
            except LecteurError as error:
                raise CommandError(str(error)) from None
    return _summary(results)


def _feed_age_days(args: argparse.Namespace) -> int:
    """The settings' ``feed_age_days`` (feed items nobody kept leave the Inbox after it)."""
    from lecteur.cli.commands import current_dirs
    from lecteur.core.config import FEED_AGE_DAYS, config_path, load_config

    try:
        return load_config(config_path(current_dirs(args))).feed_age_days
    except (OSError, ValueError):
        return FEED_AGE_DAYS


def _summary(results: list[FeedResult]) -> int:
    new = sum(len(r.new_items) for r in results)
    counts = {status: sum(1 for r in results if r.status == status)
              for status in ("new", "unchanged", "failed", "skipped")}
    feeds = (say("cli.feeds.feed") if len(results) == 1
             else say("cli.feeds.feeds", count=len(results)))
    print(say("cli.feeds.summary", feeds=feeds, items=_new_items(new), changed=counts["new"],
              unchanged=counts["unchanged"], failed=counts["failed"],
              skipped=counts["skipped"]))
    return EXIT_ERROR if counts["failed"] else EXIT_OK


class _Reporter:
    """Progress as a bar on a terminal, else one line per feed; errors on stderr."""

    def __init__(self) -> None:
        self._bar: object | None = None
        self._task: object | None = None

    def __enter__(self) -> Callable[[Progress], None]:
        if sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            label = TextColumn(say("cli.feeds.refreshing"), markup=False)
            bar = Progress(label, BarColumn(), MofNCompleteColumn(),
                           TextColumn("{task.description}", markup=False), transient=True,
                           console=Console(stderr=True, highlight=False, markup=False))
            bar.start()
            self._bar, self._task = bar, bar.add_task("", total=None)
        return self.report

    def report(self, progress: Progress) -> None:
        """One feed done (phase "feeds") or one full article done (phase "full text")."""
        if progress.completed is not None:
            self._full_text(progress)
            return
        result = progress.result
        assert result is not None
        title = clean_line(result.title) or clean_line(result.url)
        self._advance(progress, title)
        if result.status == "failed" or result.status == "skipped":
            self._line(f"lecteur: {title}: {clean_line(result.error)}", error=True)
        elif result.warning:
            self._line(f"lecteur: {title}: {clean_line(result.warning)}", error=True)
        if self._bar is None and result.status in ("new", "unchanged"):
            key = "cli.feeds.line_new" if result.status == "new" else "cli.feeds.line_unchanged"
            print(say(key, done=progress.done, total=progress.total, title=title,
                      count=len(result.new_items)), flush=True)

    def _full_text(self, progress: Progress) -> None:
        completed = progress.completed
        assert completed is not None
        link = clean_line(completed.url)
        self._advance(progress, say("cli.feeds.full_text_of", link=link))
        if completed.error:
            failed = say("cli.feeds.full_text_failed", link=link,
                         error=clean_line(completed.error))
            self._line(f"lecteur: {failed}", error=True)
        elif self._bar is None:
            print(say("cli.feeds.line_full_text", done=progress.done, total=progress.total,
                      link=link), flush=True)

    def _advance(self, progress: Progress, description: str) -> None:
        if self._bar is None:
            return
        from rich.progress import Progress as Bar

        assert isinstance(self._bar, Bar)
        self._bar.update(self._task, total=progress.total,  # type: ignore[arg-type]
                         completed=progress.done, description=description[:50])

    def _line(self, text: str, error: bool) -> None:
        if self._bar is not None:
            from rich.progress import Progress as Bar

            assert isinstance(self._bar, Bar)
            self._bar.console.print(text, markup=False, highlight=False)
            return
        print(text, file=sys.stderr if error else sys.stdout, flush=True)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            from rich.progress import Progress as Bar

            assert isinstance(self._bar, Bar)
            self._bar.stop()

