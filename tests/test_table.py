"""The plain listing of `lecteur ls` and `lecteur search`: one line per entry, any width."""

from __future__ import annotations

import pytest

from lecteur.cli.table import cell_width, fit, render_entries
from lecteur.core.library.records import Entry


def entry(n: int, title: str, author: str | None = "Jeanne Roy") -> Entry:
    return Entry(id=n, title=title, author=author, sitename="Le Devoir", date="2024-02-03",
                 reading_minutes=4, added_at="2024-02-03T10:00:00Z", url=None)


def test_cell_width_counts_wide_and_combining_characters() -> None:
    assert cell_width("réseau") == 6
    assert cell_width("re\u0301seau") == 6
    assert cell_width("東京") == 4
    assert cell_width("😀") == 2


def test_fit_cuts_with_an_ellipsis_and_pads() -> None:
    assert fit("réseautage", 6) == "résea…"
    assert fit("ok", 5) == "ok   "
    assert cell_width(fit("東京東京東京", 5)) == 5


@pytest.mark.parametrize("width", [60, 80, 120, 200])
def test_every_line_fits_the_width(width: int) -> None:
    entries = [entry(1, "Réseauter quand on est introverti : cinq stratégies " * 3),
               entry(22, "東京で人脈を作る方法 😀" * 4, author=None),
               entry(333, "[AFP] Le président\x1b]52;c;eA==\x07 parle", author="\u202eevil")]
    lines = render_entries(entries, width=width).splitlines()
    assert len(lines) == 4
    assert all(cell_width(line) <= width for line in lines)
    assert "\x1b" not in "\n".join(lines) and "\u202e" not in "\n".join(lines)
    assert lines[0].split() == ["id", "date", "title", "author", "site", "min"]
    assert lines[3].lstrip().startswith("333") and "[AFP] Le président" in lines[3]
