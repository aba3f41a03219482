"""The storage battery: kill -9 while saving and while migrating, two writers, permissions.

Quick sizes run in CI; ``LECTEUR_BATTERY=full`` runs the full sizes (docs/reliability.md,
"Storage", lists both and the last results):

    LECTEUR_BATTERY=full python -m pytest -q -p no:randomly tests/test_storage_battery.py

Every child is a real ``python`` process on a real library file. A child prints ``want``
before each write and ``ack`` once the write's ``COMMIT`` has returned; the parent kills it
with SIGKILL at a random moment, then checks that every acknowledged write is there (the
one write in flight may be there or not) and that ``integrity_check`` passes.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lecteur.core.library import health, migrations
from lecteur.core.library.store import Library

FULL = (os.environ.get("LECTEUR_BATTERY") == "full"
        or os.environ.get("LECTEUR_FULL_BATTERY") == "1")  # one switch for every battery
KILL_CYCLES = 200 if FULL else 20
DAMAGED_COPIES = 100 if FULL else 10
KILLS_PER_MIGRATION = 10 if FULL else 2
EDITS_PER_WRITER = 500 if FULL else 50
TESTS = Path(__file__).parent
ENV = {**os.environ, "PYTHONPATH": str(TESTS)}


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def integrity_of(path: Path) -> str:
    """``integrity_check`` as a new process would see it (the -wal replayed, nothing else)."""
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


# --- crash durability ---------------------------------------------------------------------

SAVER = r"""
import json, random, sys
from pathlib import Path
from lecteur.core.library.store import Library
from test_library import make_article

path, seed = Path(sys.argv[1]), int(sys.argv[2])
rng = random.Random(seed)
def say(*fields):
    print(json.dumps(fields, ensure_ascii=False), flush=True)

with Library(path) as lib:
    say("ready")
    notes = []
    for n in range(10_000):
        url = f"https://example.org/{seed}/{n}"
        say("want", "article", url)
        article_id, _ = lib.articles.add(make_article(n, url=url))
        say("ack", "article", url, article_id)
        tag = f"étiquette-{seed}-{n}"
        say("want", "tag", article_id, tag)
        lib.tags.add(article_id, tag)
        say("ack", "tag", article_id, tag)
        text = f"Note {seed}/{n} : « {rng.random()} » ✓"
        say("want", "note", article_id, text)
        notes.append(lib.notes.add(article_id, text))
        say("ack", "note", notes[-1], text)
        if len(notes) > 1 and rng.random() < 0.5:
            note_id = rng.choice(notes[:-1])
            text = f"Édition {seed}/{n} {rng.random()}"
            say("want", "edit", note_id, text)
            lib.notes.update(note_id, text)
            say("ack", "edit", note_id, text)
        draft = f"Brouillon {seed}/{n} {rng.random()}"
        say("want", "draft", f"note:{article_id}:0", draft)
        lib.drafts.put(f"note:{article_id}:0", draft)
        say("ack", "draft", f"note:{article_id}:0", draft)
        if len(notes) > 2 and rng.random() < 0.2:
            note_id = notes.pop(0)
            say("want", "delete", note_id)
            lib.notes.delete(note_id)
            say("ack", "delete", note_id)
"""


def _run_and_kill(args: list[str], after_s: float) -> list[list[object]]:
    """Start a child, SIGKILL it `after_s` seconds after it is ready; its complete lines."""
    child = subprocess.Popen([sys.executable, "-c", *args], env=ENV, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    assert child.stdout is not None
    first = child.stdout.readline()
    assert first.strip() == '["ready"]', (first, child.stderr.read() if child.stderr else "")
    time.sleep(after_s)
    child.send_signal(signal.SIGKILL)
    out, err = child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL, err
    lines = out.split("\n")
    # The last piece may be cut mid-line; a kill between a line and its newline leaves an
    # empty one (print writes the two apart).
    return [json.loads(line) for line in lines[:-1] if line]


def _check_acknowledged(path: Path, lines: list[list[object]], notes: dict[int, str | None]
                        ) -> int:
    """Assert every acknowledged write of one child is in the library; return how many."""
    conn = sqlite3.connect(path)
    acked = 0
    pending = lines[-1] if lines and lines[-1][0] == "want" else None
    try:
        for line in lines:
            if line[0] != "ack":
                continue
            acked += 1
            kind = line[1]
            if kind == "article":
                row = conn.execute("SELECT id FROM articles WHERE url = ?", (line[2],)).fetchone()
                assert row is not None and row[0] == line[3], line
            elif kind == "tag":
                assert conn.execute(
                    "SELECT 1 FROM article_tags JOIN tags ON tags.id = tag_id "
                    "WHERE article_id = ? AND name = ?", (line[2], line[3])).fetchone(), line
            elif kind == "draft":
                row = conn.execute("SELECT text FROM drafts WHERE key = ?", (line[2],)).fetchone()
                assert row is not None and row[0] == line[3], line
            elif kind in ("note", "edit"):
                notes[int(line[2])] = sha(str(line[3]))
            elif kind == "delete":
                notes[int(line[2])] = None
        for note_id, expected in notes.items():
            row = conn.execute("SELECT text FROM notes WHERE id = ?", (note_id,)).fetchone()
            found = None if row is None else sha(row[0])
            if found != expected:  # only the write in flight may have landed unacknowledged
                assert pending is not None and pending[1] in ("edit", "delete"), note_id
                assert pending[2] == note_id, (note_id, pending)
                assert found == (None if pending[1] == "delete" else sha(str(pending[3])))
                notes[note_id] = found
    finally:
        conn.close()
    return acked


def test_kill_9_while_saving_loses_no_acknowledged_write(tmp_path: Path) -> None:
    path = tmp_path / "lib" / "library.sqlite3"
    Library(path).close()
    rng = random.Random(20261203)
    notes: dict[int, str | None] = {}
    acked = 0
    for cycle in range(KILL_CYCLES):
        lines = _run_and_kill([SAVER, str(path), str(cycle)], rng.uniform(0.05, 0.3))
        assert integrity_of(path) == "ok", cycle
        acked += _check_acknowledged(path, lines, notes)
    assert acked >= KILL_CYCLES  # the children did save things between the kills
    print(f"\n{KILL_CYCLES} kill -9 cycles, {acked} acknowledged writes, 0 lost, "
          f"integrity ok {KILL_CYCLES}/{KILL_CYCLES}")


# --- kill -9 during every migration step --------------------------------------------------

MIGRATOR = r"""
import sys, time
from pathlib import Path
from lecteur.core.library import migrations
from lecteur.core.library.store import Library

def slowed(number, step):
    def apply(conn):
        print(f"in {number}", flush=True)
        time.sleep(0.05)
        step.apply(conn)
        time.sleep(0.05)
    return migrations.Migration(step.name, apply)

migrations.MIGRATIONS = tuple(slowed(n, m) for n, m in enumerate(migrations.MIGRATIONS, 1))
print('["ready"]', flush=True)
Library(Path(sys.argv[1])).close()
print("done", flush=True)
"""


def _schema_at(version: int) -> set[tuple[str, str]]:
    conn = sqlite3.connect(":memory:")
    for step in migrations.MIGRATIONS[:version]:
        step.apply(conn)
    found = set(conn.execute("SELECT type, name FROM sqlite_schema"))
    conn.close()
    return found


def _library_at(path: Path, version: int) -> None:
    """A library at schema `version`, holding one article (and a note from version 2)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    for step in migrations.MIGRATIONS[:version]:
        step.apply(conn)
    conn.execute(f"PRAGMA user_version = {version:d}")
    body = '[{"kind": "quote", "text": "x"}]'
    if version >= 1 and "blocks" in {row[1] for row in conn.execute("PRAGMA table_info(articles)")}:
        conn.execute("INSERT INTO articles (key, source, title, blocks, word_count, "
                     "reading_minutes, added_at, updated_at) VALUES ('k', 's', 'Titre', "
                     "?, 1, 1, 'now', 'now')", (body,))
    elif version >= 1:  # the body in its own table (migration "article bodies apart ...")
        conn.execute("INSERT INTO articles (key, source, title, word_count, reading_minutes, "
                     "added_at, updated_at) VALUES ('k', 's', 'Titre', 1, 1, 'now', 'now')")
        conn.execute("INSERT INTO article_bodies (article_id, blocks) VALUES (1, ?)", (body,))
    if version >= 2:
        conn.execute("INSERT INTO notes (article_id, text, created_at, updated_at) "
                     "VALUES (1, 'ma note', 'now', 'now')")
    conn.close()


def _kill_during(path: Path, number: int, delay_s: float) -> None:
    child = subprocess.Popen([sys.executable, "-c", MIGRATOR, str(path)], env=ENV,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert child.stdout is not None
    for line in child.stdout:
        if line.strip() == f"in {number}":
            break
    time.sleep(delay_s)
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=30)


@pytest.mark.parametrize("number", range(1, len(migrations.MIGRATIONS) + 1))
def test_kill_9_during_a_migration_step_leaves_one_whole_schema(tmp_path: Path,
                                                                number: int) -> None:
    rng = random.Random(number)
    for kill in range(KILLS_PER_MIGRATION):
        path = tmp_path / f"kill{kill}" / "library.sqlite3"
        path.parent.mkdir()
        _library_at(path, number - 1)
        _kill_during(path, number, rng.uniform(0.0, 0.12))
        assert integrity_of(path) == "ok"
        conn = sqlite3.connect(path)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        assert version in (number - 1, number), version
        assert set(conn.execute("SELECT type, name FROM sqlite_schema")) == _schema_at(version)
        conn.close()
        with Library(path) as lib:  # the next lecteur finishes the upgrade, nothing lost
            count = lib.db.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            assert count == (1 if number > 1 else 0)
            if number > 2:
                assert [n.text for n in lib.notes.of(1)] == ["ma note"]


# --- two writers --------------------------------------------------------------------------

EDITOR = r"""
import sys
from pathlib import Path
from lecteur.core.library.store import Library
from lecteur.core.errors import LecteurError

import time
path, who, count, go = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
errors = 0
with Library(path) as lib:  # as the command line opens it: 5 s busy timeout, no more
    while not go.exists():
        time.sleep(0.001)
    start = time.time()
    for n in range(count):
        try:
            if n % 2:
                lib.tags.add(1, f"{who}-{n}")
            else:
                lib.notes.add(1, f"{who} {n}")
        except LecteurError as error:
            errors += 1
            print("error", error, flush=True)
    print("span", start, time.time(), flush=True)
print("done", errors, flush=True)
"""


def test_two_processes_editing_lose_nothing_and_never_say_locked(tmp_path: Path) -> None:
    path = tmp_path / "lib" / "library.sqlite3"
    from test_library import make_article

    with Library(path) as lib:
        lib.articles.add(make_article(1, url="https://example.org/1"))
    go = tmp_path / "go"
    children = [subprocess.Popen([sys.executable, "-c", EDITOR, str(path), who,
                                  str(EDITS_PER_WRITER), str(go)], env=ENV,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for who in ("a", "b")]
    time.sleep(1.0)  # both interpreters started, each with the library open
    go.touch()
    start = time.perf_counter()
    backups_taken = 0
    with Library(path) as reader:  # a third lecteur backing up meanwhile
        while any(child.poll() is None for child in children):
            reader.backup()
            backups_taken += 1
            time.sleep(0.1)
    results = [child.communicate(timeout=120) for child in children]
    elapsed = time.perf_counter() - start
    for out, err in results:
        assert out.strip().endswith("done 0"), (out, err)
        assert "locked" not in out + err
    spans = [[float(x) for x in out.split("span ")[1].split()[:2]] for out, _ in results]
    overlap = min(spans[0][1], spans[1][1]) - max(spans[0][0], spans[1][0])
    assert overlap > 0, spans  # the two really wrote at the same time
    with Library(path) as lib:
        notes = [n.text for n in lib.notes.of(1)]
        tags = lib.tags.of(1)
    for who in ("a", "b"):
        assert sorted(t for t in tags if t.startswith(who)) == sorted(
            f"{who}-{n}" for n in range(1, EDITS_PER_WRITER, 2))
        assert sorted(t for t in notes if t.startswith(who)) == sorted(
            f"{who} {n}" for n in range(0, EDITS_PER_WRITER, 2))
    assert health.integrity(path) is None
    print(f"\n2 x {EDITS_PER_WRITER} edits in {elapsed:.2f} s (overlapping {overlap:.2f} s), "
          f"all present, 0 errors, {backups_taken} backups taken meanwhile")


COUNTER = r"""
import sqlite3, sys, time
from pathlib import Path
from lecteur.core.library.database import Database

path, mode, count, go = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
failures = 0
if mode == "lecteur":
    db = Database(path)
    while not go.exists():
        time.sleep(0.001)
    for _ in range(count):
        try:
            with db.write() as conn:  # BEGIN IMMEDIATE, as every lecteur write
                (value,) = conn.execute("SELECT value FROM meta WHERE key = 'n'").fetchone()
                time.sleep(0.002)
                conn.execute("UPDATE meta SET value = ? WHERE key = 'n'", (int(value) + 1,))
        except Exception:
            failures += 1
else:  # a deferred transaction (SQLite's default BEGIN) that reads, then writes
    conn = sqlite3.connect(path, timeout=5, isolation_level=None)
    while not go.exists():
        time.sleep(0.001)
    for _ in range(count):
        try:
            conn.execute("BEGIN")
            (value,) = conn.execute("SELECT value FROM meta WHERE key = 'n'").fetchone()
            time.sleep(0.002)
            conn.execute("UPDATE meta SET value = ? WHERE key = 'n'", (int(value) + 1,))
            conn.execute("COMMIT")
        except sqlite3.OperationalError:
            conn.execute("ROLLBACK")
            failures += 1
print(failures, flush=True)
"""


@pytest.mark.parametrize("mode", ["lecteur", "deferred"])
def test_read_modify_write_needs_begin_immediate(tmp_path: Path, mode: str) -> None:
    """Two processes incrementing one counter: lecteur's writes lose none; the negative
    control (deferred transactions, SQLite's default BEGIN) fails at once on the
    read-to-write upgrade, busy timeout or not (and Python's implicit transactions, which
    begin only at the UPDATE, would lose the update instead): which is why every lecteur
    write takes BEGIN IMMEDIATE."""
    path = tmp_path / "lib" / "library.sqlite3"
    with Library(path) as lib:
        lib.db.set_meta("n", "0")
    go = tmp_path / "go"
    count = EDITS_PER_WRITER
    children = [subprocess.Popen([sys.executable, "-c", COUNTER, str(path), mode, str(count),
                                  str(go)], env=ENV, stdout=subprocess.PIPE, text=True)
                for _ in range(2)]
    time.sleep(1.0)
    go.touch()
    failures = sum(int(child.communicate(timeout=120)[0]) for child in children)
    with Library(path) as lib:
        final = int(lib.db.get_meta("n") or 0)
    if mode == "lecteur":
        assert (failures, final) == (0, 2 * count)
    else:
        assert failures > 0 and final == 2 * count - failures
    print(f"\n{mode}: 2 x {count} increments, {failures} failed, counter {final}")


# --- damage -------------------------------------------------------------------------------


def test_damaged_copies_are_never_written_never_crash_and_offer_a_way_out(
        tmp_path: Path, cli) -> None:
    from test_library import make_article

    source = tmp_path / "source" / "library.sqlite3"
    with Library(source) as lib:
        for n in range(40):
            article_id, _ = lib.articles.add(make_article(n, url=f"https://example.org/{n}"))
            lib.notes.add(article_id, f"note {n}")
    pristine = source.read_bytes()
    page_size, pages = 4096, len(pristine) // 4096
    rng = random.Random(7)
    said = 0
    article = str(TESTS / "site" / "articles" / "fr-reseau.html")
    for copy in range(DAMAGED_COPIES):
        home = tmp_path / f"copy{copy}"
        home.mkdir()
        damaged = bytearray(pristine)
        if copy % 2:  # one whole page overwritten
            page = rng.randrange(pages)
            damaged[page * page_size:(page + 1) * page_size] = rng.randbytes(page_size)
        else:  # a few bytes flipped anywhere
            for _ in range(rng.randint(1, 16)):
                damaged[rng.randrange(len(damaged))] ^= 1 << rng.randrange(8)
        (home / "library.sqlite3").write_bytes(bytes(damaged))
        for command in (("ls",), ("show", "1"), ("search", "réseautage"), ("add", article)):
            ran = cli("--library", str(home), *command)
            assert "went wrong" not in ran.err, (copy, command, ran.err)
            if "is damaged" in ran.err:  # at open (the file untouched) or by the backup after
                said += 1
                if "added" not in ran.out:
                    assert (home / "library.sqlite3").read_bytes() == bytes(damaged), copy
                assert "lecteur restore" in ran.err or "no backup" in ran.err
    assert said > 0
    print(f"\n{DAMAGED_COPIES} damaged copies, {said} commands said 'damaged', 0 crashes, "
          "0 damaged files written")


# --- permissions --------------------------------------------------------------------------


def test_every_file_lecteur_makes_is_private(tmp_path: Path, cli,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "fresh" / "home"
    article = TESTS / "site" / "articles" / "fr-reseau.html"
    assert cli("--library", str(home), "add", str(article)).code == 0
    assert cli("--library", str(home), "backup").code == 0
    assert cli("--library", str(home), "note", "1", "Une note").code == 0
    exports = tmp_path / "fresh" / "exports"
    assert cli("--library", str(home), "export", "--format", "markdown", "--out",
               str(exports)).code == 0
    dump = tmp_path / "fresh" / "backup.json"
    assert cli("--library", str(home), "export", "--format", "json", "--out",
               str(dump)).code == 0
    from lecteur.cli import commands

    def boom(args):
        raise RuntimeError("bug")

    monkeypatch.setattr(commands, "cmd_dirs", boom)
    assert cli("--library", str(home), "dirs").code == 1
    with Library(home / "library.sqlite3") as lib:
        lib.tags.add(1, "ouvert")  # -wal and -shm exist while a lecteur has it open
        files = [home / "library.sqlite3", home / "library.sqlite3-wal",
                 home / "library.sqlite3-shm", home / "cache" / "crash.log",
                 *(home / "backups").iterdir(), *exports.glob("*.md"), dump]
        assert list(exports.glob("*.md")), "the export wrote no file"
        for file in files:
            assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
    for folder in (tmp_path / "fresh", home, home / "cache", home / "backups"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


READER_WRITER = r"""
import sys, time
from pathlib import Path
from lecteur.ui.writer import LibraryWriter
from lecteur.ui.messages import WriteFailed

path, count, go = Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
failures = []
writer = LibraryWriter(path, lambda message: isinstance(message, WriteFailed)
                       and failures.append(str(message.error)))
while not go.exists():
    time.sleep(0.001)
start = time.time()
for n in range(count):  # the reader's keys, as its writer thread runs them
    if n % 2:
        writer.submit(lambda lib, n=n: lib.tags.add(1, f"reader-{n}"))
    else:
        writer.submit(lambda lib, n=n: lib.notes.add(1, f"reader {n}"))
    time.sleep(0.1)  # a person's keys come one by one, not in one burst
assert writer.close(timeout=120)
print("span", start, time.time(), flush=True)
print("failures", len(failures), *failures, flush=True)
"""


def test_the_cli_and_the_reader_editing_at_once_lose_nothing(tmp_path: Path) -> None:
    """The real `lecteur` command and the reader's writer thread, each making its edits to
    one library at the same time: every edit is there and nobody is told it was locked."""
    home = tmp_path / "lib"
    path = home / "library.sqlite3"
    from test_library import make_article

    with Library(path) as lib:
        lib.articles.add(make_article(1, url="https://example.org/1"))
    count = EDITS_PER_WRITER  # each CLI edit is a whole `lecteur` process
    go = tmp_path / "go"
    reader = subprocess.Popen([sys.executable, "-c", READER_WRITER, str(path),
                               str(count), str(go)], env=ENV,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.0)
    go.touch()
    lecteur = [sys.executable, "-m", "lecteur", "--library", str(home)]
    said = []
    cli_start = time.time()
    for n in range(count):
        command = ["tag", "1", f"cli-{n}"] if n % 2 else ["note", "1", f"cli {n}"]
        ran = subprocess.run([*lecteur, *command], env=ENV, capture_output=True, text=True,
                             timeout=60)
        said.append((ran.returncode, ran.stderr))
    cli_end = time.time()
    out, err = reader.communicate(timeout=180)
    span = [float(x) for x in out.split("span ")[1].split()[:2]]
    assert min(span[1], cli_end) - max(span[0], cli_start) > 0.5, (span, cli_start, cli_end)
    assert [s for s in said if s[0] != 0 or "locked" in s[1]] == []
    assert "failures 0" in out and "locked" not in out + err, (out, err)
    with Library(path) as lib:
        notes = {n.text for n in lib.notes.of(1)}
        tags = set(lib.tags.of(1))
    assert {f"cli-{n}" for n in range(1, count, 2)} <= tags
    assert {f"cli {n}" for n in range(0, count, 2)} <= notes
    assert {f"reader-{n}" for n in range(1, count, 2)} <= tags
    assert {f"reader {n}" for n in range(0, count, 2)} <= notes
    print(f"\n{count} CLI processes and {count} reader edits at once: all present, 0 errors")
    assert health.integrity(path) is None
