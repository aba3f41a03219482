"""Notes and highlights from the shell, and anchoring a passage in an article's text."""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import pytest

from helpers import run_cli
from lecteur.core.library import migrations
from lecteur.core.library.store import Library
from lecteur.core.models import Article, Block
from lecteur.core.text.anchors import CONTEXT, find_passage, relocate, text_digest

PAGE = Path(__file__).parent / "corpus" / "fr" / "01-reseauter-introverti-cinq-strategies.html"
BLOCKS = ["Premier bloc, sans rien.", "Il l’a dit : « visez deux vraies conversations ».",
          "Un  autre\nbloc."]


@pytest.fixture
def library_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "lib"
    assert run_cli("--library", str(folder), "add", str(PAGE)).code == 0
    return folder


def cli(folder: Path, *args: str, stdin: bytes = b""):
    return run_cli("--library", str(folder), *args, stdin=stdin)


# --- anchors ----------------------------------------------------------------------------


def test_an_exact_passage_is_anchored_with_its_prefix_and_suffix() -> None:
    anchor = find_passage(BLOCKS, "visez deux vraies")
    assert anchor is not None
    assert anchor.block_index == 1 and anchor.exact == "visez deux vraies"
    text = "\n\n".join(BLOCKS)
    start = text.index("visez")
    assert anchor.prefix == text[max(0, start - CONTEXT):start]
    end = start + len("visez deux vraies")
    assert anchor.suffix == text[end:end + CONTEXT]
    assert anchor.suffix.startswith(" conversations ».\n\nUn")


@pytest.mark.parametrize(("typed", "found"), [
    ("l'a dit", "l’a dit"),  # apostrophe style
    ('"visez deux', "« visez deux"),  # quotation marks
    ("Un autre bloc", "Un  autre\nbloc"),  # white space
    ("PREMIER BLOC", "Premier bloc"),  # case, last
])
def test_a_typed_passage_forgives_spaces_quote_marks_and_case(typed: str, found: str) -> None:
    anchor = find_passage(BLOCKS, typed)
    assert anchor is not None and anchor.exact == found


def test_a_missing_or_blank_passage_is_not_found() -> None:
    assert find_passage(BLOCKS, "nulle part") is None
    assert find_passage(BLOCKS, "   ") is None


def test_the_text_version_changes_with_the_text() -> None:
    assert text_digest("a") == text_digest("a") != text_digest("b")


# --- the commands -----------------------------------------------------------------------


def test_note_with_text_then_notes_lists_it(library_dir: Path) -> None:
    ran = cli(library_dir, "note", "1", "Deux lignes\nde note.")
    assert (ran.code, ran.out) == (0, "note #1 on #1\n")
    listed = cli(library_dir, "notes")
    assert "#1 Réseauter" in listed.out and "  - Deux lignes\n    de note." in listed.out


def test_note_from_standard_input_and_from_the_editor(library_dir: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    assert cli(library_dir, "note", "1", "-", stdin=b"Depuis stdin").code == 0
    editor = tmp_path / "editor.py"
    editor.write_text("import sys\nopen(sys.argv[1], 'w').write('Écrit dans l’éditeur\\n')\n",
                      encoding="utf-8")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    assert cli(library_dir, "note", "1").code == 0
    with Library(library_dir / "library.sqlite3") as library:
        assert [n.text for n in library.notes.of(1)] == ["Depuis stdin", "Écrit dans l’éditeur"]


def test_an_empty_note_or_no_editor_saves_nothing(library_dir: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    no_editor = cli(library_dir, "note", "1")
    assert no_editor.code == 1 and "set $EDITOR" in no_editor.err
    monkeypatch.setenv("EDITOR", "true")  # saves nothing
    empty = cli(library_dir, "note", "1")
    assert empty.code == 1 and "empty" in empty.err
    missing = cli(library_dir, "note", "9", "x").err
    assert missing == "lecteur: There is no article #9 in the library.\n"
    with Library(library_dir / "library.sqlite3") as library:
        assert library.notes.of(1) == []


def test_highlight_a_passage_with_a_note(library_dir: Path) -> None:
    ran = cli(library_dir, "highlight", "1", "visez deux  vraies conversations",
              "--note", "À retenir.")
    assert ran.code == 0 and ran.out.startswith("highlight #1 on #1")
    shown = json.loads(cli(library_dir, "show", "1", "--json").out)
    [highlight] = shown["highlights"]
    assert highlight["text"] == "visez deux vraies conversations"
    assert highlight["note"] == "À retenir." and highlight["suffix"].startswith(", pas vingt")
    assert shown["notes"] == []  # the passage's note is shown with it, not again
    assert shown["blocks"][highlight["block_index"]]["kind"] == "quote"
    assert json.loads(cli(library_dir, "notes", "1", "--json").out)[0]["highlights"] == [
        highlight]


def test_a_passage_that_is_not_there_is_refused(library_dir: Path) -> None:
    ran = cli(library_dir, "highlight", "1", "une phrase absente de l'article")
    assert ran.code == 1
    assert ran.err == ("lecteur: This passage is not in article #1: nothing was "
                       "highlighted.\n")
    assert json.loads(cli(library_dir, "show", "1", "--json").out)["highlights"] == []


def test_notes_on_an_empty_library_says_so(tmp_path: Path) -> None:
    assert cli(tmp_path / "lib", "notes").out == "No note or highlight yet.\n"
    assert cli(tmp_path / "lib", "notes", "--json").out == "[]\n"


def test_the_commands_speak_french(library_dir: Path) -> None:
    ran = run_cli("--lang", "fr", "--library", str(library_dir), "highlight", "1", "absent")
    assert ran.code == 1 and "n’est pas dans l’article #1" in ran.err
    noted = run_cli("--lang", "fr", "--library", str(library_dir), "note", "1", "Oui.")
    assert noted.out == "note n° 1 sur #1\n"


# --- the migration ----------------------------------------------------------------------


def test_whole_block_highlights_survive_the_anchoring_migration(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    number = next(i for i, m in enumerate(migrations.MIGRATIONS) if m.apply is
                  migrations._anchored_highlights)
    for step in migrations.MIGRATIONS[:number]:
        step.apply(conn)
    conn.execute(f"PRAGMA user_version = {number:d}")
    conn.execute("INSERT INTO articles (id, key, source, title, blocks, word_count, "
                 "reading_minutes, added_at, updated_at) VALUES (1, 'k', 's', 't', '[]', 0, 1,"
                 " 'a', 'a')")
    conn.execute("INSERT INTO highlights (article_id, block_index, text, created_at) "
                 "VALUES (1, 2, 'Un bloc entier.', 'c')")
    conn.close()
    with Library(path) as library:
        [highlight] = library.highlights.of(1)
        assert (highlight.block_index, highlight.text, highlight.prefix, highlight.suffix) == (
            2, "Un bloc entier.", "", "")
        note = library.notes.add(1, "Sur le passage.", 2, highlight_id=highlight.id)
        assert library.notes.of(1)[0].highlight_id == highlight.id
        assert library.highlights.remove(highlight.id)
        [kept] = library.notes.of(1)  # the note outlives its highlight, on the same block
        assert (kept.id, kept.block_index, kept.highlight_id) == (note, 2, None)


# --- found again after a re-fetch -------------------------------------------------------


def test_relocate_prefers_the_occurrence_whose_surroundings_match() -> None:
    blocks = ["Dites merci. Puis relancez.", "Avant tout : dites merci. Ensuite, écoutez."]
    chosen = find_passage(blocks[1:], "dites merci")
    assert chosen is not None
    anchor = relocate(blocks, chosen.exact, chosen.prefix, chosen.suffix)
    assert anchor is not None and anchor.block_index == 1
    assert relocate(blocks, "absent") is None


def version(body: list[str]) -> Article:
    return Article(source="page.html", title="Un article", url="https://example.org/x",
                   blocks=tuple(Block("paragraph", text) for text in body))


def test_a_refetch_moves_a_highlight_or_marks_it_changed_at_source(tmp_path: Path) -> None:
    with Library(tmp_path / "library.sqlite3") as library:
        article_id, _ = library.articles.add(version(["Intro.", "Visez deux conversations."]))
        first = version(["Intro.", "Visez deux conversations."])
        anchor = find_passage([b.full_text for b in first.blocks], "deux conversations")
        assert anchor is not None
        moved = library.highlights.add_passage(article_id, anchor, text_digest(first.text))
        library.notes.add(article_id, "Sa note.", anchor.block_index, highlight_id=moved)
        whole = library.highlights.add(article_id, 0, "Intro.")
        library.articles.add(version(["Nouveau chapeau.", "Intro.", "Titre",
                                      "Visez deux conversations, pas vingt."]))
        found = {h.id: h for h in library.highlights.of(article_id)}
        assert (found[moved].block_index, found[moved].lost) == (3, False)
        assert found[moved].suffix == ", pas vingt."
        assert (found[whole].block_index, found[whole].prefix, found[whole].lost) == (1, "", False)
        assert [n.block_index for n in library.notes.of(article_id)] == [3]  # the note follows
        library.articles.add(version(["Tout a changé."]))
        listed = run_cli("--library", str(tmp_path), "notes", str(article_id)).out
        assert ("  > deux conversations\n    (changed at source: no longer in the article; as "
                "it was: lecteur show 1 --earlier 2)\n    Sa note.") in listed
        assert library.highlights.of(article_id) == []  # not on the current text
        found = {h.id: h for h in library.highlights.of(article_id, earlier=True)}
        assert found[moved].lost and found[whole].lost  # kept, changed at source
        assert (found[moved].block_index, found[moved].text) == (3, "deux conversations")
        assert not any(h.lost for h in library.highlights.of(article_id))  # back again


def test_a_resave_moves_a_found_passage_and_keeps_a_vanished_one_on_the_earlier_text(
        tmp_path: Path) -> None:
    """The one policy of a save that replaces the text (`versions._reanchor`)."""
    first = version(["Intro.", "Visez deux conversations, pas vingt.",
                     "Écoutez vraiment les gens."])
    with Library(tmp_path / "library.sqlite3") as library:
        article_id, _ = library.articles.add(first)
        blocks = [b.full_text for b in first.blocks]
        ids = {}
        for passage, note in (("deux conversations", "Sa note."),
                              ("Écoutez vraiment", "Autre note.")):
            anchor = find_passage(blocks, passage)
            assert anchor is not None
            ids[passage] = library.highlights.add_passage(article_id, anchor,
                                                          text_digest(first.text))
            library.notes.add(article_id, note, anchor.block_index, highlight_id=ids[passage])
        library.articles.add(version(["Nouveau chapeau.", "Intro.",
                                      "Visez deux conversations, pas vingt.", "Autre chose."]))
        (earlier,) = library.versions.of(article_id)
        assert (earlier.highlights, earlier.notes) == (1, 1)
        (moved,) = library.highlights.of(article_id)  # the current text's only
        assert (moved.id, moved.block_index, moved.lost, moved.text_version) == (
            ids["deux conversations"], 2, False, None)
        assert moved.text_digest == text_digest(library.articles.get(article_id).article.text)
        assert [(n.text, n.block_index) for n in library.notes.of(article_id)] == [
            ("Sa note.", 2)]
        gone = next(h for h in library.highlights.of(article_id, earlier=True)
                    if h.id == ids["Écoutez vraiment"])
        assert (gone.lost, gone.block_index, gone.text_version) == (True, 2, earlier.id)
        kept = next(n for n in library.notes.of(article_id, earlier=True)
                    if n.highlight_id == gone.id)
        assert (kept.text, kept.text_version) == ("Autre note.", earlier.id)  # it survives
    listed = json.loads(run_cli("--library", str(tmp_path), "notes", "--json").out)
    by_text = {h["text"]: h for h in listed[0]["highlights"]}
    assert by_text["Écoutez vraiment"]["note"] == "Autre note."
    assert by_text["Écoutez vraiment"]["changed_at_source"] is True
    assert by_text["Écoutez vraiment"]["earlier_text"] == 1
    assert by_text["deux conversations"]["earlier_text"] is None
    shown = run_cli("--library", str(tmp_path), "show", str(article_id), "--earlier", "1").out
    assert "Écoutez vraiment les gens." in shown  # the passage in the text it was made on


def test_the_trash_is_left_out_of_notes_and_exports(tmp_path: Path) -> None:
    with Library(tmp_path / "library.sqlite3") as library:
        kept, _ = library.articles.add(version(["Gardé."]))
        trashed, _ = library.articles.add(Article(source="b.html", title="Jeté",
                                                  blocks=(Block("paragraph", "Jeté."),)))
        for article_id in (kept, trashed):
            library.notes.add(article_id, f"note {article_id}")
            library.highlights.add(article_id, 0, "x")
        library.articles.trash(trashed)
        assert library.notes.annotated() == [kept]
        assert library.views.kept_by_reader() == [kept]
        assert {e.article_id for e in library.notes.everywhere(100)} == {kept}
    listed = json.loads(run_cli("--library", str(tmp_path), "notes", "--json").out)
    assert [item["id"] for item in listed] == [kept]
    for args in (("note", str(trashed), "x"), ("highlight", str(trashed), "Jeté"),
                 ("notes", str(trashed))):
        refused = run_cli("--library", str(tmp_path), *args)
        assert refused.code != 0 and "trash" in refused.err, args
    out = tmp_path / "out"
    assert run_cli("--library", str(tmp_path), "export", "--out", str(out)).code == 0
    assert [p.name for p in out.glob("*.md")] and not [
        p for p in out.glob("*.md") if "Jet" in p.name]


def test_full_text_in_place_carries_a_highlight_over_as_a_save_does(tmp_path: Path) -> None:
    """A feed item's summary replaced by its full article (`FeedItems.complete`)."""
    summary = version(["Visez deux conversations."])
    with Library(tmp_path / "library.sqlite3") as library:
        quiet, _ = library.articles.add(Article(source="q.html", title="Rien",
                                                blocks=(Block("paragraph", "Court."),)))
        library.feed_items.complete(quiet, Article(source="q.html", title="Rien",
                                                   blocks=(Block("paragraph", "Long."),)))
        assert library.versions.of(quiet) == []  # nobody wrote on it: no earlier text
        article_id, _ = library.articles.add(summary)
        anchor = find_passage([b.full_text for b in summary.blocks], "deux conversations")
        assert anchor is not None
        found = library.highlights.add_passage(article_id, anchor, text_digest(summary.text))
        library.feed_items.complete(article_id, version(
            ["Un chapeau.", "Visez deux conversations, pas vingt."]))
        (moved,) = library.highlights.of(article_id)
        assert (moved.id, moved.block_index, moved.lost) == (found, 1, False)
        assert len(library.versions.of(article_id)) == 1
