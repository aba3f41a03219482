"""The reader's topics: the terms that make an item relevant, and how much each weighs.

The profile is a TOML file (`topics.toml`): lecteur ships one as package data, and a copy
in the config folder replaces it. Terms are folded and light-stemmed once when the file is
read, so a phrase ("recherche d'emploi") becomes the tuple of stems the scorer looks for.
A file that cannot be read or parsed leaves the shipped profile in force, with why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lecteur.core.curate.scan import Vocabulary
from lecteur.core.curate.terms import stems
from lecteur.core.text.sanitize import clean_line

PROFILE_FILE = "topics.toml"
DEFAULT_BIAS = -3.0
DEFAULT_TITLE_WEIGHT = 2.0


@dataclass(frozen=True)
class Term:
    """One term of the profile: as written (shown as a reason), and its weight."""

    shown: str
    weight: float


@dataclass(frozen=True)
class Profile:
    """Single-word terms by stem, phrases by their first stem, and the settings."""

    words: dict[str, Term] = field(default_factory=dict)
    phrases: dict[str, tuple[tuple[tuple[str, ...], Term], ...]] = field(default_factory=dict)
    bias: float = DEFAULT_BIAS
    title_weight: float = DEFAULT_TITLE_WEIGHT
    prior: dict[str, float] = field(default_factory=dict)  # every term's weight, by key
    firsts: frozenset[str] = frozenset()  # the first stems of the phrases
    # What the scorer learned of the tokens it met, for this profile (see `scan`).
    vocabulary: Vocabulary = field(default_factory=Vocabulary, compare=False, repr=False)
    path: Path | None = None  # where it was read from (None: the shipped one)
    problem: str | None = None  # why the reader's file was not used, if it was not
    # The text it was parsed from, and that text's digest: a parse worker given the text
    # scans items under the same profile, and the store trusts a scan of the same digest
    # ("": made otherwise, no scan is trusted). Not for a profile changed after parsing.
    source: str = field(default="", compare=False, repr=False)
    digest: str = field(default="", compare=False, repr=False)

    def key_of(self, phrase: tuple[str, ...]) -> str:
        """The feature name of a term: its stems joined by spaces."""
        return " ".join(phrase)

    def shown(self, key: str) -> str | None:
        """How a term of the profile is written, by its feature name (None: not a term)."""
        found = self.words.get(key)
        if found is not None:
            return found.shown
        first = key.split(" ", 1)[0]
        for phrase, term in self.phrases.get(first, ()):
            if " ".join(phrase) == key:
                return term.shown
        return None


def parse_profile(text: str, path: Path | None = None) -> Profile:
    """A profile from the text of a topics.toml (raises ValueError when it is not one)."""
    import tomllib  # read when first scored, not when lecteur starts

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(str(error)) from None
    terms = data.get("terms", {})
    settings = data.get("settings", {})
    if not isinstance(terms, dict) or not isinstance(settings, dict):
        raise ValueError("[terms] and [settings] must be tables")
    words: dict[str, Term] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], Term]]] = {}
    for written, weight in terms.items():
        if isinstance(weight, bool) or not isinstance(weight, int | float):
            raise ValueError(f"the weight of {written!r} is not a number")
        key = tuple(stems(str(written)))
        if not key:
            continue
        term = Term(clean_line(str(written)).strip(), float(weight))  # it is shown as a reason
        if len(key) == 1:
            words[key[0]] = term
        else:
            phrases.setdefault(key[0], []).append((key, term))
    prior = {key: term.weight for key, term in words.items()}
    prior.update({" ".join(key): term.weight for found in phrases.values()
                  for key, term in found})
    return Profile(words=words,
                   phrases={first: tuple(found) for first, found in phrases.items()},
                   prior=prior, firsts=frozenset(phrases),
                   bias=_number(settings, "bias", DEFAULT_BIAS),
                   title_weight=_number(settings, "title_weight", DEFAULT_TITLE_WEIGHT),
                   path=path, source=text, digest=digest_of(text))


def digest_of(text: str) -> str:
    """The digest that names a profile's text (see `Profile.digest`)."""
    import hashlib

    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _number(settings: dict[str, object], name: str, default: float) -> float:
    value = settings.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{name} is not a number")
    return float(value)


def shipped_text() -> str:
    """The text of the profile lecteur ships."""
    from importlib import resources

    return resources.files(__package__).joinpath(PROFILE_FILE).read_text(encoding="utf-8")


def default_profile() -> Profile:
    """The profile lecteur ships: networking and career advice, French and English."""
    return parse_profile(shipped_text())


def load_profile(folders: tuple[Path, ...]) -> Profile:
    """The reader's profile: the first `topics.toml` found in `folders`, else the shipped one.

    A file that exists but cannot be used gives the shipped profile with `problem` set
    (one plain reason), so scoring never stops on a typo.
    """
    for folder in folders:
        candidate = folder / PROFILE_FILE
        try:
            text = candidate.read_text(encoding="utf-8")
        except FileNotFoundError:
            continue
        except (OSError, UnicodeDecodeError) as error:
            return _fallback(candidate, str(error))
        try:
            return parse_profile(text, candidate)
        except ValueError as error:
            return _fallback(candidate, str(error))
    return default_profile()


def _fallback(path: Path, reason: str) -> Profile:
    shipped = default_profile()
    return Profile(words=shipped.words, phrases=shipped.phrases, bias=shipped.bias,
                   title_weight=shipped.title_weight, prior=shipped.prior,
                   firsts=shipped.firsts, path=path, problem=reason, source=shipped.source,
                   digest=shipped.digest)
