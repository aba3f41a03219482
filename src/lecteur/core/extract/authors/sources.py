"""The readers of a raw page for the author card: each yields what one kind of source says.

`head_people` reads ``<meta name="author">``, ``article:author``, ``<link rel="author">`` and
JSON-LD; `marked_people` the bio boxes (class ``author-box``, or under an "About the author"
heading) and the elements marked as bylines (class ``byline``, ``rel="author"``…);
`text_bylines` the bylines in unmarked elements ("<p>28 novembre 2017 — Par Julien
Astruc</p>"). Comment sections, quotes and forms are never read; sidebars and lists of other
articles give no bylines. The tree is only read, never modified (`lecteur.core.extract.page` shares
it); `PageScan` finds once the marked elements, headings and text nodes every
reader looks at. `lecteur.core.extract.authors.card` merges what they yield.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote

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
from lecteur.core.text.sanitize import clean_line, fold

# A text node that may be (part of) a byline: "by"/"par" opening it, after a date or a dash,
# or after an opening "Posted", "Publié le"…; then a capital, or the node ends (name in a tag).
_BYLINE_HINT = re.compile(
    r"(?:^\s*(?:(?i:publiée?|posted|published|written|reviewed|évaluée?|écrit)(?i:\s+le|\s+on)?"
    r"\s+)?|[^\w\s]\s*|\d\s+)(?i:par|by)(?:\s+[A-ZÀ-Þ]|\s*$)"
    r"|^\s*(?i:words|texte|auteure?|author)\s*(?:[:/|]|$)|^\s*(?i:un\s+)?(?i:texte)\s+d")
_BOX_MARK = re.compile(r"author[-_]?(?:box|bio|info|card|profile|desc|description|about)"
                       r"|about[-_]?(?:the[-_]?)?author|bio[-_]?box")
_BYLINE_MARK = re.compile(r"^(?:(?:post|entry|article|story|blog|single)-)?(?:byline|author"
                          r"|authors|author-name|posted-by|vcard|fn)$|^p-author$|^h-card$"
                          r"|^(?:[a-z]+[-_])?(?:byline|author|auteur|signature)s?(?:[-_]?"
                          r"(?:name|names|sign|label|link|list|signature))?$")
# Class or id words of comment sections (not "comments-open" or "has-comments" on a wrapper)
# and of sidebars and lists of other articles (not "no-sidebar" on the body).
_COMMENT_MARK = re.compile(r"(?<![\w-])(?!(?:has|no|with|without)-)(?:[a-z]+-)?"
                           r"(?:comments?|commentlist|respond)"
                           r"(?!-(?:open|closed|enabled|disabled|count|link))(?![\w])")
_QUIET_MARK = re.compile(r"(?<![\w-])(?:sidebar|related|recent|popular|most-read|widget-area)")
_SKIP_TAGS = frozenset("head script style noscript template svg button select textarea iframe "
                       "blockquote q figcaption".split())
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def _text_of(element: Any, limit: int) -> str | None:
    """The element's text, white space folded, or None past `limit` (stops reading early)."""
    parts: list[str] = []
    for piece in element.itertext():
        parts.append(piece)
        limit -= len(piece)
        if limit < 0:
            return None
    return " ".join(" ".join(parts).split())  # a space between blocks: "org.</p><p>Site"


def head_people(doc: Any) -> Iterator[AuthorClue]:
    """Authors named by ``<meta>``, ``<link rel="author">`` and JSON-LD (its first author)."""
    meta = AuthorClue("meta")
    for element in doc.iter("meta", "link"):
        key = (element.get("name") or element.get("property") or element.get("rel") or "").lower()
        value = clean_line(element.get("content") or element.get("href"))
        if key in ("author", "article:author", "dc.creator", "parsely-author") and value:
            if element.tag == "link" or URL.match(value):
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
            found = [person for item in (authors if isinstance(authors, list) else [authors])
                     if (person := _ld_person(ids.get(str(item.get("@id")), item)
                                              if isinstance(item, dict) else item))]
            if found:  # the first author's card, every author's name
                names = [p.name for p in found if p.name]
                found[0].name = ", ".join(names) if found[0].name else found[0].name
                yield found[0]
                return


def _ld_nodes(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    """The objects of a JSON-LD document: top level, lists and ``@graph``."""
    if isinstance(data, list) and depth < 4:
        for item in data:
            yield from _ld_nodes(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        yield from _ld_nodes(data.get("@graph") if depth < 4 else None, depth + 1)


def _ld_person(value: Any) -> AuthorClue | None:
    """A JSON-LD author: a Person object, or a string (a name, or the URL of a profile)."""
    if isinstance(value, str):
        text = clean_line(value)
        return AuthorClue("jsonld", links=[text]) if URL.match(text) else AuthorClue("jsonld", text)
    if not isinstance(value, dict):
        return None
    if "organization" in str(value.get("@type", "")).lower() and not agency_byline(
            clean_line(str(value.get("name") or ""))):
        return None  # an Organization publishes, it does not write (unless it is an agency)
    text_of = {k: clean_line(v) for k, v in value.items() if isinstance(v, str)}
    same = value.get("sameAs")
    links = [text_of.get("url"), *(same if isinstance(same, list) else [same])]
    return AuthorClue("jsonld", text_of.get("name"),
                  text_of.get("description") or text_of.get("jobTitle"),
                  text_of.get("email", "").removeprefix("mailto:") or None,
                  [link for link in links if isinstance(link, str)])


# What `PageScan` keeps: marked elements (class words of author boxes and
# bylines, ``id``/``rel`` naming an author, ``itemprop="author"``), and the text nodes that
# hold a word a text byline needs ("by", "par", "auteur", "author", "words", "texte").
_CLASS_WORDS = re.compile("author|byline|vcard|bio|fn|meta|review|info|posted|credit"
                          "|signature|auteur")
_BYLINE_WORDS = re.compile("by|By|BY|par|Par|PAR|uteur|uthor|UTEUR|UTHOR|ords|exte")
_HEADING_SET = frozenset((*_HEADINGS, "p"))
_SHORT_NODE = 200  # characters: a longer text node is prose, not a byline
_SHORT_PARAGRAPH = 120  # characters: a longer paragraph is no "About the author" heading


class PageScan:
    """What the author readers look at in a page, each found by lxml in C where it can.

    The marked elements come from the page's ``class``, ``id``, ``rel`` and ``itemprop``
    attributes (one XPath query, in document order; the words are tested in Python on
    the attribute values alone); the headings and short paragraphs from ``iter`` with
    their tags; the owners of short text nodes with a byline word from the page's text
    nodes (one query), read only if a reader asks for them (`text_nodes`: the text
    bylines are looked for on about half the pages). Which elements lie in a comment
    section, a quote or a form (hidden) or in a sidebar (quiet) is remembered per element
    as its ancestors are looked at, so a page's cost grows with its size, not with the
    number of its marked elements times their depth. A walk of every element in Python
    cost three to four times these queries on real pages; XPath predicates testing the
    words (``contains``) cost twice the walk.
    """

    def __init__(self, doc: Any) -> None:
        self._doc = doc
        self.marked: list[Any] = _marked(doc)
        self.headings: list[Any] = list(doc.iter(*_HEADING_SET))
        self._text_nodes: list[tuple[Any, bool]] | None = None
        self._states: dict[Any, tuple[bool, bool]] = {}
        self.steps = 0  # ancestors looked at by `hidden` (for the tests of its cost)

    @property
    def text_nodes(self) -> list[tuple[Any, bool]]:
        """(owner, is_tail) of every text node shorter than `_SHORT_NODE` characters with
        a byline word, in document order (found the first time they are asked for)."""
        if self._text_nodes is None:
            self._text_nodes = _text_nodes(self._doc)
        return self._text_nodes

    def hidden(self, element: Any) -> tuple[bool, bool]:
        """Whether an element is in a comment section, a quote or a form (hidden), or in a
        sidebar or a list of other articles (quiet: no bylines from there); each ancestor's
        answer is computed once per page and reused by every element below it."""
        chain = []
        node = element
        while node is not None and node not in self._states:
            chain.append(node)
            node = node.getparent()
        state = self._states[node] if node is not None else (False, False)
        for node in reversed(chain):
            self.steps += 1
            state = _own_state(node, state)
            self._states[node] = state
        return state


@functools.cache
def _queries() -> tuple[Any, Any, Any]:
    """The XPath queries of `PageScan` (compiled once; lxml is imported when a page is
    read): the ``class`` attributes, the ``id``, ``rel`` and ``itemprop`` attributes, and
    the text nodes, each in document order."""
    from lxml import etree

    others = " | ".join(f"descendant-or-self::*/@{name}" for name in ("id", "rel", "itemprop"))
    return (etree.XPath("descendant-or-self::*/@class"), etree.XPath(others),
            etree.XPath("descendant::text()"))  # one step: twice as fast as */text()


def _marked(doc: Any) -> list[Any]:
    """The elements whose marks may name an author, in document order: a class with one
    of `_CLASS_WORDS`, an ``id`` or ``rel`` with "author", ``itemprop="author"``.

    The attribute values are tested in Python (an XPath ``contains`` copies each value:
    slower than a walk of the page). The few elements marked otherwise than by their
    class are put in place among the others by bisection in document order: one query
    of every marking attribute costs twice as much, for lxml's sorting of its answer."""
    classes, others, _texts = _queries()
    search = _CLASS_WORDS.search
    marked = [value.getparent() for value in classes(doc) if search(value)]
    seen = set(marked)
    for value in others(doc):  # each of these marks holds "author": tested first
        if "author" not in value or (value != "author" and value.attrname == "itemprop"):
            continue
        element = value.getparent()
        if element not in seen:
            seen.add(element)
            _insert_in_order(marked, element)
    return marked


def _insert_in_order(elements: list[Any], element: Any) -> None:
    """Insert `element` into `elements` (in document order) where document order puts it."""
    line = _line_of(element)
    low, high = 0, len(elements)
    while low < high:
        middle = (low + high) // 2
        if _precedes(_line_of(elements[middle]), line):
            low = middle + 1
        else:
            high = middle
    elements.insert(low, element)


def _line_of(element: Any) -> list[Any]:
    """The element's ancestors from the root down, and the element itself."""
    line = [element, *element.iterancestors()]
    line.reverse()
    return line


def _precedes(first: list[Any], second: list[Any]) -> bool:
    """Whether the element ending line `first` comes before the one ending `second` in
    document order (`_line_of` gives the lines): an ancestor comes before what it holds,
    and of two siblings' subtrees, the first sibling's."""
    for depth, (one, other) in enumerate(zip(first, second, strict=False)):
        if one is not other:
            if depth == 0:
                return False  # two trees: no order (never asked)
            parent = first[depth - 1]
            return bool(parent.index(one) < parent.index(other))
    return len(first) < len(second)


def _text_nodes(doc: Any) -> list[tuple[Any, bool]]:
    """(owner, is_tail) of the short text nodes with a byline word, in document order; a
    text node of the element itself (``doc.tail`` has none: it is the page's root)."""
    search, short = _BYLINE_WORDS.search, _SHORT_NODE
    nodes = [(text.getparent(), text.is_tail) for text in _queries()[2](doc)
             if len(text) < short and search(text)]
    tail = doc.tail
    if tail and len(tail) < short and search(tail):
        nodes.append((doc, True))
    return nodes


def _own_state(node: Any, above: tuple[bool, bool]) -> tuple[bool, bool]:
    """An element's (hidden, quiet) from its own tag and marks and its parent's answer."""
    if above[0]:
        return above
    marks = _marks(node)
    if node.tag in _SKIP_TAGS or _COMMENT_MARK.search(marks):
        return True, False
    return False, above[1] or node.tag == "aside" or bool(_QUIET_MARK.search(marks))


def marked_people(doc: Any, boxes: list[Any], scan: PageScan | None = None,
                  ) -> Iterator[AuthorClue]:
    """Bio boxes (by class, then by heading; each added to `boxes`), then marked bylines.
    `scan` is the page's `PageScan`, when the caller has made it already."""
    scan = scan or PageScan(doc)
    marked = scan.marked
    headings = [h for h in scan.headings
                if ABOUT.match(text := _heading_text(h) or "") and is_author_heading(text)]
    for element in [e for e in marked if _BOX_MARK.search(_marks(e))] + headings:
        if not _inside(element, boxes) and not scan.hidden(element)[0]:
            boxes.append(element)
            yield _box_person(element if element not in headings else _heading_box(element))
    yield from filter(None, (_byline_person(element, boxes, True, scan) for element in marked))


def _heading_text(element: Any) -> str | None:
    """A heading's text, or a paragraph's if it is short enough to be a heading."""
    if element.tag == "p":
        return _text_of(element, _SHORT_PARAGRAPH - 1)
    return _text_of(element, _SHORT_PARAGRAPH)


def text_bylines(doc: Any, boxes: list[Any], scan: PageScan | None = None,
                 ) -> Iterator[AuthorClue]:
    """Bylines in unmarked elements ("<p>28 novembre 2017 — Par Julien Astruc</p>")."""
    scan = scan or PageScan(doc)
    elements: dict[Any, None] = {}
    for owner, is_tail in scan.text_nodes:
        if not _BYLINE_HINT.search(owner.tail if is_tail else owner.text):
            continue
        parent = owner.getparent() if is_tail else owner
        if parent is not None:
            elements.update(dict.fromkeys(e for e in (parent, parent.getparent())
                                          if e is not None))
    yield from filter(None, (_byline_person(element, boxes, False, scan)
                             for element in elements))


def _byline_person(element: Any, boxes: list[Any], marked: bool,
                   scan: PageScan) -> AuthorClue | None:
    """The author a byline element names, unless it is in a comment, a sidebar or a box.

    A marked element that names one author of several ("<span itemprop=author>" twice in
    one line) gives the whole line's names; an element marked ``rel="author"`` or
    ``itemprop="author"`` may name a pen name in one lowercase word ("framasoft").
    """
    if _inside(element, boxes):  # the cheap refusals first: no name is read for them
        return None
    hidden, quiet = scan.hidden(element)
    if hidden or (quiet and not any(n.tag == "address" for n in element.iterancestors())):
        return None  # <address> holds the article's own byline, even in an <aside>
    text, rel = _text_of(element, 200), element.get("rel") or ""
    strong = "author" in rel or element.get("itemprop") == "author"
    marked = marked and (strong or any(_BYLINE_MARK.match(m) for m in _marks(element).split()))
    name = (find_byline(text) or (", ".join(clean_names(text)) if marked else None)) \
        if text else None
    if marked and name and "," not in name:
        name = _whole_line(element, name)
    if marked and not name and strong:
        name = pen_name(text)
    if not name:
        return None
    return AuthorClue("byline", name, links=[element.get("href")] if "author" in rel else [])


def _whole_line(element: Any, name: str) -> str:
    """Every name of the byline line an element is part of, if the line names it first or
    among others ("Par <a>Jeanne Roy</a> et <a>Paul Martin</a>"), else just its name."""
    for container in (element.getparent(), element.getparent().getparent()
                      if element.getparent() is not None else None):
        line = _text_of(container, 200) if container is not None else None
        names = (find_byline(line) or ", ".join(clean_names(line))) if line else ""
        if "," in names and fold(name) in fold(names):
            return names
    return name


def _marks(element: Any) -> str:
    """The element's class and id words, lowercased: what the ``*_MARK`` patterns read."""
    return f"{element.get('class') or ''} {element.get('id') or ''}".lower()


def _inside(element: Any, boxes: list[Any]) -> bool:
    """Whether the element is a bio box already read or within one (read once, not twice)."""
    return bool(boxes) and (element in boxes or any(
        node in boxes for node in element.iterancestors()))


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


def _box_person(box: Any) -> AuthorClue:
    """The author named and described by a bio box: name, short biography, email, links."""
    person = AuthorClue("box")
    for element in box.iter(*_HEADINGS[1:], "strong", "b", "p", "span", "a", "img"):
        text = clean_line(element.get("alt")) if element.tag == "img" else _text_of(element, 120)
        heading = ABOUT.match(text or "")
        text = heading.group(1) if heading else text  # "Written by Jane Roe"
        person.name = text and (clean_name(text) if whole_name(text) else find_byline(text))
        if person.name:
            break
    prose: list[str] = []
    for paragraph in list(box.iter("p")) or [box]:
        text = _text_of(paragraph, 3000) or ""
        rest = URL.sub(" ", EMAIL.sub(" ", text))
        for anchor in paragraph.iter("a"):  # link labels ("LinkedIn", "Site web") are not prose
            rest = rest.replace(_text_of(anchor, 200) or " ", " ", 1)
        if not (ABOUT.match(text) or whole_name(text) or find_byline(text)
                or word_count(rest) < 4 or text.endswith(":")):
            prose.append(text)
    person.bio = " ".join(prose)
    box_text = _text_of(box, 5000) or ""
    hrefs = [a.get("href") or "" for a in box.iter("a")]
    mails = [unquote(h[7:].split("?")[0]) for h in hrefs if h.lower().startswith("mailto:")]
    person.email = next(iter([*mails, *emails(box_text)]), None)
    person.links = [*hrefs, *URL.findall(box_text)]
    if not person.name:  # "Jeanne Roy est journaliste…": the bio's first words
        person.kind, person.name = "bio", clean_name(person.bio)
    return person
