"""Exports at the size of a real library: 1,000 saved pieces, each with a tag and a note.

Builds a fresh library in a temporary folder (1,000 articles of 15 blocks, about 2,000
words each), then times, in this process, what the commands do:
  - ``export --format markdown`` into an empty folder (every file new: two fsyncs each),
  - the same again with nothing changed (every file read and compared, none written),
  - ``export --single-file`` (the playbook),
  - ``export --format json`` (the backup, in memory) and ``import`` of it into an empty
    library (one transaction, then the full-text index rebuilt).

    python bench/export_speed.py
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from lecteur.core import transfer
from lecteur.core.library.store import Library
from lecteur.core.models import Article, Author, Block

PIECES = 1000


def fill(library: Library) -> None:
    paragraph = "Le réseautage demande du temps, de la patience et de la curiosité. " * 20
    blocks = (*[Block("paragraph", paragraph)] * 12,
              *[Block("quote", "Visez deux vraies conversations.", speaker="Hélène Marcoux")] * 3)
    for n in range(PIECES):
        article = Article(source=f"s{n}", title=f"Article numéro {n} : conseils", blocks=blocks,
                          url=f"https://example.org/{n}", author=Author("Jeanne Roy"),
                          date="2024-01-01")
        article_id, _ = library.articles.add(article)
        library.tags.add(article_id, f"thème {n % 7}")
        library.notes.add(article_id, "Une note à garder.")


def timed(label: str, action) -> object:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = action()
    print(f"{label:<44} {time.perf_counter() - start:6.2f} s")
    return result


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        root = Path(work)
        with Library(root / "library.sqlite3") as library:
            fill(library)
            folder = root / "vault"
            timed(f"markdown, {PIECES} new files",
                  lambda: transfer.export_markdown(library, folder))
            timed(f"markdown again, {PIECES} unchanged", lambda: transfer.export_markdown(
                library, folder))
            timed("playbook (one file)", lambda: transfer.export_playbook(library,
                                                                          root / "book.md"))
            backup = str(timed("json backup", lambda: transfer.backup_text(library)))
        print(f"{'backup size':<44} {len(backup.encode()) / 1e6:6.1f} MB")
        with Library(root / "copy.sqlite3") as copy:
            timed("import into an empty library", lambda: transfer.restore_text(copy, backup))


if __name__ == "__main__":
    main()
