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
# The views `search --view` narrows to (core.library.views; a test keeps them the same).
VIEWS = ("inbox", "saved", "starred", "archive")


def limit(text: str) -> int:
    """A ``--limit``: a whole number, 0 or more (0 means all); argparse says what is wrong."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid int value: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 (all) or more, not {value}")
    return value


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
    ls.add_argument("-n", "--limit", type=limit, default=50, metavar="N",
                    help="show at most N articles (0 for all; default 50)")
    ls.add_argument("--json", action="store_true", help="print JSON")

    show = commands.add_parser("show", help="print one saved article")
    show.add_argument("id", type=int, help="the article's id (see ls)")
    show.add_argument("--json", action="store_true", help="print JSON")

    search = commands.add_parser("search", help="full-text search of the library")
    search.add_argument("query", nargs="*",
                        help='words to find ("a phrase"; the last word is a prefix)')
    search.add_argument("-n", "--limit", type=limit, default=50, metavar="N",
                        help="show at most N results (0 for all; default 50)")
    search.add_argument("--tag", action="append", default=[], metavar="TAG",
                        help="only articles tagged TAG (repeat for several)")
    search.add_argument("--view", choices=VIEWS, help="only articles in this view")
    search.add_argument("--json", action="store_true", help="print JSON")

    rm = commands.add_parser("rm", help="delete articles from the library")
    rm.add_argument("ids", nargs="+", type=int, metavar="ID", help="article ids (see ls)")

    quotes = commands.add_parser("quotes", help="the quotations in the library, by speaker")
    quotes.add_argument("--speaker", metavar="NAME",
                        help="only quotations whose speaker's name contains NAME")
    quotes.add_argument("-n", "--limit", type=limit, default=0, metavar="N",
                        help="show at most N quotations (default: all)")
    quotes.add_argument("--json", action="store_true", help="print JSON")

    people = commands.add_parser("people", help="everyone quoted in or writing the library")
    people.add_argument("name", nargs="?", help="show this author's card and saved pieces")
    people.add_argument("--json", action="store_true", help="print JSON")

    tag = commands.add_parser("tag", help="tag an article")
    tag.add_argument("id", type=int, help="the article's id (see ls)")
    tag.add_argument("tags", nargs="+", metavar="TAG",
                     help="tags to add (a leading # is optional; 'a, b' is two)")

    untag = commands.add_parser("untag", help="take tags off an article")
    untag.add_argument("id", type=int, help="the article's id (see ls)")
    untag.add_argument("tags", nargs="+", metavar="TAG", help="tags to take off")

    tags = commands.add_parser("tags", help="every tag with its count; rename or delete one")
    tags.add_argument("--json", action="store_true", help="print JSON")
    tag_commands = tags.add_subparsers(dest="tags_command", metavar="ACTION")
    rename = tag_commands.add_parser("rename", help="rename a tag on every article")
    rename.add_argument("old", metavar="OLD", help="the tag's name (case and accents aside)")
    rename.add_argument("new", metavar="NEW", help="its new name (an existing tag: merged)")
    delete = tag_commands.add_parser("delete", help="take a tag off every article")
    delete.add_argument("name", metavar="TAG", help="the tag's name (case and accents aside)")

    commands.add_parser("dirs", help="show where the library, config and cache live")
    return parser


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
