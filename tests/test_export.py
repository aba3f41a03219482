"""Markdown export: safe file names, front matter that parses back, the reader's part kept,
templates run as data, and atomic writes (reliability.md section H)."""

from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import run_cli
from lecteur.core.errors import InvalidInputError
from lecteur.core.io.atomic import remove_stale_temporaries
from lecteur.core.io.export import markdown
from lecteur.core.io.export.filenames import MAX_BYTES, file_name, id_of
from lecteur.core.io.export.frontmatter import front_matter, quoted
from lecteur.core.io.export.pieces import Piece, PieceHighlight, PieceNote, PieceQuote
from lecteur.core.io.export.templates import ARTICLE, load_template
from lecteur.core.library.store import Library
from lecteur.core.models import Article, Author, Block
from lecteur.core.transfer import labels

HOSTILE_TITLES = [
    "../../etc/passwd", "..", ".", "a/b", "a\\b", "CON", "con", "NUL.txt", "COM1", "LPT9",
    "x" * 300, "é" * 300, "👩‍💻" * 100, "line\nbreak", "tab\there", "nul\x00byte",
    "esc\x1b]52;c;Y3VybA==\x07title", "bidi \u202egnp.exe", "zero\u200bwidth",
    'a:b*c?d"e<f>g|h', "trailing dots...", "  spaces  ", "#tag ^block [[link]]", "",
    "...", "/", "/etc/shadow", "C:\\Windows\\system32", "~/.bashrc", "-rf", "a" * 119,
    "Cafe\u0301 NFD", "\u0000", "中文标题" * 40, "x\n---\nevil: true", "CON.md",
    "aux ", "prn.", "COM¹", "$(rm -rf ~)",
]


def piece(title: str = "Un titre", **changes: object) -> Piece:
    article = Article(
        source="page.html", title=title, url="https://example.org/a",
        blocks=(Block("paragraph", "Arriver tôt change tout."),
                Block("quote", "Visez deux conversations.", speaker="Hélène Marcoux")),
        date="2024-02-03", language="fr", sitename="Le Carnet", author=Author("Jeanne Roy"))
    values: dict[str, object] = {
        "id": 7, "article": article, "added_at": "2025-06-15T09:30:00Z",
        "tags": ("réseautage",),
        "highlights": (PieceHighlight(1, "Arriver tôt", "", " change tout.", 0,
                                      "2025-06-15T09:31:00Z", note="À faire."),),
        "notes": (PieceNote("Ma note.", None, "2025-06-15T09:32:00Z", "2025-06-15T09:32:00Z"),),
        "quotes": (PieceQuote("Visez deux conversations.", "Hélène Marcoux", None, True),),
    }
    values.update(changes)
    return Piece(**values)  # type: ignore[arg-type]


def export(tmp_path: Path, *pieces: Piece, force: bool = False) -> list[markdown.Written]:
    return markdown.write_pieces(pieces, tmp_path / "out", load_template(ARTICLE), labels(),
                                 force)


def parse_front_matter(text: str) -> dict[str, object]:
    assert text.startswith("---\n")
    end = text.index("\n---\n", 4)
    loaded = yaml.safe_load(text[4:end])
    assert isinstance(loaded, dict)
    return loaded


# --- file names -------------------------------------------------------------------------


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_a_hostile_title_gives_a_safe_name_inside_the_folder(tmp_path: Path, title: str) -> None:
    name = file_name(title, 12)
    assert len(name.encode("utf-8")) <= MAX_BYTES
    assert name.endswith(" (12).md") and id_of(name) == 12
    assert not set(name) & set('/\\:*?"<>|\x00\n\t\x1b')
    stem = name.split(".")[0].strip().upper()
    assert stem not in {"CON", "PRN", "AUX", "NUL", "COM1", "LPT9"}
    assert not name.startswith((".", " "))
    outside = tmp_path / "secret"
    outside.write_text("keep", encoding="utf-8")
    written = export(tmp_path, piece(title))
    folder = (tmp_path / "out").resolve()
    assert [w.path.resolve().parent for w in written] == [folder]
    assert [p.name for p in folder.iterdir()] == [written[0].path.name]
    assert outside.read_text(encoding="utf-8") == "keep"


def test_the_name_is_stable_when_the_title_changes(tmp_path: Path) -> None:
    first = export(tmp_path, piece("Ancien titre"))[0]
    second = export(tmp_path, piece("Nouveau titre"))[0]
    assert second.path == first.path and second.status == "updated"
    assert "# Nouveau titre" in second.path.read_text(encoding="utf-8")


# --- front matter -----------------------------------------------------------------------


def test_front_matter_holds_the_fields_vaults_read(tmp_path: Path) -> None:
    text = export(tmp_path, piece())[0].path.read_text(encoding="utf-8")
    assert parse_front_matter(text) == {
        "title": "Un titre", "author": "Jeanne Roy", "source": "https://example.org/a",
        "site": "Le Carnet", "published": "2024-02-03", "saved": "2025-06-15T09:30:00Z",
        "tags": ["réseautage"], "language": "fr", "reading_time": 1, "lecteur_id": 7}


def test_a_title_with_a_newline_and_dashes_stays_one_value(tmp_path: Path) -> None:
    title = "x\n---\nevil: true"
    text = export(tmp_path, piece(title))[0].path.read_text(encoding="utf-8")
    loaded = parse_front_matter(text)
    assert "evil" not in loaded
    assert loaded["title"] == "x --- evil: true"  # one clean line, as the CLI shows titles


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_string_round_trips_through_the_front_matter(value: str) -> None:
    block = front_matter({"title": value, "tags": [value, "b"], "sources": [{"title": value}]})
    loaded = yaml.safe_load(block[4:-4])
    assert loaded == {"title": value, "tags": [value, "b"], "sources": [{"title": value}]}
    assert quoted(value).count("\n") == 0


def test_no_escape_byte_reaches_an_exported_file(tmp_path: Path) -> None:
    hostile = "Titre\x1b]0;pwned\x07 \x1b[2J\x9b6n"
    written = export(tmp_path, piece(hostile, notes=(PieceNote(
        "note \x1b]52;c;eA==\x07 [x](javascript:alert(1)) <script>", None, "t", "t"),)))
    data = written[0].path.read_bytes()
    assert b"\x1b" not in data and b"\x07" not in data and "\x9b".encode() not in data
    text = data.decode("utf-8")
    assert "javascript:" not in text and "<script>" not in text and "&lt;script>" in text


# --- the reader's part ------------------------------------------------------------------


def test_what_the_reader_wrote_below_the_marker_is_kept(tmp_path: Path) -> None:
    path = export(tmp_path, piece())[0].path
    with path.open("a", encoding="utf-8") as handle:
        handle.write("## Mes réflexions\n\nÀ relire avant le congrès.\n")
    again = export(tmp_path, piece(notes=(PieceNote("Note changée.", None, "t", "t"),)))[0]
    assert again.status == "updated"
    text = path.read_text(encoding="utf-8")
    assert "Note changée." in text and "Ma note." not in text
    assert text.endswith("-->\n## Mes réflexions\n\nÀ relire avant le congrès.\n")
    assert export(tmp_path, piece(notes=(PieceNote("Note changée.", None, "t", "t"),)))[
        0].status == "unchanged"


def test_a_file_edited_above_the_marker_is_left_alone_unless_forced(tmp_path: Path) -> None:
    path = export(tmp_path, piece())[0].path
    edited = path.read_text(encoding="utf-8").replace("# Un titre", "# Mon titre à moi")
    path.write_text(edited, encoding="utf-8")
    assert export(tmp_path, piece())[0].status == "edited"
    assert path.read_text(encoding="utf-8") == edited
    forced = export(tmp_path, piece(), force=True)[0]
    assert forced.status == "forced"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: \"Un titre\"")
    assert text.split("-->\n", 1)[1].count("# Mon titre à moi") == 1  # kept below the marker


def test_a_marker_quoted_in_a_note_cannot_end_lecteurs_part(tmp_path: Path) -> None:
    fake = "<!-- lecteur:end 000000000000 x -->"
    path = export(tmp_path, piece(notes=(PieceNote(fake, None, "t", "t"),)))[0].path
    assert export(tmp_path, piece(notes=(PieceNote(fake, None, "t", "t"),)))[
        0].status == "unchanged"
    assert len(markdown.MARKER.findall(path.read_text(encoding="utf-8"))) == 1


def test_the_file_is_private_and_keeps_a_mode_the_reader_chose(tmp_path: Path) -> None:
    path = export(tmp_path, piece())[0].path
    assert path.stat().st_mode & 0o777 == 0o600
    path.chmod(0o644)
    export(tmp_path, piece(tags=("autre",)))
    assert path.stat().st_mode & 0o777 == 0o644


# --- templates --------------------------------------------------------------------------


def test_page_text_that_looks_like_a_template_is_printed_not_run(tmp_path: Path) -> None:
    text = export(tmp_path, piece("{{ 7 * 7 }} {% if true %}x{% endif %}"))[0].path.read_text(
        encoding="utf-8")
    assert "# {{ 7 * 7 }} {% if true %}x{% endif %}" in text and "49" not in text


def test_the_readers_template_replaces_the_default(tmp_path: Path) -> None:
    own = tmp_path / "templates"
    own.mkdir()
    (own / ARTICLE).write_text("Titre : {{ title }}\n{% for h in highlights %}* {{ h.text }}\n"
                               "{% endfor %}", encoding="utf-8")
    written = markdown.write_pieces([piece()], tmp_path / "out", load_template(ARTICLE, own),
                                    labels())
    body = written[0].path.read_text(encoding="utf-8").split("---\n", 2)[2]
    assert body.startswith("\nTitre : Un titre\n* Arriver tôt\n\n<!-- lecteur:end ")


def test_a_template_cannot_reach_python_internals(tmp_path: Path) -> None:
    own = tmp_path / "templates"
    own.mkdir()
    (own / ARTICLE).write_text("{{ title.__class__.__mro__[1].__subclasses__() }}",
                               encoding="utf-8")
    with pytest.raises(InvalidInputError, match="cannot be used"):
        markdown.write_pieces([piece()], tmp_path / "out", load_template(ARTICLE, own),
                              labels())


def test_a_broken_template_is_one_sentence_from_the_command_line(tmp_path: Path) -> None:
    library = tmp_path / "lib"
    assert run_cli("--library", str(library), "add", str(Path(__file__).parent / "pages" /
                                                      "conseil.txt")).code == 0
    (library / "config" / "templates").mkdir(parents=True)
    (library / "config" / "templates" / ARTICLE).write_text("{% if %}", encoding="utf-8")
    ran = run_cli("--library", str(library), "export", "--out", str(tmp_path / "out"))
    assert ran.code == 1 and "Traceback" not in ran.err
    assert ran.err.startswith("lecteur: The export template article.md.j2 cannot be used")


# --- atomic writes ----------------------------------------------------------------------

_CHILD = r"""
import sys
from pathlib import Path
from lecteur.core.io.export import markdown
from lecteur.core.io.export.pieces import Piece, PieceNote
from lecteur.core.io.export.templates import ARTICLE, load_template
from lecteur.core.library.store import Library
from lecteur.core.models import Article, Block
from lecteur.core.transfer import labels

def piece(word):
    blocks = tuple(Block("quote", f"{word} {n} " + "mot " * 200, speaker="X") for n in range(300))
    article = Article(source="s", title="Gros article", blocks=blocks)
    return Piece(3, article, "2025-06-15T09:30:00Z", notes=(PieceNote(word, None, "t", "t"),))

folder, template, words = Path(sys.argv[1]), load_template(ARTICLE), labels()
versions = [piece("ancien"), piece("nouveau")]
if sys.argv[2] == "expected":
    for p in versions:
        print(markdown.compose(markdown.lecteur_part(p, template, words), "", words["marker"])
              .encode().hex())
    sys.exit()
markdown.write_piece(versions[0], folder, template, words)
print("ready", flush=True)
n = 0
while True:
    n += 1
    markdown.write_piece(versions[n % 2], folder, template, words)
"""


def test_a_kill_during_export_leaves_the_old_file_or_the_new_never_half(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    expected = subprocess.run([sys.executable, "-c", _CHILD, str(folder), "expected"],
                              capture_output=True, text=True, check=True).stdout.split()
    digests = {hashlib.sha256(bytes.fromhex(h)).hexdigest() for h in expected}
    assert len(digests) == 2
    for cycle in range(25):
        child = subprocess.Popen([sys.executable, "-c", _CHILD, str(folder), "write"],
                                 stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
        time.sleep(0.01 + (cycle % 10) * 0.013)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        files = list(folder.glob("*.md"))
        assert len(files) == 1
        assert hashlib.sha256(files[0].read_bytes()).hexdigest() in digests, cycle
    young = folder / ".Gros article (3).md.inprogress.tmp"
    young.write_text("another export, writing now", encoding="utf-8")
    for stale in folder.glob(".*.tmp"):
        if stale != young:
            os.utime(stale, (time.time() - 3600, time.time() - 3600))
    remove_stale_temporaries(folder)
    assert sorted(p.name for p in folder.iterdir()) == [young.name, "Gros article (3).md"]


# --- the command ------------------------------------------------------------------------


def test_export_by_tag_and_what_the_command_says(tmp_path: Path) -> None:
    corpus = Path(__file__).parent / "corpus"
    library = tmp_path / "lib"
    run = lambda *args: run_cli("--library", str(library), *args)  # noqa: E731
    assert run("add", str(corpus / "fr" / "01-reseauter-introverti-cinq-strategies.html"),
               str(corpus / "en" / "02-cold-emails-that-get-answers.html")).code == 0
    assert run("note", "2", "Three lines.").code == 0
    with Library(library / "library.sqlite3") as lib:
        lib.tags.add(1, "Réseautage")
    out = tmp_path / "vault"
    tagged = run("export", "--tag", "#reseautage", "--out", str(out))  # tags are one
    assert tagged.code == 0, tagged.err
    assert [p.name for p in out.iterdir()] == [
        "Réseauter quand on est introverti cinq stratégies qui fonctionnent (1).md"]
    assert tagged.out.endswith("1 piece(s) exported to " + str(out) + "\n")
    everything = run("export", "--out", str(out))
    assert everything.out.count("new: ") == 1 and "updated" not in everything.out
    (first,) = out.glob("* (1).md")
    first.write_text("# à moi\n", encoding="utf-8")
    edited = run("export", "--out", str(out))
    assert edited.code == 1 and "was edited by hand" in edited.err
    assert first.read_text(encoding="utf-8") == "# à moi\n"
    forced = run("export", "--out", str(out), "--force")
    assert forced.code == 0 and "rewritten" in forced.out
    assert first.read_text(encoding="utf-8").endswith("-->\n# à moi\n")
    nowhere = run("export")
    assert nowhere.code == 1 and "--out DIR" in nowhere.err
    book = tmp_path / "playbook.md"
    assert run("export", "--single-file", str(book), "--tag", "réseautage").code == 0
    assert "Three lines." not in book.read_text(encoding="utf-8")
    printed = run("export", "--single-file", "-", "--tag", "réseautage")  # "-": stdout
    assert printed.code == 0 and not (Path.cwd() / "-").exists()
    assert _without_dates(printed.out) == _without_dates(book.read_text(encoding="utf-8"))


def _without_dates(text: str) -> str:
    """A playbook without its time stamps (two exports a second apart), nor the digest
    of its part that the marker holds."""
    import re

    text = re.sub(r"lecteur:end [0-9a-f]+", "lecteur:end", text)
    return re.sub(r"\d{4}-\d\d-\d\dT[\d:]+(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)?", "", text)


def test_the_config_file_names_the_export_folder(tmp_path: Path) -> None:
    from lecteur.core.config import load_config

    path = tmp_path / "config.toml"
    path.write_text('export_dir = "~/notes/lecteur"\n', encoding="utf-8")
    assert load_config(path).export_dir == "~/notes/lecteur"
    path.write_text("export_dir = 3\n", encoding="utf-8")
    assert load_config(path).export_dir is None


# --- quote cards ------------------------------------------------------------------------


def test_a_card_escapes_page_text_and_is_well_formed_svg() -> None:
    from defusedxml import ElementTree

    from lecteur.core.io.export.cards import Card, card_svg, card_text

    hostile = Card('</text><script>alert("x")</script> & \x1b]0;t\x07 {{ 7*7 }}',
                   "A <b>speaker</b>", "Title & co", url="https://example.org/?a=1&b=2")
    svg = card_svg(hostile)
    root = ElementTree.fromstring(svg.encode("utf-8"))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert not [e for e in root.iter() if e.tag.endswith("script")]
    words = "".join(root.itertext())
    assert '</text><script>alert("x")</script> &' in words and "\x1b" not in svg
    assert "— A <b>speaker</b>" in words and "{{ 7*7" in words  # (a line ends after 7*7)
    text = card_text(hostile)
    assert text.startswith("“</text><script>") and "\x1b" not in text


def test_a_long_quotation_wraps_and_the_card_grows() -> None:
    from lecteur.core.io.export.cards import Card, card_svg

    short = card_svg(Card("Court.", "X", "T"))
    long = card_svg(Card("mot " * 200, "X", "T"))
    height = lambda svg: int(svg.split('height="', 1)[1].split('"', 1)[0])  # noqa: E731
    assert height(long) > height(short) + 500
    lines = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", long)
    assert len(lines) > 15 and max(len(line) for line in lines) <= 50


def test_card_command_refuses_an_unknown_id(tmp_path: Path) -> None:
    ran = run_cli("--library", str(tmp_path / "lib"), "card", "5")
    assert ran.code == 1 and ran.err == "lecteur: There is no quotation #5 in the library.\n"
    ran = run_cli("--library", str(tmp_path / "lib"), "card", "5", "--highlight")
    assert ran.err == "lecteur: There is no highlight #5 in the library.\n"


def test_an_export_with_nothing_to_write_says_so(tmp_path: Path) -> None:
    library = tmp_path / "lib"
    run = lambda *args: run_cli("--library", str(library), *args)  # noqa: E731
    out = tmp_path / "vault"
    empty = run("export", "--format", "markdown", "--out", str(out))
    assert empty.code == 0, empty.err
    assert empty.out == (f"Nothing to export: no piece is saved, tagged or written on; {out} "
                         "was not created.\n")
    assert not out.exists()
    out.mkdir()
    tagged = run("export", "--tag", "#réseau", "--out", str(out))
    assert tagged.out == (f"Nothing to export: no piece carries the tag #réseau; {out} was "
                          "left as it is.\n")
    assert list(out.iterdir()) == []
