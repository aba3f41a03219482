"""Automatic, verified backups of the library, and restoring one.

A backup is made with SQLite's online backup API (never a file copy, which can catch a
transaction half-written), into ``backups/library-YYYYMMDDTHHMMSSZ.sqlite3`` beside the
library, created 0600 before SQLite opens it. Each copy then passes a full
``integrity_check`` or is thrown away, and the library is called damaged: so every file in
the folder is a verified backup, and the daily backup is also the daily full check of the
library: when it fails, ``library.sqlite3.damaged`` says so, and from then on the library
is only read until a backup is restored. The newest `KEEP` are kept.

Restoring never deletes anything: the library in place (damaged, or simply replaced) and
its -wal and -shm are renamed aside as ``library.sqlite3.before-restore-STAMP``, then a
verified copy of the backup takes its name in one rename.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from pathlib import Path

from lecteur.core.errors import DamagedLibraryError, LibraryBusyError, LibraryError
from lecteur.core.library.health import integrity, open_read_only
from lecteur.core.paths import ensure_private_dir

FOLDER = "backups"
KEEP = 5
EVERY_S = 24 * 3600
_PATTERN = "library-*.sqlite3"


def folder_of(library: Path) -> Path:
    """The backups folder of the library file `library`."""
    return library.parent / FOLDER


def stamp(seconds: float | None = None) -> str:
    """A UTC time as used in file names (sorts as it reads)."""
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(seconds))


def listing(library: Path) -> list[Path]:
    """The backups of `library`, newest first."""
    folder = folder_of(library)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(_PATTERN), key=lambda p: p.name, reverse=True)


def when(backup: Path) -> str:
    """The time a backup was taken, for a sentence ("2026-12-03 07:30 UTC")."""
    name = backup.name.removeprefix("library-")
    try:
        taken = time.strptime(name[:16], "%Y%m%dT%H%M%SZ")
    except ValueError:
        return backup.name
    return time.strftime("%Y-%m-%d %H:%M UTC", taken)


def due(library: Path, every_s: float = EVERY_S) -> bool:
    """True if the newest backup is older than `every_s` (or there is none)."""
    found = listing(library)
    if not found:
        return True
    try:
        return time.time() - found[0].stat().st_mtime >= every_s
    except OSError:
        return True


def _new_private_file(folder: Path, stem: str, suffix: str) -> Path:
    """An empty 0600 file `folder/stem[-n]suffix` that did not exist before."""
    for n in range(1, 100):
        path = folder / (f"{stem}{suffix}" if n == 1 else f"{stem}-{n}{suffix}")
        try:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            return path
        except FileExistsError:
            continue
    raise LibraryError("library.no_new_name", folder=folder)


def take(conn: sqlite3.Connection, library: Path, keep: int = KEEP) -> Path:
    """Back up the library open on `conn`; verify the copy; keep the newest `keep`.

    The copy is made and checked under a hidden name and renamed only once verified, so
    a lecteur killed mid-backup leaves no file that looks like a backup. Raises
    `DamagedLibraryError` if the copy fails its check (the library itself is damaged: the
    bad copy is removed so that it can never be restored).
    """
    folder = ensure_private_dir(folder_of(library))
    for stale in folder.glob(".library-*.partial"):  # left by a lecteur killed mid-backup
        _remove(stale)
    name = f"library-{stamp()}"
    partial = _new_private_file(folder, f".{name}", ".partial")
    try:
        copy = sqlite3.connect(partial, isolation_level=None)
        try:
            conn.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")  # one file: no -wal beside it
        finally:
            copy.close()
        trouble = integrity(partial)
        if trouble is None:
            target = _new_private_file(folder, name, ".sqlite3")
            partial.replace(target)
    except BaseException:
        _remove(partial)
        raise
    if trouble is not None:
        _remove(partial)
        mark_damaged(library, trouble)
        raise damaged_error(library, trouble)
    rotate(library, keep)
    return target


def marker_of(library: Path) -> Path:
    """The file that says a full check found `library` damaged (Zotero keeps one too)."""
    return library.with_name(f"{library.name}.damaged")


def mark_damaged(library: Path, detail: str) -> None:
    """Remember that a full check failed, so that later opens only read the library."""
    with contextlib.suppress(OSError):
        fd = os.open(marker_of(library), os.O_WRONLY | os.O_CREAT | os.O_TRUNC
                     | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(detail + "\n")


def known_damage(library: Path) -> str | None:
    """What the last full check found wrong with `library`, if it failed."""
    try:
        return marker_of(library).read_text(encoding="utf-8").strip() or "integrity check"
    except (OSError, UnicodeDecodeError):
        return None


def _remove(path: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            Path(f"{path}{suffix}").unlink()


def rotate(library: Path, keep: int = KEEP) -> None:
    """Delete all but the newest `keep` backups (only files named as lecteur names them)."""
    for old in listing(library)[keep:]:
        _remove(old)


def damaged_error(library: Path, detail: str) -> DamagedLibraryError:
    """The error whose one sentence says a library is damaged and what can be done."""
    found = listing(library)
    if found:
        return DamagedLibraryError("library.damaged_restore", path=library, detail=detail,
                                   taken=when(found[0]))
    return DamagedLibraryError("library.damaged_no_backup", path=library, detail=detail)


def restore(library: Path, backup: Path | None = None) -> tuple[Path, Path | None]:
    """Put `backup` (default: the newest) in place of `library`.

    Returns the backup used and where the library it replaced was kept (None if there was
    none). Refused (`LibraryBusyError`) while another lecteur has the library open: it
    would go on writing to the old file, set aside.
    """
    if backup is None:
        found = listing(library)
        if not found:
            raise LibraryError("library.no_backup", path=library)
        backup = found[0]
    if not backup.is_file():
        raise LibraryError("library.no_such_backup", backup=backup)
    trouble = integrity(backup)
    if trouble is not None:
        raise LibraryError("library.backup_damaged", backup=backup, detail=trouble)
    ensure_private_dir(library.parent)
    fresh = _new_private_file(library.parent, f".{library.name}.restoring", ".new")
    try:
        _copy(backup, fresh)
    except BaseException:
        _remove(fresh)
        raise
    if in_use_elsewhere(library):
        _remove(fresh)
        raise LibraryBusyError("library.open_elsewhere")
    kept = _set_aside(library)
    fresh.replace(library)
    _sync_folder(library.parent)
    return backup, kept


_DMS_BYTE = 128  # SQLite's WAL "dead man switch": every open connection holds it shared


def in_use_elsewhere(library: Path) -> bool:
    """True if another process has `library` open (in WAL mode), without touching the file.

    Each SQLite connection to a WAL library holds a shared POSIX lock on one byte of its
    -shm file for as long as it is open; asking for that byte exclusively, without
    waiting, fails if any other process holds it. (Locks are per process: this one's own
    connections do not count, and must be closed before a restore.)
    """
    try:
        import fcntl
    except ImportError:  # Windows: SQLite locks files differently there; assume not
        return False
    try:
        fd = os.open(f"{library}-shm", os.O_RDWR | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False  # no -shm: no connection is open
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, _DMS_BYTE)
    except OSError:
        return True
    else:
        fcntl.lockf(fd, fcntl.LOCK_UN, 1, _DMS_BYTE)
        return False
    finally:
        os.close(fd)


def _copy(source: Path, target: Path) -> None:
    """Copy a library with the backup API, ending in WAL mode with no -wal left over."""
    src = open_read_only(source)
    dst = sqlite3.connect(target, isolation_level=None)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode = WAL")
    finally:
        dst.close()
        src.close()


def _set_aside(library: Path) -> Path | None:
    """Rename `library` and its -wal and -shm aside; return the new name (None if absent)."""
    if not library.exists():
        return None
    aside = library.with_name(f"{library.name}.before-restore-{stamp()}")
    n = 1
    while aside.exists():
        n += 1
        aside = library.with_name(f"{library.name}.before-restore-{stamp()}-{n}")
    library.rename(aside)
    for suffix in ("-wal", "-shm", "-journal", ".damaged"):
        side = Path(f"{library}{suffix}")
        if side.exists():
            side.rename(Path(f"{aside}{suffix}"))
    return aside


def _sync_folder(folder: Path) -> None:
    """fsync a folder so that a rename in it survives a power cut."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
