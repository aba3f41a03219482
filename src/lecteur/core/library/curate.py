"""Relevance in the library: each article's score and reasons, the model, the decisions.

Every article gets its score when it is stored (`score_in`, called inside the write that
stores it, by `Articles.add` and by refreshes): ``articles.score`` (0 to 1) and
``articles.score_why`` (the matched terms, comma separated). The model's learned weights
live in ``curate_weights`` and its learned bias in ``meta``; each connection keeps them in
memory and reads them again only when ``meta.curate_version`` moved (another connection
learned). A decision (keep: saved or starred, or dismiss) is one row of
``curate_decisions`` holding the exact step it made, so taking it back (unsave, undo in
triage) subtracts the same step. The reader's reading speed (words per minute) is
measured from time spent reading and kept in ``meta`` too.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from lecteur.core.clock import stamp
from lecteur.core.library.database import Database, require_article

if TYPE_CHECKING:  # imported when first used: the reader's first frame needs none of them
    from lecteur.core.curate import model
    from lecteur.core.curate.profile import Profile
    from lecteur.core.curate.session import Candidate, Planned, Summary

VERSION, BIAS = "curate_version", "curate_bias"
WORDS_READ, SECONDS_READ = "reading_words", "reading_seconds"
DEFAULT_WPM = 230
RESCORE_MOST = 5000  # the newest unread Inbox items scored again when the model learned
MEASURED_AFTER = 120.0  # seconds of measured reading before the reader's own speed is used
KEEP, DISMISS = "keep", "dismiss"
# The Inbox holds what is neither archived, dismissed nor in the trash (see views.py).
INBOX = "trashed_at IS NULL AND archived = 0 AND dismissed_at IS NULL"


class Relevance(NamedTuple):
    """An article's score and why, as stored (None: not scored yet)."""

    score: float | None
    why: tuple[str, ...]


def split_why(value: object) -> tuple[str, ...]:
    """The stored reasons as a tuple of terms."""
    return tuple(part for part in str(value).split(", ") if part) if value else ()


def profile_folders(library_path: Path) -> tuple[Path, ...]:
    """Where a topics.toml may be: the library's own config folder, then the platform's."""
    from lecteur.core.paths import dirs

    own = library_path.parent / "config"
    found = dirs().config
    return (own,) if own == found else (own, found)


class Curate:
    """Scores, reasons, the learned model, decisions and the reading speed."""

    def __init__(self, db: Database, library_path: Path) -> None:
        self._db = db
        self._path = library_path
        self._profile: Profile | None = None
        self._version: str | None = None
        self._weights: dict[str, float] = {}
        self._bias = 0.0

    # --- the model ---------------------------------------------------------------------

    @property
    def profile(self) -> Profile:
        """The topic profile in force (read once per connection)."""
        if self._profile is None:
            from lecteur.core.curate.profile import load_profile

            self._profile = load_profile(profile_folders(self._path))
        return self._profile

    def use_profile(self, profile: Profile) -> None:
        """Score with `profile` from now on (tests, and a reader who edited it)."""
        self._profile = profile

    def _model(self, conn: sqlite3.Connection) -> tuple[dict[str, float], float]:
        """The learned weights and bias, read again only if another connection learned."""
        found = conn.execute("SELECT value FROM meta WHERE key = ?", (VERSION,)).fetchone()
        version = None if found is None else str(found[0])
        if version != self._version:
            self._weights = {str(term): float(weight) for term, weight in
                             conn.execute("SELECT term, weight FROM curate_weights")}
            bias = conn.execute("SELECT value FROM meta WHERE key = ?", (BIAS,)).fetchone()
            self._bias = float(bias[0]) if bias else 0.0
            self._version = version
        return self._weights, self._bias

    def scorer(self, conn: sqlite3.Connection) -> Scorer:
        """A scorer for many items in one transaction (the model read once)."""
        weights, bias = self._model(conn)
        return Scorer(self.profile, weights, bias, version=self._version)

    def learned(self) -> tuple[str | None, tuple[tuple[str, float], ...], float]:
        """The learned model as a refresh sends it to its parse workers (`FeedJob`):
        its version, its weights as (term, weight) pairs and its bias."""
        weights, bias = self._model(self._db.conn)
        return self._version, tuple(weights.items()), bias

    # --- scoring -----------------------------------------------------------------------

    def score_in(self, conn: sqlite3.Connection, article_id: int, title: str,
                 texts: Iterable[str], scorer: Scorer | None = None) -> model.Scored:
        """Inside a write: score one article and store its score and reasons."""
        scored = (scorer or self.scorer(conn)).score(title, texts)
        conn.execute("UPDATE articles SET score = ?, score_why = ? WHERE id = ?",
                     (scored.score, ", ".join(scored.why), article_id))
        return scored

    def rescore(self, *, missing_only: bool = False, batch: int = 500,
                most: int = RESCORE_MOST) -> int:
        """Score again the newest unread Inbox items (the model learned), at most `most`
        of them, or only what has no score yet (all of it).

        Returns how many articles were scored. Batches keep each transaction short, so the
        reader's writes never wait long behind it; the bound keeps a large Inbox from
        holding the writer for long (older items keep the score they had).
        """
        where = "score IS NULL" if missing_only else f"{INBOX} AND read_at IS NULL"
        done, before = 0, 2**63 - 1
        while missing_only or done < most:
            with self._db.write() as conn:
                rows = conn.execute("SELECT id, title, coalesce(b.blocks, '[]') FROM articles "
                                    "LEFT JOIN article_bodies AS b ON b.article_id = id "
                                    f"WHERE {where} AND id < ? ORDER BY id DESC LIMIT ?",
                                    (before, batch)).fetchall()
                scorer = self.scorer(conn)
                for article_id, title, blocks in rows:
                    texts = (block["text"] for block in json.loads(blocks))
                    self.score_in(conn, int(article_id), str(title), texts, scorer)
            done += len(rows)
            if len(rows) < batch:
                break
            before = int(rows[-1][0])
        return done

    def relevance(self, article_id: int) -> Relevance:
        """An article's stored score and reasons."""
        found = self._db.conn.execute("SELECT score, score_why FROM articles WHERE id = ?",
                                      (article_id,)).fetchone()
        if found is None or found[0] is None:
            return Relevance(None, ())
        return Relevance(float(found[0]), split_why(found[1]))

    def relevances(self, ids: Iterable[int]) -> dict[int, Relevance]:
        """The stored score and reasons of many articles, by id."""
        wanted = list(ids)
        found = dict.fromkeys(wanted, Relevance(None, ()))
        for start in range(0, len(wanted), 500):  # SQLite's limit on parameters, with room
            chunk = wanted[start:start + 500]
            rows = self._db.conn.execute(
                "SELECT id, score, score_why FROM articles WHERE score IS NOT NULL AND id IN "
                f"({', '.join('?' * len(chunk))})", chunk)
            for article_id, score, why in rows:
                found[int(article_id)] = Relevance(float(score), split_why(why))
        return found

    # --- reading sessions --------------------------------------------------------------

    def candidates(self, limit: int = 2000) -> list[Candidate]:
        """Unread pieces of the Inbox, best first, for a reading session."""
        rows = self._db.conn.execute(
            f"SELECT id, word_count, coalesce(score, 0) FROM articles WHERE {INBOX} "
            "AND read_at IS NULL ORDER BY coalesce(score, -1) DESC, id DESC LIMIT ?", (limit,))
        from lecteur.core.curate.session import Candidate

        return [Candidate(int(i), int(w), float(s)) for i, w, s in rows]

    def plan(self, minutes: float) -> list[Planned]:
        """The best unread pieces that fit in `minutes` at the reader's speed."""
        from lecteur.core.curate.session import plan

        return plan(self.candidates(), minutes, self.words_per_minute())

    def summary(self, ids: Iterable[int], since: str, kept_before: Iterable[int],
                seconds: float) -> Summary:
        """What a session that began at `since` came to, for the pieces it offered."""
        conn = self._db.conn
        read, kept, noted = [], [], []
        before = set(kept_before)
        for article_id in ids:
            row = conn.execute("SELECT read_at >= ?, saved OR starred "
                               "FROM articles WHERE id = ?", (since, article_id)).fetchone()
            if row is None:
                continue
            if row[0]:
                read.append(article_id)
            if row[1] and article_id not in before:
                kept.append(article_id)
            if conn.execute("SELECT 1 FROM notes WHERE article_id = ? AND created_at >= ? "
                            "UNION ALL SELECT 1 FROM highlights WHERE article_id = ? "
                            "AND created_at >= ? LIMIT 1",
                            (article_id, since, article_id, since)).fetchone():
                noted.append(article_id)
        from lecteur.core.curate.session import Summary

        return Summary(tuple(read), tuple(kept), tuple(noted), seconds)

    def kept_now(self, ids: Iterable[int]) -> list[int]:
        """Which of these articles are saved or starred now."""
        return [article_id for article_id in ids if self._db.conn.execute(
            "SELECT 1 FROM articles WHERE id = ? AND (saved OR starred)",
            (article_id,)).fetchone()]

    def triage_queue(self, limit: int = 5000) -> list[int]:
        """What triage offers: Inbox items neither kept nor decided on yet, best first."""
        rows = self._db.conn.execute(
            f"SELECT id FROM articles WHERE {INBOX} AND saved = 0 AND starred = 0 "
            "AND id NOT IN (SELECT article_id FROM curate_decisions) "
            "ORDER BY coalesce(score, -1) DESC, id DESC LIMIT ?", (limit,))
        return [int(r[0]) for r in rows]

    # --- decisions ---------------------------------------------------------------------

    def learn_in(self, conn: sqlite3.Connection, article_id: int, keep: bool) -> bool:
        """Inside a write: the reader kept (`keep`) or dismissed an article; learn from it.

        One decision per article: the same one again changes nothing, the other one
        replaces it (the first step taken back). Returns whether the model moved.
        """
        found = conn.execute("SELECT label FROM curate_decisions WHERE article_id = ?",
                             (article_id,)).fetchone()
        if found is not None:
            if bool(found[0]) == keep:
                return False
            self.unlearn_in(conn, article_id)
        row = conn.execute("SELECT title, coalesce(b.blocks, '[]') FROM articles LEFT JOIN "
                           "article_bodies AS b ON b.article_id = id WHERE id = ?",
                           (article_id,)).fetchone()
        if row is None:
            return False
        from lecteur.core.curate import model

        weights, bias = self._model(conn)
        weights = dict(weights)
        texts = [block["text"] for block in json.loads(row[1])]
        features = model.features(self.profile, str(row[0]), model.lead(texts))
        change = model.step(self.profile, features, weights, bias, 1.0 if keep else 0.0)
        self._move(conn, weights, change, 1.0, bias + change.bias)
        conn.execute("INSERT INTO curate_decisions (article_id, label, kind, step, made_at) "
                     "VALUES (?, ?, ?, ?, ?)",
                     (article_id, int(keep), KEEP if keep else DISMISS,
                      json.dumps([change.size, change.bias, change.terms]), stamp()))
        return True

    def unlearn_in(self, conn: sqlite3.Connection, article_id: int) -> bool:
        """Inside a write: take back the decision on an article, if there is one."""
        found = conn.execute("SELECT step FROM curate_decisions WHERE article_id = ?",
                             (article_id,)).fetchone()
        if found is None:
            return False
        from lecteur.core.curate import model

        size, bias_step, terms = json.loads(found[0])
        weights, bias = self._model(conn)
        weights = dict(weights)
        self._move(conn, weights, model.Step(size, terms, bias_step), -1.0, bias - bias_step)
        conn.execute("DELETE FROM curate_decisions WHERE article_id = ?", (article_id,))
        return True

    def _move(self, conn: sqlite3.Connection, weights: dict[str, float], change: model.Step,
              sign: float, bias: float) -> None:
        from lecteur.core.curate import model

        moved = model.apply(weights, change, sign)
        conn.executemany("INSERT INTO curate_weights (term, weight) VALUES (?, ?) ON CONFLICT "
                         "(term) DO UPDATE SET weight = excluded.weight", moved.items())
        version = str(int(self._version or 0) + 1)
        conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) "
                         "DO UPDATE SET value = excluded.value",
                         ((BIAS, repr(bias)), (VERSION, version)))
        self._weights, self._bias, self._version = weights, bias, version

    def decisions(self) -> int:
        """How many decisions the model has learned from."""
        return int(self._db.conn.execute("SELECT count(*) FROM curate_decisions").fetchone()[0])

    def dismiss(self, article_id: int) -> None:
        """Dismiss an article: out of the Inbox (still found by search), and learned from."""
        with self._db.write() as conn:
            require_article(conn, article_id)
            conn.execute("UPDATE articles SET dismissed_at = coalesce(dismissed_at, ?) "
                         "WHERE id = ?", (stamp(), article_id))
            self.learn_in(conn, article_id, keep=False)

    def undismiss(self, article_id: int) -> None:
        """Back in the Inbox, and the dismissal forgotten by the model."""
        with self._db.write() as conn:
            require_article(conn, article_id, in_trash=True)
            conn.execute("UPDATE articles SET dismissed_at = NULL WHERE id = ?", (article_id,))
            found = conn.execute("SELECT label FROM curate_decisions WHERE article_id = ?",
                                 (article_id,)).fetchone()
            if found is not None and not found[0]:
                self.unlearn_in(conn, article_id)

    def keep(self, article_id: int) -> None:
        """Keep an article (triage's `s`): saved, and learned from."""
        with self._db.write() as conn:
            require_article(conn, article_id)
            conn.execute("UPDATE articles SET saved = 1, dismissed_at = NULL WHERE id = ?",
                         (article_id,))
            self.learn_in(conn, article_id, keep=True)

    def unkeep(self, article_id: int) -> None:
        """Take a keep back (triage's undo): not saved, and forgotten by the model."""
        with self._db.write() as conn:
            require_article(conn, article_id, in_trash=True)
            conn.execute("UPDATE articles SET saved = 0 WHERE id = ?", (article_id,))
            self.unlearn_in(conn, article_id)

    # --- reading speed -----------------------------------------------------------------

    def record_reading(self, words: float, seconds: float) -> None:
        """Add one stretch of reading (words read in seconds) to the measured speed."""
        if words <= 0 or seconds <= 0:
            return
        with self._db.write() as conn:
            for key, value in ((WORDS_READ, words), (SECONDS_READ, seconds)):
                conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) "
                             "DO UPDATE SET value = CAST(value AS REAL) + excluded.value",
                             (key, value))

    def words_per_minute(self) -> int:
        """The reader's speed: measured once two minutes of reading are known, else 230."""
        found = dict(self._db.conn.execute(
            "SELECT key, value FROM meta WHERE key IN (?, ?)", (WORDS_READ, SECONDS_READ)))
        seconds = float(found.get(SECONDS_READ, 0) or 0)
        if seconds < MEASURED_AFTER:
            return DEFAULT_WPM
        return max(60, min(1000, round(float(found.get(WORDS_READ, 0)) * 60 / seconds)))

    def measured(self) -> bool:
        """Whether the speed is the reader's own (else the default)."""
        found = self._db.conn.execute("SELECT value FROM meta WHERE key = ?",
                                      (SECONDS_READ,)).fetchone()
        return found is not None and float(found[0]) >= MEASURED_AFTER



_NO_VERSION = object()  # a scorer not told its model's version trusts no worker's score

class Scorer:
    """The profile and the learned model, for scoring items (pure; see `model`).

    A refresh makes one for each feed it stores and calls `score` on every new item, on
    the storing thread: what can be made once (the terms that weigh) is made here. An
    item its parse worker scanned under this same profile (`model.prescan`) leaves only
    the learned model's sum and the reasons to do here."""

    def __init__(self, profile: Profile, weights: dict[str, float], bias: float, *,
                 version: object = _NO_VERSION) -> None:
        """`version`: the learned model's (``meta.curate_version``, None before any
        learning), when the caller read it with the weights: an item a worker scored
        under that same version keeps its score."""
        from lecteur.core.curate import model
        from lecteur.core.curate.scan import Prescan

        self.profile, self.weights, self.bias = profile, weights, bias
        self.version = version
        self._scored = model.Scored
        self._weighted = profile.prior.keys() | weights.keys()
        self._lead, self._score = model.lead, model.score_text
        self._score_scan, self._tokens, self._prescan = model.score_scan, model.tokens_of, Prescan

    def score(self, title: str, texts: Iterable[str], scanned: object = None) -> model.Scored:
        """An item's score and reasons from its title and its blocks' texts; `scanned`,
        the item's `FeedItem.scan`, is used if made under this profile (else scanned here)."""
        digest = self.profile.digest
        if isinstance(scanned, self._prescan) and digest and scanned.digest == digest:
            if scanned.scored is not None and self.version is not _NO_VERSION \
                    and scanned.version == self.version:
                return self._scored(*scanned.scored)  # scored in its worker
            cut: list[tuple[list[str], list[str]]] = []  # `texts` may be read only once

            def tokens() -> tuple[list[str], list[str]]:
                if not cut:
                    cut.append(self._tokens(title, texts))
                return cut[0]

            return self._score_scan(self.profile, scanned.scan, self.weights, self.bias,
                                    self._weighted, tokens)
        return self._score(self.profile, title, self._lead(texts), self.weights, self.bias,
                           self._weighted)
