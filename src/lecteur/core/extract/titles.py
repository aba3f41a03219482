"""The article's title, without what a page adds around it.

A page's ``<title>``, ``og:title`` and trafilatura's guess carry the site ("… | Slate",
"… - Digg", "CNN Politics"), at times the section or the author ("… | Jane Roe |
Environment | The Guardian"), and a logo heading can be taken for the title. The rules:

- a part after (or before) a separator that names the site, its host or the author is
  dropped, from the ends inward;
- a leading run of parts that a heading of the page (``<h1>``) repeats is the title;
- a title that is only the site's name gives way to the longest other part of
  ``<title>``, then to the first heading of the body;
- but the first part of ``<title>``, when the page's ``<h1>`` repeats it (two words or
  more), is the headline, even when ``<title>`` goes on after it: "L'été à Montréal :
  œuvres et « guillemets »" with the ``<h1>`` "L'été à Montréal".

Pure functions of strings; the page's headings come from the caller's one parse.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import unescape

from lecteur.core.text.sanitize import clean_line, fold

_HTML_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_SEPARATOR = re.compile(r"(\s+[|~–—·•»:-]\s+|\s+[-:]\s+|\s*\|\s*)")
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_TLD = re.compile(r"\.(?:com|fr|ch|be|ca|org|net|co\.uk|uk|de|info|io|news)$", re.IGNORECASE)
_HOST_NOISE = frozenset(["www", "m", "amp", "com", "fr", "org", "net", "co", "uk", "ch", "ca"])


def html_title(html: str) -> str:
    """The page's ``<title>`` text, entities decoded, or ""."""
    match = _HTML_TITLE.search(html[:20000])
    return clean_line(unescape(match.group(1))) if match else ""


def clean_title(found: str, page_title: str, site: Iterable[str | None],
                headings: Iterable[str]) -> str:
    """The title without the site's name, the author or a section around it.

    `found` is the best guess (trafilatura's), `page_title` the ``<title>``, `site` the
    names that are not the title (the site's name, its host, the author), `headings` the
    texts of the page's ``<h1>`` elements.
    """
    labels = {key for key in map(_key, site) if key}
    found = clean_line(found)
    if not found or _key(found) in labels:  # a logo heading or the site's name alone
        others = [p for p in _parts(page_title)[::2] if _key(p) not in labels]
        found = max(others, key=len) if others else found
    parts = [p for p in _parts(page_title)[::2] if p]
    if len(parts) > 1 and found in parts and found != max(parts, key=len) \
            and not (found == parts[0] and _is_headline(found, headings)):
        found = max(parts, key=len)  # "Article ~ Blog" read as "Blog"
    title = _strip_labels(found, labels)
    return _heading_prefix(title, headings) or title


def _key(text: str | None) -> str:
    """A site's name, host or a person's name in a comparable form: "Slate.fr" -> "slate"."""
    text = _TLD.sub("", clean_line(text).strip())
    words = [w for w in _NOT_ALNUM.split(fold(text)) if w and w not in _HOST_NOISE]
    return "".join(words)


def _parts(title: str) -> list[str]:
    """A title split at its separators, the separators kept at the odd indexes."""
    return _SEPARATOR.split(clean_line(title))


def _is_label(part: str, labels: set[str]) -> bool:
    """Whether a part of a title names the site, its host or the author: the same words,
    or the site's name and a section ("CNN Politics")."""
    key = _key(part)
    return bool(key) and any(key == label or (key.startswith(label) and len(part.split()) <= 3
                                              and len(label) >= 3) for label in labels)


def _strip_labels(title: str, labels: set[str]) -> str:
    """Drop the parts that name the site or the author from both ends of a title, and
    the section parts between such a part and the end ("| Environment | The Guardian")."""
    parts = _parts(title)
    while len(parts) >= 3 and _is_label(parts[-1], labels):
        parts = parts[:-2]
        while len(parts) >= 3 and "|" in parts[-2] and len(parts[-1].split()) <= 2:
            parts = parts[:-2]  # a short section before the site: "| Environment |"
    while len(parts) >= 3 and _is_label(parts[0], labels):
        parts = parts[2:]
    return "".join(parts).strip()


def _is_headline(part: str, headings: Iterable[str]) -> bool:
    """Whether a heading of the page (of two words or more) is this part of the title."""
    key = _key(part)
    return bool(key) and any(_key(h) == key for h in headings if len(clean_line(h).split()) >= 2)


def _heading_prefix(title: str, headings: Iterable[str]) -> str | None:
    """The leading parts of a title that a heading of the page repeats, if they are not
    the whole title: "Paris-8, beaucoup d'actions - Bondy Blog" with that ``<h1>``."""
    parts = _parts(title)
    wanted = {_key(h): clean_line(h) for h in headings if len(clean_line(h).split()) >= 2}
    for end in range(len(parts) - 2, 0, -2):
        prefix = "".join(parts[:end]).strip()
        if _key(prefix) in wanted and 2 * len(prefix) >= len(title):  # not a logo before it
            return prefix
    return None
