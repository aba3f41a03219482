"""The author card: who wrote the piece, merged from every source a page or a text offers.

Pages name their author in several places, each sometimes wrong: ``<meta name="author">``,
``article:author``, JSON-LD, ``rel="author"``, bylines ("Par Jeanne Roy", "Reviewed by Jane
Roe on …") and the bio box at the end ("À propos de l'auteure", class ``author-box``), which
trafilatura drops as boilerplate. `author_from_html` reads them from one lxml parse, keeps the
name the most trusted sources agree on, and takes biography, email and links from the sources
about that person; comments are never read. `author_from_text` reads the "About the author"
block of a text file; `find_byline` recognises a byline line. Pure functions, no network;
every string returned has passed `clean_line`, links are http(s), canonical and distinct.
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
from lecteur.core.furniture import is_end_marker
from lecteur.core.models import Author
from lecteur.core.sanitize import ESCAPE_MARK, clean_line, fold
from lecteur.core.urls import canonical_url

BIO_MAX = 400  # characters of biography on the card
MAX_HTML = 5_000_000  # characters of a page that are parsed; more is not an article
# Trust in each kind of source when they disagree on the name (each kind votes once).
_WEIGHTS = {"jsonld": 5, "meta": 4, "box": 4, "byline": 3, "bio": 2, "metadata": 1}
_DETAIL_ORDER = ("box", "bio", "jsonld", "meta", "byline", "metadata")  # bio, email, links
_SEP = " \t-–—·|/:,;•"
_I = re.IGNORECASE
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_AT = re.compile(r"\s*[\[({]\s*(?:at|arobase|@)\s*[\])}]\s*", _I)
_DOT = re.compile(r"\s*[\[({]\s*(?:dot|point)\s*[\])}]\s*", _I)
_URL = re.compile(r"https?://[^\s<>()\"'|,·]+", _I)
_ABOUT = re.compile(r"^(?:(?:à|a) propos de l['’]auteure?|about the author|written by|écrit par"
                    r"|l['’]auteure?(?=\s*:?\s*$))[\s:]*(.*)$", _I)
_BYLINE = re.compile(r"(?:(?:written|posted|published|reviewed|écrit|publiée?|évaluée?|rédigée?)"
                     r"\s+)?\b(?:par|by)\s+(?=\S)|^(?:words|texte|auteure?|author)\s*:\s*", _I)
# A text node that may be (part of) a byline: "by"/"par" opening it, after a date or a dash,
# or after an opening "Posted", "Publié le"…; then a capital, or the node ends (name in a tag).
_BYLINE_HINT = re.compile(
    r"(?:^\s*(?:(?i:publiée?|posted|published|written|reviewed|évaluée?|écrit)(?i:\s+le|\s+on)?"
    r"\s+)?|[^\w\s]\s*|\d\s+)(?i:par|by)(?:\s+[A-ZÀ-Þ]|\s*$)|^\s*(?i:words|texte|auteure?|author):")
_PUBLISHED = re.compile(r"^(?:publiée?|published|posted|mis en ligne)\b", _I)
_BOX_MARK = re.compile(r"author-?(?:box|bio|info|card|profile)|about-?(?:the-?)?author|bio-?box")
_BYLINE_MARK = re.compile(r"^(?:(?:post|entry|article|story|blog|single)-)?(?:byline|author"
                          r"|authors|author-name|posted-by|vcard|fn)$|^p-author$|^h-card$")
# Class or id words of comment sections (not "comments-open" or "has-comments" on a wrapper)
# and of sidebars and lists of other articles (not "no-sidebar" on the body).
_COMMENT_MARK = re.compile(r"(?<![\w-])(?!(?:has|no|with|without)-)(?:[a-z]+-)?"
                           r"(?:comments?|commentlist|respond)"
                           r"(?!-(?:open|closed|enabled|disabled|count|link))(?![\w])")
_QUIET_MARK = re.compile(r"(?<![\w-])(?:sidebar|related|recent|popular|most-read|widget-area)")
_SKIP_TAGS = frozenset("head script style noscript template svg button select textarea iframe "
                       "blockquote q figcaption".split())
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_STOP_WORDS = frozenset(fold(w) for w in (  # words that end (or are) no name
    "about author authors auteur auteure admin administrator rédaction staff editor editors "
    "team équipe published publié publiée posted updated reviewed written écrit propos "
    "anonymous anonyme guest invité contributor webmaster newsroom share partager home "
    "accueil menu contact site web website email courriel newsletter comments commentaires "
    "linkedin mastodon twitter facebook instagram bluesky github youtube threads tiktok").split())
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
    bad markup: what was read before an error is kept. Bylines in unmarked elements are
    searched only when the other sources leave the name open (reading every text node is
    the slow part of a large page).
    """
    import lxml.html
    from lxml import etree

    people = [_Person("metadata", metadata_author)] if metadata_author else []
    try:  # list.extend keeps what a generator yielded before an error
        doc = lxml.html.fromstring(re.sub(r"^\s*<\?xml[^>]*>", "", html[:MAX_HTML], count=1))
        boxes: list[Any] = []
        people.extend(_head_people(doc))
        people.extend(_marked_people(doc, boxes))
        ranked = [*sorted(_tally(people)[0].values(), reverse=True), 0, 0]
        if ranked[0] - ranked[1] < _WEIGHTS["byline"]:  # a text byline could tip it
            people.extend(_text_bylines(doc, boxes))
    except (etree.LxmlError, ValueError, TypeError, RecursionError):
        pass
    return _merge(people, url)


def author_from_text(lines_after_heading: list[str], byline: str | None = None) -> Author | None:
    """The author card of a text file, from its "About the author" block and its byline.

    The block is a name line, the biography, then contact lines ("Courriel : x@y", "LinkedIn :
    https://…"); it ends at page furniture (share bar, comments, rating widget…), at prose
    after the contacts, or at a new paragraph after the biography. The heading may be passed
    as the first line ("Written by Jane Roe" names the author).
    """
    box = _Person("box")
    bio: list[str] = []
    gap = contacts = False
    for line in map(clean_line, lines_after_heading):
        heading = _ABOUT.match(line)
        if not line:
            gap = True
            continue
        if heading and len(line) < 80 and not bio and not contacts:
            box.name = box.name or _clean_name(heading.group(1))
        elif is_end_marker(line) or (not _is_contact(line) and (contacts or (gap and bio))):
            break
        elif _is_contact(line):
            box.links += _URL.findall(line)
            contacts = True
        elif not bio and box.name is None and _whole_name(line):
            box.name = line
        else:
            bio.append(line)
        box.email = box.email or next(iter(_emails(line)), None)
        gap = False
    box.bio = " ".join(bio)
    return _merge([box, _Person("byline", byline), _Person("bio", _clean_name(box.bio))], None)


def find_byline(line: str) -> str | None:
    """The author's name if `line` is a byline, else None.

    "Par Jeanne Roy", "Publié le 15 mars 2017 par Geneviève Thibodeau", "By Jane Roe | March 3,
    2024", "Reviewed by Jane Roe on March 3, 2024", "Words: Jane Roe — 9 May 2017". "by"/"par"
    must open the line or follow a date, a separator or "Publié"/"Posted", so that "Photo par
    Jean Roy" or a sentence of the body is not a byline.
    """
    line = clean_line(line)
    for match in _BYLINE.finditer(line if len(line) <= 200 else ""):
        if not line[match.end():match.end() + 1].isupper():
            continue  # "written by hand", "par exemple"
        name = _clean_name(line[match.end():])
        prefix = line[: match.start()].strip()
        if name and (not prefix or prefix[-1] in _SEP or (
                len(prefix) < 60 and (_PUBLISHED.match(prefix) or find_date(prefix)))):
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
        word, folded = token.rstrip(",;:"), fold(token.rstrip(",;:"))
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
    bio = " ".join(s for s in sentences if not _emails(s) and not _URL.search(s))
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


def _text_of(element: Any, limit: int) -> str | None:
    """The element's text, white space folded, or None past `limit` (stops reading early)."""
    parts: list[str] = []
    for piece in element.itertext():
        parts.append(piece)
        limit -= len(piece)
        if limit < 0:
            return None
    return " ".join(" ".join(parts).split())  # a space between blocks: "org.</p><p>Site"


def _head_people(doc: Any) -> Iterator[_Person]:
    """Authors named by ``<meta>``, ``<link rel="author">`` and JSON-LD (its first author)."""
    meta = _Person("meta")
    for element in doc.iter("meta", "link"):
        key = (element.get("name") or element.get("property") or element.get("rel") or "").lower()
        value = clean_line(element.get("content") or element.get("href"))
        if key in ("author", "article:author", "dc.creator", "parsely-author") and value:
            if element.tag == "link" or _URL.match(value):
                meta.links.append(value)
            else:
                meta.name = meta.name or value
    yield meta
    for script in doc.iter("script"):
        try:
            data = json.loads(script.text or "") if "ld+json" in (script.get("type") or "") else 0
        except (ValueError, RecursionError):
            continue
        nodes = list(_ld_nodes(data, 0))
        ids = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}
        for authors in (node.get("author") for node in nodes):
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
        yield from _ld_nodes(data.get("@graph") if depth < 4 else None, depth + 1)


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
def _queries() -> tuple[Any, Any, Any]:
    """XPath for the elements worth a look, filtered in libxml2 (a Python walk of every
    element was 20 times slower): marked ones (class ``author…``, ``byline``, ``meta``,
    ``review``, ``rel="author"``…), short headings, short text nodes with "by", "par"…"""
    from lxml import etree

    words = " or ".join(f"contains(., '{w}')" for w in (
        "by", "By", "BY", "par", "Par", "PAR", "uteur", "uthor", "ords", "exte"))
    classes = " or ".join(f"contains(., '{w}')" for w in (
        "author", "byline", "vcard", "bio", "fn", "meta", "review", "info", "posted", "credit"))
    return (etree.XPath(f"//@class[{classes}]/.. | //@id[contains(., 'author')]/.. | "
                        "//@rel[contains(., 'author')]/.. | //@itemprop[. = 'author']/.."),
            etree.XPath("//h1|//h2|//h3|//h4|//h5|//h6|//p[string-length() < 120]"),
            etree.XPath(f"//text()[string-length() < 200][{words}]"))


def _marked_people(doc: Any, boxes: list[Any]) -> Iterator[_Person]:
    """Bio boxes (by class, then by heading; each added to `boxes`), then marked bylines."""
    marked_query, heading_query, _ = _queries()
    marked = marked_query(doc)
    headings = [h for h in heading_query(doc)
                if _ABOUT.match(text := _text_of(h, 120) or "") and is_author_heading(text)]
    for element in [e for e in marked if _BOX_MARK.search(_marks(e))] + headings:
        if not _inside(element, boxes) and not _hidden(element)[0]:
            boxes.append(element)
            yield _box_person(element if element not in headings else _heading_box(element))
    yield from filter(None, (_byline_person(element, boxes, True) for element in marked))


def _text_bylines(doc: Any, boxes: list[Any]) -> Iterator[_Person]:
    """Bylines in unmarked elements ("<p>28 novembre 2017 — Par Julien Astruc</p>")."""
    elements: dict[Any, None] = {}
    for node in filter(_BYLINE_HINT.search, _queries()[2](doc)):
        parent = node.getparent().getparent() if node.is_tail else node.getparent()
        elements.update(dict.fromkeys(e for e in (parent, parent.getparent()) if e is not None))
    yield from filter(None, (_byline_person(element, boxes, False) for element in elements))


def _byline_person(element: Any, boxes: list[Any], marked: bool) -> _Person | None:
    """The author a byline element names, unless it is in a comment, a sidebar or a box."""
    text, rel = _text_of(element, 200), element.get("rel") or ""
    marked = marked and ("author" in rel or element.get("itemprop") == "author"
                         or any(_BYLINE_MARK.match(m) for m in _marks(element).split()))
    name = (find_byline(text) or (_clean_name(text) if marked else None)) if text else None
    if not name or any(_hidden(element)) or _inside(element, boxes):
        return None
    return _Person("byline", name, links=[element.get("href")] if "author" in rel else [])


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
        if node.tag in _SKIP_TAGS or _COMMENT_MARK.search(marks):
            return True, quiet
        quiet = quiet or node.tag == "aside" or bool(_QUIET_MARK.search(marks))
    return False, quiet


def _heading_box(heading: Any) -> Any:
    """The box under an "About the author" heading with no marked container: its parent if
    small, else the heading and the few siblings that follow it, up to the next heading."""
    parent = heading.getparent()
    if parent is not None and _text_of(parent, 1500) is not None:
        return parent
    box = heading.makeelement("div", {})
    box.append(copy.deepcopy(heading))
    for sibling in list(heading.itersiblings())[:6]:
        if sibling.tag in _HEADINGS:
            break
        box.append(copy.deepcopy(sibling))
    return box


def _box_person(box: Any) -> _Person:
    """The author named and described by a bio box: name, short biography, email, links."""
    person = _Person("box")
    for element in box.iter(*_HEADINGS[1:], "strong", "b", "p", "span", "a", "img"):
        text = clean_line(element.get("alt")) if element.tag == "img" else _text_of(element, 120)
        heading = _ABOUT.match(text or "")
        text = heading.group(1) if heading else text  # "Written by Jane Roe"
        person.name = text and (_clean_name(text) if _whole_name(text) else find_byline(text))
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
    person.bio = " ".join(prose)
    box_text = _text_of(box, 5000) or ""
    hrefs = [a.get("href") or "" for a in box.iter("a")]
    mails = [unquote(h[7:].split("?")[0]) for h in hrefs if h.lower().startswith("mailto:")]
    person.email = next(iter([*mails, *_emails(box_text)]), None)
    person.links = [*hrefs, *_URL.findall(box_text)]
    if not person.name:  # "Jeanne Roy est journaliste…": the bio's first words
        person.kind, person.name = "bio", _clean_name(person.bio)
    return person


def _tally(people: list[_Person]) -> tuple[dict[str, int], dict[str, str], dict[int, str | None]]:
    """Votes per folded name, the name as the most trusted source spells it, and each
    source's key (None: the source names nobody, so it is about the author)."""
    scores: dict[str, int] = {}
    names: dict[str, str] = {}
    keys: dict[int, str | None] = {}
    voted: set[tuple[str, str]] = set()  # each kind of source votes once for a name
    for person in sorted(people, key=lambda p: -_WEIGHTS[p.kind]):
        name = _clean_name(person.name, 1 if person.kind in ("jsonld", "meta") else 2)
        key = keys[id(person)] = fold(name) if name else ("" if person.name else None)
        if name and key and (person.kind, key) not in voted:
            voted.add((person.kind, key))
            scores[key] = scores.get(key, 0) + _WEIGHTS[person.kind]
            names.setdefault(key, name)
    return scores, names, keys


def _merge(people: list[_Person], url: str | None) -> Author | None:
    """The card of the best-voted name, its details from the sources about that person."""
    scores, names, keys = _tally(people)
    if not scores:
        return None
    best = max(scores, key=lambda key: scores[key])
    same = sorted((p for p in people if keys[id(p)] in (None, best)),
                  key=lambda p: _DETAIL_ORDER.index(p.kind))
    bios = (_short_bio(p.bio) for p in same if p.bio)
    emails = (clean_line(p.email) for p in same if p.email)
    return Author(names[best], next((b for b in bios if b), None),
                  next((e for e in emails if _EMAIL.fullmatch(e)), None),
                  _norm_links((link for p in same for link in p.links), url))
