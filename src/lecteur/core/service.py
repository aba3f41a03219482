"""From sources to articles: fetch in threads, extract in worker processes, in order.

Fetching waits on the network and extraction on the CPU, so sources are loaded by a few
threads while the extraction pool keeps every core busy; results come back in the order
the sources were given, each either an article or one plain sentence saying what failed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from lecteur.core.errors import ExtractError, SourceError
from lecteur.core.models import Article
from lecteur.core.net.sources import load
from lecteur.core.text.urls import without_credentials
from lecteur.core.workers.pool import ExtractorPool, pool_and_threads

FETCH_THREADS = 8


@dataclass(frozen=True)
class Outcome:
    """What became of one source: an article, or the sentence that says why not."""

    source: str
    article: Article | None = None
    error: str | None = None


def read_one(source: str, pool: ExtractorPool) -> Outcome:
    """Load and extract one source; never raises for a bad source."""
    shown = without_credentials(source)  # a password typed in a URL is never shown
    try:
        return Outcome(shown, article=pool.extract(load(source)))
    except (SourceError, ExtractError) as error:
        return Outcome(shown, error=str(error))


def read_sources(sources: Iterable[str], pool: ExtractorPool | None = None) -> Iterator[Outcome]:
    """Read every source, yielding outcomes in input order as soon as each is ready."""
    sources = list(sources)
    size = pool.size if pool else min(len(sources), os.cpu_count() or 1)
    threads = max(1, min(len(sources), max(FETCH_THREADS, size)))
    with pool_and_threads(pool, size, threads, "lecteur-read") as (running, executor):
        yield from executor.map(lambda source: read_one(source, running), sources)
