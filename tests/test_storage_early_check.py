"""The reader's bounded check, started before Textual is imported (`health.EarlyCheck`).

It reads the file on a thread of its own while the reader imports, so that the first frame
does not wait for it (docs/performance.md); the open then uses its answer. These tests
pin that the answer is the open's own check (damage found, the file left byte for byte as
it was, a damaged library read read-only), that the open does not check a second time,
and that an absent library stays absent until the open creates it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lecteur import ui
from lecteur.core.errors import DamagedLibraryError
from lecteur.core.library import health
from lecteur.core.library.store import Library
from lecteur.core.library.views import View
from lecteur.core.paths import dirs
from test_storage import digest, fill, overwrite_page, pages_of


def _count_checks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    problem = health.problem

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return problem(*args, **kwargs)

    monkeypatch.setattr(health, "problem", counted)
    return calls


def test_a_sound_library_is_checked_once_early_and_opened_for_writing(
        house: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = house / "library.sqlite3"
    fill(path)
    early = health.EarlyCheck(path)
    assert early.answer() == (None,)
    calls = _count_checks(monkeypatch)
    with Library(path, check=early) as library:
        assert not library.read_only
        library.tags.add(1, "lu")  # written after the check, as ever
    assert calls == []  # the open used the early answer: the file was not checked again


def test_damage_found_early_opens_read_only_and_leaves_the_file_as_it_was(house: Path) -> None:
    folders = dirs(str(house))
    fill(folders.library)
    overwrite_page(folders.library, pages_of(folders.library, "search_data")[-1])
    before = digest(folders.library)
    early = health.EarlyCheck(folders.library)
    answer = early.answer()
    assert answer is not None and answer[0]
    with pytest.raises(DamagedLibraryError):
        Library(folders.library, check=early)
    library = ui._open(folders, early)
    try:
        assert library.read_only and library.damage and "damaged" in library.damage
        assert library.views.count(View("inbox")) == 6  # what can be read is read
    finally:
        library.close()
    assert digest(folders.library) == before


def test_the_early_answer_is_what_the_open_goes_by(house: Path) -> None:
    path = house / "library.sqlite3"
    fill(path)

    class Says(health.EarlyCheck):
        def answer(self) -> tuple[str | None] | None:
            super().answer()
            return ("database disk image is malformed",)

    with pytest.raises(DamagedLibraryError):
        Library(path, check=Says(path))


def test_an_absent_library_is_not_created_by_the_early_check(
        house: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = house / "library.sqlite3"
    house.mkdir(parents=True, exist_ok=True)
    early = health.EarlyCheck(path)
    assert early.answer() is None  # no answer: the open checks for itself
    assert list(house.iterdir()) == []
    calls = _count_checks(monkeypatch)
    with Library(path, check=early) as library:
        assert not library.read_only
    assert calls == [1]
