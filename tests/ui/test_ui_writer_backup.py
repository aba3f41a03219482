"""The reader's writes do not wait for the daily backup, which at a million articles copies
and checks 13 GB for minutes: a flag set then and the reader quit must still land."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from lecteur.core.library.store import Library
from lecteur.ui import writer as writer_module
from lecteur.ui.writer import LibraryWriter


def test_writes_land_and_close_returns_while_the_daily_backup_runs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "library.sqlite3"
    Library(path).close()
    started, release = threading.Event(), threading.Event()

    def slow_backup(self: Library) -> None:  # a backup of a very large library
        started.set()
        release.wait(30)

    monkeypatch.setattr(Library, "backup_if_due", slow_backup)
    writer = LibraryWriter(path, lambda message: None)
    try:
        writer.submit(lambda library: library.saved_views.add("Courts", "minutes:<6"))
        assert started.wait(10), "the daily backup was not started"
        assert writer.close(timeout=3.0), "quitting waited for the backup"
    finally:
        release.set()
    with Library(path) as library:
        assert [view.name for view in library.saved_views.all()] == ["Courts"]


def test_the_daily_backup_is_still_taken(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    Library(path).close()
    done = threading.Event()
    original = writer_module._daily_backup

    def backup(where: Path) -> None:
        original(where)
        done.set()

    writer = LibraryWriter(path, lambda message: None)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(writer_module, "_daily_backup", backup)
        writer.submit(lambda library: library.saved_views.add("Courts", "minutes:<6"))
        assert writer.close(timeout=10.0)
        assert done.wait(30)
    assert list((tmp_path / "backups").glob("library-*.sqlite3"))
