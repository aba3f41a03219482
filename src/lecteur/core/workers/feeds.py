"""Reading a feed document inside a worker: parse the bytes, clean every field.

Runs in the extraction pool's killable, memory-capped processes (see `pool`), so a feed
that makes the parser run away (a regular expression on a 64 KB author, a deep document)
is stopped by the pool's time limit instead of freezing a refresh. What storing an item
derives from it alone is computed here too, off the storing thread: its prepared values
and, given the topic profile's text in the job, its scan for relevance.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from lecteur.core.extract.feed_text import feed_blocks
from lecteur.core.models import Block, FeedItem, FeedJob, ParsedFeed
from lecteur.core.net.feeds import RawEntry, parse_feed
from lecteur.core.text.prepared import body_blocks, prepare
from lecteur.core.text.sanitize import clean_line

if TYPE_CHECKING:
    from lecteur.core.curate.profile import Profile

MAX_ITEMS = 1000  # a feed of 10,000 entries keeps its newest thousand
MAX_LINE = 1000
_PROFILES: dict[str, Profile] = {}  # this worker's profiles by text, parsed once each
_MOST_PROFILES = 4


def read_feed(job: FeedJob) -> ParsedFeed:
    """The parsed, cleaned feed of a job; raises FeedError when it holds no feed."""
    raw = parse_feed(job.source, job.body, job.content_type)
    profile = _profile(job.topics) if job.topics else None
    scoring = _scoring(profile, job.learned) if profile is not None else None
    items = []
    for entry in _newest(raw.entries, MAX_ITEMS):
        blocks = feed_blocks(entry.html)
        title = (_line(entry.title, MAX_LINE) or _line(_first_words(blocks), MAX_LINE)
                 or entry.link or "")
        item = FeedItem(
            guid=clean_line(entry.guid) or entry.guid, title=title or "(untitled)",
            link=entry.link, author=_line(entry.author, 200) or None, date=entry.date,
            blocks=blocks)
        items.append(_prepared(item, profile, scoring))  # here, not in the storing process
    return ParsedFeed(title=_line(raw.title, MAX_LINE), site_url=raw.site_url,
                      language=raw.language,
                      items=tuple(items), malformed=raw.malformed)


def _newest(entries: list[RawEntry], most: int) -> list[RawEntry]:
    """At most `most` entries, the newest: the document's first, as most feeds list their
    newest first; its last when every entry is dated and the first is older than the
    last (a feed that lists its oldest first: generators, archives)."""
    if len(entries) <= most:
        return entries
    first, last = entries[0].date, entries[-1].date
    if first and last and first < last and all(entry.date for entry in entries):
        return entries[-most:]
    return entries[:most]


def _prepared(item: FeedItem, profile: Profile | None,
              scoring: _Scoring | None = None) -> FeedItem:
    """The item with its prepared values, and its scan under `profile` if there is one
    (and its score, given the learned model the job carried)."""
    if profile is None:
        return replace(item, prepared=prepare(item))
    from lecteur.core.curate.model import prescan, prescore

    texts = (block.text for block in body_blocks(item))
    if scoring is None:
        return replace(item, prepared=prepare(item), scan=prescan(profile, item.title, texts))
    version, weights, bias, weighted = scoring
    scan = prescore(profile, item.title, texts, version, weights, bias, weighted)
    return replace(item, prepared=prepare(item), scan=scan)


# The learned model of a job, ready to score with: version, weights, bias, and the terms
# that weigh (the profile's prior and the learned ones), made once a feed.
_Scoring = tuple["str | None", "dict[str, float]", float, "frozenset[str]"]


def _scoring(profile: Profile, learned: object) -> _Scoring | None:
    """The job's learned model (`FeedJob.learned`), or None if it carries none we read."""
    if not (isinstance(learned, tuple) and len(learned) == 3):
        return None
    version, pairs, bias = learned
    try:
        weights = {str(term): float(weight) for term, weight in pairs}
        return (None if version is None else str(version), weights, float(bias),
                frozenset(profile.prior.keys() | weights.keys()))
    except (TypeError, ValueError):
        return None


def _profile(text: str) -> Profile | None:
    """The profile of a text, parsed once in this worker (None: not a profile; the store
    scans the items then)."""
    found = _PROFILES.get(text)
    if found is None:
        from lecteur.core.curate.profile import parse_profile

        try:
            found = parse_profile(text)
        except ValueError:
            return None
        if len(_PROFILES) >= _MOST_PROFILES:
            _PROFILES.clear()
        _PROFILES[text] = found
    return found


def _first_words(blocks: tuple[Block, ...]) -> str:
    """A title for an untitled entry: the first words of its text."""
    for block in blocks:
        if block.text:
            words = block.text.split()
            return " ".join(words[:12]) + ("…" if len(words) > 12 else "")
    return ""


def _line(text: str | None, most: int) -> str:
    """`text` as one clean line of at most `most` characters, no space left at a cut."""
    return clean_line(text)[:most].rstrip()
