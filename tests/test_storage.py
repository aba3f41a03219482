"""The library file under damage, a newer version, foreign folders, a full or read-only disk.

Each test works on a real library file: a page overwritten in place, a tmpfs mounted with a
size limit or remounted read-only (when the tests run as root; otherwise SQLite's
``max_page_count`` stands in for the full disk), eight processes creating one library.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from lecteur.core.errors import DamagedLibraryError, DiskFullError, NewerLibraryError
from lecteur.core.library import backups, health, migrations
from lecteur.core.library.store import Library
from test_library import make_article

ARTICLE = Path(__file__).parent / "site" / "articles" / "fr-reseau.html"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fill(path: Path, count: int = 6) -> None:
    """A closed library of `count` articles (its -wal folded in)."""
    with Library(path) as lib:
        for n in range(count):
            lib.articles.add(make_article(n, url=f"https://example.org/{n}"))


def pages_of(path: Path, table: str) -> list[int]:
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = ? ORDER BY pageno", (table,))]
    finally:
        conn.close()


def overwrite_page(path: Path, page: int) -> None:
    """Write garbage over one whole page of the file, as a bad disk would."""
    size = 4096
    with path.open("r+b") as handle:  # the test's own raw write, with no lecteur open
        handle.seek((page - 1) * size)
        handle.write(bytes([0xA5]) * size)


@pytest.fixture
def library_path(house: Path) -> Path:
    return house / "library.sqlite3"


# --- item 3: damage -----------------------------------------------------------------------


def test_damaged_library_is_said_kept_read_and_restored(library_path: Path, cli) -> None:
    fill(library_path)
    with Library(library_path) as lib:
        lib.backup()
    overwrite_page(library_path, pages_of(library_path, "search_data")[-1])
    before = digest(library_path)

    listed = cli("ls")
    assert listed.code == 0
    assert "is damaged" in listed.err and "lecteur restore" in listed.err
    assert listed.err.count("\n") == 1  # one sentence
    assert "Article 5" in listed.out and "Article 0" in listed.out  # read-only listing
    added = cli("add", str(ARTICLE))
    assert added.code == 1 and "is damaged" in added.err
    assert digest(library_path) == before  # never modified...
    assert not Path(f"{library_path}-wal").exists() or \
        Path(f"{library_path}-wal").stat().st_size == 0

    restored = cli("restore")
    assert restored.code == 0, restored.err
    kept = [p for p in library_path.parent.iterdir() if ".before-restore-" in p.name
            and not p.name.endswith(("-wal", "-shm"))]
    assert len(kept) == 1 and digest(kept[0]) == before  # ...nor deleted
    after = cli("ls")
    assert after.code == 0 and after.err == "" and "Article 5" in after.out
    assert cli("add", str(ARTICLE)).code == 0
    assert health.integrity(library_path) is None


def test_a_damaged_first_page_is_one_sentence_and_untouched(library_path: Path, cli) -> None:
    fill(library_path)
    overwrite_page(library_path, 1)
    before = digest(library_path)
    for command in (("ls",), ("add", str(ARTICLE)), ("search", "réseau")):
        ran = cli(*command)
        assert ran.code == 1, command
        assert "is damaged" in ran.err and "no backup exists yet" in ran.err, ran.err
        assert "went wrong" not in ran.err
    assert digest(library_path) == before


def test_damage_the_bounded_check_misses_is_found_by_the_daily_backup(
        library_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fill(library_path)
    overwrite_page(library_path, pages_of(library_path, "search_data")[-1])
    bounded = health._bounded
    monkeypatch.setattr(health, "_bounded", lambda *args: None)  # cut short, as when large
    with Library(library_path) as lib, pytest.raises(DamagedLibraryError, match="damaged"):
        lib.backup()
    assert backups.listing(library_path) == []  # a bad copy is never kept to be restored
    monkeypatch.setattr(health, "_bounded", bounded)
    with Library(library_path, for_writing=False) as lib:  # from now on, only read
        assert lib.read_only and lib.damage and "damaged" in lib.damage
    with pytest.raises(DamagedLibraryError):
        Library(library_path)


def test_the_quick_check_is_cheap(library_path: Path) -> None:
    fill(library_path, 50)
    conn = health.open_read_only(library_path)
    start = time.perf_counter()
    assert health.problem(conn) is None
    elapsed = time.perf_counter() - start
    conn.close()
    assert elapsed < health.CHECK_BUDGET_S + 0.05


def test_newer_rollback_journal_library_stays_byte_identical(library_path: Path, cli) -> None:
    fill(library_path, 2)
    raw = sqlite3.connect(library_path)
    raw.execute("PRAGMA journal_mode = DELETE")
    raw.execute(f"PRAGMA user_version = {migrations.LATEST_VERSION + 1}")
    raw.close()
    before = digest(library_path)
    with pytest.raises(NewerLibraryError):
        Library(library_path)
    for command in (("ls",), ("add", str(ARTICLE)), ("backup",)):
        ran = cli(*command)
        assert ran.code == 1 and "newer lecteur" in ran.err, command
    assert digest(library_path) == before
    assert not Path(f"{library_path}-wal").exists()


# --- backups ------------------------------------------------------------------------------


def test_backups_are_verified_rotated_and_private(library_path: Path, cli) -> None:
    fill(library_path, 2)
    for _ in range(backups.KEEP + 2):
        ran = cli("backup")
        assert ran.code == 0 and "backed up to" in ran.out
    found = backups.listing(library_path)
    assert len(found) == backups.KEEP
    assert stat.S_IMODE(backups.folder_of(library_path).stat().st_mode) == 0o700
    for backup in found:
        assert stat.S_IMODE(backup.stat().st_mode) == 0o600
        assert health.integrity(backup) is None
    assert sorted(p.name for p in backups.folder_of(library_path).iterdir()) == \
        sorted(p.name for p in found)  # no -wal or -shm left beside them
    listed = cli("restore", "--list")
    assert listed.out.count("\n") == backups.KEEP


def test_a_backup_is_taken_once_a_day_after_a_write(library_path: Path, cli) -> None:
    assert cli("add", str(ARTICLE)).code == 0
    assert len(backups.listing(library_path)) == 1
    assert cli("add", str(ARTICLE)).code == 0
    assert len(backups.listing(library_path)) == 1
    old = time.time() - backups.EVERY_S - 60
    os.utime(backups.listing(library_path)[0], (old, old))
    assert cli("rm", "1").code == 0
    assert len(backups.listing(library_path)) == 2


def test_a_backup_is_taken_before_a_migration(library_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    fill(library_path, 2)
    extra = migrations.Migration("test: a new column",
                                 lambda conn: conn.execute("ALTER TABLE meta ADD COLUMN x"))
    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, extra))
    monkeypatch.setattr(migrations, "LATEST_VERSION", len(migrations.MIGRATIONS))
    Library(library_path).close()
    (backup,) = backups.listing(library_path)
    conn = sqlite3.connect(backup)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(migrations.MIGRATIONS) - 1
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    conn.close()


BACKER = """
import sys
from pathlib import Path
from lecteur.core.library.store import Library
with Library(Path(sys.argv[1])) as lib:
    print("start", flush=True)
    lib.backup()
    print("done", flush=True)
"""


def test_a_backup_killed_midway_leaves_nothing_that_looks_like_a_backup(
        library_path: Path) -> None:
    fill(library_path, 300)
    outcomes = []
    for delay in (0.0, 0.01, 0.02, 0.04, 0.08):
        child = subprocess.Popen([sys.executable, "-c", BACKER, str(library_path)],
                                 env={**os.environ, "PYTHONPATH": str(Path(__file__).parent)},
                                 stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None and child.stdout.readline().strip() == "start"
        time.sleep(delay)
        child.kill()
        outcomes.append(child.communicate()[0].strip())
        for backup in backups.listing(library_path):  # only finished, verified copies
            assert health.integrity(backup) is None, backup
            conn = health.open_read_only(backup)
            assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 300
            conn.close()
    assert "" in outcomes  # at least one kill landed mid-backup
    with Library(library_path) as lib:
        lib.backup()
    assert not list(backups.folder_of(library_path).glob(".*"))  # the partial is cleaned up


def test_restore_a_named_backup(library_path: Path, cli) -> None:
    fill(library_path, 1)
    with Library(library_path) as lib:
        first = lib.backup()
        lib.articles.add(make_article(9, url="https://example.org/9"))
    ran = cli("restore", first.name)
    assert ran.code == 0, ran.err
    with Library(library_path) as lib:
        assert lib.articles.count() == 1
    assert cli("restore", "nope.sqlite3").code == 1


HOLDER = """
import sys, time
from pathlib import Path
from lecteur.core.library.store import Library
with Library(Path(sys.argv[1])) as lib:
    lib.articles.count()
    print("open", flush=True)
    time.sleep(60)
"""


def test_restore_is_refused_while_another_lecteur_has_the_library_open(
        library_path: Path, cli) -> None:
    fill(library_path, 1)
    with Library(library_path) as lib:
        lib.backup()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(library_path)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        before = digest(library_path)
        ran = cli("restore")
        assert ran.code == 1 and "Another lecteur has this library open" in ran.err
        assert digest(library_path) == before
        assert not [p for p in library_path.parent.iterdir() if "restor" in p.name]
    finally:
        holder.kill()
        holder.wait()
    assert cli("restore").code == 0


# --- item 4: folders, crash log, creation ---------------------------------------------------


def test_absent_library_reads_empty_and_creates_nothing(tmp_path: Path, cli) -> None:
    folder = tmp_path / "not-yet"
    for command in (("ls",), ("search", "x"), ("quotes",), ("people",)):
        ran = cli("--library", str(folder), *command)
        assert ran.code == 0, (command, ran.err)
    assert "empty" in cli("--library", str(folder), "ls").out
    assert not folder.exists()


def test_a_foreign_folder_is_refused_for_writes_and_left_as_it_is(tmp_path: Path, cli) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    (shared / "holiday.jpg").write_bytes(b"x")
    added = cli("--library", str(shared), "add", str(ARTICLE))
    assert added.code == 1 and "is not a lecteur library" in added.err
    assert "holiday.jpg" in added.err
    listed = cli("--library", str(shared), "ls")
    assert listed.code == 0 and "empty" in listed.out
    assert sorted(p.name for p in shared.iterdir()) == ["holiday.jpg"]
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755


def test_desktop_litter_does_not_make_a_folder_foreign(tmp_path: Path, cli) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / ".DS_Store").write_bytes(b"\0")
    assert cli("--library", str(folder), "add", str(ARTICLE)).code == 0


def test_only_folders_lecteur_makes_are_private(tmp_path: Path, cli) -> None:
    mine = tmp_path / "empty"
    mine.mkdir()
    mine.chmod(0o755)
    assert cli("--library", str(mine), "add", str(ARTICLE)).code == 0
    assert stat.S_IMODE(mine.stat().st_mode) == 0o755  # existing: left as it was
    made = tmp_path / "a" / "b"
    assert cli("--library", str(made), "add", str(ARTICLE)).code == 0
    for folder in (tmp_path / "a", made, made / "backups"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def _crash(monkeypatch: pytest.MonkeyPatch) -> None:
    from lecteur.cli import commands

    def boom(args):
        raise RuntimeError("an unexpected bug")

    monkeypatch.setattr(commands, "cmd_dirs", boom)


def test_crash_log_goes_under_the_library_in_use_0600(tmp_path: Path, cli,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    _crash(monkeypatch)
    folder = tmp_path / "lib"
    ran = cli("--library", str(folder), "dirs")
    assert ran.code == 1 and "something went wrong" in ran.err
    log = folder / "cache" / "crash.log"
    assert str(log) in ran.err
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert "an unexpected bug" in log.read_text()


@pytest.mark.parametrize("planted", ["file", "folder"])
def test_crash_log_never_follows_a_planted_link(tmp_path: Path, cli, planted: str,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    _crash(monkeypatch)
    folder = tmp_path / "lib"
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "crash.log").write_text("precious\n")
    (victim / "crash.log").chmod(0o644)
    if planted == "file":
        (folder / "cache").mkdir(parents=True)
        (folder / "cache" / "crash.log").symlink_to(victim / "crash.log")
    else:
        folder.mkdir()
        (folder / "cache").symlink_to(victim, target_is_directory=True)
    ran = cli("--library", str(folder), "dirs")
    assert ran.code == 1 and "no log" in ran.err
    assert (victim / "crash.log").read_text() == "precious\n"
    assert stat.S_IMODE((victim / "crash.log").stat().st_mode) == 0o644


CREATOR = """
import sys, time
from pathlib import Path
from lecteur.core.library.store import Library
from test_library import make_article
path, go, n = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
while not go.exists():
    time.sleep(0.001)
with Library(path) as lib:
    lib.articles.add(make_article(n, url=f"https://example.org/{n}"))
print("ok")
"""


def test_eight_processes_creating_one_library_at_once(tmp_path: Path) -> None:
    path = tmp_path / "fresh" / "library.sqlite3"
    go = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent)}
    children = [subprocess.Popen([sys.executable, "-c", CREATOR, str(path), str(go), str(n)],
                                 env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True) for n in range(8)]
    time.sleep(1.5)  # every interpreter started and waiting
    go.touch()
    results = [child.communicate(timeout=60) for child in children]
    assert [child.returncode for child in children] == [0] * 8, results
    with Library(path) as lib:
        assert lib.articles.count() == 8
    assert health.integrity(path) is None
    assert [p.name for p in path.parent.iterdir() if p.name.startswith(".")] == []


def test_a_library_left_half_made_by_a_killed_lecteur_is_cleaned_up(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    stale, recent = folder / ".library-old.new", folder / ".library-now.new"
    stale.write_bytes(b"half")
    recent.write_bytes(b"being made by another lecteur")
    old = time.time() - 7200
    os.utime(stale, (old, old))
    Library(folder / "library.sqlite3").close()
    assert not stale.exists() and recent.exists()


# --- item 7: a full disk, a read-only one ---------------------------------------------------


def test_a_full_library_says_so_and_keeps_what_was_saved(library_path: Path) -> None:
    fill(library_path, 3)
    with Library(library_path) as lib:
        pages = lib.db.conn.execute("PRAGMA page_count").fetchone()[0]
        lib.db.conn.execute(f"PRAGMA max_page_count = {pages}")
        big = make_article(99, url="https://example.org/big", body="mot " * 200_000)
        with pytest.raises(DiskFullError, match="The disk is full"):
            lib.articles.add(big)
        assert lib.articles.count() == 3
    assert health.integrity(library_path) is None


@contextlib.contextmanager
def tiny_filesystem(where: Path, size: str) -> Iterator[Path]:
    """A tmpfs of `size` mounted at `where` (skips the test where mounting is not allowed)."""
    where.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small filesystem needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs",
                           str(where)], capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def _fill_disk(folder: Path) -> None:
    with (folder / "filler").open("wb") as handle, contextlib.suppress(OSError):
        while True:
            handle.write(b"\0" * 65536)
            handle.flush()


def test_a_full_disk_is_one_sentence_and_loses_nothing(tmp_path: Path, cli) -> None:
    with tiny_filesystem(tmp_path / "disk", "2m") as disk:
        folder = disk / "lib"
        assert cli("--library", str(folder), "add", str(ARTICLE)).code == 0
        _fill_disk(disk)
        big = tmp_path / "big.html"
        body = "".join(f"<p>Paragraphe {n} : le réseautage se cultive.</p>" for n in range(20000))
        big.write_text(f"<html><head><title>Gros</title></head><body><article><h1>Gros</h1>"
                       f"{body}</article></body></html>", encoding="utf-8")
        ran = cli("--library", str(folder), "add", str(big))
        assert ran.code == 1
        assert ran.err.startswith("lecteur: The disk is full"), ran.err
        assert ran.err.count("\n") == 1
        assert "went wrong" not in ran.err
        assert not (folder / "cache" / "crash.log").exists()
        full = cli("--library", str(folder), "ls")  # reading needs no room
        assert full.code == 0 and "Réseauter" in full.out, full.err
        (disk / "filler").unlink()
        listed = cli("--library", str(folder), "ls")
        assert listed.code == 0 and "Réseauter" in listed.out
        assert health.integrity(folder / "library.sqlite3") is None


def test_a_read_only_filesystem_can_be_listed_and_read(tmp_path: Path, cli) -> None:
    with tiny_filesystem(tmp_path / "disk", "8m") as disk:
        folder = disk / "lib"
        assert cli("--library", str(folder), "add", str(ARTICLE)).code == 0
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        listed = cli("--library", str(folder), "ls")
        assert listed.code == 0 and "Réseauter" in listed.out, listed.err
        assert listed.err == ""
        assert cli("--library", str(folder), "show", "1").code == 0
        assert cli("--library", str(folder), "search", "réseauter").code == 0
        added = cli("--library", str(folder), "rm", "1")
        assert added.code == 1 and "read-only" in added.err, added.err
        assert "went wrong" not in added.err


# --- the library file is only ever touched through SQLite -----------------------------------

FILE_COPIES = {"copy", "copy2", "copyfile", "copyfileobj", "move"}


def test_no_code_copies_files_behind_sqlites_back() -> None:
    """A file copy can catch a transaction half-written (sqlite's howtocorrupt.html): backups
    go through the backup API, restores through rename. No shutil copy anywhere in lecteur."""
    import ast

    source = Path(__file__).parent.parent / "src" / "lecteur"
    found = []
    for module in source.rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Attribute) and node.attr in FILE_COPIES
                    and isinstance(node.value, ast.Name) and node.value.id == "shutil"):
                found.append(f"{module.relative_to(source)}:{node.lineno}")
    assert found == []


def test_the_names_lecteur_gives_its_files_are_its_own() -> None:
    """The foreign-folder rule knows every name the modules that write there use."""
    from lecteur.core import paths
    from lecteur.core.io import crashlog

    assert paths.dirs("/x").library.name == paths.LIBRARY_FILE
    for name in (backups.FOLDER, crashlog.CRASH_LOG, "config", "cache"):
        assert name in paths.OWN_NAMES, name
    assert paths.foreign_entries(Path("/no/such/folder")) == []


def test_a_folder_lecteur_has_used_for_everything_is_still_its_own(
        tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """Added, backed up, restored, damaged, crashed, set: every file left in the folder is
    lecteur's, so a library deleted by hand can be made again in the same folder."""
    from lecteur.core import paths
    from lecteur.core.config import config_path
    from lecteur.core.io.settings import save_theme

    folder = tmp_path / "lib"
    assert cli("--library", str(folder), "add", str(ARTICLE)).code == 0
    assert cli("--library", str(folder), "backup").code == 0
    assert cli("--library", str(folder), "restore").code == 0  # leaves .before-restore-*
    save_theme("textual-light", config_path(paths.dirs(folder)))
    backups.mark_damaged(folder / paths.LIBRARY_FILE, "test")
    _crash(monkeypatch)
    assert cli("--library", str(folder), "dirs").code == 1  # cache/crash.log
    left = sorted(p.name for p in folder.iterdir())
    assert {"backups", "cache", "config", "library.sqlite3.damaged"} <= set(left), left
    assert any(name.startswith("library.sqlite3.before-restore-") for name in left), left
    assert paths.foreign_entries(folder) == []
    for name in left:
        if name.startswith(paths.LIBRARY_FILE):
            (folder / name).unlink()
    again = cli("--library", str(folder), "add", str(ARTICLE))
    assert again.code == 0, again.err


def test_backup_and_restore_speak_french(house: Path, cli) -> None:
    assert cli("add", str(ARTICLE)).code == 0
    made = cli("--lang", "fr", "backup")
    assert made.code == 0 and made.out.startswith("sauvegardée dans ")
    restored = cli("--lang", "fr", "restore")
    assert restored.code == 0, restored.err
    assert "restaurée" in restored.out and "gardée sous le nom" in restored.out
    assert "remettre une sauvegarde" in cli("--lang", "fr", "--help").out
    assert "la plus récente" in cli("--lang", "fr", "restore", "--help").out
