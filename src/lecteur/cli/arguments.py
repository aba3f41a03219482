"""The command line's parser: errors in one line, in the language in force, and its types.

argparse prints a wrong command line as a usage block and a message; lecteur says it in
one line that starts with ``lecteur:``, names the command and ends with its usage::

    lecteur: ls: argument -n/--limit: invalid int value: 'x' (usage: lecteur ls [-h] [-n N]
    [--json])

(on one line).

argparse's own messages are English; the few a reader meets are put into the catalogue's
words (French with ``--lang fr``). Whole numbers are checked here, so that an id too large
for the library (``lecteur show 99999999999999999999999``) is a usage error, not a crash.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from typing import Any, NoReturn

from lecteur.core.catalogue import say
from lecteur.core.text.sanitize import clean_line

LARGEST = 2**63 - 1  # SQLite's integers: anything larger cannot name an article
EXIT_USAGE = 2

# argparse's messages (Python 3.11) and the catalogue key that says each.
_ARGPARSE_MESSAGES = (
    (re.compile(r"argument (?P<name>[^:]+): (?P<message>.*)", re.S), "cli.args.argument"),
    (re.compile(r"invalid int value: (?P<value>.*)"), "cli.args.invalid_int_raw"),
    (re.compile(r"invalid choice: (?P<value>.*) \(choose from (?P<choices>.*)\)"),
     "cli.args.invalid_choice"),
    (re.compile(r"the following arguments are required: (?P<names>.*)"), "cli.args.required"),
    (re.compile(r"unrecognized arguments: (?P<names>.*)"), "cli.args.unrecognized"),
    (re.compile(r"expected one argument"), "cli.args.expected_one"),
)


def translate(message: str) -> str:
    """argparse's English `message` in the catalogue's words (unknown ones stay as they are)."""
    for pattern, key in _ARGPARSE_MESSAGES:
        match = pattern.fullmatch(message)
        if match is None:
            continue
        values = match.groupdict()
        if key == "cli.args.argument":
            values["message"] = translate(values["message"])
        if key == "cli.args.invalid_int_raw":
            return say("cli.args.invalid_int", value=values["value"].strip("'"))
        return say(key, **values)
    return message


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout, with "usage:" in the language in force."""

    def add_usage(self, usage: str | None, actions: Any, groups: Any,
                  prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups,
                          say("cli.help.usage_prefix") if prefix is None else prefix)


class LecteurParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line naming the command's usage, and whose
    help is in the language in force (argparse's own headings included)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.update(add_help=False, formatter_class=_Formatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = say("cli.help.positionals")
        self._optionals.title = say("cli.help.options")
        self.add_argument("-h", "--help", action="help", help=say("cli.help.help"))

    def error(self, message: str) -> NoReturn:
        """Say what is wrong in one line on stderr and exit with status 2."""
        formatter = self._get_formatter()
        formatter.add_usage(self.usage, self._actions, self._mutually_exclusive_groups, "")
        usage = " ".join(formatter.format_help().split())
        command = self.prog.split()[-1] if " " in self.prog else None
        text = say("cli.usage", message=translate(message), usage=usage)
        line = clean_line(f"{command}: {text}" if command else text)
        self.exit(EXIT_USAGE, f"lecteur: {line}\n")

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: Any = None
    ) -> argparse.Namespace:
        """As argparse does, but a word left over is blamed on the command it follows."""
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            owner = self._command_parser(parsed) or self
            owner.error(f"unrecognized arguments: {' '.join(extras)}")
        assert isinstance(parsed, argparse.Namespace)
        return parsed

    def _command_parser(self, parsed: argparse.Namespace) -> argparse.ArgumentParser | None:
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction):
                name = getattr(parsed, action.dest, None)
                return action.choices.get(name) if name else None
        return None


def _whole(text: str, smallest: int) -> int:
    """`text` as a whole number from `smallest` to `LARGEST`, or a usage error saying why."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(say("cli.args.invalid_int", value=text)) from None
    if value > LARGEST:
        raise argparse.ArgumentTypeError(say("cli.args.too_large", value=text, largest=LARGEST))
    if value < smallest:
        raise argparse.ArgumentTypeError(
            say("cli.args.too_small", value=text, smallest=smallest))
    return value


def article_id(text: str) -> int:
    """An article's id: a whole number from 1 to the largest SQLite integer."""
    return _whole(text, 1)


def feed_id(text: str) -> int:
    """A feed's id: a whole number from 1 to the largest SQLite integer, as an article's."""
    return _whole(text, 1)


def minutes(text: str) -> int:
    """A reading session's length: a whole number of minutes, from 1 to a day."""
    value = _whole(text, 1)
    if value > 24 * 60:
        raise argparse.ArgumentTypeError(say("cli.bad_minutes", value=text))
    return value


def count(text: str) -> int:
    """A limit: a whole number from 0 (0 means no limit) to the largest SQLite integer."""
    return _whole(text, 0)


def early_options(argv: Sequence[str]) -> tuple[str | None, str | None]:
    """``--lang`` and ``--library`` as given before the command, read before parsing.

    The language must be known before the parser is built (its help and its errors are
    said in it); this never fails: whatever it cannot read, the parser will refuse.
    """
    found: dict[str, str] = {}
    words = list(argv)
    index = 0
    while index < len(words):
        word = words[index]
        if not word.startswith("--"):
            break
        name, equals, value = word.partition("=")
        option = _option(name)
        if option is not None and not equals:
            value = words[index + 1] if index + 1 < len(words) else ""
            index += 1
        if option is not None:
            found[option] = value
        index += 1
    language = found.get("lang")
    return (language if language in ("en", "fr") else None), found.get("library") or None


def chosen_command(argv: Sequence[str]) -> str | None:
    """The command `argv` names, when only ``--lang`` and ``--library`` (with their
    values) come before it: then no other command's parser needs building (None: any other
    case, ``--help`` or ``--version`` among them, gets the whole parser)."""
    words = list(argv)
    index = 0
    while index < len(words) and words[index].startswith("--"):
        name, equals, _ = words[index].partition("=")
        if _option(name) is None:
            return None
        index += 1 if equals else 2
    return words[index] if index < len(words) and not words[index].startswith("-") else None


class ChosenSubParsers(argparse._SubParsersAction):  # type: ignore[type-arg]
    """Sub-commands of which only `chosen` is built (None: all of them).

    Building the parser of each of lecteur's forty sub-commands took about a quarter of
    ``lecteur search WORD``'s CPU (25-34 ms); a command line parses the same with only its
    own command's parser, whose help, usage and errors are what they were. The others'
    declarations go to `_Unbuilt`, which takes every call and keeps nothing.
    """

    chosen: str | None = None

    def add_parser(self, name: str, **kwargs: Any) -> Any:
        """The sub-command's parser, or a stand-in taking its declarations if not chosen."""
        if self.chosen is not None and name != self.chosen:
            return _UNBUILT
        return super().add_parser(name, **kwargs)


class _Unbuilt:
    """A parser, group or action not built: each method called on it returns it again."""

    def __getattr__(self, name: str) -> Any:
        return self._take

    def _take(self, *args: Any, **kwargs: Any) -> _Unbuilt:
        return self


_UNBUILT = _Unbuilt()


def _option(name: str) -> str | None:
    """``lang`` or ``library`` for `name` or an unambiguous prefix of it, as argparse allows."""
    for option in ("lang", "library"):
        if len(name) > 3 and f"--{option}".startswith(name):
            return option
    return None
