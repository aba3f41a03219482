"""Importing another service's export at the size of a real one: 2,000 Pocket links.

Each figure is a ratio against a baseline measured in the same run, on the same machine:
the same 2,000 links saved one by one with ``Articles.add`` and ``Tags.add`` (one
transaction each, as ``lecteur add`` and ``lecteur tag`` would), then
  - ``lecteur import --offline`` of the Pocket file into an empty library (every link kept
    as a link, with its two tags and its date; stored in batched transactions),
  - the same import again (every item already there: nothing added).

    python bench/import_speed.py
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from lecteur.core.importing import import_items, placeholder
from lecteur.core.io.imports import open_export
from lecteur.core.library.store import Library

LINKS = 2000


def pocket_file() -> bytes:
    rows = "\n".join(f'<li><a href="https://site{n % 50}.example.org/article-{n}" '
                     f'time_added="{1_700_000_000 + n}" tags="career,theme{n % 7}">'
                     f"Article number {n}</a></li>" for n in range(LINKS))
    return (f"<!DOCTYPE html><html><head><title>Pocket Export</title></head><body>"
            f"<h1>Unread</h1><ul>{rows}</ul></body></html>").encode()


def one_by_one(folder: Path) -> None:
    with Library(folder / "library.sqlite3") as library:
        for n in range(LINKS):
            url = f"https://site{n % 50}.example.org/article-{n}"
            article_id, _ = library.articles.add(placeholder(url, f"Article number {n}", "x"))
            library.tags.add(article_id, "career")
            library.tags.add(article_id, f"theme{n % 7}")


def imported(folder: Path, data: bytes) -> int:
    with Library(folder / "library.sqlite3") as library:
        return sum(1 for _ in import_items(library, open_export(data).items, offline=True))


def timed(action) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    data = pocket_file()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        baseline = timed(lambda: one_by_one(base / "baseline"))
        first = timed(lambda: imported(base / "import", data))
        again = timed(lambda: imported(base / "import", data))
    print(f"{LINKS} links; baseline (one transaction per write): {baseline:.2f} s")
    print(f"import --offline into an empty library: {first:.2f} s "
          f"({first / baseline:.2f}x the baseline)")
    print(f"the same import again (all already there): {again:.2f} s "
          f"({again / baseline:.2f}x the baseline)")


if __name__ == "__main__":
    main()
