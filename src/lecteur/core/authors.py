"""The author card: who wrote the piece, merged from every source a page or a text offers.

A page names its author in several places, each sometimes wrong or missing: ``<meta
name="author">``, ``article:author``, JSON-LD ``author``, ``rel="author"`` links, bylines
("Par Jeanne Roy", "By Jane Roe | March 3, 2024", "Reviewed by Jane Roe on …") and the bio
box at the end ("À propos de l'auteure", "About the author", class ``author-box``), which
trafilatura drops as boilerplate. `author_from_html` reads them all from one lxml parse, keeps
the name the most reliable sources agree on, and fills biography, email and links from the
sources about that same person. Comment sections are never read: a commenter is not the
author. `author_from_text` reads the "About the author" block of a text file, and
`find_byline` recognises a byline line for the plain-text reader.

Pure functions, no network. Every string returned has passed `clean_line`; links are
http(s) only, canonical (`lecteur.core.urls`), deduplicated, in the order found.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from lecteur.core.dates import find_date
from lecteur.core.models import Author
from lecteur.core.sanitize import clean_line, fold
from lecteur.core.urls import canonical_url

BIO_MAX = 400  # characters of biography on the card
MAX_HTML = 5_000_000  # characters of a page that are parsed; more is not an article
# How much each source is trusted when sources disagree on the name.
_WEIGHTS = {"jsonld": 5, "meta": 4, "box": 4, "byline": 3, "bio": 2, "metadata": 1}
# Which source's biography, email and links win, for the chosen person.
_DETAIL_ORDER = ("box", "bio", "jsonld", "meta", "byline", "metadata")
_SEP = " \t-–—·|/:,;•"
_I = re.IGNORECASE
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_AT = re.compile(r"\s*[\[({]\s*(?:at|arobase|@)\s*[\])}]\s*", _I)
_DOT = re.compile(r"\s*[\[({]\s*(?:dot|point)\s*[\])}]\s*", _I)
_URL = re.compile(r"https?://[^\s<>()\"'|,·]+", _I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_ABOUT = re.compile(r"^(?:(?:à|a) propos de l['’]auteure?|about the author|written by|écrit par"
                    r"|l['’]auteure?(?=\s*:?\s*$))[\s:]*(.*)$", _I)
_BYLINE = re.compile(r"(?:(?:written|posted|published|reviewed|écrit|publiée?|évaluée?|rédigée?)"
                     r"\s+)?\b(?:par|by)\s+(?=\S)|^(?:words|texte|auteure?|author)\s*:\s*", _I)
_PUBLISHED = re.compile(r"^(?:publiée?|published|posted|mis en ligne)\b", _I)
_BOX_MARK = re.compile(r"author-?(?:box|bio|info|card|profile)|about-?(?:the-?)?author|bio-?box")
_BYLINE_MARK = re.compile(r"^(?:(?:post|entry|article|story|blog|single)-)?(?:byline|author"
                          r"|authors|author-name|posted-by|vcard|fn)$|^p-author$|^h-card$")
_QUIET_MARK = re.compile(r"sidebar|related|recent|popular|most-read|widget-area")
_SKIP_TAGS = frozenset("head script style noscript template form svg button select textarea "
                       "iframe blockquote q figcaption".split())
_HEADING_TAGS = frozenset("h1 h2 h3 h4 h5 h6".split())
_TEXT_STOP = re.compile(
    r"^(?:partag|share|tweet|imprimer|print\b|retour en haut|back to top|haut de page|↑"
    r"|laisser un|leave a|post a comment|publier un|ajouter un|enregistrer un|commentaires?\b"
    r"|comments?\b|\d+ (?:comments?|commentaires?|réflexions?)|reviewed by|évaluée? par"
    r"|subscribe|abonnez|inscrivez|newsletter)", _I)
_STOP_WORDS = frozenset(fold(w) for w in (
    "about author authors auteur auteure admin administrator rédaction staff editor editors "
    "team équipe published publié publiée posted updated reviewed written écrit propos "
    "anonymous anonyme guest invité contributor webmaster newsroom share partager home "
    "accueil menu contact site web website email courriel newsletter comments commentaires "
    "linkedin mastodon twitter facebook instagram bluesky github youtube threads tiktok"
).split())
_MONTHS = frozenset(fold(w) for w in (
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre "
    "january february march april may june july august september october november december"
).split())
_PARTICLES = frozenset("de du des la le van von der den da di dos das del bin ben al el".split())


@dataclass
class _Person:
    """What one source says about the author."""

    kind: str
    name: str | None = None
    bio: str | None = None
    email: str | None = None
    links: list[str] = field(default_factory=list)


def author_from_html(html: str, metadata_author: str | None = None,
                     url: str | None = None) -> Author | None:
    """The author card of a page, merged from its metadata, bylines and bio box.

    `metadata_author` (trafilatura's guess) is the weakest source: it can read "Jane Roe
    Published August" or "About the author". `url` resolves relative links. Never raises on
    bad markup: what was read before the error is kept.
    """
    import lxml.html
    from lxml import etree

    people = [_Person("metadata", metadata_author)] if metadata_author else []
    try:  # list.extend keeps what a generator yielded before an error
        doc = lxml.html.fromstring(_XML_DECLARATION.sub("", html[:MAX_HTML], count=1))
        people.extend(_head_people(doc))
        people.extend(_body_people(doc))
    except (etree.LxmlError, ValueError, TypeError, RecursionError):
        pass
    return _merge(people, url)


def author_from_text(lines_after_heading: list[str], byline: str | None = None) -> Author | None:
    """The author card of a text file, from its "About the author" block and its byline.

    The block is a name line, the biography, then contact lines ("Courriel : x@y",
    "LinkedIn : https://…"); it ends at a share, comment or any other line after them. The
    heading may be passed as the first line ("Written by Jane Roe" names the author).
    """
    name: str | None = None
    bio: list[str] = []
    emails: list[str] = []
    links: list[str] = []
    gap = contacts = False
    for raw in lines_after_heading:
        line = clean_line(raw)
        heading = _ABOUT.match(line)
        if not line:
            gap = True
            continue
        if heading and len(line) < 80 and not bio and not contacts:
            name = name or _clean_name(heading.group(1))
        elif _TEXT_STOP.match(line):
            break
        elif _is_contact(line):
            emails += _emails(line)
            links += _URL.findall(line)
            contacts = True
        elif contacts or (gap and bio):
            break
        elif not bio and name is None and _whole_name(line):
            name = _clean_name(line)
        else:
            bio.append(line)
            emails += _emails(line)
        gap = False
    text = " ".join(bio)
    name = name or _clean_name(byline, 1) or _clean_name(text)
    if not name:
        return None
    return Author(name, _short_bio(text), next(iter(emails), None), _norm_links(links, None))


def find_byline(line: str) -> str | None:
    """The author's name if `line` is a byline, else None.

    "Par Jeanne Roy", "Publié le 15 mars 2017 par Geneviève Thibodeau", "By Jane Roe |
    March 3, 2024", "Reviewed by Jane Roe on March 3, 2024", "Words: Jane Roe — 9 May 2017".
    "by"/"par" must open the line or follow a date, a separator or "Publié"/"Posted", so
    that "Photo par Jean Roy" or a sentence of the body is not a byline.
    """
    line = clean_line(line)
    if len(line) > 200:
        return None
    for match in _BYLINE.finditer(line):
        prefix = line[: match.start()].strip()
        if not prefix or prefix[-1] in _SEP or _PUBLISHED.match(prefix) or find_date(prefix):
            name = _clean_name(line[match.end():])
            if name:
                return name
    return None


def is_author_heading(line: str) -> bool:
    """Whether a line is an author block's heading ("À propos de l'auteure", "Written by")."""
    match = _ABOUT.match(clean_line(line).strip("#*_ "))
    return bool(match and len(line) < 80 and (not match.group(1) or _whole_name(match.group(1))))


def _clean_name(raw: str | None, min_words: int = 2) -> str | None:
    """The person's name at the start of `raw` ("By Jane Roe on March 3" -> "Jane Roe"), or None.

    Stops at the first word that cannot belong to a name (lowercase, digits, a date, a label
    such as "Published"); rejects labels ("About the author", "Admin", "Rédaction").
    """
    text = clean_line(raw).strip(_SEP)
    prefix = _BYLINE.match(text)
    tokens = (text[prefix.end():] if prefix else text).split()
    words: list[str] = []
    for index, token in enumerate(tokens):
        word = token.rstrip(",;:")
        folded = fold(word)
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if folded in _STOP_WORDS or (folded in _MONTHS and following[:1].isdigit()):
            break
        capital = (word[:1].isupper() and all(c.isalpha() or c in "-'’." for c in word)
                   and (len(word) > 1 or following[:1].isupper()))  # "X" is a network
        if not capital and not (folded in _PARTICLES and words):
            break
        words.append(word)
        if word != token:  # "Jane Roe, journaliste": a comma ends the name
            break
    while words and words[-1].islower():
        words.pop()
    name = " ".join(words)
    capitals = sum(1 for w in words if w[:1].isupper())
    return name if capitals >= min_words and len(words) <= 6 and len(name) >= 3 else None


def _whole_name(text: str) -> bool:
    """Whether all of `text` is a name (a name line, a heading, a ``<strong>``)."""
    return _clean_name(text) == text.strip(" .")


def _emails(text: str) -> list[str]:
    """Addresses in `text`, "jeanne [at] example [dot] org" included."""
    return [m.group(0).rstrip(".") for m in _EMAIL.finditer(_DOT.sub(".", _AT.sub("@", text)))]


def _is_contact(text: str) -> bool:
    """Whether a line only lists contacts: addresses, URLs and labels ("Courriel :", "X")."""
    rest = _URL.sub(" ", _EMAIL.sub(" ", text))
    return bool(_emails(text) or _URL.search(text)) and _word_count(rest) < 4


def _word_count(text: str) -> int:
    return sum(1 for w in text.split() if any(c.isalpha() for c in w))


def _short_bio(text: str) -> str | None:
    """The biography without the sentences that give contacts, at most `BIO_MAX` characters."""
    sentences = re.split(r"(?<=[.!?])\s+", clean_line(text))
    bio = " ".join(s for s in sentences if not _EMAIL.search(s) and not _URL.search(s))
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
        if " " in link or not link.lower().startswith(("http://", "https://")):
            continue
        try:
            canon = canonical_url(link)
            parts = urlsplit(canon)
        except ValueError:
            continue
        canon = canon.rstrip("/") if parts.path == "/" and not parts.query else canon
        seen.setdefault(canon.rstrip("/").lower(), canon)
    return tuple(seen.values())


def _text_of(element: Any, limit: int) -> str | None:
    """The element's text, white space folded, or None past `limit` (stops reading early)."""
    parts: list[str] = []
    size = 0
    for piece in element.itertext():
        size += len(piece)
        if size > limit:
            return None
        parts.append(piece)
    return " ".join("".join(parts).split())


def _head_people(doc: Any) -> Iterator[_Person]:
    """Authors named by ``<meta>``, ``<link rel="author">`` and JSON-LD (its first author)."""
    meta = _Person("meta")
    for element in doc.iter("meta", "link"):
        key = (element.get("name") or element.get("property") or element.get("rel") or "").lower()
        value = clean_line(element.get("content") or element.get("href"))
        if key not in ("author", "article:author", "dc.creator", "parsely-author") or not value:
            continue
        if element.tag == "link" or _URL.match(value):
            meta.links.append(value)
        elif meta.name is None:
            meta.name = value
    yield meta
    for script in doc.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            nodes = list(_ld_nodes(json.loads(script.text or ""), 0))
        except (ValueError, RecursionError):
            continue
        ids = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}
        for node in nodes:
            authors = node.get("author")
            for item in authors if isinstance(authors, list) else [authors]:
                person = _ld_person(ids.get(str(item.get("@id")), item)
                                    if isinstance(item, dict) else item)
                if person:
                    yield person
                    return


def _ld_nodes(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    """The objects of a JSON-LD document: top level, lists and ``@graph``."""
    if isinstance(data, list) and depth < 4:
        for item in data:
            yield from _ld_nodes(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        if depth < 4:
            yield from _ld_nodes(data.get("@graph"), depth + 1)


def _ld_person(value: Any) -> _Person | None:
    """A JSON-LD author: a Person object, or a string (a name, or the URL of a profile)."""
    if isinstance(value, str):
        text = clean_line(value)
        return _Person("jsonld", links=[text]) if _URL.match(text) else _Person("jsonld", text)
    if not isinstance(value, dict) or "organization" in str(value.get("@type", "")).lower():
        return None  # an Organization publishes, it does not write
    text_of = {k: clean_line(v) for k, v in value.items() if isinstance(v, str)}
    same = value.get("sameAs")
    links = [text_of.get("url"), *(same if isinstance(same, list) else [same])]
    return _Person("jsonld", text_of.get("name"),
                   text_of.get("description") or text_of.get("jobTitle"),
                   text_of.get("email", "").removeprefix("mailto:") or None,
                   [link for link in links if isinstance(link, str)])


@functools.cache
def _xpaths() -> tuple[Any, Any, Any]:
    """Compiled queries for the few elements worth a look: marked ones (class ``author…``,
    ``byline``, ``rel="author"``), headings, and text nodes holding "by", "par", "auteur"…
    Filtering in libxml2 keeps a 100 KB page fast; the walk in Python was 20 times slower."""
    from lxml import etree

    lower = "translate(., 'ABCDEFGHIJKLMNOPRSTUWY\n\t\u00a0', 'abcdefghijklmnoprstuwy   ')"
    padded = f"concat(' ', {lower}, ' ')"
    return (
        etree.XPath("//*[contains(@class, 'author') or contains(@id, 'author') or "
                    "contains(@class, 'byline') or contains(@class, 'vcard') or "
                    "contains(@class, 'bio') or contains(@class, 'fn') or "
                    "contains(@rel, 'author') or @itemprop = 'author']"),
        etree.XPath("//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6 "
                    "or self::p][string-length(.) < 200]"),
        etree.XPath(f"//text()[contains({padded}, ' by ') or contains({padded}, ' par ') or "
                    f"contains({lower}, 'words') or contains({lower}, 'texte') or "
                    f"contains({lower}, 'auteur') or contains({lower}, 'author')]"),
    )


def _body_people(doc: Any) -> Iterator[_Person]:
    """Bio boxes, then bylines, outside comments, quotes and forms (and bylines outside
    sidebars and related-article lists)."""
    marked, headings, texts = (query(doc) for query in _xpaths())
    boxes: list[Any] = []
    for element in marked:
        if _BOX_MARK.search(_marks(element)) and not _inside(element, boxes):
            if not _hidden(element)[0]:
                boxes.append(element)
                yield _box_person(element)
    for heading in headings:
        text = _text_of(heading, 200)
        if text and _ABOUT.match(text) and is_author_heading(text) and not _inside(heading, boxes):
            if not _hidden(heading)[0]:
                boxes.append(heading)
                yield _box_person(_heading_box(heading))
    candidates = dict.fromkeys(marked)
    for text_node in texts:
        parent = text_node.getparent()
        parent = parent.getparent() if text_node.is_tail else parent
        candidates.update(dict.fromkeys(e for e in (parent, parent.getparent()) if e is not None))
    for element in candidates:
        hidden, quiet = _hidden(element)
        text = _text_of(element, 200)
        if hidden or quiet or not text or _inside(element, boxes):
            continue
        rel = element.get("rel") or ""
        is_marked = ("author" in rel or element.get("itemprop") == "author"
                     or any(_BYLINE_MARK.match(m) for m in _marks(element).split()))
        name = find_byline(text) or (_clean_name(text) if is_marked else None)
        if name:
            href = element.get("href") if "author" in rel else None
            yield _Person("byline", name, links=[href] if href else [])


def _marks(element: Any) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''}".lower()


def _inside(element: Any, boxes: list[Any]) -> bool:
    return any(node in boxes for node in (element, *element.iterancestors()))


def _hidden(element: Any) -> tuple[bool, bool]:
    """Whether an element is in a comment section, a quote or a form (hidden), or in a
    sidebar or a list of other articles (quiet: no bylines from there)."""
    quiet = False
    for node in (element, *element.iterancestors()):
        marks = _marks(node)
        if node.tag in _SKIP_TAGS or "comment" in marks or "respond" in marks:
            return True, quiet
        quiet = quiet or node.tag == "aside" or bool(_QUIET_MARK.search(marks))
    return False, quiet


def _heading_box(heading: Any) -> Any:
    """The box under an "About the author" heading that has no marked container: its parent
    if small, else the heading and the few siblings that follow it, up to the next heading."""
    parent = heading.getparent()
    if parent is not None and _text_of(parent, 1500) is not None:
        return parent
    box = heading.makeelement("div", {})
    for element in [heading, *list(heading.itersiblings())[:6]]:
        if element is not heading and element.tag in _HEADING_TAGS:
            break
        box.append(copy.deepcopy(element))
    return box


def _box_person(box: Any) -> _Person:
    """The author named and described by a bio box: name, short biography, email, links."""
    person = _Person("box")
    for element in box.iter("h2", "h3", "h4", "h5", "h6", "strong", "b", "p", "span", "a", "img"):
        text = clean_line(element.get("alt")) if element.tag == "img" else _text_of(element, 120)
        heading = _ABOUT.match(text or "")
        if heading and heading.group(1):
            person.name = _clean_name(heading.group(1))
        elif text and _whole_name(text):
            person.name = _clean_name(text)
        if person.name:
            break
    prose: list[str] = []
    for paragraph in list(box.iter("p")) or [box]:
        text = _text_of(paragraph, 3000) or ""
        rest = _URL.sub(" ", _EMAIL.sub(" ", text))
        for anchor in paragraph.iter("a"):  # link labels ("LinkedIn", "Site web") are not prose
            rest = rest.replace(_text_of(anchor, 200) or " ", " ", 1)
        if not (_ABOUT.match(text) or _whole_name(text) or find_byline(text)
                or _word_count(rest) < 4 or text.endswith(":")):
            prose.append(text)
    person.bio = _short_bio(" ".join(prose))
    box_text = _text_of(box, 5000) or ""
    hrefs = [a.get("href") or "" for a in box.iter("a")]
    mails = [unquote(h[7:].split("?")[0]) for h in hrefs if h.lower().startswith("mailto:")]
    person.email = next(iter([*mails, *_emails(box_text)]), None)
    person.links = [h for h in hrefs if not h.lower().startswith("mailto:")]
    person.links += _URL.findall(box_text)
    if person.name is None:  # "Jeanne Roy est journaliste…": the bio's first words
        person.kind, person.name = "bio", _clean_name(person.bio)
    return person


def _merge(people: list[_Person], url: str | None) -> Author | None:
    """Pick the name most (and most reliable) sources agree on; fill the rest from them."""
    scores: dict[str, int] = {}
    names: dict[str, str] = {}
    counted: set[tuple[str, str]] = set()  # each kind of source votes once for a name
    keys: dict[int, str | None] = {}  # None: the source names nobody (so it is the author)
    for person in sorted(people, key=lambda p: -_WEIGHTS[p.kind]):
        name = _clean_name(person.name, 1 if person.kind in ("jsonld", "meta") else 2)
        key = keys[id(person)] = fold(name) if name else ("" if person.name else None)
        if name and key and (person.kind, key) not in counted:
            counted.add((person.kind, key))
            scores[key] = scores.get(key, 0) + _WEIGHTS[person.kind]
            names.setdefault(key, name)
    if not scores:
        return None
    best = max(scores, key=lambda key: scores[key])
    same = [p for p in people if keys[id(p)] in (None, best)]
    same.sort(key=lambda p: _DETAIL_ORDER.index(p.kind))
    bio = next((p.bio for p in same if p.bio), None)
    emails = (clean_line(p.email) for p in same if p.email)
    email = next((e for e in emails if _EMAIL.fullmatch(e)), None)
    links = _norm_links((link for p in same for link in p.links), url)
    return Author(names[best], _short_bio(bio or ""), email, links)
