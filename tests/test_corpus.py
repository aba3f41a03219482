"""Extraction quality over the fixture corpus: every fixture's expectations, and the gate.

The corpus (tests/corpus) holds 40 articles written for lecteur, 20 French and 20 English,
each as a realistic HTML page and as text copied out of a browser. docs/extraction.md
publishes the figures that `bench/extraction_quality.py` prints from the same scoring.
"""

from __future__ import annotations

import re

import pytest

from corpus_eval import Fixture, Score, extract, fixtures, norm, score

FIXTURES = list(fixtures())
TARGETS = {
    "quote precision": 0.95,
    "quote recall": 0.90,
    "speaker accuracy": 0.85,
    "author name": 0.95,
    "junk removed": 1.0,
    "article text kept": 1.0,
}


def test_corpus_is_complete() -> None:
    languages = {f.expected["language"] for f in FIXTURES}
    assert languages == {"fr", "en"}
    assert len({f.path.stem for f in FIXTURES if f.kind == "html"}) >= 40
    assert sum(len(f.expected["quotes"]) for f in FIXTURES if f.kind == "html") >= 100


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_fixture_expectations(fixture: Fixture) -> None:
    article = extract(fixture)
    result = score(fixture, article)
    assert result.problems == []


def test_quality_gate() -> None:
    total = Score()
    for fixture in FIXTURES:
        total.add(score(fixture, extract(fixture)))
    figures = total.figures()
    for name, target in TARGETS.items():
        assert figures[name] >= target, (name, figures[name], total.problems[:20])


_SENTENCE = re.compile(r"(?<=[.!?»”])\s+(?=[A-ZÀ-Ö«“\"])")


@pytest.mark.parametrize("fixture", [f for f in FIXTURES if f.kind == "html"],
                         ids=[f.name for f in FIXTURES if f.kind == "html"])
def test_cleaning_keeps_what_trafilatura_keeps(fixture: Fixture) -> None:
    """Every sentence of trafilatura's own output that is article text is in lecteur's."""
    import trafilatura

    html = fixture.path.read_text(encoding="utf-8")
    theirs = trafilatura.extract(html, output_format="txt", include_comments=False) or ""
    ours = _unquoted(norm(extract(fixture).text))
    junk = [norm(j) for j in fixture.expected["absent"]] + [norm(fixture.expected["title"])]
    sentences = [s for line in theirs.splitlines() for s in _SENTENCE.split(line)]
    lost = []
    for sentence in sentences:
        folded = norm(sentence)
        if len(folded) < 25 or any(j in folded or folded in j for j in junk):
            continue
        if _unquoted(folded) not in ours:
            lost.append(sentence)
    assert lost == []


def _unquoted(text: str) -> str:
    """Text without quotation marks or the spaces inside guillemets, for comparison."""
    return re.sub(r"\s*[«»“”\"]\s*", " ", text).strip()
