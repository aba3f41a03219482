"""Writing a file the user sees so that it is always the old content or the new, whole.

A temporary file in the same folder, flushed and fsynced, then renamed over the target;
a crash or a full disk at any moment leaves the previous file as it was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from lecteur.core.paths import ensure_private_dir


def write_atomically(path: Path, text: str, mode: int = 0o600) -> None:
    """Replace `path` by `text` (UTF-8) in one step; the file is private (`mode`)."""
    ensure_private_dir(path.parent)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        Path(temp).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temp).unlink()
        raise
