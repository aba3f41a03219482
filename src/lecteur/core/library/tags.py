"""Tags: names the reader gives articles, and which articles carry them.

Tag names pass the sanitiser before they are stored (they may be pasted from anywhere),
lose any leading ``#`` (the reader shows one), and are one tag whatever their case, accents
or ligatures: each tag has a folded `tag_key`, unique, and keeps the name it was first
typed with ("Réseau" then "reseau" is one tag, shown "Réseau"). A tag no article carries
any more is forgotten.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from lecteur.core.errors import InvalidInputError
from lecteur.core.library.database import Database, require_article
from lecteur.core.text.sanitize import clean_line, fold

MAX_TAG_LENGTH = 64


@dataclass(frozen=True)
class Tag:
    """A tag and how many articles carry it."""

    id: int
    name: str
    count: int


def tag_name(raw: str) -> str:
    """A tag as stored: one clean line without a leading ``#``, at most 64 characters.

    Raises `InvalidInputError` when nothing visible is left.
    """
    name = clean_line(raw).lstrip("#").strip()[:MAX_TAG_LENGTH].strip()
    if not name:
        raise InvalidInputError("tags.empty")
    return name


def tag_key(name: str) -> str:
    """What makes two tags the same: the name folded for case, accents and ligatures."""
    return fold(clean_line(name).lstrip("#").strip()[:MAX_TAG_LENGTH].strip())


def split_tags(raw: str) -> list[str]:
    """The tags typed in one field: comma separated, trimmed, without empty ones or repeats.

    ``"salary, pay"`` is two tags, ``"#salary"`` is ``salary``, and ``"Pay, pay"`` is one.
    """
    names: dict[str, str] = {}
    for piece in raw.split(","):
        name = clean_line(piece).lstrip("#").strip()
        if name:
            names.setdefault(tag_key(name), name)
    return list(names.values())


class Tags:
    """The tags table and the article-tag links."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, article_id: int, raw_name: str) -> str:
        """Tag an article (creating the tag if needed); return the tag's stored name."""
        name = tag_name(raw_name)
        with self._db.write() as conn:
            require_article(conn, article_id)
            conn.execute("INSERT INTO tags (name, key) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
                         (name, tag_key(name)))
            tag_id, stored = conn.execute("SELECT id, name FROM tags WHERE key = ?",
                                          (tag_key(name),)).fetchone()
            conn.execute("INSERT OR IGNORE INTO article_tags (article_id, tag_id) VALUES (?, ?)",
                         (article_id, tag_id))
        return str(stored)

    def remove(self, article_id: int, raw_name: str) -> bool:
        """Untag an article; a tag no article carries any more is forgotten. False if absent."""
        with self._db.write() as conn:
            require_article(conn, article_id)
            found = _find(conn, raw_name)
            if not found:
                return False
            gone = conn.execute("DELETE FROM article_tags WHERE article_id = ? AND tag_id = ?",
                                (article_id, found[0])).rowcount
            _forget_if_unused(conn, found[0])
        return gone > 0

    def rename(self, old: str, new: str) -> tuple[str, int]:
        """Rename a tag across the library; return its name now and the articles touched.

        Renaming onto another existing tag merges the two (the articles carry the existing
        tag, under its name). Raises `InvalidInputError` if there is no tag `old`.
        """
        name = tag_name(new)
        with self._db.write() as conn:
            found = _find(conn, old)
            if not found:
                raise InvalidInputError("tags.unknown", name=clean_line(old).lstrip("#"))
            tag_id = found[0]
            touched = _carrying(conn, tag_id)
            target = conn.execute("SELECT id, name FROM tags WHERE key = ?",
                                  (tag_key(name),)).fetchone()
            if target is None or target[0] == tag_id:
                conn.execute("UPDATE tags SET name = ?, key = ? WHERE id = ?",
                             (name, tag_key(name), tag_id))
                return name, touched
            conn.execute("INSERT OR IGNORE INTO article_tags (article_id, tag_id) "
                         "SELECT article_id, ? FROM article_tags WHERE tag_id = ?",
                         (target[0], tag_id))
            conn.execute("DELETE FROM article_tags WHERE tag_id = ?", (tag_id,))
            conn.execute("DELETE FROM tags WHERE id = ?", (tag_id,))
        return str(target[1]), touched

    def delete(self, raw_name: str) -> int:
        """Take a tag off every article and forget it; return how many articles carried it.

        Raises `InvalidInputError` if there is no such tag.
        """
        with self._db.write() as conn:
            found = _find(conn, raw_name)
            if not found:
                raise InvalidInputError("tags.unknown", name=clean_line(raw_name).lstrip("#"))
            touched = _carrying(conn, found[0])
            conn.execute("DELETE FROM article_tags WHERE tag_id = ?", (found[0],))
            conn.execute("DELETE FROM tags WHERE id = ?", (found[0],))
        return touched

    def find(self, raw_name: str) -> Tag | None:
        """The tag `raw_name` names (whatever its case and accents), or None."""
        found = _find(self._db.conn, raw_name)
        if not found:
            return None
        return Tag(int(found[0]), str(found[1]), _carrying(self._db.conn, found[0]))

    def of(self, article_id: int) -> list[str]:
        """An article's tags, alphabetically (accents and case aside)."""
        rows = self._db.conn.execute(
            "SELECT name FROM tags JOIN article_tags ON tags.id = article_tags.tag_id "
            "WHERE article_id = ? ORDER BY key, name", (article_id,))
        return [str(r[0]) for r in rows]

    def all(self) -> list[Tag]:
        """Every tag some article carries, with its article count, alphabetically (the
        sidebar and completion).

        The count leaves out the articles in the trash, as the tag's view does, and is the
        tag's counter (kept by triggers: no count); a tag only feeds carry (an OPML folder)
        is not listed.
        """
        rows = self._db.conn.execute(
            "SELECT id, name, coalesce((SELECT value FROM counters "
            "WHERE counters.name = 'tag:' || tags.id), 0) FROM tags "
            "WHERE EXISTS (SELECT 1 FROM article_tags WHERE tag_id = tags.id) "
            "ORDER BY key, name")
        return [Tag(int(i), str(n), int(c)) for i, n, c in rows]

    def names(self) -> list[str]:
        """Every tag's name, alphabetically (for completion)."""
        return [tag.name for tag in self.all()]


def _find(conn: sqlite3.Connection, raw_name: str) -> tuple[int, str] | None:
    """The (id, name) of the tag `raw_name` names, or None."""
    key = tag_key(raw_name)
    if not key:
        return None
    found = conn.execute("SELECT id, name FROM tags WHERE key = ?", (key,)).fetchone()
    return (int(found[0]), str(found[1])) if found else None


def _carrying(conn: sqlite3.Connection, tag_id: int) -> int:
    """How many articles carry a tag."""
    row = conn.execute("SELECT count(*) FROM article_tags WHERE tag_id = ?", (tag_id,))
    return int(row.fetchone()[0])


def _forget_if_unused(conn: sqlite3.Connection, tag_id: int) -> None:
    conn.execute("DELETE FROM tags WHERE id = ? AND NOT EXISTS "
                 "(SELECT 1 FROM article_tags WHERE tag_id = ?) AND NOT EXISTS "
                 "(SELECT 1 FROM feed_tags WHERE tag_id = ?)",  # a feed's folder stays
                 (tag_id, tag_id, tag_id))
