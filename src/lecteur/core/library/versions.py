"""Earlier texts of saved articles: a save never silently replaces what was read.

Saving an article again (the same address, a page updated by its site) replaces its text.
Before it does, the stored text goes to ``text_versions``, and what the reader made on it
stays with it: a highlight found again in the new text (by its passage, prefix and
suffix) moves there with its note; one whose passage is gone is marked lost ("changed at
source") and stays anchored to the earlier version (``text_version``), as does a note on
a block whose text is gone and a kept quotation that is no longer in the article. Notes on
the whole article stay with the article. Nothing is deleted: the earlier text, and the
annotations on it, remain readable (`Versions.of`, `Versions.get`).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lecteur.core.clock import stamp
from lecteur.core.library.database import Database

if TYPE_CHECKING:
    from lecteur.core.models import Article

_KEPT = ("url", "source", "title", "sitename", "author", "blocks", "links")
# where each is read: the body lives in article_bodies (an article without one: empty)
_KEPT_FROM = ("url", "source", "title", "sitename", "author", "coalesce(b.blocks, '[]')",
              "coalesce(b.links, '[]')")


@dataclass(frozen=True)
class TextVersion:
    """An earlier text of an article: when it was saved and replaced, what hangs on it."""

    id: int
    article_id: int
    title: str
    saved_at: str
    replaced_at: str
    highlights: int
    notes: int
    quotes: int


def annotated(conn: sqlite3.Connection, article_id: int) -> bool:
    """Whether the reader wrote on an article's current text (a highlight, a note on a
    block, a kept quotation): what a replaced text would take with it."""
    return conn.execute(
        "SELECT 1 FROM highlights WHERE article_id = ? UNION ALL SELECT 1 FROM notes "
        "WHERE article_id = ? AND block_index IS NOT NULL UNION ALL SELECT 1 FROM quotes "
        "WHERE article_id = ? AND kept = 1 LIMIT 1", (article_id,) * 3).fetchone() is not None


def archive(conn: sqlite3.Connection, article_id: int, article: Article) -> int | None:
    """Keep the stored text of `article_id` before `article` replaces it.

    Called inside the saving transaction. Returns the new version's id, or None when the
    title and the blocks are the same (nothing would be lost).
    """
    row = conn.execute(f"SELECT {', '.join(_KEPT_FROM)}, updated_at FROM articles "
                       "LEFT JOIN article_bodies AS b ON b.article_id = articles.id "
                       "WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return None
    old = dict(zip((*_KEPT, "updated_at"), row, strict=True))
    old_blocks = json.loads(str(old["blocks"]))
    if old["title"] == article.title and old_blocks == [b.to_dict() for b in article.blocks]:
        return None
    cursor = conn.execute(
        f"INSERT INTO text_versions (article_id, {', '.join(_KEPT)}, saved_at, replaced_at) "
        f"VALUES (?, {', '.join('?' * len(_KEPT))}, ?, ?)",
        (article_id, *(old[name] for name in _KEPT), old["updated_at"], stamp()))
    version = int(cursor.lastrowid or 0)
    _reanchor(conn, article_id, version, [str(b["text"]) for b in old_blocks], article)
    return version


def _reanchor(conn: sqlite3.Connection, article_id: int, version: int, old_texts: list[str],
              article: Article) -> None:
    """Carry what the reader made on the replaced text over to the new one.

    The one place a save moves annotations (inside its transaction). A highlight is found
    again by its passage, prefix and suffix (`lecteur.core.text.anchors.relocate`) and moved
    there, its note with it; one whose passage is gone is kept, marked lost ("changed at
    source"), and stays on the earlier text it was made on (`text_version`), its note too.
    A highlight already on an earlier text that the new one has again comes back to it.
    Other notes on a block follow the block's text, or stay on the earlier text.
    """
    _relocate_highlights(conn, article_id, version, article)
    new_index: dict[str, int] = {}
    for index, block in enumerate(article.blocks):
        new_index.setdefault(block.text, index)
    rows = conn.execute(
        "SELECT id, block_index FROM notes WHERE article_id = ? AND text_version IS NULL "
        "AND block_index IS NOT NULL AND highlight_id IS NULL", (article_id,)).fetchall()
    for row_id, block_index in rows:
        old = old_texts[block_index] if 0 <= block_index < len(old_texts) else None
        moved = new_index.get(old) if old is not None else None
        if moved is None:
            conn.execute("UPDATE notes SET text_version = ? WHERE id = ?", (version, row_id))
        elif moved != block_index:
            conn.execute("UPDATE notes SET block_index = ? WHERE id = ?", (moved, row_id))


def _relocate_highlights(conn: sqlite3.Connection, article_id: int, version: int,
                         article: Article) -> None:
    """Find each highlight of an article again in `article`, or leave it on its old text."""
    from lecteur.core.text.anchors import relocate, text_digest

    blocks = [block.full_text for block in article.blocks]
    digest = text_digest(article.text)
    rows = conn.execute("SELECT id, text, prefix, suffix, text_version FROM highlights "
                        "WHERE article_id = ?", (article_id,)).fetchall()
    for highlight_id, exact, prefix, suffix, made_on in rows:
        anchor = relocate(blocks, str(exact), str(prefix), str(suffix))
        if anchor is None:
            pinned = version if made_on is None else int(made_on)
            conn.execute("UPDATE highlights SET lost = 1, text_version = ? WHERE id = ?",
                         (pinned, highlight_id))
            conn.execute("UPDATE notes SET text_version = ? WHERE highlight_id = ?",
                         (pinned, highlight_id))
            continue
        whole = not prefix and not suffix and anchor.exact == blocks[anchor.block_index]
        conn.execute(
            "UPDATE highlights SET block_index = ?, prefix = ?, suffix = ?, text_digest = ?, "
            "lost = 0, text_version = NULL WHERE id = ?",
            (anchor.block_index, "" if whole else anchor.prefix, "" if whole else anchor.suffix,
             digest, highlight_id))
        conn.execute("UPDATE notes SET block_index = ?, text_version = NULL "
                     "WHERE highlight_id = ?", (anchor.block_index, highlight_id))


class Versions:
    """The earlier texts of the library's articles."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def of(self, article_id: int) -> list[TextVersion]:
        """An article's earlier texts, oldest first, with what hangs on each."""
        rows = self._db.conn.execute(
            "SELECT v.id, v.article_id, v.title, v.saved_at, v.replaced_at,"
            " (SELECT count(*) FROM highlights WHERE text_version = v.id),"
            " (SELECT count(*) FROM notes WHERE text_version = v.id),"
            " (SELECT count(*) FROM quotes WHERE text_version = v.id)"
            " FROM text_versions AS v WHERE v.article_id = ? ORDER BY v.id", (article_id,))
        return [TextVersion(int(i), int(a), str(t), str(s), str(r), int(h), int(n), int(q))
                for i, a, t, s, r, h, n, q in rows]

    def get(self, version_id: int) -> Article | None:
        """An earlier text as an article (its metadata as it was then), or None."""
        from lecteur.core.models import Article, Author, Block

        row = self._db.conn.execute(f"SELECT {', '.join(_KEPT)} FROM text_versions WHERE id = ?",
                                    (version_id,)).fetchone()
        if row is None:
            return None
        old = dict(zip(_KEPT, row, strict=True))
        author = json.loads(str(old["author"])) if old["author"] else None
        return Article(
            source=str(old["source"]), title=str(old["title"]),
            blocks=tuple(Block.from_dict(b) for b in json.loads(str(old["blocks"]))),
            url=None if old["url"] is None else str(old["url"]),
            sitename=None if old["sitename"] is None else str(old["sitename"]),
            author=Author.from_dict(author) if author else None,
            links=tuple(json.loads(str(old["links"]))),
        )
