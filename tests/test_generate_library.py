"""bench/generate_library.py builds a library the shipped code agrees with: its rows go in
raw, under the schema's triggers, so every counter, person and folded name must be what
the migrations' own fills make from the same rows."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import generate_library

from lecteur.core.library import migrations


def test_generated_library_counts_and_people_match_a_fill(tmp_path: Path) -> None:
    made = generate_library.generate(tmp_path / "gen", 300, workers=1)
    assert made["rows"]["article"] == 300
    conn = sqlite3.connect(tmp_path / "gen" / "library.sqlite3", isolation_level=None)
    migrations.register_name_functions(conn)
    counters = dict(conn.execute("SELECT name, value FROM counters WHERE value"))
    people = sorted(conn.execute("SELECT * FROM people"))
    links = sorted(conn.execute("SELECT * FROM person_articles"))
    assert counters["inbox"] > 0 and people
    assert conn.execute("SELECT count(*) FROM quotes WHERE speaker_order IS NULL").fetchone() \
        == (0,)
    assert conn.execute("SELECT count(*) FROM articles WHERE author_name IS NOT NULL "
                        "AND author_order IS NULL").fetchone() == (0,)
    conn.execute("BEGIN")
    migrations.fill_counters(conn)
    migrations.fill_people(conn)
    # (a fill also writes 0 for a tag no article has; the triggers never made its row)
    assert dict(conn.execute("SELECT name, value FROM counters WHERE value")) == counters
    assert sorted(conn.execute("SELECT * FROM people")) == people
    assert sorted(conn.execute("SELECT * FROM person_articles")) == links
    conn.execute("ROLLBACK")
    conn.close()
