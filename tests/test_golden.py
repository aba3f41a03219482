"""The JSON contracts of the command line, pinned byte for byte by files in tests/golden/.

Each case runs the real command line (in this process) on fixed inputs: pages from
tests/pages/ and tests/corpus/ named relative to tests/ (so ``source`` does not depend on
where the checkout lives), a library filled in a fixed order under a clock that starts at
2025-06-15T09:30:00Z and ticks one second per reading, and one quotation kept. After an
intended change of a contract, regenerate every file with

    LECTEUR_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py

and read the diff before committing it. The field lists of docs/cli.md ("JSON output") are
checked against these files, so the docs say exactly what the commands print.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import run_cli, ticking_clock
from lecteur.core import clock
from lecteur.core.library.store import Library

TESTS = Path(__file__).parent
GOLDEN = TESTS / "golden"
DOCS = TESTS.parent / "docs" / "cli.md"
UPDATE = os.environ.get("LECTEUR_UPDATE_GOLDEN") == "1"

READ = ["pages/conseil.txt", "corpus/en/02-cold-emails-that-get-answers.html",
        "pages/nope.html"]
LIBRARY = [
    "corpus/fr/01-reseauter-introverti-cinq-strategies.html",
    "corpus/fr/09-5-a-7-reseautage-mode-emploi.html",
    "corpus/fr/15-syndrome-imposteur-carriere.txt",
    "corpus/en/02-cold-emails-that-get-answers.html",
]
AUTHOR = "Geneviève Thibodeau"

# golden file -> (command line, expected exit status)
CASES: dict[str, tuple[tuple[str, ...], int]] = {
    "read.jsonl": (("read", *READ, "--format", "json"), 1),
    "show.json": (("show", "1", "--json"), 0),
    "ls.json": (("ls", "--json"), 0),
    "search.json": (("search", "reseau", "--json"), 0),
    "quotes.json": (("quotes", "--json"), 0),
    "people.json": (("people", "--json"), 0),
    "people-card.json": (("people", AUTHOR, "--json"), 0),
    "notes.json": (("notes", "--json"), 0),
    "backup.json": (("export", "--format", "json"), 0),
    "card.svg": (("card", "1"), 0),
    "card.txt": (("card", "1", "--format", "text"), 0),
    "card-highlight.txt": (("card", "2", "--highlight", "--format", "text"), 0),
    "tags.json": (("tags", "--json"), 0),
}
MARKDOWN = GOLDEN / "markdown"  # `export --format markdown` and the playbooks, one file each


@pytest.fixture(scope="module")
def library_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The fixed library: the four pages added in order, the first quotation kept, tags."""
    folder = tmp_path_factory.mktemp("golden-library")
    previous = clock.set_clock(ticking_clock())
    cwd = Path.cwd()
    os.chdir(TESTS)
    try:
        added = run_cli("--library", str(folder), "add", *LIBRARY)
        assert added.code == 0, added.err
        with Library(folder / "library.sqlite3") as library:
            assert library.quotations.keep(library.quotations.find()[0].id)
            library.tags.add(1, "réseautage")
            library.tags.add(1, "introversion")
            library.tags.add(4, "email")
            for article_id, name in ((1, "Réseau"), (2, "reseau"), (2, "Carrière")):
                library.tags.add(article_id, name)
        for args in (("note", "1", "Deux conversations, pas vingt.\nÀ essayer."),
                     ("highlight", "1", "visez deux vraies conversations",
                      "--note", "La règle à retenir."),
                     ("highlight", "4", "why you wrote to me and not to somebody else"),
                     ("note", "4", "Three lines, one ask.")):
            ran = run_cli("--library", str(folder), *args)
            assert ran.code == 0, ran.err
        yield folder
    finally:
        os.chdir(cwd)
        clock.set_clock(previous)


@pytest.fixture
def output(library_dir: Path, monkeypatch: pytest.MonkeyPatch):
    """Run one case (from tests/, on the fixed library); return its standard output."""
    monkeypatch.chdir(TESTS)

    def run(name: str) -> str:
        args, status = CASES[name]
        ran = run_cli("--library", str(library_dir), *args)
        assert ran.code == status, ran.err
        return ran.out

    return run


@pytest.mark.parametrize("name", sorted(CASES))
def test_output_matches_the_golden_file(output, name: str) -> None:
    produced = output(name).encode("utf-8")
    path = GOLDEN / name
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(produced)
    assert path.is_file(), f"no {path}: LECTEUR_UPDATE_GOLDEN=1 python -m pytest {__file__}"
    assert produced == path.read_bytes(), (
        f"{name} changed; if intended: LECTEUR_UPDATE_GOLDEN=1 python -m pytest "
        "tests/test_golden.py, then read the diff")


def test_the_golden_files_are_all_cases() -> None:
    assert sorted(path.name for path in GOLDEN.iterdir() if path.is_file()) == sorted(CASES)


def _compare(produced: bytes, path: Path) -> None:
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(produced)
    assert path.is_file(), f"no {path}: LECTEUR_UPDATE_GOLDEN=1 python -m pytest {__file__}"
    assert produced == path.read_bytes(), (
        f"{path.name} changed; if intended: LECTEUR_UPDATE_GOLDEN=1 python -m pytest "
        "tests/test_golden.py, then read the diff")


def test_markdown_export_matches_the_golden_files(library_dir: Path, tmp_path: Path) -> None:
    """One file per piece, byte for byte (the folder holds nothing else)."""
    out = tmp_path / "vault"
    ran = run_cli("--library", str(library_dir), "export", "--format", "markdown",
                  "--out", str(out))
    assert ran.code == 0, ran.err
    produced = sorted(out.iterdir())
    if UPDATE:
        for old in MARKDOWN.glob("* (*).md"):
            old.unlink()
    for path in produced:
        _compare(path.read_bytes(), MARKDOWN / path.name)
    assert sorted(p.name for p in MARKDOWN.glob("* (*).md")) == [p.name for p in produced]


@pytest.mark.parametrize("group_by", ["tag", "speaker"])
def test_playbook_matches_the_golden_file(library_dir: Path, tmp_path: Path,
                                          group_by: str) -> None:
    out = tmp_path / "playbook.md"
    ran = run_cli("--library", str(library_dir), "export", "--single-file", str(out),
                  "--group-by", group_by)
    assert ran.code == 0, ran.err
    _compare(out.read_bytes(), MARKDOWN / f"playbook-by-{group_by}.md")


def test_the_library_cases_are_not_empty() -> None:
    """Golden files of empty lists would pin no field at all."""
    for name in ("ls.json", "search.json", "quotes.json", "people.json", "tags.json"):
        assert json.loads((GOLDEN / name).read_text(encoding="utf-8")), name
    quotes = json.loads((GOLDEN / "quotes.json").read_text(encoding="utf-8"))
    assert {quote["kept"] for quote in quotes} == {True, False}


# --- docs/cli.md lists exactly these fields ---------------------------------------------


def documented_tables() -> dict[str, list[tuple[str, str]]]:
    """Under "## JSON output": each ``### `lecteur ...` `` heading's table, as (field, meaning)."""
    section = DOCS.read_text(encoding="utf-8").split("\n## JSON output\n", 1)[1]
    section = section.split("\n## ", 1)[0]
    tables: dict[str, list[tuple[str, str]]] = {}
    heading = None
    for line in section.splitlines():
        if line.startswith("### "):
            heading = line[4:].strip() if line.startswith("### `lecteur ") else None
            if heading:
                tables[heading] = []
        elif heading and (row := re.match(r"\| `(\w+)` \| [^|]+ \| (.*) \|$", line)):
            tables[heading].append((row[1], row[2]))
    return tables


def keys_in(meaning: str) -> list[str]:
    """The field names of the ``{"a", "b"}`` a table's meaning column gives for an object."""
    found = re.search(r'`\{("[^`]*)\}`', meaning)
    return re.findall(r'"(\w+)"', found[1]) if found else []


def golden(name: str) -> list[dict]:  # type: ignore[type-arg]
    text = (GOLDEN / name).read_text(encoding="utf-8")
    value = [json.loads(line) for line in text.splitlines()] if name.endswith(".jsonl") else (
        json.loads(text))
    return value if isinstance(value, list) else [value]


def same_keys(objects: list[dict]) -> list[str]:  # type: ignore[type-arg]
    """The keys every object has, in order (they must all have the same)."""
    assert objects
    keys = [list(obj) for obj in objects]
    assert all(k == keys[0] for k in keys), keys
    return keys[0]


DOCUMENTED = {
    "`lecteur read --format json`": "read.jsonl",
    "`lecteur show ID --json`": "show.json",
    "`lecteur ls --json`": "ls.json",
    "`lecteur search --json`": "search.json",
    "`lecteur quotes --json`": "quotes.json",
    "`lecteur people --json`": "people.json",
    "`lecteur people NAME --json`": "people-card.json",
    "`lecteur notes --json`": "notes.json",
    "`lecteur export --format json`": "backup.json",
    "`lecteur tags --json`": "tags.json",
}


def test_every_json_contract_has_a_table_and_a_golden_file() -> None:
    assert sorted(documented_tables()) == sorted(DOCUMENTED)
    assert set(DOCUMENTED.values()) == {
        name for name in CASES if name.endswith((".json", ".jsonl"))}


@pytest.mark.parametrize("heading", sorted(DOCUMENTED))
def test_the_docs_list_exactly_the_fields_printed(heading: str) -> None:
    table = documented_tables()[heading]
    name = DOCUMENTED[heading]
    objects = golden(name)
    if name == "read.jsonl":
        failures = [obj for obj in objects if "error" in obj]
        assert [list(obj) for obj in failures] == [["source", "error"]]
        doc = DOCS.read_text(encoding="utf-8")
        assert '`{"source": "...", "error": "one plain sentence"}`' in doc
        objects = [obj for obj in objects if "error" not in obj]
    documented = [field for field, _ in table]
    if name == "show.json":  # its own two fields, then the read contract's
        documented += [field for field, _ in documented_tables()["`lecteur read --format json`"]]
    if name == "search.json":  # the listing's fields, then its own
        documented = [field for field, _ in documented_tables()["`lecteur ls --json`"]
                      ] + documented
    assert documented == same_keys(objects), name
    for field, meaning in table:  # objects inside: author, blocks, quotes, articles
        inner = [obj[field] for obj in objects if obj[field]]
        inner = [item for value in inner for item in (value if isinstance(value, list)
                                                      else [value])]
        if inner and isinstance(inner[0], dict) and name != "backup.json":  # its tables are
            assert keys_in(meaning) == same_keys(inner), field  # named by the schema


def test_docs_export_shows_the_golden_files_unchanged() -> None:
    """docs/export.md's full examples are the files the export writes today."""
    doc = (TESTS.parent / "docs" / "export.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```markdown\n(.*?)^```$", doc, flags=re.MULTILINE | re.DOTALL)
    piece = MARKDOWN / "Réseauter quand on est introverti cinq stratégies qui fonctionnent (1).md"
    assert blocks == [piece.read_text(encoding="utf-8"),
                      (MARKDOWN / "playbook-by-speaker.md").read_text(encoding="utf-8")]
