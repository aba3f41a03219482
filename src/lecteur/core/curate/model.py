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
from collections.abc import Callable, Iterable, Mapping
from collections.abc import Set as AbstractSet
from itertools import chain
from typing import NamedTuple

from lecteur.core.curate.profile import Profile
from lecteur.core.curate.scan import Prescan, Scan, scan
from lecteur.core.curate.terms import token_info

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
    """The features of an item from its title and body (the body's first `BODY_WORDS`):
    what learning needs (every term and its value); scoring alone uses `score_text`."""
    found = scan(profile, title, body, BODY_WORDS)
    values = dict.fromkeys(found.body, 1.0)
    weight = profile.title_weight
    for key in found.title:
        if values.get(key, 0.0) < weight:
            values[key] = weight
    for key, value in found.phrases.items():
        if values.get(key, 0.0) < value:
            values[key] = value
    body_tokens, title_tokens = found.tokens
    return Features(values, {token.lower() for token in (*body_tokens, *title_tokens)},
                    1.0 / math.sqrt(max(1, len(values))))


def score_text(profile: Profile, title: str, body: str, learned: Mapping[str, float],
               bias: float, weighted: AbstractSet[str]) -> Scored:
    """`score(profile, features(profile, title, body), learned, bias)`, found cheaper: the
    item's terms stay sets, and only those with a weight (`weighted`: the keys of the
    profile's prior and of `learned`, made once by the scorer) get a value.

    Every stored item goes through here; the same scores as `score` (the sum of the same
    contributions, perhaps in another order)."""
    found = scan(profile, title, body, BODY_WORDS)
    return score_scan(profile, found, learned, bias, weighted, lambda: found.tokens)


def prescan(profile: Profile, title: str, texts: Iterable[str]) -> Prescan:
    """What `score_text` finds of an item from its text and the profile alone (its scan),
    for the store to finish with the learned model (`score_scan`): made where the item
    is parsed, off the storing thread."""
    found = scan(profile, title, lead(texts), BODY_WORDS)
    return Prescan(profile.digest, found._replace(tokens=([], [])))


def prescore(profile: Profile, title: str, texts: Iterable[str], version: str | None,
             learned: Mapping[str, float], bias: float, weighted: AbstractSet[str]) -> Prescan:
    """`prescan`, and the item's whole score under the learned model of `version`
    (`score_text`'s: the same scan, the same sum): a first refresh's storing process is
    what it waits on, and the sum and the reasons were a sixth of its work per item.
    `weighted`: the keys of the profile's prior and of `learned`, made once a feed."""
    found = scan(profile, title, lead(texts), BODY_WORDS)
    scored = score_scan(profile, found, learned, bias, weighted, lambda: found.tokens)
    return Prescan(profile.digest, found._replace(tokens=([], [])), version,
                   (scored.score, scored.why))


def tokens_of(title: str, texts: Iterable[str]) -> tuple[list[str], list[str]]:
    """The tokens `scan` reads of an item (its body's lead, cut, and its title)."""
    return lead(texts).split()[:BODY_WORDS], title.split()


def score_scan(profile: Profile, found: Scan, learned: Mapping[str, float], bias: float,
               weighted: AbstractSet[str],
               tokens: Callable[[], Iterable[Iterable[str]]]) -> Scored:
    """`score_text` from the item's scan; `tokens` gives its tokens when a reason needs
    them (a learned term is spelled as the item writes it)."""
    in_body, in_title, phrases = found.body, found.title, found.phrases
    weight = profile.title_weight
    hits = in_body & weighted
    # The terms with a value: the body's, the title's (unless its weight is not positive)
    # and the phrases; the title's are most often few, and in the body too.
    count = len(in_body)
    if weight > 0:
        count += len(in_title) - len(in_title & in_body)
        apart = in_title & weighted
        hits |= apart
    else:
        apart = hits & in_title
    if phrases:
        count += sum(1 for key in phrases if key not in in_body and key not in in_title)
        apart |= phrases.keys() & weighted
        hits -= phrases.keys()
    norm = 1.0 / math.sqrt(max(1, count))
    prior, learned_weight = profile.prior.get, learned.get
    # A term of the body alone has the value 1: its contribution is its weight.
    parts = {key: prior(key, 0.0) + learned_weight(key, 0.0) * norm for key in hits - apart}
    for key in apart:
        value = 1.0 if key in in_body else 0.0
        if key in in_title and value < weight:
            value = weight
        value = max(value, phrases.get(key, 0.0))
        parts[key] = value * (prior(key, 0.0) + learned_weight(key, 0.0) * norm)
    return _scored(profile, parts, bias, tokens)


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
    return _scored(profile, _contributions(profile, found, learned), bias,
                   lambda: (found.words,))


def _scored(profile: Profile, parts: dict[str, float], bias: float,
            tokens: Callable[[], Iterable[Iterable[str]]]) -> Scored:
    """The score from the terms' contributions; the reasons are the largest of them."""
    score = round(_sigmoid(profile.bias + bias + sum(parts.values())), 4)
    raised = [(w, key) for key, w in parts.items() if w > 0.05]
    if not raised:
        return Scored(score, ())
    raised.sort(reverse=True)
    names = profile.vocabulary.names_of(profile)
    return Scored(score, tuple(names.get(key) or _spelled(tokens(), key)
                               for _w, key in raised[:MAX_REASONS]))


def _spelled(tokens: Iterable[Iterable[str]], key: str) -> str:
    """A learned term as the item folds it (the first of its words with that stem)."""
    return min((info[0] for token in {token.lower() for token in chain.from_iterable(tokens)}
                for info in token_info(token) if info[1] == key), default=key)


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
