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


def scored_in_worker(text: str, version: str | None, weights: dict[str, float],
                     bias: float) -> tuple[FeedItem, ...]:
    """The items read by a worker given the profile and a learned model (`prescore`)."""
    items = [(title, body) for _lang, _relevant, title, body in HELD_OUT + TRAINING] + EXTRA
    return read_feed(FeedJob("https://example.org/feed", feed(items), "application/rss+xml",
                             text, (version, tuple(weights.items()), bias))).items


def test_items_scored_in_the_worker_keep_the_stores_scores(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Under the model version the store reads, a worker's score is taken as it is (the
    store neither scans nor sums), and equals the store's own; under another version, or
    a scorer not told its version, the store scores again with its own model."""
    profile = parse_profile(shipped_text())
    weights, bias = learned_model(profile)
    items = scored_in_worker(shipped_text(), "7", weights, bias)
    assert all(isinstance(item.scan, Prescan) and item.scan.scored for item in items)
    store_only = Scorer(profile, weights, bias)
    expected = [store_only.score(item.title, texts(item)) for item in items]
    assert any(scored.why for scored in expected)

    def nothing_at_the_store(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("scored at the store")

    same = Scorer(parse_profile(shipped_text()), weights, bias, version="7")
    monkeypatch.setattr(same, "_score_scan", nothing_at_the_store)
    monkeypatch.setattr(same, "_score", nothing_at_the_store)
    assert [same.score(item.title, texts(item), item.scan) for item in items] == expected
    monkeypatch.undo()
    relearned = {term: weight * 3 for term, weight in weights.items()}
    newer = Scorer(profile, relearned, bias + 1.0, version="8")
    unknown = Scorer(profile, relearned, bias + 1.0)
    for item in items:
        again = Scorer(profile, relearned, bias + 1.0).score(item.title, texts(item))
        assert newer.score(item.title, texts(item), item.scan) == again
        assert unknown.score(item.title, texts(item), item.scan) == again


def test_a_library_that_never_learned_trusts_the_workers_scores(tmp_path: Path) -> None:
    """Version None (nothing learned yet: the first refresh of every library) is a
    version like another: the refresh's items keep their workers' scores."""
    with Library(tmp_path / "library.sqlite3") as library:
        version, pairs, bias = library.curate.learned()
        assert version is None
        items = scored_in_worker(shipped_text(), version, dict(pairs), bias)
        scorer = library.curate.scorer(library.db.conn)
        for item in items:
            assert isinstance(item.scan, Prescan) and item.scan.scored is not None
            assert scorer.score(item.title, texts(item), item.scan) == \
                model.Scored(*item.scan.scored)
