"""The ``lecteur`` command.

``lecteur`` alone opens the reader (the Textual app, imported only then); every other
command works on the library from the shell and never imports Textual, so it starts fast.
Failures print one plain sentence on stderr and exit with status 1; no traceback reaches
the reader (an unexpected one is written to a log file in the cache folder). A wrong
command line is one line too, naming the command's usage, with status 2.

The language (English or French) is chosen before anything is said: ``--lang``, then the
config file's ``language``, then the locale, as the reader does.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence

from lecteur import __version__
from lecteur.cli.arguments import (
    ChosenSubParsers,
    LecteurParser,
    article_id,
    count,
    feed_id,
    minutes,
)
from lecteur.core.catalogue import say, set_language

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
# The views `search --view` narrows to (core.library.views; a test keeps them the same).
VIEWS = ("inbox", "saved", "starred", "archive", "trash", "dismissed")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, declared once (docs/cli.md is checked against it); `only`:
    with that one command's parser alone (`ChosenSubParsers`; what `main` parses with
    when the command is named first)."""
    parser = LecteurParser(prog="lecteur", description=say("cli.help.description"))
    parser.add_argument("--version", action="version", version=f"lecteur {__version__}",
                        help=say("cli.help.version"))
    parser.add_argument("--library", metavar="DIR", help=say("cli.help.library"))
    parser.add_argument("--lang", choices=("en", "fr"), help=say("cli.help.lang"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND",
                                     action=ChosenSubParsers)
    assert isinstance(commands, ChosenSubParsers)
    commands.chosen = only

    read = commands.add_parser("read", help=say("cli.help.read"))
    read.add_argument("sources", nargs="+", metavar="SOURCE", help=say("cli.help.source"))
    read.add_argument("--format", choices=("text", "json"), default="text",
                      help=say("cli.help.format"))

    add = commands.add_parser("add", help=say("cli.help.add"))
    add.add_argument("sources", nargs="+", metavar="SOURCE", help=say("cli.help.source"))

    ls = commands.add_parser("ls", help=say("cli.help.ls"))
    ls.add_argument("-n", "--limit", type=count, default=50, metavar="N",
                    help=say("cli.help.ls_limit"))
    ls.add_argument("--json", action="store_true", help=say("cli.help.json"))
    ls.add_argument("--sort", choices=("added", "score"), default="added",
                    help=say("cli.help.sort"))

    next_ = commands.add_parser("next", help=say("cli.help.next"))
    next_.add_argument("--minutes", type=minutes, default=10, metavar="N",
                       help=say("cli.help.minutes"))
    next_.add_argument("--json", action="store_true", help=say("cli.help.json"))
    ls.add_argument("--view", metavar="NAME", help=say("cli.help.ls_view"))

    show = commands.add_parser("show", help=say("cli.help.show"))
    show.add_argument("id", type=article_id, help=say("cli.help.id"))
    show.add_argument("--json", action="store_true", help=say("cli.help.json"))
    show.add_argument("--earlier", type=article_id, metavar="N", help=say("cli.help.earlier"))

    search = commands.add_parser("search", help=say("cli.help.search"))
    search.add_argument("query", nargs="*", help=say("cli.help.query"))
    search.add_argument("-n", "--limit", type=count, default=50, metavar="N",
                        help=say("cli.help.search_limit"))
    search.add_argument("--tag", action="append", default=[], metavar="TAG",
                        help=say("cli.help.search_tag"))
    search.add_argument("--view", choices=VIEWS, help=say("cli.help.search_view"))
    search.add_argument("--json", action="store_true", help=say("cli.help.json"))

    rm = commands.add_parser("rm", help=say("cli.help.rm"))
    rm.add_argument("ids", nargs="+", type=article_id, metavar="ID", help=say("cli.help.ids"))
    rm.add_argument("--purge", action="store_true", help=say("cli.help.purge"))

    trash = commands.add_parser("trash", help=say("cli.help.trash"))
    trash_actions = trash.add_subparsers(dest="trash_action", metavar="ACTION")
    restore = trash_actions.add_parser("restore", help=say("cli.help.restore"))
    restore.add_argument("ids", nargs="+", type=article_id, metavar="ID",
                         help=say("cli.help.trash_ids"))
    trash_actions.add_parser("empty", help=say("cli.help.empty"))

    quotes = commands.add_parser("quotes", help=say("cli.help.quotes"))
    quotes.add_argument("--speaker", metavar="NAME", help=say("cli.help.speaker"))
    quotes.add_argument("-n", "--limit", type=count, default=0, metavar="N",
                        help=say("cli.help.quotes_limit"))
    quotes.add_argument("--kept", action="store_true", help=say("cli.help.kept"))
    quotes.add_argument("--json", action="store_true", help=say("cli.help.json"))

    people = commands.add_parser("people", help=say("cli.help.people"))
    people.add_argument("name", nargs="?", help=say("cli.help.name"))
    people.add_argument("--json", action="store_true", help=say("cli.help.json"))

    commands.add_parser("backup", help=say("cli.help.backup"))
    restore_backup = commands.add_parser("restore", help=say("cli.help.restore_backup"))
    restore_backup.add_argument("backup", nargs="?", metavar="BACKUP",
                                help=say("cli.help.backup_name"))
    restore_backup.add_argument("--list", action="store_true",
                                help=say("cli.help.backup_list"))

    _tag_commands(commands)
    commands.add_parser("dirs", help=say("cli.help.dirs"))
    _feeds_parser(commands)
    from lecteur.cli import annotate, queries, transfer

    annotate.declare(commands)
    transfer.declare(commands)
    queries.declare(commands)
    return parser


def _feeds_parser(commands: argparse._SubParsersAction[LecteurParser]) -> None:
    """``lecteur feeds ACTION``: subscriptions, OPML, refresh."""
    feeds = commands.add_parser("feeds", help=say("cli.help.feeds"))
    actions = feeds.add_subparsers(dest="feeds_command", metavar="ACTION")
    add = actions.add_parser("add", help=say("cli.help.feeds_add"))
    add.add_argument("url", metavar="URL", help=say("cli.help.feed_url"))
    add.add_argument("--tag", action="append", metavar="TAG", help=say("cli.help.feed_tag"))
    add.add_argument("--no-full-text", action="store_true", help=say("cli.help.no_full_text"))
    ls = actions.add_parser("ls", help=say("cli.help.feeds_ls"))
    ls.add_argument("--json", action="store_true", help=say("cli.help.json"))
    rm = actions.add_parser("rm", help=say("cli.help.feeds_rm"))
    rm.add_argument("ids", nargs="+", type=feed_id, metavar="ID", help=say("cli.help.feed_ids"))
    rename = actions.add_parser("rename", help=say("cli.help.feeds_rename"))
    rename.add_argument("id", type=feed_id, metavar="ID", help=say("cli.help.feed_id"))
    rename.add_argument("title", nargs="+", metavar="TITLE", help=say("cli.help.feed_title"))
    tag = actions.add_parser("tag", help=say("cli.help.feeds_tag"))
    tag.add_argument("id", type=feed_id, metavar="ID", help=say("cli.help.feed_id"))
    tag.add_argument("tag", metavar="TAG", help=say("cli.help.feed_tag_name"))
    tag.add_argument("--remove", action="store_true", help=say("cli.help.feed_untag"))
    full = actions.add_parser("fulltext", help=say("cli.help.feeds_fulltext"))
    full.add_argument("id", type=feed_id, metavar="ID", help=say("cli.help.feed_id"))
    full.add_argument("mode", choices=("on", "off", "auto"), help=say("cli.help.fulltext_mode"))
    imp = actions.add_parser("import", help=say("cli.help.feeds_import"))
    imp.add_argument("file", nargs="?", metavar="FILE", help=say("cli.help.opml_file"))
    imp.add_argument("--starter", action="store_true", help=say("cli.help.starter"))
    actions.add_parser("export", help=say("cli.help.feeds_export"))
    refresh = actions.add_parser("refresh", help=say("cli.help.feeds_refresh"))
    refresh.add_argument("ids", nargs="*", type=feed_id, metavar="ID",
                         help=say("cli.help.refresh_ids"))
    refresh.add_argument("--no-full-text", action="store_true",
                         help=say("cli.help.refresh_no_full_text"))


def _tag_commands(commands: argparse._SubParsersAction[LecteurParser]) -> None:
    """``lecteur tag``, ``untag`` and ``tags [rename|delete]``."""
    tag = commands.add_parser("tag", help=say("cli.help.tag"))
    tag.add_argument("id", type=article_id, help=say("cli.help.id"))
    tag.add_argument("tags", nargs="+", metavar="TAG", help=say("cli.help.tag_names"))

    untag = commands.add_parser("untag", help=say("cli.help.untag"))
    untag.add_argument("id", type=article_id, help=say("cli.help.id"))
    untag.add_argument("tags", nargs="+", metavar="TAG", help=say("cli.help.untag_names"))

    tags = commands.add_parser("tags", help=say("cli.help.tags"))
    tags.add_argument("--json", action="store_true", help=say("cli.help.json"))
    tag_actions = tags.add_subparsers(dest="tags_command", metavar="ACTION")
    rename = tag_actions.add_parser("rename", help=say("cli.help.tags_rename"))
    rename.add_argument("old", metavar="OLD", help=say("cli.help.tag_old"))
    rename.add_argument("new", metavar="NEW", help=say("cli.help.tag_new"))
    delete = tag_actions.add_parser("delete", help=say("cli.help.tags_delete"))
    delete.add_argument("name", metavar="TAG", help=say("cli.help.tag_old"))


_READER_OPTIONS = {"--library": None, "--lang": ("en", "fr")}  # name -> allowed values


def reader_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """The parsed command line if it only opens the reader (``--library DIR``, ``--lang
    en|fr``, nothing else), else None: then the whole parser reads it.

    Building the whole parser (every command's options, their help in the language in
    force) takes a few milliseconds of the reader's start-up; a command line that names
    no command needs none of it. What this returns is what the parser would.
    """
    found: dict[str, str | None] = {"library": None, "lang": None}
    words = list(argv)
    while words:
        name, equals, value = words.pop(0).partition("=")
        if name not in _READER_OPTIONS:
            return None
        if not equals:
            if not words:
                return None
            value = words.pop(0)
        allowed = _READER_OPTIONS[name]
        if not value or value.startswith("-") or (allowed and value not in allowed):
            return None  # the parser says what is wrong
        found[name.removeprefix("--")] = value
    return argparse.Namespace(**found, command=None)


def choose_language(argv: Sequence[str]) -> str:
    """The language of this run: ``--lang``, else the config file's, else the locale's."""
    from lecteur.cli.arguments import early_options

    language, library = early_options(argv)
    if language is None:
        from lecteur.core import paths
        from lecteur.core.config import config_path, load_config

        try:
            language = load_config(config_path(paths.dirs(library))).language
        except (OSError, ValueError):  # a folder that cannot be resolved: the locale decides
            language = None
    return set_language(language)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    Called without `argv` (the console script, ``python -m lecteur``), it also owns the
    process: a closed pipe on standard output ends it quietly with status 0, and Ctrl+C
    ends it at once with status 130, without waiting for a fetch in progress.
    """
    standalone = argv is None
    arguments = list(sys.argv[1:] if argv is None else argv)
    from lecteur.cli import commands

    args = None
    try:
        choose_language(arguments)
        args = reader_arguments(arguments)  # the reader's start skips the whole parser
        if args is None:
            args = _parser_for(arguments).parse_args(arguments)  # a wrong one: SystemExit(2)
        status = commands.run(args)
        sys.stdout.flush()  # here, where a closed pipe can still be handled
        return status
    except BrokenPipeError:  # the reader of the pipe is gone (| head): nothing more to say
        if standalone:
            _stdout_to_devnull()
            _leave_now(EXIT_OK)  # without waiting for fetches of sources nobody will see
        return EXIT_OK
    except KeyboardInterrupt:
        commands.say_error(say("cli.interrupted"))
        if standalone:
            _leave_now(EXIT_INTERRUPTED)
        return EXIT_INTERRUPTED
    except commands.CommandError as error:
        commands.say_error(str(error))
        return EXIT_ERROR
    except Exception as error:  # the last line of defence: one sentence, details in a log
        log = commands.log_crash(error, args)
        commands.say_error(say("cli.crashed", kind=type(error).__name__, log=log))
        return EXIT_ERROR


def _parser_for(arguments: list[str]) -> argparse.ArgumentParser:
    """The parser of the command `arguments` name first, built alone (`build_parser`), or
    the whole parser for anything else (an unknown command, ``--help``)."""
    from lecteur.cli.arguments import chosen_command

    chosen = chosen_command(arguments)
    if chosen is None:
        return build_parser()
    parser = build_parser(chosen)
    return parser if _declares(parser, chosen) else build_parser()


def _declares(parser: argparse.ArgumentParser, name: str) -> bool:
    """Whether `parser`'s sub-commands include `name`."""
    return any(name in action.choices for action in parser._actions
               if isinstance(action, ChosenSubParsers))


def _stdout_to_devnull() -> None:
    """After a closed pipe, point standard output at /dev/null so that no later flush has
    anywhere to fail (the standard way, see "Note on SIGPIPE" in Python's `signal` docs)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _leave_now(status: int) -> None:
    """End the process now: fetch threads still waiting on a slow site are not joined.

    Nothing is half-saved: every write is one SQLite transaction, and one not committed
    is rolled back by SQLite when the library is next opened.
    """
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    pools = sys.modules.get("lecteur.core.workers.pool")  # loaded only if a pool was made
    if pools is not None:
        with contextlib.suppress(Exception):
            pools.shutdown_all()  # os._exit skips atexit: no worker may outlive lecteur
    os._exit(status)  # the documented way to end without joining threads
