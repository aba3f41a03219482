"""Importing other services' exports into the library, item by item, saying what became
of each (``lecteur import FILE``; the file is read by `lecteur.core.io.imports`).

Each item is triaged in the calling thread (refused, already there, or to read), then
read in threads like ``lecteur add`` (`lecteur.core.service.read_one`: the same fetch
limits and deadlines, extraction in the killable worker pool), or, when the export holds
the page (wallabag, Omnivore), extracted from it without fetching. Results are stored in
the calling thread (a `Library` belongs to one thread), in the export's order, a bounded
window of items in flight, so a 50,000-link export never holds 50,000 pages.

An item that cannot be fetched (offline, a dead site) is kept as a link: an article with
its title whose body says it was not fetched yet and why, marked pending
(`lecteur.core.library.imported`); the same import run again, or ``lecteur add URL``,
fetches it and replaces that body. States carry over (archived, starred, tags, the date
it was saved); highlights are anchored by their text (`lecteur.core.text.anchors`), and one
whose passage is not in the text is kept as a note quoting it. Importing twice adds
nothing twice: the export's address of every item is remembered.
"""

from __future__ import annotations

import contextlib
import html
import os
import sys
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from lecteur.core.catalogue import say
from lecteur.core.errors import ExtractError, FetchError, InvalidInputError, LecteurError
from lecteur.core.models import Article, Block, Job
from lecteur.core.text.sanitize import clean_line

if TYPE_CHECKING:
    from lecteur.core.io.imports.items import Item, Passage
    from lecteur.core.library.imported import Known
    from lecteur.core.library.store import Library
    from lecteur.core.workers.pool import ExtractorPool

Status = Literal["added", "present", "filled", "link", "failed", "skipped"]
STATUSES: tuple[Status, ...] = ("added", "present", "filled", "link", "failed", "skipped")
THREADS = 8
WINDOW = 32  # items read ahead of the one being stored
BATCH_ITEMS = 200  # items stored in one transaction, at most
BATCH_SECONDS = 0.5  # how long a transaction stays open, at most (the reader may write)


@dataclass(frozen=True)
class Report:
    """What became of one item of the export (`number`: its place in it, from 1)."""

    number: int
    status: Status
    url: str
    title: str
    article_id: int | None = None
    reason: str | None = None
    highlights: int = 0
    notes: int = 0

    def to_dict(self) -> dict[str, object]:
        """The JSON shape of a report (``lecteur import --json``)."""
        return {"item": self.number, "status": self.status, "id": self.article_id,
                "url": self.url, "title": self.title, "reason": self.reason,
                "highlights": self.highlights, "notes": self.notes}


@dataclass(frozen=True)
class _Read:
    """An item read in a thread: its article, or why it is kept as a link."""

    article: Article | None = None
    reason: str | None = None


def checked_url(raw: str) -> str:
    """An export's address, if lecteur may fetch it; raises `FetchError` saying why not.

    Only http(s) addresses are ever read (a ``file:`` or ``javascript:`` bookmark is
    refused); an address with white space inside is malformed (an export never writes one).
    """
    from lecteur.core.net.fetch import check_url

    url = check_url(raw)
    if any(char.isspace() for char in url):
        raise FetchError("fetch.malformed", raw=raw)
    return url


def import_items(library: Library, items: Iterator[Item], *, offline: bool = False,
                 pool: ExtractorPool | None = None,
                 threads: int = THREADS) -> Iterator[Report]:
    """Import every item, yielding one `Report` per item, in the export's order."""
    from lecteur.core.workers.pool import pool_and_threads

    with pool_and_threads(pool, os.cpu_count() or 1, threads,
                          "lecteur-import") as (running, executor):
        yield from _pipeline(library, items, offline, running, executor)


_Waiting = tuple[int, "Item", "Known | None", "Future[_Read] | Report"]


class _Batch:
    """Items stored in one transaction (`Database.batch`), their reports said once it is
    committed: never while a fetch is awaited, at most `BATCH_ITEMS` or `BATCH_SECONDS`."""

    def __init__(self, library: Library) -> None:
        self._library = library
        self._stack: contextlib.ExitStack | None = None
        self._reports: list[Report] = []
        self._since = 0.0

    def open(self) -> None:
        """Start the batch's transaction, unless one is open."""
        if self._stack is None:
            stack = contextlib.ExitStack()
            stack.enter_context(self._library.db.batch())
            self._stack, self._since = stack, time.monotonic()

    def add(self, report: Report) -> None:
        """A report to say once the batch is committed."""
        self._reports.append(report)

    def due(self) -> bool:
        """Whether the batch is large or old enough to commit."""
        return (len(self._reports) >= BATCH_ITEMS
                or time.monotonic() - self._since >= BATCH_SECONDS)

    def commit(self) -> list[Report]:
        """Commit, and hand over the reports of what is now stored."""
        stack, self._stack = self._stack, None
        if stack is not None:
            stack.close()
        reports, self._reports = self._reports, []
        return reports

    def undo(self) -> None:
        """Roll the batch back (a failure the items could not absorb, or Ctrl+C)."""
        stack, self._stack = self._stack, None
        if stack is not None:
            stack.__exit__(*sys.exc_info())
        self._reports = []


def pending_items(library: Library) -> Iterator[Item]:
    """The links earlier imports kept as links, as items to import again (``import
    --pending``): each is found as already there and still a link, and fetched."""
    from lecteur.core.io.imports.items import Item

    for url, title in library.imports.pending_links():
        yield Item(url=url, title=title)


def _pipeline(library: Library, items: Iterator[Item], offline: bool, pool: ExtractorPool,
              executor: ThreadPoolExecutor) -> Iterator[Report]:
    """Triage each item, read those to read `WINDOW` ahead, store them in order, in
    batches (see `_Batch`); every report comes after its item is committed."""
    window: deque[_Waiting] = deque()
    seen: dict[str, int] = {}
    batch = _Batch(library)
    try:
        for number, item in enumerate(items, 1):
            batch.open()
            triaged = _triage(library, number, item, seen, offline)
            if isinstance(triaged, Report):
                window.append((number, item, None, triaged))
            else:
                window.append((number, item, triaged[0],
                               executor.submit(_read, item, triaged[1], pool, offline)))
            while window and (len(window) >= WINDOW or _ready(window[0])):
                if not _ready(window[0]):  # about to wait on the network: commit first
                    yield from batch.commit()
                    batch.open()
                batch.add(_finish(library, *window.popleft()))
            if batch.due():
                yield from batch.commit()
        while window:
            if not _ready(window[0]):
                yield from batch.commit()
            batch.open()
            batch.add(_finish(library, *window.popleft()))
        yield from batch.commit()
    except BaseException:
        batch.undo()
        raise


def _ready(waiting: _Waiting) -> bool:
    """Whether an item can be stored without waiting for its reading."""
    work = waiting[3]
    return isinstance(work, Report) or work.done()


def _triage(library: Library, number: int, item: Item, seen: dict[str, int],
            offline: bool) -> Report | tuple[Known | None, str]:
    """A report for an item that needs no reading, else what is known of it and its URL."""
    from lecteur.core.text.urls import canonical_url

    title = item.title or item.url
    if item.problem:
        return Report(number, "failed", item.url, title, reason=item.problem)
    if item.skipped:
        return Report(number, "skipped", item.url, title, reason=item.skipped)
    if not item.url:
        return Report(number, "failed", "", title, reason=say("import.no_url"))
    try:
        url = checked_url(item.url)
    except FetchError as error:
        return Report(number, "failed", item.url, title, reason=str(error))
    key = canonical_url(url)
    if key in seen:
        return Report(number, "present", url, title,
                      reason=say("import.listed_twice", number=seen[key]))
    seen[key] = number
    known = library.imports.find(url)
    if known is not None and known.trashed:  # deleted by the reader: left where it is
        return Report(number, "present", url, title, known.article_id,
                      reason=say("import.in_trash"))
    if known is not None and (known.pending is None or (offline and item.html is None)):
        try:
            found = _settle(library, url, item, known.article_id, new=False,
                            pending=known.pending)
        except LecteurError as error:
            return Report(number, "failed", url, title, known.article_id, reason=str(error))
        reason = say("import.still_link", reason=known.pending) if known.pending else None
        return replace(found, number=number, status="present", reason=reason)
    return known, url


def _read(item: Item, url: str, pool: ExtractorPool, offline: bool) -> _Read:
    """In a thread: the item's article, from the export's page or fetched, or why not."""
    from lecteur.core.service import read_one

    if item.html is not None:
        title = html.escape(item.title)
        page = f"<html><head><title>{title}</title></head><body>{item.html}</body></html>"
        try:
            article = pool.extract(Job(kind="html", content=page, source=url, url=url))
            return _Read(replace(article, title=item.title or article.title))
        except ExtractError as error:
            if offline:
                return _Read(reason=str(error))
    if offline:
        return _Read(reason=say("import.offline"))
    outcome = read_one(url, pool)
    if outcome.article is None:
        return _Read(reason=outcome.error or say("cli.unknown_error"))
    article = outcome.article
    if item.title and (not article.title.strip() or article.title == article.url):
        article = replace(article, title=item.title)
    return _Read(article)


def _finish(library: Library, number: int, item: Item, known: Known | None,
            work: Future[_Read] | Report) -> Report:
    """Store one read item (or pass on its report); a storage failure is its report."""
    if isinstance(work, Report):
        return work
    url = checked_url(item.url)
    try:
        read = work.result()
    except LecteurError as error:
        read = _Read(reason=str(error))
    try:
        report = _store(library, url, item, known, read)
    except LecteurError as error:
        return Report(number, "failed", url, item.title or url, reason=str(error))
    return replace(report, number=number)


def _store(library: Library, url: str, item: Item, known: Known | None,
           read: _Read) -> Report:
    """Save the item's article (or its placeholder), then its states and annotations."""
    if read.article is None:
        reason = read.reason or say("import.offline")
        article_id, new = library.articles.add(placeholder(url, item.title, reason))
        done = _settle(library, url, item, article_id, new=new, pending=reason)
        return replace(done, status="link", reason=reason)
    article = read.article
    if known is not None:  # a link kept earlier, fetched now: it is filled in place
        from lecteur.core.library.articles import article_key

        other = library.imports.adopt(known.article_id, article_key(article))
        article_id, _ = library.articles.add(article)
        if other is not None:
            library.imports.merge(known.article_id, article_id)
            library.articles.remove(known.article_id)
        return replace(_settle(library, url, item, article_id, new=False), status="filled")
    article_id, new = library.articles.add(article)
    done = _settle(library, url, item, article_id, new=new)
    return done if new else replace(done, status="present")


def placeholder(url: str, title: str, reason: str) -> Article:
    """The article an item kept as a link is until it is fetched: its title, and a body
    that says it was not fetched yet, why, and how to fetch it."""
    body = say("import.placeholder", reason=clean_line(reason).rstrip("."), url=url)
    return Article(source=url, title=title or url, blocks=(Block("paragraph", body),), url=url)


def _settle(library: Library, url: str, item: Item, article_id: int, *, new: bool,
            pending: str | None = None) -> Report:
    """Carry the item's states, tags, note and highlights over to its article."""
    library.imports.record(url, article_id, added_at=item.added_at if new else None,
                           archived=item.archived, starred=item.starred, pending=pending)
    for name in item.tags:
        try:
            library.tags.add(article_id, name)
        except InvalidInputError:
            continue  # a tag with nothing visible in it
    notes = [n.text for n in library.notes.of(article_id, earlier=True)]
    added_notes = 0
    if item.note and item.note not in notes:
        library.notes.add(article_id, item.note)
        added_notes += 1
    highlights = 0
    for passage in item.passages:
        made = _highlight(library, article_id, passage, pending is None, notes)
        highlights += made == "highlight"
        added_notes += made == "note"
    stored = library.articles.get(article_id)
    title = stored.article.title if stored else item.title or url
    return Report(0, "added", url, title, article_id, highlights=highlights, notes=added_notes)


def passage_note(passage: Passage) -> str:
    """The note that keeps a highlight whose passage is not in the article's text."""
    quoted = "\n".join(f"> {line}" for line in passage.quote.split("\n"))
    return f"{quoted}\n\n{passage.note}".strip() if passage.quote else passage.note


def _highlight(library: Library, article_id: int, passage: Passage, has_text: bool,
               notes: list[str]) -> str | None:
    """Anchor one passage in the article (with its note), else keep it as a note; say
    which ("highlight", "note"), or None when the article already has it."""
    from lecteur.core.text.anchors import find_passage, text_digest

    stored = library.articles.get(article_id)
    fallback = passage_note(passage)
    anchor = None
    if stored is not None and has_text and passage.quote:
        blocks = [block.full_text for block in stored.article.blocks]
        anchor = find_passage(blocks, passage.quote)
    if anchor is None:
        if fallback in notes:
            return None
        library.notes.add(article_id, fallback)
        notes.append(fallback)
        return "note"
    assert stored is not None
    if any(h.text == anchor.exact for h in library.highlights.of(article_id)):
        return None
    highlight_id = library.highlights.add_passage(article_id, anchor,
                                                  text_digest(stored.article.text))
    if passage.note:
        library.notes.add(article_id, passage.note, anchor.block_index,
                          highlight_id=highlight_id)
    for note in library.notes.of(article_id):  # kept as a note while there was no text
        if note.text == fallback and note.highlight_id is None and note.block_index is None:
            library.notes.delete(note.id)
    return "highlight"
