"""The relevance model: a logistic regression over folded terms, started from the profile.

An item's features are the stems of its words (present or not; a stem in the title counts
`title_weight` times) and the profile's phrases it holds. Its score is

    sigmoid(bias + sum(x * (profile weight + learned weight)) )

where the profile gives each of its terms a weight from the start and every decision of
the reader (keep: 1, dismiss: 0) moves the learned weights of the item's terms one step
of online logistic regression (`step`). Learned weights are scaled by the item's length
(1/sqrt of its number of terms) so that a long article does not win by its many words.
Everything here is pure and cheap: about 20 µs for a feed item's title and summary.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from itertools import chain
from typing import NamedTuple

from lecteur.core.curate.profile import Profile
from lecteur.core.curate.terms import CACHE_BOUND, is_content, token_info, tokens

LEARNING_RATE = 1.5
BIAS_RATE = 0.05
MAX_REASONS = 4
# The body is read as far as its lead: what a reader skims to decide (a feed's summary
# is mostly that long). Scoring runs on every item a refresh stores, so it reads no more.
BODY_WORDS = 120
LEAD_CHARACTERS = 900  # what `lead` keeps of a body: a little more than `BODY_WORDS` words


class Features(NamedTuple):
    """What the model sees of one item: term -> value, its words, and its length's scale."""

    values: dict[str, float]
    words: set[str]  # the distinct tokens, lower-cased: where the reasons' spelling is found
    norm: float  # 1/sqrt(number of terms), the scale of learned weights


class Scored(NamedTuple):
    """An item's score (0 to 1) and its reasons: the terms that raised it, strongest first."""

    score: float
    why: tuple[str, ...]


def lead(texts: Iterable[str]) -> str:
    """The start of a body from its blocks' texts: enough for `BODY_WORDS` words."""
    kept, size = [], 0
    for text in texts:
        kept.append(text)
        size += len(text) + 1
        if size >= LEAD_CHARACTERS:
            break
    return "\n".join(kept)[:LEAD_CHARACTERS]


def features(profile: Profile, title: str, body: str) -> Features:
    """The features of an item from its title and body (the body's first `BODY_WORDS`).

    The text is cut at white space and each distinct token looked up in the profile's
    cache of its content stems, with set and dict operations that run in C: scoring is
    a hook on every stored item and must stay a small part of a refresh. Words are put in
    order only for the profile's phrases, and only when one of them may be there.
    """
    body_tokens = tokens(body)
    if len(body_tokens) > BODY_WORDS:
        body_tokens = body_tokens[:BODY_WORDS]
    title_tokens = tokens(title)
    in_body, in_title = set(body_tokens), set(title_tokens)
    every = in_body | in_title
    keys = _content_keys(profile, every)
    values = dict.fromkeys(chain.from_iterable(map(keys.__getitem__, in_body)), 1.0)
    weight = profile.title_weight
    for key in chain.from_iterable(map(keys.__getitem__, in_title)):
        if values.get(key, 0.0) < weight:
            values[key] = weight
    starts = profile.start_tokens
    for part_weight, sequence, distinct in ((1.0, body_tokens, in_body),
                                            (weight, title_tokens, in_title)):
        opening = distinct & starts
        if opening:
            _phrases(profile, sequence, opening, part_weight, values)
    return Features(values, every, 1.0 / math.sqrt(max(1, len(values))))


def _content_keys(profile: Profile, distinct: set[str]) -> dict[str, tuple[str, ...]]:
    """The profile's cache of each token's content stems, filled for `distinct`."""
    cache = profile.token_keys
    if not distinct <= cache.keys():
        missing = distinct - cache.keys()
        if len(cache) > CACHE_BOUND:
            cache.clear()
            profile.token_stems.clear()
            profile.start_tokens.clear()
            missing = distinct
        firsts = profile.firsts
        for token in missing:
            infos = token_info(token)
            cache[token] = tuple(key for _folded, key, content in infos if content)
            profile.token_stems[token] = tuple(info[1] for info in infos)
            if any(info[1] in firsts for info in infos):
                profile.start_tokens.add(token)
    return cache


def _phrases(profile: Profile, sequence: list[str], opening: set[str], weight: float,
             values: dict[str, float]) -> None:
    """Add the profile's phrases found in a sequence of tokens (`opening`: its tokens that
    hold a phrase's first stem). A phrase is looked for in order only when each of its
    other stems is among the item's terms, or is no term at all (a stop word, a digit)."""
    firsts = {key for token in opening for key in profile.token_stems[token]
              if key in profile.firsts}
    wanted = [phrase for first in firsts for phrase, _term in profile.phrases[first]
              if all(part in values or not is_content(part) for part in phrase[1:])]
    if not wanted:
        return
    stemmed = list(chain.from_iterable(map(profile.token_stems.__getitem__, sequence)))
    for phrase in wanted:
        size = len(phrase)
        for index in [i for i, key in enumerate(stemmed) if key == phrase[0]]:
            if tuple(stemmed[index:index + size]) == phrase:
                key = " ".join(phrase)
                if values.get(key, 0.0) < weight:
                    values[key] = weight
                break


def _contributions(profile: Profile, found: Features,
                   learned: Mapping[str, float]) -> dict[str, float]:
    """How much each term adds to an item's score (before the sigmoid)."""
    out = {}
    prior, norm, values = profile.prior, found.norm, found.values
    # Only the terms with a weight; each intersection walks the smaller side, in C.
    for key in (values.keys() & prior.keys()) | (values.keys() & learned.keys()):
        weight = values[key] * (prior.get(key, 0.0) + learned.get(key, 0.0) * norm)
        if weight:
            out[key] = weight
    return out


def score(profile: Profile, found: Features, learned: Mapping[str, float],
          bias: float = 0.0) -> Scored:
    """The score of an item and why: the terms that raised it most."""
    parts = _contributions(profile, found, learned)
    z = profile.bias + bias + sum(parts.values())
    raised = sorted((w, key) for key, w in parts.items() if w > 0.05)
    why = tuple(profile.shown(key) or _spelled(found, key)
                for _w, key in reversed(raised[-MAX_REASONS:]))
    return Scored(round(_sigmoid(z), 4), why)


def _spelled(found: Features, key: str) -> str:
    """A learned term as the item folds it (the first of its words with that stem)."""
    return min((info[0] for token in found.words for info in token_info(token)
                if info[1] == key), default=key)


def _sigmoid(z: float) -> float:
    if z < -30:
        return 0.0
    if z > 30:
        return 1.0
    return 1.0 / (1.0 + math.exp(-z))


class Step(NamedTuple):
    """One decision's change to the model: its size and the terms it moved (for undo)."""

    size: float  # learning rate x (label - prediction)
    terms: dict[str, float]  # term -> scaled value (value x norm)
    bias: float


def step(profile: Profile, found: Features, learned: Mapping[str, float], bias: float,
         label: float) -> Step:
    """The online logistic regression step a decision makes (`label` 1 keep, 0 dismiss)."""
    predicted = score(profile, found, learned, bias).score
    error = label - predicted
    return Step(LEARNING_RATE * error,
                {key: value * found.norm for key, value in found.values.items()},
                BIAS_RATE * error)


def apply(learned: dict[str, float], change: Step, sign: float = 1.0) -> dict[str, float]:
    """Learned weights after a step (`sign` -1 takes it back); returns the moved weights."""
    moved = {}
    for key, value in change.terms.items():
        moved[key] = learned[key] = learned.get(key, 0.0) + sign * change.size * value
    return moved
