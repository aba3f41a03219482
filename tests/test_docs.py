"""The docs describe the program that exists: every command and option is in docs/cli.md."""

from __future__ import annotations

import argparse
from pathlib import Path

from lecteur.cli import build_parser

ROOT = Path(__file__).parent.parent


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def test_every_command_and_option_is_documented() -> None:
    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    parser = build_parser()
    for option in parser._option_string_actions:
        if option not in ("-h", "--help"):
            assert f"`{option}" in doc or f" {option}" in doc, option
    for name, sub in _subcommands(parser).items():
        assert f"### `lecteur {name}" in doc, name
        for option in sub._option_string_actions:
            if option not in ("-h", "--help"):
                assert option in doc, f"{name} {option}"


def test_json_contract_fields_are_documented() -> None:
    from lecteur.core.models import Article, Block

    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    fields = Article("s", "t", (Block("paragraph", "x"),)).to_dict()
    for field in fields:
        assert f"| `{field}` |" in doc, field


def test_readme_gives_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert 'python -m pip install ".[test]" && python -m pytest' in readme
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = next(line for line in readme.splitlines() if "pytest" in line)
    assert test_command.strip() in ci


def test_the_readme_screenshot_is_the_reading_view_as_it_is_now() -> None:
    """The README's picture is the reading-view snapshot itself, so it cannot go stale:
    after `pytest tests/test_ui_snapshots.py --snapshot-update`, copy that file over it."""
    root = Path(__file__).parent.parent
    snapshot = (Path(__file__).parent / "__snapshots__" / "test_ui_snapshots"
                / "test_reading_view_with_author_card_and_highlighted_quote.svg")
    assert (root / "docs" / "screenshot-reading.svg").read_bytes() == snapshot.read_bytes()
