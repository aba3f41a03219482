"""Core's sentences are a catalogue, in English and French, said in the language in force."""

from __future__ import annotations

import ast
import pickle
import string
from pathlib import Path

import pytest

from lecteur.core import catalogue, errors
from lecteur.core.catalogue.en import SENTENCES as ENGLISH
from lecteur.core.catalogue.fr import SENTENCES as FRENCH
from lecteur.core.errors import ExtractError, FetchError, LecteurError

CORE = Path(catalogue.__file__).parents[1]
ERROR_KINDS = {name for name, value in vars(errors).items()
               if isinstance(value, type) and issubclass(value, LecteurError)}


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_french_has_every_sentence_with_the_same_placeholders() -> None:
    assert set(FRENCH) == set(ENGLISH)
    for key, english in ENGLISH.items():
        assert placeholders(FRENCH[key]) == placeholders(english), key
        assert FRENCH[key] != english or key.startswith("cli.col.") or key in (
            "cli.minutes", "cli.dirs.cache", "cli.help.options"), f"{key} is not translated"


def _raised_errors() -> list[tuple[str, int, ast.Call]]:
    found = []
    for path in sorted(CORE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ERROR_KINDS):
                found.append((str(path.relative_to(CORE)), node.lineno, node))
    return found


def test_every_error_raised_in_core_names_a_sentence_of_the_catalogue() -> None:
    """No f-string or English sentence: a key, and exactly the values its template uses."""
    calls = _raised_errors()
    assert len(calls) > 40
    for where, line, call in calls:
        first = call.args[0] if call.args else None
        if isinstance(first, ast.Name) and any(k.arg is None for k in call.keywords):
            continue  # ExtractError(key, **values): a worker's answer, passed on
        assert isinstance(first, ast.Constant) and isinstance(first.value, str), \
            f"{where}:{line} raises a sentence, not a catalogue key"
        assert first.value in ENGLISH, f"{where}:{line}: {first.value!r} is not in the catalogue"
        given = {keyword.arg for keyword in call.keywords}
        assert given == placeholders(ENGLISH[first.value]), f"{where}:{line}"


def test_errors_are_said_in_the_language_in_force() -> None:
    error = FetchError("fetch.connection_failed", host="example.org")
    assert str(error) == "Could not reach example.org: the connection failed."
    catalogue.set_language("fr")
    try:
        assert str(error) == "Impossible de joindre example.org : la connexion a échoué."
        assert str(pickle.loads(pickle.dumps(error))) == str(error)
        assert str(error.recast(errors.SourceError)) == str(error)
    finally:
        catalogue.set_language("en")


def test_a_sentence_that_is_not_a_key_is_shown_as_it_is() -> None:
    assert str(LecteurError("Something {odd} happened.")) == "Something {odd} happened."
    assert catalogue.say("no.such.key", x=1) == "no.such.key"


def test_the_reader_language_sets_cores() -> None:
    from lecteur.ui.i18n import set_language

    set_language("fr")
    try:
        assert catalogue.language() == "fr"
        assert str(errors.LibraryBusyError("library.busy")).startswith("La bibliothèque est")
    finally:
        set_language("en")
    assert catalogue.language() == "en"


@pytest.mark.parametrize("environ, expected", [
    ({"LANG": "fr_CA.UTF-8"}, "fr"), ({"LC_ALL": "fr_FR.UTF-8", "LANG": "en_US"}, "fr"),
    ({"LC_MESSAGES": "fr_BE", "LANG": "C.UTF-8"}, "fr"), ({"LANG": "de_DE"}, "en"),
    ({"LANG": "C.UTF-8"}, "en"), ({}, "en"),
])
def test_the_locale_chooses(environ: dict[str, str], expected: str) -> None:
    assert catalogue.detect_language(environ) == expected


def test_a_workers_error_is_said_in_the_parents_language() -> None:
    """The worker sends its key and values back; the sentence is made where it is shown."""
    from lecteur.core.models import Job
    from lecteur.core.workers.pool import ExtractorPool

    with ExtractorPool(size=1) as pool:
        with pytest.raises(ExtractError) as raised:
            pool.extract(Job(kind="html", content="<html><body></body></html>", source="x.html"))
        catalogue.set_language("fr")
        try:
            french = str(raised.value)
        finally:
            catalogue.set_language("en")
    assert french != str(raised.value) and "x.html" in french
