"""``lecteur ls --sort score``, ``show --json`` and ``lecteur next --minutes N``."""

from __future__ import annotations

import json
from pathlib import Path

from labelled_items import HELD_OUT, TRAINING

from helpers import run_cli as lecteur
from lecteur.core.library.store import Library
from lecteur.core.library.views import View


def _add(house: Path, tmp_path: Path, items: list[tuple[str, bool, str, str]]) -> None:
    sources = []
    for number, (_lang, _relevant, title, body) in enumerate(items):
        page = tmp_path / f"item{number}.md"
        page.write_text(f"# {title}\n\n{body}\n", encoding="utf-8")
        sources.append(str(page))
    assert lecteur("add", *sources).code == 0


def test_ls_sorts_by_score_and_says_why(house: Path, tmp_path: Path) -> None:
    _add(house, tmp_path, [TRAINING[47], TRAINING[21], TRAINING[44]])  # petrol, réseautage
    listing = json.loads(lecteur("ls", "--sort", "score", "--json").out)
    assert [e["title"] for e in listing][-1] == "Le prix de l'essence grimpe encore"
    assert listing[0]["score"] > 0.5 and listing[0]["why"]
    assert listing[-1]["why"] == [] and listing[-1]["score"] < 0.1
    plain = lecteur("ls", "--sort", "score").out.splitlines()
    assert plain[1].split("\t")[-1].startswith("relevance 0.")
    assert plain[0].split("\t")[-1] == "relevance"  # the column says what it holds
    newest = json.loads(lecteur("ls", "--json").out)
    assert newest[0]["title"] == "Informational interviews that lead somewhere"
    shown = json.loads(lecteur("show", str(listing[0]["id"]), "--json").out)
    assert shown["score"] == listing[0]["score"] and shown["why"] == listing[0]["why"]


def test_next_picks_the_best_unread_pieces_that_fit(house: Path, tmp_path: Path) -> None:
    _add(house, tmp_path, list(HELD_OUT[:12]))
    with Library(house / "library.sqlite3") as library:
        best = library.views.rows(View("inbox", order="score"), 1)
        library.views.mark_read(best[0].id)
    plan = json.loads(lecteur("next", "--minutes", "1", "--json").out)
    assert plan["words_per_minute"] == 230 and not plan["measured"]
    pieces = plan["pieces"]
    assert pieces and best[0].id not in [p["id"] for p in pieces]
    assert sum(p["minutes_at_your_speed"] for p in pieces) <= 1.05
    scores = [p["score"] for p in pieces]
    assert scores == sorted(scores, reverse=True)
    said = lecteur("next", "--minutes", "1")
    assert "230 words a minute" in said.out


def test_next_uses_the_measured_pace(house: Path, tmp_path: Path) -> None:
    _add(house, tmp_path, list(HELD_OUT[:12]))
    default = json.loads(lecteur("next", "--minutes", "2", "--json").out)
    with Library(house / "library.sqlite3") as library:
        library.curate.record_reading(100, 600)  # 10 words a minute: fewer pieces fit
    plan = json.loads(lecteur("next", "--minutes", "2", "--json").out)
    assert plan["measured"] and plan["words_per_minute"] == 60  # the slowest pace counted
    assert 0 < len(plan["pieces"]) < len(default["pieces"])
    # The table's minutes column is the same figure as JSON's, at the measured pace.
    rows = [line.split("\t") for line in lecteur("next", "--minutes", "2").out.splitlines()
            if line.split("\t")[0].isdigit()]
    assert [(int(row[0]), float(row[5])) for row in rows] == [
        (p["id"], p["minutes_at_your_speed"]) for p in plan["pieces"]]
    assert any(p["minutes_at_your_speed"] != p["reading_minutes"] for p in plan["pieces"])


def test_next_refuses_a_session_longer_than_a_day(house: Path) -> None:
    ran = lecteur("next", "--minutes", "5000")
    assert ran.code == 2 and "a day at most" in ran.err


def test_a_broken_profile_is_said_in_one_sentence(house: Path, tmp_path: Path) -> None:
    _add(house, tmp_path, [TRAINING[21]])
    (house / "config").mkdir(parents=True, exist_ok=True)
    (house / "config" / "topics.toml").write_text("[terms\n", encoding="utf-8")
    ran = lecteur("ls", "--sort", "score")
    assert ran.code == 0 and "topics.toml cannot be used" in ran.err
    assert "relevance 0." in ran.out  # scored with the shipped profile


def test_the_profile_in_the_config_folder_is_the_one_in_force(house: Path,
                                                             tmp_path: Path) -> None:
    (house / "config").mkdir(parents=True, exist_ok=True)
    (house / "config" / "topics.toml").write_text('[terms]\n"essence" = 3\n', encoding="utf-8")
    _add(house, tmp_path, [TRAINING[47], TRAINING[21]])  # petrol, then réseautage
    listing = json.loads(lecteur("ls", "--sort", "score", "--json").out)
    assert listing[0]["title"] == "Le prix de l'essence grimpe encore"
    assert listing[0]["why"] == ["essence"]
