"""Reading other services' exports (`lecteur.core.io.imports`): each format from its own
small fixture in tests/imports/, told from its content, and hostile files refused or read
without harm."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from lecteur.core.errors import InvalidInputError
from lecteur.core.io import imports
from lecteur.core.io.imports import bundle
from lecteur.core.io.imports.items import Item, Passage

FIXTURES = Path(__file__).parent / "imports"


def read(name: str, forced: str | None = None) -> tuple[str, list[Item]]:
    path = FIXTURES / name
    export = (imports.open_export(folder=path, forced=forced) if path.is_dir()
              else imports.open_export((path).read_bytes(), forced=forced))
    try:
        return export.format, list(export.items)
    finally:
        export.close()


def zipped(folder: Path, extra: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "kind"), [
    ("ril_export.html", "pocket"), ("part_000000.csv", "pocket"),
    ("instapaper-export.csv", "instapaper"), ("wallabag-export.json", "wallabag"),
    ("bookmarks.html", "bookmarks"), ("omnivore", "omnivore"),
])
def test_each_format_is_told_from_its_content(name: str, kind: str) -> None:
    assert read(name)[0] == kind


def test_pocket_html_keeps_lists_tags_and_dates() -> None:
    _, found = read("ril_export.html")
    assert [item.url for item in found][:2] == [
        "https://careers.example.org/ask-for-a-raise",
        "https://reseau.example.fr/cafe-reseau?utm_source=pocket"]
    raise_item = found[0]
    assert raise_item.title == "How to ask for a raise without dread"
    assert raise_item.tags == ("salary", "négociation")
    assert raise_item.added_at == "2023-11-14T22:13:20Z" and not raise_item.archived
    assert found[3].archived and found[3].tags == ("onboarding",)  # under "Read Archive"


def test_pocket_csv_reads_status_and_pipe_separated_tags() -> None:
    _, found = read("part_000000.csv")
    assert found[0].tags == ("salary", "négociation") and not found[0].archived
    assert found[1].title == "Mentors, sponsors, and why you need both" and found[1].archived


def test_instapaper_folders_become_states_or_tags_and_the_selection_a_passage() -> None:
    _, found = read("instapaper-export.csv")
    assert found[0].tags == ("salary",) and not (found[0].archived or found[0].starred)
    assert found[1].archived and found[1].passages == (
        Passage("Listen more than you talk in your first month."),)
    assert found[2].starred
    assert found[3].tags == ("remote", "Career moves")


def test_wallabag_entries_carry_content_states_and_annotations() -> None:
    _, found = read("wallabag-export.json")
    first = found[0]
    assert first.archived and first.starred and first.tags == ("networking", "mentoring")
    assert first.added_at == "2024-02-10T08:15:00Z"
    assert first.html is not None and "sponsor talks about you" in first.html
    assert first.passages[0] == Passage("a sponsor talks about you when you are not in the room",
                                        "Ask my manager about this.")
    assert found[1].html is None  # empty content: the page will be fetched
    assert found[2].problem == "Entry 3 of the file is not a saved article."


def test_omnivore_folder_and_zip_give_the_same_items() -> None:
    _, from_folder = read("omnivore")
    export = imports.open_export(zipped(FIXTURES / "omnivore"))
    assert list(export.items) == from_folder
    first = from_folder[0]
    assert first.archived and first.tags == ("onboarding", "Career")
    assert first.added_at == "2024-01-05T12:00:00Z" and first.html and "ninety" in first.html
    assert first.passages == (
        Passage("spend the first month listening more than they talk",
                "Do this at the next job too."),
        Passage("The complaints people repeat are the map of where you can be useful"))
    assert from_folder[1].html is None and not from_folder[1].archived
    assert from_folder[2].skipped == "it was deleted in Omnivore"


def test_bookmark_folders_become_tags_but_not_the_toolbar() -> None:
    _, found = read("bookmarks.html")
    assert found[0].tags == ("salary",)
    assert found[1].tags == ("Réseautage",) and found[1].note == "Read before the Thursday meetup."
    assert found[2].url.startswith("javascript:")  # refused later, by the importer
    assert found[3].added_at == "2023-07-22T04:26:40Z" and found[3].tags == ()  # microseconds


def test_a_lecteur_backup_is_told_apart_and_unknown_files_are_one_sentence() -> None:
    assert imports.open_export(b'{"format": "lecteur-backup", "tables": {}}').format == "lecteur"
    with pytest.raises(InvalidInputError) as refused:
        imports.open_export(b"just some words\nand more")
    assert str(refused.value).startswith("This file cannot be imported: it is neither")


def test_forcing_the_wrong_format_is_refused() -> None:
    data = (FIXTURES / "wallabag-export.json").read_bytes()
    with pytest.raises(InvalidInputError) as refused:
        imports.open_export(data, forced="pocket")
    assert "looks like a wallabag one" in str(refused.value)
    with pytest.raises(InvalidInputError):
        imports.open_export(zipped(FIXTURES / "omnivore"), forced="wallabag")


def test_a_csv_with_a_broken_row_still_reads_the_others() -> None:
    huge = "x" * 1_100_000
    text = ("URL,Title,Selection,Folder,Timestamp\n"
            "https://a.example/1,One,,Unread,1700000000\n"
            f'https://a.example/2,"{huge}",,Unread,1700000000\n'
            "https://a.example/3,Three,,Unread,1700000000\n")
    found = list(imports.open_export(text.encode()).items)
    assert [item.url for item in found if not item.problem] == [
        "https://a.example/1", "https://a.example/3"]
    assert [item.problem for item in found if item.problem] == [
        "Line 3 of the file cannot be read: field larger than field limit (1000000)."]


def test_a_file_not_in_utf8_is_read_as_windows_1252() -> None:
    text = "URL,Title,Selection,Folder,Timestamp\nhttps://a.example/1,Le café,,Unread,1\n"
    export = imports.open_export(text.encode("cp1252"))
    assert export.encoding == "windows-1252"
    assert next(export.items).title == "Le café"


def test_escape_sequences_in_an_export_never_come_out() -> None:
    page = ('<!DOCTYPE NETSCAPE-Bookmark-file-1><DL><DT><A HREF="https://a.example/\x1b[2J" '
            'TAGS="\x1b]52;c;eA==\x07tag">Title\x1b[31m red\u202e</A><DD>note\x1b[1m</DL>')
    (item,) = imports.open_export(page.encode()).items
    for value in (item.url, item.title, item.note, *item.tags):
        assert "\x1b" not in value and "\x07" not in value and "\u202e" not in value


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:  # sparse: costs no disk
        handle.truncate(imports.MAX_FILE_BYTES + 1)
    with pytest.raises(InvalidInputError) as refused:
        imports.read_bytes(path)
    assert str(refused.value) == "This file cannot be imported: it is larger than 2048 MB."


def test_zip_members_that_leave_the_archive_are_refused_and_never_read() -> None:
    data = zipped(FIXTURES / "omnivore", {"../../evil.json": b"[]", "/etc/cron.d/x": b"[]",
                                          "content/..\\..\\win.html": b"<p>x</p>"})
    export = imports.open_export(data)
    assert sorted(export.refused) == ["../../evil.json", "/etc/cron.d/x",
                                      "content/..\\..\\win.html"]
    assert len(list(export.items)) == 3


def test_a_zip_bomb_is_refused_before_it_is_unpacked() -> None:
    data = zipped(FIXTURES / "omnivore", {"content/bomb.html": b"\0" * (3 * 1024 * 1024)})
    with pytest.raises(InvalidInputError) as refused:
        imports.open_export(data)
    assert "unpacks to more than lecteur reads" in str(refused.value)


def test_a_member_larger_than_it_says_is_cut_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bundle, "MAX_MEMBER_BYTES", 100)
    opened = bundle.Bundle(["a"], _files={"a": b"x" * 50})
    assert opened.read("a") == b"x" * 50
    too_big = bundle.Bundle(["a"], _files={"a": b"x" * 101})
    with pytest.raises(InvalidInputError):
        too_big.read("a")


def test_a_folder_export_follows_no_symbolic_link(tmp_path: Path) -> None:
    secret = tmp_path / "secret.html"
    secret.write_text("<p>private</p>", encoding="utf-8")
    folder = tmp_path / "export"
    (folder / "content").mkdir(parents=True)
    (folder / "metadata_0.json").write_text(
        '[{"slug": "s", "url": "https://a.example/s", "title": "S", "state": "Active"}]',
        encoding="utf-8")
    (folder / "content" / "s.html").symlink_to(secret)
    (item,) = imports.open_export(folder=folder).items
    assert item.html is None


@pytest.mark.parametrize("data", [
    b"[1, 2", b"[{\"url\": 5, \"is_starred\": true}]", b"\xff\xfe\x00\x00garbage", b"",
    b"[" * 200_000, b"{" * 200_000, b"[" * 100_000 + b"]" * 100_000,
    b'[{"url": ["https://a.example/"], "title": {"a": 1}, "tags": [[1], null],'
    b' "annotations": [null, {"quote": 5}], "content": 7, "created_at": 1e300}]',
    b'URL,Title,Selection,Folder,Timestamp,Tags\nhttps://a.example/,T,,Unread,1,' + b"[" * 50_000,
])
def test_malformed_exports_are_one_sentence_or_harmless_items(data: bytes) -> None:
    try:
        export = imports.open_export(data)
    except InvalidInputError as error:
        assert str(error).endswith(".")
        return
    for item in export.items:
        assert isinstance(item.url, str) and isinstance(item.title, str)
        assert not item.url.startswith("[")  # a list where an address goes is no address
