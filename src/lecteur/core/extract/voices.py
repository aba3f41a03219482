"""Who said each quotation: the attribution, resolved against the article's cast.

The speaker of a quotation is, in this order:

1. the page's markup or signature line (``<cite>``, ``<footer>``, ``— Name, role``, a
   tweet's credit, ``[Outlet]``): the name, with the role kept as the quote's ``cite``;
2. a ``Name:`` label, or an attribution in the quotation's own paragraphs (``said X``,
   ``X said``, ``explique-t-elle``, ``the director said``, an incise): a surname, first
   name, title and surname, role or pronoun is resolved to the person the cast knows
   (`lecteur.core.extract.speakers`), and a full name always wins over a surname match;
3. the person named last in a lead-in ending with ":" (or who its role or pronoun means);
4. after another quotation with no narrative between, the same speaker, or the other
   person of the exchange when that quotation was a question;
5. the person the narrative paragraph just before names (last);
6. at the very start of an article, the first person the next paragraph names.

An unnamed source ("an Iowa Republican said", "un chiraquien") gives no speaker: its
description is kept as the quote's ``attribution``, as written.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from lecteur.core.extract.attribution import Attribution, last_sentence
from lecteur.core.extract.attribution import lead_in as lead_in_attribution
from lecteur.core.extract.passages import inner_attributions, shape, stretches
from lecteur.core.extract.speakers import Cast, CastMember, find_names
from lecteur.core.extract.verbs import verb_pattern
from lecteur.core.models import Block

Hint = tuple[str, str | None]  # (speaker, attribution line as written)
_SOURCE_BEFORE = re.compile(r"(?:\b(?:par|by|to|à|au|aux|dans|in|on|sur|with|avec)\s+)?"
                            r"(?:\b(?:the|le|la|les)\s+|\bl['’])$", re.IGNORECASE)
_SPEAKING_HINT = re.compile(r"\b(?:he|she|il|elle|they|ils|elles)\b", re.IGNORECASE)
_STOP = re.compile(r"[.?] ")  # what ends a sentence for `_speaking`
_ACCORDING = re.compile(r"(?:according to|selon|d['’]après)\s+(?:\S+\s+){0,3}$", re.IGNORECASE)


_KEY_WORDS = 8
_KEY_WORD = re.compile(r"\w+")


def hint_key(text: str) -> str:
    """How quotation text is matched with markup hints: its first words, folded.

    Read from the text's start: with more than eight words there, the eighth is whole."""
    words = _KEY_WORD.findall(text[:160].lower())
    if len(words) <= _KEY_WORDS:
        words = _KEY_WORD.findall(text.lower())
    return " ".join(words[:_KEY_WORDS])


class Voices:
    """The speaker rules, walking one article's blocks in order.

    What the walk does to the cast and to the state of the rules is put off until a
    quotation's speaker depends on it: each narrative paragraph, and what a quotation
    signed by the page's markup teaches (the names in its credit and outside its marks),
    waits in `_pending`, in order, and is done when a quotation without a credit line
    asks the cast (`_catch_up`). An article whose quotations all carry their credit (a
    page of embedded posts) never reads its narrative for people; every other article
    reads it once, as before, and every speaker is the one the rules gave before.
    """

    def __init__(self, hints: Mapping[str, Hint]) -> None:
        self._pending: list[tuple[Callable[..., None], tuple[Any, ...]]] = []
        self.cast = Cast()
        self.hints = hints
        self.previous: str | None = None  # speaker of the quotation just before
        self.previous_question = False
        self.after_quote = False  # no narrative since the last quotation
        self.narrated: list[CastMember] = []  # people the last narrative paragraph named
        self._narrative: tuple[str, list[tuple[int, CastMember]]] = ("", [])
        self._speaking: list[CastMember] | None = []  # worked out when a quotation asks
        self.subject: CastMember | None = None  # the person it opens with
        self.opener: CastMember | None = None  # the subject of its first sentence
        self.quoted = False  # a quotation has been met in the article

    def narrative(self, block: Block, following: Sequence[Block]) -> None:
        """Read a block that is not a quotation (when a speaker depends on it)."""
        self._pending.append((self._read_narrative, (block, following)))

    def _catch_up(self) -> None:
        """Do, in order, what the walk has put off (see the class)."""
        pending, self._pending = self._pending, []
        for step, arguments in pending:
            step(*arguments)

    def _read_narrative(self, block: Block, following: Sequence[Block]) -> None:
        """Read a block that is not a quotation: it names people, and ends an exchange."""
        if block.kind == "heading" or (block.kind == "paragraph" and len(block.text) < 120
                                       and not block.text.rstrip().endswith((".", ":"))):
            return  # a heading or a caption does not interrupt a speaker
        if block.kind == "callout":
            return
        named = self.cast.read(block.text)
        if named:  # a paragraph about "she" goes on with the people named before
            self.narrated = named
            self._narrative = (block.text, list(self.cast.mentions))
            self._speaking = None
            first = self.cast.mentions[0]
            self.subject = first[1] if first[0] <= 2 else None
            self.opener = first[1] if _opens(block.text, first[0]) else None
        elif not _SPEAKING_HINT.search(block.text):
            self.opener = None  # "the director said" after a paragraph about no one
        self.after_quote = False

    def quotation(self, parts: list[Block], lead_in: Block | None,
                  sign: tuple[str, str | None] | None, sign_block: Block | None,
                  following: Sequence[Block]) -> Block:
        """The quote block for a run of blocks, with its speaker."""
        text = "\n\n".join(b.text for b in parts)
        hint = self._hint(text)
        if sign:
            hint = (sign[0], sign_block.text if sign_block else None)
        if hint:  # the page's own credit line: the name as it writes it, whatever the cast
            self._pending.append((self._learn_signed, (hint[0], parts, text)))
            return Block("quote", text, hint[0], hint[1], None)
        self._catch_up()
        speaker, attribution = self._from_text(parts, lead_in, following)
        self._learn(speaker, parts, text)
        return Block("quote", text, speaker, None, attribution)

    def _learn_signed(self, speaker: str | None, parts: list[Block], text: str) -> None:
        """What a quotation signed by the page's markup teaches the cast and the rules."""
        if speaker and find_names(speaker):
            self.cast.resolve(find_names(speaker)[0][1])
        self._learn(speaker, parts, text)

    def _learn(self, speaker: str | None, parts: list[Block], text: str) -> None:
        """What any quotation teaches: the people named outside its marks, its speaker as
        the latest person spoken of, and that an exchange is under way."""
        for part in parts:
            self._read_attributions(part)
        if speaker:
            self._touch(speaker)
        self.previous, self.after_quote, self.quoted = speaker, True, True
        self.previous_question = text.rstrip(" \u00a0»”\"").endswith("?")

    @property
    def speaking(self) -> list[CastMember]:
        """The people the last narrative paragraph shows speaking (computed on demand)."""
        if self._speaking is None:
            self._speaking = _speaking(*self._narrative)
        return self._speaking

    def _hint(self, text: str) -> Hint | None:
        key = hint_key(text)
        return next((hint for start, hint in self.hints.items() if key.startswith(start)), None)

    def _from_text(self, parts: list[Block], lead_in: Block | None,
                   following: Sequence[Block]) -> tuple[str | None, str | None]:
        """Rules 2 to 6 of the module docstring."""
        for attribution in self._attributions(parts):
            speaker, unnamed = self._resolve(attribution)
            if speaker or unnamed:
                return speaker, unnamed
        if lead_in is not None:
            people = self.cast.read(lead_in.text)
            if people:
                return _lead_in_speaker(lead_in.text, self.cast.mentions).name, None
            given = lead_in_attribution(lead_in.text)
            found = self._resolve(given) if given else (None, None)
            if found[0] or (given and given.unnamed):
                return found
            # "Le jeune technicien se souvient :", "Elle propose :": the person named last;
            # "For example:", "The guidelines read:" give the floor to nobody
            person = self.cast.referent(last_sentence(lead_in.text)) or \
                (self.cast.latest if given else None)
            return (person.name if person else None), None
        if self.after_quote and self.previous:
            if self.previous_question:
                other = self._other_than(self.previous)
                return (other or self.previous), None
            return self.previous, None
        if self.speaking:
            return max(self.speaking, key=lambda p: p.salience).name, None
        if self.subject:
            return self.subject.name, None
        if self.previous and any(p.kind == "paragraph" for p in parts):
            return self.previous, None  # an interview's answer after the question
        if not self.quoted and following:
            names = find_names(following[0].text)  # an article opening on a quotation
            return (self._named(names[0][1]) if names else None), None
        return None, None

    def _attributions(self, parts: list[Block]) -> list[Attribution]:
        found: list[Attribution] = []
        for part in parts:
            if part.kind == "paragraph":
                described = shape(part.text)
                found += [described.label] if described.label else []
                found += list(described.attributions)
                if not any(c in part.text for c in "«»“”\"") or not found:
                    found += inner_attributions(part.text)
            else:
                found += inner_attributions(part.text)
        return found

    def _resolve(self, attribution: Attribution) -> tuple[str | None, str | None]:
        """(speaker, unnamed description) for one attribution."""
        if attribution.unnamed:
            return None, attribution.unnamed
        if attribution.name:
            return self._named(attribution.name, attribution.gender), None
        if attribution.pronoun is not None:
            return self._pronoun(attribution.pronoun or None, attribution.reply), None
        if attribution.role:
            person = self.cast.by_role(attribution.role) or self.opener
            return (person.name, None) if person else (None, attribution.role)
        return None, None

    def _pronoun(self, gender: str | None, reply: bool = False) -> str | None:
        """Whom "he said" / "explique-t-elle" means: the speaker just quoted, else the
        person the narrative just showed speaking (or named first), else the most recent
        person of that gender."""
        def fits(person: CastMember | None) -> bool:
            return person is not None and (gender is None or person.gender in (gender, None))

        previous = self.cast.people.get(self.previous or "")
        if self.after_quote and reply and previous is not None:
            other = self._other_than(previous.name)  # "he rejoined": the other person
            if other and fits(self.cast.people.get(other)):
                return other
        if self.after_quote and fits(previous):
            assert previous is not None
            return previous.name
        candidates = self.speaking or self.narrated or ([previous] if previous else [])
        pool = [p for p in candidates if fits(p)]
        if pool:
            chosen = max(pool, key=lambda p: (gender is not None and p.gender == gender,
                                              p.salience))
            chosen.gender = chosen.gender or gender
            return chosen.name
        person = self.cast.by_gender(gender)
        return person.name if person else None

    def _named(self, name: str, gender: str | None = None) -> str:
        """The full name for a name as written: itself if full, else whom the cast knows."""
        if find_names(name):
            return self.cast.resolve(find_names(name)[0][1]).name
        if " " not in name.strip():
            person = self.cast.lookup(name.strip(), gender)
            if person:
                return person.name
        return name.strip()

    def _read_attributions(self, part: Block) -> None:
        """Learn the people named outside the quotation marks (roles, genders)."""
        if part.kind != "paragraph":
            return
        pieces, _open = stretches(part.text)
        outside = " ".join(p.text for p in pieces if not p.quoted)
        if outside.strip():
            self.cast.read(outside)

    def _touch(self, speaker: str) -> None:
        person = self.cast.people.get(speaker)
        if person is None and " " not in speaker:
            person = self.cast.lookup(speaker)
        if person is None:
            person = CastMember(speaker)
            if speaker[:1].isupper():
                self.cast.people[speaker] = person
                self.cast.index(person)
        self.cast.touch(person)

    def _other_than(self, speaker: str) -> str | None:
        """The most recent other person: who answers a question in an exchange."""
        other = self.cast.latest_of(lambda p: p.name != speaker)
        return other.name if other else None


def _opens(text: str, start: int) -> bool:
    """Whether a mention at `start` is the subject of the paragraph's first sentence: at
    its start, or right after a fronted phrase and its comma ("For this film, Chandor
    asked …"), with no sentence end before it."""
    before = text[:start]
    return not re.search(r"[.!?:;]\s", before) and (not before.strip() or
                                                     before.rstrip().endswith(","))


def _lead_in_speaker(text: str, mentions: list[tuple[int, CastMember]]) -> CastMember:
    """Who a lead-in naming people gives the floor to: the person named last, unless that
    name is a source the speaker is cited by or speaks to ("cité par le Wall Street
    Journal", "told the Daily Ledger"): a name right after a determiner is a title or an
    organisation, not a person."""
    people = [p for start, p in mentions
              if not _SOURCE_BEFORE.search(text[max(0, start - 16):start])]
    return people[-1] if people else mentions[-1][1]


def _speaking(text: str, mentions: list[tuple[int, CastMember]]) -> list[CastMember]:
    """The people a narrative passage shows speaking: for each verb of saying, the person
    named last before it in its sentence ("Glenn Morris, spokesman for …, said"), else the
    one named just after it ("a déclaré X"); or the one after "according to"/"selon".

    `mentions` are in the order of the text: the mentions around a verb are found by
    bisection, and sentence ends are found once, so a long paragraph with many verbs and
    names costs (V + M) log M, not V times M.
    """
    out: dict[CastMember, None] = {}  # in order, and a membership test in O(1)
    starts = [start for start, _person in mentions]
    stops = [m.start() for m in _STOP.finditer(text)]  # each ". " and "? ", in order
    for verb in verb_pattern().finditer(text):
        stop = bisect_right(stops, verb.start() - 2)  # as text.rfind(". ", 0, verb.start())
        sentence_start = stops[stop - 1] if stop else -1
        first, last = bisect_right(starts, sentence_start), bisect_left(starts, verb.start())
        later = bisect_left(starts, verb.end())
        chosen = mentions[last - 1][1] if last > first else (
            mentions[later][1] if later < len(starts) and starts[later] <= verb.end() + 25
            else None)
        if chosen is not None:
            out.setdefault(chosen)
    for start, person in mentions:
        if _ACCORDING.search(text[max(0, start - 25):start]):
            out.setdefault(person)
    return list(out)
