"""An item's terms as the model needs them, found with as few operations a token as can be.

Scoring runs on every item a refresh stores, on the storing thread, between SQLite's
statements: what costs there is each token's trip through memory that SQLite keeps
evicting. So each token (the text cut at white space, as written: lower-casing a
whole French text letter by letter cost as much as the rest) is looked up once, in one
dict (`Vocabulary.key`) that gives its content stem itself: most tokens have exactly
one, or none. The few that need more (two content stems, or a stem that starts
one of the profile's phrases without being a content stem) map to `SPECIAL` and are
read apart. The profile's phrases are looked for only when their first stem is there
and their other content stems are among the item's terms, and then by one substring
search over the part's stems joined by `SEP`.

What it finds is what `model.features` always found: the body's content stems (1 each),
the title's (`title_weight` each, the larger value kept), and the phrases found in
either, a phrase in the title counting `title_weight` too.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple, cast

from lecteur.core.curate.terms import CACHE_BOUND, is_content, token_info

if TYPE_CHECKING:
    from lecteur.core.curate.profile import Profile

SEP = "\x1f"  # between stems in a part's sequence: no word holds a control character
SPECIAL = "\x1f"  # `Vocabulary.key` of a token read apart (no content stem is SEP)


class Phrase(NamedTuple):
    """One of the profile's phrases as the scan looks for it."""

    key: str  # its feature name: the stems joined by spaces
    needed: frozenset[str]  # its other stems that are content: the item must have them
    pattern: str  # its stems, each between SEPs: a substring of the part's sequence


class Vocabulary:
    """What the scanner knows of the tokens it met, for one profile (a cache, bounded)."""

    def __init__(self) -> None:
        self.key: dict[str, str | None] = {}  # the content stem, None, or SPECIAL
        self.keys: dict[str, tuple[str, ...]] = {}  # SPECIAL tokens: their content stems
        self.firsts: dict[str, frozenset[str]] = {}  # SPECIAL tokens: phrases' first stems
        self.sequence: dict[str, str] = {}  # every stem of the token, each followed by SEP
        self.phrases: dict[str, tuple[Phrase, ...]] | None = None  # by first stem
        self.names: dict[str, str] | None = None  # the profile's terms as written, by key

    def learn(self, profile: Profile, tokens: Iterable[str]) -> None:
        """Read the tokens not known yet (folded, stemmed, split into words once)."""
        key, firsts = self.key, profile.firsts
        for token in set(tokens).difference(key):
            infos = token_info(token.lower())
            content = tuple(info[1] for info in infos if info[2])
            starts = frozenset(info[1] for info in infos if info[1] in firsts)
            self.sequence[token] = "".join(info[1] + SEP for info in infos)
            if len(content) > 1 or not starts <= set(content):
                key[token] = SPECIAL
                self.keys[token], self.firsts[token] = content, starts
            else:
                key[token] = content[0] if content else None

    def forget(self) -> None:
        """Forget every token (there were too many; between items, never within one)."""
        for cache in (self.key, self.keys, self.firsts, self.sequence):
            cache.clear()

    def names_of(self, profile: Profile) -> dict[str, str]:
        """How each term of the profile is written, by key (`Profile.shown`, made once)."""
        if self.names is None:
            names = {key: term.shown for key, term in profile.words.items()}
            for found in profile.phrases.values():
                for stems, term in found:
                    names.setdefault(" ".join(stems), term.shown)
            self.names = names
        return self.names

    def phrases_of(self, profile: Profile) -> dict[str, tuple[Phrase, ...]]:
        """The profile's phrases by first stem, as the scan looks for them (made once)."""
        if self.phrases is None:
            self.phrases = {first: tuple(
                Phrase(" ".join(stems), frozenset(p for p in stems[1:] if is_content(p)),
                       SEP + SEP.join(stems) + SEP) for stems, _term in found)
                for first, found in profile.phrases.items()}
        return self.phrases


class Scan(NamedTuple):
    """An item's terms: the body's and the title's content stems, the phrases found."""

    body: set[str]
    title: set[str]
    phrases: dict[str, float]  # phrase key -> its value (1, or title_weight if larger)
    tokens: tuple[list[str], list[str]]  # the body's (cut) and the title's, as written


class Prescan(NamedTuple):
    """An item's scan made where it was parsed (`lecteur.core.workers.feeds`), and the
    profile's digest it was made with: the store uses it only under that same profile.
    Its `tokens` are left empty (they cross between processes for nothing: the reasons
    that need them are rare, and found again from the text); its score, when there is
    one, was made with them."""

    digest: str
    scan: Scan
    # With the learned model the job carried: its version, and the item's whole score and
    # reasons under it (`model.prescore`), which the store takes as they are while its
    # model is still that version.
    version: str | None = None
    scored: tuple[float, tuple[str, ...]] | None = None


def scan(profile: Profile, title: str, body: str, body_words: int) -> Scan:
    """The terms of an item from its title and its body's first `body_words` tokens."""
    body_tokens = body.split()
    if len(body_tokens) > body_words:
        body_tokens = body_tokens[:body_words]
    title_tokens = title.split()
    vocabulary = profile.vocabulary
    if len(vocabulary.key) > CACHE_BOUND:
        vocabulary.forget()
    in_body, body_firsts = _terms(vocabulary, profile, body_tokens)
    in_title, title_firsts = _terms(vocabulary, profile, title_tokens)
    phrases: dict[str, float] = {}
    if body_firsts or title_firsts:
        weight = profile.title_weight
        counted = in_title if weight > 0 else set()  # the title's terms that have a value
        for part_weight, firsts, tokens in ((1.0, body_firsts, body_tokens),
                                            (weight, title_firsts, title_tokens)):
            if firsts and part_weight > 0:
                _phrases(vocabulary, profile, firsts, (in_body, counted), tokens, part_weight,
                         phrases)
    return Scan(in_body, in_title, phrases, (body_tokens, title_tokens))


def _terms(vocabulary: Vocabulary, profile: Profile,
           tokens: list[str]) -> tuple[set[str], set[str]]:
    """A part's content stems, and the first stems of phrases its tokens hold."""
    get = vocabulary.key.__getitem__
    try:
        found = set(map(get, tokens))
    except KeyError:
        vocabulary.learn(profile, tokens)
        found = set(map(get, tokens))
    found.discard(None)
    if SPECIAL not in found:
        stems = cast(set[str], found)
        return stems, stems & profile.firsts
    found.discard(SPECIAL)
    stems, starts = cast(set[str], found), set[str]()
    for token in {token for token in tokens if vocabulary.key[token] == SPECIAL}:
        stems.update(vocabulary.keys[token])
        starts.update(vocabulary.firsts[token])
    return stems, (stems & profile.firsts) | starts


def _phrases(vocabulary: Vocabulary, profile: Profile, firsts: set[str],
             have: tuple[set[str], set[str]], tokens: list[str], weight: float,
             found: dict[str, float]) -> None:
    """Add to `found` the phrases of the profile in `tokens` (one part, of `weight`);
    `have`: the item's terms with a value, the body's and the title's."""
    index = vocabulary.phrases_of(profile)
    in_body, in_title = have
    wanted = [phrase for first in firsts for phrase in index[first]
              if phrase.needed <= in_body or phrase.needed - in_body <= in_title]
    if not wanted:
        return
    sequence = SEP + "".join(map(vocabulary.sequence.__getitem__, tokens))
    for phrase in wanted:
        if phrase.pattern in sequence and found.get(phrase.key, 0.0) < weight:
            found[phrase.key] = weight
