"""Who is named in an article: person names, later references to them, and pronouns.

Articles name a person once in full ("la consultante Marie Tremblay", "career coach Sam
Lee", "Robert M. Danin", "Ivan Du Roy") and then refer to them by surname ("Tremblay
insiste"), first name, title and surname ("M. Caldwell", "Dr. Okafor"), role ("la
formatrice précise", "the director said") or pronoun ("Elle ajoute", "conclut-il"). The
`Cast` built here walks the article in order and answers "who is meant here?" for the
quotation rules in `lecteur.core.extract.quotations`.

Names are found by shape, never from a list of names: two to four capitalised words
(initials, hyphens, accents and particles such as "de" or "Du" between them), minus the
capitalised words that start sentences or name months, places and platforms
(``lexicons/not_names.txt``). Look-ups are dictionary hits, so a long article costs
linear time.
"""

from __future__ import annotations

import functools
import itertools
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from lecteur.core.extract.lexicons import honorifics, verb_set, words

_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿœæ"
_WORD = rf"(?:[{_UPPER}]['’])?(?:Mc|Mac)?[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)*"
_INITIALS = rf"[{_UPPER}]\.(?:\s?[{_UPPER}]\.)*"
_PARTICLE = r"(?:de|du|des|van|von|der|den|da|di|dos|del|ben|bin|le|la|st\.?|d['’])"
_NAME_PART = rf"(?:{_WORD}|{_INITIALS})"
# `NAME` and `SINGLE` begin with the capital that begins every match, and check the
# character before it after it (``(?<![\w.-].)``): a pattern whose first step is a set of
# characters lets the regular expression engine skip, in C, every position that does
# not hold one, where a pattern opening on an assertion is tried at every character
# (half the time of a passage's scan). `_WORD_REST` is `_WORD` after its first capital,
# its alternatives in the same order, so every match is the one `_WORD` gave.
_WORD_REST = (rf"(?:['’](?:Mc|Mac)?[{_UPPER}]|(?<=M)(?:c|ac)[{_UPPER}])?[{_LOWER}]+"
              rf"(?:-[{_UPPER}][{_LOWER}]+)*")
_NAME_PART_REST = rf"(?:{_WORD_REST}|\.(?:\s?[{_UPPER}]\.)*)"  # after its first capital
NAME = re.compile(rf"([{_UPPER}](?<![\w.-].){_NAME_PART_REST}"
                  rf"(?:\s+(?:{_PARTICLE}\s+){{0,2}}{_NAME_PART}){{1,5}})(?![\w-])")
SINGLE = re.compile(rf"([{_UPPER}](?<![\w-].){_WORD_REST})(?![\w-])")
_MAX_NAME_WORDS = 4
_LOWER_WORD = re.compile(rf"[{_LOWER}-]+")
_NEXT_PRONOUN = re.compile(r"[^.!?;:]*[.!?;:]\s+(Elle|Il|She|He)\b")
_PRONOUN_READ = 400  # characters after a mention where the next sentence's pronoun is looked for
_PLACE_BEFORE = re.compile(r"\b(?:the|in|at|à|en|au|aux|dans|near|across)\s+$", re.IGNORECASE)
_APPOSITION = re.compile(r"\s*,\s*([^,.;:!?()«»“”\"]{3,80})")
# The one to five words that end a clause. Tried only where a word begins (the leftmost
# match always begins there) and without giving back part of a word or of the space
# after it (the two never overlap): the same matches, without a search of every word's
# every letter for five words that reach the end.
_ROLE_BEFORE = re.compile(r"(?<![\w'’-])((?:[\w'’-]++\s++){1,5})$")
_CLAUSE_BREAK = re.compile(r"[.,;:!?«»“”\"()]")
_FEMININE_DETERMINER = re.compile(r"(?:^|\s)(?:la|une|cette)\s+$", re.IGNORECASE)


_POSSESSIVE = re.compile(rf"(?:[{_UPPER}][\w.-]*\s+){{0,4}}[{_UPPER}][\w.-]*['’]s?(?!\w)")
_SENTENCE_BREAK = re.compile(r"[.!?;:]\s")


class Spans:
    """Stretches of a passage (start, end), asked "does one of you hold this offset?".

    Answered by bisection over the starts, with the furthest end reached so far beside
    each (stretches may overlap), so that checking every capitalised word of a passage
    against every name found in it costs M log N, not M times N. `probes` counts the
    comparisons made, for the tests of that cost.
    """

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [start for start, _end in ordered]
        self.reach: list[int] = list(itertools.accumulate(
            (end for _start, end in ordered), max))
        self.probes = 0
        self._depth = max(1, len(self.starts).bit_length())

    def covers(self, offset: int) -> bool:
        """Whether some stretch has start <= offset < end."""
        index = bisect_right(self.starts, offset)
        self.probes += self._depth
        return index > 0 and self.reach[index - 1] > offset


def single_words(text: str) -> tuple[list[str], list[int]]:
    """Every match of `SINGLE` in `text` and where each begins, found in C: the text
    split at the matches gives the pieces between them and the words in turn, and the
    running sum of the pieces' lengths where each word begins (a Python step per match,
    on a German page whose every noun is one, cost as much as the scan)."""
    pieces = SINGLE.split(text)  # before the first word, the first word, after it...
    ends = list(itertools.accumulate(map(len, pieces)))
    return pieces[1::2], ends[0:-1:2]  # a word begins where the piece before it ends


def sentence_breaks(text: str) -> list[int]:
    """Where each sentence of a passage ends (the offsets after its ``. ``, ``? ``…)."""
    return [match.end() for match in _SENTENCE_BREAK.finditer(text)]


def _subject_position(text: str, start: int, breaks: list[int] | None = None) -> bool:
    """Whether a mention opens its sentence (or follows a fronted phrase and its comma)
    and is not a possessive: only then is it what a pronoun in the next sentence means
    ("… caused Roe's dismay. She answered …" is about someone else). `breaks` are the
    passage's `sentence_breaks`, found once for all its mentions."""
    breaks = sentence_breaks(text) if breaks is None else breaks
    before = bisect_right(breaks, start)
    prefix = text[breaks[before - 1] if before else 0:start].strip()
    if prefix and not prefix.endswith(",") and \
            prefix.lower().rstrip(".") + "." not in honorifics():
        return False  # not where a subject stands: the possessive need not be looked for
    return _POSSESSIVE.match(text, start) is None


_FIRST_NAME_ONLY = re.compile(
    rf"(?:^|[.!?]\s+)({_WORD}),\s+(?:\d{{1,3}}(?:\s+ans)?,|(?:a|an|un|une)\s"
    r"[^.;:!?,]{0,80}?\b(?:who|whose|qui|dont|his|her|son|sa|ses|he|she|il|elle)\b)",
    re.IGNORECASE)
# What follows the name's comma in every match of `_FIRST_NAME_ONLY`: found in one scan
# for a literal comma, where the whole pattern is tried at every sentence start.
_APPOSITION_START = re.compile(r",\s+(?:\d|(?:a|an|un|une)\s)", re.IGNORECASE)


def _next_pronoun_gender(text: str, start: int, end: int) -> str | None:
    """The gender a pronoun opening the sentence after a mention tells ("Marie Roy … .
    Elle …"), read in ``text[start:end]`` without copying it; one sentences later may
    mean someone the article has not named. Looked for before `_subject_position`: most
    mentions are followed by no pronoun, and the subject test reads back to the start of
    the sentence, which in a long sentence of names made each mention cost the sentence."""
    match = _NEXT_PRONOUN.match(text, start, end)
    if match is None:
        return None
    return "f" if match.group(1).lower() in ("elle", "she") else "m"


def _first_name_people(text: str, names: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """People a page names by one word, set apart by an apposition that opens a sentence
    and can only describe a person: an age ("Antoine, 24 ans, …") or a description with a
    "who", "qui" or a personal pronoun in it ("Daniel, a senior who asked that his surname
    be withheld, …"; not "Meanwhile, a new law …"). Words that are not names
    (``not_names.txt``) and words inside a full name are left."""
    if _APPOSITION_START.search(text) is None:
        return []  # no apposition of that kind anywhere: the whole pattern cannot match
    covered = {start for start, _name in names}
    return [(m.start(1), m.group(1)) for m in _FIRST_NAME_ONLY.finditer(text)
            if m.start(1) not in covered and m.group(1).lower() not in _not_name()]


_GIVEN_NAME_TITLES = ("Prince", "Princess", "Princesse", "King", "Queen", "Roi", "Reine", "Pope",
                      "Pape", "Sir", "Dame", "Lord", "Lady")
_TITLE_WORD = re.compile("|".join(_GIVEN_NAME_TITLES))  # in every match of `_TITLED`
_TITLED = re.compile(rf"\b(?:{'|'.join(_GIVEN_NAME_TITLES)})\s+{_WORD}(?![\w-]|\s+[{_UPPER}])")


def _titled_people(text: str, names: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """People known by a title and a given name ("Prince Andrew", "Queen Margrethe",
    "Sir Keir"): the title stays in the name, since the page never gives a surname."""
    if _TITLE_WORD.search(text) is None:
        return []  # one scan for the titles' first letters, not the pattern at every word
    covered = Spans((start, start + len(name)) for start, name in names)
    return [(m.start(), m.group(0)) for m in _TITLED.finditer(text)
            if not covered.covers(m.start()) and m.group(0).split()[1].lower() not in _not_name()]


def _not_name() -> frozenset[str]:
    return words("not_names.txt")


_PARTICLES = frozenset("de du des van von der den da di dos del ben bin le la st st. d' d’".split())


def _is_particle(word: str) -> bool:
    return word.lower() in _PARTICLES


def _after_job_title(lowered: list[str]) -> int:
    """How many tokens (given lower-cased) a capitalised job title set before a name
    takes ("Solicitor General", "Senate Majority Leader", "Palestinian Authority
    President"), when two or more words of name follow it; a title is the person's role,
    not part of their name. 0 when there is none."""
    if len(lowered) < 3:
        return 0
    titles = words("job_titles.txt")
    for index in range(len(lowered) - 3, -1, -1):  # the last title of the run
        if lowered[index].strip(".,") in titles:
            return index + 1
    return 0


def _clean_candidate(raw: str) -> str | None:
    """Strip sentence openers, titles and non-name words from the ends of a capitalised run.

    Each token is lower-cased once for every test below (a German page makes a run of
    every noun phrase)."""
    tokens = raw.split()
    lowered = raw.lower().split()  # the same tokens, lower-cased in one call
    titles, not_name, particles = honorifics(), _not_name(), _PARTICLES
    start, stop = 0, len(tokens)
    while start < stop and (lowered[start].strip("'’") in not_name or lowered[start] in titles
                            or lowered[start] in particles):
        start += 1
    while stop > start and (lowered[stop - 1] in not_name or lowered[stop - 1] in particles
                            or "." in tokens[stop - 1]):
        stop -= 1
    start += _after_job_title(lowered[start:stop])
    tokens, lowered = tokens[start:stop], lowered[start:stop]
    core = [i for i, low in enumerate(lowered) if low not in particles]
    if len(core) > _MAX_NAME_WORDS:
        tokens, lowered = tokens[:_MAX_NAME_WORDS], lowered[:_MAX_NAME_WORDS]
        core = [i for i, low in enumerate(lowered) if low not in particles]
    if len(core) < 2 or any(lowered[i] in not_name for i in core):
        return None
    if all("." in tokens[i] for i in core[:-1]) and len(tokens[core[0]]) <= 2:
        return None  # "M. Caldwell": a title, not an initial
    return " ".join(tokens)


_ROLE_DETERMINERS = frozenset("the our their its his her le la l' l’ notre leur son sa "
                               "their".split())


def _fronted_role(clause: str) -> str:
    """A role set before a name between commas ("the agency's founder, Ezra Morland, …"):
    the clause if it opens with a determiner and is a few words long, else nothing."""
    tokens = clause.split()
    if not tokens or len(tokens) > 5:
        return ""
    head = tokens[0].lower()
    if head in _ROLE_DETERMINERS or re.match(r"^l['’]", head):
        return clause
    return ""


def find_names(text: str) -> list[tuple[int, str]]:
    """Full person names in `text`, with their positions, in order.

    The capitalised runs come from one split of the text at `NAME` (its one group is the
    whole match), their positions from the lengths of the pieces between them: no match
    object and its method calls for each run, of which a German page has one for
    every noun phrase."""
    pieces = NAME.split(text)  # before the first run, the first run, after it...
    found = []
    position = 0
    for index in range(1, len(pieces), 2):
        raw = pieces[index]
        position += len(pieces[index - 1])
        name = _clean_candidate(raw)
        if name:
            found.append((position + raw.index(name.split(" ", 1)[0]), name))
        position += len(raw)
    return found


@functools.lru_cache(maxsize=4096)
def _content_words(text: str) -> frozenset[str]:
    skip = (_not_name() - honorifics().keys()) | verb_set()
    return frozenset(w for w in _LOWER_WORD.findall(text.lower()) if len(w) > 2 and w not in skip)


def content_words(text: str) -> set[str]:
    """Lower-case words of three letters or more that are neither function words nor verbs
    of saying: what a role ("the director", "la journaliste de Brut") is made of."""
    return set(_content_words(text))


@dataclass(eq=False)
class CastMember:
    """Someone the article names."""

    name: str
    gender: str | None = None  # "f", "m" or None when the text never says
    roles: set[str] = field(default_factory=set)
    salience: int = 0  # how often the article has mentioned or quoted them so far

    @property
    def surnames(self) -> set[str]:
        """Words that refer to this person alone: the last name and its hyphenated parts."""
        last = self.name.split()[-1]
        return {last, *last.split("-")} if "-" in last else {last}

    @property
    def first_name(self) -> str:
        return self.name.split()[0]


class Cast:
    """The people of one article, in the order the article names them."""

    def __init__(self) -> None:
        self.people: dict[str, CastMember] = {}
        # who was mentioned, the most recent last, with the count of mentions at the time
        self._recency: dict[CastMember, int] = {}
        self._mentioned = itertools.count()
        # who one word may mean: ("s", word) the people whose surnames hold it, ("f",
        # word) those whose first name it is, as their names are now (a renamed person
        # leaves the pools of its old name), and beside each pool the one of them
        # mentioned last (a mention makes its person the latest of every pool it is in)
        self._pools: dict[tuple[str, str], dict[CastMember, None]] = {}
        self._latest: dict[tuple[str, str], CastMember] = {}
        self._keys: dict[CastMember, tuple[tuple[str, str], ...]] = {}
        self._by_word: dict[str, dict[CastMember, None]] = {}  # everyone a word may mean
        # what `resolve` looks a full name up in: first and last word together, every
        # shorter run opening or closing a known name, and every known name's words
        self._by_ends: dict[tuple[str, str], list[CastMember]] = {}
        self._by_affix: dict[tuple[str, ...], list[CastMember]] = {}
        self._by_tokens: dict[tuple[str, ...], list[CastMember]] = {}
        self._order: dict[CastMember, int] = {}  # the order of self.people, kept up to date
        self._counter = itertools.count()
        self.mentions: list[tuple[int, CastMember]] = []  # of the passage read last

    @property
    def recent(self) -> list[CastMember]:
        """The people mentioned so far, the most recently mentioned last."""
        return list(self._recency)

    @property
    def latest(self) -> CastMember | None:
        """The person mentioned last (None before any mention), without `recent`'s copy."""
        return next(reversed(self._recency), None)

    def latest_of(self, fits: Callable[[CastMember], bool]) -> CastMember | None:
        """The most recently mentioned person who `fits`: a walk back from the latest
        mention that stops at the first, where a list of everyone was made and filtered
        for each quotation (a quotation's rules ask it several times)."""
        return next(filter(fits, reversed(self._recency)), None)

    def read(self, text: str) -> list[CastMember]:
        """Record every mention in a passage; return the people it mentions, in order."""
        names = find_names(text)
        names = sorted(names + _first_name_people(text, names) + _titled_people(text, names))
        mentions = self._full_mentions(text, names) + self._word_mentions(text, names)
        mentions.sort(key=lambda item: item[0])
        self.mentions = mentions
        breaks: list[int] | None = None  # found when a pronoun first asks for them
        for index, (start, person) in enumerate(mentions):
            if not person.gender:
                end = mentions[index + 1][0] if index + 1 < len(mentions) else len(text)
                gender = _next_pronoun_gender(text, start, min(end, start + _PRONOUN_READ))
                if gender:  # only then does it matter whether the mention is a subject
                    breaks = sentence_breaks(text) if breaks is None else breaks
                    if _subject_position(text, start, breaks):
                        person.gender = gender
            self.touch(person)
        return [person for _start, person in mentions]

    def _full_mentions(self, text: str, names: list[tuple[int, str]],
                       ) -> list[tuple[int, CastMember]]:
        out = []
        titles = honorifics()
        for start, name in names:
            if _PLACE_BEFORE.search(text[max(0, start - 12):start]):
                continue  # "in the English Midlands", "dans le Pays Basque": a place
            person = self.resolve(name)
            person.gender = person.gender or titles.get(name.split()[0].lower())
            self._learn_roles(person, text, start, start + len(name))
            out.append((start, person))
        return out

    def _learn_roles(self, person: CastMember, text: str, start: int, end: int) -> None:
        """Roles from an apposition after the name or the words just before it."""
        after = _APPOSITION.match(text, end, end + 90)
        if after and not SINGLE.match(after.group(1).strip()):
            person.roles.update(content_words(" ".join(after.group(1).split()[:6])))
        before = text[max(0, start - 60):start]
        clauses = _CLAUSE_BREAK.split(before)
        clause = clauses[-1]
        if not clause.strip() and len(clauses) > 1 and before.rstrip().endswith(",") \
                and text[end:end + 2].lstrip().startswith(","):
            clause = _fronted_role(clauses[-2]) + " "  # "Le directeur, Hervé Lemaire, …"
        role = _ROLE_BEFORE.search(clause)
        if role:
            person.roles.update(content_words(role.group(1)))
            title = role.group(1).split()[-1].lower()
            person.gender = person.gender or honorifics().get(title.rstrip(".") + ".") or \
                honorifics().get(title)
            if _FEMININE_DETERMINER.search(" " + " ".join(role.group(1).split()[:1]) + " "):
                person.gender = person.gender or "f"

    def _word_mentions(self, text: str, names: list[tuple[int, str]]
                       ) -> list[tuple[int, CastMember]]:
        """Known people referred to by one word: surname or first name ("says Lederman")."""
        if not self.people:
            return []
        words, starts = single_words(text)
        known = self._by_word.keys() & words  # a set, in C
        if not known:
            return []
        covered = Spans((s, s + len(n)) for s, n in names)
        out = []
        titles = honorifics()
        # only the known words go through Python: the others (on a German page, nearly
        # every noun) are passed over by `compress` in C
        for word, start in itertools.compress(zip(words, starts, strict=True),
                                              map(known.__contains__, words)):
            if covered.covers(start):
                continue
            title = text[max(0, start - 12):start].split()[-1:]
            person = self.lookup(word, titles.get(title[0].lower()) if title else None)
            if person:
                out.append((start, person))
        return out

    def resolve(self, name: str) -> CastMember:
        """The known person a full name refers to, or a new one.

        A full name that differs from a known one in its first name is someone else
        ("Samir Bélanger" is not the "Anne Bélanger" named before); a known full name
        that starts or ends with this one is the same person ("Te Kaurinui" for "Te
        Kaurinui Robert Parata", "Black Elk" for "Linda Black Elk"); a known name that
        this one extends at its end was cut short, and the person takes the fuller name.
        """
        if name in self.people:
            return self.people[name]
        tokens = name.split()
        words = tuple(tokens)
        # only the people a rule below can match are looked at, each found by a dictionary
        # hit: an article naming a hundred Annes pays for the Anne it names, not for all
        sharing: set[CastMember] = {*self._by_ends.get((tokens[0], tokens[-1]), []),
                                    *self._by_affix.get(words, [])}
        for length in range(2, len(tokens)):
            sharing.update(self._by_tokens.get(words[:length], []))
        candidates = sorted((p for p in sharing if self.people.get(p.name) is p),
                            key=self._order.__getitem__)
        for person in candidates:
            known = person.name.split()
            if known[-1] == tokens[-1] and known[0] == tokens[0]:
                return person
            if len(tokens) < len(known) and tokens in (known[:len(tokens)],
                                                       known[-len(tokens):]):
                return person
        for person in candidates:
            known = person.name.split()
            if 1 < len(known) < len(tokens) and known == tokens[:len(known)]:
                return self._rename(person, name)  # "Te Kaurinui Robert" was cut short
        person = CastMember(name)
        self.people[name] = person
        self.index(person)
        return person

    def _rename(self, person: CastMember, name: str) -> CastMember:
        """Give a known person the fuller name the article now writes."""
        del self.people[person.name]
        self._leave_pools(person)
        person.name = name
        self.people[name] = person
        self._order.pop(person, None)
        self.index(person)
        return person

    def index(self, person: CastMember) -> None:
        """Make a person findable by first name and surname (a one-word name by itself)."""
        if person not in self._order:
            self._order[person] = next(self._counter)
        known = tuple(person.name.split())
        if not known:
            raise IndexError(f"a cast member without a name: {person.name!r}")
        self._join_pools(person, known[0])
        self._by_ends.setdefault((known[0], known[-1]), []).append(person)
        self._by_tokens.setdefault(known, []).append(person)
        for length in range(1, len(known)):
            for affix in {known[:length], known[-length:]}:
                self._by_affix.setdefault(affix, []).append(person)

    def _join_pools(self, person: CastMember, first: str) -> None:
        """Put a person in the pools of its first name and surnames (see `__init__`)."""
        keys = (("f", first), *(("s", word) for word in person.surnames))
        self._keys[person] = keys
        mentioned = self._recency.get(person)
        for key in keys:
            self._pools.setdefault(key, {})[person] = None
            self._by_word.setdefault(key[1], {})[person] = None
            latest = self._latest.get(key)
            if mentioned is not None and (latest is None or mentioned > self._recency[latest]):
                self._latest[key] = person

    def _leave_pools(self, person: CastMember) -> None:
        """Take a person out of the pools of its present name (before a rename); a pool
        whose latest it was looks for its new latest once (renames are rare)."""
        for key in self._keys.pop(person, ()):
            pool = self._pools[key]
            del pool[person]
            meant = self._by_word.get(key[1])  # gone already if the first name is a surname
            if meant is not None:
                meant.pop(person, None)
                if not meant:
                    del self._by_word[key[1]]
            if not pool:
                del self._pools[key]
            if self._latest.get(key) is person:
                del self._latest[key]
                newest = self._most_recent(pool)
                if newest is not None:
                    self._latest[key] = newest

    def _most_recent(self, pool: Iterable[CastMember]) -> CastMember | None:
        """The most recently mentioned of `pool` (None if none was), by a scan of it."""
        recency = self._recency
        return max((p for p in pool if p in recency), key=recency.__getitem__, default=None)

    def lookup(self, word: str, gender: str | None = None) -> CastMember | None:
        """The one known person a single word (surname first, then first name) means:
        the one whose surname it is, else the one whose first name it is, else the most
        recently mentioned of those (None if none was mentioned).

        Dictionary hits, whatever the number of people the word may mean: a German page,
        whose noun phrases fill the cast, has a "Die" or a "Yon-Ka" in the names of
        hundreds of them, and a filter of them all for each mention of the word made the
        page's cost grow with the square of its length. Only a gender (a title before the
        word) filters the word's people, and a mention with a title is rarer."""
        surnames = self._pools.get(("s", word), {})
        firsts = self._pools.get(("f", word), {})
        if gender:
            everyone = self._by_word.get(word, {})
            fitting = [p for p in everyone if p.gender in (gender, None)]
            if fitting and len(fitting) < len(everyone):  # else everyone, as without it
                surnames = {p: None for p in fitting if p in surnames}
                firsts = {p: None for p in fitting if p in firsts}
                return self._choose(surnames, firsts, None)
        return self._choose(surnames, firsts, word)

    def _choose(self, surnames: dict[CastMember, None], firsts: dict[CastMember, None],
                word: str | None) -> CastMember | None:
        """`lookup`'s rule on the people a word may mean as a surname and as a first
        name; `word` when they are its whole pools, whose latest is kept."""
        if len(surnames) == 1:
            return next(iter(surnames))
        if len(firsts) == 1 and not surnames:
            return next(iter(firsts))
        pool, role = (surnames, "s") if surnames else (firsts, "f")
        if word is not None:
            return self._latest.get((role, word))
        return self._most_recent(pool)

    def by_surname(self, word: str) -> CastMember | None:
        """The known person with this surname (kept for callers of the old name)."""
        return self.lookup(word)

    def touch(self, person: CastMember) -> None:
        """Make a person the most recently mentioned."""
        person.salience += 1
        self._recency.pop(person, None)  # a dict keeps order: moving one is O(1)
        self._recency[person] = next(self._mentioned)
        for key in self._keys.get(person, ()):
            self._latest[key] = person

    def by_role(self, text: str) -> CastMember | None:
        """The person most recently named with a role this phrase uses ("the director")."""
        wanted = content_words(text)
        return self.latest_of(lambda p: bool(p.roles & wanted))

    def by_gender(self, gender: str | None, exclude: CastMember | None = None,
                  ) -> CastMember | None:
        """The most recent person a pronoun of this gender can mean."""
        latest = unknown = None  # the latest of everyone, of those of unknown gender
        for person in reversed(self._recency):  # one walk back, until one of that gender
            if person is exclude:
                continue
            if gender is not None and person.gender == gender:
                return person
            latest = latest or person
            unknown = unknown or (person if person.gender is None else None)
        return unknown or latest

    def referent(self, text: str) -> CastMember | None:
        """Who a role or pronoun phrase ("La formatrice précise:", "He explains:") means."""
        person = self.by_role(text)
        if person:
            return person
        lowered = f" {text.lower()} "
        if re.search(r"\b(?:elle|she)\b|-t-elle\b|(?:^|\s)(?:la|une|cette)\s", lowered):
            return self.by_gender("f")
        if re.search(r"\b(?:il|he)\b|-t-il\b", lowered):
            return self.by_gender("m")
        return None
