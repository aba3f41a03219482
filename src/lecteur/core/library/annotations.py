"""What the reader writes on articles: highlights and notes.

Highlights copy page text and notes are typed by the reader; both pass the sanitiser before
they are stored. A highlight is a whole block (the reader's ``h``) or a passage anchored by
its exact text, a prefix and a suffix (`lecteur.core.text.anchors`). A note may hang on the
whole article, on one of its blocks, or on one highlight.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lecteur.core.clock import stamp
from lecteur.core.library.database import Database
from lecteur.core.text.sanitize import clean_text

if TYPE_CHECKING:  # imported when used: the reader's first frame needs neither
    from lecteur.core.library.records import Highlight, Note
    from lecteur.core.text.anchors import Anchor


class Highlights:
    """The highlights table: one row per highlighted block of an article."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, article_id: int, block_index: int, text: str) -> int:
        """Highlight one block of an article; return the highlight's id."""
        with self._db.write() as conn:
            cursor = conn.execute(
                "INSERT INTO highlights (article_id, block_index, text, created_at) "
                "VALUES (?, ?, ?, ?)", (article_id, block_index, clean_text(text), stamp()))
        return int(cursor.lastrowid or 0)

    def add_passage(self, article_id: int, anchor: Anchor, text_version: str) -> int:
        """Highlight a passage anchored in an article's text; return the highlight's id."""
        with self._db.write() as conn:
            cursor = conn.execute(
                "INSERT INTO highlights (article_id, block_index, text, prefix, suffix, "
                "text_version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (article_id, anchor.block_index, clean_text(anchor.exact),
                 clean_text(anchor.prefix), clean_text(anchor.suffix), text_version, stamp()))
        return int(cursor.lastrowid or 0)

    def remove(self, highlight_id: int) -> bool:
        """Remove one highlight; False if there was none."""
        with self._db.write() as conn:
            gone = conn.execute("DELETE FROM highlights WHERE id = ?", (highlight_id,)).rowcount
        return gone > 0

    def toggle(self, article_id: int, block_index: int, text: str) -> bool:
        """Highlight a block, or un-highlight it if it was; return whether it is now."""
        with self._db.write() as conn:
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
            "SELECT id, article_id, block_index, text, created_at, prefix, suffix, text_version "
            "FROM highlights WHERE article_id = ? ORDER BY block_index, id", (article_id,))
        from lecteur.core.library.records import Highlight

        return [Highlight(int(i), int(a), int(b), str(t), str(c), str(p), str(s), str(v))
                for i, a, b, t, c, p, s, v in rows]


class Notes:
    """The notes table: notes on articles, or on one block of an article."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, article_id: int, text: str, block_index: int | None = None,
            highlight_id: int | None = None) -> int:
        """Write a note on an article (or one of its blocks, or a highlight); return its id."""
        now = stamp()
        with self._db.write() as conn:
            cursor = conn.execute(
                "INSERT INTO notes (article_id, block_index, text, created_at, updated_at, "
                "highlight_id) VALUES (?, ?, ?, ?, ?, ?)",
                (article_id, block_index, clean_text(text), now, now, highlight_id))
        return int(cursor.lastrowid or 0)

    def update(self, note_id: int, text: str) -> bool:
        """Replace a note's text; False if there is no such note."""
        with self._db.write() as conn:
            changed = conn.execute("UPDATE notes SET text = ?, updated_at = ? WHERE id = ?",
                                   (clean_text(text), stamp(), note_id)).rowcount
        return changed > 0

    def delete(self, note_id: int) -> bool:
        """Delete a note; False if there was none."""
        with self._db.write() as conn:
            gone = conn.execute("DELETE FROM notes WHERE id = ?", (note_id,)).rowcount
        return gone > 0

    def of(self, article_id: int) -> list[Note]:
        """An article's notes: on the whole article first, then by block, oldest first."""
        rows = self._db.conn.execute(
            "SELECT id, article_id, block_index, text, created_at, updated_at, highlight_id "
            "FROM notes WHERE article_id = ? ORDER BY block_index IS NOT NULL, block_index, id",
            (article_id,))
        from lecteur.core.library.records import Note

        return [Note(int(i), int(a), None if b is None else int(b), str(t), str(c), str(u),
                     None if h is None else int(h)) for i, a, b, t, c, u, h in rows]

    def annotated(self) -> list[int]:
        """The ids of the articles that carry a note or a highlight, newest saved first."""
        rows = self._db.conn.execute(
            "SELECT id FROM articles WHERE id IN (SELECT article_id FROM notes UNION "
            "SELECT article_id FROM highlights) ORDER BY added_at DESC, id DESC")
        return [int(r[0]) for r in rows]
