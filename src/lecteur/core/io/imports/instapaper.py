"""Instapaper's CSV export: ``URL,Title,Selection,Folder,Timestamp`` (and ``Tags`` since
2023, a JSON list).

The folder says the state: ``Archive`` is archived, ``Starred`` starred (Instapaper's
"liked"), ``Unread`` neither; any other folder is one the reader made, kept as a tag. The
selection is the passage the reader had selected when they saved the page: it becomes a
highlight where it can be found in the article, else a note, so it is never dropped.
"""

from __future__ import annotations

from collections.abc import Iterator

from lecteur.core.io.imports import items
from lecteur.core.io.imports.items import Item, Passage
from lecteur.core.io.imports.table import rows

_STATES = {"unread": "", "archive": "archived", "archived": "archived", "starred": "starred",
           "liked": "starred"}


def read(content: str) -> Iterator[Item]:
    """The links of an Instapaper CSV export, in the file's order."""
    for row in rows(content):
        if row.problem:
            yield Item(url="", problem=row.problem)
            continue
        folder = items.line(row.get("folder"), items.MAX_TAG_CHARS)
        state = _STATES.get(folder.lower())
        tags = items.split_tags(row.get("tags"))
        if state is None and folder:
            tags = items.tags([*tags, folder])
        selection = items.text(row.get("selection"))
        yield Item(url=items.url(row.get("url")), title=items.line(row.get("title")),
                   tags=tags, added_at=items.epoch(row.get("timestamp")),
                   archived=state == "archived", starred=state == "starred",
                   passages=(Passage(selection),) if selection else ())
