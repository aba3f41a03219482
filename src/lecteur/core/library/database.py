"""The connection every family of tables shares: settings, write transactions, facts.

Settings chosen for a personal library that must never lose a note:
- WAL with ``synchronous=FULL``: readers never block the writer, and a commit survives a
  crash or a power cut (writes happen at human pace, so the fsync costs nothing felt);
- autocommit mode plus explicit ``BEGIN IMMEDIATE`` for every write, with a busy timeout:
  Python's default deferred transactions fail at once when a second lecteur is writing;
- the folder is 0700 and the database 0600 (its -wal and -shm files inherit that);
- before anything is written, the file is checked (`health`) and its schema version read:
  a damaged library is only ever read, a newer one refused, and a backup is taken before
  any migration and once a day (`backups`).

A `Database` belongs to the thread that opened it; open one per thread or worker.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from lecteur.core.errors import (
    ArticleGone,
    DamagedLibraryError,
    DiskFullError,
    LibraryBusyError,
    LibraryError,
    NotALibraryError,
    ReadOnlyLibraryError,
)
from lecteur.core.library import backups, health
from lecteur.core.library.migrations import LATEST_VERSION, check_version, migrate, user_version
from lecteur.core.paths import ensure_private_dir, foreign_entries

BUSY_TIMEOUT_MS = 5000
# What a read of a damaged or vanished file raises: SQLite's errors, the UnicodeDecodeError
# Python meets decoding a message that quotes a damaged schema, and the JSONDecodeError of
# a stored body (blocks, links, an author's card) that damage cut or changed.
StorageError = (sqlite3.Error, UnicodeDecodeError, json.JSONDecodeError)
_SQLITE_READONLY, _SQLITE_CANTOPEN, _SQLITE_FULL, _SQLITE_IOERR = 8, 14, 13, 10
_LOW_SPACE_BYTES = 256 * 1024  # less room than this: an I/O error means a full disk


def require_article(conn: sqlite3.Connection, article_id: int, *,
                    in_trash: bool = False) -> None:
    """Raise `ArticleGone` unless the article is in the library (or, `in_trash`, in the trash).

    Called inside the write transaction that changes the article, so a deletion by another
    lecteur cannot slip between the check and the change.
    """
    found = conn.execute("SELECT trashed_at IS NOT NULL FROM articles WHERE id = ?",
                         (article_id,)).fetchone()
    if found is None or (found[0] and not in_trash):
        raise ArticleGone("library.article_gone", id=article_id)


def _is_busy(error: sqlite3.OperationalError) -> bool:
    return "locked" in str(error) or "busy" in str(error)


def _code(error: sqlite3.Error) -> int:
    return int(getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF


def is_disk_full(error: BaseException, path: Path | None = None) -> bool:
    """True if `error` says the disk (or the file system's quota) is full.

    SQLite reports a full disk met while growing its -shm or -wal as a plain "disk I/O
    error": that one counts as full when the library's file system has no room left.
    """
    if isinstance(error, OSError):
        return error.errno in (errno.ENOSPC, errno.EDQUOT)
    if not isinstance(error, sqlite3.Error):
        return False
    if _code(error) == _SQLITE_FULL or "disk is full" in str(error):
        return True
    return _code(error) == _SQLITE_IOERR and path is not None and _no_room(path.parent)


def _no_room(folder: Path) -> bool:
    try:
        found = os.statvfs(folder)
    except OSError:
        return False
    return found.f_bavail * found.f_frsize < _LOW_SPACE_BYTES


def _is_read_only(error: sqlite3.Error) -> bool:
    return _code(error) in (_SQLITE_READONLY, _SQLITE_CANTOPEN) or "readonly" in str(error)


def storage_error(error: BaseException, path: Path, failed: str) -> LibraryError:
    """The one sentence for a SQLite or OS failure; `failed` is the sentence's key otherwise.

    `failed` is one of ``library.open_failed``, ``create_failed``, ``save_failed``,
    ``write_failed``, ``read_failed``, ``backup_failed``, ``restore_failed``.
    """
    if is_disk_full(error, path):
        return DiskFullError("library.disk_full")
    if health.is_damage(error):
        return backups.damaged_error(path, str(error))
    if isinstance(error, sqlite3.Error) and _is_read_only(error):
        return ReadOnlyLibraryError("library.read_only", path=path)
    values = {"path": path, "reason": str(error).rstrip(".")}  # each key uses what it needs
    return LibraryError(failed, **values)


def create_library(path: Path) -> None:
    """Make a new, migrated library at `path` in one step, unless one is already there.

    The library is built under a temporary name, then linked to `path`, which either
    appears whole or fails because another lecteur made it first: eight lecteurs started
    at once on a fresh folder all open the same complete library. Refuses (with
    `NotALibraryError`) a folder that holds other files: it is somebody else's.
    """
    folder = path.parent
    if foreign := foreign_entries(folder):
        shown = ", ".join(foreign[:3]) + (", ..." if len(foreign) > 3 else "")
        raise NotALibraryError("library.not_a_library", folder=folder, found=shown)
    try:
        ensure_private_dir(folder)
        _clean_stale(folder)
        fd, name = tempfile.mkstemp(dir=folder, prefix=".library-", suffix=".new")  # 0600
        os.close(fd)
    except OSError as error:
        raise storage_error(error, path, "library.create_failed") from None
    temp = Path(name)
    try:
        conn = sqlite3.connect(temp, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            migrate(conn)
        finally:
            conn.close()  # the last connection folds the -wal into the file and removes it
        _publish(temp, path)
    except (OSError, sqlite3.Error) as error:
        raise storage_error(error, path, "library.create_failed") from None
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(OSError):
                Path(f"{temp}{suffix}").unlink()


_STALE_S = 3600.0


def _clean_stale(folder: Path) -> None:
    """Remove libraries-in-the-making left by a lecteur killed an hour ago or more."""
    for stale in folder.glob(".library-*.new*"):
        with contextlib.suppress(OSError):
            if time.time() - stale.stat().st_mtime > _STALE_S:
                stale.unlink()


def _publish(temp: Path, path: Path) -> None:
    """Give `temp` the name `path` unless `path` exists (atomic where links exist)."""
    try:
        os.link(temp, path)
    except FileExistsError:
        return
    except OSError:  # no hard links here (some network or FAT file systems): best effort
        with contextlib.suppress(FileExistsError):
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            os.close(fd)
            temp.replace(path)


MANY_ROWS_CACHE_KIB = 32 * 1024  # the page cache of a refresh's write (`for_many_rows`)


class Database:
    """One SQLite connection to a library file, migrated to the current schema."""

    def __init__(self, path: Path, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS,
                 wait_seconds: float = 0.0, on_wait: Callable[[], None] | None = None,
                 for_writing: bool = True, check: bool | health.EarlyCheck = True) -> None:
        """Open (creating if needed) and migrate the library at `path`.

        A write waits `busy_timeout_ms` for another connection's lock, then keeps trying
        for `wait_seconds` more, calling `on_wait` once when it starts to wait (the reader
        says that its change will be saved when the other lecteur is done).

        Nothing is written before the file has passed `health.problem` and its schema
        version is known to this lecteur. With `for_writing` False (the caller only
        reads), an absent library is an empty one and nothing is created, and a damaged or
        unwritable library is opened read-only: `read_only` is then True and `damage`
        holds the sentence to show, if the file is damaged. With `for_writing`, those
        raise `DamagedLibraryError` or `ReadOnlyLibraryError`. `check` False skips the
        bounded ``quick_check`` (not the version): for the second connection a process opens
        on a library its first one has just checked (the reader's search, for instance).
        An `health.EarlyCheck` of `path` is that check started earlier: its answer is used.
        """
        self.path = path
        self.busy_timeout_ms = busy_timeout_ms
        self.wait_seconds = wait_seconds
        self.on_wait = on_wait
        self.read_only = False
        self.damaged: DamagedLibraryError | None = None
        self._check = check
        from lecteur.core.config import Staleness

        self.staleness = Staleness()  # the [staleness] settings ``is:stale`` reads (set by callers)
        if not path.exists():
            if not for_writing:
                self._open_empty()
                return
            create_library(path)
        try:
            self._open(for_writing)
        except LibraryError:
            self.close()
            raise
        except (sqlite3.Error, OSError) as error:
            self.close()
            raise storage_error(error, path, "library.open_failed") from None

    def _open_empty(self) -> None:
        """An empty library in memory, for reading a library that does not exist yet."""
        self.conn = sqlite3.connect(":memory:", isolation_level=None)
        migrate(self.conn)
        self.read_only = True

    def _open(self, for_writing: bool) -> None:
        try:
            self._open_writable(for_writing)
        except sqlite3.OperationalError as error:
            if for_writing or not (_is_read_only(error) or is_disk_full(error, self.path)):
                raise
            self._reopen_read_only(damaged=None)  # reading needs no write and no room

    def _open_writable(self, for_writing: bool) -> None:
        self.conn = sqlite3.connect(self.path, isolation_level=None,
                                    timeout=self.busy_timeout_ms / 1000,
                                    check_same_thread=True)
        self.conn.execute(f"PRAGMA busy_timeout = {self.busy_timeout_ms:d}")
        trouble = self._checked()  # reads only, before any write (even the switch to WAL)
        if trouble is not None:
            damaged = backups.damaged_error(self.path, trouble)
            if for_writing:
                raise damaged
            self._reopen_read_only(damaged=damaged)
            return
        self._configure()
        migrate(self.conn, before=self._backup_before_migrating)

    def _checked(self) -> str | None:
        """Refuse a newer schema; return what is wrong with the file, or None."""
        try:
            check_version(user_version(self.conn))
            if known := backups.known_damage(self.path):
                return known
            if not self._check:
                return None
            early = self._check.answer() if isinstance(self._check, health.EarlyCheck) else None
            return early[0] if early is not None else health.problem(self.conn)
        except sqlite3.DatabaseError as error:
            if not health.is_damage(error):
                raise
            return str(error)

    def _reopen_read_only(self, damaged: DamagedLibraryError | None) -> None:
        """Read the library without ever writing to it (damaged or unwritable)."""
        self.close()
        self.conn = health.open_read_only(self.path, busy_timeout_s=self.busy_timeout_ms / 1000)
        self.read_only = True
        if damaged is None and (trouble := self._checked()) is not None:
            damaged = backups.damaged_error(self.path, trouble)
        self.damaged = damaged
        with contextlib.suppress(sqlite3.DatabaseError):
            if user_version(self.conn) < LATEST_VERSION:
                raise ReadOnlyLibraryError("library.read_only_older", path=self.path)

    @property
    def damage(self) -> str | None:
        """The sentence that says the library is damaged (in the language in force), or None."""
        return None if self.damaged is None else str(self.damaged)

    def _read_only_error(self) -> ReadOnlyLibraryError:
        """Why nothing can be written: the damage found, or a library that is read-only."""
        if self.damaged is not None:
            return self.damaged.recast(ReadOnlyLibraryError)
        return ReadOnlyLibraryError("library.read_only", path=self.path)

    def _backup_before_migrating(self) -> None:
        if user_version(self.conn) > 0:
            backups.take(self.conn, self.path)

    def backup(self) -> Path:
        """Back up the library now (verified, rotated); return the backup's path."""
        if self.read_only:
            raise self._read_only_error()
        try:
            return backups.take(self.conn, self.path)
        except (OSError, sqlite3.Error) as error:
            raise storage_error(error, self.path, "library.backup_failed") from None

    def backup_if_due(self) -> Path | None:
        """Back up the library if its newest backup is a day old; return the new one."""
        if self.read_only or not backups.due(self.path):
            return None
        return self.backup()

    def _configure(self) -> None:
        for pragma in (
            f"PRAGMA busy_timeout = {self.busy_timeout_ms:d}",
            "PRAGMA journal_mode = WAL",
            "PRAGMA synchronous = FULL",
            "PRAGMA foreign_keys = ON",
        ):
            self.conn.execute(pragma)

    def close(self) -> None:
        """Close the connection (safe to call twice)."""
        with contextlib.suppress(AttributeError, sqlite3.Error):
            self.conn.close()

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction, taken at once (``BEGIN IMMEDIATE``), committed or undone.

        Raises `LibraryBusyError` when another connection held the write lock for longer
        than the busy timeout (and `wait_seconds`), and `LibraryError` when SQLite refuses
        the write (a full disk, a damaged file, a broken constraint).
        """
        if self.read_only:
            raise self._read_only_error()
        if self.conn.in_transaction:  # inside a batch (`batch`): a savepoint of it
            with self._savepoint():
                yield self.conn
            return
        self._begin()
        try:
            yield self.conn
        except sqlite3.Error as error:
            self._rollback()
            raise storage_error(error, self.path, "library.save_failed") from error
        except BaseException:
            self._rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as error:
            self._rollback()
            raise storage_error(error, self.path, "library.save_failed") from error

    @contextlib.contextmanager
    def for_many_rows(self) -> Iterator[None]:
        """Around a write of many small statements (a refresh's items): statement journals
        in memory (``temp_store = MEMORY``) and a larger page cache, the defaults after.

        An INSERT that can fire triggers opens a statement journal; a feed item's row with
        its fourteen index entries changes about 60 KB of pages, just over SQLite's 64 KB
        spill threshold, so each insert created and wrote a temporary file: half of the
        60 us the INSERT took, and most of the refresh's system time. Each statement of
        such a write changes one row or counts one batch, so the journal stays small;
        elsewhere the default stays (an UPDATE of every aged item would hold hundreds of
        megabytes). With the default 2 MB cache, the pages of the fourteen indexes, the
        bodies and the search index pushed one another out between feeds and were read
        again: `MANY_ROWS_CACHE_KIB` while it lasts is 8 % of the store's CPU. SQLite
        refuses the journal's change inside a transaction that has used it: within a
        `batch` this does nothing.
        """
        if self.conn.in_transaction:
            yield
            return
        cache = int(self.conn.execute("PRAGMA cache_size").fetchone()[0])
        self.conn.execute("PRAGMA temp_store = MEMORY")
        self.conn.execute(f"PRAGMA cache_size = -{MANY_ROWS_CACHE_KIB:d}")
        try:
            yield
        finally:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute(f"PRAGMA cache_size = {cache:d}")
                self.conn.execute("PRAGMA temp_store = DEFAULT")

    @contextlib.contextmanager
    def batch(self) -> Iterator[sqlite3.Connection]:
        """One write transaction for many writes: each `write` inside it is a savepoint
        (undone alone if it fails), and all are committed together, with one fsync (an
        import stores hundreds of items a second this way instead of tens)."""
        with self.write() as conn:
            yield conn

    @contextlib.contextmanager
    def _savepoint(self) -> Iterator[None]:
        """A write inside a batch: undone alone on failure, committed with the batch."""
        self.conn.execute("SAVEPOINT nested_write")
        try:
            yield
        except sqlite3.Error as error:
            self._undo_savepoint()
            raise storage_error(error, self.path, "library.save_failed") from error
        except BaseException:
            self._undo_savepoint()
            raise
        self.conn.execute("RELEASE nested_write")

    def _undo_savepoint(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("ROLLBACK TO nested_write")
            self.conn.execute("RELEASE nested_write")

    def _begin(self) -> None:
        """Take the write lock, waiting as `__init__` says; raise `LibraryBusyError` if not."""
        deadline = time.monotonic() + self.wait_seconds
        told = False
        while True:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                if not _is_busy(error):
                    raise storage_error(error, self.path, "library.write_failed") from error
                if time.monotonic() >= deadline:
                    raise LibraryBusyError("library.busy") from None
                if not told and self.on_wait is not None:
                    self.on_wait()
                    told = True

    def _rollback(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("ROLLBACK")

    def data_version(self) -> int:
        """A number that changes when another connection commits to the library.

        Cheap enough to poll every second: the reader refreshes its list when it changes,
        so two lecteurs open on one library each see what the other did.
        """
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def interrupt_when(self, stop: Callable[[], bool] | None, every: int = 10_000) -> None:
        """Abandon a statement as soon as `stop()` is true (asked every `every` VM steps).

        The abandoned statement raises `StorageError` ("interrupted"). Search as you type
        uses it: a query made stale by the next key stops instead of running to its end.
        None removes the check.
        """
        if stop is None:
            self.conn.set_progress_handler(None, every)
        else:
            self.conn.set_progress_handler(lambda: 1 if stop() else 0, every)

    def get_meta(self, key: str) -> str | None:
        """A library-wide fact (e.g. that the demo was loaded), or None."""
        found = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if found is None else str(found[0])

    def set_meta(self, key: str, value: str) -> None:
        """Record a library-wide fact."""
        with self.write() as conn:
            conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) "
                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))
