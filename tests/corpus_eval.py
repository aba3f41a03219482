"""Score lecteur's extraction against the fixture corpus (tests/corpus/{fr,en}).

Each fixture is an HTML page and a text version of one article, with an ``.expected.json``
stating its title, date, author card, block quotes with speakers, and the text that must be
present or absent. Used by tests/test_corpus.py (per-fixture checks and the quality gate)
and by bench/extraction_quality.py (the table in docs/extraction.md).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lecteur.core.extract.html import extract_html, extract_text
from lecteur.core.models import Article

CORPUS = Path(__file__).parent / "corpus"
# The real-page corpora live beside the repository (../shared/corpus), not in it.
CORPORA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
_SPACE = re.compile(r"\s+")
_OPENERS = "«“\"‘'— \u00a0\u202f"


@dataclass(frozen=True)
class Fixture:
    """One corpus article in one format."""

    name: str
    kind: str  # "html" or "text"
    path: Path
    expected: dict  # type: ignore[type-arg]


def fixtures() -> Iterator[Fixture]:
    """Every corpus fixture, HTML and text, in a stable order."""
    for expected_path in sorted(CORPUS.glob("*/*.expected.json")):
        stem = expected_path.name.removesuffix(".expected.json")
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        lang = expected_path.parent.name
        for kind, suffix in (("html", ".html"), ("text", ".txt")):
            path = expected_path.with_name(stem + suffix)
            if path.exists():
                yield Fixture(f"{lang}/{stem}.{kind}", kind, path, expected)


def extract(fixture: Fixture) -> Article:
    """Extract a fixture in-process, the way a worker would."""
    content = fixture.path.read_text(encoding="utf-8")
    if fixture.kind == "html":
        return extract_html(content, fixture.path.name)
    return extract_text(content, fixture.path.name)


def norm(text: str | None) -> str:
    """Compare text with white space, quotes and case folded."""
    text = unicodedata.normalize("NFC", text or "").replace("’", "'")
    return _SPACE.sub(" ", text).strip().lower()


def quote_matches(predicted: str, starts_with: str) -> bool:
    """Whether a predicted quote is the expected one (its text starts the same way)."""
    return norm(predicted).lstrip(_OPENERS).startswith(norm(starts_with).lstrip(_OPENERS))


@dataclass
class Score:
    """Counts over one or many fixtures."""

    quotes_predicted: int = 0
    quotes_expected: int = 0
    quotes_matched: int = 0
    speakers_right: int = 0
    authors_expected: int = 0
    authors_right: int = 0
    junk_expected: int = 0
    junk_removed: int = 0
    present_expected: int = 0
    present_kept: int = 0
    titles_right: int = 0
    dates_right: int = 0
    fixtures: int = 0
    problems: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name, value in vars(other).items():
            if name == "problems":
                self.problems.extend(value)
            else:
                setattr(self, name, getattr(self, name) + value)

    def ratio(self, numerator: str, denominator: str) -> float:
        den = getattr(self, denominator)
        return getattr(self, numerator) / den if den else 1.0

    def figures(self) -> dict[str, float]:
        """The published quality figures."""
        return {
            "quote precision": self.ratio("quotes_matched", "quotes_predicted"),
            "quote recall": self.ratio("quotes_matched", "quotes_expected"),
            "speaker accuracy": self.ratio("speakers_right", "quotes_matched"),
            "author name": self.ratio("authors_right", "authors_expected"),
            "junk removed": self.ratio("junk_removed", "junk_expected"),
            "article text kept": self.ratio("present_kept", "present_expected"),
            "title": self.ratio("titles_right", "fixtures"),
            "date": self.ratio("dates_right", "fixtures"),
        }


def score(fixture: Fixture, article: Article) -> Score:
    """Compare one extraction with its expectations."""
    expected = fixture.expected
    result = Score(fixtures=1)
    name = fixture.name

    def problem(what: str) -> None:
        result.problems.append(f"{name}: {what}")

    result.titles_right = int(norm(article.title) == norm(expected["title"]))
    if not result.titles_right:
        problem(f"title {article.title!r}")
    result.dates_right = int(article.date == expected["date"])
    if not result.dates_right:
        problem(f"date {article.date!r} != {expected['date']!r}")
    _score_author(expected.get("author"), article, result, problem)
    _score_quotes(expected["quotes"], article, result, problem)
    body = norm(article.text)
    for junk in expected["absent"]:
        result.junk_expected += 1
        if norm(junk) in body:
            problem(f"junk kept {junk!r}")
        else:
            result.junk_removed += 1
    for sentence in expected["present"]:
        result.present_expected += 1
        if norm(sentence) in body:
            result.present_kept += 1
        else:
            problem(f"text lost {sentence[:50]!r}")
    return result


def _score_author(expected: dict | None, article: Article, result: Score, problem) -> None:  # type: ignore[type-arg]
    if not expected or not expected.get("name"):
        return
    result.authors_expected += 1
    got = article.author.name if article.author else None
    if norm(got) == norm(expected["name"]):
        result.authors_right += 1
    else:
        problem(f"author {got!r} != {expected['name']!r}")


def _score_quotes(expected: list, article: Article, result: Score, problem) -> None:  # type: ignore[type-arg]
    predicted = list(article.quotes)
    result.quotes_predicted += len(predicted)
    result.quotes_expected += len(expected)
    unmatched = list(predicted)
    for want in expected:
        hit = next((q for q in unmatched if quote_matches(q.text, want["starts_with"])), None)
        if hit is None:
            problem(f"quote missed {want['starts_with'][:40]!r}")
            continue
        unmatched.remove(hit)
        result.quotes_matched += 1
        if norm(hit.speaker) == norm(want.get("speaker")):
            result.speakers_right += 1
        else:
            problem(f"speaker {hit.speaker!r} != {want.get('speaker')!r} "
                    f"for {want['starts_with'][:30]!r}")
    for extra in unmatched:
        problem(f"quote invented {extra.text[:40]!r}")


_REALPAGES_LINE = re.compile(r"^\s*(?:(en|fr): |realpages: )(\d+) pages, recall ([\d.]+), "
                             r"precision ([\d.]+), speakers ([\d.]+), authors ([\d.]+), "
                             r"titles ([\d.]+)")
REALPAGES_FIGURES = ("pages", "recall", "precision", "speakers", "authors", "titles")


def realpages() -> dict[str, dict[str, float]] | str:
    """The realpages scorer's figures ("fr", "en", "all") for the installed ``lecteur``,
    or the sentence saying why there are none (the corpus or the command is absent)."""
    scorer, lecteur = CORPORA / "realpages" / "score.py", shutil.which("lecteur")
    if not scorer.exists() or lecteur is None:
        missing = scorer.parent if not scorer.exists() else "the lecteur command"
        return f"realpages: skipped ({missing} not found)"
    run = subprocess.run([sys.executable, str(scorer), lecteur, "-v"], capture_output=True,
                         text=True, check=False, timeout=900, cwd=scorer.parent)
    figures: dict[str, dict[str, float]] = {}
    for line in run.stdout.splitlines():
        found = _REALPAGES_LINE.match(line)
        if found:
            values = [float(v) for v in found.groups()[1:]]
            figures[found.group(1) or "all"] = dict(zip(REALPAGES_FIGURES, values, strict=True))
    return figures or f"realpages: no result ({run.stderr.strip()[-200:]})"
