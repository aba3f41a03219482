"""Generate a realistic library of 10,000 to 1,000,000 articles, fast, and cache it.

    python bench/generate_library.py --count 100000 [--rebuild]

Writes bench/.work/gen-COUNT/library.sqlite3 (and manifest.json beside it); a later run
with the same count (and the same generator version) reuses it. `library_path(count)`
does the same from another benchmark.

What a library holds, per article (proportions seeded, the same on every run):
  - about 6 KB of body text: 75% French (bench/_french.py's vocabulary and long tail of
    rare made-up words), 25% English; paragraphs, headings and block quotations;
  - one to three quotations in 80% of articles, 70% of them with a speaker drawn from a
    cast of a few thousand people (Zipf: a few are quoted everywhere), 2% of them kept;
  - an author (85%) from the same cast, a site among 240, a date over twenty years;
  - reading state: 30% saved, 5% starred, 20% archived, half read, 0.3% in the trash;
  - 70% are feed items of one of 1,000 feeds (feed_id, guid);
  - tags (30% of articles, one to three of 200), highlights (3%), notes (1.5%).

Why it is fast (minutes for a million, where ``Library.add`` one by one takes hours):
bodies are assembled from a pool of pre-made paragraphs (each paragraph's JSON and folded
text are made once), each article gets its own rare words appended, so the full-text
index has realistic posting lists; rows go in by ``executemany`` in transactions of
`BATCH` on one connection with ``synchronous = OFF`` and a large cache, the secondary
indexes of ``articles`` built after the rows (their definitions read back from the
schema, so they are exactly the migrations'). The FTS rows are exactly what
``index_article`` would write (folded title, author, site and ``Article.text``), so the
shipped code can delete or re-index any generated article.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import sys
import time
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _french

from lecteur.core.library.migrations import register_name_functions
from lecteur.core.library.store import Library
from lecteur.core.text.sanitize import fold

WORK = Path(__file__).resolve().parent / ".work"
VERSION = 2  # bump when what is generated changes: cached libraries are then rebuilt
# (2: bodies in article_bodies)
BATCH = 5000
POOL_PARAGRAPHS = 6000
POOL_QUOTES = 3000
FEEDS = 1000
TAGS = 200

ENGLISH = """
the of and to a in is that for it as with was on be by this are or at from have an
not but they you we his her their more all can which one has about would there when
what so up out if who will other into than them only its some time could also how
two our then these first after most well way even new because any just like over
work career network networking interview salary job team project advice manager
colleague boss employer company skill skills experience training study degree
university school internship candidate application recruiter resume letter email
meeting event conference lunch coffee presentation negotiation raise promotion review
goal result strategy method habit confidence energy stress balance health sleep rest
holiday family friend friendship relationship discussion conversation question answer
problem solution idea decision change year month week day morning evening hour minute
moment life world country city market economy remote office home screen computer phone
software tool platform profile message comment reader writer book author journalist
psychologist specialist expert coach mentor mentorship listening silence voice smile
introvert extrovert personality quality strength weakness mistake success failure fear
courage patience curiosity creativity innovation technology data security risk cost
price budget money saving retirement future past story example rule principle value
culture organization leadership leader employee worker freelancer client partner
service product sale communication writing reading note report schedule delay pace
step path transition resignation layoff hiring onboarding respect recognition gratitude
say make go know take see come think look want give use find tell ask seem feel try
leave call keep start show hear play run move live believe hold bring write stand
learn lead understand watch follow stop create speak read spend grow open walk win
offer remember love consider appear wait serve send expect build stay fall reach
good great small large long little old right big high different important public
bad able early young possible late hard real best better sure clear whole personal
""".split()


class Source:
    """Pre-made paragraphs, quotations, titles and people from which articles are assembled.

    Everything an article is made of is made once here, with its JSON and its folded
    text, so that making an article is mostly joining strings.
    """

    def __init__(self, count: int, seed: int = 2026) -> None:
        rng = random.Random(seed)
        self.fr = _french.Generator(tail_size=10)
        en_cum = _french.zipf_cum_weights(len(ENGLISH))
        people = sorted({f"{rng.choice(_french.FIRST_NAMES)} {rng.choice(_french.LAST_NAMES)}"
                         for _ in range(6000)})
        rng.shuffle(people)
        self.people = [(name, fold(name), json.dumps(
            {"name": name, "bio": None, "email": None, "links": []}, ensure_ascii=False))
            for name in people]
        self.people_cum = _french.zipf_cum_weights(len(self.people), s=0.9)
        self.paragraphs: dict[str, list[tuple[str, str, int, str]]] = {}
        self.quotes: dict[str, list[tuple[str, str, int]]] = {}
        self.title_words: dict[str, list[tuple[str, str]]] = {
            "fr": [(w, fold(w)) for w in self.fr.content],
            "en": [(w, w) for w in ENGLISH[60:]]}
        for lang in ("fr", "en"):
            def words(k: int, lang: str = lang) -> list[str]:
                if lang == "fr":
                    return self.fr._words(rng, k)
                return rng.choices(ENGLISH, cum_weights=en_cum, k=k)
            self.paragraphs[lang] = [
                (*self._made(text), _block_json("paragraph", text, None))
                for text in (_prose(rng, words(rng.randint(35, 110)))
                             for _ in range(POOL_PARAGRAPHS))]
            opening, closing = ("« ", " »") if lang == "fr" else ("“", "”")
            self.quotes[lang] = [self._made(opening + _prose(rng, words(rng.randint(15, 40)))
                                            + closing) for _ in range(POOL_QUOTES)]
        self.headings = [(*self._made(text), _block_json("heading", text, None)) for text in (
            " ".join(rng.choices(self.fr.content, k=rng.randint(2, 6))).capitalize()
            for _ in range(2000))]
        # The rare tail: word number t spelt from three syllables (no list to build); drawn
        # so that low numbers are in hundreds of articles and most in one or two.
        self.syllables = [(s, fold(s)) for s in _french._SYLLABLES]
        self.tail_size = min(len(self.syllables) ** 3, max(30_000, 3 * count))
        self.sites = [(site, fold(site), _french.slug(site)) for site in self.fr.sites]
        by_key = {fold(rng.choice(self.fr.content)): None for _ in range(TAGS * 4)}
        self.tags = sorted(by_key)[:TAGS]  # one per folded key, as tags are

    @staticmethod
    def _made(text: str) -> tuple[str, str, int]:
        """A block's text, its folded text, and its word count (made once per pool entry)."""
        return text, fold(text), len(text.split())

    def tail_word(self, rng: random.Random) -> tuple[str, str]:
        """One rare word and its folded form."""
        t = int(self.tail_size * rng.random() ** 2)
        n = len(self.syllables)
        parts = (self.syllables[t % n], self.syllables[t // n % n], self.syllables[t // n // n])
        return "".join(p[0] for p in parts), "".join(p[1] for p in parts)


def _prose(rng: random.Random, words: list[str]) -> str:
    sentences, i = [], 0
    while i < len(words):
        step = rng.randint(8, 22)
        chunk = " ".join(words[i:i + step])
        sentences.append(chunk[:1].upper() + chunk[1:] + rng.choice(".....?!"))
        i += step
    return " ".join(sentences)


def _block_json(kind: str, text: str, speaker: str | None) -> str:
    return json.dumps({"kind": kind, "text": text, "speaker": speaker, "cite": None,
                       "attribution": None, "links": []}, ensure_ascii=False)


def _title(src: Source, rng: random.Random, lang: str) -> tuple[str, str]:
    words = rng.choices(src.title_words[lang], k=rng.randint(4, 9))
    title = " ".join(w for w, _ in words)
    return title[:1].upper() + title[1:], fold(title[:1]) + " ".join(f for _, f in words)[1:]


def make_rows(src: Source, i: int, count: int) -> dict[str, Any]:
    """Article `i` (0-based; ids are i + 1, oldest first) and everything attached to it."""
    rng = random.Random(i * 7919 + 17)
    lang = "fr" if rng.random() < 0.75 else "en"
    pool = src.paragraphs[lang]
    title, title_folded = _title(src, rng, lang)
    author = rng.choices(src.people, cum_weights=src.people_cum)[0] if rng.random() < 0.85 else None
    site, site_folded, site_slug = src.sites[rng.randrange(len(src.sites))]
    # ids grow with time, as in a library filled over years: twenty years, newest last
    added_s = 1_767_225_600 - int((count - i) * (630_720_000 / count)) + rng.randint(0, 59)
    added = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(added_s))
    date = time.strftime("%Y-%m-%d", time.gmtime(added_s - rng.randint(0, 30) * 86400))
    texts: list[str] = []
    folded: list[str] = []
    blocks: list[str] = []
    quotes: list[tuple[int, str, str | None, int]] = []
    words = chars = 0
    n_quotes = rng.choice((0, 1, 1, 2, 2, 3)) if rng.random() < 0.8 else 0
    quote_at = set(rng.sample(range(1, 9), n_quotes))
    while chars < 6000:
        index = len(blocks)
        if index in quote_at:
            text, low, n = src.quotes[lang][rng.randrange(POOL_QUOTES)]
            speaker = rng.choices(src.people, cum_weights=src.people_cum)[0][0] \
                if rng.random() < 0.7 else None
            blocks.append(_block_json("quote", text, speaker))
            quotes.append((len(quotes), text, speaker, index))
        elif index and rng.random() < 0.1:
            text, low, n, made = src.headings[rng.randrange(len(src.headings))]
            blocks.append(made)
        else:
            text, low, n, made = pool[rng.randrange(POOL_PARAGRAPHS)]
            blocks.append(made)
        texts.append(text)
        folded.append(low)
        words += n
        chars += len(text) + 2
    rare = [src.tail_word(rng) for _ in range(8)]  # this article's own rare words
    extra = " ".join(w for w, _ in rare).capitalize() + "."
    texts.append(extra)
    folded.append(fold(extra[:1]) + " ".join(f for _, f in rare)[1:] + ".")
    blocks.append(_block_json("paragraph", extra, None))
    words += len(rare)
    article_id = i + 1
    url = f"https://www.{site_slug}.example/{date[:7]}/{article_id}"
    feed = rng.randrange(1, FEEDS + 1) if rng.random() < 0.7 else None
    state = (int(rng.random() < 0.3), int(rng.random() < 0.05), int(rng.random() < 0.2),
             added if rng.random() < 0.5 else None,
             added if rng.random() < 0.003 else None)
    article = (article_id, url, url, url, title, date, lang, site,
               author[0] if author else None, author[2] if author else None,
               "[" + ", ".join(blocks) + "]", words, max(1, round(words / 230)), added, added,
               *state, feed, None if feed is None else f"guid-{article_id}")
    search = (article_id, title_folded, author[1] if author else "", site_folded,
              "\n\n".join(folded))
    extras: dict[str, list[tuple[Any, ...]]] = {"tags": [], "highlights": [], "notes": []}
    if rng.random() < 0.3:
        for tag in rng.sample(range(1, TAGS + 1), rng.choice((1, 1, 2, 3))):
            extras["tags"].append((article_id, tag))
    if rng.random() < 0.03:
        for b in sorted(rng.sample(range(len(texts)), min(len(texts), rng.randint(1, 3)))):
            extras["highlights"].append((article_id, b, texts[b], added))
    if rng.random() < 0.015:
        extras["notes"].append((article_id, rng.choice((None, 0, 1)),
                                f"Note {article_id}: à relire avant l'entretien.", added, added))
    return {"article": article, "search": search,
            "quotes": [(article_id, pos, text, speaker, index, int(rng.random() < 0.02))
                       for pos, text, speaker, index in quotes], **extras}


_ARTICLE_SQL = (
    "INSERT INTO articles (id, key, url, source, title, date, language, sitename, "
    "author_name, author, word_count, reading_minutes, added_at, updated_at, "
    "saved, starred, archived, read_at, trashed_at, feed_id, guid) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
_BODY_SQL = "INSERT INTO article_bodies (article_id, blocks) VALUES (?, ?)"
_INSERTS = {
    "search": "INSERT INTO search (rowid, title, author, site, body) VALUES (?, ?, ?, ?, ?)",
    "quotes": "INSERT INTO quotes (article_id, position, text, speaker, block_index, kept) "
              "VALUES (?, ?, ?, ?, ?, ?)",
    "tags": "INSERT INTO article_tags (article_id, tag_id) VALUES (?, ?)",
    "highlights": "INSERT INTO highlights (article_id, block_index, text, created_at) "
                  "VALUES (?, ?, ?, ?)",
    "notes": "INSERT INTO notes (article_id, block_index, text, created_at, updated_at) "
             "VALUES (?, ?, ?, ?, ?)",
}

_SRC: Source | None = None


def _batch(bounds: tuple[int, int, int]) -> dict[str, list[tuple[Any, ...]]]:
    start, stop, count = bounds
    assert _SRC is not None
    out: dict[str, list[tuple[Any, ...]]] = {k: [] for k in ("article", *_INSERTS)}
    for i in range(start, stop):
        rows = make_rows(_SRC, i, count)
        out["article"].append(rows["article"])
        out["search"].append(rows["search"])
        for key in ("quotes", "tags", "highlights", "notes"):
            out[key].extend(rows[key])
    return out


def _bounded(pool: Any, chunks: list[tuple[int, int, int]],
             ahead: int) -> Iterator[dict[str, list[tuple[Any, ...]]]]:
    """The batches in order, at most `ahead` made and not yet written (memory stays flat)."""
    pending: deque[Any] = deque()
    for chunk in chunks:
        pending.append(pool.apply_async(_batch, (chunk,)))
        if len(pending) >= ahead:
            yield pending.popleft().get()
    while pending:
        yield pending.popleft().get()


def _secondary_indexes(conn: sqlite3.Connection, table: str) -> list[tuple[str, str]]:
    return [(str(n), str(s)) for n, s in conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
        "AND sql IS NOT NULL", (table,))]


def generate(folder: Path, count: int, workers: int = 2) -> dict[str, Any]:
    """Build folder/library.sqlite3 with `count` articles; return the manifest."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    building = folder / "library.sqlite3"
    start = time.perf_counter()
    Library(building).close()  # every migration of the lecteur on disk
    conn = sqlite3.connect(building, isolation_level=None)
    register_name_functions(conn)  # the folded-names and people triggers call them
    # no journal while building (a build that fails is built again), WAL again at the end
    for pragma in ("journal_mode = OFF", "synchronous = OFF", "cache_size = -1000000",
                   "temp_store = MEMORY", "foreign_keys = OFF"):
        conn.execute(f"PRAGMA {pragma}")
    dropped = _secondary_indexes(conn, "articles") + _secondary_indexes(conn, "quotes")
    for name, _sql in dropped:
        conn.execute(f"DROP INDEX {name}")
    conn.execute("BEGIN")
    src = Source(count)
    conn.executemany("INSERT INTO feeds (id, key, url, title, added_at) VALUES (?, ?, ?, ?, ?)",
                     [(f, f"https://feeds.example/{f}", f"https://feeds.example/{f}",
                       f"Flux {f}", "2006-01-01T00:00:00Z") for f in range(1, FEEDS + 1)])
    conn.executemany("INSERT INTO tags (id, name, key) VALUES (?, ?, ?)",
                     [(n, name, fold(name)) for n, name in enumerate(src.tags, start=1)])
    conn.execute("COMMIT")
    chunks = [(s, min(s + BATCH, count), count) for s in range(0, count, BATCH)]
    totals = {k: 0 for k in ("article", *_INSERTS)}
    global _SRC
    _SRC = src  # the workers are forked with it: nothing to make again
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(workers) as pool:
        batches = _bounded(pool, chunks, ahead=2 * workers) if workers else map(_batch, chunks)
        for done, batch in enumerate(batches, start=1):
            conn.execute("BEGIN")
            conn.executemany(_ARTICLE_SQL, [a[:10] + a[11:] for a in batch["article"]])
            conn.executemany(_BODY_SQL, [(a[0], a[10]) for a in batch["article"]])
            for key, sql in _INSERTS.items():
                conn.executemany(sql, batch[key])
            conn.execute("COMMIT")
            for key in totals:
                totals[key] += len(batch[key])
            if done % max(1, 50_000 // BATCH) == 0:
                _log(f"  {done * BATCH} articles, {time.perf_counter() - start:.0f} s")
    rows_s = time.perf_counter() - start
    _log(f"rows in {rows_s:.0f} s; building {len(dropped)} indexes")
    conn.execute("BEGIN")
    for _name, sql in dropped:
        conn.execute(sql)
    conn.execute("UPDATE sqlite_sequence SET seq = (SELECT max(id) FROM articles) "
                 "WHERE name = 'articles'")
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    wall = time.perf_counter() - start
    return {"articles": count, "version": VERSION, "rows": totals, "rows_s": rows_s,
            "generation_s": wall, "bytes": building.stat().st_size,
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%S")}


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def library_path(count: int, rebuild: bool = False) -> Path:
    """The generated library of `count` articles (built on first use, then reused)."""
    folder = WORK / f"gen-{count}"
    db = folder / "library.sqlite3"
    manifest = folder / "manifest.json"
    if not rebuild and db.exists() and manifest.exists():
        found = json.loads(manifest.read_text())
        if found.get("version") == VERSION and found.get("articles") == count:
            return db
    _log(f"generating {count} articles into {folder}")
    made = generate(folder, count, workers=max(1, min(2, os.cpu_count() or 1)))
    manifest.write_text(json.dumps(made, indent=1))
    _log(f"done: {made['generation_s']:.0f} s, {made['bytes'] / 1e6:.0f} MB")
    return db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=10_000,
                        help="articles (10000, 100000, 1000000)")
    parser.add_argument("--rebuild", action="store_true", help="regenerate even if cached")
    args = parser.parse_args()
    db = library_path(args.count, args.rebuild)
    print(json.dumps({"path": str(db), **json.loads((db.parent / "manifest.json").read_text())},
                     indent=1))


if __name__ == "__main__":
    main()
