"""Exports and backups, for both front ends: the library read into pieces, written out.

The export package (`lecteur.core.io.export`) never reads the library and the library never
writes user files; this module, above both, joins them: it reads each piece with what the
reader wrote on it and hands plain data to the writers.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lecteur.core.catalogue import say
from lecteur.core.clock import stamp
from lecteur.core.io.atomic import write_atomically
from lecteur.core.io.export import markdown, playbook
from lecteur.core.io.export.cards import Card, card_svg, card_text
from lecteur.core.io.export.pieces import Piece, PieceHighlight, PieceNote, PieceQuote
from lecteur.core.io.export.templates import ARTICLE, PLAYBOOK, load_template
from lecteur.core.library import dump
from lecteur.core.library.scratch import Scratch
from lecteur.core.library.store import Library

if TYPE_CHECKING:
    from jinja2 import Template

LABELS = ("author", "highlights", "quotes", "note", "source", "kept", "unknown_speaker",
          "untagged", "playbook", "marker", "changed_at_source")


def labels() -> dict[str, str]:
    """The words exports write (headings, the marker line), in the language in force."""
    return {name: say(f"export.{name}") for name in LABELS}


def piece(library: Library, article_id: int) -> Piece | None:
    """One article with its tags, highlights (and their notes), quotations and notes."""
    stored = library.articles.get(article_id)
    if stored is None:
        return None
    blocks = stored.article.blocks
    notes = library.notes.of(article_id, earlier=True)
    on_highlight = {n.highlight_id: n.text for n in notes if n.highlight_id is not None}
    on_block: dict[int | None, str] = {n.block_index: n.text for n in notes
                if n.highlight_id is None and n.block_index is not None
                and n.text_version is None}
    highlights = tuple(
        PieceHighlight(h.id, h.text, h.prefix, h.suffix, h.block_index, h.created_at,
                       note=on_highlight.get(h.id),
                       speaker=_speaker(_blocks_of(library, h.text_version, blocks),
                                        h.block_index), lost=h.lost)
        for h in library.highlights.of(article_id, earlier=True))
    stored_quotes = library.quotations.of_article(article_id)
    quotes = tuple(
        PieceQuote(q.text, q.speaker, _attribution(blocks, q.block_index), q.kept,
                   note=on_block.get(q.block_index))
        for q in stored_quotes)
    quote_blocks = {q.block_index for q in stored_quotes}
    own = tuple(PieceNote(n.text, n.block_index, n.created_at, n.updated_at) for n in notes
                if n.highlight_id is None
                and (n.text_version is not None or n.block_index not in quote_blocks))
    return Piece(stored.id, stored.article, stored.added_at,
                 tuple(library.tags.of(article_id)), highlights, own, quotes)


def _blocks_of(library: Library, version: int | None, current: Any) -> Any:
    """The blocks of the text an annotation was made on: the current one, or an earlier."""
    earlier = library.versions.get(version) if version is not None else None
    return earlier.blocks if earlier is not None else current


def _speaker(blocks: Any, index: int) -> str | None:
    block = blocks[index] if 0 <= index < len(blocks) else None
    return block.speaker if block is not None and block.kind == "quote" else None


def _attribution(blocks: Any, index: int | None) -> str | None:
    if index is None or not 0 <= index < len(blocks):
        return None
    attribution: str | None = blocks[index].attribution
    return attribution


def pieces(library: Library, tag: str | None = None, *,
           written_on: bool = False) -> Iterator[Piece]:
    """Every piece an export writes (see `Views.each_kept_by_reader`), oldest saved first
    (`written_on`: only those the reader wrote on, the playbook's)."""
    for article_id in library.views.each_kept_by_reader(tag, written_on=written_on):
        found = piece(library, article_id)
        if found is not None:
            yield found


def export_markdown(library: Library, folder: Path, *, tag: str | None = None,
                    force: bool = False,
                    templates: Path | None = None) -> list[markdown.Written]:
    """One Markdown file per piece in `folder` (see `lecteur.core.io.export.markdown`)."""
    return list(each_exported(library, folder, tag=tag, force=force, templates=templates))


def each_exported(library: Library, folder: Path, *, tag: str | None = None,
                  force: bool = False,
                  templates: Path | None = None) -> Iterator[markdown.Written]:
    """`export_markdown`, one file at a time: each piece is read, written and reported
    before the next is read (constant memory, whatever the library's size)."""
    return markdown.each_written(pieces(library, tag), folder,
                                 load_template(ARTICLE, templates), labels(), force)


def export_article(library: Library, article_id: int, folder: Path, *, force: bool = False,
                   templates: Path | None = None) -> markdown.Written | None:
    """One article's Markdown file in `folder` (None: there is no such article)."""
    found = piece(library, article_id)
    if found is None:
        return None
    return markdown.write_pieces([found], folder, load_template(ARTICLE, templates), labels(),
                                 force)[0]


def playbook_chunks(library: Library, *, tag: str | None = None,
                    group_by: playbook.GroupBy = "tag",
                    templates: Path | None = None) -> Iterator[str]:
    """The playbook as a new file would hold it, in pieces as it is made (``--single-file
    -`` prints them as they come)."""
    return markdown.composed(_playbook_part(library, tag, group_by, templates), (),
                             labels()["marker"])


def _playbook_part(library: Library, tag: str | None, group_by: playbook.GroupBy,
                   templates: Path | None) -> Iterator[str]:
    """lecteur's own part of the playbook, above the marker, in pieces (the template is
    loaded now: a bad one is refused before anything is written)."""
    return _playbook_pieces(library, tag, group_by, load_template(PLAYBOOK, templates))


def _playbook_pieces(library: Library, tag: str | None, group_by: playbook.GroupBy,
                     template: Template) -> Iterator[str]:
    """`_playbook_part`: the pieces are read once, oldest first, their passages put in a
    scratch store on disk under their groups' keys; the file is then written group by
    group, along the store's index (memory does not grow with the library)."""
    words = labels()
    with Scratch() as scratch:
        number = 1
        for found in pieces(library, tag, written_on=True):  # (no body read for nothing)
            passages = playbook.entries(found, group_by, words, number)
            if passages:
                scratch.add("sources", json.dumps(playbook.source(found)))
            for footnote, shown, names in passages:
                scratch.add("footnotes", json.dumps(footnote))
                for name in names:
                    scratch.add("passages", json.dumps(shown), playbook.group_key(name))
            number += len(passages)
        yield from playbook.render_playbook(
            map(json.loads, scratch.rows("sources")), _groups(scratch),
            playbook.Rows(lambda: map(json.loads, scratch.rows("footnotes")),
                          lambda: scratch.count("footnotes")),
            template, words, group_by, stamp())


def _groups(scratch: Scratch) -> playbook.Rows:
    """The playbook's groups from the scratch store, in order, each read as it is used."""
    def passages(key: tuple[str, str]) -> playbook.Rows:
        return playbook.Rows(lambda: map(json.loads, scratch.rows("passages", key)),
                             lambda: scratch.count("passages", key))

    return playbook.Rows(lambda: (playbook.group(key[1], passages(key))
                                  for key in scratch.keys("passages")),
                         lambda: scratch.key_count("passages"))


def export_playbook(library: Library, path: Path, *, tag: str | None = None,
                    group_by: playbook.GroupBy = "tag", force: bool = False,
                    templates: Path | None = None) -> markdown.Status:
    """The playbook in one file at `path`; the reader's part below the marker is kept, and
    a file edited above it is left alone unless `force` (then kept below the marker).
    Written as it is made, the old file read line by line: nothing is held whole."""
    words = labels()
    part = _playbook_part(library, tag, group_by, templates)
    status: markdown.Status = "new"
    own: Iterable[str] = ()
    if path.exists():
        start = markdown.reader_part_at(path)
        if start is None and not force:
            return "edited"
        status = "forced" if start is None else "updated"
        own = markdown.lines_from(path, start or 0)
    write_atomically(path, markdown.composed(part, own, words["marker"]),
                     private_folder=False)
    return status


_UNPRINTABLE = re.compile("[\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def write_card(library: Library, kind: str, item_id: int,
               folder: Path) -> tuple[Path, Path] | None:
    """A quotation's (`kind` ``quote``) or highlight's card, as SVG and as plain text, in
    `folder` (made if needed), named ``quote-ID.svg`` and ``.txt``: the reader's ``C``.
    Both paths, or None if the quotation or highlight is gone."""
    card = quote_card(library, item_id) if kind == "quote" else highlight_card(library, item_id)
    if card is None:
        return None
    svg, text = folder / f"{kind}-{item_id}.svg", folder / f"{kind}-{item_id}.txt"
    write_atomically(svg, card_svg(card), private_folder=False)
    write_atomically(text, card_text(card), private_folder=False)
    return svg, text


def quote_card(library: Library, quote_id: int) -> Card | None:
    """The card of one quotation (None: there is no such quotation)."""
    quote = library.quotations.get(quote_id)
    stored = library.articles.get(quote.article_id) if quote else None
    if quote is None or stored is None:
        return None
    article = stored.article
    return Card(quote.text, quote.speaker or _attribution(article.blocks, quote.block_index),
                article.title, quote.author, article.date, article.url, article.sitename)


def highlight_card(library: Library, highlight_id: int) -> Card | None:
    """The card of one highlight: its passage, and the speaker when it is in a quotation,
    else the article's author (None: there is no such highlight)."""
    article_id = library.highlights.article_of(highlight_id)
    stored = library.articles.get(article_id) if article_id is not None else None
    if article_id is None or stored is None:
        return None
    highlight = next(h for h in library.highlights.of(article_id, earlier=True)
                     if h.id == highlight_id)
    article = stored.article
    author = article.author.name if article.author else None
    made_on = _blocks_of(library, highlight.text_version, article.blocks)
    speaker = _speaker(made_on, highlight.block_index) or author
    return Card(highlight.text, speaker, article.title, author, article.date, article.url,
                article.sitename)


def backup_text(library: Library) -> str:
    """The whole library as one JSON document (``lecteur export --format json``).

    JSON escapes C0 controls itself; DEL, C1 controls and bidi and line-separator marks are
    escaped here too (``\\u009b``), so a backup printed to a terminal can drive nothing and
    still loads back the same strings.
    """
    return "".join(backup_pieces(library))


def backup_pieces(library: Library) -> Iterator[str]:
    """`backup_text` in pieces, as the library is read (constant memory, any size)."""
    for piece_text in dump.dump_json(library.db):
        yield _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", piece_text)
    yield "\n"


def restore_text(library: Library, text: str) -> dict[str, int]:
    """Load a backup made by `backup_text` into this empty library; rows per table."""
    from lecteur.core.errors import InvalidInputError

    try:
        data = json.loads(text)
    except ValueError as error:
        raise InvalidInputError("backup.invalid", reason=f"it is not JSON ({error})") from None
    return dump.restore(library.db, data)
