"""What the reader writes on articles: highlighted blocks and notes.

Highlights copy page text and notes are typed by the reader; both pass the sanitiser before
they are stored. A note may hang on the whole article or on one of its blocks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lecteur.core.clock import stamp
from lecteur.core.library.database import Database, require_article
from lecteur.core.text.sanitize import clean_text

if TYPE_CHECKING:  # imported when used: the reader's first frame needs neither
    from lecteur.core.library.records import Highlight, Note


class Highlights:
    """The highlights table: one row per highlighted block of an article."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, article_id: int, block_index: int, text: str) -> int:
        """Highlight one block of an article; return the highlight's id."""
        with self._db.write() as conn:
            require_article(conn, article_id)
            cursor = conn.execute(
                "INSERT INTO highlights (article_id, block_index, text, created_at) "
                "VALUES (?, ?, ?, ?)", (article_id, block_index, clean_text(text), stamp()))
        return int(cursor.lastrowid or 0)

    def remove(self, highlight_id: int) -> bool:
        """Remove one highlight; False if there was none."""
        with self._db.write() as conn:
            gone = conn.execute("DELETE FROM highlights WHERE id = ?", (highlight_id,)).rowcount
        return gone > 0

    def toggle(self, article_id: int, block_index: int, text: str) -> bool:
        """Highlight a block, or un-highlight it if it was; return whether it is now.

        Raises `ArticleGone` if the article left the library.
        """
        with self._db.write() as conn:
            require_article(conn, article_id)
            gone = conn.execute("DELETE FROM highlights WHERE article_id = ? AND block_index = ?",
                                (article_id, block_index)).rowcount
            if not gone:
                conn.execute(
                    "INSERT INTO highlights (article_id, block_index, text, created_at) "
                    "VALUES (?, ?, ?, ?)", (article_id, block_index, clean_text(text), stamp()))
        return gone == 0

    def of(self, article_id: int) -> list[Highlight]:
        """An article's highlights, in reading order."""
        rows = self._db.conn.execute(
            "SELECT id, article_id, block_index, text, created_at FROM highlights "
            "WHERE article_id = ? ORDER BY block_index, id", (article_id,))
        from lecteur.core.library.records import Highlight

        return [Highlight(int(i), int(a), int(b), str(t), str(c)) for i, a, b, t, c in rows]


class Notes:
    """The notes table: notes on articles, or on one block of an article."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, article_id: int, text: str, block_index: int | None = None) -> int:
        """Write a note on an article (or one of its blocks); return its id."""
        now = stamp()
        with self._db.write() as conn:
            require_article(conn, article_id)
            cursor = conn.execute(
                "INSERT INTO notes (article_id, block_index, text, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?)", (article_id, block_index, clean_text(text), now, now))
        return int(cursor.lastrowid or 0)

    def update(self, note_id: int, text: str, article_id: int | None = None) -> bool:
        """Replace a note's text; False if there is no such note.

        With `article_id`, raises `ArticleGone` if that article left the library.
        """
        with self._db.write() as conn:
            if article_id is not None:
                require_article(conn, article_id)
            changed = conn.execute("UPDATE notes SET text = ?, updated_at = ? WHERE id = ?",
                                   (clean_text(text), stamp(), note_id)).rowcount
        return changed > 0

    def delete(self, note_id: int, article_id: int | None = None) -> bool:
        """Delete a note; False if there was none (`article_id`: as for `update`)."""
        with self._db.write() as conn:
            if article_id is not None:
                require_article(conn, article_id)
            gone = conn.execute("DELETE FROM notes WHERE id = ?", (note_id,)).rowcount
        return gone > 0

    def of(self, article_id: int) -> list[Note]:
        """An article's notes: on the whole article first, then by block, oldest first."""
        rows = self._db.conn.execute(
            "SELECT id, article_id, block_index, text, created_at, updated_at FROM notes "
            "WHERE article_id = ? ORDER BY block_index IS NOT NULL, block_index, id",
            (article_id,))
        from lecteur.core.library.records import Note

        return [Note(int(i), int(a), None if b is None else int(b), str(t), str(c), str(u))
                for i, a, b, t, c, u in rows]
