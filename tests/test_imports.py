"""``lecteur import`` of other services' exports into a real library: each item added,
fetched from the loopback site, kept as a link to fetch later, or refused, one line each,
with states, tags and highlights carried over, and nothing added twice."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from helpers import run_cli
from lecteur.core.library.store import Library
from lecteur.core.library.views import View

FIXTURES = Path(__file__).parent / "imports"


def library(folder: Path) -> Library:
    return Library(folder / "library.sqlite3")


def lines(out: str) -> list[str]:
    return out.splitlines()


def test_a_pocket_export_offline_keeps_every_link_and_says_so(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    ran = run_cli("--library", str(lib), "import", "--offline", str(FIXTURES / "ril_export.html"))
    assert lines(ran.out) == [
        "item 1: kept as a link, #1 How to ask for a raise without dread: "
        "imported with --offline",
        "item 2: kept as a link, #2 Le café réseau, mode d’emploi: imported with --offline",
        "item 3: failed: Refused 'javascript:alert(document.cookie)': only http and https "
        "addresses are read ('javascript:')",
        "item 4: kept as a link, #3 Your first 90 days in a new job: imported with --offline",
        "Pocket export: 4 item(s): 0 added, 0 already there, 0 fetched, 3 kept as links, "
        "0 skipped, 1 failed.",
    ]
    assert ran.code == 1  # something was not imported: a script can tell
    with library(lib) as opened:
        stored = opened.articles.get(1)
        assert stored is not None and stored.added_at == "2023-11-14T22:13:20Z"
        assert "has not been fetched yet" in stored.article.text
        assert opened.tags.of(1) == ["négociation", "salary"]
        assert opened.views.rows(View("archive"), 10)[0].id == 3
        assert opened.imports.pending() == 3


def test_importing_twice_adds_nothing_twice(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    for name in ("wallabag-export.json", "instapaper-export.csv"):
        run_cli("--library", str(lib), "import", "--offline", str(FIXTURES / name))
    with library(lib) as opened:
        before = (opened.articles.count(), len(opened.notes.everywhere(100)),
                  [opened.tags.of(i) for i in range(1, 6)])
    again = run_cli("--library", str(lib), "import", "--offline",
                    str(FIXTURES / "wallabag-export.json"))
    assert "1 failed." in again.out and "0 added" in again.out
    assert lines(again.out)[0] == ("item 1: already there, "
                                   "#1 Mentors, sponsors, and why you need both")
    with library(lib) as opened:
        assert (opened.articles.count(), len(opened.notes.everywhere(100)),
                [opened.tags.of(i) for i in range(1, 6)]) == before


def test_wallabag_content_is_read_without_fetching_with_highlights_and_states(
        tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    ran = run_cli("--library", str(lib), "import", "--offline",
                  str(FIXTURES / "wallabag-export.json"))
    assert lines(ran.out)[0] == ("item 1: added #1 Mentors, sponsors, and why you need both "
                                 "(1 highlight(s), 1 note(s))")
    with library(lib) as opened:
        (highlight,) = opened.highlights.of(1)
        assert highlight.text == "a sponsor talks about you when you are not in the room"
        assert highlight.prefix.endswith("A mentor talks with you; ")
        notes = opened.notes.of(1)
        assert [(n.text, n.highlight_id) for n in notes] == [
            ("> A passage that the article no longer holds", None),
            ("Ask my manager about this.", highlight.id)]
        assert [e.id for e in opened.views.rows(View("starred"), 10)] == [1]
        assert [e.id for e in opened.views.rows(View("archive"), 10)] == [1]
        assert opened.articles.get(1).added_at == "2024-02-10T08:15:00Z"  # type: ignore[union-attr]


def test_an_omnivore_zip_brings_its_pages_and_highlights(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted((FIXTURES / "omnivore").rglob("*")):
            if path.is_file():
                archive.write(path, "export/" + path.relative_to(FIXTURES / "omnivore").as_posix())
        archive.writestr("../outside.json", "[]")
    (tmp_path / "omnivore.zip").write_bytes(buffer.getvalue())
    ran = run_cli("--library", str(tmp_path / "lib"), "import", "--offline",
                  str(tmp_path / "omnivore.zip"))
    assert lines(ran.out) == [
        "item -: failed: Left out the archive member '../outside.json': its name points "
        "outside the archive, or it is encrypted.",
        "item 1: added #1 Your first 90 days in a new job (2 highlight(s))",
        "item 2: kept as a link, #2 Remote work that works: imported with --offline",
        "item 3: skipped, A page deleted in Omnivore: it was deleted in Omnivore",
        "Omnivore export: 3 item(s): 1 added, 0 already there, 0 fetched, 1 kept as links, "
        "1 skipped, 0 failed.",
    ]
    with library(tmp_path / "lib") as opened:
        assert [h.text for h in opened.highlights.of(1)] == [
            "spend the first month listening more than they talk",
            "The complaints people repeat are the map of where you can be useful"]
        assert opened.tags.of(1) == ["Career", "onboarding"]


def pocket_file(tmp_path: Path, links: list[tuple[str, str]]) -> Path:
    items = "\n".join(f'<li><a href="{url}" time_added="1700000000" tags="t">{title}</a></li>'
                      for url, title in links)
    path = tmp_path / "ril_export.html"
    path.write_text(f"<!DOCTYPE html><html><head><title>Pocket Export</title></head><body>"
                    f"<h1>Unread</h1><ul>{items}</ul></body></html>", encoding="utf-8")
    return path


def test_online_items_are_fetched_like_lecteur_add_and_a_dead_one_kept(site, tmp_path) -> None:
    export = pocket_file(tmp_path, [
        (site.url("/articles/en-feedback.html"), "Feedback (title in Pocket)"),
        (site.url("/status/404"), "A page that is gone"),
        (site.url("/redirect/2"), "Réseau"),
    ])
    ran = run_cli("--library", str(tmp_path / "lib"), "import", str(export))
    out = lines(ran.out)
    assert out[0] == "item 1: added #1 How to ask for feedback without dreading it"
    assert out[1].startswith("item 2: kept as a link, #2 A page that is gone: ")
    assert "404" in out[1]
    assert out[2].startswith("item 3: added #3 ")
    with library(tmp_path / "lib") as opened:
        assert opened.articles.get(3).article.url == site.url(  # type: ignore[union-attr]
            "/articles/fr-reseau.html")
        assert opened.imports.pending() == 1


def test_a_link_kept_offline_is_filled_by_importing_again_online(site, tmp_path) -> None:
    later = "/imports/later.html"
    export = pocket_file(tmp_path, [(site.url(later), "Later")])
    run_cli("--library", str(tmp_path / "lib"), "import", str(export))  # 404 for now
    page = (Path(__file__).parent / "site" / "articles" / "en-feedback.html").read_bytes()
    site.add(later, page, "text/html; charset=utf-8")
    ran = run_cli("--library", str(tmp_path / "lib"), "import", str(export))
    assert lines(ran.out)[0] == ("item 1: fetched #1 How to ask for feedback without dreading it "
                                 "(kept as a link before)")
    with library(tmp_path / "lib") as opened:
        assert opened.articles.count() == 1 and opened.imports.pending() == 0
        assert opened.versions.of(1) == []  # the placeholder is not kept as an earlier text
        assert opened.tags.of(1) == ["t"]


def test_lecteur_add_fills_a_link_kept_by_an_import(site, tmp_path) -> None:
    url = site.url("/articles/en-feedback.html")
    export = pocket_file(tmp_path, [(url, "Feedback")])
    run_cli("--library", str(tmp_path / "lib"), "import", "--offline", str(export))
    ran = run_cli("--library", str(tmp_path / "lib"), "add", url)
    assert ran.code == 0 and ran.out.startswith("updated #1")
    with library(tmp_path / "lib") as opened:
        stored = opened.articles.get(1)
        assert stored is not None and "not been fetched" not in stored.article.text
        assert opened.versions.of(1) == [] and opened.imports.pending() == 0
        assert stored.added_at == "2023-11-14T22:13:20Z"  # the date it was saved in Pocket


def test_a_redirected_link_is_filled_in_place(site, tmp_path) -> None:
    export = pocket_file(tmp_path, [(site.url("/redirect/1"), "Moved")])
    run_cli("--library", str(tmp_path / "lib"), "import", "--offline", str(export))
    ran = run_cli("--library", str(tmp_path / "lib"), "import", str(export))
    assert lines(ran.out)[0].startswith("item 1: fetched #1 ")
    again = run_cli("--library", str(tmp_path / "lib"), "import", str(export))
    assert lines(again.out)[0].startswith("item 1: already there, #1 ")
    with library(tmp_path / "lib") as opened:
        assert opened.articles.count() == 1


def test_json_lines_say_the_same(tmp_path: Path) -> None:
    ran = run_cli("--library", str(tmp_path / "lib"), "import", "--offline", "--json",
                  str(FIXTURES / "bookmarks.html"))
    objects = [json.loads(line) for line in lines(ran.out)]
    assert [o.get("status") for o in objects[:-1]] == ["link", "link", "failed", "link"]
    assert objects[1]["title"] == "Le café réseau" and objects[1]["notes"] == 1
    assert objects[-1] == {"summary": {"added": 0, "present": 0, "filled": 0, "link": 3,
                                       "failed": 1, "skipped": 0},
                           "format": "bookmarks", "items": 4}


def test_french(tmp_path: Path) -> None:
    ran = run_cli("--lang", "fr", "--library", str(tmp_path / "lib"), "import", "--offline",
                  str(FIXTURES / "part_000000.csv"))
    assert lines(ran.out)[-1] == ("Export Pocket : 3 élément(s) : 0 ajouté(s), 0 déjà là, "
                                  "0 téléchargé(s), 2 gardé(s) comme liens, 0 laissé(s) de côté, "
                                  "1 en échec.")


def test_a_file_of_no_known_format_is_one_sentence(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("just words\n", encoding="utf-8")
    ran = run_cli("--library", str(tmp_path / "lib"), "import", str(tmp_path / "notes.txt"))
    assert ran.code == 1 and ran.out == ""
    assert ran.err.startswith("lecteur: This file cannot be imported: it is neither")


def test_hostile_titles_reach_the_terminal_clean(tmp_path: Path) -> None:
    export = pocket_file(tmp_path, [("https://a.example/x", "Evil\x1b]52;c;eA==\x07\x1b[2J"
                                     " title\u202e")])
    ran = run_cli("--library", str(tmp_path / "lib"), "import", "--offline", str(export))
    assert "\x1b" not in ran.out and "\u202e" not in ran.out and "Evil" in ran.out


def test_the_real_binary(tmp_path: Path) -> None:
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "lecteur", "--library", str(tmp_path / "lib"), "import",
         "--offline", "--from", "instapaper", str(FIXTURES / "instapaper-export.csv")],
        capture_output=True, env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode("utf-8").splitlines()
    assert out[1] == ("item 2: kept as a link, #2 Your first 90 days, in a new job: "
                      "imported with --offline (1 note(s))")
    assert out[-1].startswith("Instapaper export: 4 item(s): 0 added")


def test_an_export_on_standard_input(tmp_path: Path) -> None:
    data = (FIXTURES / "part_000000.csv").read_bytes()
    ran = run_cli("--library", str(tmp_path / "lib"), "import", "--offline", "-", stdin=data)
    assert lines(ran.out)[-1].startswith("Pocket export: 3 item(s)")


def test_a_failed_write_in_a_batch_is_undone_alone(tmp_path: Path) -> None:
    from lecteur.core.errors import LibraryError
    from lecteur.core.importing import placeholder

    with library(tmp_path) as opened:
        with opened.db.batch():
            first, _ = opened.articles.add(placeholder("https://a.example/1", "One", "x"))
            try:
                with opened.db.write() as conn:
                    conn.execute("UPDATE articles SET title = 'changed' WHERE id = ?", (first,))
                    conn.execute("INSERT INTO notes (article_id) VALUES (999)")  # refused
            except LibraryError:
                pass
            opened.articles.add(placeholder("https://a.example/2", "Two", "x"))
        assert [e.title for e in opened.articles.entries()] == ["Two", "One"]


def test_stopping_half_way_leaves_no_transaction_open(tmp_path: Path) -> None:
    from lecteur.core.importing import import_items
    from lecteur.core.io.imports import open_export

    export = open_export((FIXTURES / "ril_export.html").read_bytes())
    with library(tmp_path) as opened:
        reports = import_items(opened, export.items, offline=True)
        first = next(reports)
        reports.close()  # the reader of the reports went away (a closed pipe, Ctrl+C)
        assert not opened.db.conn.in_transaction
        assert opened.articles.get(first.article_id or 0) is not None  # said, so stored


def test_entries_without_a_usable_address_are_said_not_dropped(tmp_path: Path) -> None:
    export = pocket_file(tmp_path, [("", "No address"), ("https://a.example/two words", "Spaced"),
                                    ("file:///etc/passwd", "Local")])
    ran = run_cli("--library", str(tmp_path / "lib"), "import", "--offline", str(export))
    assert lines(ran.out)[:3] == [
        "item 1: failed: The entry has no web address",
        "item 2: failed: Refused 'https://a.example/two words': the address is malformed",
        "item 3: failed: Refused 'file:///etc/passwd': only http and https addresses are read "
        "('file:')",
    ]
    with library(tmp_path / "lib") as opened:
        assert opened.articles.is_empty()


def test_forcing_another_format_is_one_sentence(tmp_path: Path) -> None:
    ran = run_cli("--library", str(tmp_path / "lib"), "import", "--from", "bookmarks",
                  str(FIXTURES / "wallabag-export.json"))
    assert ran.code == 1 and ran.out == ""
    assert ran.err == ("lecteur: This file is not a bookmarks export: it looks like a wallabag "
                       "one (leave out --from, or name that format).\n")


def test_import_pending_fetches_the_links_kept_without_the_file(site, tmp_path) -> None:
    later = "/imports/pending-later.html"
    export = pocket_file(tmp_path, [(site.url(later), "Later"), (site.url("/status/410"), "Gone")])
    run_cli("--library", str(tmp_path / "lib"), "import", "--offline", str(export))
    export.unlink()  # the file is not needed any more
    page = (Path(__file__).parent / "site" / "articles" / "en-feedback.html").read_bytes()
    site.add(later, page, "text/html; charset=utf-8")
    ran = run_cli("--library", str(tmp_path / "lib"), "import", "--pending")
    out = lines(ran.out)
    assert out[0] == ("item 1: fetched #1 How to ask for feedback without dreading it "
                      "(kept as a link before)")
    assert out[1].startswith("item 2: kept as a link, #2 Gone: ") and "410" in out[1]
    assert out[2].startswith("Links kept by earlier imports: 2 item(s): 0 added")
    with library(tmp_path / "lib") as opened:
        assert opened.imports.pending() == 1 and opened.versions.of(2) == []
    neither = run_cli("--library", str(tmp_path / "lib"), "import")
    assert neither.code == 1 and neither.err.startswith("lecteur: Name the file to import")


def test_an_item_the_reader_put_in_the_trash_stays_there(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    run_cli("--library", str(lib), "import", "--offline", str(FIXTURES / "ril_export.html"))
    run_cli("--library", str(lib), "rm", "1")
    ran = run_cli("--library", str(lib), "import", str(FIXTURES / "ril_export.html"),
                  "--offline")
    assert lines(ran.out)[0] == ("item 1: already there, #1 How to ask for a raise without "
                                 "dread: in the trash, where it stays")
    with library(lib) as opened:
        assert opened.articles.in_trash(1)


def test_the_real_binary_fetches_from_the_site_and_reports_json(site, tmp_path) -> None:
    export = pocket_file(tmp_path, [(site.url("/articles/fr-reseau.html"), "Réseau"),
                                    (site.url("/status/500"), "Broken")])
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "lecteur", "--library", str(tmp_path / "lib"), "import",
         "--json", str(export)], capture_output=True, env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    first, second, summary = (json.loads(line) for line in done.stdout.decode().splitlines())
    assert first["status"] == "added" and first["id"] == 1
    assert second["status"] == "link" and "500" in second["reason"]
    assert summary["summary"]["added"] == 1 and summary["summary"]["link"] == 1
