"""The lossless backup: ``export --format json`` then ``import`` into an empty library gives
back the same library, and an import never mixes libraries or trusts the file's names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import run_cli
from lecteur.core.library import migrations
from lecteur.core.library.store import Library
from lecteur.core.library.views import View

TESTS = Path(__file__).parent
PAGES = [TESTS / "corpus" / "fr" / "01-reseauter-introverti-cinq-strategies.html",
         TESTS / "corpus" / "en" / "02-cold-emails-that-get-answers.html",
         TESTS / "pages" / "conseil.txt"]


@pytest.fixture
def full(tmp_path: Path) -> Path:
    """A library holding one of everything the reader can do."""
    folder = tmp_path / "full"
    assert run_cli("--library", str(folder), "add", *map(str, PAGES)).code == 0
    gone = TESTS / "corpus" / "fr" / "09-5-a-7-reseautage-mode-emploi.html"  # id 4, removed:
    assert run_cli("--library", str(folder), "add", str(gone)).code == 0  # with lasting ids,
    assert run_cli("--library", str(folder), "rm", "--purge", "4").code == 0  # never again
    for args in (("note", "1", "Une note\nsur deux lignes."),
                 ("highlight", "1", "visez deux vraies conversations", "--note", "La règle."),
                 ("highlight", "2", "why you wrote to me")):
        assert run_cli("--library", str(folder), *args).code == 0
    with Library(folder / "library.sqlite3") as library:
        library.tags.add(1, "réseautage")
        library.tags.add(2, "email")
        library.views.set_flag(1, "starred", True)
        library.views.set_flag(2, "archived", True)
        library.views.mark_read(1)
        library.views.save_progress(3, 0.5, 4)
        library.quotations.keep(library.quotations.of_article(1)[1].id)
        library.notes.add(2, "Sur un bloc.", block_index=3)
        library.highlights.toggle(3, 0, "Un paragraphe entier.")
        library.drafts.put("note:1:", "brouillon en cours")
        library.db.set_meta("demo_loaded", "1")
    return folder


def backup_of(folder: Path) -> str:
    ran = run_cli("--library", str(folder), "export", "--format", "json")
    assert ran.code == 0, ran.err
    return ran.out


def test_export_then_import_gives_back_the_same_library(full: Path, tmp_path: Path) -> None:
    before = backup_of(full)
    (tmp_path / "backup.json").write_text(before, encoding="utf-8")
    copy = tmp_path / "copy"
    ran = run_cli("--library", str(copy), "import", str(tmp_path / "backup.json"))
    assert ran.code == 0, ran.err
    assert ran.out == "imported 3 article(s), 3 note(s), 3 highlight(s)\n"
    assert backup_of(copy) == before  # every row of every table, byte for byte
    data = json.loads(before)
    assert data["schema"] == len(migrations.MIGRATIONS)
    assert set(data["sequences"]) <= set(data["tables"])
    assert {"articles", "quotes", "tags", "article_tags", "highlights", "notes", "drafts",
            "meta"} <= set(data["tables"])
    for command in (("show", "1", "--json"), ("notes", "--json"), ("quotes", "--json"),
                    ("search", "reseautage", "--json"), ("people", "--json")):
        assert run_cli("--library", str(copy), *command).out == run_cli(
            "--library", str(full), *command).out, command
    with Library(copy / "library.sqlite3") as library:  # the index was rebuilt
        assert [e.id for e in library.articles.search("introverti")] == [1]
        assert library.views.count(View("starred")) == 1
        assert library.drafts.get("note:1:") == "brouillon en cours"


def test_import_reads_standard_input(full: Path, tmp_path: Path) -> None:
    before = backup_of(full)
    ran = run_cli("--library", str(tmp_path / "copy"), "import", "-", stdin=before.encode())
    assert ran.code == 0, ran.err
    assert backup_of(tmp_path / "copy") == before


def test_import_refuses_a_library_that_holds_articles(full: Path, tmp_path: Path) -> None:
    (tmp_path / "b.json").write_text(backup_of(full), encoding="utf-8")
    before = backup_of(full)
    ran = run_cli("--library", str(full), "import", str(tmp_path / "b.json"))
    assert ran.code == 1
    assert ran.err.startswith("lecteur: A backup is imported into an empty library")
    assert backup_of(full) == before


@pytest.mark.parametrize(("change", "says"), [
    (lambda d: d.update(format="other"), "it is not a lecteur backup"),
    (lambda d: d.update(schema=999), "newer lecteur"),
    (lambda d: d["tables"].update(evil={"columns": ["x"], "rows": [[1]]}), "unknown table"),
    (lambda d: d["tables"]["tags"]["columns"].__setitem__(1, 'name"); DROP TABLE articles;--'),
     "unknown column"),
    (lambda d: d["tables"]["tags"]["rows"].append([1]), "is malformed"),
])
def test_a_damaged_or_hostile_backup_is_refused_whole(full: Path, tmp_path: Path, change,
                                                      says: str) -> None:
    data = json.loads(backup_of(full))
    change(data)
    (tmp_path / "b.json").write_text(json.dumps(data), encoding="utf-8")
    copy = tmp_path / "copy"
    ran = run_cli("--library", str(copy), "import", str(tmp_path / "b.json"))
    assert ran.code == 1 and says in ran.err and "Traceback" not in ran.err
    with Library(copy / "library.sqlite3") as library:  # nothing half-imported
        assert library.articles.is_empty() and library.tags.all() == []


def test_a_file_that_is_not_json_is_one_sentence(tmp_path: Path) -> None:
    (tmp_path / "b.json").write_text("not json", encoding="utf-8")
    ran = run_cli("--library", str(tmp_path / "lib"), "import", str(tmp_path / "b.json"))
    assert ran.code == 1 and ran.err.startswith("lecteur: This file cannot be imported")
    missing = run_cli("--library", str(tmp_path / "lib"), "import", str(tmp_path / "none"))
    assert missing.code == 1 and "Cannot read" in missing.err


def test_escape_sequences_in_a_crafted_backup_are_stripped(full: Path, tmp_path: Path) -> None:
    data = json.loads(backup_of(full))
    data["tables"]["tags"]["rows"][0][1] = "evil\x1b]52;c;eA==\x07"
    (tmp_path / "b.json").write_text(json.dumps(data), encoding="utf-8")
    assert run_cli("--library", str(tmp_path / "copy"), "import",
                   str(tmp_path / "b.json")).code == 0
    with Library(tmp_path / "copy" / "library.sqlite3") as library:
        assert all("\x1b" not in tag.name for tag in library.tags.all())


def test_a_backup_escapes_what_a_terminal_would_act_on_and_loads_it_back(
        full: Path, tmp_path: Path) -> None:
    with Library(full / "library.sqlite3") as library:
        library.notes.add(1, "sens \u202einverse\u202c et \u2028 ligne")
    text = backup_of(full)
    assert not set(text) & {"\u202e", "\u202c", "\u2028", "\x1b", "\x9b"}
    assert "\\u202e" in text
    (tmp_path / "b.json").write_text(text, encoding="utf-8")
    copy = tmp_path / "copy"
    assert run_cli("--library", str(copy), "import", str(tmp_path / "b.json")).code == 0
    assert backup_of(copy) == text
    with Library(copy / "library.sqlite3") as library:
        assert "sens \u202einverse\u202c et \u2028 ligne" in [n.text for n in library.notes.of(1)]


def test_a_backup_written_to_a_file_is_the_same_and_private(full: Path, tmp_path: Path) -> None:
    target = tmp_path / "saves" / "backup.json"
    ran = run_cli("--library", str(full), "export", "--format", "json", "--out", str(target))
    assert ran.code == 0 and ran.out == f"JSON backup written to {target}\n"
    assert target.read_text(encoding="utf-8") == backup_of(full)
    assert target.stat().st_mode & 0o777 == 0o600


def test_import_does_not_depend_on_the_order_of_the_tables(full: Path, tmp_path: Path,
                                                            monkeypatch) -> None:
    """A migration that rebuilds a parent table puts it after its children in the schema."""
    from lecteur.core.library import dump

    before = backup_of(full)
    tables = dump._tables
    monkeypatch.setattr(dump, "_tables", lambda conn: list(reversed(tables(conn))))
    (tmp_path / "b.json").write_text(before, encoding="utf-8")
    ran = run_cli("--library", str(tmp_path / "copy"), "import", str(tmp_path / "b.json"))
    assert ran.code == 0, ran.err
    monkeypatch.setattr(dump, "_tables", tables)
    assert backup_of(tmp_path / "copy") == before


def test_a_note_on_an_article_that_is_not_there_is_refused(full: Path, tmp_path: Path) -> None:
    data = json.loads(backup_of(full))
    data["tables"]["notes"]["rows"][0][1] = 999  # article_id
    (tmp_path / "b.json").write_text(json.dumps(data), encoding="utf-8")
    ran = run_cli("--library", str(tmp_path / "copy"), "import", str(tmp_path / "b.json"))
    assert ran.code == 1 and ran.err.startswith("lecteur: The library could not save this")
    assert "FOREIGN KEY" in ran.err and "went wrong" not in ran.err
    with Library(tmp_path / "copy" / "library.sqlite3") as library:
        assert library.articles.is_empty()


@pytest.mark.parametrize("piece_chars", [1, 300, 65_536])
def test_the_streamed_backup_is_the_same_text(full: Path, piece_chars: int) -> None:
    """`dump_json` writes the backup as it reads it: the very text `json.dumps` gives."""
    import json

    from lecteur.core.library import dump

    with Library(full / "library.sqlite3") as library:
        whole = json.dumps(dump.dump(library.db), ensure_ascii=False)
        pieces = list(dump.dump_json(library.db, piece_chars=piece_chars))
    assert "".join(pieces) == whole
    assert len(pieces) > 10 or piece_chars > 300


def test_a_blob_is_streamed_as_the_whole_dump_writes_it(tmp_path: Path) -> None:
    """A BLOB (SQLite lets any column hold one) is ``{"base64": ...}`` in the streamed
    backup too, where each page of rows is encoded in one call."""
    import sqlite3

    from lecteur.core.library import dump

    folder = tmp_path / "blob"
    assert run_cli("--library", str(folder), "add", str(PAGES[2])).code == 0
    conn = sqlite3.connect(folder / "library.sqlite3", isolation_level=None)
    conn.execute("UPDATE articles SET language = ?", (b"\x00\xff binary",))
    conn.close()
    with Library(folder / "library.sqlite3") as library:
        whole = json.dumps(dump.dump(library.db), ensure_ascii=False)
        assert "".join(dump.dump_json(library.db)) == whole
    assert '{"base64": "AP8gYmluYXJ5"}' in whole
