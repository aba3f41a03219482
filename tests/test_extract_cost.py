"""The extraction's cost grows with the page, not faster: counted, never timed.

Each test builds a page or a passage with N people and M capitalised words (or N marked
elements at depth D) and counts the work done: comparisons of a word against the names
found, characters scanned for sentence ends, ancestors looked at. A quadratic rule would
count N times M; these counts stay within a small multiple of the size (times a log).
The large synthetic passages would also take minutes if a rule went back to testing
every span for every word; no assertion here is on time.
"""

from __future__ import annotations

import math
import re
import time
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from lecteur.core.extract import speakers, voices
from lecteur.core.extract.authors import sources
from lecteur.core.extract.authors.card import author_from_html
from lecteur.core.extract.html import drop_control_references, extract_html
from lecteur.core.extract.markup import markup_quotes
from lecteur.core.extract.page import parse_page, short_text
from lecteur.core.extract.quotations import pull_quotes
from lecteur.core.extract.repeats import Joined
from lecteur.core.extract.speakers import Cast, CastMember, Spans
from lecteur.core.models import Block

_FIRST = ["Anne", "Paul", "Marie", "Louis", "Claire", "Henri", "Sophie", "Julien"]
_LAST = ["Roy", "Martin", "Bernard", "Dubois", "Lefebvre", "Moreau", "Laurent", "Girard"]


def _names(count: int) -> list[str]:
    """`count` distinct two-word names ("Anne Roy", "Anne Royb", …)."""
    out = []
    for index in range(count):
        suffix = "" if index < 64 else "".join(chr(97 + int(d)) for d in str(index))
        out.append(f"{_FIRST[index % 8]} {_LAST[index // 8 % 8]}{suffix}")
    return out


class _CountingBreaks:
    """Stands in for the sentence-break pattern and counts the characters it scans."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.scanned = 0

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        end = len(text) if endpos is None else endpos
        self.scanned += max(0, end - pos)
        return self.pattern.finditer(text, pos, end)


def test_spans_answer_like_a_scan_of_every_span() -> None:
    spans = [(0, 5), (3, 9), (20, 22), (30, 31), (30, 40), (41, 42)]
    covered = Spans(spans)
    for offset in range(-2, 50):
        assert covered.covers(offset) == any(a <= offset < b for a, b in spans), offset
    assert not Spans([]).covers(0)


def test_a_passage_reads_its_sentence_ends_once_whatever_its_mentions(
        monkeypatch: pytest.MonkeyPatch) -> None:
    counting = _CountingBreaks(speakers._SENTENCE_BREAK)
    monkeypatch.setattr(speakers, "_SENTENCE_BREAK", counting)
    text = " ".join(f"{name} est consultante. Elle conseille {name.split()[1]}."
                    for name in _names(400))
    cast = Cast()
    people = cast.read(text)
    assert len(people) >= 400  # each name in full, most again by surname
    assert counting.scanned <= 2 * len(text)  # once for the passage, not once a mention


def test_words_are_checked_against_the_names_by_bisection(
        monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[Spans] = []

    class Counted(Spans):
        def __init__(self, spans: Any) -> None:
            super().__init__(spans)
            made.append(self)

    monkeypatch.setattr(speakers, "Spans", Counted)
    names = _names(1000)
    cast = Cast()
    cast.read(" ".join(f"{n} a parlé." for n in names))  # the cast knows them all
    text = " ".join(f"{n} et {n.split()[0]} Ici Là Ensuite." for n in names)
    cast.read(text)
    words = len(speakers.SINGLE.findall(text))
    probes = sum(s.probes for s in made)
    assert words > 4000
    # one bisection per word: about log2(N) comparisons, never N
    assert probes <= words * (math.log2(len(names)) + 2)


def test_a_long_passage_with_many_people_is_read_in_linear_time() -> None:
    """20,000 names and 60,000 capitalised words: a scan of every name for every word
    (or of the text before every mention) would take minutes."""
    names = _names(20_000)
    text = " ".join(f"{n} dit. {n.split()[1]} ajoute." for n in names)
    cast = Cast()
    mentioned = cast.read(text)
    assert len(mentioned) >= 2 * len(names) - 100
    assert cast.lookup(names[-1].split()[1]) is not None


def test_who_speaks_in_a_paragraph_is_found_by_bisection() -> None:
    """_speaking on 20,000 verbs and 20,000 mentions in one paragraph."""
    people = [CastMember(name) for name in _names(20_000)]
    pieces, mentions, at = [], [], 0
    for person in people:
        piece = f"{person.name} said it again. "
        mentions.append((at, person))
        pieces.append(piece)
        at += len(piece)
    speaking = voices._speaking("".join(pieces), mentions)
    assert speaking == people


def test_speaking_matches_a_plain_reading_of_the_rules() -> None:
    text = ("Selon Anne Roy, rien. Paul Martin, chef, a déclaré que non. Puis a déclaré "
            "Marie Bernard la suite? Il a dit oui. according to Louis Dubois it works.")
    cast = Cast()
    cast.read(text)
    mentions = list(cast.mentions)
    expected: list[CastMember] = []
    for verb in voices.verb_pattern().finditer(text):
        start = max(text.rfind(". ", 0, verb.start()), text.rfind("? ", 0, verb.start()))
        before = [p for s, p in mentions if start < s < verb.start()]
        after = [p for s, p in mentions if verb.end() <= s <= verb.end() + 25]
        chosen = before[-1] if before else (after[0] if after else None)
        if chosen is not None and chosen not in expected:
            expected.append(chosen)
    for start, person in mentions:
        if voices._ACCORDING.search(text[max(0, start - 25):start]) and person not in expected:
            expected.append(person)
    assert voices._speaking(text, mentions) == expected
    assert expected  # the rules found someone


def _deep_page(depth: int, bylines: int) -> str:
    """A page whose bylines sit `depth` wrappers deep, some in a comment section."""
    opening = "".join(f"<div class='w{i}'>" for i in range(depth))
    closing = "</div>" * depth
    marked = "<span class='author-name'>Par Jeanne Roy</span>" * bylines
    comments = "<p class='meta'>By Paul Martin</p>" * bylines
    return (f"<html><body>{opening}<article><p>Un texte.</p>{marked}</article>"
            f"<section id='comments'>{comments}</section>{closing}</body></html>")


def test_each_ancestor_of_the_marked_elements_is_looked_at_once() -> None:
    tree = parse_page(_deep_page(120, 400))
    scan = sources.PageScan(tree)
    assert len(scan.marked) >= 800
    for element in scan.marked:
        scan.hidden(element)
    elements = sum(1 for _ in tree.iter())
    assert scan.steps <= elements  # not marked elements times depth (100,000)


def test_the_scan_finds_what_the_readers_found_with_xpath() -> None:
    """The walk keeps what the three whole-document queries kept, in document order."""
    html = ("<html><body><div class='post-meta'>Posted by <a rel='author'>Jane Roe</a>"
            "</div><!-- by nobody --><h3>About the author</h3><p>Short by line</p>"
            f"<p>{'long ' * 40}by</p><span itemprop='author'>X</span>"
            "<div id='author-box'><b>Jane Roe</b> tail by Jane</div>PAR la fin</body></html>")
    tree = parse_page(html)
    scan = sources.PageScan(tree)
    words = " or ".join(f"contains(., '{w}')" for w in (
        "by", "By", "BY", "par", "Par", "PAR", "uteur", "uthor", "UTEUR", "UTHOR", "ords",
        "exte"))
    classes = " or ".join(f"contains(., '{w}')" for w in (
        "author", "byline", "vcard", "bio", "fn", "meta", "review", "info", "posted",
        "credit", "signature", "auteur"))
    marked = tree.xpath(f"//@class[{classes}]/.. | //@id[contains(., 'author')]/.. | "
                        "//@rel[contains(., 'author')]/.. | //@itemprop[. = 'author']/..")
    nodes = tree.xpath(f"//text()[string-length() < 200][{words}]")
    assert scan.marked == marked
    assert [(o.tail if tail else o.text) for o, tail in scan.text_nodes] == [str(n) for n in nodes]


def test_marks_other_than_classes_are_put_in_document_order() -> None:
    """Elements marked by ``rel``, ``id`` or ``itemprop`` alone, before, between, inside
    and after the ones marked by class, deep and shallow, come out in document order."""
    pieces = []
    for i in range(40):
        shape = i % 5
        if shape == 0:
            pieces.append(f"<div class='meta m{i}'><span rel='author'>A{i}</span></div>")
        elif shape == 1:
            pieces.append(f"<p itemprop='author'>B{i}<em class='byline'>C{i}</em></p>")
        elif shape == 2:
            pieces.append(f"<section><div><div id='author-{i}'><b class='info'>D{i}</b>"
                          "</div></div></section>")
        elif shape == 3:
            pieces.append(f"<a rel='author' class='info'>E{i}</a><i rel='nofollow'>F</i>")
        else:
            pieces.append(f"<ul><li><a rel='author'>G{i}</a></li></ul><p class='bio'>H</p>")
    tree = parse_page(f"<html><body><span id='author'>first</span>{''.join(pieces)}"
                      "<footer itemprop='author'>last</footer></body></html>")
    classes = " or ".join(f"contains(@class, '{w}')" for w in (
        "author", "byline", "vcard", "bio", "fn", "meta", "review", "info", "posted",
        "credit", "signature", "auteur"))
    expected = tree.xpath(f"//*[{classes} or contains(@id, 'author') or "
                          "contains(@rel, 'author') or @itemprop = 'author']")
    assert sources.PageScan(tree).marked == expected
    assert len(expected) > 70


def test_a_page_with_many_deep_bylines_keeps_its_author() -> None:
    author = author_from_html(_deep_page(120, 300))
    assert author is not None and author.name == "Jeanne Roy"  # never the commenter


def _reference_drop(html: str) -> str:
    """The rule as first written: every numeric reference read, controls removed."""
    def keep(match: re.Match[str]) -> str:
        hexadecimal, decimal = match.groups()
        code = int(hexadecimal, 16) if hexadecimal else int(decimal)
        return "" if (code < 32 and code not in (9, 10, 13)) or code == 127 else match.group(0)

    return re.sub(r"&#(?:[xX]0*([0-9a-fA-F]{1,2})(?![0-9a-fA-F])|0*([0-9]{1,3})(?![0-9]));?",
                  keep, html)


def test_control_references_are_dropped_exactly_as_the_first_rule_did() -> None:
    forms = []
    for code in range(0, 300):
        for zeros in ("", "0", "000"):
            forms += [f"&#{zeros}{code}", f"&#x{zeros}{code:x}", f"&#X{zeros}{code:X}"]
    for form in forms:
        for after in ("", ";", "a", "5", "F", " ", ";;", "g"):
            html = f"<p>a{form}{after}b</p>"
            assert drop_control_references(html) == _reference_drop(html), html


def test_a_page_with_ten_thousand_ordinary_references_extracts() -> None:
    body = "".join(f"<p>L&#8217;article {i} &#233;crit par &#x41;nne, d&#39;accord.</p>"
                   for i in range(2000))
    article = extract_html(f"<html><body><article>{body}&#7;</article></body></html>", "p")
    assert "L’article 1999 écrit par Anne" in article.text


def test_short_text_is_text_content_or_nothing() -> None:
    tree = parse_page("<html><body><div>  <p> — Jeanne <b>Roy</b> </p>\n\n<p>x</p>   </div>"
                      "<h1>" + "mot " * 600 + "</h1></body></html>")
    for element in tree.iter():
        whole = element.text_content()
        for limit in (0, 1, 5, 12, 15, 40, 3000):
            expected = whole if len(whole.strip()) <= limit else None
            assert short_text(element, limit) == expected, (element.tag, limit)


def test_signature_lines_inside_a_huge_container_cost_their_own_length() -> None:
    """6,000 signature lines in one <div> of 700 KB: reading the whole <div> again for
    each of them (to see whether the line is all it holds) would take minutes."""
    lines = "".join(f"<p>Un paragraphe de texte numéro {i} qui parle.</p><p>— Jeanne Roy</p>"
                    for i in range(6000))
    tree = parse_page(f"<html><body><div>{lines}</div></body></html>")
    quotes = markup_quotes(tree)
    assert quotes and quotes[0].speaker == "Jeanne Roy"


# The plain forms of `speakers.NAME` and `speakers.SINGLE`, as first written: the fast
# forms open on the capital instead of an assertion, and must match exactly as these do.
_PLAIN_NAME = re.compile(
    rf"(?<![\w.-])({speakers._NAME_PART}(?:\s+(?:{speakers._PARTICLE}\s+){{0,2}}"
    rf"{speakers._NAME_PART}){{1,5}})(?![\w-])")
_PLAIN_SINGLE = re.compile(rf"(?<![\w-])({speakers._WORD})(?![\w-])")
_NAME_PIECES = st.lists(st.sampled_from([
    "Anne", "Roy", "Mc", "Mac", "Donald", "McDonald", "MacLeod", "Mcx", "M", "O", "D", "'",
    "’", "Brien", "O'Brien", "D’Souza", "de", "la", "van", "st.", "d'", "J.", "R.", "M.",
    "Jean-Pierre", "-", ".", " ", "  ", "\n", ",", "a", "é", "Élodie", "ß", "Ö", "x1", "_",
    "Dr.", "Du", "Roy-", "-Roy", "ANNE", "MMc", "Mac-Roy", "Sc", "Tac", "c", "ac"]),
    max_size=14).map("".join)


@settings(max_examples=1500, deadline=None)
@given(_NAME_PIECES)
def test_the_name_patterns_match_as_their_plain_forms(text: str) -> None:
    for fast, plain in ((speakers.NAME, _PLAIN_NAME), (speakers.SINGLE, _PLAIN_SINGLE)):
        assert [m.span(1) for m in fast.finditer(text)] == \
            [m.span(1) for m in plain.finditer(text)], text
        for start in range(len(text) + 1):
            found, expected = fast.match(text, start), plain.match(text, start)
            assert (found and found.span(1)) == (expected and expected.span(1)), (text, start)


@settings(max_examples=800, deadline=None)
@given(_NAME_PIECES)
def test_single_words_are_the_matches_of_the_pattern_and_their_starts(text: str) -> None:
    words, starts = speakers.single_words(text)
    matches = list(speakers.SINGLE.finditer(text))
    assert words == [m.group(1) for m in matches]
    assert starts == [m.start() for m in matches]


def test_a_word_naming_many_people_is_resolved_without_a_scan_of_everyone() -> None:
    """The most recently mentioned of the people a word may mean, as a scan of everyone
    mentioned (most recent first) gives it, with thousands mentioned."""
    cast = Cast()
    people = [CastMember(f"Anne {name.split()[1]}") for name in _names(3000)]
    for person in people:
        cast.people[person.name] = person
        cast.index(person)
        cast.touch(person)
    for person in people[100:3000:7]:
        cast.touch(person)
    expected = next(p for p in reversed(cast.recent) if p.first_name == "Anne")
    assert cast.lookup("Anne") is expected is people[2998]


def _plain_lookup(cast: Cast, word: str, gender: str | None = None) -> CastMember | None:
    """`Cast.lookup`'s rule as a scan of everyone the cast knows by their names now."""
    candidates = [p for p in cast.people.values() if word in (p.first_name, *p.surnames)]
    if gender:
        candidates = [p for p in candidates if p.gender in (gender, None)] or candidates
    surnames = [p for p in candidates if word in p.surnames]
    firsts = [p for p in candidates if p.first_name == word]
    if len(surnames) == 1:
        return surnames[0]
    if len(firsts) == 1 and not surnames:
        return firsts[0]
    order = {person: index for index, person in enumerate(cast.recent)}
    return max((p for p in surnames or firsts if p in order), key=order.__getitem__,
               default=None)


def test_a_word_in_many_names_is_looked_up_without_a_look_at_each(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A German page's noun phrases fill the cast with "Die Roy", "Die Martin"…: each
    mention of "Die" alone took all of them through a filter of their names, N mentions
    of N names N squared looks. The names are read once each now, when they are
    indexed, and the answer is still the most recently mentioned of them."""
    looks = 0
    plain_surnames, plain_first = CastMember.surnames, CastMember.first_name

    def surnames(self: CastMember) -> set[str]:
        nonlocal looks
        looks += 1
        return plain_surnames.fget(self)  # type: ignore[attr-defined, no-any-return]

    def first_name(self: CastMember) -> str:
        nonlocal looks
        looks += 1
        return plain_first.fget(self)  # type: ignore[attr-defined, no-any-return]

    people = [f"Die {name.split()[1]}" for name in _names(1064)[64:]]  # distinct surnames
    cast = Cast()
    with monkeypatch.context() as patch:
        patch.setattr(CastMember, "surnames", property(surnames))
        patch.setattr(CastMember, "first_name", property(first_name))
        for name in people:  # a paragraph naming one, the next about "Die" alone
            assert cast.read(f"{name} wird genannt.") == [cast.people[name]]
            assert cast.read("Dazu sagt Die nichts.") == [cast.people[name]]
    assert len(cast.people) == 1000
    assert looks <= 4 * len(people)  # a few per name indexed, none per mention
    assert cast.lookup("Die") is _plain_lookup(cast, "Die") is cast.people[people[-1]]


_WORDS = ["Anne", "Paul", "Roy", "Martin", "Te", "Kaurinui", "Robert", "Parata", "Jean-Roy"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.lists(st.sampled_from(_WORDS), min_size=2, max_size=4),
                          st.sampled_from(["", "Elle dit. ", "Il dit. "])), max_size=12),
       st.sampled_from([None, "f", "m"]))
@example([(["Anne", "Anne"], ""), (["Anne", "Anne", "Paul"], "")], None)  # first = surname
def test_lookup_answers_as_a_scan_of_everyone_after_renames(
        passages: list[tuple[list[str], str]], gender: str | None) -> None:
    """Names that share words, grow longer ("Te Kaurinui Robert" then "Te Kaurinui Robert
    Parata": a rename) and come back by one word: every word means whom a scan of the
    people by their present names says, with or without a gender."""
    cast = Cast()
    for words, after in passages:
        cast.read(f"Hier, {' '.join(words)} arrive. {after}{words[-1]} ajoute. {words[0]}.")
    for word in [*_WORDS, "Jean", "Roy"]:
        assert cast.lookup(word, gender) is _plain_lookup(cast, word, gender), word


def test_a_long_sentence_of_names_tests_no_subject_without_a_pronoun_after(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Whether a mention is a subject is read back to its sentence's start, so it is
    asked only of a mention a pronoun follows: a sentence of 2,000 names asked it of
    each (2,000 reads of the sentence so far, lower-cased), now of the last alone."""
    asked: list[int] = []
    plain = speakers._subject_position

    def counted(text: str, start: int, breaks: list[int] | None = None) -> bool:
        asked.append(start)
        return plain(text, start, breaks)

    monkeypatch.setattr(speakers, "_subject_position", counted)
    names = _names(2064)[64:]
    cast = Cast()
    cast.read(", ".join(names) + " et " + names[0] + " arrivent. Elle parle.")
    assert len(asked) == 1  # the mention before "Elle" (not a subject: no gender)
    assert all(person.gender is None for person in cast.people.values())
    cast.read(f"{names[5]} arrive. Elle parle.")
    assert len(asked) == 2 and cast.people[names[5]].gender == "f"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), st.sampled_from([None, "f", "m"]),
                          st.sampled_from(["", "directrice", "maire"])), max_size=40),
       st.sampled_from([None, "f", "m"]), st.integers(0, 30))
def test_the_latest_fitting_person_is_who_a_list_of_everyone_gives(
        touches: list[tuple[int, str | None, str]], gender: str | None, excluded: int) -> None:
    """`by_gender`, `by_role` and `latest_of` walk back from the latest mention and stop
    at the first that fits: the person the filtered list of everyone ends with."""
    cast = Cast()
    people = [CastMember(f"Anne Roy{chr(97 + i)}") for i in range(31)]
    for index, person_gender, role in touches:
        person = people[index]
        person.gender, person.roles = person_gender, {role} if role else set()
        cast.touch(person)
    recent, exclude = cast.recent, people[excluded]
    pool = [p for p in recent if p is not exclude]
    known = [p for p in pool if gender is not None and p.gender == gender]
    chosen = known or [p for p in pool if p.gender is None] or pool
    assert cast.by_gender(gender, exclude) is (chosen[-1] if chosen else None)
    matches = [p for p in recent if p.roles & {"directrice"}]
    assert cast.by_role("la directrice") is (matches[-1] if matches else None)
    assert cast.latest is (recent[-1] if recent else None)


def _signed_page(quotes: int) -> list[Block]:
    """Narrative paragraphs naming people, each followed by a quotation the page signs."""
    blocks = []
    for i in range(quotes):
        blocks.append(Block("paragraph", f"Le maire Paul Martin{chr(97 + i % 26)} a reçu "
                                         f"la ministre Anne Roy au sujet du dossier {i}."))
        blocks.append(Block("quote", f"« Nous avancerons sur le dossier numéro {i}, "
                                     "ensemble et sans attendre. »"))
    return blocks


def test_quotations_the_page_signs_never_make_the_cast_read_the_narrative() -> None:
    """Every quotation signed by the page's markup: its speaker is the credit's, whatever
    the cast holds, so no narrative paragraph is read for people; one unsigned quotation
    at the end has the whole article read before it, in order."""
    from lecteur.core.extract.quotations import attribute
    from lecteur.core.extract.voices import hint_key

    blocks = _signed_page(40)
    hints = {hint_key(b.text.strip("« »")): (f"Jeanne Roy{i}", f"— Jeanne Roy{i}")
             for i, b in enumerate(blocks[1::2])}
    read: list[str] = []
    real = Cast.read

    def counted(self: Cast, text: str) -> list[CastMember]:
        read.append(text)
        return real(self, text)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Cast, "read", counted)
        out = attribute(list(blocks), hints)
        assert [b.speaker for b in out if b.kind == "quote"] == [
            f"Jeanne Roy{i}" for i in range(40)]
        assert read == []
        last = Block("quote", "« Une dernière phrase que personne ne signe ici. »")
        out = attribute([*blocks, Block("paragraph", "Paul Martinz conclut la réunion."),
                         last], hints)
    assert out[-1].speaker == "Paul Martinz"
    assert read[:2] == [blocks[0].text, blocks[2].text]  # the narrative, in order


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.text(alphabet="abé «»", max_size=8), max_size=8),
       st.text(alphabet="abé «»", max_size=3))
def test_joined_texts_say_which_hold_a_string_as_a_scan_does(texts: list[str],
                                                             needle: str) -> None:
    assert list(Joined(texts).holding(needle)) == [
        index for index, text in enumerate(texts) if needle in text]


def test_pull_quotes_are_looked_for_in_one_search_of_the_article() -> None:
    """300 short quotations among 3,000 paragraphs: each is looked for in the joined
    text, not compared with every block in Python (900,000 steps)."""
    blocks = [Block("paragraph", f"Le paragraphe {i} dit des choses sur le sujet {i}.")
              for i in range(3000)]
    for i in range(0, 3000, 10):
        blocks[i] = Block("quote", f"Une citation numéro {i} assez longue pour compter ici.")
    blocks.append(Block("paragraph", "Il a dit : « Une citation numéro 2990 assez longue "
                                     "pour compter ici. » Puis il est parti."))
    calls = 0
    real = Joined.holding

    def counted(self: Joined, needle: str) -> Any:
        nonlocal calls
        calls += 1
        return real(self, needle)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Joined, "holding", counted)
        kept, _orphans = pull_quotes(blocks)
    assert len(kept) == len(blocks) - 1  # the repeated one is shown once
    assert calls <= 2 * 300


_PLAIN_ROLE_BEFORE = re.compile(r"((?:[\w'’-]+\s+){1,5})$")


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(["la", "directrice", "l'", "’", "-", " ", "  ", "\n", "/",
                                 "&", "é", "x", "Dr.", "«", "1"]), max_size=16).map("".join))
def test_the_role_before_a_name_is_read_as_by_the_plain_pattern(clause: str) -> None:
    found, expected = speakers._ROLE_BEFORE.search(clause), _PLAIN_ROLE_BEFORE.search(clause)
    assert (found and found.span(1)) == (expected and expected.span(1)), clause


def _article_page(paragraphs: int) -> str:
    """A page of our own text: narrative naming people, quotations with attributions,
    a blockquote with its cite, marked bylines and capitalised runs, `paragraphs` long."""
    names = _names(max(8, paragraphs // 4))
    parts = []
    for i in range(paragraphs):
        name, other = names[i % len(names)], names[(i * 7 + 3) % len(names)]
        shape = i % 5
        if shape == 0:
            parts.append(f"<p>{name}, directrice de la Société Générale des Eaux, rencontre "
                         f"{other} au Palais des Congrès le {i % 28 + 1} mars.</p>")
        elif shape == 1:
            parts.append(f"<p>« Nous avançons lentement sur le dossier {i} », explique "
                         f"{name.split()[1]}.</p>")
        elif shape == 2:
            parts.append(f"<blockquote><p>Le projet numéro {i} demande du temps et de la "
                         f"patience.</p><cite>{other}</cite></blockquote>")
        elif shape == 3:
            parts.append(f"<p>Die Wellness Behandlung der Stadt Bonn im Jahr {i} kostet "
                         f"viel Geld, sagt {name}.</p>")
        else:
            parts.append(f"<p class='byline'>Par {other}</p><p>Elle ajoute que le sujet "
                         f"{i} reste ouvert, selon {name}.</p>")
    return (f"<html lang='fr'><head><title>Un article</title></head><body><article>"
            f"<h1>Un article</h1>{''.join(parts)}</article></body></html>")


def _extraction_seconds(html: str) -> float:
    """The CPU time of the whole extraction of `html`, the fastest of three runs."""
    best = math.inf
    for _ in range(3):
        started = time.process_time()
        extract_html(html, "p")
        best = min(best, time.process_time() - started)
    return best


def test_extraction_time_grows_with_the_page_not_faster() -> None:
    """The whole extraction of a page four times longer takes about four times as long:
    under five times, where a step comparing every paragraph or name with every other
    would take sixteen. Timed in CPU seconds, fastest of three runs, page sizes chosen
    so that the short page takes tens of milliseconds."""
    small, large = _article_page(150), _article_page(600)
    extract_html(small, "p")  # warm: lexicons, patterns
    ratio = _extraction_seconds(large) / _extraction_seconds(small)
    assert ratio < 5, ratio
