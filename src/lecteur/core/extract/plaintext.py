"""Read an article saved as plain text or Markdown into blocks.

People save pages by copying them out of a browser, so a text file carries the site's menu
and name above the title and its share buttons, comments and widgets below the body. The
rules:

- a widget's line at the top is dropped: a rating widget's text ("… Reviewed by Jane Roe
  on . Rating: 0") or a line that runs the title into the lead;
- the header is everything before the first real paragraph: in it, menu lines and
  breadcrumbs are dropped, a line holding a date is the date, a ``Par …`` / ``By …`` line
  is the byline, and the title is the longest remaining line (a Markdown ``#`` heading
  wins); a text with no header is named after its first words;
- blank lines separate paragraphs; a short line with no closing punctuation between
  paragraphs is a heading, unless it is only a date (then it is the date); Markdown
  headings, lists, block quotes and fences are honoured;
- the body ends at the first line that can only be page furniture (share buttons, comment
  sections, rating widgets, newsletter boxes, related articles, back to top, a "Thanks
  for reading" footer, ...);
- an "À propos de l'auteur" / "About the author" block is the author's card, wherever it
  sits after the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lecteur.core.extract.authors.card import find_byline
from lecteur.core.extract.furniture import (
    is_end_marker,
    is_nav_line,
    is_rating_widget,
    is_widget_label,
)
from lecteur.core.extract.husk import is_date_line
from lecteur.core.extract.signatures import signature
from lecteur.core.models import Block
from lecteur.core.text.dates import find_date
from lecteur.core.text.sanitize import clean_line

_ABOUT_AUTHOR = re.compile(
    r"^(?:(?:à|a) propos de l['’]auteur(?:e)?|l['’]auteur(?:e)?|about the author|"
    r"written by\b.*|about\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)+)\s*:?$",
    re.IGNORECASE,
)
_DASH_LINE = re.compile(r"^[—–―]\s*\S.{0,100}$")
_COMMENTS = re.compile(r"^(?:\d+\s+)?(?:comments?|commentaires?|réflexions?)\b", re.IGNORECASE)
_MD_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*$")
_MD_LIST = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+(.*)$")
_URL = re.compile(r"(?:https?://|mailto:)[^\s<>()\"']+")
_CLOSING = tuple(".!?:;»\"”’…)")
_HEADING_MAX = 90
_BODY_LINE = 100  # a line this long is article text, not header furniture
_TITLE_MAX = 150
_TOP_GROUPS = 8  # groups at the top where widgets and the header sit
_LEAD_PREFIX = 40  # characters of the lead that show a line repeats it


@dataclass
class Parsed:
    """What the plain-text reader found."""

    title: str | None = None
    date: str | None = None
    author: str | None = None
    author_lines: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    links: list[str] = field(default_factory=list)


def parse(text: str) -> Parsed:
    """Parse sanitised plain text (or Markdown) into title, date, byline and blocks."""
    result = Parsed()
    groups = _drop_widget_lines(_groups(text))
    start = _body_start(groups)
    _read_header([line for g in groups[:start] for line in g], result)
    if start == 0 and groups:
        result.title = _shorten(clean_line(groups[0][0]))
    end = _body_end(groups, start)
    result.author_lines = _author_box(groups, start)
    if result.author is None:
        result.author = _footer_byline(groups[end:])
    for lines in groups[start:end]:
        if len(lines) == 1 and is_date_line(lines[0].strip()):
            result.date = result.date or find_date(lines[0])  # metadata, not a heading
            continue
        for part in _split_signature(lines):
            result.blocks.extend(_group_blocks(part))
    result.blocks = _drop_repeats(result.blocks)
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


def _drop_widget_lines(groups: list[list[str]]) -> list[list[str]]:
    """The groups without the lines a widget leaves at the top of a copied page: a rating
    widget's text ("… Reviewed by Jane Roe on . Rating: 0"), or a first line that runs the
    title into the lead (the title is the short line that follows)."""
    kept: list[list[str]] = []
    for index, lines in enumerate(groups):
        lines = [line for line in lines if index >= _TOP_GROUPS or not is_rating_widget(line)]
        if lines and not (index == 0 and _runs_title_in(lines[0], groups[1:_TOP_GROUPS])):
            kept.append(lines)
    return kept


def _runs_title_in(line: str, following: list[list[str]]) -> bool:
    """Whether a line is a later short line (the title) run into the start of a later
    paragraph (the lead): a widget's copy of both, not the article."""
    line = clean_line(line)
    texts = [clean_line(" ".join(lines)) for lines in following]
    for lines, title in zip(following, texts, strict=True):
        title = clean_line(_MD_HEADING.sub(r"\1", title))
        rest = line[len(title):].strip()[:_LEAD_PREFIX]
        if len(lines) == 1 and 0 < len(title) <= _HEADING_MAX and line.startswith(title) \
                and len(rest) >= _LEAD_PREFIX // 2 and any(t.startswith(rest) for t in texts):
            return True
    return False


def _is_body(lines: list[str]) -> bool:
    """Whether a run of lines is article text rather than header furniture."""
    first = lines[0].strip()
    if _MD_HEADING.match(first) or is_nav_line(first):
        return False
    return any(len(line) >= _BODY_LINE for line in lines) or (
        len(" ".join(lines)) >= _BODY_LINE and first.endswith(_CLOSING)
    )


def _body_start(groups: list[list[str]]) -> int:
    """Index of the first group of article text (the groups before it are the header)."""
    seen_heading = False
    for index, lines in enumerate(groups[:8]):
        if _is_body(lines):
            return index
        if _MD_HEADING.match(lines[0].strip()):
            if seen_heading:
                return index  # the title was the first heading; this one opens the body
            seen_heading = True
    return 1 if groups else 0


def _read_header(lines: list[str], result: Parsed) -> None:
    """Find the title, date and byline among the header's lines."""
    candidates: list[str] = []
    for raw in lines:
        line = raw.strip()
        heading = _MD_HEADING.match(line)
        if heading and result.title is None:
            result.title = clean_line(heading.group(1))
            continue
        if not line or _header_fact(line, result):
            continue
        if is_nav_line(line) or is_end_marker(line) or is_widget_label(line):
            continue
        candidates.append(clean_line(line))
    if result.title is None and candidates:
        unpunctuated = [c for c in candidates if not c.endswith(".")] or candidates
        result.title = _shorten(max(unpunctuated, key=len), _TITLE_MAX)


def _header_fact(line: str, result: Parsed) -> bool:
    """Record a byline or date line; True if the line was one."""
    if len(line) > _BODY_LINE:
        return False
    name = find_byline(line)
    if name and result.author is None:
        result.author = name
        result.date = result.date or find_date(line)
        return True
    date = find_date(line)
    if date and len(line) < 60:
        result.date = result.date or date
        return True
    return False


def _shorten(text: str, limit: int = 80) -> str:
    """The first words of `text`, cut at a word boundary, with an ellipsis if cut."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _body_end(groups: list[list[str]], start: int) -> int:
    """Index just past the last group of article text."""
    for index in range(start + 1, len(groups)):
        first = groups[index][0].strip()
        if is_end_marker(first) or _ABOUT_AUTHOR.match(first):
            return index
    return len(groups)


def _footer_byline(groups: list[list[str]]) -> str | None:
    """A byline below the body ("Posted by X at", "Évalué par X le"), before any comment."""
    for line in (line.strip() for group in groups for line in group):
        if _COMMENTS.match(line):
            return None  # commenters are not the author
        name = find_byline(line)
        if name:
            return name
    return None


def _author_box(groups: list[list[str]], start: int) -> list[str]:
    """The lines of an "about the author" block after the body (heading excluded)."""
    for index in range(start + 1, len(groups)):
        first = groups[index][0].strip()
        if not _ABOUT_AUTHOR.match(first):
            continue
        lines = groups[index][1:]
        for following in groups[index + 1:]:
            if is_end_marker(following[0].strip()):
                break
            lines += following
        return [line.strip() for line in lines if line.strip()]
    return []


def _split_signature(lines: list[str]) -> list[list[str]]:
    """Set a closing ``— Name`` line apart from the quotation it signs."""
    if len(lines) < 2:
        return [lines]
    last = lines[-1].strip()
    signed = _DASH_LINE.match(last) or (
        len(last) < 100 and lines[-2].rstrip().endswith(("”", "»", '"')) and "," in last
        and not last.endswith((".", "!", "?", ":")))
    if signed:
        return [lines[:-1], lines[-1:]]
    return [lines]


def _group_blocks(lines: list[str]) -> list[Block]:
    """The blocks of one run of lines."""
    if len(lines) > 1 and is_widget_label(lines[0]):
        lines = lines[1:]
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
        return [Block("quote", _md_quote([line.lstrip()[1:].strip() for line in lines]))]
    text = clean_line(" ".join(lines))
    if len(lines) == 1 and len(text) <= _HEADING_MAX and not text.endswith(_CLOSING) \
            and not _DASH_LINE.match(text):
        return [Block("heading", text)]
    return [Block("paragraph", text)]


def _md_quote(lines: list[str]) -> str:
    """A Markdown quotation's text: its paragraphs (cut by empty ``>`` lines) apart, and a
    signature line (``> — Helga Brandt, recruiter``) apart too, for the quotation rules to
    lift as the speaker."""
    parts: list[list[str]] = [[]]
    for line in lines:
        if not line or (signature(line) and parts[-1]):
            parts.append([line] if line else [])
        else:
            parts[-1].append(line)
    return "\n\n".join(clean_line(" ".join(part)) for part in parts if part)


def _md_list_item(line: str) -> str:
    match = _MD_LIST.match(line)
    return match.group(1) if match else line


def _drop_repeats(blocks: list[Block]) -> list[Block]:
    """Keep one copy of a paragraph a widget repeated (a pull quote, a lead box)."""
    seen: set[str] = set()
    kept = []
    for block in blocks:
        key = block.text.casefold()
        if len(key) >= 40 and key in seen:
            continue
        seen.add(key)
        kept.append(block)
    return kept
