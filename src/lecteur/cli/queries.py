"""``lecteur views ...`` and ``lecteur rules ...``: saved views and rules from the shell.

A saved view is a name for a query (``lecteur views add jobs tag:emploi is:unread``); the
reader lists it in its sidebar and ``lecteur ls --view jobs`` prints it. A rule is
``QUERY -> ACTION``, run on every new article (``lecteur add``, a feed refresh);
``rules test`` (``--dry-run``) says what each would do to the library as it is, without
writing, and ``rules apply`` does it (``apply --dry-run`` is ``test``).
"""

from __future__ import annotations

import argparse
from typing import Any

from lecteur.cli import EXIT_OK
from lecteur.cli.arguments import article_id
from lecteur.cli.commands import (
    CommandError,
    back_up_if_due,
    open_library,
    reading,
    say_line,
    write_json,
)
from lecteur.core.catalogue import say
from lecteur.core.errors import InvalidInputError
from lecteur.core.library.rules import Outcome
from lecteur.core.text.sanitize import clean_line

SHOWN_IDS = 10  # ids listed after a rule's count (the rest: "...")


def declare(commands: Any) -> None:
    """Add ``views`` and ``rules`` to the parser's sub-commands."""
    views = commands.add_parser("views", help=say("cli.help.views"))
    actions = views.add_subparsers(dest="views_command", metavar="ACTION")
    add = actions.add_parser("add", help=say("cli.help.views_add"))
    add.add_argument("name", metavar="NAME", help=say("cli.help.view_name"))
    add.add_argument("query", nargs="+", metavar="QUERY", help=say("cli.help.view_query"))
    ls = actions.add_parser("ls", help=say("cli.help.views_ls"))
    ls.add_argument("--json", action="store_true", help=say("cli.help.json"))
    rm = actions.add_parser("rm", help=say("cli.help.views_rm"))
    rm.add_argument("name", metavar="NAME", help=say("cli.help.view_name"))

    rules = commands.add_parser("rules", help=say("cli.help.rules"))
    actions = rules.add_subparsers(dest="rules_command", metavar="ACTION")
    add = actions.add_parser("add", help=say("cli.help.rules_add"))
    add.add_argument("rule", nargs="+", metavar="RULE", help=say("cli.help.rule"))
    ls = actions.add_parser("ls", help=say("cli.help.rules_ls"))
    ls.add_argument("--json", action="store_true", help=say("cli.help.json"))
    rm = actions.add_parser("rm", help=say("cli.help.rules_rm"))
    rm.add_argument("id", type=article_id, metavar="N", help=say("cli.help.rule_id"))
    for name in ("test", "apply"):
        run = actions.add_parser(name, help=say(f"cli.help.rules_{name}"))
        run.add_argument("ids", nargs="*", type=article_id, metavar="N",
                         help=say("cli.help.rule_ids"))
        run.add_argument("--dry-run", action="store_true", help=say("cli.help.dry_run"))


def _sentence(call: Any, *args: Any) -> Any:
    """Run a library call, its `InvalidInputError` becoming the command's one sentence."""
    try:
        return call(*args)
    except InvalidInputError as error:
        raise CommandError(str(error)) from None


def cmd_views(args: argparse.Namespace) -> int:
    """Add, list or remove saved views."""
    action = args.views_command or "ls"
    if action == "add":
        with open_library(args) as library:
            view = _sentence(library.saved_views.add, args.name, " ".join(args.query))
            back_up_if_due(library)
        say_line(say("views.added", name=view.name, query=view.query))
        return EXIT_OK
    if action == "rm":
        with open_library(args) as library:
            if not library.saved_views.remove(args.name):
                raise CommandError(say("views.none", name=clean_line(args.name)))
        say_line(say("views.removed", name=clean_line(args.name)))
        return EXIT_OK
    with reading(args) as library:
        views = library.saved_views.all()
    if getattr(args, "json", False):
        write_json([view._asdict() for view in views])
        return EXIT_OK
    if not views:
        say_line(say("views.nothing"))
    for view in views:
        print(f"{clean_line(view.name)}\t{clean_line(view.query)}")
    return EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    """Add, list, remove, test or apply rules."""
    action = args.rules_command or "ls"
    if action == "add":
        with open_library(args) as library:
            rule = _sentence(library.rules.add, " ".join(args.rule))
            back_up_if_due(library)
        say_line(say("rules.added", id=rule.id, rule=rule.text))
        return EXIT_OK
    if action == "rm":
        with open_library(args) as library:
            if not library.rules.remove(args.id):
                raise CommandError(say("rules.none", id=args.id))
        say_line(say("rules.removed", id=args.id))
        return EXIT_OK
    if action in ("test", "apply"):
        return _run_rules(args, write=action == "apply" and not args.dry_run)
    with reading(args) as library:
        rules = library.rules.all()
    if getattr(args, "json", False):
        write_json([{**rule._asdict(), "rule": rule.text} for rule in rules])
        return EXIT_OK
    if not rules:
        say_line(say("rules.nothing"))
    for rule in rules:
        print(f"{rule.id}\t{clean_line(rule.text)}")
    return EXIT_OK


def _run_rules(args: argparse.Namespace, *, write: bool) -> int:
    """What each rule would do (or did): a count, the first ids and their titles."""
    opener = open_library if write else reading
    with opener(args) as library:
        outcomes = _sentence(library.rules.apply if write else library.rules.preview, args.ids)
        titles = {row.id: row.title for outcome in outcomes for article in
                  outcome.ids[:SHOWN_IDS] if (row := library.views.row(article)) is not None}
        if write:
            back_up_if_due(library)
    if not outcomes:
        say_line(say("rules.nothing"))
    for outcome in outcomes:
        _say_outcome(outcome, titles, write)
    return EXIT_OK


def _say_outcome(outcome: Outcome, titles: dict[int, str], write: bool) -> None:
    rule = outcome.rule
    if outcome.problem is not None:
        say_line(say("rules.cannot", id=rule.id, rule=rule.text, reason=outcome.problem))
        return
    key = "rules.did" if write else "rules.would"
    say_line(say(key, id=rule.id, rule=rule.text, count=len(outcome.ids)))
    for article in outcome.ids[:SHOWN_IDS]:
        print(f"  #{article}  {clean_line(titles.get(article, ''))}")
    if len(outcome.ids) > SHOWN_IDS:
        print("  …")
