"""The author card: who wrote the piece, merged from every source a page or a text offers.

Pages name their author in several places, each sometimes wrong: ``<meta name="author">``,
``article:author``, JSON-LD, ``rel="author"``, bylines ("Par Jeanne Roy", "Reviewed by Jane
Roe on …") and the bio box at the end ("À propos de l'auteure", class ``author-box``), which
trafilatura drops as boilerplate. `author_from_html` reads them from one lxml parse (its own,
or the caller's tree) with `lecteur.core.extract.authors.sources`, keeps the name the most trusted
sources agree on, and takes biography, email and links from the sources about that person;
comments are never read. The name shown is the fullest form a source gives of the chosen
one, the visible byline first: every author of the piece ("Jane Roe, John Doe") or an
agency with its newsroom ("Le Monde.fr avec AFP"). `author_from_text` reads the "About the
author" block of a text file; `find_byline` recognises a byline line (both it and
`is_author_heading` live in `lecteur.core.extract.authors.names`, shared with the page
readers). Pure functions, no network;
every string returned has passed `clean_line`, links are http(s), canonical and distinct.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urljoin, urlsplit

from lecteur.core.extract.authors.agency import agency_byline
from lecteur.core.extract.authors.names import (
    ABOUT,
    EMAIL,
    URL,
    AuthorClue,
    clean_name,
    clean_names,
    emails,
    find_byline,
    is_author_heading,
    pen_name,
    whole_name,
    word_count,
)
from lecteur.core.extract.authors.sources import (
    PageScan,
    head_people,
    marked_people,
    text_bylines,
)
from lecteur.core.extract.furniture import is_end_marker
from lecteur.core.extract.page import parse_page
from lecteur.core.models import Author
from lecteur.core.text.sanitize import ESCAPE_MARK, clean_line, fold
from lecteur.core.text.urls import canonical_url

__all__ = ["BIO_MAX", "author_from_html", "author_from_text", "find_byline", "is_author_heading"]

BIO_MAX = 400  # characters of biography on the card
# Trust in each kind of source when they disagree on the name (each kind votes once).
_WEIGHTS = {"jsonld": 5, "meta": 4, "box": 4, "byline": 3, "bio": 2, "metadata": 1}
_DETAIL_ORDER = ("box", "bio", "jsonld", "meta", "byline", "metadata")  # bio, email, links
_FULLER_ORDER = ("byline", "box", "jsonld", "meta", "bio", "metadata")  # whole bylines


def author_from_html(html: str, metadata_author: str | None = None,
                     url: str | None = None, tree: Any | None = None,
                     signoff: str | None = None) -> Author | None:
    """The author card of a page, merged from its metadata, bylines and bio box.

    `metadata_author` (trafilatura's guess) is the weakest source: it can read "Jane Roe
    Published August" or "About the author". `url` resolves relative links. `tree` is the
    page as `parse_page` gives it, when the caller has parsed it already (it is only read);
    without it `html` is parsed here. Never raises on bad markup: what was read before an
    error is kept. Bylines in unmarked elements are searched only when the other sources
    leave the name open (reading every text node is the slow part of a large page).
    `signoff` is an agency signing the body's last paragraph ("… (AFP)"): a visible byline.
    """
    from lxml import etree

    people = [AuthorClue("metadata", metadata_author)] if metadata_author else []
    people += [AuthorClue("byline", signoff)] if signoff else []
    read: dict[int, list[str]] = {}  # each source's names, read once for both tallies
    doc = parse_page(html) if tree is None else tree
    try:  # list.extend keeps what a generator yielded before an error
        if doc is not None:
            boxes: list[Any] = []
            scan = PageScan(doc)  # one walk of the page for every reader below
            people.extend(head_people(doc))
            people.extend(marked_people(doc, boxes, scan))
            ranked = [*sorted(_tally(people, read)[0].values(), reverse=True), 0, 0]
            if ranked[0] - ranked[1] < _WEIGHTS["byline"]:  # a text byline could tip it
                people.extend(text_bylines(doc, boxes, scan))
    except (etree.LxmlError, ValueError, TypeError, RecursionError):
        pass
    return _merge(people, url, read)


def author_from_text(lines_after_heading: list[str], byline: str | None = None) -> Author | None:
    """The author card of a text file, from its "About the author" block and its byline.

    The block is a name line, the biography, then contact lines ("Courriel : x@y", "LinkedIn :
    https://…"); it ends at page furniture (share bar, comments, rating widget…), at prose
    after the contacts, or at a new paragraph after the biography. The heading may be passed
    as the first line ("Written by Jane Roe" names the author).
    """
    box = AuthorClue("box")
    bio: list[str] = []
    gap = contacts = False
    for line in map(clean_line, lines_after_heading):
        heading = ABOUT.match(line)
        if not line:
            gap = True
            continue
        if heading and len(line) < 80 and not bio and not contacts:
            box.name = box.name or clean_name(heading.group(1))
        elif is_end_marker(line) or (not _is_contact(line) and (contacts or (gap and bio))):
            break
        elif _is_contact(line):
            box.links += URL.findall(line)
            contacts = True
        elif not bio and box.name is None and whole_name(line):
            box.name = line
        else:
            bio.append(line)
        box.email = box.email or next(iter(emails(line)), None)
        gap = False
    box.bio = " ".join(bio)
    return _merge([box, AuthorClue("byline", byline), AuthorClue("bio", clean_name(box.bio))], None)


def _is_contact(text: str) -> bool:
    """Whether a line only lists contacts: addresses, URLs and labels ("Courriel :", "X")."""
    rest = URL.sub(" ", EMAIL.sub(" ", text))
    return bool(emails(text) or URL.search(text)) and word_count(rest) < 4


def _short_bio(text: str) -> str | None:
    """The biography without the sentences that give contacts, at most `BIO_MAX` characters."""
    sentences = re.split(r"(?<=[.!?])\s+", clean_line(text))
    bio = " ".join(s for s in sentences if not emails(s) and not URL.search(s))
    if len(bio) > BIO_MAX:
        cut = bio[:BIO_MAX]
        end = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "))
        bio = cut[: end + 1] if end > BIO_MAX // 2 else cut.rsplit(" ", 1)[0] + "…"
    return bio or None


def _norm_links(urls: Iterable[str], base: str | None) -> tuple[str, ...]:
    """http(s) links made absolute and canonical, deduplicated, in the order given."""
    seen: dict[str, str] = {}
    for raw in urls:
        link = clean_line(raw).rstrip(".,;:)")
        if base and not link.lower().startswith(("http:", "https:", "mailto:", "#", "javascript:")):
            link = urljoin(base, link)
        try:
            canon, parts = canonical_url(link), urlsplit(link)
        except ValueError:
            continue
        if parts.scheme.lower() in ("http", "https") and not re.search(f"[\\s{ESCAPE_MARK}]", link):
            canon = canon.rstrip("/") if urlsplit(canon)[2:4] == ("/", "") else canon
            seen.setdefault(canon.rstrip("/").lower(), canon)
    return tuple(seen.values())


def _tally(people: list[AuthorClue], read: dict[int, list[str]] | None = None,
           ) -> tuple[dict[str, int], dict[str, str], dict[int, str | None],
                      dict[int, list[str]]]:
    """Votes per folded name, the name as the most trusted source spells it, each source's
    key (None: the source names nobody, so it is about the author), and every name each
    source gives (several authors, in order). `read` keeps each source's names from one
    call to the next on the same sources."""
    read = {} if read is None else read
    scores: dict[str, int] = {}
    names: dict[str, str] = {}
    keys: dict[int, str | None] = {}
    wholes: dict[int, list[str]] = {}
    voted: set[tuple[str, str]] = set()  # each kind of source votes once for a name
    for person in sorted(people, key=lambda p: -_WEIGHTS[p.kind]):
        found = read.get(id(person))
        if found is None:
            found = read[id(person)] = _names_of(person)
        name = found[0] if found else None
        key = keys[id(person)] = fold(name) if name else ("" if person.name else None)
        if name and key:
            wholes[id(person)] = found
            if (person.kind, key) not in voted:
                voted.add((person.kind, key))
                scores[key] = scores.get(key, 0) + _WEIGHTS[person.kind]
                names.setdefault(key, name)
    return scores, names, keys, wholes


def _names_of(person: AuthorClue) -> list[str]:
    """The names one source gives: a byline may be a pen name in one lowercase word."""
    return clean_names(person.name, 1 if person.kind in ("jsonld", "meta") else 2) or (
        [pen] if person.kind == "byline" and (pen := pen_name(person.name)) else [])


def _fuller(name: str, people: list[AuthorClue], wholes: dict[int, list[str]]) -> str:
    """The fullest form of the chosen name that a source gives, the page's visible byline
    first: every author of the piece ("Jane Roe" -> "Jane Roe, John Doe"), or the agency
    with the newsroom ("Le Monde" -> "Le Monde.fr avec AFP")."""
    short = _tokens(name)
    for person in sorted(people, key=lambda p: _FULLER_ORDER.index(p.kind)):
        found = wholes.get(id(person), [])
        others = [n for n in found[1:] if len(n.split()) >= 2 or agency_byline(n)]
        if found and fold(found[0]) == fold(name) and others:
            return ", ".join([name, *others])
        if len(found) == 1 and agency_byline(found[0]) and len(_tokens(found[0])) > len(short) \
                and _tokens(found[0])[:len(short)] == short:
            return found[0]
    return name


def _tokens(name: str) -> list[str]:
    return [t for t in re.split(r"[^\w]+", fold(name)) if t]


def _merge(people: list[AuthorClue], url: str | None,
           read: dict[int, list[str]] | None = None) -> Author | None:
    """The card of the best-voted name, its details from the sources about that person."""
    scores, names, keys, wholes = _tally(people, read)
    if not scores:
        return None
    best = max(scores, key=lambda key: scores[key])
    same = sorted((p for p in people if keys[id(p)] in (None, best)),
                  key=lambda p: _DETAIL_ORDER.index(p.kind))
    bios = (_short_bio(p.bio) for p in same if p.bio)
    emails = (clean_line(p.email) for p in same if p.email)
    return Author(_fuller(names[best], people, wholes), next((b for b in bios if b), None),
                  next((e for e in emails if EMAIL.fullmatch(e)), None),
                  _norm_links((link for p in same for link in p.links), url))
