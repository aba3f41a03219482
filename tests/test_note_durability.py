"""A note acknowledged as saved survives a kill -9 at any moment (reliability.md G3, T9).

A child process writes notes as fast as it can, through the library as the commands and
the reader's editor do, and prints each one's id and digest only after its transaction
committed (what ``lecteur note`` prints as "note #N", what the editor shows as "Note
saved."): notes on the article, and notes on highlighted passages (a passage highlight
anchored by prefix and suffix, then its note, then an edit of it, and the draft the editor
autosaves meanwhile). The parent kills it at a random moment, many times, then finds every
acknowledged note intact, on its highlight, and the library whole. Then the real reader,
in a terminal: a passage note being typed is in its draft two seconds later when the
reader is killed, and a note the reader said was saved is in the library after a kill.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from lecteur.core.library.store import Library
from lecteur.core.models import Article, Block
from lecteur.core.text.anchors import find_passage, text_digest
from terminal import Terminal

CYCLES = 20
_CHILD = r"""
import hashlib, sys
from pathlib import Path
from lecteur.core.library.store import Library
from lecteur.core.models import Article, Block
from lecteur.core.text.anchors import find_passage, text_digest

def digest(text):
    return hashlib.sha256(text.encode()).hexdigest()

with Library(Path(sys.argv[1])) as library:
    body = "Écoutez d'abord. Notez tout, p. ex. les noms. « Relancez ! » dit-il."
    article = Article("s", "Un article", (Block("paragraph", body),),
                      url="https://example.org/a")
    article_id, _ = library.articles.add(article)
    blocks = [block.full_text for block in article.blocks]
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        text = f"Note {sys.argv[2]}-{n} : " + "réseau " * (n % 50) + "\nfin"
        if n % 2:
            note_id = library.notes.add(article_id, text)
            print("article", note_id, digest(text), flush=True)
            continue
        anchor = find_passage(blocks, ("Notez tout", "« Relancez ! »", "les noms")[n % 3])
        highlight_id = library.highlights.add_passage(article_id, anchor,
                                                      text_digest(article.text))
        key = f"note:{article_id}:highlight:{highlight_id}"
        library.drafts.put(key, text)
        print("draft", key, digest(text), flush=True)
        note_id = library.notes.add(article_id, text, anchor.block_index,
                                    highlight_id=highlight_id)
        library.drafts.clear(key)
        print("passage", note_id, digest(text), highlight_id, flush=True)
        edited = text + " (relu)"
        print("editing", note_id, digest(edited), highlight_id, flush=True)
        library.notes.update(note_id, edited, article_id=article_id)
        print("passage", note_id, digest(edited), highlight_id, flush=True)
"""


def test_every_acknowledged_note_survives_a_kill(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    acknowledged: dict[int, tuple[str, int | None]] = {}
    in_flight: dict[int, tuple[str, int | None]] = {}  # an edit asked for, not acknowledged
    drafts: dict[str, str] = {}  # acknowledged drafts whose note was not acknowledged yet
    rng = random.Random(12)
    for cycle in range(CYCLES):
        child = subprocess.Popen([sys.executable, "-c", _CHILD, str(path), str(cycle)],
                                 stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
        time.sleep(rng.uniform(0.02, 0.2))
        os.kill(child.pid, signal.SIGKILL)
        out, _ = child.communicate()
        for line in out.splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[0] == "article":  # a cut line was never acknowledged
                acknowledged[int(parts[1])] = (parts[2], None)
            elif len(parts) == 3 and parts[0] == "draft":
                drafts[parts[1]] = parts[2]
            elif len(parts) == 4 and parts[0] in ("passage", "editing"):
                table = in_flight if parts[0] == "editing" else acknowledged
                table[int(parts[1])] = (parts[2], int(parts[3]))
                drafts.pop(f"note:1:highlight:{parts[3]}", None)
    on_passages = [i for i, (_digest, highlight) in acknowledged.items() if highlight]
    assert len(acknowledged) > CYCLES and len(on_passages) > CYCLES // 2  # kills among writes
    with Library(path) as library:
        assert library.db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {n.id: (hashlib.sha256(n.text.encode()).hexdigest(), n.highlight_id)
                  for n in library.notes.of(1)}
        highlights = {h.id: h for h in library.highlights.of(1)}
        kept = {key: library.drafts.get(key) for key in drafts}
    # The one write in flight at the kill may have landed (its pages were written, the
    # process died in the fsync): an edit asked for and not acknowledged may be there.
    missing = {i: ack for i, ack in acknowledged.items()
               if stored.get(i) != ack and stored.get(i) != in_flight.get(i)}
    assert missing == {}
    for note_id in on_passages:  # each on its passage, anchored
        highlight = highlights[acknowledged[note_id][1] or 0]
        assert highlight.prefix or highlight.suffix
    # A draft acknowledged, its note not: the draft is there as it was, or the note (the
    # write in flight) is.
    for key, digest in drafts.items():
        text = kept[key]
        landed = (digest, int(key.rsplit(":", 1)[1])) in stored.values()
        assert landed or (text is not None
                          and hashlib.sha256(text.encode()).hexdigest() == digest), key


# --- the real reader ---------------------------------------------------------------------

PARAGRAPH = "Écoutez d'abord. Notez tout, p. ex. les noms. Relancez ensuite."


def _passage_library(home: Path) -> int:
    """One article whose first paragraph holds a highlighted passage; its id."""
    home.mkdir(parents=True, exist_ok=True)
    with Library(home / "library.sqlite3") as library:
        article = Article("s", "Durable", (Block("paragraph", PARAGRAPH),
                                           Block("paragraph", "Une suite.")),
                          url="https://example.org/durable")
        article_id, _ = library.articles.add(article)
        anchor = find_passage([b.full_text for b in article.blocks], "Notez tout")
        assert anchor is not None
        return library.highlights.add_passage(article_id, anchor, text_digest(article.text))


def _open_the_passage_note(terminal: Terminal) -> None:
    assert terminal.read_until(b"Durable", 30), terminal.output[-2000:]
    terminal.type("\r", 1.0)  # read it: the cursor is on the first paragraph
    terminal.type("w", 0.2)  # the paragraph holds a finer highlight: its note
    assert terminal.read_until(b"highlighted passage", 15), terminal.output[-2000:]


def test_the_reader_killed_while_a_passage_note_is_typed_keeps_it(tmp_path: Path) -> None:
    home = tmp_path / "home"
    highlight_id = _passage_library(home)
    key = f"note:1:highlight:{highlight_id}"
    typed = ""
    for word in ("Premier", "second", "troisième"):  # three readers, each killed
        with Terminal([], home) as terminal:
            _open_the_passage_note(terminal)
            typed += ("" if not typed else " ") + word
            terminal.type(("" if typed == word else " ") + word, 0.2)
            assert terminal.read_until(word.encode(), 10)  # the editor shows it: typed
            time.sleep(2.0)  # the most a kill may lose
            os.kill(terminal.process.pid, signal.SIGKILL)
            terminal.process.wait()
        with Library(home / "library.sqlite3") as library:
            assert library.drafts.get(key) == typed
            assert library.notes.of(1) == []  # a draft, never shown as saved
    with Terminal([], home) as terminal:
        _open_the_passage_note(terminal)
        assert terminal.read_until(b"draft is back", 5)
        terminal.type("\x13", 0.1)  # ctrl+s
        assert terminal.read_until(b"Note saved.", 15), terminal.output[-2000:]
        os.kill(terminal.process.pid, signal.SIGKILL)  # at once, once it said so
        terminal.process.wait()
    with Library(home / "library.sqlite3") as library:
        (note,) = library.notes.of(1)
        assert (note.text, note.highlight_id) == (typed, highlight_id)
        assert library.drafts.get(key) is None
