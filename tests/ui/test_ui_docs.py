"""The declarations are the truth: docs/keys.md, the catalogues and the tests follow them."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

from lecteur.ui import keys
from lecteur.ui.i18n import LANGUAGES, detect_language, plural, set_language, t

ROOT = Path(__file__).parents[2]
UI = ROOT / "src" / "lecteur" / "ui"


def test_keys_md_is_generated_from_the_declarations() -> None:
    assert (ROOT / "docs" / "keys.md").read_text(encoding="utf-8") == keys.keys_markdown(), (
        "regenerate with: python -c \"from lecteur.ui.keys import keys_markdown; "
        "open('docs/keys.md', 'w').write(keys_markdown())\"")


def test_every_binding_is_exercised_by_a_pilot_test() -> None:
    sources = "".join(path.read_text(encoding="utf-8")
                      for path in Path(__file__).parent.glob("test_ui_*.py"))
    covered = set()
    for call in re.findall(r"@covers\(([^)]*)\)", sources):
        covered.update(re.findall(r'"([a-z_.]+)"', call))
    assert covered == set(keys.BY_ID), set(keys.BY_ID) ^ covered


def test_ids_are_unique_and_described_in_both_languages() -> None:
    assert len(keys.BY_ID) == len(keys.DECLARATIONS)
    for decl in keys.DECLARATIONS:
        for language in LANGUAGES.values():
            assert language.get(decl.description_key), decl.id
    for scope in keys.SCOPES:
        assert all(language.get(f"scope.{scope}") for language in LANGUAGES.values())


def _fields(template: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}


def test_french_and_english_catalogues_match() -> None:
    english, french = LANGUAGES["en"], LANGUAGES["fr"]
    assert set(english) == set(french)
    for key, template in english.items():
        assert _fields(template) == _fields(french[key]), key


def test_every_message_used_in_the_code_exists() -> None:
    used: set[str] = set()
    for path in UI.rglob("*.py"):
        used.update(re.findall(r'\bt\(\s*"([a-z_]+\.[a-z_.]+)"', path.read_text(encoding="utf-8")))
    used.update(re.findall(r'"(notify\.[a-z_]+)"', (UI / "screens" / "actions.py").read_text()))
    assert used and used <= set(LANGUAGES["en"]), used - set(LANGUAGES["en"])


def test_no_markup_built_from_strings_reaches_a_widget() -> None:
    """No f-string or %-format goes straight into a display call in the UI code."""
    offenders = []
    for path in UI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name in {"Static", "Label", "update", "notify", "Option"}:
                for arg in node.args[:1]:
                    if isinstance(arg, ast.JoinedStr | ast.Constant) and (
                            not isinstance(arg, ast.Constant) or isinstance(arg.value, str)):
                        offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == [], offenders


def test_language_from_the_locale() -> None:
    assert detect_language({"LANG": "fr_CA.UTF-8"}) == "fr"
    assert detect_language({"LANG": "fr_FR"}) == "fr"
    assert detect_language({"LC_ALL": "en_GB.UTF-8", "LANG": "fr_FR.UTF-8"}) == "en"
    assert detect_language({"LANG": "C.UTF-8", "LANGUAGE": "fr"}) == "fr"
    assert detect_language({"LANG": "de_DE.UTF-8"}) == "en"
    assert detect_language({}) == "en"
    try:
        assert set_language("fr") == "fr"
        assert t("view.inbox") == "À lire"
        assert plural(0, "list.count_one", "list.count_many") == "0 article"
        set_language("en")
        assert plural(0, "list.count_one", "list.count_many") == "0 articles"
        assert t("no.such.key") == "no.such.key"
    finally:
        set_language("en")
