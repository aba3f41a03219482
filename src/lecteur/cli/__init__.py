"""The ``lecteur`` command.

``lecteur`` alone opens the reader (the Textual app, imported only then); every other
command works on the library from the shell and never imports Textual, so it starts fast.
Failures print one plain sentence on stderr and exit with status 1; no traceback reaches
the reader (an unexpected one is written to a log file in the cache folder).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from lecteur import __version__

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, declared once (docs/cli.md is checked against it)."""
    parser = argparse.ArgumentParser(
        prog="lecteur",
        description="A calm terminal reader for advice articles, in French and English.",
    )
    parser.add_argument("--version", action="version", version=f"lecteur {__version__}")
    parser.add_argument("--library", metavar="DIR",
                        help="use the library in DIR (default: $LECTEUR_HOME or the data dir)")
    parser.add_argument("--lang", choices=("en", "fr"),
                        help="the reader's language (default: the config file, then the locale)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    read = commands.add_parser("read", help="print clean articles; nothing is saved")
    read.add_argument("sources", nargs="+", metavar="SOURCE",
                      help="an http(s) URL, an .html or text file, or - for stdin")
    read.add_argument("--format", choices=("text", "json"), default="text",
                      help="text for reading, json for one object per source per line")

    add = commands.add_parser("add", help="save articles to the library")
    add.add_argument("sources", nargs="+", metavar="SOURCE",
                     help="an http(s) URL, an .html or text file, or - for stdin")

    ls = commands.add_parser("ls", help="list the library, newest first")
    ls.add_argument("-n", "--limit", type=int, default=50, metavar="N",
                    help="show at most N articles (0 for all; default 50)")
    ls.add_argument("--json", action="store_true", help="print JSON")

    show = commands.add_parser("show", help="print one saved article")
    show.add_argument("id", type=int, help="the article's id (see ls)")
    show.add_argument("--json", action="store_true", help="print JSON")

    search = commands.add_parser("search", help="full-text search of the library")
    search.add_argument("query", nargs="+", help='words to find ("a phrase", prefix*)')
    search.add_argument("-n", "--limit", type=int, default=50, metavar="N",
                        help="show at most N results (default 50)")
    search.add_argument("--json", action="store_true", help="print JSON")

    rm = commands.add_parser("rm", help="delete articles from the library")
    rm.add_argument("ids", nargs="+", type=int, metavar="ID", help="article ids (see ls)")

    quotes = commands.add_parser("quotes", help="the quotations in the library, by speaker")
    quotes.add_argument("--speaker", metavar="NAME",
                        help="only quotations whose speaker's name contains NAME")
    quotes.add_argument("-n", "--limit", type=int, default=0, metavar="N",
                        help="show at most N quotations (default: all)")
    quotes.add_argument("--json", action="store_true", help="print JSON")

    people = commands.add_parser("people", help="everyone quoted in or writing the library")
    people.add_argument("name", nargs="?", help="show this author's card and saved pieces")
    people.add_argument("--json", action="store_true", help="print JSON")

    commands.add_parser("dirs", help="show where the library, config and cache live")
    _feeds_parser(commands)
    return parser


def _feeds_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``lecteur feeds ACTION``: subscriptions, OPML, refresh."""
    feeds = commands.add_parser("feeds", help="subscribe to feeds, import/export OPML, refresh")
    actions = feeds.add_subparsers(dest="feeds_command", metavar="ACTION")
    add = actions.add_parser("add", help="subscribe to a feed, or to the feed a page names")
    add.add_argument("url", metavar="URL", help="an http(s) feed URL or a page naming its feed")
    add.add_argument("--tag", action="append", metavar="TAG", help="tag the feed (repeatable)")
    add.add_argument("--no-full-text", action="store_true",
                     help="keep the feed's text; do not fetch the items' full articles")
    ls = actions.add_parser("ls", help="title, URL, tags, unread, last success, last error")
    ls.add_argument("--json", action="store_true", help="print JSON")
    rm = actions.add_parser("rm", help="unsubscribe (items you kept stay)")
    rm.add_argument("ids", nargs="+", type=int, metavar="ID", help="feed ids (see feeds ls)")
    rename = actions.add_parser("rename", help="give a feed your own title")
    rename.add_argument("id", type=int, metavar="ID", help="the feed's id")
    rename.add_argument("title", nargs="+", metavar="TITLE", help="the new title")
    tag = actions.add_parser("tag", help="tag a feed (a folder in OPML)")
    tag.add_argument("id", type=int, metavar="ID", help="the feed's id")
    tag.add_argument("tag", metavar="TAG", help="the tag")
    tag.add_argument("--remove", action="store_true", help="remove the tag instead")
    imp = actions.add_parser("import", help="subscribe to the feeds of an OPML file")
    imp.add_argument("file", nargs="?", metavar="FILE", help="an OPML file (folders become tags)")
    imp.add_argument("--starter", action="store_true",
                     help="the starter pack: public career and networking feeds, fr and en")
    actions.add_parser("export", help="print every subscription as OPML 2.0")
    refresh = actions.add_parser("refresh", help="fetch feeds concurrently, with progress")
    refresh.add_argument("ids", nargs="*", type=int, metavar="ID",
                         help="only these feeds (default: all)")
    refresh.add_argument("--no-full-text", action="store_true",
                         help="keep the feeds' text; do not fetch full articles")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = build_parser().parse_args(argv)
    from lecteur.cli import commands

    try:
        return commands.run(args)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except commands.CommandError as error:
        commands.say_error(str(error))
        return EXIT_ERROR
    except Exception as error:  # the last line of defence: one sentence, details in a log
        log = commands.log_crash(error, args)
        print(f"lecteur: something went wrong ({type(error).__name__}); details in {log}",
              file=sys.stderr)
        return EXIT_ERROR
