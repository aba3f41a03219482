"""Ranking quality, to measure what the model learned: average precision and NDCG@k.

Used by the tests and by bench/curate_scoring.py on a held-out set of labelled items.
"""

from __future__ import annotations

import math
from collections.abc import Sequence


def average_precision(ranked: Sequence[bool]) -> float:
    """Average precision of a ranking, given whether each item (best first) is relevant."""
    hits, total = 0, 0.0
    for rank, relevant in enumerate(ranked, start=1):
        if relevant:
            hits += 1
            total += hits / rank
    return total / hits if hits else 0.0


def ndcg(ranked: Sequence[bool], k: int = 10) -> float:
    """Normalised discounted cumulative gain of the first `k` items."""
    gain = sum(1 / math.log2(rank + 1) for rank, relevant in enumerate(ranked[:k], start=1)
               if relevant)
    ideal = sum(1 / math.log2(rank + 1) for rank in range(1, min(k, sum(ranked)) + 1))
    return gain / ideal if ideal else 0.0
