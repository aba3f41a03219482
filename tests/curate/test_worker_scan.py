"""Scoring split between the parse worker and the store gives the scores of the store alone.

The worker scans each item under the topic profile whose text the job carries
(`workers.feeds.read_feed`, `model.prescan`); the store finishes with the learned model
(`Scorer.score` given the item's scan). Items scored that way must equal items scanned at
the store, for profiles with and without a learned model, and a scan made under another
profile must not be trusted.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from labelled_items import HELD_OUT, TRAINING, learned_model

from lecteur.core.curate import model
from lecteur.core.curate.profile import Profile, parse_profile, shipped_text
from lecteur.core.curate.scan import Prescan
from lecteur.core.library.curate import Scorer
from lecteur.core.library.feed_items import Update
from lecteur.core.library.store import Library
from lecteur.core.models import FeedItem, FeedJob
from lecteur.core.workers.feeds import read_feed

EXTRA = [("RÉSEAUTAGE : réseau professionnel", "Le Réseau professionnel, un 5 à 7."),
         ("Job search", "job  search\u00a0tips: cold call, l’entrevue d'information"),
         ("", "these salary negotiation co-working e-mail"), ("—", "")]


def feed(items: list[tuple[str, str]]) -> bytes:
    """An RSS document of the items (title, summary)."""
    entries = "".join(
        f"<item><guid>g{number}</guid><link>https://example.org/{number}</link>"
        f"<title>{escape(title)}</title><description>{escape(body)}</description></item>"
        for number, (title, body) in enumerate(items))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Feed</title>{entries}</channel></rss>").encode()


def texts(item: FeedItem) -> list[str]:
    return [block.text for block in item.blocks] or [item.title]


def parsed(text: str | None) -> tuple[FeedItem, ...]:
    items = [(title, body) for _lang, _relevant, title, body in HELD_OUT + TRAINING] + EXTRA
    return read_feed(FeedJob("https://example.org/feed", feed(items), "application/rss+xml",
                             text)).items


@pytest.mark.parametrize("title_weight", ["2.0", "0.5", "-1.0"])
def test_items_scanned_in_the_worker_score_as_at_the_store(title_weight: str) -> None:
    text = shipped_text().replace("title_weight = 2.0", f"title_weight = {title_weight}")
    items = parsed(text)
    assert all(isinstance(item.scan, Prescan) for item in items)
    at_store, in_worker = parse_profile(text), parse_profile(text)  # two processes' own
    for weights, bias in (({}, 0.0), learned_model(at_store)):
        store_only = Scorer(at_store, weights, bias)
        split = Scorer(in_worker, weights, bias)
        reasons = 0
        for item in items:
            expected = store_only.score(item.title, texts(item))
            assert split.score(item.title, texts(item), item.scan) == expected, item.title
            once = iter(texts(item))  # as the store gives them: read once
            assert split.score(item.title, once, item.scan) == expected, item.title
            reasons += len(expected.why)
        assert reasons  # the items do have reasons, learned ones among them


def test_the_store_uses_the_workers_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    """Given a scan of its own profile, the store scans nothing."""
    items = parsed(shipped_text())
    scorer = Scorer(parse_profile(shipped_text()), *learned_model(parse_profile(shipped_text())))
    expected = [scorer.score(item.title, texts(item)) for item in items]

    def no_scan(*_args: object) -> None:
        raise AssertionError("scanned at the store")

    monkeypatch.setattr(model, "scan", no_scan)
    scorer = Scorer(parse_profile(shipped_text()), scorer.weights, scorer.bias)
    assert [scorer.score(item.title, texts(item), item.scan) for item in items] == expected


def test_a_scan_under_another_profile_is_scanned_again() -> None:
    items = parsed(shipped_text())
    other = parse_profile(shipped_text().replace("[terms]", '[terms]\n"pain" = 9', 1))
    first = items[0].scan
    assert isinstance(first, Prescan) and other.digest != first.digest
    scorer = Scorer(other, {}, 0.0)
    for item in items:
        assert scorer.score(item.title, texts(item), item.scan) == scorer.score(
            item.title, texts(item))
    made = Profile(words=other.words, phrases=other.phrases, prior=other.prior,
                   firsts=other.firsts)  # made otherwise: no digest, no scan trusted
    assert Scorer(made, {}, 0.0).score("x", ["y"], Prescan("", first.scan)).why == ()
    assert read_feed(FeedJob("u", feed(EXTRA), "", "not = [a profile")).items[0].scan is None


def test_a_refresh_stores_the_scores_the_store_alone_gives(tmp_path: Path) -> None:
    """Through `record_refresh`: items with the worker's scan, and without, store the
    same score and reasons."""
    stored = []
    for number, topics in enumerate((shipped_text(), None)):
        with Library(tmp_path / str(number) / "library.sqlite3") as library:
            feed_id = library.feeds.add("https://example.org/feed")[0]
            items = parsed(topics)
            assert all((item.scan is None) == (topics is None) for item in items)
            library.feed_items.record_refresh((), [Update(
                feed_id, items, "https://example.org/feed", "Feed", None, None, None, None,
                "hash")])
            stored.append(library.db.conn.execute(
                "SELECT guid, score, score_why FROM articles ORDER BY guid").fetchall())
    assert stored[0] == stored[1]
    assert any(why for _guid, _score, why in stored[0])
