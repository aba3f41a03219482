"""Textual's private names that lecteur uses (all in ui/compat.py) still exist, and the
Textual installed is the one pinned and tested."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import version
from pathlib import Path

from textual.app import App
from textual.widget import Widget

from lecteur.ui import compat

ROOT = Path(__file__).parent.parent.parent


def test_textual_is_the_version_pinned_and_tested() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    pins = [dep for dep in pyproject["project"]["dependencies"] if dep.startswith("textual")]
    assert pins == [f"textual=={compat.TESTED_TEXTUAL}"]
    assert version("textual") == compat.TESTED_TEXTUAL


def test_the_private_names_still_exist() -> None:
    app: App[None] = App()
    assert isinstance(compat.binding_table(Widget()), dict)
    assert isinstance(compat.keymap(app), dict)
    assert compat.unhandled_exception(app) is None
    for name in ("_refresh_truecolor_filter", "_handle_exception", "_get_screen"):
        assert callable(getattr(app, name))


def test_only_compat_touches_textual_privates() -> None:
    privates = ("._bindings", "._keymap", "._refresh_truecolor_filter", "._handle_exception",
                "._exception", "._get_screen")
    offenders = []
    for path in (ROOT / "src" / "lecteur").rglob("*.py"):
        if path.name == "compat.py":
            continue
        text = path.read_text(encoding="utf-8")
        offenders += [f"{path.name}: {name}" for name in privates
                      if re.search(re.escape(name) + r"\b", text)]
    assert not offenders
