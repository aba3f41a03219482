"""``lecteur note``, ``lecteur highlight`` and ``lecteur notes``: annotating from the shell.

A note is given as an argument, as ``-`` (standard input), or typed in ``$VISUAL`` /
``$EDITOR`` when neither is given. A highlight names its passage by its text, which must be
in the article (white space and quotation-mark style may differ; see
`lecteur.core.text.anchors`); it is stored with its prefix and suffix.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from lecteur.cli import EXIT_OK
from lecteur.cli.arguments import article_id
from lecteur.cli.commands import (
    CommandError,
    back_up_if_due,
    open_library,
    reading,
    say_line,
    write_json,
)
from lecteur.core.catalogue import say
from lecteur.core.library.records import Stored
from lecteur.core.library.store import Library
from lecteur.core.text.sanitize import clean_text


def declare(commands: Any) -> None:
    """Add the three commands to the parser's sub-commands."""
    note = commands.add_parser("note", help=say("cli.help.note"))
    note.add_argument("id", type=article_id, help=say("cli.help.id"))
    note.add_argument("text", nargs="?", help=say("cli.help.note_text"))
    highlight = commands.add_parser("highlight", help=say("cli.help.highlight"))
    highlight.add_argument("id", type=article_id, help=say("cli.help.id"))
    highlight.add_argument("passage", help=say("cli.help.passage"))
    highlight.add_argument("--note", metavar="TEXT", help=say("cli.help.highlight_note"))
    notes = commands.add_parser("notes", help=say("cli.help.notes"))
    notes.add_argument("id", nargs="?", type=article_id, help=say("cli.help.notes_id"))
    notes.add_argument("--json", action="store_true", help=say("cli.help.json"))


def _from_editor() -> str:
    """What the reader types in ``$VISUAL``/``$EDITOR`` (an empty text if they save none)."""
    import shlex  # here: every other command would pay for these imports
    import subprocess
    import tempfile

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        raise CommandError(say("cli.no_editor"))
    handle, name = tempfile.mkstemp(prefix="lecteur-note-", suffix=".md")
    os.close(handle)
    path = Path(name)
    try:
        try:
            subprocess.run([*shlex.split(editor), str(path)], check=True)
        except (OSError, subprocess.CalledProcessError) as error:
            raise CommandError(say("cli.editor_failed", editor=editor, reason=error)) from None
        return path.read_text(encoding="utf-8")
    finally:
        path.unlink(missing_ok=True)


def _note_text(given: str | None) -> str:
    if given == "-":
        return sys.stdin.read()
    return _from_editor() if given is None else given


def _check_article(library: Library, wanted: int) -> Stored:
    """The article `wanted` names; refused if there is none, or it is in the trash."""
    stored = library.articles.get(wanted)
    if stored is None:
        raise CommandError(say("cli.no_article", ids=f"#{wanted}"))
    if library.articles.in_trash(wanted):
        raise CommandError(say("cli.in_trash", id=wanted))
    return stored


def cmd_note(args: argparse.Namespace) -> int:
    """Write a note on an article."""
    with open_library(args) as library:
        _check_article(library, args.id)
        text = clean_text(_note_text(args.text)).strip()
        if not text:
            raise CommandError(say("cli.note_empty"))
        note_id = library.notes.add(args.id, text)
        back_up_if_due(library)
    say_line(say("cli.noted", note=note_id, id=args.id))
    return EXIT_OK


def cmd_highlight(args: argparse.Namespace) -> int:
    """Highlight a passage of an article, found by its text; optionally with a note."""
    from lecteur.core.text.anchors import find_passage, text_digest

    with open_library(args) as library:
        stored = _check_article(library, args.id)
        blocks = [block.full_text for block in stored.article.blocks]
        anchor = find_passage(blocks, clean_text(args.passage))
        if anchor is None:
            raise CommandError(say("cli.passage_missing", id=args.id))
        highlight_id = library.highlights.add_passage(
            args.id, anchor, text_digest(stored.article.text))
        note = clean_text(args.note or "").strip()
        if note:
            library.notes.add(args.id, note, anchor.block_index, highlight_id=highlight_id)
        back_up_if_due(library)
    say_line(say("cli.highlighted", highlight=highlight_id, id=args.id, block=anchor.block_index))
    return EXIT_OK


def annotations_of(library: Library, wanted: int) -> dict[str, Any]:
    """An article's tags, notes and highlights (each highlight with its note), as JSON data;
    notes on a highlight are shown with it, not again among the notes. Those made on an
    earlier text of the article carry its number for ``show --earlier N`` (`earlier_text`)."""
    notes = library.notes.of(wanted, earlier=True)
    on_highlight = {n.highlight_id: n.text for n in notes if n.highlight_id is not None}
    earlier = {v.id: number for number, v in enumerate(library.versions.of(wanted), 1)}
    return {
        "tags": library.tags.of(wanted),
        "notes": [{"id": n.id, "block_index": n.block_index, "text": n.text,
                   "created_at": n.created_at, "updated_at": n.updated_at,
                   "earlier_text": earlier.get(n.text_version) if n.text_version else None}
                  for n in notes if n.highlight_id is None],
        "highlights": [{"id": h.id, "block_index": h.block_index, "text": h.text,
                        "prefix": h.prefix, "suffix": h.suffix, "text_digest": h.text_digest,
                        "note": on_highlight.get(h.id), "changed_at_source": h.lost,
                        "earlier_text": earlier.get(h.text_version) if h.text_version else None,
                        "created_at": h.created_at}
                       for h in library.highlights.of(wanted, earlier=True)],
    }


def cmd_notes(args: argparse.Namespace) -> int:
    """List the notes and highlights of one article, or of every annotated article."""
    with reading(args) as library:
        if args.id is not None:
            _check_article(library, args.id)
        ids = [args.id] if args.id is not None else library.notes.annotated()
        found = []
        for wanted in ids:
            stored = library.articles.get(wanted)
            if stored is not None:
                found.append({"id": wanted, "title": stored.article.title,
                              **annotations_of(library, wanted)})
    if args.json:
        write_json(found)
    elif not any(item["notes"] or item["highlights"] for item in found):
        say_line(say("cli.no_notes"))
    else:
        _print_notes(found)
    return EXIT_OK


def _print_notes(found: list[dict[str, Any]]) -> None:
    """Each article's title, then its highlights (quoted, each with its note) and notes."""
    for item in found:
        if not (item["notes"] or item["highlights"]):
            continue
        say_line(f"#{item['id']} {item['title']}")
        for highlight in item["highlights"]:
            _print_block("  > ", highlight["text"])
            if highlight["changed_at_source"]:
                number = highlight["earlier_text"]
                _print_block("    ", say("cli.changed_at_source_earlier", id=item["id"],
                                         number=number) if number
                             else say("cli.changed_at_source"))
            if highlight["note"]:
                _print_block("    ", highlight["note"])
        for note in item["notes"]:
            _print_block("  - ", note["text"])
        print()


def _print_block(lead: str, text: str) -> None:
    """`text` with `lead` before its first line and as much space before the others."""
    for index, line in enumerate(clean_text(text).split("\n")):
        print((lead if index == 0 else " " * len(lead)) + line)
