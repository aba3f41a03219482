"""The sentences core and the command line say, in English and French.

`lecteur.core.errors` carries a key and its values, not a finished sentence: the message
is put together when it is shown (``str(error)``), in the language in force, so the same
failure reads "Could not reach example.org" from ``lecteur read`` and "Impossible de
joindre example.org" from ``lecteur --lang fr read`` or a French reader. The reader's own
interface strings live in ``lecteur.ui.i18n``, which sets this language too.

Messages are ``str.format`` templates; what is put into them (URLs, titles, file names)
is never parsed, and a key missing from the catalogue shows as itself, so a raw sentence
still reads as one. A sentence kept for later (a feed's last error, stored by a refresh
in whatever language it ran in) is kept as its key and values (`kept`) and put together
when it is read (`shown`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping

from lecteur.core.catalogue.en import SENTENCES as ENGLISH
from lecteur.core.catalogue.fr import SENTENCES as FRENCH

CATALOGUES: dict[str, Mapping[str, str]] = {"en": ENGLISH, "fr": FRENCH}
DEFAULT_LANGUAGE = "en"
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")

_current = DEFAULT_LANGUAGE


def detect_language(environ: Mapping[str, str] | None = None) -> str:
    """``fr`` when the locale is French (the first locale variable that is set), else ``en``."""
    environ = os.environ if environ is None else environ
    for name in LOCALE_VARIABLES:
        value = environ.get(name, "")
        if value and value not in ("C", "POSIX", "C.UTF-8"):
            return "fr" if value.lower().startswith("fr") else "en"
    return DEFAULT_LANGUAGE


def set_language(language: str | None) -> str:
    """Choose the language (``en`` or ``fr``; None detects it from the locale); return it."""
    global _current
    _current = language if language in CATALOGUES else detect_language()
    return _current


def language() -> str:
    """The language in force."""
    return _current


def say(key: str, /, **values: object) -> str:
    """The sentence `key` in the current language, with `values` in its placeholders.

    A key that is not in the catalogue is taken as the sentence itself (formatted only if
    values are given), so an untranslated message still reads as English.
    """
    template = CATALOGUES[_current].get(key) or ENGLISH.get(key) or key
    if not values:
        return template
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):  # a slip in a catalogue must not hide the error
        return ENGLISH.get(key, key).format(**values) if key in ENGLISH else key


_KEPT = '{"say": '


def kept(key: str, /, **values: object) -> str:
    """The sentence `key` with `values` as text to store, to be said by `shown` in the
    language in force when it is read, not the one of the process that stored it."""
    return json.dumps({"say": key, "values": values}, ensure_ascii=False, default=str)


def shown(text: str | None) -> str | None:
    """The sentence `kept` stored as `text`, in the current language; any other text (a
    sentence stored before sentences were kept) as it is."""
    if not text or not text.startswith(_KEPT):
        return text
    try:
        data = json.loads(text)
        return say(str(data["say"]), **dict(data["values"]))
    except (ValueError, KeyError, TypeError):
        return text
