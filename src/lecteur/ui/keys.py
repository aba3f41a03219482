"""Every key binding of the reader, declared once.

Each binding has an id (what the config file rebinds), default keys, the action it runs,
and the scope where it applies; its description comes from the catalogue (``key.<id>``).
The footer, the help screen, the command palette and docs/keys.md are all built from
`DECLARATIONS`, so they cannot disagree.

Scopes: ``app`` (everywhere), ``article`` (the current article, in the list and in the
reading view), ``list`` (moving in the list), ``reader`` (the reading view's own keys),
``document`` (moving in the text), ``sidebar``, ``search`` (the results), ``note`` (the
note editor), ``quotes`` (the Quotes view), ``highlights`` (the Highlights & notes view),
``people`` (the People view), ``select`` (a selection in the reading view, ``v``: they
answer only while there is one), ``card`` (an author's card), ``tags`` (every tag: show,
rename, delete), ``viewer`` (dialogs that are only read: help, links, welcome), ``help``
(scrolling the help), ``welcome`` and ``modal`` (closing any dialog), ``triage`` (items one
at a time: keep, dismiss, later, undo) and ``session`` (a reading session's pieces).

A rebinding in the config file whose key another binding already answers where both work
(`CONTEXTS`) is not applied: `keymap_problems` names it, and the reader says so at start.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Literal, NamedTuple

from textual.binding import Binding
from textual.dom import DOMNode
from textual.keys import format_key

from lecteur.ui import compat
from lecteur.ui.i18n import LANGUAGES, t

Scope = Literal["app", "article", "list", "reader", "document", "sidebar", "search", "note",
                "quotes", "highlights", "people", "select", "card", "tags", "viewer",
                "help", "welcome", "modal", "triage", "session"]
SCOPES: tuple[Scope, ...] = ("app", "article", "list", "reader", "document", "sidebar",
                             "search", "note", "quotes", "highlights", "people", "select",
                             "card", "tags", "viewer", "help", "welcome", "modal", "triage",
                             "session")


class KeyDecl(NamedTuple):  # a NamedTuple: created at start-up, ~5x cheaper than a dataclass
    """One binding: id, default keys (Textual names, comma-separated), action, scope."""

    id: str
    keys: str
    action: str
    scope: Scope
    show: bool = True
    priority: bool = False

    @property
    def description_key(self) -> str:
        """The catalogue key of this binding's description."""
        return f"key.{self.id}"


DECLARATIONS: tuple[KeyDecl, ...] = (
    KeyDecl("app.help", "question_mark", "app.help", "app"),
    KeyDecl("app.search", "slash", "app.search", "app"),
    KeyDecl("app.add_url", "u", "app.add_url", "app"),
    KeyDecl("app.palette", "ctrl+p", "app.command_palette", "app", show=False),
    KeyDecl("app.theme", "T", "app.toggle_theme", "app", show=False),
    KeyDecl("app.quotes", "Q", "app.quotes", "app", show=False),
    KeyDecl("app.people", "P", "app.people", "app", show=False),
    KeyDecl("app.highlights", "H", "app.highlights", "app", show=False),
    KeyDecl("app.tags", "number_sign", "app.all_tags", "app", show=False),
    KeyDecl("app.triage", "R", "app.triage", "app", show=False),
    KeyDecl("app.session", "M", "app.reading_session", "app", show=False),
    KeyDecl("app.quit", "q", "app.quit", "app"),
    KeyDecl("app.refresh_feeds", "r", "app.refresh_feeds", "app", show=False),
    KeyDecl("list.down", "j,down", "cursor_down", "list", show=False),
    KeyDecl("list.up", "k,up", "cursor_up", "list", show=False),
    KeyDecl("list.top", "g,home", "cursor_top", "list", show=False),
    KeyDecl("list.bottom", "G,end", "cursor_bottom", "list", show=False),
    KeyDecl("list.page_down", "pagedown,ctrl+d,space", "page_down", "list", show=False),
    KeyDecl("list.page_up", "pageup,ctrl+u", "page_up", "list", show=False),
    KeyDecl("list.open", "enter", "open", "list"),
    KeyDecl("list.sidebar", "tab", "app.focus_next", "list"),
    KeyDecl("list.sort", "S", "toggle_sort", "list", show=False),
    KeyDecl("list.all_read", "A", "screen.mark_view_read", "list", show=False),
    KeyDecl("article.save", "s", "toggle_saved", "article"),
    KeyDecl("article.star", "f", "toggle_starred", "article"),
    KeyDecl("article.archive", "a", "toggle_archived", "article"),
    KeyDecl("article.tags", "t", "tags", "article"),
    KeyDecl("article.note", "w", "note", "article"),
    KeyDecl("article.trash", "d,x", "trash", "article"),
    KeyDecl("article.undo", "z", "undo", "article", show=False),  # the trash's toast says z
    KeyDecl("article.read", "m", "toggle_read", "article", show=False),
    KeyDecl("article.open_original", "o", "open_original", "article", show=False),
    KeyDecl("article.copy_url", "y", "copy_url", "article", show=False),
    KeyDecl("article.export", "e", "export", "article", show=False),
    KeyDecl("article.next_unread", "n", "next_unread", "article", show=False),
    KeyDecl("article.previous_unread", "N", "previous_unread", "article", show=False),
    KeyDecl("reader.back", "escape,q", "back", "reader"),
    KeyDecl("reader.previous", "left_square_bracket", "previous", "reader"),
    KeyDecl("reader.next", "right_square_bracket", "next", "reader"),
    KeyDecl("reader.highlight", "h", "highlight", "reader"),
    KeyDecl("reader.links", "l", "links", "reader"),
    KeyDecl("reader.card", "i", "fold_card", "reader"),
    KeyDecl("reader.select", "v", "select", "reader"),
    KeyDecl("document.down", "j,down", "block_down", "document", show=False),
    KeyDecl("document.up", "k,up", "block_up", "document", show=False),
    KeyDecl("document.top", "g,home", "block_top", "document", show=False),
    KeyDecl("document.bottom", "G,end", "block_bottom", "document", show=False),
    KeyDecl("document.page_down", "space,pagedown,ctrl+d", "page_down", "document", show=False),
    KeyDecl("document.page_up", "b,pageup,ctrl+u", "page_up", "document", show=False),
    KeyDecl("sidebar.down", "j", "cursor_down", "sidebar", show=False),
    KeyDecl("sidebar.up", "k", "cursor_up", "sidebar", show=False),
    KeyDecl("sidebar.list", "tab", "app.focus_previous", "sidebar"),
    KeyDecl("search.down", "down", "result_down", "search", show=False),
    KeyDecl("search.up", "up", "result_up", "search", show=False),
    KeyDecl("search.open", "enter", "open_result", "search"),
    KeyDecl("search.scope", "tab", "toggle_scope", "search"),
    KeyDecl("search.save_view", "ctrl+s", "save_view", "search"),
    KeyDecl("note.save", "ctrl+s", "save", "note", priority=True),
    KeyDecl("quotes.filter", "slash", "filter", "quotes"),
    KeyDecl("quotes.open", "enter", "open_quote", "quotes"),
    KeyDecl("quotes.keep", "s", "keep", "quotes"),
    KeyDecl("quotes.note", "w", "note", "quotes"),
    KeyDecl("quotes.back", "escape,q", "back", "quotes"),
    KeyDecl("quotes.down", "j", "cursor_down", "quotes", show=False),
    KeyDecl("quotes.up", "k", "cursor_up", "quotes", show=False),
    KeyDecl("quotes.kept", "K", "kept_only", "quotes"),
    KeyDecl("quotes.card", "C", "card", "quotes"),
    KeyDecl("highlights.filter", "slash", "filter", "highlights"),
    KeyDecl("highlights.open", "enter", "open_entry", "highlights"),
    KeyDecl("highlights.note", "w", "note", "highlights"),
    KeyDecl("highlights.back", "escape,q", "back", "highlights"),
    KeyDecl("highlights.card", "C", "card", "highlights"),
    KeyDecl("highlights.down", "j", "cursor_down", "highlights", show=False),
    KeyDecl("highlights.up", "k", "cursor_up", "highlights", show=False),
    KeyDecl("people.open", "enter", "open_person", "people"),
    KeyDecl("people.back", "escape,q", "back", "people"),
    KeyDecl("people.down", "j", "cursor_down", "people", show=False),
    KeyDecl("people.up", "k", "cursor_up", "people", show=False),
    KeyDecl("people.first", "home,g", "people_first", "people", show=False),
    KeyDecl("people.last", "end,G", "people_last", "people", show=False),
    KeyDecl("select.done", "enter", "select_done", "select"),
    KeyDecl("select.cancel", "escape", "select_cancel", "select"),
    KeyDecl("select.more_words", "right", "select_words(1)", "select"),
    KeyDecl("select.fewer_words", "left", "select_words(-1)", "select"),
    KeyDecl("select.more_sentences", "right_parenthesis,shift+right", "select_sentences(1)",
            "select"),
    KeyDecl("select.fewer_sentences", "left_parenthesis,shift+left", "select_sentences(-1)",
            "select"),
    KeyDecl("select.next_highlight", "tab", "select_highlight", "select"),
    KeyDecl("select.later_start", "right_curly_bracket", "select_start(1)", "select"),
    KeyDecl("select.earlier_start", "left_curly_bracket", "select_start(-1)", "select",
            show=False),
    KeyDecl("card.open", "enter", "open_piece", "card"),
    KeyDecl("card.back", "q", "close", "card", show=False),
    KeyDecl("tags.open", "enter", "show_tag", "tags"),
    KeyDecl("tags.rename", "e,f2", "rename_tag", "tags"),
    KeyDecl("tags.delete", "delete", "delete_tag", "tags"),
    KeyDecl("tags.down", "j", "cursor_down", "tags", show=False),
    KeyDecl("tags.up", "k", "cursor_up", "tags", show=False),
    KeyDecl("viewer.close", "q,question_mark", "close", "viewer", show=False),
    KeyDecl("help.down", "j,down", "scroll_down", "help", show=False),
    KeyDecl("help.up", "k,up", "scroll_up", "help", show=False),
    KeyDecl("help.page_down", "space,pagedown", "page_down", "help", show=False),
    KeyDecl("help.page_up", "b,pageup", "page_up", "help", show=False),
    KeyDecl("welcome.close", "enter", "close", "welcome"),
    KeyDecl("welcome.starter", "f", "follow_starter", "welcome"),
    KeyDecl("triage.keep", "s", "keep", "triage"),
    KeyDecl("triage.dismiss", "x", "dismiss_item", "triage"),
    KeyDecl("triage.later", "l", "later", "triage"),
    KeyDecl("triage.undo", "u", "undo", "triage"),
    KeyDecl("triage.open", "enter", "open", "triage"),
    KeyDecl("triage.back", "escape,q", "back", "triage"),
    KeyDecl("session.open", "enter", "open_piece", "session"),
    KeyDecl("session.down", "j", "cursor_down", "session", show=False),
    KeyDecl("session.up", "k", "cursor_up", "session", show=False),
    KeyDecl("session.end", "escape,q", "end", "session"),
    KeyDecl("modal.close", "escape", "close", "modal", priority=True),
)
BY_ID: dict[str, KeyDecl] = {decl.id: decl for decl in DECLARATIONS}


def declarations(scope: Scope) -> tuple[KeyDecl, ...]:
    """The bindings of one scope, in declaration order."""
    return tuple(decl for decl in DECLARATIONS if decl.scope == scope)


def bindings_for(scope: Scope) -> list[Binding]:
    """Textual bindings for a scope, described in the current language."""
    return list(Binding.make_bindings(
        Binding(decl.keys, decl.action, t(decl.description_key), show=decl.show, id=decl.id,
                priority=decl.priority)
        for decl in declarations(scope)
    ))


def install(node: DOMNode, *scopes: Scope) -> None:
    """Add the bindings of `scopes` to a widget, screen or app (call from ``__init__``).

    Bindings are built per instance rather than in ``BINDINGS`` because their descriptions
    depend on the language chosen at start-up. A declared key replaces what the widget's
    class bound to it (ScrollView's own "down", say), so the declarations are the truth.
    """
    installed: set[str] = set()
    table = compat.binding_table(node)
    for scope in scopes:
        for binding in bindings_for(scope):
            if binding.key not in installed:
                table[binding.key] = []
                installed.add(binding.key)
            table[binding.key].append(binding)


def display_keys(keys: str) -> str:
    """Keys as a person reads them: ``question_mark,slash`` -> ``?, /``."""
    return ", ".join(display_key(key) for key in keys.split(","))


def display_key(key: str) -> str:
    """One key as a person reads it: ``ctrl+p`` -> ``ctrl+p``, ``left_square_bracket`` -> ``[``."""
    *modifiers, name = key.strip().split("+")
    return "+".join([*modifiers, format_key(name)])


# The scopes whose bindings answer keys at the same time (one screen, one focus).
CONTEXTS: tuple[frozenset[Scope], ...] = tuple(frozenset(group) for group in (
    ("app", "article", "list"), ("app", "article", "sidebar"),
    ("app", "article", "reader", "document", "select"), ("app", "search"), ("app", "quotes"),
    ("app", "highlights"), ("app", "people"), ("modal", "card"), ("modal", "tags"),
    ("modal", "viewer", "help"),
    ("modal", "note"), ("modal", "viewer", "welcome"), ("triage",), ("app", "session")))


def keymap_problems(keymap: Mapping[str, str]) -> list[str]:
    """The ids in a user keymap that name no binding (reported, then ignored)."""
    return sorted(binding_id for binding_id in keymap if binding_id not in BY_ID)


def keymap_collisions(keymap: Mapping[str, str]) -> dict[str, tuple[str, str]]:
    """Rebindings that take a key another binding answers where both work.

    ``{binding id: (key, the other binding's id)}``; such a rebinding is not applied (it
    would silently shadow the other one, or be shadowed). A key the binding has by
    default is never a collision: the defaults are designed together.
    """
    wanted = {binding_id: _key_set(keys) for binding_id, keys in keymap.items()
              if binding_id in BY_ID}
    effective = {decl.id: wanted.get(decl.id, _key_set(decl.keys)) for decl in DECLARATIONS}
    found: dict[str, tuple[str, str]] = {}
    for binding_id, keys in wanted.items():
        decl = BY_ID[binding_id]
        for key in sorted(keys - _key_set(decl.keys)):
            other = next((other.id for other in DECLARATIONS if other.id != binding_id
                          and key in effective[other.id] and _together(decl, other)), None)
            if other is not None:
                found[binding_id] = (key, other)
                break
    return found


def _key_set(keys: str) -> set[str]:
    return {key.strip() for key in keys.split(",") if key.strip()}


def _together(one: KeyDecl, other: KeyDecl) -> bool:
    """Whether two bindings can answer the same key press (they share a context)."""
    return any(one.scope in context and other.scope in context for context in CONTEXTS)


def keys_markdown() -> str:
    """docs/keys.md: every binding, by scope, in English and French (a test keeps it true)."""
    lines = [
        "# Keys",
        "",
        "Generated from `lecteur.ui.keys.DECLARATIONS` (a test checks this file against it).",
        "Every binding can be changed in the config file (`lecteur dirs` shows where it is),",
        "under `[keys]`, by its id: for example `\"article.star\" = \"f,asterisk\"`. Keys use",
        "Textual's names (`question_mark`, `left_square_bracket`, `ctrl+p`, ...); several keys",
        "are separated by commas. A rebinding onto a key that another binding answers in the",
        "same place (`f` for `article.save`, say) is not applied, and the reader says so when",
        "it starts. The help (`?`) shows each binding's id after its keys.",
        "",
    ]
    for scope in SCOPES:
        lines += [f"## {LANGUAGES['en'][f'scope.{scope}']}", "",
                  "| id | keys | does | en français |", "|---|---|---|---|"]
        lines += [_row(decl) for decl in declarations(scope)]
        lines.append("")
    return "\n".join(lines)


def _row(decl: KeyDecl) -> str:
    keys = ", ".join(f"`{display_key(k)}`" for k in decl.keys.split(","))
    english = LANGUAGES["en"][decl.description_key]
    french = LANGUAGES["fr"][decl.description_key]
    return f"| `{decl.id}` | {keys} | {english} | {french} |"


def ids(decls: Iterable[KeyDecl]) -> list[str]:
    """The ids of some declarations (handy in tests and the palette)."""
    return [decl.id for decl in decls]
