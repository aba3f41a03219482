"""Read an article saved as plain text or Markdown into blocks.

People save pages by copying them out of a browser, so a text file often carries the
site's menu above the title and its share buttons below the body. The rules:

- the first real line is the title (menu words and breadcrumbs above it are dropped);
- a short line holding a date is the date, a ``Par …`` / ``By …`` line is the byline;
- blank lines separate paragraphs; a short line with no closing punctuation between
  paragraphs is a heading; Markdown headings, lists, block quotes and fences are honoured;
- known junk lines (share, back to top, leave a comment) are dropped from the edges;
- an "À propos de l'auteur" / "About the author" block at the end is the author's bio.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lecteur.core.dates import find_date
from lecteur.core.models import Block
from lecteur.core.sanitize import clean_line

_NAV_WORDS = frozenset(
    ["menu", "accueil", "home", "rechercher", "search", "recherche", "connexion",
       "se connecter", "log in", "login", "sign in", "skip to content",
       "aller au contenu", "navigation", "s'abonner", "subscribe"]
)
_JUNK_LINE = re.compile(
    r"^(partager|share|partagez|tweet|imprimer|print|retour en haut( de la page)?|back to top"
    r"|laisser un commentaire|leave a (reply|comment)|commentaires?( \(\d+\))?|\d+ comments?"
    r"|facebook|twitter|linkedin|courriel|email|x|mastodon|j'aime|like"
    r"|abonnez-vous.*|subscribe to .*|inscrivez-vous.*|sign up for .*)[.!:]?$",
    re.IGNORECASE,
)
_BREADCRUMB = re.compile(r"\S\s+[>›/|]\s+\S")
_BYLINE = re.compile(r"^(?:par|by|écrit par|written by)\s+([^\d,;|]{3,60}?)\s*(?:[,|–—-].*)?$",
                     re.IGNORECASE)
_ABOUT_AUTHOR = re.compile(
    r"^(?:à|a) propos de l['’]auteur(?:e)?|^l['’]auteur(?:e)?$|^about the author|^written by\b",
    re.IGNORECASE,
)
_MD_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*$")
_MD_LIST = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+(.*)$")
_URL = re.compile(r"(?:https?://|mailto:)[^\s<>()\"']+")
_CLOSING = tuple(".!?:;»\"”’…)")
_HEADING_MAX = 90
_TITLE_MAX = 150


@dataclass
class Parsed:
    """What the plain-text reader found."""

    title: str | None = None
    date: str | None = None
    author: str | None = None
    bio: str | None = None
    blocks: list[Block] = field(default_factory=list)
    links: list[str] = field(default_factory=list)


def parse(text: str) -> Parsed:
    """Parse sanitised plain text (or Markdown) into title, date, byline and blocks."""
    result = Parsed()
    groups = _trim_junk(_groups(text))
    groups = _take_header(groups, result)
    groups = _take_author_box(groups, result)
    for lines in groups:
        result.blocks.extend(_group_blocks(lines))
    result.links = list(dict.fromkeys(_URL.findall(text)))
    return result


def _groups(text: str) -> list[list[str]]:
    """Runs of non-blank lines; a fenced code block is one run, blank lines included."""
    groups: list[list[str]] = []
    current: list[str] = []
    in_fence = False
    for raw in text.split("\n"):
        line = raw.rstrip()
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
        if not line.strip() and not in_fence:
            if current:
                groups.append(current)
                current = []
            continue
        current.append(line)
    if current:
        groups.append(current)
    return groups


def _is_junk(line: str) -> bool:
    stripped = line.strip().strip("#*_ ").strip()
    return (stripped.lower() in _NAV_WORDS or bool(_JUNK_LINE.match(stripped))
            or (len(stripped) < 80 and bool(_BREADCRUMB.search(stripped))
                and not stripped.endswith(_CLOSING)))


def _trim_junk(groups: list[list[str]]) -> list[list[str]]:
    """Drop menu and share lines at the top and the bottom (never in the middle)."""
    while groups and all(_is_junk(line) for line in groups[0]):
        groups.pop(0)
    while groups and all(_is_junk(line) for line in groups[-1]):
        groups.pop()
    if groups:
        groups[0] = _strip_leading(groups[0])
        groups[-1] = _strip_trailing(groups[-1])
    return [g for g in groups if g]


def _strip_leading(lines: list[str]) -> list[str]:
    while lines and _is_junk(lines[0]):
        lines = lines[1:]
    return lines


def _strip_trailing(lines: list[str]) -> list[str]:
    while lines and _is_junk(lines[-1]):
        lines = lines[:-1]
    return lines


def _take_header(groups: list[list[str]], result: Parsed) -> list[list[str]]:
    """Take the title from the first line, then a date line and a byline near the top."""
    if not groups:
        return groups
    first = groups[0]
    heading = _MD_HEADING.match(first[0])
    if not heading and len(first[0]) > _TITLE_MAX:
        # No title line: the text starts with its body; name it after its first words.
        result.title = _shorten(clean_line(first[0]))
        return groups
    result.title = clean_line(heading.group(1) if heading else first[0])
    rest = [first[1:], *groups[1:]] if len(first) > 1 else groups[1:]
    kept: list[list[str]] = []
    for index, lines in enumerate(rest):
        if index < 3 and len(lines) == 1 and _header_line(lines[0], result):
            continue
        kept.append(lines)
    return kept


def _shorten(text: str, limit: int = 80) -> str:
    """The first words of `text`, cut at a word boundary, with an ellipsis if cut."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _header_line(line: str, result: Parsed) -> bool:
    """Record a date or byline line near the top; True if the line was one."""
    stripped = line.strip()
    if len(stripped) > 100:
        return False
    byline = _BYLINE.match(stripped)
    if byline and result.author is None:
        result.author = clean_line(byline.group(1))
        result.date = result.date or find_date(stripped)
        return True
    date = find_date(stripped)
    if date and result.date is None and len(stripped) < 60:
        result.date = date
        return True
    return False


def _take_author_box(groups: list[list[str]], result: Parsed) -> list[list[str]]:
    """Cut an "about the author" block at the end off the body and keep it as the bio."""
    for index in range(len(groups) - 1, max(-1, len(groups) - 6), -1):
        if _ABOUT_AUTHOR.match(groups[index][0].strip().strip("#*_ ")):
            bio_lines = groups[index][1:] + [line for g in groups[index + 1:] for line in g]
            result.bio = clean_line(" ".join(bio_lines)) or None
            return groups[:index]
    return groups


def _group_blocks(lines: list[str]) -> list[Block]:
    """The blocks of one run of lines."""
    first = lines[0].strip()
    if first.startswith("```"):
        body = [line for line in lines[1:] if not line.strip().startswith("```")]
        return [Block("code", "\n".join(body))]
    heading = _MD_HEADING.match(first)
    if heading and len(lines) == 1:
        return [Block("heading", clean_line(heading.group(1)))]
    if all(_MD_LIST.match(line) for line in lines):
        items = [clean_line(_md_list_item(line)) for line in lines]
        return [Block("list", "\n".join(items))]
    if all(line.lstrip().startswith(">") for line in lines):
        quoted = " ".join(line.lstrip()[1:].strip() for line in lines)
        return [Block("quote", clean_line(quoted))]
    text = clean_line(" ".join(lines))
    if len(lines) == 1 and len(text) <= _HEADING_MAX and not text.endswith(_CLOSING):
        return [Block("heading", text)]
    return [Block("paragraph", text)]


def _md_list_item(line: str) -> str:
    match = _MD_LIST.match(line)
    return match.group(1) if match else line
