"""The query language on 100,000 articles: combinations of filters, p50/p95, against ``ls``.

Generates (once, then reuses) bench/.work/query100k/library.sqlite3: 100,000 articles
written as raw rows (as bench/_tui_library.py does) with the full-text index filled from
their folded title, author, site and a short body, and every field a filter reads spread
realistically: two languages (a few ``fr-CA``), reading times of 1 to 40 minutes,
publication dates over ten years (5% missing), a quarter read, 30% saved, 5% starred,
10% archived, 1% in the trash, a third from one of 20 feeds, 12 hosts, 8 tags on 40% of
the articles, relevance scores skewed low (a beta distribution, mean 0.23).

Then measures, in the same run, for each query: the first page of its list (50 rows, as
a saved view in the reader's sidebar and ``lecteur ls --view`` read it) plus, when the
page is full, its count up to 1,000 (what the reader's list waits for; past that it says
"more than 1000" until the exact count, made in a worker, comes back; the exact count is
timed apart),
and ``Library.search`` (what ``lecteur search`` and the reader's ``/`` run). Queries: every
filter alone, every pair, and random combinations of three to seven filters (with and
without words). The baseline is what ``lecteur ls`` runs (``entries(limit=50)`` and
``count()``). Each figure is a ratio to the baseline's median measured in the same run.
Since counts are kept by triggers, ``ls`` reads one row and says little of the machine's
speed; the scan floor (a count of every live article along the filters' covering index,
one test a row: what any count a counter cannot answer costs at least) is measured
before and after the queries, and the p95 is also given as a ratio to its p95.
"""

from __future__ import annotations

import itertools
import json
import random
import sqlite3
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import _common as c

sys.path.insert(0, str(c.REPO / "src"))

from lecteur.core.library.store import Library
from lecteur.core.library.views import View
from lecteur.core.text.sanitize import fold

TARGET_P95_S = 0.100
COUNT_CAP = 1000  # what the reader's list counts before it shows (ui.widgets.pages)
COUNT = 100_000
WORDS = ("réseau réseautage carrière entretien salaire mentor mentorat conférence télétravail "
         "équipe réunion emploi candidature lettre remerciement négociation promotion "
         "networking career interview salary mentor remote meeting team promotion "
         "linkedin coffee introduction referral follow-up thank-you").split()
AUTHORS = ("Jeanne Roy", "Marc Dubois", "Alice Martin", "Sam Okafor", "Léa Gagnon",
           "Jane Roe", "Ana Silva", None)
SITES = ("Le Devoir", "La Presse", "Harvard Business Review", "Fast Company", None)
HOSTS = ("example.org", "blog.example.org", "ledevoir.com", "lapresse.ca", "hbr.org",
         "fastcompany.com", "medium.com", "substack.com", "jobs.example.org", "www.lesaffaires.com",
         "carriere.quebec", "notexample.org")
TAGS = ("réseautage", "salaire", "entrevue", "mentorat", "emploi", "remerciements",
        "linkedin", "télétravail")

# The filters the benchmark combines (one of each kind the language has).
ATOMS = (
    "lang:fr", "lang:en", "minutes:<8", "minutes:>30", "minutes:5-10", "saved:yes",
    "is:unread", "is:starred", "is:archived", "-is:archived", "site:example.org",
    "site:hbr.org", 'author:"Jane Roe"', "tag:réseautage", "-tag:salaire", "since:2024-01-01",
    "until:2019", "since:180d", "feed:3", "feed:Flux", "is:stale", "-linkedin",
    '"thank-you"', "score:>=0.5", "score:<0.1",
)
WORD_ATOMS = ("réseautage", "salaire", "mentor", "linkedin", '"coffee introduction"')


def generate(path: Path) -> Path:
    """The library of `COUNT` articles (reused when it has them)."""
    with Library(path) as library:
        if library.articles.count() + library.articles.count(trashed=True) == COUNT:
            return path
        c.log(f"generating {COUNT} articles into {path}")
        rng = random.Random(14)
        start = datetime(2016, 1, 1, tzinfo=UTC)
        with library.db.write() as conn:
            conn.execute("DELETE FROM articles")
            conn.executemany("INSERT INTO feeds (key, url, title, added_at) VALUES (?, ?, ?, ?)",
                             [(f"feed{i}", f"https://f{i}.example/rss", f"Flux {i}", "2020")
                              for i in range(1, 21)])
            conn.executemany("INSERT INTO tags (name, key) VALUES (?, ?)",
                             [(name, fold(name)) for name in TAGS])
            for chunk in range(0, COUNT, 5000):
                _insert_chunk(conn, rng, start, chunk, min(COUNT, chunk + 5000))
        library.db.conn.execute("ANALYZE")
    return path


FILLER = [f"mot{i}" for i in range(3000)]
FILLER_WEIGHTS = [1 / (rank + 1) for rank in range(len(FILLER))]  # Zipf: a few words common
# Each topical word is in 2% to 30% of the articles (none in nearly all, as in real text).
TOPICAL = [(word, 0.02 + 0.28 * i / (len(WORDS) - 1)) for i, word in enumerate(WORDS)]


def _text(rng: random.Random, fillers: int) -> str:
    words = rng.choices(FILLER, FILLER_WEIGHTS, k=fillers)
    words += [word for word, share in TOPICAL if rng.random() < share / 2]
    rng.shuffle(words)
    return " ".join(words)


def _insert_chunk(conn: sqlite3.Connection, rng: random.Random, start: datetime,
                  first: int, stop: int) -> None:
    rows, bodies, index, tags = [], [], [], []
    for n in range(first, stop):
        title = _text(rng, rng.randint(3, 7)).capitalize()
        body = _text(rng, 60) + " " + _text(rng, 0)
        author, site = rng.choice(AUTHORS), rng.choice(SITES)
        added = start + timedelta(minutes=50 * n)
        published = None if rng.random() < 0.05 else (
            added - timedelta(days=rng.randint(0, 30))).strftime("%Y-%m-%d")
        stamp = added.strftime("%Y-%m-%dT%H:%M:%SZ")
        language = "en" if rng.random() < 0.35 else ("fr-CA" if rng.random() < 0.05 else "fr")
        blocks = json.dumps([{"kind": "paragraph", "text": body, "speaker": None}])
        rows.append((
            n + 1, f"bench:{n}", f"https://{rng.choice(HOSTS)}/{n}", f"bench-{n}", title,
            published, language, site, author, 300 * rng.randint(1, 40),
            rng.randint(1, 40), stamp, stamp, int(rng.random() < 0.3), int(rng.random() < 0.05),
            int(rng.random() < 0.1), stamp if rng.random() < 0.25 else None,
            rng.randint(1, 20) if rng.random() < 0.33 else None,
            stamp if rng.random() < 0.01 else None, round(rng.betavariate(1.2, 4), 3)))
        bodies.append((n + 1, blocks))
        index.append((n + 1, fold(title), fold(author or ""), fold(site or ""), fold(body)))
        if rng.random() < 0.4:
            tags += [(n + 1, tag) for tag in rng.sample(range(1, len(TAGS) + 1), rng.randint(1, 2))]
    conn.executemany(
        "INSERT INTO articles (id, key, url, source, title, date, language, sitename, "
        "author_name, word_count, reading_minutes, added_at, updated_at, saved, starred, "
        "archived, read_at, feed_id, trashed_at, score) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    conn.executemany("INSERT INTO article_bodies (article_id, blocks) VALUES (?, ?)", bodies)
    conn.executemany("INSERT INTO search (rowid, title, author, site, body) "
                     "VALUES (?, ?, ?, ?, ?)", index)
    conn.executemany("INSERT INTO article_tags (article_id, tag_id) VALUES (?, ?)", tags)


def queries(rng: random.Random, quick: bool) -> list[str]:
    """Every filter alone, every pair, then random combinations of three to seven."""
    singles = list(ATOMS)
    pairs = [" ".join(pair) for pair in itertools.combinations(ATOMS, 2)]
    many = []
    for _ in range(20 if quick else 80):
        chosen = rng.sample(ATOMS, rng.randint(3, 7))
        if rng.random() < 0.5:
            chosen.insert(0, rng.choice(WORD_ATOMS))
        many.append(" ".join(chosen))
    if quick:
        pairs = rng.sample(pairs, 40)
    return singles + pairs + many


def timed(action: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    args = c.parse_args(__doc__ or "")
    path = generate(c.WORK / "query100k" / "library.sqlite3")
    rng = random.Random(3)
    runs = 3 if args.quick else 5
    with Library(path, for_writing=False) as library:
        from lecteur.core.config import Staleness

        library.db.staleness = Staleness((("salaire", 180), ("remerciements", 1825)), 730)

        def baseline() -> None:
            library.articles.entries(limit=50)
            library.articles.count()

        base = timed(baseline, 30)
        base_median = c.median(base)

        def scan() -> None:  # the floor of any count that a counter cannot answer
            library.db.conn.execute(
                "SELECT count(*) FROM articles INDEXED BY articles_filtered "
                "WHERE trashed_at IS NULL AND reading_minutes + 0 >= 0").fetchone()

        floor = timed(scan, 30)
        page_all: list[float] = []
        search_all: list[float] = []
        only_page: list[float] = []
        only_count: list[float] = []
        exact_page: list[float] = []
        worst: list[tuple[float, str, str]] = []
        for query in queries(rng, args.quick):
            view = View("query", query=query)

            def page(view: View = view) -> None:  # what the reader's list waits for
                if len(library.views.rows(view, 50)) == 50:  # else the page is the count
                    library.views.count_upto(view, COUNT_CAP)

            def search(query: str = query) -> None:
                library.articles.search(query, limit=50)

            pages, searches = timed(page, runs), timed(search, runs)
            only_page += timed(lambda view=view: library.views.rows(view, 50), 1)
            only_count += timed(lambda view=view: library.views.count(view), 1)
            exact_page += timed(lambda view=view: (library.views.rows(view, 50),
                                                  library.views.count(view)), 1)
            page_all += pages
            search_all += searches
            worst += [(max(pages), "page+count", query), (max(searches), "search", query)]
        floor += timed(scan, 30)  # the machine's load moves: the floor before and after
    worst.sort(reverse=True)
    rows = [
        ("ls baseline (entries 50 + count)", c.median(base), c.quantile(base, 0.95), 1.0),
        ("scan floor (a count over the index)", c.median(floor), c.quantile(floor, 0.95),
         c.median(floor) / base_median),
        ("saved-view page 50 + count to 1,000", c.median(page_all), c.quantile(page_all, 0.95),
         c.median(page_all) / base_median),
        ("  (page 50 + exact count, 1 run)", c.median(exact_page),
         c.quantile(exact_page, 0.95), c.median(exact_page) / base_median),
        ("search, 50 best", c.median(search_all), c.quantile(search_all, 0.95),
         c.median(search_all) / base_median),
        ("  (page 50 alone)", c.median(only_page), c.quantile(only_page, 0.95),
         c.median(only_page) / base_median),
        ("  (exact count alone)", c.median(only_count), c.quantile(only_count, 0.95),
         c.median(only_count) / base_median),
    ]
    tables = [c.table(f"query filters on {COUNT:,} articles ({len(page_all) // runs} queries, "
                      f"{runs} runs each)", ("measure", "p50 s", "p95 s", "p50 / ls"), rows),
              c.table("slowest single runs", ("s", "what", "query"),
                      [(round(s, 4), what, q) for s, what, q in worst[:8]])]
    p95 = max(c.quantile(page_all, 0.95), c.quantile(search_all, 0.95))
    verdict = "PASS" if p95 <= TARGET_P95_S else "FAIL"
    tables.append(f"target: p95 <= {TARGET_P95_S * 1000:.0f} ms -> {verdict} ({p95 * 1000:.1f} ms; "
                  f"{p95 / c.quantile(floor, 0.95):.1f}x the scan floor's p95, "
                  f"{p95 / c.quantile(base, 0.95):.1f}x ls's p95)")
    c.emit(args, {"machine": c.machine(), "baseline": base, "floor": floor, "pages": page_all,
                  "searches": search_all, "p95_s": p95, "verdict": verdict,
                  "slowest": worst[:20]}, tables)


if __name__ == "__main__":
    main()
