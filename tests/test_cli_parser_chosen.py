"""The command line parsed with only the named command's parser built (`_parser_for`): the
same namespace, help and errors as with the whole parser, which it skips building."""

from __future__ import annotations

import argparse

import pytest

from lecteur.cli import _parser_for, build_parser
from lecteur.cli.arguments import ChosenSubParsers, chosen_command


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, ChosenSubParsers):
            return dict(action.choices)
    raise AssertionError("no sub-commands")


ALL = sorted(_commands(build_parser()))


@pytest.mark.parametrize(("argv", "expected"), [
    (["search", "x"], "search"),
    (["--library", "/l", "ls"], "ls"),
    (["--library=/l", "--lang", "fr", "quotes", "--json"], "quotes"),
    (["--lib", "/l", "people"], "people"),
    (["--help", "search"], None),
    (["--version"], None),
    (["-h"], None),
    ([], None),
    (["--library", "/l"], None),
    (["--bogus", "ls"], None),
])
def test_chosen_command(argv: list[str], expected: str | None) -> None:
    assert chosen_command(argv) == expected


def test_only_the_chosen_command_is_built() -> None:
    assert list(_commands(build_parser("search"))) == ["search"]
    assert len(ALL) > 20


@pytest.mark.parametrize("name", ALL)
def test_each_command_alone_helps_as_in_the_whole_parser(name: str) -> None:
    alone = _commands(build_parser(name))[name]
    whole = _commands(build_parser())[name]
    assert alone.format_help() == whole.format_help()
    assert alone.prog == whole.prog == f"lecteur {name}"


@pytest.mark.parametrize("argv", [
    ["search", "question", "--limit", "0", "--json"],
    ["--library", "/l", "ls", "--limit", "0"],
    ["--lang", "fr", "quotes", "--speaker", "Hugo"],
    ["people", "--json"],
    ["export", "--format", "json"],
    ["note", "3", "a note"],
    ["feeds", "add", "https://example.org/feed"],
    ["trash", "restore", "4"],
    ["views", "ls"],
])
def test_the_same_namespace(argv: list[str]) -> None:
    assert _parser_for(argv).parse_args(argv) == build_parser().parse_args(argv)


@pytest.mark.parametrize("argv", [
    ["search", "--limit", "x"],
    ["ls", "--bogus"],
    ["nosuch"],
    ["quotes", "extra", "words"],
])
def test_the_same_errors(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    said = []
    for parser in (_parser_for(argv), build_parser()):
        with pytest.raises(SystemExit) as leaving:
            parser.parse_args(argv)
        said.append((leaving.value.code, capsys.readouterr().err))
    assert said[0] == said[1]
    assert said[0][0] == 2
