"""Lengths of time and calendar days as people type them: ``180d``, ``6m``, ``2024-03``.

Queries (``since:30d``, ``until:2024-06``) and the staleness settings (``salaire =
"180d"``) share these readings, so a period means the same thing everywhere. Pure
functions: the current day is passed in, never read here.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

# Units in English and French: d/j days, w/s weeks, m months, y/a years.
_UNIT_DAYS = {"d": 1, "j": 1, "w": 7, "s": 7, "m": 30, "y": 365, "a": 365}
_PERIOD = re.compile(r"(\d{1,5})\s*([djwsmya])", re.IGNORECASE)
_DAY = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def period_days(text: str) -> int | None:
    """``180d`` -> 180, ``2w`` -> 14, ``6m`` -> 180, ``1y`` -> 365; None if it is not one."""
    found = _PERIOD.fullmatch(text.strip())
    if not found:
        return None
    return int(found[1]) * _UNIT_DAYS[found[2].lower()]


def day_range(text: str, today: date) -> tuple[date, date] | None:
    """The days a value names, as [first, after): ``2024`` is the year, ``2024-03`` the
    month, ``2024-03-05`` the day, and ``30d`` the last thirty days up to today. None if
    it is not a date (or not a real one: ``2024-02-30``)."""
    days = period_days(text)
    if days is not None:
        return today - timedelta(days=days), today + timedelta(days=1)
    found = _DAY.fullmatch(text.strip())
    if not found:
        return None
    year, month, day = int(found[1]), found[2], found[3]
    try:
        if day is not None:
            first = date(year, int(str(month)), int(day))
            return first, first + timedelta(days=1)
        if month is not None:
            first = date(year, int(month), 1)
            after = date(year + 1, 1, 1) if first.month == 12 else date(year, first.month + 1, 1)
            return first, after
        return date(year, 1, 1), date(year + 1, 1, 1)
    except ValueError:
        return None
