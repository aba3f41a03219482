"""The word lists the quotation rules read, kept as data files beside this module.

Each ``*.txt`` file holds words or phrases separated by white space or one a line (see
its header comment); ``#`` starts a comment. Files are read once per process
(`functools.cache`) with `importlib.resources`, so they work from a wheel too. The lists
are written by hand for lecteur and never tuned to a page: they are the verbs, titles
and labels French and English use in general.
"""

from __future__ import annotations

import functools
import re
from importlib import resources

_ER_ENDINGS = ("e", "é", "ée", "ait", "a", "era", "ent", "aient")


def _lines(name: str) -> list[str]:
    """The non-comment lines of a lexicon file, stripped."""
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [line for line in lines if line]


@functools.cache
def words(name: str) -> frozenset[str]:
    """Every white-space separated word of a lexicon file, lower-cased."""
    return frozenset(w.lower() for line in _lines(name) for w in line.split())


@functools.cache
def phrases(name: str) -> tuple[str, ...]:
    """One phrase a line, lower-cased, longest first (for regex alternations)."""
    return tuple(sorted({line.lower() for line in _lines(name)}, key=len, reverse=True))


@functools.cache
def honorifics() -> dict[str, str | None]:
    """Title → gender it tells ("f", "m" or None), keys lower-cased."""
    out: dict[str, str | None] = {}
    for line in _lines("honorifics.txt"):
        for item in line.split():
            title, _, gender = item.rpartition(":")
            out[title.lower()] = gender if gender in ("f", "m") else None
    return out


def _french_forms(line: str) -> list[str]:
    """The forms of one French entry: an -er infinitive is conjugated, others kept."""
    reflexive = None if line.startswith(("s'est ", "se défend")) else \
        re.match(r"^(se |s['’])(.+)$", line)
    if reflexive:
        base = _french_forms(reflexive.group(2))
        short = "s'" if reflexive.group(1).startswith("s'") else "se "
        return [short + f for f in base] + ["s'est " + f for f in base if f.endswith(("é", "ée",
                                                                                       "u", "ue"))]
    if " " in line or not line.endswith("er") or len(line) < 5:
        return [line]
    stem = line[:-2]
    return [stem + ending for ending in _ER_ENDINGS]


@functools.cache
def speech_verbs() -> tuple[str, ...]:
    """Every form of every verb of saying, French and English, longest first."""
    forms: set[str] = {w.replace("_", " ") for w in words("speech_verbs_en.txt")}
    for line in _lines("speech_verbs_fr.txt"):
        forms.update(f.lower() for f in _french_forms(line))
    return tuple(sorted(forms, key=len, reverse=True))


@functools.cache
def verb_set() -> frozenset[str]:
    """Every single-word form of a verb of saying (for filtering words, not matching)."""
    return frozenset(form for form in speech_verbs() if " " not in form)
