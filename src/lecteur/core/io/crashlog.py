"""The crash log: where an error lecteur did not expect is written down, for a bug report.

It lives in the cache folder of the library in use (under ``--library DIR`` when given), is
private (0600) and is appended to without following a symbolic link planted in its place.
"""

from __future__ import annotations

import os
import traceback
from pathlib import Path

from lecteur.core.clock import now
from lecteur.core.paths import Dirs, ensure_private_dir

CRASH_LOG = "crash.log"
NO_LOG = "(no log: the cache folder is not writable)"


def write_crash_log(error: BaseException, folders: Dirs) -> Path | str:
    """Append `error`'s traceback to the crash log of `folders`; return where (or why not)."""
    try:
        log = ensure_private_dir(folders.cache) / CRASH_LOG
        fd = _open_private(log)
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)  # a log left by an older lecteur may be 0644
        with os.fdopen(fd, "a", encoding="utf-8") as handle:
            handle.write(f"--- {now().isoformat()}\n")
            handle.write("".join(traceback.format_exception(error)))
        return log
    except OSError:
        return NO_LOG


def _open_private(log: Path) -> int:
    """Open `log` for appending, 0600, refusing a symbolic link as the file or its folder."""
    nofollow = getattr(os, "O_NOFOLLOW", 0)
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | nofollow
    if os.open not in os.supports_dir_fd:  # Windows: no links planted by other users there
        return os.open(log, flags, 0o600)
    folder = os.open(log.parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | nofollow)
    try:
        return os.open(log.name, flags, 0o600, dir_fd=folder)
    finally:
        os.close(folder)
