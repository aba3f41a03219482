"""What the reader writes on articles: highlights and notes.

Highlights copy page text and notes are typed by the reader; both pass the sanitiser before
they are stored. A highlight is a whole block (the reader's ``h``) or a passage anchored by
its exact text, a prefix and a suffix (`lecteur.core.text.anchors`). A note may hang on the
whole article, on one of its blocks, or on one highlight. Those made on an earlier text of
the article (``text_version`` set, `lecteur.core.library.versions`) are not shown on the
current one (their block index points into the text they were made on), but lists of what
the reader wrote (``earlier=True``, the Highlights view, exports) keep them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lecteur.core.clock import stamp
from lecteur.core.library.database import Database, require_article
from lecteur.core.text.sanitize import clean_text

if TYPE_CHECKING:  # imported when used: the reader's first frame needs neither
    from lecteur.core.library.records import AnnotationEntry, Highlight, Note
    from lecteur.core.text.anchors import Anchor


_TAGS_OF = ("(SELECT group_concat(name, ' ') FROM article_tags JOIN tags ON tags.id = tag_id "
            "WHERE article_tags.article_id = a.id)")
_SPEAKER_AT = ("(SELECT speaker FROM quotes WHERE quotes.article_id = a.id "
               "AND quotes.block_index = {block} AND quotes.text_version IS {made_on} LIMIT 1)")
_EVERYWHERE = (
    "SELECT 'highlight', h.id, h.article_id, a.title, a.author_name, h.block_index, h.text, "
    "(SELECT text FROM notes WHERE highlight_id = h.id ORDER BY id DESC LIMIT 1), "
    f"{_SPEAKER_AT.format(block='h.block_index', made_on='h.text_version')}, {_TAGS_OF}, "
    "h.created_at, h.lost, h.text_version IS NOT NULL "
    "FROM highlights AS h JOIN articles AS a ON a.id = h.article_id "
    "WHERE a.trashed_at IS NULL "
    "UNION ALL "
    "SELECT 'note', n.id, n.article_id, a.title, a.author_name, n.block_index, n.text, NULL, "
    f"{_SPEAKER_AT.format(block='n.block_index', made_on='n.text_version')}, {_TAGS_OF}, "
    "n.updated_at, 0, n.text_version IS NOT NULL "
    "FROM notes AS n JOIN articles AS a ON a.id = n.article_id WHERE n.highlight_id IS NULL "
    "AND a.trashed_at IS NULL "
    "ORDER BY 11 DESC, 2 DESC LIMIT ?"
)


# The Highlights view's pages: each branch walks its own index newest first (or, going
# back, oldest first) from the keyset, and only a page of each is merged.
_HIGHLIGHTS_PAGE = (
    "SELECT 'highlight', h.id, h.article_id, a.title, a.author_name, h.block_index, h.text, "
    "(SELECT text FROM notes WHERE highlight_id = h.id ORDER BY id DESC LIMIT 1), "
    f"{_SPEAKER_AT.format(block='h.block_index', made_on='h.text_version')}, {_TAGS_OF}, "
    "h.created_at, h.lost, h.text_version IS NOT NULL "
    "FROM highlights AS h INDEXED BY highlights_by_created JOIN articles AS a "
    "ON a.id = h.article_id WHERE a.trashed_at IS NULL {seek} "
    "ORDER BY h.created_at {order}, h.id {order} LIMIT ?"
)
_NOTES_PAGE = (
    "SELECT 'note', n.id, n.article_id, a.title, a.author_name, n.block_index, n.text, NULL, "
    f"{_SPEAKER_AT.format(block='n.block_index', made_on='n.text_version')}, {_TAGS_OF}, "
    "n.updated_at, 0, n.text_version IS NOT NULL "
    "FROM notes AS n INDEXED BY notes_by_updated JOIN articles AS a ON a.id = n.article_id "
    "WHERE n.highlight_id IS NULL AND a.trashed_at IS NULL {seek} "
    "ORDER BY n.updated_at {order}, n.id {order} LIMIT ?"
)
AnnotationKey = tuple[str, str, int]  # (changed, kind, id): the Highlights view's order


def _current(earlier: bool) -> str:
    """The filter for the annotations made on an article's current text (or every one)."""
    return "" if earlier else "AND text_version IS NULL "


def _annotation_entry(row: tuple[Any, ...]) -> AnnotationEntry:
    """An `AnnotationEntry` from a row of the Highlights view's queries."""
    from lecteur.core.library.records import AnnotationEntry

    kind, i, a, title, author, block, text, note, speaker, tags, changed, lost, earlier = row
    return AnnotationEntry(str(kind), int(i), int(a), str(title), _opt(author),
                           None if block is None else int(block), str(text), _opt(note),
                           _opt(speaker), str(tags or ""), str(changed), bool(lost),
                           bool(earlier))


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


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

    def add_passage(self, article_id: int, anchor: Anchor, text_digest: str) -> int:
        """Highlight a passage anchored in an article's text; return the highlight's id."""
        with self._db.write() as conn:
            require_article(conn, article_id)
            cursor = conn.execute(
                "INSERT INTO highlights (article_id, block_index, text, prefix, suffix, "
                "text_digest, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (article_id, anchor.block_index, clean_text(anchor.exact),
                 clean_text(anchor.prefix), clean_text(anchor.suffix), text_digest, stamp()))
        return int(cursor.lastrowid or 0)

    def remove(self, highlight_id: int) -> bool:
        """Remove one highlight; False if there was none."""
        with self._db.write() as conn:
            gone = conn.execute("DELETE FROM highlights WHERE id = ?", (highlight_id,)).rowcount
        return gone > 0

    def toggle(self, article_id: int, block_index: int, text: str) -> bool:
        """Highlight a block, or un-highlight it if it was; return whether it is now.

        Only the whole-block highlight (no prefix, no suffix) is toggled: the finer ones
        that start in the block (a sentence, a passage) stay. Raises `ArticleGone` if the
        article left the library.
        """
        with self._db.write() as conn:
            require_article(conn, article_id)
            gone = conn.execute("DELETE FROM highlights WHERE article_id = ? AND block_index = ? "
                                "AND text_version IS NULL AND prefix = '' AND suffix = ''",
                                (article_id, block_index)).rowcount
            if not gone:
                conn.execute(
                    "INSERT INTO highlights (article_id, block_index, text, created_at) "
                    "VALUES (?, ?, ?, ?)", (article_id, block_index, clean_text(text), stamp()))
        return gone == 0

    def article_of(self, highlight_id: int) -> int | None:
        """The id of the article a highlight is on, or None if there is no such highlight."""
        row = self._db.conn.execute("SELECT article_id FROM highlights WHERE id = ?",
                                    (highlight_id,)).fetchone()
        return None if row is None else int(row[0])

    def of(self, article_id: int, *, earlier: bool = False) -> list[Highlight]:
        """An article's highlights on its current text, in reading order; `earlier`: then
        those made on an earlier text of it (a passage a save no longer had)."""
        rows = self._db.conn.execute(
            "SELECT id, article_id, block_index, text, created_at, prefix, suffix, text_digest, "
            f"lost, text_version FROM highlights WHERE article_id = ? {_current(earlier)}"
            "ORDER BY text_version IS NOT NULL, block_index, id", (article_id,))
        from lecteur.core.library.records import Highlight

        return [Highlight(int(i), int(a), int(b), str(t), str(c), str(p), str(s), str(v),
                          bool(lost), None if made_on is None else int(made_on))
                for i, a, b, t, c, p, s, v, lost, made_on in rows]


class Notes:
    """The notes table: notes on articles, or on one block of an article."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, article_id: int, text: str, block_index: int | None = None,
            highlight_id: int | None = None) -> int:
        """Write a note on an article (or one of its blocks, or a highlight); return its id."""
        now = stamp()
        with self._db.write() as conn:
            require_article(conn, article_id)
            cursor = conn.execute(
                "INSERT INTO notes (article_id, block_index, text, created_at, updated_at, "
                "highlight_id) VALUES (?, ?, ?, ?, ?, ?)",
                (article_id, block_index, clean_text(text), now, now, highlight_id))
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

    def of(self, article_id: int, *, earlier: bool = False) -> list[Note]:
        """An article's notes: on the whole article first, then by block, oldest first;
        `earlier`: with those made on an earlier text of it."""
        rows = self._db.conn.execute(
            "SELECT id, article_id, block_index, text, created_at, updated_at, highlight_id, "
            f"text_version FROM notes WHERE article_id = ? {_current(earlier)}"
            "ORDER BY block_index IS NOT NULL, block_index, id", (article_id,))
        from lecteur.core.library.records import Note

        return [Note(int(i), int(a), None if b is None else int(b), str(t), str(c), str(u),
                     None if h is None else int(h), None if v is None else int(v))
                for i, a, b, t, c, u, h, v in rows]

    def everywhere(self, limit: int) -> list[AnnotationEntry]:
        """The library's highlights (each with its note) and other notes, newest first."""
        rows = self._db.conn.execute(_EVERYWHERE, (limit,))
        return [_annotation_entry(row) for row in rows]

    def page(self, after: AnnotationKey | None = None, *, limit: int = 50,
             backward: bool = False) -> list[tuple[AnnotationKey, AnnotationEntry]]:
        """One page of the Highlights view (newest first), each entry with its key.

        The page starts after `after` (older entries; None: the newest), or, `backward`,
        ends just before it (newer ones; None: the oldest page). Each of highlights and
        notes is read along its date index, `limit` rows at most: a page costs the same
        wherever it is.
        """
        branches = []
        params: list[object] = []
        order = "ASC" if backward else "DESC"
        for query, kind, changed, ident in ((_HIGHLIGHTS_PAGE, "highlight", "h.created_at",
                                             "h.id"),
                                            (_NOTES_PAGE, "note", "n.updated_at", "n.id")):
            seek = ""
            if after is not None:
                side = ">" if backward else "<"
                seek = (f"AND ({changed}, '{kind}', {ident}) {side} (?, ?, ?) "
                        f"AND {changed} {side}= ?")
                params.extend((*after, after[0]))
            branches.append(query.format(seek=seek, order=order))
            params.append(limit)
        rows = self._db.conn.execute(
            f"SELECT * FROM ({branches[0]}) UNION ALL SELECT * FROM ({branches[1]}) "
            f"ORDER BY 11 {order}, 1 {order}, 2 {order} LIMIT ?", (*params, limit)).fetchall()
        found = [((str(r[10]), str(r[0]), int(r[1])), _annotation_entry(r)) for r in rows]
        return found[::-1] if backward else found

    def count(self) -> int:
        """How many entries the Highlights view holds (its highlights and the notes not on
        a highlight, of articles out of the trash): each counted alone, and those of
        trashed articles taken off, as `Quotations.count` (about 10 ms at a million
        articles; reading every entry through `page` took 2.6 s, half of it Python)."""
        trash = "article_id IN (SELECT id FROM articles WHERE trashed_at IS NOT NULL)"
        total = 0
        for table, where in (("highlights", "1"), ("notes", "highlight_id IS NULL")):
            every, trashed = self._db.conn.execute(
                f"SELECT (SELECT count(*) FROM {table} WHERE {where}), "
                f"(SELECT count(*) FROM {table} WHERE {where} AND {trash})").fetchone()
            total += int(every) - int(trashed)
        return total

    def annotated(self) -> list[int]:
        """The ids of the articles that carry a note or a highlight, newest saved first."""
        rows = self._db.conn.execute(
            "SELECT id FROM articles WHERE trashed_at IS NULL AND id IN "
            "(SELECT article_id FROM notes UNION SELECT article_id FROM highlights) "
            "ORDER BY added_at DESC, id DESC")
        return [int(r[0]) for r in rows]

