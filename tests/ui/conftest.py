"""Fixtures for the reader's pilot and snapshot tests.

Every test runs in the root conftest's `house` (its own LECTEUR_HOME, so the config file and
library are temporary, and an English interface unless it asks otherwise), with the clock
stopped at `FROZEN_NOW` for everything the library stamps, and gets an app factory with
the cursor blink off and change polling off (tests call
`check_for_changes` themselves when they need it).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest

from lecteur.core.config import Config
from lecteur.core.library.store import Library

FROZEN_NOW = "2025-06-15T09:30:00Z"


@pytest.fixture(autouse=True)
def ui_home(house: Path, frozen_clock: datetime) -> Path:
    """The test's home (see the root conftest), with the clock stopped at `FROZEN_NOW`."""
    assert frozen_clock.strftime("%Y-%m-%dT%H:%M:%SZ") == FROZEN_NOW
    return house


@pytest.fixture(autouse=True)
def presses_wait_for_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    """After each `pilot.press`, wait for the writes it asked for (the writer thread's).

    The reader answers a key at once and saves in the background; tests that check the
    library after a key would otherwise race the writer. `Pilot.press.__wrapped__` is
    the bare press, for tests about what happens while a write waits.
    """
    from textual.pilot import Pilot
    from ui_helpers import settle

    bare = Pilot.press

    @functools.wraps(bare)
    async def press_and_settle(self: Pilot, *keys: str) -> None:  # type: ignore[type-arg]
        await bare(self, *keys)
        writer = getattr(self.app, "writer", None)
        if writer is not None:
            await settle(self.app, self)

    monkeypatch.setattr(Pilot, "press", press_and_settle)


@pytest.fixture
def library(ui_home: Path) -> Iterator[Library]:
    with Library(ui_home / "library.sqlite3") as lib:
        yield lib


@pytest.fixture
def make_app(library: Library) -> Callable[..., object]:
    """Build the app on the test library: `make_app(demo=False, config=Config(...))`."""
    from lecteur.ui.app import LecteurApp

    def factory(**options: object) -> LecteurApp:
        options.setdefault("cursor_blink", False)
        options.setdefault("watch_changes", False)
        options.setdefault("freeze_gc", False)
        options.setdefault("prebuild_views", False)  # a view is built when a test opens it
        options.setdefault("config", Config())
        return LecteurApp(library, **options)  # type: ignore[arg-type]

    return factory
