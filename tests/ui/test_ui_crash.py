"""An unexpected error in the reader: the crash log of the library in use, and exit 1.

(An expected failure, a `LecteurError`, is a notification instead: see test_ui_actions.)
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App

from lecteur import ui
from lecteur.core.paths import dirs
from lecteur.ui.app import LecteurApp
from lecteur.ui.screens.main import MainScreen


def _headless(app: LecteurApp) -> None:
    App.run(app, headless=True, size=(100, 30))


def test_a_bug_in_the_reader_writes_the_crash_log_under_the_library_in_use(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    def broken(_screen: MainScreen) -> None:
        raise ZeroDivisionError("a bug in the reader")

    monkeypatch.setattr(LecteurApp, "run", _headless)
    monkeypatch.setattr(MainScreen, "on_mount", broken)
    elsewhere = tmp_path / "elsewhere"
    monkeypatch.setenv("LECTEUR_HOME", str(tmp_path / "default-home"))

    status = ui.main(dirs(elsewhere))  # as `lecteur --library elsewhere` does

    assert status == 1
    log = elsewhere / "cache" / "crash.log"
    assert "ZeroDivisionError: a bug in the reader" in log.read_text(encoding="utf-8")
    assert oct(log.stat().st_mode & 0o777) == "0o600"
    assert not (tmp_path / "default-home" / "cache").exists()
    assert f"details in {log}" in capsys.readouterr().err


def test_a_reader_that_quits_as_asked_exits_0(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    def quit_at_once(screen: MainScreen) -> None:
        screen.app.exit()

    monkeypatch.setattr(LecteurApp, "run", _headless)
    monkeypatch.setattr(MainScreen, "on_mount", quit_at_once)
    assert ui.main(dirs(tmp_path / "lib")) == 0
    assert not (tmp_path / "lib" / "cache" / "crash.log").exists()
