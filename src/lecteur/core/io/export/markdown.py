"""One Markdown file per saved piece: front matter, the template's body, the reader's own part.

A file is lecteur's part (front matter and the rendered template), then a marker line,
then whatever the reader writes below it, which every later export keeps. The marker holds
a digest of lecteur's part: when the part above it no longer matches (the reader edited it
by hand, or removed the marker), the file is left as it is and reported as edited, unless
the export is forced, in which case the whole old text is kept below the marker. Nothing
the reader typed is lost. Every write is atomic (`lecteur.core.io.atomic`).
"""

from __future__ import annotations

import hashlib
import re
import stat
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from lecteur.core.io.atomic import remove_stale_temporaries, write_atomically
from lecteur.core.io.export.filenames import file_name, id_of, inside
from lecteur.core.io.export.frontmatter import Value, front_matter
from lecteur.core.io.export.pieces import Piece
from lecteur.core.io.export.templates import render
from lecteur.core.text.sanitize import clean_line, clean_text

if TYPE_CHECKING:
    from jinja2 import Template

Status = Literal["new", "updated", "unchanged", "edited", "forced"]
MARKER = re.compile(r"^<!-- lecteur:end ([0-9a-f]{12}) .*-->$", re.MULTILINE)
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_UNSAFE_LINK = re.compile(r"\]\(\s*(?:javascript|vbscript|data|file):", re.IGNORECASE)
_SAFE_URL = re.compile(r"https?://[^\s<>]+\Z", re.IGNORECASE)


@dataclass(frozen=True)
class Written:
    """What an export did with one piece's file."""

    piece_id: int
    path: Path
    status: Status


def neutral(text: str | None) -> str:
    """Page or reader text made inert in Markdown: no escape sequences, no raw HTML tags,
    no ``javascript:``/``data:``/``file:`` link targets (reliability.md H3). Lossless to
    the eye: ``<b>`` shows as ``<b>``."""
    text = clean_text(text or "")
    text = _TAG_START.sub("&lt;", text)
    return _UNSAFE_LINK.sub("](#", text)


def safe_url(url: str | None) -> str | None:
    """`url` if it is a plain http(s) address, else None (never a link to anything else)."""
    url = clean_line(url)
    return url if _SAFE_URL.match(url) else None


def fields(piece: Piece) -> dict[str, Value]:
    """The front matter of a piece, as Obsidian and other vaults read it."""
    article = piece.article
    return {
        "title": clean_line(article.title),
        "author": clean_line(article.author.name) if article.author else None,
        "source": safe_url(article.url),
        "site": clean_line(article.sitename) or None,
        "published": article.date,
        "saved": piece.added_at,
        "tags": [clean_line(tag) for tag in piece.tags],
        "language": article.language,
        "reading_time": article.reading_minutes,
        "lecteur_id": piece.id,
    }


def context(piece: Piece, labels: Mapping[str, str]) -> dict[str, Any]:
    """What the article template sees: plain, neutralised data."""
    article, author = piece.article, piece.article.author
    return {
        "id": piece.id, "title": neutral(article.title), "url": safe_url(article.url),
        "site": neutral(article.sitename), "published": article.date, "saved": piece.added_at,
        "tags": [neutral(tag) for tag in piece.tags], "language": article.language,
        "reading_minutes": article.reading_minutes, "labels": dict(labels),
        "author": None if author is None else {
            "name": neutral(author.name), "bio": neutral(author.bio) or None,
            "email": clean_line(author.email) or None,
            "links": [url for url in map(safe_url, author.links) if url]},
        "highlights": [{"text": neutral(h.text), "note": neutral(h.note) or None,
                        "prefix": neutral(h.prefix), "suffix": neutral(h.suffix),
                        "block_index": h.block_index, "speaker": neutral(h.speaker) or None,
                        "changed_at_source": h.lost,
                        "created_at": h.created_at} for h in piece.highlights],
        "quotes": [{"text": neutral(q.text), "speaker": neutral(q.speaker) or None,
                    "attribution": neutral(q.attribution) or None, "kept": q.kept,
                    "note": neutral(q.note) or None} for q in piece.quotes],
        "notes": [{"text": neutral(n.text), "block_index": n.block_index,
                   "created_at": n.created_at, "updated_at": n.updated_at}
                  for n in piece.notes],
    }


def tidy(text: str) -> str:
    """Markdown with no run of more than one blank line and exactly one final newline."""
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"


_TIDY_BATCH = 1 << 16  # characters gathered before `tidied` cuts them into lines


def tidied(chunks: Iterable[str]) -> Iterator[str]:
    """`tidy` of the chunks put end to end, written as they come (a few lines held)."""
    held: list[str] = []
    size = 0
    state = [False, False]  # a line was written; blank lines wait before the next one
    for chunk in chunks:
        held.append(chunk)
        size += len(chunk)
        if size >= _TIDY_BATCH:
            lines = "".join(held).split("\n")
            held, size = [lines[-1]], len(lines[-1])
            if out := _tidy_lines(lines[:-1], state):
                yield out
    rest = "".join(held)
    lines = rest.split("\n")
    out = _tidy_lines(lines[:-1], state)
    last = lines[-1]  # no newline after it: its trailing spaces stay, as in `tidy`
    if last:
        out += ("\n" if state[1] and state[0] else "") + last + "\n"
    elif not state[0]:
        out += "\n"
    if out:
        yield out


def _tidy_lines(lines: list[str], state: list[bool]) -> str:
    """Whole lines, trailing blanks cut, blank lines at the start left out and runs of
    them made one; `state` carries what `tidied` needs from one batch to the next."""
    out: list[str] = []
    for line in lines:
        line = line.rstrip(" \t")
        if not line:
            state[1] = state[0]
            continue
        if state[1]:
            out.append("")
            state[1] = False
        out.append(line)
        state[0] = True
    return "\n".join(out) + "\n" if out else ""


def lecteur_part(piece: Piece, template: Template, labels: Mapping[str, str]) -> str:
    """Front matter and body: the part of the file lecteur owns."""
    body = render(template, context(piece, labels))
    part = front_matter(fields(piece)) + "\n" + tidy(body)
    return _defuse_markers(part)


def _defuse_markers(text: str) -> str:
    """A marker-like line inside lecteur's own part (a note quoting one) is altered."""
    return MARKER.sub(lambda m: m.group().replace("lecteur:end", "lecteur: end"), text)


def marker_line(part: str, words: str) -> str:
    """The line between lecteur's part and the reader's, holding the part's digest."""
    digest = hashlib.sha256(part.encode("utf-8")).hexdigest()[:12]
    return f"<!-- lecteur:end {digest} {words} -->"


def split(existing: str) -> tuple[str, str] | None:
    """An exported file as (lecteur's part, the reader's part), or None when lecteur's part
    was edited by hand (or the marker removed)."""
    found = MARKER.search(existing)
    if found is None:
        return None
    part = existing[:found.start()]
    part = part[:-1] if part.endswith("\n\n") else part
    if hashlib.sha256(part.encode("utf-8")).hexdigest()[:12] != found[1]:
        return None
    return part, existing[found.end():].removeprefix("\n")


def compose(part: str, own: str, words: str) -> str:
    """A whole file: lecteur's part, the marker, the reader's part."""
    return f"{part}\n{marker_line(part, words)}\n{own}"


def composed(part: Iterable[str], own: Iterable[str], words: str) -> Iterator[str]:
    """`compose`, in pieces as they come: lecteur's part (its digest made as it passes),
    the marker, the reader's part."""
    digest = hashlib.sha256()
    for chunk in part:
        digest.update(chunk.encode("utf-8"))
        yield chunk
    yield f"\n<!-- lecteur:end {digest.hexdigest()[:12]} {words} -->\n"
    yield from own


def reader_part_at(path: Path) -> int | None:
    """`split` of file `path`, read line by line: the number of the line where the
    reader's part starts (the one after the marker), or None when lecteur's part was
    edited by hand (or the marker removed)."""
    digest = hashlib.sha256()
    pending: str | None = None
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            found = MARKER.fullmatch(line.removesuffix("\n"))
            if found is not None:
                if pending is not None and not (pending == "\n" and number > 1):
                    digest.update(pending.encode("utf-8"))  # (the blank line before it)
                return number + 1 if digest.hexdigest()[:12] == found[1] else None
            if pending is not None:
                digest.update(pending.encode("utf-8"))
            pending = line
    return None


def lines_from(path: Path, start: int) -> Iterator[str]:
    """The lines of file `path` from line number `start` on, read as they are used."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if number >= start:
                yield line


def earlier_files(folder: Path) -> dict[int, Path]:
    """The files earlier exports wrote in `folder`, by the article id in their names (read
    once per export: looking for each piece's file apart would read the folder N times)."""
    found: dict[int, Path] = {}
    if folder.is_dir():
        for path in sorted(folder.glob("*.md")):
            piece_id = id_of(path.name)
            if piece_id is not None:
                found.setdefault(piece_id, path)
    return found


def write_piece(piece: Piece, folder: Path, template: Template, labels: Mapping[str, str],
                force: bool = False, earlier: Mapping[int, Path] | None = None) -> Written:
    """Write (or update) one piece's file in `folder`; never loses what the reader wrote.

    `earlier` is `earlier_files(folder)` when the caller writes many pieces."""
    part = lecteur_part(piece, template, labels)
    words = labels["marker"]
    old = (earlier_files(folder) if earlier is None else earlier).get(piece.id)
    target = old or inside(folder, file_name(piece.article.title, piece.id))
    if old is None:
        write_atomically(target, compose(part, "", words), private_folder=False)
        return Written(piece.id, target, "new")
    existing = old.read_text(encoding="utf-8")
    parts = split(existing)
    status: Status = "updated"
    if parts is None:
        if not force:
            return Written(piece.id, old, "edited")
        own, status = existing, "forced"
    else:
        own = parts[1]
    text = compose(part, own, words)
    if text == existing:
        return Written(piece.id, old, "unchanged")
    write_atomically(old, text, stat.S_IMODE(old.stat().st_mode), private_folder=False)
    return Written(piece.id, old, status)


def write_pieces(pieces: Iterable[Piece], folder: Path, template: Template,
                 labels: Mapping[str, str], force: bool = False) -> list[Written]:
    """Write every piece's file; return what became of each. Temporary files left by an
    export that was killed long ago are swept first."""
    return list(each_written(pieces, folder, template, labels, force))


def each_written(pieces: Iterable[Piece], folder: Path, template: Template,
                 labels: Mapping[str, str], force: bool = False) -> Iterator[Written]:
    """`write_pieces`, one piece at a time as `pieces` come (an export of a whole library
    holds one piece, not the library)."""
    if folder.is_dir():
        remove_stale_temporaries(folder)
    earlier = earlier_files(folder)
    for piece in pieces:
        yield write_piece(piece, folder, template, labels, force, earlier)
