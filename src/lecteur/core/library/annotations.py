"""What the reader adds to articles: tags, highlights, notes, and drafts of notes.

A mixin of `lecteur.core.library.store.Library`. Notes are the one thing in the library that
only the reader can write again, so the note being edited is autosaved as a *draft* (a
key and its text) every few seconds; the draft is cleared only once the note itself has
been committed, and a failed save keeps it.

Every string passes the sanitiser before it is stored: tags and notes are typed by the
reader, but highlights copy page text and tag names may be pasted from anywhere.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lecteur.core.library.views import now
from lecteur.core.text.sanitize import clean_line, clean_text

if TYPE_CHECKING:  # imported when used: the reader's first frame needs neither
    from lecteur.core.library.records import Highlight, Note

MAX_TAG_LENGTH = 64


@dataclass(frozen=True)
class Tag:
    """A tag and how many articles carry it."""

    id: int
    name: str
    count: int


def tag_name(raw: str) -> str:
    """A tag as stored: one clean line, at most 64 characters; raise ValueError if empty."""
    name = clean_line(raw)[:MAX_TAG_LENGTH].strip()
    if not name:
        raise ValueError("A tag needs at least one visible character.")
    return name


class Annotations:
    """Tags, highlights, notes and drafts (mixed into `Library`)."""

    _conn: sqlite3.Connection

    def write(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        """A write transaction (provided by `Library`)."""
        raise NotImplementedError

    # --- tags --------------------------------------------------------------------------

    def add_tag(self, article_id: int, raw_name: str) -> str:
        """Tag an article (creating the tag if needed); return the tag's stored name."""
        name = tag_name(raw_name)
        with self.write() as conn:
            conn.execute("INSERT INTO tags (name) VALUES (?) ON CONFLICT (name) DO NOTHING",
                         (name,))
            tag_id, stored = conn.execute("SELECT id, name FROM tags WHERE name = ?",
                                          (name,)).fetchone()
            conn.execute("INSERT OR IGNORE INTO article_tags (article_id, tag_id) VALUES (?, ?)",
                         (article_id, tag_id))
        return str(stored)

    def remove_tag(self, article_id: int, raw_name: str) -> bool:
        """Untag an article; a tag no article carries any more is forgotten. False if absent."""
        name = clean_line(raw_name)
        with self.write() as conn:
            found = conn.execute("SELECT id FROM tags WHERE name = ?", (name,)).fetchone()
            if not found:
                return False
            gone = conn.execute("DELETE FROM article_tags WHERE article_id = ? AND tag_id = ?",
                                (article_id, found[0])).rowcount
            conn.execute("DELETE FROM tags WHERE id = ? AND NOT EXISTS "
                         "(SELECT 1 FROM article_tags WHERE tag_id = ?)", (found[0], found[0]))
        return gone > 0

    def tags_of(self, article_id: int) -> list[str]:
        """An article's tags, alphabetically."""
        rows = self._conn.execute(
            "SELECT name FROM tags JOIN article_tags ON tags.id = article_tags.tag_id "
            "WHERE article_id = ? ORDER BY name COLLATE NOCASE", (article_id,))
        return [str(r[0]) for r in rows]

    def tags(self) -> list[Tag]:
        """Every tag with its article count, alphabetically (the sidebar and completion)."""
        rows = self._conn.execute(
            "SELECT id, name, (SELECT count(*) FROM article_tags WHERE tag_id = tags.id) "
            "FROM tags ORDER BY name COLLATE NOCASE")
        return [Tag(int(i), str(n), int(c)) for i, n, c in rows]

    def tag_names(self) -> list[str]:
        """Every tag's name, alphabetically (for completion)."""
        return [tag.name for tag in self.tags()]

    # --- highlights --------------------------------------------------------------------

    def add_highlight(self, article_id: int, block_index: int, text: str) -> int:
        """Highlight one block of an article; return the highlight's id."""
        with self.write() as conn:
            cursor = conn.execute(
                "INSERT INTO highlights (article_id, block_index, text, created_at) "
                "VALUES (?, ?, ?, ?)", (article_id, block_index, clean_text(text), now()))
        return int(cursor.lastrowid or 0)

    def remove_highlight(self, highlight_id: int) -> bool:
        """Remove one highlight; False if there was none."""
        with self.write() as conn:
            gone = conn.execute("DELETE FROM highlights WHERE id = ?", (highlight_id,)).rowcount
        return gone > 0

    def toggle_highlight(self, article_id: int, block_index: int, text: str) -> bool:
        """Highlight a block, or un-highlight it if it was; return whether it is now."""
        with self.write() as conn:
            gone = conn.execute("DELETE FROM highlights WHERE article_id = ? AND block_index = ?",
                                (article_id, block_index)).rowcount
            if not gone:
                conn.execute(
                    "INSERT INTO highlights (article_id, block_index, text, created_at) "
                    "VALUES (?, ?, ?, ?)", (article_id, block_index, clean_text(text), now()))
        return gone == 0

    def highlights(self, article_id: int) -> list[Highlight]:
        """An article's highlights, in reading order."""
        rows = self._conn.execute(
            "SELECT id, article_id, block_index, text, created_at FROM highlights "
            "WHERE article_id = ? ORDER BY block_index, id", (article_id,))
        from lecteur.core.library.records import Highlight

        return [Highlight(int(i), int(a), int(b), str(t), str(c)) for i, a, b, t, c in rows]

    # --- notes -------------------------------------------------------------------------

    def add_note(self, article_id: int, text: str, block_index: int | None = None) -> int:
        """Write a note on an article (or one of its blocks); return its id."""
        stamp = now()
        with self.write() as conn:
            cursor = conn.execute(
                "INSERT INTO notes (article_id, block_index, text, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?)", (article_id, block_index, clean_text(text), stamp, stamp))
        return int(cursor.lastrowid or 0)

    def update_note(self, note_id: int, text: str) -> bool:
        """Replace a note's text; False if there is no such note."""
        with self.write() as conn:
            changed = conn.execute("UPDATE notes SET text = ?, updated_at = ? WHERE id = ?",
                                   (clean_text(text), now(), note_id)).rowcount
        return changed > 0

    def delete_note(self, note_id: int) -> bool:
        """Delete a note; False if there was none."""
        with self.write() as conn:
            gone = conn.execute("DELETE FROM notes WHERE id = ?", (note_id,)).rowcount
        return gone > 0

    def notes(self, article_id: int) -> list[Note]:
        """An article's notes: on the whole article first, then by block, oldest first."""
        rows = self._conn.execute(
            "SELECT id, article_id, block_index, text, created_at, updated_at FROM notes "
            "WHERE article_id = ? ORDER BY block_index IS NOT NULL, block_index, id",
            (article_id,))
        from lecteur.core.library.records import Note

        return [Note(int(i), int(a), None if b is None else int(b), str(t), str(c), str(u))
                for i, a, b, t, c, u in rows]

    # --- drafts ------------------------------------------------------------------------

    def put_draft(self, key: str, text: str) -> None:
        """Autosave the text being edited under `key` (e.g. ``note:12:3``)."""
        with self.write() as conn:
            conn.execute(
                "INSERT INTO drafts (key, text, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) "
                "DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
                (key, clean_text(text), now()))

    def get_draft(self, key: str) -> str | None:
        """The autosaved text under `key`, or None."""
        found = self._conn.execute("SELECT text FROM drafts WHERE key = ?", (key,)).fetchone()
        return None if found is None else str(found[0])

    def clear_draft(self, key: str) -> None:
        """Forget a draft (once what it held has been saved for good)."""
        with self.write() as conn:
            conn.execute("DELETE FROM drafts WHERE key = ?", (key,))
