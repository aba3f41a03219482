"""Helpers for the reader's benchmarks (tui_startup.py, tui_scroll.py); not a benchmark.

`make_library` generates big libraries fast (one transaction, raw rows): rows go straight
into the articles table (no full-text index: the list never touches it), with realistic
titles, authors, sites, dates and a short body, so that the reader's list queries run on
the same indexes and row sizes as in a real library. `FrameProbe` timestamps the frames
Textual renders (headless: the compositor renders, nothing is written), so a benchmark can
wait for "the screen shows it" rather than guess.
"""

from __future__ import annotations

import json
import random
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from lecteur.core.library.store import Library

WORK = Path(__file__).resolve().parent / ".work" / "tui"

_WORDS = ("réseau carrière entretien salaire mentor conférence télétravail équipe réunion "
          "networking career interview salary mentor remote meeting team promotion").split()
_AUTHORS = ("Jeanne Roy", "Marc Dubois", "Alice Martin", "Sam Okafor", "Léa Gagnon", None)
_SITES = ("Le Devoir", "La Presse", "Harvard Business Review", "Fast Company", None)


def make_library(path: Path, count: int, seed: int = 7) -> Path:
    """Create (or reuse, if it has `count` articles) a library of `count` articles."""
    with Library(path) as library:
        if library.articles.count() == count:
            return path
        rng = random.Random(seed)
        start = datetime(2020, 1, 1, tzinfo=UTC)
        blocks = json.dumps([{"kind": "paragraph", "text": "Un court paragraphe.",
                              "speaker": None}])
        rows = []
        for n in range(count):
            title = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(4, 10))).capitalize()
            added = (start + timedelta(minutes=n)).strftime("%Y-%m-%dT%H:%M:%SZ")
            rows.append((f"bench:{n}", f"https://example.org/{n}", f"bench-{n}", title,
                         added[:10], "fr", rng.choice(_SITES), rng.choice(_AUTHORS), blocks,
                         rng.randint(200, 3000), rng.randint(1, 14), added, added,
                         int(rng.random() < 0.3), int(rng.random() < 0.05)))
        with library.db.write() as conn:
            conn.execute("DELETE FROM articles")
            conn.executemany(
                "INSERT INTO articles (key, url, source, title, date, language, sitename, "
                "author_name, word_count, reading_minutes, added_at, updated_at, "
                "saved, starred) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [row[:8] + row[9:] for row in rows])
            conn.execute("INSERT INTO article_bodies (article_id, blocks) "  # the body apart
                         "SELECT id, ? FROM articles", (blocks,))
        library.db.conn.execute("ANALYZE")
    return path


def library_path(count: int) -> Path:
    """Where the generated library of `count` articles lives (made on first use)."""
    return make_library(WORK / f"lib-{count}" / "library.sqlite3", count)


class FrameProbe:
    """Counts and timestamps the frames an app renders (wraps ``App._display``)."""

    def __init__(self, app: object) -> None:
        self.count = 0
        self.last = 0.0
        original = app._display  # type: ignore[attr-defined]

        def display(screen: object, renderable: object) -> None:
            original(screen, renderable)
            if renderable is not None:
                self.count += 1
                self.last = time.perf_counter()

        app._display = display  # type: ignore[attr-defined]


def add_voices(path: Path, per_article: int = 3, speakers: int = 400, seed: int = 11) -> None:
    """Give a `make_library` library quotations (`per_article` each, `speakers` people) and
    a highlight on every tenth article, once (the triggers fill the folded names)."""
    with Library(path) as library:
        conn = library.db.conn
        if conn.execute("SELECT 1 FROM quotes LIMIT 1").fetchone():
            return
        rng = random.Random(seed)
        names = [f"{rng.choice(_FIRST)} {rng.choice(_LAST)} {n}" for n in range(speakers)]
        ids = [int(r[0]) for r in conn.execute("SELECT id FROM articles")]
        with library.db.write() as write:
            write.executemany(
                "INSERT INTO quotes (article_id, position, text, speaker, block_index) "
                "VALUES (?, ?, ?, ?, ?)",
                [(i, p, " ".join(rng.choice(_WORDS) for _ in range(18)).capitalize() + ".",
                  rng.choice(names) if rng.random() < 0.9 else None, p)
                 for i in ids for p in range(per_article)])
            write.executemany(
                "INSERT INTO highlights (article_id, block_index, text, created_at) "
                "VALUES (?, 0, 'Un court paragraphe.', ?)",
                [(i, f"2024-01-01T00:00:{i % 60:02d}") for i in ids[::10]])
        conn.execute("ANALYZE")


_FIRST = ("Hélène", "Étienne", "Marie", "François", "Zoé", "Tomás", "Denis", "Chloé")
_LAST = ("Côté", "Tremblay", "Gagnon", "Ruiz", "Roy", "Lévesque", "Okafor", "Martin")


def library_with_voices(count: int) -> Path:
    """`library_path(count)`, with quotations and highlights."""
    path = library_path(count)
    add_voices(path)
    return path
