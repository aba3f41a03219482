"""Previous and next article from the reading view, in the order the reader came from.

Opened from the list, ``[`` and ``]`` follow the list (and move its cursor along, so the
list shows where the reader is on return); opened from search, they follow the results.
"""

from __future__ import annotations

from collections.abc import Sequence

from lecteur.ui.context import Navigator
from lecteur.ui.widgets.article_list import ArticleList

__all__ = ["ListNavigator", "Navigator", "SequenceNavigator"]


class ListNavigator:
    """Follows an `ArticleList`, moving its cursor."""

    def __init__(self, articles: ArticleList) -> None:
        self.articles = articles

    def step(self, article_id: int, delta: int) -> int | None:
        articles = self.articles
        if not articles.total:
            return None
        if articles.move_to(article_id):
            target = articles.cursor + delta
        else:  # the article left the view (archived): the cursor is already on the next one
            target = articles.cursor + (delta if delta < 0 else delta - 1)
        if not 0 <= target < articles.total:
            return None
        articles.cursor = target
        row = articles.current
        return row.id if row else None


class SequenceNavigator:
    """Follows a fixed list of ids (search results)."""

    def __init__(self, ids: Sequence[int]) -> None:
        self.ids = list(ids)

    def step(self, article_id: int, delta: int) -> int | None:
        if article_id not in self.ids:
            return None
        target = self.ids.index(article_id) + delta
        return self.ids[target] if 0 <= target < len(self.ids) else None
