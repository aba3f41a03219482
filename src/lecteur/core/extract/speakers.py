"""Who is named in an article: person names, later references to them, and pronouns.

Advice articles name a person once in full ("la consultante Marie Tremblay", "career
coach Sam Lee") and then refer to them by surname ("Tremblay insiste"), by role ("la
formatrice précise") or by pronoun ("Elle ajoute", "conclut-il", "She explains"). The
`Cast` built here walks the article in order and answers "who is meant here?" for the
quote speaker rules in `lecteur.core.extract.quotations`.

Names are found by shape, not from a list: two to four capitalised words (hyphenated and
accented forms included, with particles such as "de" or "van" between them), minus the
capitalised words that start sentences or name places and organisations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿœæ"
_WORD = rf"(?:[{_UPPER}]['’])?(?:Mc|Mac)?[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)*"
_PARTICLE = r"(?:de|du|des|van|von|der|den|da|di|dos|del|ben|bin|le|la|st\.?)"
NAME = re.compile(rf"(?<![\w-])({_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_WORD}){{1,3}})(?![\w-])")
SURNAME_REF = re.compile(rf"(?<![\w-])({_WORD})(?![\w-])")

# Capitalised words that are not (the start of) a person's name.
_NOT_NAME = frozenset(
    """le la les l un une des du de d sur dans pour par avec selon chez comme quand mais et ou
    donc car ce cet cette ces son sa ses leur leurs au aux en à a an the on in as at for by with
    from of to and but or so when while if after before during since this that these those his
    her their its our your my mon ma mes notre nos votre vos il elle ils elles on nous vous je
    tu he she they we you i it there here what why how who où qui que quoi pourquoi comment
    monsieur madame mademoiselle mme mlle m mr mrs ms dr prof professeur professeure docteur
    saint sainte janvier février mars avril mai juin juillet août septembre octobre novembre
    décembre january february march april may june july august september october november
    december lundi mardi mercredi jeudi vendredi samedi dimanche monday tuesday wednesday
    thursday friday saturday sunday linkedin facebook twitter instagram mastodon youtube
    tiktok google microsoft zoom teams slack université university college collège école
    institut institute chambre association ordre société group groupe inc ltd montréal
    québec paris lyon lille toronto london londres new york sherbrooke gatineau rennes
    france canada europe internet web cv pme rh hr ceo ressources humaines human resources
    oui non yes no bonjour merci hello thanks ok voilà enfin ensuite puis alors aussi même
    encore déjà toujours jamais pourtant cependant however still also then next first
    premier première deuxième dernier dernière last""".split()
)
_FEMININE = re.compile(r"\b(?:elle|elles|she|her|hers|herself|mme|madame|ms|mrs)\b|-t-elle\b",
                       re.IGNORECASE)
_FEMININE_ROLE = re.compile(r"^\s*(?:la|une|cette)\s", re.IGNORECASE)
_MASCULINE = re.compile(r"\b(?:il|ils|he|his|him|himself|m\.|monsieur|mr)\b|-t-il\b",
                        re.IGNORECASE)
_PRONOUN = re.compile(r"\b(?:elle|il|she|he)\b|-t-(?:elle|il)\b", re.IGNORECASE)
_PLACE_BEFORE = re.compile(r"\b(?:the|in|at|à|en|au|aux|dans|near|across)\s+$", re.IGNORECASE)
_ROLE_AFTER = re.compile(r"\s*,\s*((?:[a-zàâçéèêëîïôûùüÿœ-]+\s+){0,1}[a-zàâçéèêëîïôûùüÿœ-]+)")
_ROLE_BEFORE = re.compile(r"(?:\b(?:le|la|l['’]|les|the|a|an|son|sa|his|her|notre|our)\s+)"
                          r"((?:[a-zàâçéèêëîïôûùüÿœ-]+\s+){0,2}[a-zàâçéèêëîïôûùüÿœ-]+)\s*,?\s*$",
                          re.IGNORECASE)


@dataclass
class CastMember:
    """Someone the article names."""

    name: str
    gender: str | None = None  # "f", "m" or None when the text never says
    roles: set[str] = field(default_factory=set)

    @property
    def surnames(self) -> set[str]:
        """Words that refer to this person alone: the last name and its hyphenated parts."""
        last = self.name.split()[-1]
        return {last, *last.split("-")} if "-" in last else {last}


def _clean_candidate(raw: str) -> str | None:
    """Strip sentence-start and non-name words from the ends of a capitalised run."""
    words = raw.split()
    while words and words[0].lower().strip("'’") in _NOT_NAME:
        words.pop(0)
    while words and words[-1].lower() in _NOT_NAME:
        words.pop()
    capitalised = [w for w in words if w[0].isupper()]
    if len(capitalised) < 2 or any(w.lower() in _NOT_NAME for w in capitalised):
        return None
    return " ".join(words)


def find_names(text: str) -> list[tuple[int, str]]:
    """Full person names in `text`, with their positions, in order."""
    found = []
    for match in NAME.finditer(text):
        name = _clean_candidate(match.group(1))
        if name:
            found.append((match.start(1) + match.group(1).index(name.split()[0]), name))
    return found


class Cast:
    """The people of one article, in the order the article names them."""

    def __init__(self) -> None:
        self.people: dict[str, CastMember] = {}
        self.recent: list[CastMember] = []  # most recently mentioned last

    def read(self, text: str) -> list[CastMember]:
        """Record every mention in a passage; return the people it mentions, in order."""
        names = find_names(text)
        mentions = sorted(self._full_mentions(text, names) + self._surname_mentions(text, names),
                          key=lambda item: item[0])
        people: list[CastMember] = []
        for index, (start, person) in enumerate(mentions):
            end = mentions[index + 1][0] if index + 1 < len(mentions) else len(text)
            self._learn_gender(person, text[start:end])
            self._touch(person)
            people.append(person)
        return people

    def _full_mentions(self, text: str, names: list[tuple[int, str]],
                       ) -> list[tuple[int, CastMember]]:
        out = []
        for start, name in names:
            if _PLACE_BEFORE.search(text[max(0, start - 12):start]):
                continue  # "in the English Midlands", "à Trois Rivières": a place
            person = self._resolve_name(name)
            apposition = _ROLE_AFTER.match(text[start + len(name):start + len(name) + 80])
            if apposition:
                person.roles.update(apposition.group(1).lower().split())
            role = _ROLE_BEFORE.search(text[max(0, start - 60):start])
            if role:
                person.roles.update(role.group(1).lower().split())
                if re.match(r"(?i)la\b", role.group(0).strip()):
                    person.gender = person.gender or "f"
            out.append((start, person))
        return out

    def _surname_mentions(self, text: str, names: list[tuple[int, str]]
                          ) -> list[tuple[int, CastMember]]:
        """Known people referred to by surname alone ("says Thorvaldsen")."""
        if not self.people:
            return []
        covered = [(s, s + len(n)) for s, n in names]
        out = []
        for match in SURNAME_REF.finditer(text):
            if any(a <= match.start() < b for a, b in covered):
                continue
            person = self.by_surname(match.group(1))
            if person:
                out.append((match.start(), person))
        return out

    def _resolve_name(self, name: str) -> CastMember:
        """The known person a full name refers to, or a new one."""
        if name in self.people:
            return self.people[name]
        last = name.split()[-1]
        for person in self.people.values():
            if person.name.split()[-1] == last and person.name.split()[0] == name.split()[0]:
                return person
        person = CastMember(name)
        self.people[name] = person
        return person

    def by_surname(self, word: str) -> CastMember | None:
        """The one known person with this surname (None if unknown or ambiguous)."""
        matches = [p for p in self.people.values() if word in p.surnames]
        return matches[0] if len(matches) == 1 else None

    def _learn_gender(self, person: CastMember, after: str) -> None:
        if person.gender:
            return
        feminine, masculine = _FEMININE.search(after), _MASCULINE.search(after)
        if feminine and (not masculine or feminine.start() < masculine.start()):
            person.gender = "f"
        elif masculine:
            person.gender = "m"

    def _touch(self, person: CastMember) -> None:
        if person in self.recent:
            self.recent.remove(person)
        self.recent.append(person)

    def referent(self, text: str) -> CastMember | None:
        """Who a role or pronoun phrase ("La formatrice précise:", "He explains:") means."""
        words = set(re.findall(r"[a-zàâçéèêëîïôûùüÿœ-]+", text.lower()))
        by_role = [p for p in self.recent if p.roles & words]
        if by_role:
            return by_role[-1]
        pronoun = _PRONOUN.search(text)
        if pronoun:
            word = pronoun.group(0).lower()
            gender = "f" if "elle" in word or word == "she" else "m"
            same = [p for p in self.recent if p.gender in (gender, None)]
            if same:
                return same[-1]
        if _FEMININE_ROLE.search(text):
            same = [p for p in self.recent if p.gender in ("f", None)]
            if same:
                return same[-1]
        return self.recent[-1] if self.recent else None
