"""Terminal safety end to end: the real ``lecteur`` in a pseudo-terminal, every view visited.

The reader runs twice on the same library shape and the same keys: once with plain text,
once with hostile pages (titles, bodies, authors, sites, speakers, links, tags and notes
carrying OSC/CSI/DCS/APC/C1 sequences, bidi characters and Rich markup such as
``[@click=app.quit]``, stored raw as a tampered or old library could hold them, plus a
hostile page added through the reader from the loopback server). Mouse clicks are sent
over the hostile text. The oracle: the hostile run sends no kind of escape sequence that
the plain run (Textual's own output) does not, never a query or string sequence, and none
of the payloads' bytes; the app stays up until it is told to quit.

Every command of the command line is checked the same way, in a terminal (text, with
colour) and through a pipe (JSON): no payload byte, and no control character in any
decoded JSON string.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from hostile_payloads import (
    C1_PAYLOADS,
    CSI_PAYLOADS,
    MARKUP,
    OSC_PAYLOADS,
    OTHER_PAYLOADS,
    PAYLOADS,
    forbidden,
    leaks,
    scan,
)
from lecteur.core.library.store import Library
from lecteur.core.models import Article, Author, Block
from terminal import Terminal

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX terminal")

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _mix(n: int, hostile: bool) -> str:
    """A few payloads of every family (different ones for each `n`), or plain words."""
    if not hostile:
        return "texte ordinaire"
    groups = (OSC_PAYLOADS, CSI_PAYLOADS, OTHER_PAYLOADS, C1_PAYLOADS)
    return " ".join(group[(n + k) % len(group)] for k in range(2) for group in groups)


def build_library(home: Path, hostile: bool) -> None:
    """Three articles whose every field carries payloads (or plain text), stored raw."""
    home.mkdir(parents=True, exist_ok=True)
    with Library(home / "library.sqlite3") as library:
        for n in range(3):
            markup = MARKUP[n * 3:(n + 1) * 3] if hostile else ["Plain", "words", "here"]
            title = f"{markup[0]} Titre {n} {_mix(n, hostile)} {markup[1]}"
            blocks = tuple(Block("paragraph", f"{markup[k % 3]} Paragraphe {k}. "
                                 f"{_mix(n + k, hostile)} " + "Du texte. " * 30)
                           for k in range(4))
            quote = Block("quote", f"{markup[2]} Citation {_mix(n + 5, hostile)}",
                          speaker=f"{markup[1]} Marie {_mix(n + 6, hostile)} Tremblay")
            link = "https://phish.example/\x1b]52;c;eA==\x07" if hostile else "https://ex.org/l"
            article_id, _ = library.articles.add(Article(
                source=f"page-{n}.html", url=f"https://ex.org/{n}", title=title,
                blocks=(*blocks, quote), links=(link, "https://ex.org/ok"),
                author=Author(f"{markup[0]} Jeanne {_mix(n + 7, hostile)} Roy",
                              bio=f"Bio {_mix(n + 8, hostile)} {markup[2]}",
                              links=("https://ex.org/jeanne",)),
                sitename=f"Site {_mix(n + 9, hostile)}", date="2025-01-0" + str(n + 1)))
            library.tags.add(article_id, f"tag{n}")
            library.notes.add(article_id, "note", 0)
            library.highlights.add(article_id, 1, "h")
            if hostile:  # as a tampered library would hold them: raw, past the sanitiser
                conn = library.db.conn
                conn.execute("UPDATE notes SET text = ? WHERE article_id = ?",
                             (f"{MARKUP[9]} note {_mix(n, True)}", article_id))
                conn.execute("UPDATE tags SET name = ? WHERE name = ?",
                             (f"{MARKUP[10]}{_mix(n + 1, True)}", f"tag{n}"))
        (quote,) = library.quotations.find()[:1]
        library.quotations.keep(quote.id)
        feed_id, _ = library.feeds.add("https://ex.org/feed.xml", "Flux")
        if hostile:  # a feed's title, address, site and last error, as stored raw
            library.db.conn.execute(
                "UPDATE feeds SET title = ?, site_url = ?, last_error = ? WHERE id = ?",
                (f"{MARKUP[11]} Flux {_mix(10, True)}",
                 f"https://ex.org/\x1b]8;;x\x07{_mix(11, True)}", f"Erreur {_mix(12, True)}",
                 feed_id))


def page(hostile: bool) -> bytes:
    title = f"{MARKUP[0]} Ajoutée {_mix(4, hostile)} &#27;[2J" if hostile else "Ajoutée"
    body = (f"<p>{_mix(5, hostile)} &#27;]52;c;eA==&#7; Les spécialistes de la carrière "
            "conseillent de cultiver son réseau bien avant d'en avoir besoin. </p>") * 4
    return (f"<html><head><meta charset='utf-8'><title>{title}</title></head><body><article>"
            f"<h1>{title}</h1>{body}</article></body></html>").encode()


def _click(column: int, row: int) -> bytes:
    """A left click at (column, row), 1-based, in the SGR mouse encoding Textual asks for."""
    return f"\x1b[<0;{column};{row}M\x1b[<0;{column};{row}m".encode()


# A step is keys to type, or keys and a word the screen shows when they have taken effect
# (a dialog's title): the script waits for that word rather than for a fixed time, so a
# loaded machine plays the same script. "[" is typed alone in the tags dialog so that the
# completion of a tampered tag name is drawn before the next keys replace it.
Step = str | bytes | tuple[str | bytes, bytes]
SCRIPT: list[Step] = [
    "j", "k", _click(30, 3), _click(50, 4),  # the list, a click over a hostile title
    ("w", b"Note on the article"), "\x1b",  # the article's note, as stored, in the editor
    ("\r", b"Titre"), _click(20, 3), _click(40, 8), _click(60, 12),  # the reader, clicks
    "j", "j", "h", ("l", b"Links in the article"), "\x1b",  # highlight, links
    ("t", b"Tags"), "[", "b]tag", "\x1b",  # tags, a tampered tag offered as completion
    ("w", b"Note on paragraph"), "[@click=app.quit]ma note", "\x13",  # saved with ctrl+s
    "]", "[", "G", "q",  # next, previous, the end, back to the list
    ("/", b"Search the library"), "Titre", "\r", "q", "\x1b",  # search, a result, back
    "Q", "\r", "q", "\x1b",  # quotations, read one, back
    "P", "\r", "\r", "q", "\x1b", "\x1b",  # people, a card, a piece, back
    ("#", b"Every tag"), "e", "\x1b", "\x1b",  # every tag, renaming one, back
    ("R", b"Triage"), "j", "l", "q",  # triage: one item at a time, one put off for later
    ("M", b"How many minutes"), "\x1b",  # a reading session's question
    ("H", b"Highlights"), "C", "q",  # the Highlights view, a card written
    "\t", "j", "j", "j", "j", "j", "j", "\r", "\t",  # the sidebar: views, tags, feeds
    ("?", b"Keys"), "q", "\x10", "\x1b", "T",  # help, the command palette, the theme
]


# A word of each view and dialog the script opens (the English interface).
VIEWS = ["Links in the article", "Tags", "Note on paragraph", "Note on the article",
         "Search the library", "Saved pieces", "Keys", "Add an article", "Added: ",
         "quotations", "people", "Every tag", "Triage", "How many minutes"]


def play(terminal: Terminal, step: Step) -> None:
    """Type one step: wait for its word when it names one, else read for a moment."""
    if isinstance(step, tuple):
        keys, word = step
        terminal.type(keys, 0.0)
        terminal.read_until(word, 15)
    else:
        terminal.type(step, 0.0)
    terminal.read(0.4)


def _where(output: bytes, kinds: set[str]) -> str:
    """What a failure shows: the kinds found, and the bytes around the first payload."""
    for payload in PAYLOADS:
        at = output.find(payload.encode())
        if at >= 0:
            return f"{sorted(kinds)}; payload {payload!r} at {at}: {output[at - 300:at + 100]!r}"
    return f"{sorted(kinds)}; output tail: {output[-600:]!r}"


def run_reader(home: Path, add_url: str) -> tuple[bytes, int | None, bool]:
    """Play `SCRIPT` (then add `add_url`) in the reader; its output, status, and whether
    it was still running when the quit keys came."""
    with Terminal([], home) as terminal:
        assert terminal.read_until(b"Titre 0", 30), terminal.output[-2000:]
        for step in SCRIPT:
            play(terminal, step)
        play(terminal, ("u", b"Add an article"))
        play(terminal, (add_url + "\r", b"Added: "))
        alive = terminal.process.poll() is None
        for keys in ("\x1b", "\x1b", "q", "q", "q"):
            terminal.type(keys, 0.3)
        status = terminal.wait_exit(15)
        return terminal.output, status, alive


def test_the_reader_sends_only_textuals_own_sequences(site, tmp_path: Path) -> None:
    plain_home, hostile_home = tmp_path / "plain", tmp_path / "hostile"
    build_library(plain_home, hostile=False)
    build_library(hostile_home, hostile=True)
    plain_url = site.add("/pty-plain.html", page(False), "text/html")
    hostile_url = site.add("/pty-hostile.html", page(True), "text/html")
    baseline, status, alive = run_reader(plain_home, plain_url)
    assert status == 0 and alive
    shown = baseline.decode("utf-8", errors="replace")
    for view in VIEWS:  # the script did visit every view
        assert view in shown, view
    output, status, alive = run_reader(hostile_home, hostile_url)
    assert alive, "an injected action or a payload stopped the reader"
    assert status == 0
    extra = forbidden(scan(output), scan(baseline))
    assert extra == set(), _where(output, extra)
    assert leaks(output) == [], _where(output, set())
    text = output.decode("utf-8", errors="replace")
    assert "␛" in text and "Titre 0" in text and "[AFP]" in text  # shown, as text
    assert "[@click=app.quit]" in text
    with Library(hostile_home / "library.sqlite3") as library:
        assert library.articles.count() == 4  # the hostile page was added, as an article


# -- the command line -------------------------------------------------------------------


TEXT_COMMANDS = [["ls"], ["show", "1"], ["show", "2"], ["search", "Titre"], ["quotes"],
                 ["people"], ["quotes", "--speaker", "Marie"], ["quotes", "--kept"], ["tags"],
                 ["notes"], ["notes", "1"], ["feeds", "ls"], ["trash"], ["card", "1"],
                 ["export", "--format", "markdown", "--single-file", "-"]]
JSON_COMMANDS = [["ls", "--json"], ["show", "1", "--json"], ["search", "Titre", "--json"],
                 ["quotes", "--json"], ["people", "--json"], ["tags", "--json"],
                 ["notes", "--json"], ["feeds", "ls", "--json"]]


@pytest.fixture(scope="module")
def hostile_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("cli-hostile")
    build_library(home, hostile=True)
    return home


def _assert_terminal_bytes_safe(output: bytes) -> None:
    assert forbidden(scan(output), {"CSI m", "OSC 8"}) == set(), scan(output)
    assert leaks(output) == []
    for target in re.findall(rb"\x1b\]8;[^;]*;([^\x07\x1b]*)", output):
        assert target == b"" or target.startswith((b"https://", b"http://")), target


@pytest.mark.parametrize("args", TEXT_COMMANDS, ids=" ".join)
def test_cli_text_in_a_terminal_is_safe(hostile_home: Path, args: list[str]) -> None:
    with Terminal(args, hostile_home) as terminal:
        status = terminal.wait_exit(30)
        output = terminal.output
    assert status == 0, output[-500:]
    _assert_terminal_bytes_safe(output)


def test_cli_people_card_and_read_and_add_in_a_terminal(site, hostile_home: Path) -> None:
    url = site.add("/cli-hostile.html", page(True), "text/html")
    with Library(hostile_home / "library.sqlite3") as library:
        author = library.articles.get(1).article.author.name  # type: ignore[union-attr]
    for args in (["people", author[:12]], ["read", url], ["add", url]):
        with Terminal(args, hostile_home) as terminal:
            terminal.wait_exit(30)
            output = terminal.output
        _assert_terminal_bytes_safe(output)


def _json_strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _json_strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _json_strings(item)]
    return []


def _run(args: list[str], home: Path) -> subprocess.CompletedProcess[bytes]:
    import os

    env = {**os.environ, "LECTEUR_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "lecteur", *args], env=env,
                          capture_output=True, timeout=60)


@pytest.mark.parametrize("args", JSON_COMMANDS, ids=" ".join)
def test_cli_json_holds_no_control_character(hostile_home: Path, args: list[str]) -> None:
    ran = _run(args, hostile_home)
    assert ran.returncode == 0, ran.stderr
    assert not scan(ran.stdout) and not scan(ran.stderr)
    strings = _json_strings(json.loads(ran.stdout))
    assert strings
    dirty = [s for s in strings if CONTROL.search(s)]
    assert dirty == []


def test_the_json_backup_of_a_tampered_library_is_safe_bytes_and_loads_clean(
        hostile_home: Path, tmp_path: Path) -> None:
    """The backup is lossless, so it keeps a tampered library's strings as they are, but
    every control is escaped (``\\u001b``, ``\\u009b``): its bytes can drive no terminal,
    and loading it cleans them."""
    ran = _run(["export", "--format", "json"], hostile_home)
    assert ran.returncode == 0, ran.stderr
    assert not scan(ran.stdout) and leaks(ran.stdout) == []
    assert CONTROL.search(ran.stdout.decode()) is None
    backup = tmp_path / "backup.json"
    backup.write_bytes(ran.stdout)
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    loaded = _run(["import", str(backup)], fresh)
    assert loaded.returncode == 0, loaded.stderr
    again = _run(["export", "--format", "json"], fresh)
    strings = _json_strings(json.loads(again.stdout))
    assert strings and [s for s in strings if CONTROL.search(s)] == []


def test_cli_read_json_of_a_hostile_page(site, hostile_home: Path) -> None:
    url = site.add("/cli-hostile-json.html", page(True), "text/html")
    ran = _run(["read", "--format", "json", url], hostile_home)
    assert ran.returncode == 0, ran.stderr
    strings = _json_strings(json.loads(ran.stdout))
    assert [s for s in strings if CONTROL.search(s)] == []
    assert not any(payload in s for s in strings for payload in PAYLOADS if len(payload) > 3)


def test_cli_json_error_of_a_hostile_file_name(tmp_path: Path, hostile_home: Path) -> None:
    name = tmp_path / "no\x1b]52;c;eA==\x07such.html"
    ran = _run(["read", "--format", "json", str(name)], hostile_home)
    assert not scan(ran.stdout) and not scan(ran.stderr)
    strings = _json_strings(json.loads(ran.stdout.splitlines()[0]))
    assert [s for s in strings if CONTROL.search(s)] == []
