"""Where lecteur keeps its library, configuration and cache.

Everything is a function: nothing is computed at import time, so tests and the
``--library`` option can point lecteur elsewhere by setting ``LECTEUR_HOME`` before the
first call. With ``LECTEUR_HOME`` set, the library, config and cache all live below it;
otherwise they follow the platform's conventions (XDG on Linux) through platformdirs.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import NamedTuple

APP_NAME = "lecteur"
HOME_VARIABLE = "LECTEUR_HOME"
LIBRARY_FILE = "library.sqlite3"
OWN_NAMES = frozenset({"config", "cache", "backups", "crash.log", "export"})  # export: the e key
# What file managers drop in any folder they show: it does not make a folder somebody's.
DESKTOP_LITTER = frozenset({".DS_Store", "Thumbs.db", "desktop.ini", ".directory"})


class Dirs(NamedTuple):  # not a dataclass: built on every start-up (~1 ms less)
    """The three folders lecteur uses."""

    data: Path
    config: Path
    cache: Path

    @property
    def library(self) -> Path:
        """The SQLite library file."""
        return self.data / LIBRARY_FILE


def dirs(home: str | os.PathLike[str] | None = None) -> Dirs:
    """The folders in force: `home` (``--library``), else ``LECTEUR_HOME``, else the platform's."""
    home = home or os.environ.get(HOME_VARIABLE)
    if home:
        root = Path(home).expanduser()
        return Dirs(data=root, config=root / "config", cache=root / "cache")
    import platformdirs  # only without LECTEUR_HOME or --library (~5 ms to import)

    return Dirs(
        data=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        config=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        cache=Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
    )


def ensure_private_dir(path: Path) -> Path:
    """Create `path` and any missing parents, each only the owner can enter (0700).

    A personal library and its notes are nobody else's business on a shared machine. A
    folder that already exists is left as it is: ``--library ~/shared`` must not chmod a
    folder lecteur did not make.
    """
    missing = []
    probe = path
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:  # another lecteur made it meanwhile
            continue
        if stat.S_IMODE(folder.stat().st_mode) != 0o700:  # a umask wider than 077
            folder.chmod(0o700)
    if not path.is_dir():
        raise NotADirectoryError(f"{path} is not a folder")
    return path


def is_lecteur_entry(name: str) -> bool:
    """True for a name lecteur itself puts in a library folder."""
    return (name.startswith((LIBRARY_FILE, f".{LIBRARY_FILE}", ".library-"))
            or name in OWN_NAMES or name in DESKTOP_LITTER)


def foreign_entries(folder: Path) -> list[str]:
    """What `folder` holds that lecteur did not put there (empty if it does not exist)."""
    try:
        return sorted(p.name for p in folder.iterdir() if not is_lecteur_entry(p.name))
    except (FileNotFoundError, NotADirectoryError):
        return []
