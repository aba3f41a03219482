"""Extraction quality and the cost of lecteur's analysis, over the fixture corpus.

Prints the table published in docs/extraction.md: quote precision and recall, speaker
accuracy, author-name accuracy, junk removed, article text kept, titles and dates, over
every fixture (40 articles, each as an HTML page and as text), by language and in all.
Then the time lecteur's analysis (quotations, speakers, author card, cleaning) adds to
trafilatura's own extraction on the same HTML pages, measured in the same run, and the
summary of the textkeep corpus (../shared/corpus/textkeep/, 400 real pages: does lecteur
keep the text trafilatura keeps?), skipped with a message when the corpus is absent.

    python bench/extraction_quality.py [--json] [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from corpus_eval import Score, extract, fixtures, score

CORPORA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def quality() -> dict[str, dict[str, float]]:
    """The quality figures by language and in all."""
    totals = {"fr": Score(), "en": Score(), "all": Score()}
    for fixture in fixtures():
        result = score(fixture, extract(fixture))
        totals[fixture.expected["language"]].add(result)
        totals["all"].add(result)
    return {name: total.figures() | {"fixtures": total.fixtures,
                                     "quotes expected": total.quotes_expected}
            for name, total in totals.items()}


def overhead(rounds: int) -> dict[str, float]:
    """Per-page time of plain trafilatura against lecteur's whole extract_html."""
    import trafilatura

    from lecteur.core.extract.html import extract_html

    pages = [f.path.read_text(encoding="utf-8") for f in fixtures() if f.kind == "html"]
    extract_html(pages[0], "warm-up")
    plain: list[float] = []
    ours: list[float] = []
    for _ in range(rounds):
        for html in pages:
            started = time.perf_counter()
            trafilatura.extract(html, output_format="xml", with_metadata=True)
            plain.append(time.perf_counter() - started)
            started = time.perf_counter()
            extract_html(html, "page.html")
            ours.append(time.perf_counter() - started)
    plain_ms, ours_ms = statistics.fmean(plain) * 1000, statistics.fmean(ours) * 1000
    return {"pages": len(pages) * rounds, "trafilatura ms/page": plain_ms,
            "lecteur ms/page": ours_ms, "added %": 100 * (ours_ms - plain_ms) / plain_ms}


def textkeep() -> str:
    """The textkeep scorer's summary line, or why it was skipped."""
    scorer, lecteur = CORPORA / "textkeep" / "score.py", shutil.which("lecteur")
    if not scorer.exists() or lecteur is None:
        missing = scorer.parent if not scorer.exists() else "the lecteur command"
        return f"textkeep: skipped ({missing} not found)"
    run = subprocess.run([sys.executable, str(scorer), lecteur], capture_output=True,
                         text=True, check=False, timeout=1800)
    lines = run.stdout.strip().splitlines()
    return lines[-1] if lines else f"textkeep: no result ({run.stderr.strip()[-200:]})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    figures = {"quality": quality(), "overhead": overhead(args.rounds), "textkeep": textkeep()}
    if args.json:
        print(json.dumps(figures, indent=2, ensure_ascii=False))
        return
    names = list(figures["quality"]["all"])
    print(f"{'':22}{'fr':>8}{'en':>8}{'all':>8}")
    for name in names:
        row = [figures["quality"][lang][name] for lang in ("fr", "en", "all")]
        cells = "".join(f"{v:>8.0f}" if v > 1.0 else f"{v:>8.3f}" for v in row)
        print(f"{name:22}{cells}")
    print()
    for name, value in figures["overhead"].items():
        print(f"{name:22}{value:>10.1f}")
    print()
    print(figures["textkeep"])


if __name__ == "__main__":
    main()
