"""Helpers for the reader's tests: sample articles and small pilot routines."""

from __future__ import annotations

import functools

from lecteur.core.library.store import Library
from lecteur.core.models import Article, Author, Block


def article(n: int, title: str | None = None, url: str | None = None, **fields) -> Article:
    """A small article with a heading, paragraphs, a list and a quote with its speaker."""
    blocks = fields.pop("blocks", None) or (
        Block("paragraph", f"Premier paragraphe de l'article {n}, sur le réseautage."),
        Block("heading", "Ce qu'il faut retenir"),
        Block("quote", "Donner avant de recevoir, toujours.", speaker="Marie Tremblay"),
        Block("list", "Écouter\nNoter\nRelancer"),
        Block("paragraph", f"Dernier paragraphe {n}."),
    )
    return Article(
        source=f"test-{n}.html", title=title or f"Article {n}", blocks=blocks,
        url=url if url is not None else f"https://example.org/articles/{n}",
        author=Author("Jeanne Roy", bio="Journaliste.", email="jeanne@example.org",
                      links=("https://example.org/jeanne",)),
        sitename="Le Devoir", language="fr", date=f"2024-01-{n % 28 + 1:02d}",
        links=("https://example.org/source", "javascript:alert(1)"), **fields,
    )


def fill(library: Library, count: int) -> list[int]:
    """Add `count` articles; return their ids (the last one shows first)."""
    return [library.articles.add(article(n))[0] for n in range(1, count + 1)]


def screen_text(app) -> str:
    """Everything on the screen as plain text, line by line (for assertions)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip).rstrip() for strip in strips)


def toasts(app) -> list[str]:
    """The messages of the notifications currently shown."""
    return [notification.message for notification in app._notifications]


def covers(*binding_ids: str, answered_by_widget: tuple[str, ...] = ()):
    """Declare that a test exercises these bindings, and check that it does.

    Each id must be declared in `lecteur.ui.keys`. While the test runs, every action the
    app runs and handles is recorded with the node it ran on; the test fails unless each
    binding it names ran that way: its action, on a node that carries that binding. A
    binding listed in `answered_by_widget` too is one whose default key the focused widget
    answers with its own binding first (an Input's or a list's enter): for it, one of its
    keys must have run the widget's binding instead. test_ui_docs checks that every
    declared binding is named by some test.
    """
    from textual.app import App

    from lecteur.ui.keys import BY_ID

    unknown = sorted(set(binding_ids) - set(BY_ID))
    if unknown or not set(answered_by_widget) <= set(binding_ids):
        raise ValueError(f"no such binding, or not named: {unknown or answered_by_widget}")

    def bindings_on(node) -> list:
        table = getattr(getattr(node, "_bindings", None), "key_to_bindings", {})
        return [binding for bindings in table.values() for binding in bindings]

    def mark(test):
        @functools.wraps(test)
        def checked(*args, **kwargs):
            ran: list[tuple[object, str]] = []
            original = App.run_action

            async def recording(app, action, default_namespace=None, namespaces=None):
                handled = await original(app, action, default_namespace, namespaces)
                if handled and isinstance(action, str):
                    ran.append((app if default_namespace is None else default_namespace, action))
                return handled

            App.run_action = recording
            try:
                result = test(*args, **kwargs)
            finally:
                App.run_action = original

            def exercised(binding_id: str) -> bool:
                decl = BY_ID[binding_id]
                for node, action in ran:
                    for binding in bindings_on(node):
                        if binding_id in answered_by_widget:
                            if binding.key in decl.keys.split(",") and binding.action == action:
                                return True
                        elif binding.id == binding_id and binding.action == action:
                            return True
                return False

            missing = [binding_id for binding_id in binding_ids if not exercised(binding_id)]
            assert not missing, f"{test.__name__} never ran the binding(s) {missing} by a key"
            return result

        checked.binding_ids = binding_ids
        return checked

    return mark


def run_app(app, scenario, size: tuple[int, int] = (100, 30)) -> None:
    """Run `scenario(app, pilot)` inside a headless app of `size`, notifications on."""
    import asyncio

    async def main() -> None:
        async with app.run_test(size=size, notifications=True) as pilot:
            await pilot.pause()
            await scenario(app, pilot)

    asyncio.run(main())


async def settle(app, pilot, timeout: float = 10.0) -> None:
    """Wait until every write the reader asked for has landed and been shown."""
    import asyncio
    import time

    deadline = time.monotonic() + timeout
    while app.writer.pending and time.monotonic() < deadline:
        await asyncio.sleep(0.01)
    await pilot.pause()
    assert not app.writer.pending, "the reader's writes did not land in time"


async def wait_until(pilot, predicate, timeout: float = 10.0) -> None:
    """Let the app run until `predicate()` is true (a worker's result has been shown)."""
    import asyncio
    import time

    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "the app did not get there in time"
        await asyncio.sleep(0.02)
    await pilot.pause()
