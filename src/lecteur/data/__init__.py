"""lecteur's bundled data: the demo library and the first-run welcome.

The demo articles were written for this project (five in French, five in English, about
networking and working life, each with quotations from named people and an author card).
They are JSON in the shape of `Article.to_dict()` and load without any network access.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from lecteur.core.models import Article, Author, Block
from lecteur.core.text.sanitize import clean_line, clean_text


def demo_articles() -> list[Article]:
    """The demo articles, oldest first (saved in this order, the newest shows on top)."""
    folder = resources.files(__name__) / "demo"
    names = sorted(entry.name for entry in folder.iterdir() if entry.name.endswith(".json"))
    articles = [_article(json.loads((folder / name).read_text(encoding="utf-8")))
                for name in names]
    return sorted(articles, key=lambda article: article.date or "")


def _article(data: dict[str, Any]) -> Article:
    """An article from `Article.to_dict()` output (the derived fields are recomputed)."""
    author = data.get("author")
    return Article(
        source=clean_line(data["source"]),
        title=clean_line(data["title"]),
        blocks=tuple(Block.from_dict({**block, "text": clean_text(block["text"]),
                                      "cite": clean_line(block.get("cite")) or None})
                     for block in data["blocks"]),
        url=data.get("url"),
        date=data.get("date"),
        language=data.get("language"),
        sitename=data.get("sitename"),
        author=Author.from_dict(author) if author else None,
        links=tuple(data.get("links") or ()),
    )


def welcome_text(language: str) -> tuple[str, str]:
    """The welcome's title and body in `language` (English if there is no such one)."""
    data = json.loads((resources.files(__name__) / "welcome.json").read_text(encoding="utf-8"))
    chosen = data.get(language) or data["en"]
    return str(chosen["title"]), str(chosen["body"])
