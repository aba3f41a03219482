"""Extraction quality and the cost of lecteur's analysis: fixtures and real pages.

Prints the tables published in docs/extraction.md, French and English separately:

1. the fixture corpus (tests/corpus, 40 articles written for lecteur, each as an HTML page
   and as text): quote precision and recall, speaker accuracy, author name, junk removed,
   article text kept, titles and dates;
2. realpages (../shared/corpus/realpages/, 44 real pages annotated by hand), scored by its
   own score.py against the installed ``lecteur``: recall, precision, speakers, authors,
   titles;
3. textkeep (../shared/corpus/textkeep/, 400 real pages of trafilatura's evaluation set),
   read in this process the way a worker reads a file and scored with the corpus's own
   functions: lecteur's F1 beside plain trafilatura's, pages without text, by the language
   lecteur finds; and, on the same pages in the same run, the time of lecteur's whole
   extraction against trafilatura's own (``trafilatura.extract`` as the scorer calls it),
   the order of the two alternating from page to page;
4. the same cost on the fixture pages (``extract_html`` against
   ``trafilatura.extract(html, output_format="xml", with_metadata=True)``).

A corpus that is absent (../shared is beside the repository, not in it) is skipped with a
message saying so.

    python bench/extraction_quality.py [--json] [--rounds N] [--textkeep-limit N]
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from corpus_eval import CORPORA, REALPAGES_FIGURES, Score, extract, fixtures, realpages, score


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
    """Per-page time of plain trafilatura against lecteur's whole extract_html on the
    fixture pages: each page's fastest of `rounds` interleaved runs, as for real pages."""
    import trafilatura

    from lecteur.core.extract.html import extract_html

    pages = [f.path.read_text(encoding="utf-8") for f in fixtures() if f.kind == "html"]
    extract_html(pages[0], "warm-up")
    plain = [float("inf")] * len(pages)
    ours = [float("inf")] * len(pages)
    for _ in range(rounds):
        for index, html in enumerate(pages):
            started = time.perf_counter()
            trafilatura.extract(html, output_format="xml", with_metadata=True)
            plain[index] = min(plain[index], time.perf_counter() - started)
            started = time.perf_counter()
            extract_html(html, "page.html")
            ours[index] = min(ours[index], time.perf_counter() - started)
    plain_ms, ours_ms = statistics.fmean(plain) * 1000, statistics.fmean(ours) * 1000
    return {"pages": len(pages), "trafilatura ms/page": plain_ms,
            "lecteur ms/page": ours_ms, "added %": 100 * (ours_ms - plain_ms) / plain_ms}


def _textkeep_scorer() -> object | None:
    """The textkeep corpus's score.py as a module (its scoring functions), if present."""
    path = CORPORA / "textkeep" / "score.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location("textkeep_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _bucket(language: str | None) -> str:
    return language if language in ("fr", "en") else "other"


def textkeep(limit: int | None = None) -> dict[str, object] | str:
    """lecteur against trafilatura on the textkeep pages: text kept and time taken."""
    import trafilatura

    from lecteur.core.errors import ExtractError, SourceError
    from lecteur.core.net.sources import load
    from lecteur.core.workers.pool import analyse

    scorer: Any = _textkeep_scorer()
    if scorer is None:
        return f"textkeep: skipped ({CORPORA / 'textkeep'} not found)"
    expected = json.loads((CORPORA / "textkeep" / "expected.json").read_text(encoding="utf-8"))
    counts: dict[str, dict[str, list[int]]] = {}
    for name in sorted(expected)[:limit]:
        path = CORPORA / "textkeep" / "pages" / name
        theirs = trafilatura.extract(path.read_bytes(), include_comments=False,
                                     include_tables=True, include_formatting=False)
        try:
            article = analyse(load(str(path)))
            ours, language = article.text, article.language
        except (ExtractError, SourceError):
            ours, language = None, None
        for bucket in (_bucket(language), "all"):
            for who, text in (("lecteur", ours), ("trafilatura", theirs)):
                tally = counts.setdefault(bucket, {}).setdefault(who, [0, 0, 0, 0, 0])
                tp, fp, fn, _tn, _lost, _kept = scorer.page_score(expected[name], text)
                tally[0] += tp
                tally[1] += fp
                tally[2] += fn
                tally[3] += not text
                tally[4] += 1
    figures: dict[str, object] = {}
    for bucket, by_who in counts.items():
        row: dict[str, float] = {"pages": by_who["lecteur"][4]}
        for who, (tp, fp, fn, empty, _pages) in by_who.items():
            f1, precision, recall = scorer.f1(tp, fp, fn)
            row |= {f"{who} F1": f1, f"{who} P": precision, f"{who} R": recall,
                    f"{who} without text": empty}
        figures[bucket] = row
    return figures


def real_cost(limit: int | None, repeats: int) -> dict[str, float] | str:
    """lecteur's whole extraction of a file (read, decode, trafilatura, analysis) against
    trafilatura's own on the same real pages (realpages and textkeep), in the same run.

    Each page goes through each call `repeats` times, interleaved, and keeps its fastest
    time: on a shared machine the minimum is what the code costs, the rest is other load.
    Two baselines: ``trafilatura.extract`` with metadata as XML (what lecteur asks of it:
    structure, title, date, author) and as the textkeep scorer calls it (plain text).
    """
    import trafilatura

    from lecteur.core.errors import ExtractError, SourceError
    from lecteur.core.net.sources import load
    from lecteur.core.workers.pool import analyse

    paths = sorted((CORPORA / "realpages").glob("*.html"))
    paths += sorted((CORPORA / "textkeep" / "pages").glob("*"))[:limit]
    if not paths:
        return f"cost on real pages: skipped ({CORPORA} has no realpages or textkeep pages)"

    def ours(path: Path) -> None:
        with contextlib.suppress(ExtractError, SourceError):
            analyse(load(str(path)))

    def xml(path: Path) -> None:
        trafilatura.extract(path.read_bytes(), output_format="xml", with_metadata=True)

    def text(path: Path) -> None:
        trafilatura.extract(path.read_bytes(), include_comments=False, include_tables=True,
                            include_formatting=False)

    calls = {"lecteur": ours, "trafilatura xml+metadata": xml, "trafilatura text": text}
    ours(paths[0])
    totals = dict.fromkeys(calls, 0.0)
    for path in paths:
        best = dict.fromkeys(calls, float("inf"))
        for _ in range(repeats):
            for name, call in calls.items():
                started = time.perf_counter()
                call(path)
                best[name] = min(best[name], time.perf_counter() - started)
        for name, value in best.items():
            totals[name] += value
    return {"pages": len(paths), **{f"{k} s": v for k, v in totals.items()},
            "ratio to xml+metadata": totals["lecteur"] / totals["trafilatura xml+metadata"],
            "ratio to text": totals["lecteur"] / totals["trafilatura text"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--textkeep-limit", type=int, default=None)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    figures: dict[str, Any] = {"quality": quality(), "overhead": overhead(args.rounds),
               "realpages": realpages(), "textkeep": textkeep(args.textkeep_limit),
               "real cost": real_cost(args.textkeep_limit, args.repeats)}
    if args.json:
        print(json.dumps(figures, indent=2, ensure_ascii=False))
        return
    _print_fixtures(figures["quality"])
    print()
    for name, value in figures["overhead"].items():
        print(f"{name:22}{value:>10.1f}")
    print()
    _print_realpages(figures["realpages"])
    print()
    _print_textkeep(figures["textkeep"])
    print()
    _print_cost(figures["real cost"])


def _cells(values: list[float]) -> str:
    return "".join(f"{v:>9.0f}" if v > 1.0 else f"{v:>9.3f}" for v in values)


def _print_fixtures(quality: dict[str, dict[str, float]]) -> None:
    print("fixture corpus (tests/corpus)")
    print(f"{'':22}{'fr':>9}{'en':>9}{'all':>9}")
    for name in quality["all"]:
        print(f"{name:22}{_cells([quality[lang][name] for lang in ('fr', 'en', 'all')])}")


def _print_realpages(figures: dict[str, dict[str, float]] | str) -> None:
    if isinstance(figures, str):
        print(figures)
        return
    print("realpages (../shared/corpus/realpages)")
    print(f"{'':22}{'fr':>9}{'en':>9}{'all':>9}")
    for name in REALPAGES_FIGURES:
        row = [figures.get(lang, {}).get(name, float("nan")) for lang in ("fr", "en", "all")]
        print(f"{name:22}{_cells(row)}")
    if "fr" in figures and "en" in figures:
        gap = abs(figures["fr"]["speakers"] - figures["en"]["speakers"])
        print(f"{'speakers fr-en gap':22}{gap:>27.3f}")


def _print_textkeep(figures: dict[str, object] | str) -> None:
    if isinstance(figures, str):
        print(figures)
        return
    buckets = [b for b in ("fr", "en", "other", "all") if b in figures]
    print("textkeep (../shared/corpus/textkeep), by the language lecteur finds")
    print(f"{'':26}" + "".join(f"{b:>9}" for b in buckets))
    names = ["pages", "lecteur F1", "trafilatura F1", "lecteur P", "trafilatura P",
             "lecteur R", "trafilatura R", "lecteur without text", "trafilatura without text"]
    for name in names:
        row = [figures[b][name] for b in buckets]  # type: ignore[index]
        print(f"{name:26}{_cells(row)}")


def _print_cost(cost: dict[str, float] | str) -> None:
    if isinstance(cost, str):
        print(cost)
        return
    print(f"cost on {cost['pages']:.0f} real pages (realpages + textkeep), same run, "
          "fastest of the repeats per page")
    for name, value in cost.items():
        if name != "pages":
            print(f"{name:28}{value:>10.3f}")


if __name__ == "__main__":
    main()
