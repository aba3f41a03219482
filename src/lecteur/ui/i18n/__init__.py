"""The reader's one catalogue of visible strings, in English and French.

Every string the interface shows goes through `t`, so a French locale (``LANG=fr_CA.UTF-8``,
``fr_FR``, ...) gets a French interface and anything else an English one; ``--lang``
overrides the locale. Messages are ``str.format`` templates: the values put into them
(titles, URLs, error sentences) are never parsed, and the result is always shown as plain
text, never as markup.
"""

from __future__ import annotations

from collections.abc import Mapping

from lecteur.core import catalogue
from lecteur.ui.i18n.en import MESSAGES as ENGLISH
from lecteur.ui.i18n.fr import MESSAGES as FRENCH

LANGUAGES: dict[str, Mapping[str, str]] = {"en": ENGLISH, "fr": FRENCH}
DEFAULT_LANGUAGE = "en"
_current = DEFAULT_LANGUAGE


def detect_language(environ: Mapping[str, str] | None = None) -> str:
    """``fr`` when the locale is French (the first locale variable that is set), else ``en``."""
    return catalogue.detect_language(environ)


def set_language(language: str | None) -> str:
    """Choose the interface language (``en`` or ``fr``; None detects it); return it.

    Core's sentences (errors) follow: `lecteur.core.catalogue` gets the same language.
    """
    global _current
    _current = catalogue.set_language(language if language in LANGUAGES else None)
    return _current


def language() -> str:
    """The interface language in force."""
    return _current


def t(key: str, /, **values: object) -> str:
    """The message `key` in the current language, with `values` put in its placeholders.

    A key missing from the catalogue shows as itself, so a slip is visible but harmless.
    """
    template = LANGUAGES[_current].get(key) or LANGUAGES[DEFAULT_LANGUAGE].get(key) or key
    return template.format(**values) if values else template


def plural(count: int, one: str, many: str) -> str:
    """`one` or `many` depending on `count`, formatted with it (as `count`).

    French counts zero as singular ("0 article"), English as plural ("0 articles").
    """
    singular = count == 1 or (count == 0 and _current == "fr")
    return t(one if singular else many, count=count)
