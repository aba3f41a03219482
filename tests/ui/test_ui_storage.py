"""The reader on a damaged library: it opens read-only, says so once, and shows what it can."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from ui_helpers import article, fill, run_app, screen_text, toasts

from lecteur import ui
from lecteur.core.library.store import Library
from lecteur.core.paths import dirs
from lecteur.ui.app import LecteurApp
from lecteur.ui.i18n import t


def _damage(path: Path) -> None:
    conn = sqlite3.connect(path)
    (page,) = conn.execute("SELECT max(pageno) FROM dbstat WHERE name = 'search_data'").fetchone()
    conn.close()
    with path.open("r+b") as handle:  # the test's raw write, no lecteur open
        handle.seek((page - 1) * 4096)
        handle.write(b"\xa5" * 4096)


def test_a_damaged_library_opens_read_only_and_says_so(tmp_path: Path) -> None:
    folders = dirs(tmp_path / "home")
    with Library(folders.library) as library:
        fill(library, 3)
        library.articles.add(article(9, title="Un titre à retrouver"))
    _damage(folders.library)
    before = hashlib.sha256(folders.library.read_bytes()).hexdigest()

    library = ui._open(folders)
    assert library.read_only and library.damage
    app = LecteurApp(library, demo=False, cursor_blink=False, watch_changes=False,
                     freeze_gc=False)

    async def scenario(app, pilot) -> None:
        assert t("notify.library_damaged") in toasts(app)
        assert "Un titre à retrouver" in screen_text(app)

    try:
        run_app(app, scenario)
    finally:
        library.close()
    assert hashlib.sha256(folders.library.read_bytes()).hexdigest() == before


def test_a_library_on_a_read_only_filesystem_opens_read_only(tmp_path: Path) -> None:
    import subprocess

    from test_storage import tiny_filesystem

    with tiny_filesystem(tmp_path / "disk", "8m") as disk:
        folders = dirs(disk / "home")
        with Library(folders.library) as library:
            library.articles.add(article(1, title="Lu sur un disque en lecture seule"))
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        library = ui._open(folders)
        assert library.read_only and library.damage is None
        app = LecteurApp(library, demo=False, cursor_blink=False, watch_changes=False,
                         freeze_gc=False)

        async def scenario(app, pilot) -> None:
            assert t("notify.library_read_only") in toasts(app)
            assert "Lu sur un disque en lecture seule" in screen_text(app)

        try:
            run_app(app, scenario)
        finally:
            library.close()
