"""Sorting names as a French reader expects: accents and case do not move a name.

Python sorts by code point, so "Étienne" lands after "Tomás" and "de Gaulle" after
"Zola". `collation_key` sorts by the name with accents, ligatures and case folded
("etienne" between "denis" and "francois"), then, between names that fold the same, by
the case-folded name, then by the name as written, so the order is total and stable.
The same key orders the Quotes view, the People view and ``lecteur people``.
"""

from __future__ import annotations

from lecteur.core.text.sanitize import fold


def collation_key(name: str | None) -> tuple[str, str, str]:
    """The sort key of a name: folded, then case-folded, then as written ("" for None)."""
    text = name or ""
    return fold(text), text.casefold(), text


def collation_string(name: str | None) -> str:
    """`collation_key` as one string, for SQL ``ORDER BY`` (its parts joined by NUL)."""
    return "\x00".join(collation_key(name))
