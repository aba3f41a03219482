"""Tags: names the reader gives articles, and which articles carry them.

Tag names pass the sanitiser before they are stored (they may be pasted from anywhere) and
are unique without regard to case; a tag no article carries any more is forgotten.
"""

from __future__ import annotations

from dataclasses import dataclass

from lecteur.core.errors import InvalidInputError
from lecteur.core.library.database import Database, require_article
from lecteur.core.text.sanitize import clean_line

MAX_TAG_LENGTH = 64


@dataclass(frozen=True)
class Tag:
    """A tag and how many articles carry it."""

    id: int
    name: str
    count: int


def tag_name(raw: str) -> str:
    """A tag as stored: one clean line, at most 64 characters.

    Raises `InvalidInputError` when nothing visible is left.
    """
    name = clean_line(raw)[:MAX_TAG_LENGTH].strip()
    if not name:
        raise InvalidInputError("tags.empty")
    return name


class Tags:
    """The tags table and the article-tag links."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, article_id: int, raw_name: str) -> str:
        """Tag an article (creating the tag if needed); return the tag's stored name."""
        name = tag_name(raw_name)
        with self._db.write() as conn:
            require_article(conn, article_id)
            conn.execute("INSERT INTO tags (name) VALUES (?) ON CONFLICT (name) DO NOTHING",
                         (name,))
            tag_id, stored = conn.execute("SELECT id, name FROM tags WHERE name = ?",
                                          (name,)).fetchone()
            conn.execute("INSERT OR IGNORE INTO article_tags (article_id, tag_id) VALUES (?, ?)",
                         (article_id, tag_id))
        return str(stored)

    def remove(self, article_id: int, raw_name: str) -> bool:
        """Untag an article; a tag no article carries any more is forgotten. False if absent."""
        name = clean_line(raw_name)
        with self._db.write() as conn:
            require_article(conn, article_id)
            found = conn.execute("SELECT id FROM tags WHERE name = ?", (name,)).fetchone()
            if not found:
                return False
            gone = conn.execute("DELETE FROM article_tags WHERE article_id = ? AND tag_id = ?",
                                (article_id, found[0])).rowcount
            conn.execute("DELETE FROM tags WHERE id = ? AND NOT EXISTS "
                         "(SELECT 1 FROM article_tags WHERE tag_id = ?) AND NOT EXISTS "
                         "(SELECT 1 FROM feed_tags WHERE tag_id = ?)",  # a feed's folder
                         (found[0], found[0], found[0]))
        return gone > 0

    def of(self, article_id: int) -> list[str]:
        """An article's tags, alphabetically."""
        rows = self._db.conn.execute(
            "SELECT name FROM tags JOIN article_tags ON tags.id = article_tags.tag_id "
            "WHERE article_id = ? ORDER BY name COLLATE NOCASE", (article_id,))
        return [str(r[0]) for r in rows]

    def all(self) -> list[Tag]:
        """Every tag some article carries, with its article count, alphabetically (the
        sidebar and completion).

        The count leaves out the articles in the trash, as the tag's view does; a tag only
        feeds carry (an OPML folder) is not listed.
        """
        rows = self._db.conn.execute(
            "SELECT id, name, (SELECT count(*) FROM article_tags JOIN articles "
            "ON articles.id = article_id WHERE tag_id = tags.id AND trashed_at IS NULL) "
            "FROM tags WHERE EXISTS (SELECT 1 FROM article_tags WHERE tag_id = tags.id) "
            "ORDER BY name COLLATE NOCASE")
        return [Tag(int(i), str(n), int(c)) for i, n, c in rows]

    def names(self) -> list[str]:
        """Every tag's name, alphabetically (for completion)."""
        return [tag.name for tag in self.all()]
