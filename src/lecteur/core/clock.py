"""The one clock lecteur reads, so that tests (and benchmarks) can set the time.

Every timestamp the library stores comes from `stamp`; `set_clock` replaces the source of
time for the whole process (tests install a fixed or a ticking clock) and returns the one
it replaced.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def system_time() -> datetime:
    """The machine's time, in UTC."""
    return datetime.now(UTC)


_source: Clock = system_time


def now() -> datetime:
    """The current time, from the installed clock."""
    return _source()


def stamp() -> str:
    """The current time as the library stores it: UTC, to the second, ISO 8601."""
    return _source().strftime("%Y-%m-%dT%H:%M:%SZ")


def set_clock(source: Clock) -> Clock:
    """Read the time from `source` from now on; return the clock it replaces."""
    global _source
    previous, _source = _source, source
    return previous
