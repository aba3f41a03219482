"""Is the library file sound? A cheap check on every open, and read-only connections.

Every open runs `problem()` before anything is written: the schema must parse and
``PRAGMA quick_check`` must find nothing wrong within `CHECK_BUDGET_S`. The check is
bounded because it reads the whole file: on a 10,000-article library (133 MB) it takes
60 ms warm and 145 ms cold, too much for every ``lecteur ls``. Within the budget (20 ms) a
library of 500 articles (7 MB, 3-9 ms) is checked completely; for a larger one the rest
is checked once a day by the backup, whose copy goes through a full ``integrity_check``
(see `backups`).

The reader starts the check before it imports Textual (`EarlyCheck`): on a thread of its
own, over a connection of its own, so that its 10-20 ms of reading the file overlap the
imports instead of delaying the first frame (SQLite lets go of the GIL while it checks).
The open then waits for that check's answer, so nothing is written before it either.

A damaged library is opened with `open_read_only()` (``mode=ro``, else ``immutable=1`` when
even the -shm file cannot be made, e.g. on a read-only filesystem), so that what SQLite can
still read can be listed, shown and saved elsewhere while the file stays as it is.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from urllib.parse import quote

CHECK_BUDGET_S = 0.02
DAMAGE_WORDS = ("malformed", "not a database", "corrupt", "disk image")


def is_damage(error: BaseException) -> bool:
    """True if `error` is SQLite saying the file is damaged (not busy, not full)."""
    if isinstance(error, (UnicodeDecodeError, ValueError)):  # a damaged schema's text
        return True  # quoted by SQLite, or a stored body's JSON that damage changed
    return isinstance(error, sqlite3.DatabaseError) and any(
        word in str(error).lower() for word in DAMAGE_WORDS)


def problem(conn: sqlite3.Connection, budget_s: float | None = None) -> str | None:
    """What is wrong with the library behind `conn`, in a few words, or None.

    Reads only. A check cut short by the budget counts as sound (the backup checks the
    whole file every day). `budget_s` defaults to `CHECK_BUDGET_S`.
    """
    budget_s = CHECK_BUDGET_S if budget_s is None else budget_s
    try:
        conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()  # parses the schema
        rows = _bounded(conn, "PRAGMA quick_check(3)", budget_s)
    except sqlite3.DatabaseError as error:
        return str(error)
    except UnicodeDecodeError:  # SQLite's message quotes a damaged schema that is not UTF-8
        return "the schema holds text that is not UTF-8"
    if rows is None or rows == [("ok",)]:
        return None
    return "; ".join(str(row[0]) for row in rows)


class EarlyCheck:
    """`problem()` of the library at `path`, run now on a thread, answered at the open.

    Its connection is read-only (``mode=ro``: an absent file is not created, and closing
    it never checkpoints the -wal into the file) and waits for a busy library as the
    open's does; if it cannot even read the schema version, it has
    no answer and the open checks as usual (and says why it cannot).
    """

    def __init__(self, path: Path, *, busy_timeout_s: float = 5.0,
                 budget_s: float | None = None) -> None:
        self.path = path
        self._answer: tuple[str | None] | None = None
        self._thread = threading.Thread(target=self._run, args=(busy_timeout_s, budget_s),
                                        name="lecteur-check", daemon=True)
        self._thread.start()

    def _run(self, busy_timeout_s: float, budget_s: float | None) -> None:
        try:
            conn = sqlite3.connect(_uri(self.path, "mode=ro"), uri=True, isolation_level=None,
                                   timeout=busy_timeout_s)
        except (sqlite3.Error, OSError):
            return  # absent or unreadable: the open says why
        try:
            conn.execute("PRAGMA user_version").fetchone()  # readable at all, and not busy
            self._answer = (problem(conn, budget_s),)  # as the open's own check says it
        except (sqlite3.Error, UnicodeDecodeError):
            return
        finally:
            conn.close()

    def answer(self) -> tuple[str | None] | None:
        """(what is wrong, or None), once the check ended; None: no answer, check again."""
        self._thread.join()
        return self._answer


def _bounded(conn: sqlite3.Connection, sql: str,
             budget_s: float) -> list[tuple[object, ...]] | None:
    """The rows of `sql`, or None if it ran past `budget_s` and was interrupted.

    A timer thread interrupts the connection: SQLite's progress handler cannot, because
    the whole b-tree walk of a check is one step of its virtual machine. The lock makes
    sure that an interrupt never lands after the check, on the next statement.
    """
    guard = threading.Lock()
    running = [True]

    def stop() -> None:
        with guard:
            if running[0]:
                conn.interrupt()

    timer = threading.Timer(budget_s, stop)
    timer.daemon = True
    timer.start()
    try:
        return conn.execute(sql).fetchall()
    except sqlite3.OperationalError as error:
        if "interrupt" in str(error):
            return None
        raise
    finally:
        with guard:
            running[0] = False
        timer.cancel()


def integrity(path: Path) -> str | None:
    """A full ``integrity_check`` of the file at `path` (read-only); None if sound."""
    try:
        conn = open_read_only(path)
    except sqlite3.Error as error:
        return str(error)
    try:
        rows = conn.execute("PRAGMA integrity_check(3)").fetchall()
    except sqlite3.DatabaseError as error:
        return str(error)
    finally:
        conn.close()
    return None if rows == [("ok",)] else "; ".join(str(row[0]) for row in rows)


def _uri(path: Path, option: str) -> str:
    return f"file:{quote(str(path.resolve()))}?{option}"


def open_read_only(path: Path, *, busy_timeout_s: float = 5.0) -> sqlite3.Connection:
    """A connection that can never write to the file at `path`.

    ``mode=ro`` first (it sees the -wal file, so nothing committed is missed); if SQLite
    cannot even make the -shm file (read-only folder or file system, full disk),
    ``immutable=1``,
    which reads the main file alone: the last lecteur to close a library folds its -wal
    into it, so that is everything unless a lecteur was killed.
    """
    conn = sqlite3.connect(_uri(path, "mode=ro"), uri=True, isolation_level=None,
                           timeout=busy_timeout_s)
    try:
        conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        return conn
    except sqlite3.OperationalError:  # no -shm can be made: read-only or full file system
        conn.close()
    except (sqlite3.DatabaseError, UnicodeDecodeError):  # damaged: still the best way to
        return conn                                     # read what is left
    return sqlite3.connect(_uri(path, "immutable=1"), uri=True, isolation_level=None)
