"""The command palette (ctrl+p): every declared action available where it was opened.

Built from `lecteur.ui.keys.DECLARATIONS`, like the help screen, the key bar and
docs/keys.md, with each command's current keys and where it works; plus the theme chooser.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.screen import Screen
from textual.widget import Widget

from lecteur.ui import compat, keys
from lecteur.ui.i18n import t

if TYPE_CHECKING:
    from lecteur.ui.app import LecteurApp


def palette_commands(app: LecteurApp, screen: Screen[object]) -> Iterable[SystemCommand]:
    """The commands for `screen`: those of its scopes (``SCOPES``) that have a target."""
    scopes = getattr(screen, "SCOPES", ("app",))
    keymap = compat.keymap(app)
    for decl in keys.DECLARATIONS:
        if decl.scope not in scopes or decl.id == "app.palette":
            continue
        target = action_target(app, screen, decl.scope)
        if target is None:
            continue
        shown = keys.display_keys(keymap.get(decl.id, decl.keys))
        yield SystemCommand(t(decl.description_key), f"{shown} · {t(f'scope.{decl.scope}')}",
                            partial(_run, app, decl.action, target))
    yield SystemCommand(t("palette.theme"), t("palette.theme_help"), app.action_change_theme)


def action_target(app: LecteurApp, screen: Screen[object], scope: str) -> object:
    """Where a declared action runs: the app, the screen, or one of its widgets."""
    from lecteur.ui.widgets.article_list import ArticleList
    from lecteur.ui.widgets.article_view import ArticleView
    from lecteur.ui.widgets.sidebar import Sidebar

    widgets: dict[str, type[Widget]] = {
        "list": ArticleList, "document": ArticleView, "sidebar": Sidebar}
    if scope == "app":
        return app
    if scope in widgets:
        found = list(screen.query(widgets[scope]))
        return found[0] if found else None
    return screen


async def _run(app: LecteurApp, action: str, target: object) -> None:
    await app.run_action(action.removeprefix("app."), target)  # type: ignore[arg-type]
