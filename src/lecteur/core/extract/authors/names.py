"""Names and contacts in author text: the pieces `authors` and `author_sources` share.

`AuthorClue` is what one source says about the author; `clean_name` cuts the person's name
out of a byline or a heading ("By Jane Roe on March 3" -> "Jane Roe") and rejects labels
("About the author", "Admin"); `find_byline` and `is_author_heading` recognise the lines
that name an author (re-exported by `lecteur.core.extract.authors.card`, their public home).
A module of its own so that the page readers and the merge can both use them without
importing each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lecteur.core.extract.authors.agency import agency_byline
from lecteur.core.text.dates import find_date
from lecteur.core.text.sanitize import clean_line, fold

_SEP = " \t-–—·|/:,;•"
_I = re.IGNORECASE
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_AT = re.compile(r"\s*[\[({]\s*(?:at|arobase|@)\s*[\])}]\s*", _I)
_DOT = re.compile(r"\s*[\[({]\s*(?:dot|point)\s*[\])}]\s*", _I)
URL = re.compile(r"https?://[^\s<>()\"'|,·]+", _I)
ABOUT = re.compile(r"^(?:(?:à|a) propos de l['’]auteure?|about the author|written by|écrit par"
                   r"|l['’]auteure?(?=\s*:?\s*$))[\s:]*(.*)$", _I)
_BYLINE = re.compile(r"(?:(?:written|posted|published|reviewed|écrit|publiée?|évaluée?|rédigée?"
                     r"|(?:propos\s+)?recueilli(?:e|s|es)?|interview(?:ed)?|reported)"
                     r"\s+)?\b(?:par|by)\s+(?=\S)|^(?:un\s+)?texte\s+(?:de\s+|d['’])(?=[A-ZÀ-Þ])"
                     r"|^(?:words|texte|auteure?|author)\s*[:/|]\s*", _I)
_PUBLISHED = re.compile(r"^(?:publiée?|published|posted|mis en ligne)\b", _I)
_STOP_WORDS = frozenset(fold(w) for w in (  # words that end (or are) no name
    "about author authors auteur auteure admin administrator rédaction staff editor editors "
    "team équipe published publié publiée posted updated reviewed written écrit propos "
    "anonymous anonyme guest invité contributor webmaster newsroom share partager home "
    "accueil menu contact site web website email courriel newsletter comments commentaires "
    "linkedin mastodon twitter facebook instagram bluesky github youtube threads tiktok "
    "googletag adsbygoogle dfp gpt cmd javascript "  # an ad slot's script is no name
    "reporter correspondent correspondant correspondante journalist journaliste writer "
    "columnist chroniqueur chroniqueuse rédacteur rédactrice envoyé envoyée photographer "
    "photographe senior").split())  # nor a role beside it ("Jane Roe, Senior Writer")
_MONTHS = frozenset(fold(w) for w in (
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre "
    "january february march april may june july august september october november december"
).split())
_HANDLE = re.compile(r"^[a-z][a-z0-9_.-]{2,30}$")
_LOOSE_COMMA = re.compile(r"\s+,")  # "Jeanne Roy , Paul Martin" (one tag per name)
_FIELD_END = re.compile(r"\s+[|•·–—-]\s+|\s*\|\s*")  # "AFP | 5 juillet 2011"
_AND = frozenset(["et", "and", "&"])
_MAX_AUTHORS = 6
_PARTICLES = frozenset("de du des la le van von der den da di dos das del bin ben al el".split())


@dataclass
class AuthorClue:
    """What one source says about the author; `kind` is the source, which sets its trust."""

    kind: str
    name: str | None = None
    bio: str | None = None
    email: str | None = None
    links: list[str] = field(default_factory=list)


def find_byline(line: str) -> str | None:
    """The author's name if `line` is a byline, else None; several authors are joined
    by commas ("Par Jeanne Roy et Paul Martin" -> "Jeanne Roy, Paul Martin").

    "Par Jeanne Roy", "Publié le 15 mars 2017 par Geneviève Thibodeau", "By Jane Roe | March 3,
    2024", "Reviewed by Jane Roe on March 3, 2024", "Words: Jane Roe — 9 May 2017", "Un texte
    de Jeanne Roy", "Propos recueillis par Jeanne Roy", "Par AFP". "by"/"par" must open the
    line or follow a date, a separator or "Publié"/"Posted", so that "Photo par Jean Roy" or
    a sentence of the body is not a byline.
    """
    line = clean_line(line)
    for match in _BYLINE.finditer(line if len(line) <= 200 else ""):
        if not line[match.end():match.end() + 1].isupper():
            continue  # "written by hand", "par exemple"
        names = clean_names(line[match.end():])
        prefix = line[: match.start()].strip()
        if names and (not prefix or prefix[-1] in _SEP or (
                len(prefix) < 60 and (_PUBLISHED.match(prefix) or find_date(prefix)))):
            return ", ".join(names)
    return None


def is_author_heading(line: str) -> bool:
    """Whether a line is an author block's heading ("À propos de l'auteure", "Written by")."""
    match = ABOUT.match(clean_line(line).strip("#*_ "))
    return bool(match and len(line) < 80 and (not match.group(1) or whole_name(match.group(1))))


def clean_name(raw: str | None, min_words: int = 2) -> str | None:
    """The person's name at the start of `raw` ("By Jane Roe on March 3" -> "Jane Roe"), or None.

    Stops at the first word that cannot belong to a name (lowercase, digits, a date, a label
    such as "Published"); rejects labels ("About the author", "Admin", "Rédaction"). An
    agency's byline ("AFP", "Le Monde.fr avec AFP") is kept whole.
    """
    names = clean_names(raw, min_words)
    return names[0] if names else None


def clean_names(raw: str | None, min_words: int = 2) -> list[str]:
    """Every name a byline gives, in order: "Par Jeanne Roy et Paul Martin", "By Jane Roe,
    John Doe and Sam Lee"; or the agency's byline whole; [] if it names nobody."""
    text = clean_line(raw).strip(_SEP)
    prefix = _BYLINE.match(text)
    rest = _LOOSE_COMMA.sub(",", text[prefix.end():] if prefix else text)
    agency = agency_byline(_FIELD_END.split(rest, maxsplit=1)[0])
    if agency:
        return [agency]
    tokens = rest.split()
    names: list[str] = []
    index = 0
    while index < len(tokens) and len(names) < _MAX_AUTHORS:
        name, index, comma = _take_name(tokens, index, min_words)
        if not name:
            break
        names.append(name)
        if index < len(tokens) and fold(tokens[index]) in _AND:
            index += 1
        elif not comma:
            break
    return names


def _take_name(tokens: list[str], start: int, min_words: int) -> tuple[str | None, int, bool]:
    """The name opening ``tokens[start:]``, the index after it, and whether a comma ended it."""
    words: list[str] = []
    index, comma = start, False
    while index < len(tokens):
        token = tokens[index]
        word, folded = token.rstrip(",;:"), fold(token.rstrip(",;:"))
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if folded in _STOP_WORDS or (folded in _MONTHS and following[:1].isdigit()):
            break
        capital = (word[:1].isupper() and all(c.isalpha() or c in "-'’." for c in word)
                   and (len(word) > 1 or following[:1].isupper()))  # "X" is a network
        if not capital and not (folded in _PARTICLES and words):
            break
        words.append(word)
        index += 1
        if word != token:  # "Jane Roe, journaliste": a comma ends the name
            comma = token.endswith(",")
            break
    while words and words[-1].islower():
        words.pop()
    name = " ".join(words)
    capitals = sum(1 for w in words if w[:1].isupper())
    valid = capitals >= min_words and len(words) <= 6 and len(name) >= 3
    return (name if valid else None), index, comma


def pen_name(text: str | None) -> str | None:
    """A pen name in one lowercase word ("framasoft"), which only an element marked as the
    author's can give: the name rules want capitals."""
    text = clean_line(text)
    return text if _HANDLE.match(text) and fold(text) not in _STOP_WORDS else None


def whole_name(text: str) -> bool:
    """Whether all of `text` is a name (a name line, a heading, a ``<strong>``)."""
    return clean_name(text) == text.strip(" .")


def emails(text: str) -> list[str]:
    """Addresses in `text`, "jeanne [at] example [dot] org" included."""
    return [m.group(0).rstrip(".") for m in EMAIL.finditer(_DOT.sub(".", _AT.sub("@", text)))]


def word_count(text: str) -> int:
    """Words with a letter in them: tells prose from a line of labels and addresses."""
    return sum(1 for w in text.split() if any(c.isalpha() for c in w))
