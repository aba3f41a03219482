"""Reading sessions: the best pieces that fit the time, and what a session came to.

`plan` is greedy on purpose: the reader asked for the most relevant reading in N
minutes, so pieces are taken best first, each one that still fits; a piece longer than
the whole time is never taken. Minutes come from the reader's own speed (words per
minute, measured by the reader; 230 until then).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple


class Candidate(NamedTuple):
    """An unread piece that could be read: its id, length and relevance."""

    id: int
    words: int
    score: float


class Planned(NamedTuple):
    """A piece chosen for the session, and the minutes it should take at the reader's speed."""

    id: int
    minutes: float
    score: float


def minutes_for(words: int, wpm: int) -> float:
    """Minutes to read `words` at `wpm` (at least a quarter of a minute)."""
    return max(0.25, words / max(1, wpm))


def plan(candidates: Iterable[Candidate], minutes: float, wpm: int) -> list[Planned]:
    """The best-ranked pieces that fit in `minutes`, best first."""
    chosen: list[Planned] = []
    left = minutes
    for candidate in sorted(candidates, key=lambda c: (-c.score, c.id)):
        needed = minutes_for(candidate.words, wpm)
        if needed <= left:
            chosen.append(Planned(candidate.id, needed, candidate.score))
            left -= needed
        if left < 0.25:
            break
    return chosen


SLOWEST, FASTEST = 60, 1000  # words a minute: outside, the reader was away or skimming


def reading_stretch(words: int, before: float, after: float,
                    seconds: float) -> tuple[float, float] | None:
    """What one stay in an article says of the reader's pace: (words read, seconds), or
    None when it says nothing (too short, nothing read, away from the keyboard, skimming).

    `before` and `after` are how far through the article (0 to 1) the reader was when it
    opened and when they left it.
    """
    read = max(0.0, after - before) * words
    if seconds < 10 or read < 30:
        return None
    pace = read * 60 / seconds
    return (read, seconds) if SLOWEST <= pace <= FASTEST else None


class Summary(NamedTuple):
    """What a session came to: pieces read, kept (saved or starred) and noted."""

    read: tuple[int, ...]
    kept: tuple[int, ...]
    noted: tuple[int, ...]
    seconds: float
