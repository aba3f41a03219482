"""Read an attribution: the words outside a quotation that say who spoke.

``“…,” said Joseph Schwieterman, a transportation expert`` → the name; ``Black Elk said``
→ a surname for the cast to complete; ``explique-t-elle`` or ``he added`` → a pronoun;
``the director said`` → a role; ``an Iowa Republican said`` or ``confie un chiraquien`` →
an unnamed source, kept as written. The verbs are the data file
``lexicons/speech_verbs_*.txt`` in every tense and word order (``a déclaré``,
``a-t-il affirmé``, ``se félicite``, ``had told``). Nothing here knows the article: the
cast (`lecteur.core.extract.speakers`) resolves what this finds.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from lecteur.core.extract.lexicons import honorifics, phrases, words
from lecteur.core.extract.speakers import find_names
from lecteur.core.extract.verbs import VerbMatch, verb_pattern

_LEADING_ADVERBIAL = re.compile(
    r"^(?:quant à (?:lui|elle|eux)|pour sa part|de son côté|à son tour|encore|alors|aussi|"
    r"ensuite|enfin|also|then|later|again|finally)\s*,?\s+", re.IGNORECASE)
_CLITICS = re.compile(r"^(?:(?:nous|vous|lui|leur|me|te|m['’]|t['’])\s*)+(?:a|avait|ont)?$",
                      re.IGNORECASE)  # "« … », nous explique X", "m'a confié X"
_RECIPIENT = re.compile(r"^(?:à|au|aux)\s+(?:(?:la|le|les)\s+|l['’])?[\w'’.-]+\s+(?=[A-ZÀ-Ö])")
_DEFINITE = frozenset("the le la les l' l’ his her their son sa ses leur notre our this cette ce "
                      "cet that".split())
_PRONOUNS = {"he": "m", "she": "f", "il": "m", "elle": "f", "they": None, "ils": None}
_STRIP = " \u00a0\u202f,.;:!?…)—–-"
_SENTENCE_END = re.compile(r"[.!?…]+(?=\s+\S|\s*$)")
_CLAUSE_END = re.compile(r"[,;:()]|\s[—–]\s|\s(?:who|which|qui|dont|after|before|while|as|"
                         r"when|où|lors|quand|tandis|adding|ajoutant)\s", re.IGNORECASE)
_MAX_SUBJECT_WORDS = 8
_MAX_ROLE_WORDS = 6


@dataclass(frozen=True)
class Attribution:
    """Who an attribution names, in one of four ways (the others are None)."""

    name: str | None = None  # as written: "Linda Black Elk", "Black Elk", "Moody's"
    pronoun: str | None = None  # "m", "f" or "" (a pronoun of unknown gender)
    role: str | None = None  # a definite description: "the director", "le journaliste"
    unnamed: str | None = None  # an indefinite one: "an Iowa Republican"
    gender: str | None = None  # told by a title ("Mme Binet") when there is one
    reply: bool = False  # the verb answers someone ("he rejoined", "rétorque-t-elle")


def first_sentence(text: str) -> str:
    """The text up to its first sentence end, not fooled by "Dr. Okafor" or "J.C."."""
    for match in _SENTENCE_END.finditer(text):
        before = text[:match.start()].split()
        last = before[-1] if before else ""
        if (last + ".").lower() in honorifics() or last.lower() in honorifics() or \
                (re.fullmatch(r"(?:[A-Z]\.?)+", last) and len(last) <= 4):
            continue
        return text[:match.end()]
    return text


def parse(segment: str, *, whole: bool = False, loose: bool = False) -> Attribution | None:
    """The attribution a segment outside quotation marks opens with, if it is one.

    `whole` asks that the attribution be all the segment holds (one sentence): the test
    of a paragraph made only of quotations and their attributions. `loose` lets the
    subject be the last clause before the verb ("” to hold up their plans, Indyk said"),
    for a segment that follows a real quotation, not a quoted word ("“Hydrate” was his
    favourite word, Meghan said" is narrative).
    """
    text = segment.strip(_STRIP)
    if not text:
        return None
    sentence = first_sentence(text)
    if whole and len(text) - len(sentence) > 3:
        return None
    match = verb_pattern().search(sentence)
    if match is None or len(sentence[:match.start()].split()) > _MAX_SUBJECT_WORDS:
        return _selon(sentence) or _bare_name(sentence)
    found = _subject_of(sentence, match, loose)
    if found is not None and _is_reply(sentence[match.start():match.end()]):
        return dataclasses.replace(found, reply=True)
    return found


def _is_reply(verb: str) -> bool:
    """Whether the verb of saying answers someone (``lexicons/reply_verbs.txt``)."""
    replies = words("reply_verbs.txt")
    return any(word.split("-")[0] in replies for word in verb.lower().split())


def continues_sentence(before: str) -> bool:
    """Whether the words before the verb go on the sentence a quoted word began ("was his
    word, X said") rather than name a subject ("he", "the director", "an aide", "Lee")."""
    head = before.split()[0].lower()
    return before[:1].islower() and head not in _PRONOUNS and head not in _DEFINITE and \
        head not in words("unnamed.txt") and not re.match(r"^l['’]", head)


def _subject_of(sentence: str, match: VerbMatch, loose: bool) -> Attribution | None:
    """Who the verb of saying at `match` has for subject: an inversion's pronoun, the
    words before it (or the last clause of them: "… on their plans, Indyk said"), or the
    noun phrase after it."""
    inverted = match.pronoun
    if inverted and inverted.lower() != "on":
        return Attribution(pronoun=_PRONOUNS.get(inverted.lower(), "") or "")
    before = _CLITICS.sub("", sentence[:match.start()].strip(_STRIP))
    if before:
        found = subject(before)
        last = before.rsplit(",", 1)[-1].strip(_STRIP)
        if found is None and loose and last != before and _proper(last.split()):
            return Attribution(name=last)
        return found
    return subject(_noun_phrase(sentence[match.end():]), after_verb=sentence[match.end():])


def _selon(sentence: str) -> Attribution | None:
    """``selon X`` / ``according to X`` / ``d'après X`` at the start of a segment."""
    lowered = sentence.lower()
    for word in sorted(words("attribution_words.txt"), key=len, reverse=True):
        if lowered.startswith(word + " "):
            return subject(_noun_phrase(sentence[len(word):]))
    return None


def _bare_name(sentence: str) -> Attribution | None:
    """A name with no verb right after a quotation: ``” Roman Bornstein, journaliste``."""
    names = find_names(sentence[:80])
    if names and names[0][0] == 0:
        rest = sentence[len(names[0][1]):].lstrip()
        if not rest or rest[0] in ",(.":
            return Attribution(name=names[0][1])
    return None


def _noun_phrase(text: str) -> str:
    """The subject after an inverted verb: up to the first comma or relative clause, and
    after the person spoken to ("explique au Parisien Inès Roy", "confie à l'AFP X")."""
    text = _LEADING_ADVERBIAL.sub("", text.strip(_STRIP))
    text = _RECIPIENT.sub("", text)
    end = _CLAUSE_END.search(text)
    phrase = text[:end.start()] if end else first_sentence(text)
    return phrase.strip(_STRIP)


def subject(phrase: str, after_verb: str = "") -> Attribution | None:
    """What a subject phrase names: a name, a title and surname, a pronoun, a role."""
    tokens = phrase.split()
    if not tokens:
        return None
    head = tokens[0].lower()
    if len(tokens) == 1 and head in _PRONOUNS:
        return Attribution(pronoun=_PRONOUNS[head] or "")
    if head in words("unnamed.txt"):
        return Attribution(unnamed=phrase)
    names = find_names(phrase)
    if names:
        return Attribution(name=names[-1][1])
    head_phrase = phrase.split(",")[0].strip()
    if head_phrase != phrase.strip() and _proper(head_phrase.split()) and \
            head not in _DEFINITE:
        return Attribution(name=head_phrase)  # "Kowalczyk, 52, said", "Moody's, the agency"
    titled = _titled(tokens)
    if titled:
        return titled
    if _proper(tokens) and head not in _DEFINITE:
        return Attribution(name=" ".join(tokens).strip(_STRIP))
    if head in _DEFINITE and _proper(tokens[1:]):
        return Attribution(name=" ".join(tokens[1:]).strip(_STRIP))  # "the New York Times"
    if head in _DEFINITE or re.match(r"^l['’]", head):
        rest = after_verb[after_verb.find(phrase) + len(phrase):] if phrase in after_verb else ""
        apposition = find_names(rest.lstrip(" ,")[:60])
        if apposition and apposition[0][0] == 0:
            return Attribution(name=apposition[0][1])
        return Attribution(role=phrase) if len(tokens) <= _MAX_ROLE_WORDS else None
    return None


def _proper(tokens: list[str]) -> bool:
    """One to four capitalised words (particles between): a name or an organisation."""
    if not tokens or len(tokens) > 4 or not tokens[0][:1].isupper():
        return False
    return all(t[:1].isupper() or t.lower() in ("de", "du", "des", "la", "of", "for", "&")
               for t in tokens) and tokens[0].lower() not in _PRONOUNS


def _titled(tokens: list[str]) -> Attribution | None:
    """``M. Caldwell``, ``Mr Obama``, ``Dr. Okafor``: a surname and the gender of its title."""
    titles = honorifics()
    if len(tokens) >= 2 and tokens[-2].lower() in titles and tokens[-1][:1].isupper():
        return Attribution(name=tokens[-1].strip(_STRIP), gender=titles[tokens[-2].lower()])
    return None


_LEAD_OPENERS = re.compile(r"^(?:and\s+)?(?:as|comme|how|here['’]s how|here is how|here['’]s what|"
                           r"what|ainsi que|so|donc|et|and|but|mais)\s+", re.IGNORECASE)


def last_sentence(text: str) -> str:
    """The last sentence of a passage (a lead-in gives the floor in its last sentence)."""
    return re.split(r"(?<=[.!?…])\s+(?=[A-ZÀ-Þ«“\"])", text.strip())[-1]


def lead_in(text: str) -> Attribution | None:
    """Who a lead-in ending with ":" gives the floor to, when it names no full name:
    ``as the New York Times explains:``, ``La formatrice précise :``, ``He adds:``. Only
    its last sentence is read ("… to be announced by officials. For example:" gives the
    floor to nobody)."""
    clause = re.split(r"[,;]\s", last_sentence(text).rstrip(" :\u00a0\u202f"))[-1]
    matches = list(verb_pattern().finditer(clause))
    if not matches:
        return None
    match = matches[-1]
    inverted = match.pronoun
    if inverted and inverted.lower() != "on":
        return Attribution(pronoun=_PRONOUNS.get(inverted.lower(), "") or "")
    before = _LEAD_OPENERS.sub("", clause[:match.start()].strip(_STRIP))
    if before and len(before.split()) <= _MAX_SUBJECT_WORDS:
        return subject(before)
    return subject(_noun_phrase(clause[match.end():]), after_verb=clause[match.end():])


def is_label(text: str) -> Attribution | None:
    """A speaker label before a quotation: ``Prelogar:``, ``Marie Tremblay :``."""
    label = text.strip()
    if not label.endswith(":") or len(label.split()) > 4:
        return None
    name = label.rstrip(": \u00a0\u202f")
    if not name[:1].isupper() or verb_pattern().search(name):
        return None
    found = subject(name)
    return found if found is not None and found.name else None


def callout_labels() -> tuple[str, ...]:
    """The labels that make a blockquote a callout (``lexicons/callouts.txt``)."""
    return phrases("callouts.txt")
