"""The playbook: highlights, kept quotations and notes across pieces, in one cited page.

Passages are grouped by tag (a piece with several tags shows under each; ``untagged``
otherwise) or by speaker (a passage inside a quotation goes to its speaker; the piece's
own words go to its author). Each passage carries a footnote giving author, title, date and
a link that opens the source at the passage (a URL text fragment built from the highlight's
exact text, prefix and suffix). The front matter lists the sources.

Nothing here holds the whole playbook: `entries` turns one piece into its passages, the
caller (`lecteur.core.transfer`) keeps them where memory does not grow (a scratch file,
in `group_key` order) and `render_playbook` writes the file as it reads them back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import quote

from lecteur.core.io.export.frontmatter import Value, streamed_front_matter
from lecteur.core.io.export.markdown import neutral, safe_url, tidied
from lecteur.core.io.export.pieces import Piece
from lecteur.core.io.export.templates import generate
from lecteur.core.text.sanitize import clean_line, fold

if TYPE_CHECKING:
    from jinja2 import Template

GroupBy = Literal["tag", "speaker"]
_FRAGMENT_WORDS = 4  # words of a long passage's start and end in a text fragment


def _encode(text: str) -> str:
    """Text for a URL text fragment: every character that has a meaning there encoded."""
    return quote(" ".join(text.split()), safe="").replace("-", "%2D")


def anchor(url: str | None, exact: str, prefix: str = "", suffix: str = "") -> str | None:
    """A link to `url` that opens at the passage (``#:~:text=prefix-,start,end,-suffix``)."""
    url = safe_url(url)
    if url is None or not exact.strip():
        return None
    words = exact.split()
    if len(words) > 2 * _FRAGMENT_WORDS:
        target = (f"{_encode(' '.join(words[:_FRAGMENT_WORDS]))},"
                  f"{_encode(' '.join(words[-_FRAGMENT_WORDS:]))}")
    else:
        target = _encode(exact)
    before = " ".join(prefix.split()[-3:])
    after = " ".join(suffix.split()[:3])
    parts = [f"{_encode(before)}-" if before else "", target, f"-{_encode(after)}" if after else ""]
    return f"{url.split('#', 1)[0]}#:~:text=" + ",".join(p for p in parts if p)


def _passages(piece: Piece) -> list[dict[str, Any]]:
    """The piece's passages: highlights, kept quotations, then its notes."""
    author = piece.article.author.name if piece.article.author else None
    found: list[dict[str, Any]] = []
    for h in piece.highlights:
        found.append({"kind": "highlight", "text": h.text, "note": h.note,
                      "speaker": h.speaker, "voice": h.speaker or author,
                      "anchor": anchor(piece.article.url, h.text, h.prefix, h.suffix)})
    for q in piece.quotes:
        if q.kept:
            found.append({"kind": "quote", "text": q.text, "note": q.note,
                          "speaker": q.speaker or q.attribution, "voice": q.speaker,
                          "anchor": anchor(piece.article.url, q.text)})
    for n in piece.notes:
        found.append({"kind": "note", "text": n.text, "note": None, "speaker": None,
                      "voice": author, "anchor": None})
    return found


def _group_names(piece: Piece, passage: dict[str, Any], group_by: GroupBy,
                 labels: Mapping[str, str]) -> list[str]:
    if group_by == "tag":
        return list(piece.tags) or [labels["untagged"]]
    return [passage["voice"] or labels["unknown_speaker"]]


def source(piece: Piece) -> dict[str, Value]:
    """A piece as the front matter lists it (its body is not kept: a library of a million
    articles gives tens of thousands of sources)."""
    return {"title": clean_line(piece.article.title),
            "author": clean_line(piece.article.author.name) if piece.article.author else None,
            "source": safe_url(piece.article.url), "published": piece.article.date,
            "lecteur_id": piece.id}


Entry = tuple[dict[str, Any], dict[str, Any], list[str]]


def entries(piece: Piece, group_by: GroupBy, labels: Mapping[str, str],
            first: int) -> list[Entry]:
    """The piece's passages as the playbook shows them: for each, its footnote (numbered
    from `first`), the passage as the template sees it, and the names of the groups it
    goes under (cleaned: the groups' keys)."""
    found: list[Entry] = []
    article = piece.article
    for number, passage in enumerate(_passages(piece), start=first):
        footnote = {
            "number": number, "id": piece.id, "title": neutral(article.title),
            "author": neutral(article.author.name) if article.author else None,
            "date": article.date, "url": safe_url(article.url), "anchor": passage["anchor"]}
        shown = {"kind": passage["kind"], "text": neutral(passage["text"]),
                 "note": neutral(passage["note"]) or None,
                 "speaker": neutral(passage["speaker"]) or None, "footnote": number}
        names = [clean_line(name) for name in _group_names(piece, passage, group_by, labels)]
        found.append((footnote, shown, names))
    return found


def group_key(name: str) -> tuple[str, str]:
    """How groups are ordered: folded name (case and accents aside), then the name."""
    return fold(name), name


class Rows:
    """Rows the template iterates (as often as it likes) and measures (``| length``)
    without their being held: each pass reads them again from where they are kept."""

    def __init__(self, rows: Callable[[], Iterator[Any]], size: Callable[[], int]) -> None:
        self._rows, self._size = rows, size

    def __iter__(self) -> Iterator[Any]:
        return self._rows()

    def __len__(self) -> int:
        return self._size()

    def __bool__(self) -> bool:
        return any(True for _ in self._rows())


def group(name: str, passages: Rows) -> dict[str, Any]:
    """A group as the template sees it (`name`: its key)."""
    return {"name": neutral(name), "passages": passages}


def render_playbook(sources: Iterable[Mapping[str, Value]], groups: Iterable[dict[str, Any]],
                    footnotes: Iterable[dict[str, Any]], template: Template,
                    labels: Mapping[str, str], group_by: GroupBy,
                    made_at: str) -> Iterator[str]:
    """The whole playbook file, in pieces as it is made: front matter listing the sources,
    then the template's body (`groups` in `group_key` order, each {name, passages}; the
    footnotes in order). Nothing is held whole: a library of a million articles gives
    hundreds of thousands of passages."""
    yield from streamed_front_matter(
        {"title": labels["playbook"], "made": made_at, "group_by": group_by},
        "sources", sources)
    yield "\n"
    yield from tidied(generate(template, {
        "title": labels["playbook"], "labels": dict(labels), "group_by": group_by,
        "groups": groups, "footnotes": footnotes}))
