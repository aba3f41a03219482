"""Writing a file the user sees so that it is always the old content or the new, whole.

A temporary file in the same folder, flushed and fsynced, then renamed over the target,
then the folder fsynced (so the rename itself survives a power loss); a crash or a full
disk at any moment leaves the previous file as it was (reliability.md H1).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from lecteur.core.paths import ensure_private_dir


def write_atomically(path: Path, text: str | Iterable[str], mode: int = 0o600, *,
                     private_folder: bool = True) -> None:
    """Replace `path` by `text` (UTF-8) in one step; the file gets `mode` (0600: private).

    `text` may come in pieces (an iterable of strings), written as they come: a backup of
    a million articles is never held whole.

    `private_folder` makes the folder 0700 (lecteur's own folders); False only creates it
    (0700) when missing and leaves a folder the user chose (an export folder) as it is.
    """
    if private_folder:
        ensure_private_dir(path.parent)
    else:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            for piece in (text,) if isinstance(text, str) else text:
                handle.write(piece)
            handle.flush()
            os.fsync(handle.fileno())
        Path(temp).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temp).unlink()
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """fsync a folder, so that a rename in it is durable (not possible on Windows)."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


STALE_AFTER_SECONDS = 600.0  # a write in progress elsewhere is never that old


def remove_stale_temporaries(folder: Path, older_than: float = STALE_AFTER_SECONDS) -> int:
    """Delete the ``.NAME.*.tmp`` files killed writes left in `folder` more than
    `older_than` seconds ago (a younger one may be another lecteur's write in progress);
    return how many went."""
    removed = 0
    now = time.time()
    for stale in folder.glob(".*.tmp"):
        with contextlib.suppress(OSError):
            if now - stale.stat().st_mtime >= older_than:
                stale.unlink()
                removed += 1
    return removed
