"""Helpers for the reader's tests: sample articles and small pilot routines."""

from __future__ import annotations

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


def covers(*binding_ids: str):
    """Mark a test as the one exercising these bindings (test_ui_docs checks all are)."""

    def mark(test):
        return test

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
