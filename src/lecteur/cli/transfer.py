"""``lecteur export`` and ``lecteur import``: Markdown files, the playbook, JSON backups.

The work is `lecteur.core.transfer`'s (the reader will call it too); this module reads the
options and says, per file, what was written and what was left alone.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lecteur.cli import EXIT_ERROR, EXIT_OK
from lecteur.cli.arguments import article_id
from lecteur.cli.commands import (
    CommandError,
    back_up_if_due,
    current_dirs,
    open_library,
    reading,
    say_error,
    say_line,
)
from lecteur.core.catalogue import say
from lecteur.core.errors import InvalidInputError, LecteurError

if TYPE_CHECKING:
    from lecteur.core.io.imports import Export
    from lecteur.core.library.store import Library

# The formats ``import --from`` names (`lecteur.core.io.imports.FORMATS`, not imported
# just to build the parser).
IMPORT_FORMATS = ("pocket", "instapaper", "wallabag", "omnivore", "bookmarks")


def declare(commands: Any) -> None:
    """Add ``export`` and ``import`` to the parser's sub-commands."""
    export = commands.add_parser("export", help=say("cli.help.export"))
    export.add_argument("--format", choices=("markdown", "json"), default="markdown",
                        help=say("cli.help.export_format"))
    export.add_argument("--out", metavar="DIR", help=say("cli.help.export_out"))
    export.add_argument("--tag", metavar="TAG", help=say("cli.help.export_tag"))
    export.add_argument("--single-file", metavar="FILE", help=say("cli.help.single_file"))
    export.add_argument("--group-by", choices=("tag", "speaker"), default="tag",
                        help=say("cli.help.group_by"))
    export.add_argument("--force", action="store_true", help=say("cli.help.force"))
    card = commands.add_parser("card", help=say("cli.help.card"))
    card.add_argument("id", type=article_id, help=say("cli.help.card_id"))
    card.add_argument("--highlight", action="store_true", help=say("cli.help.card_highlight"))
    card.add_argument("--format", choices=("svg", "text"), default="svg",
                      help=say("cli.help.card_format"))
    card.add_argument("--out", metavar="FILE", help=say("cli.help.card_out"))
    restore = commands.add_parser("import", help=say("cli.help.import"))
    restore.add_argument("file", metavar="FILE", nargs="?", help=say("cli.help.import_file"))
    restore.add_argument("--pending", action="store_true", help=say("cli.help.import_pending"))
    restore.add_argument("--from", dest="from_format", choices=IMPORT_FORMATS,
                         help=say("cli.help.import_from"))
    restore.add_argument("--offline", action="store_true", help=say("cli.help.import_offline"))
    restore.add_argument("--json", action="store_true", help=say("cli.help.import_json"))


def cmd_export(args: argparse.Namespace) -> int:
    """Write the library out: Markdown files, one playbook file, or a JSON backup."""
    from lecteur.core import transfer

    templates = current_dirs(args).config / "templates"
    with reading(args) as library:
        try:
            if args.format == "json":
                return _backup(library, args.out)
            if args.single_file == "-":  # on standard output, as Unix tools read "-"
                for chunk in transfer.playbook_chunks(library, tag=args.tag,
                                                      group_by=args.group_by,
                                                      templates=templates):
                    sys.stdout.write(chunk)  # as it is made: nothing held whole
                return EXIT_OK
            if args.single_file:
                path = Path(args.single_file).expanduser()
                status = transfer.export_playbook(library, path, tag=args.tag,
                                                  group_by=args.group_by, force=args.force,
                                                  templates=templates)
                return _report(status, path)
            if not args.out:
                raise CommandError(say("cli.export_where"))
            written = transfer.each_exported(library, Path(args.out).expanduser(),
                                             tag=args.tag, force=args.force,
                                             templates=templates)
            failed, count = False, 0
            for item in written:  # each file said as it is written
                failed |= _report(item.status, item.path) != EXIT_OK
                count += 1
        except InvalidInputError as error:
            raise CommandError(str(error)) from None
        except BrokenPipeError:  # stdout's reader is gone (| head): `main` says nothing
            raise
        except OSError as error:
            raise CommandError(say("cli.export_failed", reason=error.strerror or error)) from None
    if not count:  # no file, perhaps no folder: say so rather than "0 exported to"
        say_line(_nothing_exported(args.tag, Path(args.out).expanduser()))
        return EXIT_OK
    say_line(say("cli.exported", count=count, folder=args.out))
    return EXIT_ERROR if failed else EXIT_OK


def _nothing_exported(tag: str | None, folder: Path) -> str:
    """The sentence for an export that found no piece to write."""
    left = say("cli.exported_none_kept" if folder.is_dir() else "cli.exported_none_absent")
    if tag:
        return say("cli.exported_none_tag", tag=tag.lstrip("#"), folder=folder, left=left)
    return say("cli.exported_none", folder=folder, left=left)


def _backup(library: Library, out: str | None) -> int:
    """The backup on standard output, or written atomically (0600) to the file `out`."""
    from lecteur.core import transfer

    pieces = transfer.backup_pieces(library)  # written as read, never held whole
    if out is None:
        for piece in pieces:
            sys.stdout.write(piece)
        return EXIT_OK
    from lecteur.core.io.atomic import write_atomically

    path = Path(out).expanduser()
    write_atomically(path, pieces, private_folder=False)
    say_line(say("cli.json_backup_written", path=path))
    return EXIT_OK


def _report(status: str, path: Path) -> int:
    """Say what became of one file; a file edited by hand and left alone is a failure."""
    if status == "edited":
        say_error(say("cli.export_edited", path=path))
        return EXIT_ERROR
    if status != "unchanged":
        say_line(say(f"cli.export_{status}", path=path))
    return EXIT_OK


def cmd_card(args: argparse.Namespace) -> int:
    """A quotation (or, with ``--highlight``, a highlight) as a card: SVG or plain text."""
    from lecteur.core import transfer
    from lecteur.core.io.export.cards import card_svg, card_text

    with reading(args) as library:
        card = (transfer.highlight_card(library, args.id) if args.highlight
                else transfer.quote_card(library, args.id))
    if card is None:
        key = "cli.no_highlight" if args.highlight else "cli.no_quote"
        raise CommandError(say(key, id=args.id))
    text = card_svg(card) if args.format == "svg" else card_text(card)
    if args.out is None:
        sys.stdout.write(text)
        return EXIT_OK
    from lecteur.core.io.atomic import write_atomically

    path = Path(args.out).expanduser()
    try:
        write_atomically(path, text, private_folder=False)
    except OSError as error:
        raise CommandError(say("cli.export_failed", reason=error.strerror or error)) from None
    say_line(say("cli.card_written", path=path))
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    """Load a JSON backup into an empty library, or import another service's export
    (or, with ``--pending``, fetch the links earlier imports kept as links)."""
    if args.pending or args.file is None:
        if args.file is not None or not args.pending:
            raise CommandError(say("cli.import_what"))
        from lecteur.cli.imports import run_pending

        return run_pending(args)
    export = _open_export(args)
    if export.format != "lecteur":
        from lecteur.cli.imports import run_import

        return run_import(args, export)
    from lecteur.core import transfer

    with open_library(args) as library:
        try:
            counts = transfer.restore_text(library, export.text)
        except LecteurError as error:  # a malformed file, or rows SQLite refuses: nothing kept
            raise CommandError(str(error)) from None
        back_up_if_due(library)
    say_line(say("cli.imported", articles=counts.get("articles", 0),
                 notes=counts.get("notes", 0), highlights=counts.get("highlights", 0)))
    return EXIT_OK


def _open_export(args: argparse.Namespace) -> Export:
    """The file (a folder, or ``-``: standard input) as an export of a known format."""
    from lecteur.core.io import imports

    path = Path(args.file).expanduser()
    try:
        if args.file == "-":
            data: bytes | None = sys.stdin.buffer.read(imports.MAX_FILE_BYTES + 1)
            if len(data or b"") > imports.MAX_FILE_BYTES:
                raise InvalidInputError("import.too_large",
                                        megabytes=imports.MAX_FILE_BYTES // (1024 * 1024))
        else:
            data = None if path.is_dir() else imports.read_bytes(path)
        return imports.open_export(data, None if data is not None else path,
                                   args.from_format)
    except OSError as error:
        reason = getattr(error, "strerror", None) or error
        raise CommandError(say("cli.import_unreadable", file=args.file, reason=reason)) from None
    except InvalidInputError as error:
        raise CommandError(str(error)) from None
