"""A note acknowledged as saved survives a kill -9 at any moment (reliability.md G3, T9).

A child process writes notes as fast as it can, through the library as the commands do,
and prints each one's id and digest only after its transaction committed (what
``lecteur note`` prints as "note #N"); the parent kills it at a random moment, many
times, then finds every acknowledged note intact and the library whole.
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

CYCLES = 20
_CHILD = r"""
import hashlib, sys
from pathlib import Path
from lecteur.core.library.store import Library
from lecteur.core.models import Article, Block

with Library(Path(sys.argv[1])) as library:
    article_id, _ = library.articles.add(Article("s", "Un article", (Block("paragraph", "x"),),
                                                 url="https://example.org/a"))
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        text = f"Note {sys.argv[2]}-{n} : " + "réseau " * (n % 50) + "\nfin"
        note_id = library.notes.add(article_id, text)
        digest = hashlib.sha256(text.encode()).hexdigest()
        print(note_id, digest, flush=True)
"""


def test_every_acknowledged_note_survives_a_kill(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    acknowledged: dict[int, str] = {}
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
            if len(parts) == 2:  # a line cut by the kill was never acknowledged
                acknowledged[int(parts[0])] = parts[1]
    assert len(acknowledged) > CYCLES  # the kills landed among writes
    with Library(path) as library:
        assert library.db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {n.id: hashlib.sha256(n.text.encode()).hexdigest()
                  for n in library.notes.of(1)}
    missing = {i: d for i, d in acknowledged.items() if stored.get(i) != d}
    assert missing == {}
