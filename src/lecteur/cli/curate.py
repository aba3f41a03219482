"""``lecteur next`` and ``lecteur ls --sort score``: the most relevant reading first.

Each listed article shows its relevance and why (the matched terms) on a line under its
title, as a search shows its snippet; in a pipe that line is a seventh field.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from dataclasses import asdict

from lecteur.cli import EXIT_OK
from lecteur.cli.commands import open_library, reading, say_error, say_line, write_json
from lecteur.core.catalogue import say
from lecteur.core.library.curate import Relevance
from lecteur.core.library.records import Entry, Hit
from lecteur.core.library.store import Library
from lecteur.core.text.sanitize import clean_line


def why_line(relevance: Relevance) -> str:
    """"relevance 0.82: réseautage, LinkedIn" (or no reasons, or not scored yet)."""
    if relevance.score is None:
        return say("cli.unscored")
    if not relevance.why:
        return say("cli.relevance", score=relevance.score)
    return say("cli.relevance_why", score=relevance.score,
               why=clean_line(", ".join(relevance.why)))


def with_relevance(entry: Entry, relevance: Relevance) -> dict[str, object]:
    """An entry's JSON with its score and reasons after the listing's fields (a search
    hit's snippet and marks come after them)."""
    fields = dict(vars(entry))  # flat (a hit's marks are tuples): asdict's deep copy not needed
    listing = {name: fields.pop(name) for name in Entry.__dataclass_fields__}
    return {**listing, "score": relevance.score, "why": list(relevance.why), **fields}


def each_with_relevance(library: Library, records: Iterable[Entry],
                        chunk: int = 500) -> Iterator[dict[str, object]]:
    """`with_relevance` of each record as a stream: the relevances of `chunk` records are
    read at once, so a streamed listing holds one chunk, never the whole library."""
    batch: list[Entry] = []
    for record in records:
        batch.append(record)
        if len(batch) == chunk:
            yield from _with_relevances(library, batch)
            batch = []
    yield from _with_relevances(library, batch)


def _with_relevances(library: Library, batch: list[Entry]) -> Iterator[dict[str, object]]:
    relevances = library.curate.relevances(record.id for record in batch)
    return (with_relevance(record, relevances[record.id]) for record in batch)


def list_by_score(args: argparse.Namespace) -> int:
    """``lecteur ls --sort score``: the library, most relevant first, each with why."""
    with reading(args) as library:
        limit = None if args.limit <= 0 else args.limit
        _say_profile_problem(library)
        entries = library.articles.entries(limit=limit, by_score=True)
        total = library.articles.count()
        relevances = library.curate.relevances(e.id for e in entries)
    if args.json:
        write_json([with_relevance(e, relevances[e.id]) for e in entries])
        return EXIT_OK
    if not entries:
        say_line(say("cli.empty"))
        return EXIT_OK
    _print(entries, relevances)
    if total > len(entries):
        print(say("cli.shown_of", shown=len(entries), total=total),
              file=sys.stdout if sys.stdout.isatty() else sys.stderr)
    return EXIT_OK


def _print(entries: list[Entry], relevances: dict[int, Relevance],
           minutes: dict[int, float] | None = None) -> None:
    """The entries as a table (a tty) or tab-separated, each with why; `minutes`: each
    one's reading time to show instead of the stored one (``next``: at the reader's pace)."""
    from lecteur.cli.table import render_hits, render_hits_tabbed

    hits = [Hit(**{**asdict(e), "reading_minutes": (minutes or {}).get(e.id, e.reading_minutes)},
                snippet=why_line(relevances[e.id])) for e in entries]
    print(render_hits(hits) if sys.stdout.isatty()
          else render_hits_tabbed(hits, "cli.col.relevance"))


def cmd_next(args: argparse.Namespace) -> int:
    """``lecteur next --minutes N``: the best unread pieces that fit in N minutes."""
    with open_library(args) as library:
        _score_missing(library)
        planned = library.curate.plan(args.minutes)
        wpm, measured = library.curate.words_per_minute(), library.curate.measured()
        entries = {e.id: e for e in _entries(library, [p.id for p in planned])}
        relevances = library.curate.relevances(entries)
    if args.json:
        write_json({"minutes": args.minutes, "words_per_minute": wpm, "measured": measured,
                    "pieces": [{**with_relevance(entries[p.id], relevances[p.id]),
                                "minutes_at_your_speed": round(p.minutes, 1)}
                               for p in planned]})
        return EXIT_OK
    if not planned:
        say_line(say("cli.next_none", minutes=args.minutes))
        return EXIT_OK
    # The minutes column says what JSON's minutes_at_your_speed says, not the stored 230 wpm.
    _print([entries[p.id] for p in planned], relevances,
           {p.id: round(p.minutes, 1) for p in planned})
    used = sum(p.minutes for p in planned)
    key = "cli.next_plan_measured" if measured else "cli.next_plan_default"
    say_line(say(key, count=len(planned), used=round(used), minutes=args.minutes, wpm=wpm))
    return EXIT_OK


def _say_profile_problem(library: Library) -> None:
    """One sentence when the reader's topics.toml could not be used (the shipped one is)."""
    profile = library.curate.profile
    if profile.problem is not None and profile.path is not None:
        say_error(say("curate.profile_problem", path=str(profile.path),
                      reason=profile.problem))


def _score_missing(library: Library) -> None:
    """Score what an older lecteur stored without a score (once; then nothing is missing)."""
    _say_profile_problem(library)
    if not library.read_only:
        library.curate.rescore(missing_only=True)


def _entries(library: Library, ids: list[int]) -> list[Entry]:
    from lecteur.core.library.records import Entry

    found = []
    for article_id in ids:
        row = library.views.row(article_id)
        if row is not None:
            found.append(Entry(row.id, row.title, row.author, row.sitename, row.date,
                               row.reading_minutes, row.added_at, row.url))
    return found
