"""``lecteur import FILE`` for other services' exports: one line per item, then a summary.

`lecteur.cli.transfer` reads the file and hands lecteur's own backups to the restore; any
other export comes here. Each item's line says what became of it (added, already there,
fetched, kept as a link and why, skipped and why, failed and why), as the item is stored;
``--json`` says the same as one JSON object per line, then the summary's. Every string
printed has passed the sanitiser (`say_line`, `write_json`).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from typing import TYPE_CHECKING

from lecteur.cli import EXIT_ERROR, EXIT_OK
from lecteur.cli.commands import CommandError, back_up_if_due, open_library, say_line, write_json
from lecteur.core.catalogue import say
from lecteur.core.errors import LecteurError

if TYPE_CHECKING:
    from lecteur.core.importing import Report
    from lecteur.core.io.imports import Export


def run_pending(args: argparse.Namespace) -> int:
    """Fetch the links earlier imports kept as links, as an import of them would."""
    from lecteur.core.importing import pending_items
    from lecteur.core.io.imports import Export

    with open_library(args) as library:
        links = list(pending_items(library))
    return run_import(args, Export("pending", iter(links)))


def run_import(args: argparse.Namespace, export: Export) -> int:
    """Import every item of `export`; print each report as it comes, then the summary."""
    from lecteur.core.importing import STATUSES, import_items

    counts: Counter[str] = Counter()
    if export.encoding != "utf-8" and not args.json:
        say_line(say("import.read_as", encoding=export.encoding))
    for name in export.refused:
        _say_refused_member(name, args.json)
    try:
        with open_library(args) as library:
            try:
                for report in import_items(library, export.items, offline=args.offline):
                    counts[report.status] += 1
                    _print(report, args.json)
            except LecteurError as error:  # the file itself went wrong half-way
                raise CommandError(str(error)) from None
            finally:
                back_up_if_due(library)
    finally:
        export.close()
    summary = {status: counts[status] for status in STATUSES}
    if args.json:
        write_json({"summary": summary, "format": export.format,
                    "items": sum(counts.values())})
    else:
        say_line(say("import.summary", source=say(f"import.format.{export.format}"),
                     items=sum(counts.values()), **summary))
    return EXIT_ERROR if counts["failed"] or export.refused else EXIT_OK


def _say_refused_member(name: str, as_json: bool) -> None:
    """An archive member left unread because its name would leave the archive."""
    reason = say("import.unsafe_member", name=name)
    if as_json:
        write_json({"item": None, "status": "failed", "reason": reason})
    else:
        say_line(say("import.line.failed", number="-", reason=reason))


def _print(report: Report, as_json: bool) -> None:
    """One item's line (or JSON object), flushed at once (a long import shows progress)."""
    if as_json:
        write_json(report.to_dict())
    else:
        line = say(f"import.line.{report.status}", number=report.number, id=report.article_id,
                   title=report.title, reason=(report.reason or "").rstrip("."))
        if report.status == "present" and report.reason:
            line += f": {report.reason.rstrip('.')}"
        extra = []
        if report.highlights:
            extra.append(say("import.highlights", count=report.highlights))
        if report.notes:
            extra.append(say("import.notes", count=report.notes))
        say_line(line + (f" ({', '.join(extra)})" if extra else ""))
    sys.stdout.flush()
