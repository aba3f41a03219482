"""The sidebar views' faster walks give the rows the plain walk gives, in the same order.

A tag's pages walk ``article_tags_by_added`` (``article_tags`` carrying each article's
``added_at``), and a saved view of words is looked for among the newest articles first
(`lecteur.core.library.windows`): both are checked here, page by page, against the query
every list ran before (the view's filter over ``articles``, sorted, LIMIT/OFFSET), on a
library whose ids do not follow the order of arrival, with ties, trashed articles and a
tag given before and after an article's ``added_at`` moved.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from lecteur.core.library import windows
from lecteur.core.library.store import Library
from lecteur.core.library.views import ListRow, View, _where, unpinned
from test_library import make_article

WORDS = ("carrière", "réseau", "hiver")


def _old_page(library: Library, view: View, direction: str, seek: tuple[str, ListRow] | None,
              limit: int, offset: int) -> list[int]:
    """The page as `Views._page` read it before (the view's filter over articles)."""
    where, params = _where(view, library.db)
    after, values = "", ()
    if seek is not None:
        after, values = f"AND (added_at, id) {seek[0]} (?, ?)", (seek[1].added_at, seek[1].id)
    found = library.db.conn.execute(
        f"SELECT id FROM articles WHERE {where} {after} ORDER BY added_at {direction}, "
        f"id {direction} LIMIT ? OFFSET ?", (*params, *values, limit, offset))
    ids = [int(row[0]) for row in found]
    return ids if direction == "DESC" else ids[::-1]


def _old_count_upto(library: Library, view: View, cap: int) -> int:
    where, params = _where(view, library.db)
    return int(library.db.conn.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM articles WHERE {unpinned(where)} LIMIT ?)",
        (*params, cap + 1)).fetchone()[0])


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    path = Path(tmp_path_factory.mktemp("pages")) / "library.sqlite3"
    chance = random.Random(13)
    with Library(path) as opened:
        ids = []
        for n in range(160):
            words = " ".join(word for word in WORDS if chance.random() < 0.4)
            article = make_article(n, url=f"https://example.org/{n}",
                                   body=f"Texte {n} {words}.")
            ids.append(opened.articles.add(article)[0])
        conn = opened.db.conn
        for tag in ("emploi", "rare"):
            for article_id in chance.sample(ids, 60 if tag == "emploi" else 7):
                opened.tags.add(article_id, tag)
        # ids no longer in the order of arrival, with ties: every tag link follows
        for article_id in ids:
            day = chance.choice(["2023-05-01", "2024-03-02", f"2025-01-0{chance.randint(1, 9)}"])
            conn.execute("UPDATE articles SET added_at = ?, date = ? WHERE id = ?",
                         (f"{day}T0{chance.randint(0, 2)}:00:00Z",
                          None if chance.random() < 0.3 else day, article_id))
        for article_id in chance.sample(ids, 40):  # tagged after the move
            opened.tags.add(article_id, "emploi")
        for article_id in chance.sample(ids, 15):
            opened.views.set_flag(article_id, "saved", True)
        for article_id in chance.sample(ids, 12):
            opened.articles.trash(article_id)
    with Library(path) as reopened:
        yield reopened


def _views(library: Library) -> list[View]:
    tags = {tag.name: tag.id for tag in library.tags.all()}
    return [View("tag", tag_id=tags["emploi"]), View("tag", tag_id=tags["rare"]),
            View("tag", tag_id=-1),
            View("query", query="carrière"), View("query", query="carrière since:2024-01-01"),
            View("query", query="-réseau hiver"), View("query", query="carrière #emploi"),
            View("query", query="in:trash carrière"), View("query", query="introuvable")]


@pytest.mark.parametrize("sizes", [(4, 16), (8, 1000), windows.WINDOWS])
def test_every_page_is_the_plain_walks_page(library: Library, sizes: tuple[int, int],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(windows, "WINDOWS", sizes)
    views = library.views
    for view in _views(library):
        whole = _old_page(library, view, "DESC", None, 1000, 0)
        for limit in (1, 5, 10):
            for offset in range(0, len(whole) + 2, 7):
                got = [row.id for row in views.rows(view, limit, offset)]
                assert got == _old_page(library, view, "DESC", None, limit, offset), view
                got = [row.id for row in views.rows(view, limit, offset, total=len(whole))]
                assert got == whole[offset:offset + limit], view
        for anchor in views.rows(view, 1000):
            after = [row.id for row in views.rows_after(view, anchor, 6)]
            assert after == _old_page(library, view, "DESC", ("<", anchor), 6, 0), view
            before = [row.id for row in views.rows_before(view, anchor, 6)]
            assert before == _old_page(library, view, "ASC", (">", anchor), 6, 0), view
        if view.kind == "tag":  # its counter
            assert views.count(view) == len(whole)
            continue
        for cap in (0, 3, 20, 1000):
            assert views.count_upto(view, cap) == _old_count_upto(library, view, cap), view


def test_a_tag_keeps_its_articles_order_when_one_arrives_anew(library: Library) -> None:
    """An import that keeps another service's date moves an article's ``added_at``: the
    tag's index follows it (the trigger), so the tag's list is still in order."""
    tag = next(tag.id for tag in library.tags.all() if tag.name == "emploi")
    view = View("tag", tag_id=tag)
    first = library.views.rows(view, 3)
    with library.db.write() as conn:
        conn.execute("UPDATE articles SET added_at = '1999-01-01T00:00:00Z' WHERE id = ?",
                     (first[0].id,))
    try:
        ids = [row.id for row in library.views.rows(view, 1000)]
        assert ids == _old_page(library, view, "DESC", None, 1000, 0)
        assert ids[-1] == first[0].id
    finally:
        with library.db.write() as conn:
            conn.execute("UPDATE articles SET added_at = ? WHERE id = ?",
                         (first[0].added_at, first[0].id))
